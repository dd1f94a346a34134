// drivers/base/blkdev.c: the registry of block devices.
//
// Drivers register a struct blkdev at probe time; its index in the table
// is the device number the file system uses (buf->dev), so the first disk
// registered is device 0. Devices are never unregistered, which lets
// blkdev_get() and blkdev_rw() read the table without the lock once
// `count` covers an entry.

#include <octopos/blkdev.h>
#include <octopos/errno.h>
#include <octopos/printk.h>
#include <octopos/spinlock.h>

#define BLKDEV_MAX 16   // disks and their partitions

static struct spinlock lock;
static struct blkdev *devs[BLKDEV_MAX];
static volatile int count;

int
blkdev_register(struct blkdev *bd)
{
  static int inited;
  if (!inited) {
    // Registration happens during boot on one hart, before anyone reads.
    initlock(&lock, "blkdev");
    inited = 1;
  }
  acquire(&lock);
  if (count == BLKDEV_MAX) {
    release(&lock);
    printf("blkdev: %s: table full (%d devices)\n", bd->name, BLKDEV_MAX);
    return -ENOSPC;
  }
  devs[count] = bd;
  __sync_synchronize();   // the entry is complete before count says so
  count++;
  release(&lock);
  printf("blkdev: dev %d is %s, %lu blocks\n", count - 1, bd->name, bd->nblocks);
  return 0;
}

struct blkdev *
blkdev_get(uint dev)
{
  if (dev >= (uint)count)
    return NULL;
  __sync_synchronize();
  return devs[dev];
}

int
blkdev_count(void)
{
  return count;
}

int
blkdev_rw(struct buf *b, int write)
{
  struct blkdev *bd = blkdev_get(b->dev);
  b->error = 0;
  if (bd == NULL || b->blockno >= bd->nblocks) {
    printf("blkdev: %s of block %u on dev %u: no such %s\n", write ? "write" : "read",
           b->blockno, b->dev, bd ? "block" : "device");
    b->error = 1;
    return -EIO;
  }
  bd->rw(bd, b, write);
  return b->error ? -EIO : 0;
}

// Start transfers of n locked buffers (all on one device, n at most
// BLKDEV_BATCH) without waiting. A driver that cannot keep requests in
// flight does each transfer here, in turn.
int
blkdev_submit_batch(struct buf **bufs, int n, int write)
{
  if (n <= 0)
    return 0;
  struct blkdev *bd = blkdev_get(bufs[0]->dev);
  int err = 0;
  for (int j = 0; j < n; j++) {
    struct buf *b = bufs[j];
    b->error = 0;
    if (bd == NULL || bd->submit == NULL || bd->wait == NULL) {
      if (blkdev_rw(b, write) < 0)
        err = -EIO;
      continue;
    }
    if (j >= BLKDEV_BATCH || b->dev != bufs[0]->dev || b->blockno >= bd->nblocks) {
      printf("blkdev: batched %s of block %u on dev %u refused\n",
             write ? "write" : "read", b->blockno, b->dev);
      b->error = 1;
      err = -EIO;
      continue;
    }
    bd->submit(bd, b, write);
  }
  if (bd != NULL && bd->submit != NULL && bd->kick != NULL)
    bd->kick(bd);
  return err;
}

// Wait for the transfers blkdev_submit_batch() started. Every submitted
// transfer must be waited for, finished or not: the wait is what gives its
// descriptors back. Any process may wait, not only the one that submitted.
int
blkdev_wait_batch(struct buf **bufs, int n)
{
  if (n <= 0)
    return 0;
  struct blkdev *bd = blkdev_get(bufs[0]->dev);
  int err = 0;
  for (int j = 0; j < n; j++) {
    struct buf *b = bufs[j];
    if (!b->error && bd != NULL && bd->submit != NULL && bd->wait != NULL)
      bd->wait(bd, b);
    if (b->error)
      err = -EIO;
  }
  return err;
}

int
blkdev_rw_batch(struct buf **bufs, int n, int write)
{
  int err = 0;
  for (int i = 0; i < n; i += BLKDEV_BATCH) {
    int m = MIN(n - i, BLKDEV_BATCH);
    if (blkdev_submit_batch(bufs + i, m, write) < 0)
      err = -EIO;
    if (blkdev_wait_batch(bufs + i, m) < 0)
      err = -EIO;
  }
  return err;
}
