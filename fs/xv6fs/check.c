// fs/xv6fs/check.c: the mount-time cross-check of the bitmap against the
// inodes (CONFIG_XV6FS_MOUNT_CHECK).
//
// balloc() trusts the bitmap: a block marked free that an inode still
// names would be handed to a new file, and two files (or a directory and
// a file) would then share it, silently. So before the first allocation,
// every block an allocated inode names, its indirect blocks included, is
// checked to lie in the data area and be marked used. On any disagreement
// the file system still mounts (it can be read, and root can log in to
// repair it) but hands out no blocks until fsck has run: only fsck can
// tell which side is right. Blocks marked used that nobody names (a leak)
// are harmless and left to fsck.
//
// Never holds two buffers at once, so a pointer block that names itself
// cannot deadlock the scan; a block is re-read instead of copied (the
// buffer cache serves it), keeping the kernel stack small.
#include <octopos/types.h>
#include <octopos/bio.h>
#include <octopos/errno.h>
#include <octopos/printk.h>
#include "xv6fs.h"

#define SHOWN 5                 // disagreements printed one by one

struct scan {
  uint dev;
  uint inum;                    // the inode being checked
  int bad;
};

// Is b marked used in the bitmap? -1 on an I/O error.
static int
xv6fs_marked_used(uint dev, uint b)
{
  struct buf *bp = bread(dev, BBLOCK(b, xv6fs.sb));
  int used;

  if (bp == NULL)
    return -1;
  used = (bp->data[(b % BPB) / 8] >> (b % 8)) & 1;
  brelse(bp);
  return used;
}

// Check one block number; 1 if it may be followed (a pointer block).
static int
xv6fs_named(struct scan *s, uint b)
{
  if (b == 0)
    return 0;
  if (!xv6fs_data_ok(b)) {
    if (s->bad++ < SHOWN)
      printf("xv6fs: mount check: inode %u names block %u outside the data area\n", s->inum, b);
    return 0;
  }
  if (xv6fs_marked_used(s->dev, b) != 1) {
    if (s->bad++ < SHOWN)
      printf("xv6fs: mount check: inode %u uses block %u, which the bitmap marks free\n",
             s->inum, b);
    return 0;
  }
  return 1;
}

// Entry i of pointer block blk, or 0 on an I/O error.
static uint
xv6fs_entry(uint dev, uint blk, uint i)
{
  struct buf *bp = bread(dev, blk);
  uint b;

  if (bp == NULL)
    return 0;
  b = ((uint *)bp->data)[i];
  brelse(bp);
  return b;
}

// The block blk and, depth levels down, what it points at.
static void
xv6fs_walk(struct scan *s, uint blk, int depth)
{
  if (!xv6fs_named(s, blk) || depth == 0)
    return;
  for (uint i = 0; i < NINDIRECT; i++)
    xv6fs_walk(s, xv6fs_entry(s->dev, blk, i), depth - 1);
}

int
xv6fs_mount_check(uint dev)
{
  struct scan s = { .dev = dev };
  uint addrs[NDIRECT + 1];
  uint nd = xv6fs.ndirect;
  int large = (xv6fs.features & XV6FS_FEAT_LARGE_FILES) != 0;

  for (s.inum = 1; s.inum < xv6fs.sb.ninodes; s.inum++) {
    struct buf *bp = bread(dev, xv6fs_iblock(s.inum));
    if (bp == NULL)
      return -EIO;
    struct dinode *dip = xv6fs_dinode(bp->data, s.inum);
    short type = dip->type;
    for (uint i = 0; i <= NDIRECT; i++)
      addrs[i] = dip->addrs[i];
    brelse(bp);
    if (type == 0 || type == T_DEVICE)
      continue;
    for (uint i = 0; i < nd; i++)
      xv6fs_walk(&s, addrs[i], 0);
    xv6fs_walk(&s, addrs[nd], 1);
    if (large)
      xv6fs_walk(&s, addrs[nd + 1], 2);
  }
  if (s.bad == 0)
    return 0;
  printf("xv6fs: mount check: %d block(s) named by inodes are not safely allocated; "
         "no new blocks until fsck (writes needing one fail with ENOSPC)\n", s.bad);
  xv6fs.no_alloc = 1;
  xv6fs.mnt.needs_fsck = 1;
  return 0;
}
