// tests/host/include/octopos/printk.h: host shim for kernel output and panic.
//
// printf in kernel code under test goes to host_log (see host_test.h), so
// tests can check what a report said and the TAP/subunit stream stays
// clean. panic() longjmps to an EXPECT_PANIC() in the test, or fails the
// running test case.
#ifndef OCTOPOS_PRINTK_H
#define OCTOPOS_PRINTK_H
#include <stdio.h>     // before the #define below, so stdio's printf is declared once

int  host_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
#define printf host_printf

extern volatile int panicked;

#endif
