// include/octopos/ratelimit.h: kernel messages that user space can cause as
// often as it likes (a full disk, a full inode table, a program that
// faults), printed a burst at a time (CONFIG_PRINTK_RATELIMIT,
// kernel/ratelimit.c).
//
// Each call site keeps its own count: RATELIMIT_BURST messages per
// RATELIMIT_SECONDS window, then one line saying the rest of the window is
// left out, and with the first message of a later window how many were.
// Without the limit, the fuzzer filling the inode table printed thousands
// of "xv6fs: out of inodes" a second through the UART: the console, root's
// way in, was unreadable, and every process creating a file spent its
// time printing.
#ifndef OCTOPOS_RATELIMIT_H
#define OCTOPOS_RATELIMIT_H
#include <octopos/types.h>
#include <octopos/printk.h>

#define RATELIMIT_BURST   10
#define RATELIMIT_SECONDS 5

struct ratelimit {
  uint start;      // the tick the window began
  int printed;     // messages printed in it
  int missed;      // messages left out of it
};

#ifdef CONFIG_PRINTK_RATELIMIT
// 1: print this one. what names the message in the lines about the ones
// left out.
int ratelimit_allow(struct ratelimit *rl, const char *what);
#define printf_ratelimited(what, ...)                 \
  do {                                                \
    static struct ratelimit rl_;                      \
    if (ratelimit_allow(&rl_, what))                  \
      printf(__VA_ARGS__);                            \
  } while (0)
#else
#define printf_ratelimited(what, ...) printf(__VA_ARGS__)
#endif

#endif
