// fs/xv6fs/bmap.c: file contents, the block map of an inode.
//
// An inode's block map (xv6fs_addrs(ip), the dinode's addrs[]) holds
// ndirect direct block numbers, then one singly-indirect block of
// NINDIRECT numbers (xv6), and, on images with the large-file feature,
// one doubly-indirect block (addrs[NDIRECT - 1] singly and addrs[NDIRECT]
// doubly indirect, 11 direct). A zero entry is a hole: reads see zeros,
// writes allocate. Every non-zero entry is checked to lie
// in the data area before it is followed.
#include <octopos/types.h>
#include <octopos/bio.h>
#include <octopos/errno.h>
#include <octopos/log.h>
#include <octopos/printk.h>
#include <octopos/proc.h>
#include <octopos/string.h>
#include "xv6fs.h"

static int
corrupt(struct inode *ip, uint b)
{
  printf("xv6fs: inode %u points at block %u outside the data area\n", ip->inum, b);
  return -EUCLEAN;
}

// A block pointer held in the inode. *out = 0 for a hole when !alloc.
static int
slot_inode(struct inode *ip, uint *slot, int alloc, uint *out)
{
  uint a = *slot;

  if (a == 0 && alloc) {
    if ((a = xv6fs_balloc(ip->dev)) == 0)
      return -ENOSPC;
    *slot = a;                      // xv6fs_write's iupdate stores it
  } else if (a != 0 && !xv6fs_data_ok(a)) {
    return corrupt(ip, a);
  }
  *out = a;
  return 0;
}

// Entry idx of the pointer block blk.
static int
slot_block(struct inode *ip, uint blk, uint idx, int alloc, uint *out)
{
  struct buf *bp = bread(ip->dev, blk);
  int err = 0;

  if (bp == NULL)
    return -EIO;
  uint *a = (uint *)bp->data;
  uint b = a[idx];
  if (b == 0 && alloc) {
    if ((b = xv6fs_balloc(ip->dev)) == 0) {
      err = -ENOSPC;
    } else {
      a[idx] = b;
      log_write(bp);
    }
  } else if (b != 0 && !xv6fs_data_ok(b)) {
    err = corrupt(ip, b);
  }
  brelse(bp);
  *out = b;
  return err;
}

// The disk block holding block bn of ip, in *out (0: a hole, !alloc).
// 0, -ENOSPC, -EFBIG, -EIO, -EUCLEAN.
static int
bmap(struct inode *ip, uint bn, int alloc, uint *out)
{
  uint nd = xv6fs.ndirect, ind, *addrs = xv6fs_addrs(ip);
  int err;

  if (bn < nd)
    return slot_inode(ip, &addrs[bn], alloc, out);
  bn -= nd;
  if (bn < NINDIRECT) {
    if ((err = slot_inode(ip, &addrs[nd], alloc, &ind)) < 0)
      return err;
    if (ind == 0) {
      *out = 0;
      return 0;
    }
    return slot_block(ip, ind, bn, alloc, out);
  }
  bn -= NINDIRECT;
  if ((xv6fs.features & XV6FS_FEAT_LARGE_FILES) && bn < NINDIRECT * NINDIRECT) {
    if ((err = slot_inode(ip, &addrs[nd + 1], alloc, &ind)) < 0)
      return err;
    if (ind != 0 && (err = slot_block(ip, ind, bn / NINDIRECT, alloc, &ind)) < 0)
      return err;
    if (ind == 0) {
      *out = 0;
      return 0;
    }
    return slot_block(ip, ind, bn % NINDIRECT, alloc, out);
  }
  return -EFBIG;
}

#define FREE_TREE_BATCH 32      // divides NINDIRECT

// Free pointer block blk and, depth levels down, what it points to.
static void
free_tree(struct inode *ip, uint blk, int depth)
{
  if (!xv6fs_data_ok(blk)) {
    corrupt(ip, blk);
    return;
  }
  if (depth > 0) {
    // A few entries at a time: bp is not held across the frees (they read
    // bitmap blocks), and a whole block's worth of entries (1 KiB) per
    // level of this recursion would not fit a 4 KiB kernel stack.
    for (uint at = 0; at < NINDIRECT; at += FREE_TREE_BATCH) {
      struct buf *bp = bread(ip->dev, blk);
      if (bp == NULL)
        return;
      uint a[FREE_TREE_BATCH];
      memmove(a, (uint *)bp->data + at, sizeof(a));
      brelse(bp);
      for (uint i = 0; i < FREE_TREE_BATCH; i++) {
        if (a[i])
          free_tree(ip, a[i], depth - 1);
      }
    }
  }
  xv6fs_bfree(ip->dev, blk);
}

void
xv6fs_itrunc(struct inode *ip)
{
  uint nd = xv6fs.ndirect, *addrs = xv6fs_addrs(ip);

  for (uint i = 0; i < NDIRECT + 1; i++) {
    if (addrs[i]) {
      int depth = i < nd ? 0 : (int)(i - nd) + 1;
      free_tree(ip, addrs[i], depth);
      addrs[i] = 0;
    }
  }
  ip->size = 0;
  xv6fs_iupdate(ip);
}

int
xv6fs_read(struct inode *ip, int user_dst, uint64 dst, uint off, uint n)
{
  static const uchar zeros[BSIZE];
  uint tot, m, b;
  int err;

  for (tot = 0; tot < n; tot += m, off += m, dst += m) {
    m = MIN(n - tot, BSIZE - off % BSIZE);
    if ((err = bmap(ip, off / BSIZE, 0, &b)) < 0)
      return err;
    if (b == 0) {
      if (either_copyout(user_dst, dst, (void *)zeros, m) < 0)
        return -EFAULT;
      continue;
    }
    struct buf *bp = bread(ip->dev, b);
    if (bp == NULL)
      return -EIO;
    err = either_copyout(user_dst, dst, bp->data + off % BSIZE, m);
    brelse(bp);
    if (err < 0)
      return -EFAULT;
  }
  return tot;
}

int
xv6fs_write(struct inode *ip, int user_src, uint64 src, uint off, uint n)
{
  uint tot, m, b;
  int err = 0;

  if ((uint64)off + n > (uint64)xv6fs.maxblocks * BSIZE)
    return -EFBIG;
  for (tot = 0; tot < n; tot += m, off += m, src += m) {
    m = MIN(n - tot, BSIZE - off % BSIZE);
    if ((err = bmap(ip, off / BSIZE, 1, &b)) < 0)
      break;
    struct buf *bp = bread(ip->dev, b);
    if (bp == NULL) {
      err = -EIO;
      break;
    }
    err = either_copyin(bp->data + off % BSIZE, user_src, src, m);
    // Log even a partial copy, so the cache never holds unlogged changes.
    log_write(bp);
    brelse(bp);
    if (err < 0)
      break;
  }
  if (off > ip->size)
    ip->size = off;
  // Write the inode back even if the size did not change: bmap may have
  // put new block numbers in the block map.
  xv6fs_iupdate(ip);
  if (tot == 0 && err < 0)
    return err;
  return tot;
}
