// include/octopos/buf.h: one cached disk block (fs/bio.c owns them).
#ifndef OCTOPOS_BUF_H
#define OCTOPOS_BUF_H
#include <octopos/sleeplock.h>
#include <uapi/octopos/fs.h>

struct buf {
  int valid;              // has data been read from disk?
  int disk;               // does the block device "own" buf? (driver sets/clears)
  int error;              // set by the driver when the transfer failed
  uint vhead;             // driver's handle for a transfer in flight
  uint dev;
  uint blockno;
  struct sleeplock lock;
  uint refcnt;
  struct buf *prev;       // LRU list
  struct buf *next;
  struct buf *hnext;      // hash chain
  uchar data[BSIZE];
};

#endif
