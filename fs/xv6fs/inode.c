// fs/xv6fs/inode.c: on-disk inodes.
//
// struct dinode, 64 bytes (128 with XV6FS_FEAT_MULTIUSER: mode, owner,
// mtime follow), xv6fs.ipb to a block from sb.inodestart on; inode 0 is
// never used and ROOTINO is the root directory. Loading an inode checks
// its number, type and size, so later code can rely on them.
#include <octopos/types.h>
#include <octopos/bio.h>
#include <octopos/errno.h>
#include <octopos/log.h>
#include <octopos/printk.h>
#include <octopos/ratelimit.h>
#include <octopos/string.h>
#include "xv6fs.h"

// Block maps of the in-core inodes, by inode_slot() (see xv6fs_addrs).
static uint bmaps[CONFIG_NR_INODES][NDIRECT + 1];

static int
inum_ok(uint inum)
{
  return inum >= 1 && inum < xv6fs.sb.ninodes;
}

// Load ip from its dinode and check it. An orphan (orphan.c) is the one
// inode allowed a count of 0: it is being freed, never reached by a name.
static int
iload(struct inode *ip, int orphan)
{
  struct buf *bp;
  struct dinode *dip;

  ip->priv = bmaps[inode_slot(ip)];
  if (!inum_ok(ip->inum)) {
    printf("xv6fs: inode number %u out of range (corrupt directory?)\n", ip->inum);
    return -EUCLEAN;
  }
  if ((bp = bread(ip->dev, xv6fs_iblock(ip->inum))) == NULL)
    return -EIO;
  dip = xv6fs_dinode(bp->data, ip->inum);
  ip->type = dip->type;
  ip->major = dip->major;
  ip->minor = dip->minor;
  ip->nlink = dip->nlink;
  ip->size = dip->size;
  memmove(xv6fs_addrs(ip), dip->addrs, sizeof(dip->addrs));
  xv6fs_attr_load(ip, dip);
  brelse(bp);

  if (ip->type != T_DIR && ip->type != T_FILE && ip->type != T_DEVICE &&
      !(ip->type == T_SYMLINK && (xv6fs.features & XV6FS_FEAT_SYMLINKS))) {
    printf("xv6fs: inode %u has type %d (free or corrupt)\n", ip->inum, ip->type);
    return -EUCLEAN;
  }
  // Every inode reached by a name has 1..LINK_MAX of them (ialloc
  // writes 1): 0 would let the last close free a named inode for reuse.
  if (orphan ? ip->nlink != 0 : ip->nlink < 1 || ip->nlink > LINK_MAX)
    return inode_corrupt(ip, "link count out of range on disk");
  if (ip->size > xv6fs.maxblocks * BSIZE) {
    printf("xv6fs: inode %u: bad size %u\n", ip->inum, ip->size);
    return -EUCLEAN;
  }
  return 0;
}

int
xv6fs_iload(struct inode *ip)
{
  return iload(ip, 0);
}

int
xv6fs_iload_orphan(struct inode *ip)
{
  return iload(ip, 1);
}

void
xv6fs_iupdate(struct inode *ip)
{
  struct buf *bp;
  struct dinode *dip;

  if (!inum_ok(ip->inum))
    return;
  if ((bp = bread(ip->dev, xv6fs_iblock(ip->inum))) == NULL)
    return;
  dip = xv6fs_dinode(bp->data, ip->inum);
  dip->type = ip->type;
  dip->major = ip->major;
  dip->minor = ip->minor;
  dip->nlink = ip->nlink;
  dip->size = ip->size;
  // An inode never loaded (one ialloc gives back because the cache was
  // full) has no block map row, and no blocks either.
  if (xv6fs_addrs(ip))
    memmove(dip->addrs, xv6fs_addrs(ip), sizeof(dip->addrs));
  else
    memset(dip->addrs, 0, sizeof(dip->addrs));
  xv6fs_attr_store(ip, dip);
  log_write(bp);
  brelse(bp);
}

// Find a free on-disk inode and mark it taken by giving it a type.
int
xv6fs_ialloc(struct vfs_mount *m, short type, uint *inum)
{
  // A link on an image without the feature bit would make it unreadable
  // to xv6 and to fsck; such images stay link-free.
  if (type == T_SYMLINK && !(xv6fs.features & XV6FS_FEAT_SYMLINKS))
    return -EPERM;
  for (uint inr = 1; inr < xv6fs.sb.ninodes; ) {
    struct buf *bp = bread(m->dev, xv6fs_iblock(inr));
    if (bp == NULL)
      return -EIO;
    do {
      struct dinode *dip = xv6fs_dinode(bp->data, inr);
      if (dip->type == 0) {
        memset(dip, 0, xv6fs.isize);
        dip->type = type;
        dip->nlink = 1;                 // iload accepts it; create sets 1 too
        log_write(bp);
        brelse(bp);
        *inum = inr;
        return 0;
      }
      inr++;
    } while (inr % xv6fs.ipb != 0 && inr < xv6fs.sb.ninodes);
    brelse(bp);
  }
  printf_ratelimited("xv6fs: out of inodes", "xv6fs: out of inodes\n");
  return -ENOSPC;
}
