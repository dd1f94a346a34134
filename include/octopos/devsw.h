// include/octopos/devsw.h: character devices by major number (fs/devsw.c holds the table).
#ifndef OCTOPOS_DEVSW_H
#define OCTOPOS_DEVSW_H
#include <octopos/types.h>

// Major numbers. 1 is xv6's console; the rest are octopos's.
#define DEV_CONSOLE 1
#define DEV_NULL    2
#define DEV_ZERO    3
#define DEV_RANDOM  4
#define NDEV        10

// read/write move n bytes to/from dst/src, a user address when user is 1.
// Return bytes moved or a negative error code.
struct devsw {
  int (*read)(int user_dst, uint64 dst, int n);
  int (*write)(int user_src, uint64 src, int n);
};

extern struct devsw devsw[NDEV];

#endif
