// include/octopos/blkdev.h: block devices, as the file system sees them.
//
// A driver (drivers/virtio/virtio_blk.c, drivers/block/ramdisk.c) fills a
// struct blkdev and registers it at probe time. rw() transfers one BSIZE
// block between b->data and the device, sleeping until done; on failure it
// sets b->error. Called with b->lock held. The block on the medium is
// start + b->blockno: a partition (drivers/block/partition.c) is a copy of
// its disk's blkdev with start set, served by the same driver functions.
#ifndef OCTOPOS_BLKDEV_H
#define OCTOPOS_BLKDEV_H
#include <octopos/buf.h>

struct blkdev {
  const char *name;
  uint64 nblocks;                    // capacity in BSIZE blocks
  void (*rw)(struct blkdev *bd, struct buf *b, int write);
  // Optional: start a transfer without waiting, and wait for one started.
  // With them blkdev_rw_batch() keeps several requests in flight.
  void (*submit)(struct blkdev *bd, struct buf *b, int write);
  void (*wait)(struct blkdev *bd, struct buf *b);
  // Optional: submit() may leave the device unaware of the transfers it
  // started until kick(), which blkdev_submit_batch() calls after the
  // last one, so that the device sees a batch at once.
  void (*kick)(struct blkdev *bd);
  void *priv;
  uint64 start;                      // first block on the medium; 0 for a whole disk
  // Set for a partition (drivers/block/partition.c): the disk it is on, its
  // number in the disk's table, its GPT name ("" if none), and whether it
  // holds boot files (EFI system or FAT) rather than a root.
  struct blkdev *parent;
  int partno;
  const char *label;
  int boot;
};

int  blkdev_register(struct blkdev *bd);   // 0 or -ENOSPC
struct blkdev *blkdev_get(uint dev);       // dev = registration index, or NULL
int  blkdev_count(void);
// The xv6fs root device that root= names (spec: NULL for the default), or
// -ENODEV after listing the devices there are (drivers/block/rootdev.c).
int  rootdev_choose(const char *spec);
// Transfer b on device b->dev; returns 0 or -EIO (and sets b->error).
int  blkdev_rw(struct buf *b, int write);
// Transfer n locked buffers (all on one device) with as many requests in
// flight as the driver allows: a commit pays one disk round trip, not n.
// 0, or -EIO if any transfer failed (each failed buffer has b->error set).
int  blkdev_rw_batch(struct buf **bufs, int n, int write);
// The two halves of blkdev_rw_batch(), for a caller that does other work
// (or other transfers) while the batch is in flight. submit takes at most
// BLKDEV_BATCH buffers (a chain takes three descriptors, and a driver's
// queue may be as small as 64); whoever submits must see that someone
// waits for each, since the wait gives the request's resources back.
// Both return 0, or -EIO with b->error set on each failed buffer.
#define BLKDEV_BATCH 16
int  blkdev_submit_batch(struct buf **bufs, int n, int write);
int  blkdev_wait_batch(struct buf **bufs, int n);

#endif
