// fs/bio.c: the buffer cache.
//
// CONFIG_NR_BUFS buffers hold copies of disk blocks. Caching cuts disk
// reads, and the per-buffer sleep lock makes a block's cached copy the one
// place where processes meet to change it.
//
// A hash table on (dev, blockno) finds a cached block in O(1); a list in
// least-recently-released order picks the buffer to recycle. bcache.lock
// guards the table, the list and every refcnt; b->lock guards b->data and
// b->valid. A process that finds every buffer in use sleeps until one is
// released instead of failing: the log keeps its blocks pinned, so running
// short is a matter of waiting for a commit, not an error.
#include <octopos/types.h>
#include <octopos/bio.h>
#include <octopos/blkdev.h>
#include <octopos/errno.h>
#include <octopos/printk.h>
#include <octopos/proc.h>
#include <octopos/spinlock.h>
#include <octopos/sleeplock.h>

#define NBUCKET CONFIG_NR_BUFS

static struct {
  struct spinlock lock;
  struct buf buf[CONFIG_NR_BUFS];
  struct buf *bucket[NBUCKET];
  // LRU list through prev/next: head.next was released most recently.
  struct buf head;
  int waiters;              // processes sleeping for a free buffer
} bcache;

static uint
bhash(uint dev, uint blockno)
{
  return (blockno + dev * 0x9e3779b1u) % NBUCKET;
}

static void
lru_unlink(struct buf *b)
{
  b->next->prev = b->prev;
  b->prev->next = b->next;
}

static void
lru_push_front(struct buf *b)
{
  b->next = bcache.head.next;
  b->prev = &bcache.head;
  bcache.head.next->prev = b;
  bcache.head.next = b;
}

static void
hash_remove(struct buf *b)
{
  struct buf **pp = &bcache.bucket[bhash(b->dev, b->blockno)];

  for (; *pp; pp = &(*pp)->hnext) {
    if (*pp == b) {
      *pp = b->hnext;
      b->hnext = NULL;
      return;
    }
  }
}

void
binit(void)
{
  initlock(&bcache.lock, "bcache");
  bcache.head.prev = &bcache.head;
  bcache.head.next = &bcache.head;
  for (int i = 0; i < CONFIG_NR_BUFS; i++) {
    struct buf *b = &bcache.buf[i];
    initsleeplock(&b->lock, "buffer");
    // Not hashed until first used: blockno ~0 matches no real block.
    b->dev = ~0u;
    b->blockno = ~0u;
    lru_push_front(b);
  }
}

// The buffer for (dev, blockno), locked, with refcnt raised; its data is
// valid only if b->valid.
static struct buf *
bget(uint dev, uint blockno)
{
  struct buf *b;

  acquire(&bcache.lock);
  for (;;) {
    for (b = bcache.bucket[bhash(dev, blockno)]; b; b = b->hnext) {
      if (b->dev == dev && b->blockno == blockno) {
        b->refcnt++;
        release(&bcache.lock);
        acquiresleep(&b->lock);
        return b;
      }
    }
    // Not cached: recycle the least recently used free buffer.
    for (b = bcache.head.prev; b != &bcache.head; b = b->prev) {
      if (b->refcnt == 0) {
        if (b->dev != ~0u)
          hash_remove(b);
        b->dev = dev;
        b->blockno = blockno;
        b->valid = 0;
        b->refcnt = 1;
        uint h = bhash(dev, blockno);
        b->hnext = bcache.bucket[h];
        bcache.bucket[h] = b;
        release(&bcache.lock);
        acquiresleep(&b->lock);
        return b;
      }
    }
    bcache.waiters++;
    sleep(&bcache, &bcache.lock);
    bcache.waiters--;
  }
}

struct buf *
bread(uint dev, uint blockno)
{
  struct blkdev *bd = blkdev_get(dev);

  if (bd == NULL || blockno >= bd->nblocks) {
    printf("bio: block %u beyond the end of dev %u\n", blockno, dev);
    return NULL;
  }
  struct buf *b = bget(dev, blockno);
  if (!b->valid) {
    if (blkdev_rw(b, 0) < 0) {
      printf("bio: read error, dev %u block %u\n", dev, blockno);
      brelse(b);
      return NULL;
    }
    b->valid = 1;
  }
  return b;
}

struct buf *
bfill(uint dev, uint blockno)
{
  struct blkdev *bd = blkdev_get(dev);

  if (bd == NULL || blockno >= bd->nblocks) {
    printf("bio: block %u beyond the end of dev %u\n", blockno, dev);
    return NULL;
  }
  struct buf *b = bget(dev, blockno);
  b->valid = 1;
  return b;
}

int
bwrite(struct buf *b)
{
  if (!holdingsleep(&b->lock))
    panic("bwrite: buffer not locked");
  if (blkdev_rw(b, 1) < 0) {
    printf("bio: write error, dev %u block %u\n", b->dev, b->blockno);
    return -EIO;
  }
  return 0;
}

void
brelse(struct buf *b)
{
  if (!holdingsleep(&b->lock))
    panic("brelse: buffer not locked");
  releasesleep(&b->lock);

  acquire(&bcache.lock);
  if (--b->refcnt == 0) {
    lru_unlink(b);
    lru_push_front(b);
    if (bcache.waiters)
      wakeup(&bcache);
  }
  release(&bcache.lock);
}

void
bpin(struct buf *b)
{
  acquire(&bcache.lock);
  b->refcnt++;
  release(&bcache.lock);
}

void
bunpin(struct buf *b)
{
  acquire(&bcache.lock);
  if (--b->refcnt == 0) {
    lru_unlink(b);
    lru_push_front(b);
    if (bcache.waiters)
      wakeup(&bcache);
  }
  release(&bcache.lock);
}
