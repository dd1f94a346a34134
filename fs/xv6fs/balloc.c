// fs/xv6fs/balloc.c: the free-block bitmap.
//
// One bit per block of the image, BPB bits per bitmap block, 1 = in use.
// Only blocks at or past the data area are handed out or taken back, so a
// corrupt bitmap can never give away the log, inodes or the bitmap itself.
#include <octopos/types.h>
#include <octopos/bio.h>
#include <octopos/log.h>
#include <octopos/printk.h>
#include <octopos/ratelimit.h>
#include <octopos/string.h>
#include "xv6fs.h"

// Where to start looking: blocks below it were in use at the last look.
// A hint only; a wrong value costs a longer scan.
static uint next_free;

static void
xv6fs_bzero_block(uint dev, uint b)
{
  struct buf *bp = bfill(dev, b);

  if (bp == NULL)
    return;
  memset(bp->data, 0, BSIZE);
  log_write(bp);
  brelse(bp);
}

static uint
xv6fs_scan_from(uint dev, uint start)
{
  uint size = xv6fs.sb.size;

  for (uint base = start - start % BPB; base < size; base += BPB) {
    struct buf *bp = bread(dev, BBLOCK(base, xv6fs.sb));
    if (bp == NULL)
      return 0;
    uint first = base < start ? start - base : 0;
    for (uint bi = first; bi < BPB && base + bi < size; bi++) {
      uchar *byte = &bp->data[bi / 8];
      if (*byte == 0xff && bi % 8 == 0) {
        bi += 7;                        // a whole byte in use
        continue;
      }
      uchar m = 1 << (bi % 8);
      if ((*byte & m) == 0) {
        *byte |= m;
        log_write(bp);
        brelse(bp);
        return base + bi;
      }
    }
    brelse(bp);
  }
  return 0;
}

uint
xv6fs_balloc(uint dev)
{
  uint b;

  if (xv6fs.no_alloc)
    return 0;                           // check.c found the bitmap wrong
  if (next_free < xv6fs.datastart || next_free >= xv6fs.sb.size)
    next_free = xv6fs.datastart;
  b = xv6fs_scan_from(dev, next_free);
  if (b == 0 && next_free > xv6fs.datastart)
    b = xv6fs_scan_from(dev, xv6fs.datastart);
  if (b == 0) {
    printf_ratelimited("xv6fs: out of blocks", "xv6fs: out of blocks\n");
    return 0;
  }
  next_free = b + 1;
  xv6fs_bzero_block(dev, b);
  return b;
}

void
xv6fs_bfree(uint dev, uint b)
{
  if (!xv6fs_data_ok(b)) {
    printf("xv6fs: not freeing block %u: outside the data area\n", b);
    return;
  }
  struct buf *bp = bread(dev, BBLOCK(b, xv6fs.sb));
  if (bp == NULL)
    return;
  uint bi = b % BPB;
  uchar m = 1 << (bi % 8);
  if ((bp->data[bi / 8] & m) == 0) {
    printf("xv6fs: block %u freed twice (corrupt image?)\n", b);
  } else {
    bp->data[bi / 8] &= ~m;
    log_write(bp);
    if (b < next_free)
      next_free = b;
  }
  brelse(bp);
}
