// include/octopos/printk.h: kernel console output and panic (kernel/printf.c).
#ifndef OCTOPOS_PRINTK_H
#define OCTOPOS_PRINTK_H

// printf: %d %u %x %p %s %c %l{d,u,x} %%; safe from any hart, takes pr.lock.
int  printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void printk_init(void);

extern volatile int panicked;
extern volatile int printk_quiet;   // `quiet` on the command line: printf prints nothing (panic does)   // set once a hart panics; other harts stop output

#endif
