// fs/xv6fs/orphan.c: free, at mount, the inodes a stop left allocated
// with no name.
//
// unlink (and rmdir, rename over a file) removes the last name in one
// transaction, but the inode is freed only at its last close (iput),
// often in a later one: a file still open, a directory some process is
// in or is looking through at that moment. If the machine stops between
// the two (power cut, or a poweroff with the file still open), the disk
// keeps an allocated inode with a link count of 0 that no name leads to:
// the inode and its blocks are lost until fsck ("allocated but no
// directory entry names it"; crash trial 2713480 under a commit per
// operation: a directory removed while another worker's lookup held it).
// ext4 keeps a list of such orphans; xv6fs's format has none, so mount
// looks for them: an allocated inode with a count of 0 that no entry of
// a live directory names ("." and ".." aside) is freed, in a transaction
// of its own, as its last iput would have, before any process can open a
// file. One that a name still leads to is a damaged disk (#23: freeing
// it would hand a named inode to the next new file), left alone for fsck
// as iload leaves it. The cost on a clean disk is one pass over the inode
// blocks (13 blocks on xv6's fs.img); the directories are read only when
// a candidate turns up.
//
// With the bitmap in doubt (the mount check's no_alloc) nothing is freed:
// giving blocks back to a bitmap that is wrong is guessing; fsck decides.
#include <octopos/types.h>
#include <octopos/bio.h>
#include <octopos/fs.h>
#include <octopos/log.h>
#include <octopos/printk.h>
#include <octopos/sleeplock.h>
#include <octopos/string.h>
#include "xv6fs.h"

#define BATCH 32                // candidates per pass over the directories
#define SHOWN 5                 // orphans named one by one in the log

static uint cand[BATCH];        // inode numbers with a count of 0
static char named[BATCH];       // ... that a directory entry names

// The type and link count of inum's dinode; -1 on an I/O error.
static int
dinode_of(uint dev, uint inum, short *type, short *nlink)
{
  struct buf *bp = bread(dev, xv6fs_iblock(inum));
  struct dinode *dip;

  if (bp == NULL)
    return -1;
  dip = xv6fs_dinode(bp->data, inum);
  *type = dip->type;
  *nlink = dip->nlink;
  brelse(bp);
  return 0;
}

// Mark the candidates that the entries of live directory inum name.
static void
mark_named(struct vfs_mount *m, uint inum, int n)
{
  struct inode *dp = iget(m, inum);
  struct dirent de;

  if (dp == NULL)
    return;
  if (ilock(dp) == 0 && dp->type == T_DIR) {
    for (uint off = 0; off + sizeof(de) <= dp->size; off += sizeof(de)) {
      if (readi(dp, 0, (uint64)&de, off, sizeof(de)) != sizeof(de))
        break;
      if (de.inum == 0 || namecmp(de.name, ".") == 0 || namecmp(de.name, "..") == 0)
        continue;
      for (int i = 0; i < n; i++) {
        if (cand[i] == de.inum)
          named[i] = 1;
      }
    }
  }
  iunlockput(dp);
}

// Free orphan inum as the last iput would: its blocks, then its type.
static int
free_orphan(struct vfs_mount *m, uint inum)
{
  struct inode *ip;
  int freed = 0;

  begin_op();
  if ((ip = iget(m, inum)) != NULL) {
    acquiresleep(&ip->lock);
    if (xv6fs_iload_orphan(ip) == 0) {  // its type and size are sane
      xv6fs_itrunc(ip);
      ip->type = 0;
      xv6fs_iupdate(ip);
      freed = 1;
    }
    ip->valid = 0;
    releasesleep(&ip->lock);
    iput(ip);
  }
  end_op();
  return freed;
}

void
xv6fs_reclaim_orphans(struct vfs_mount *m)
{
  uint ninodes = xv6fs.sb.ninodes, from = 1;
  short type, nlink;
  int freed = 0;

  if (xv6fs.no_alloc)
    return;
  while (from < ninodes) {
    int n = 0;
    for (; from < ninodes && n < BATCH; from++) {
      if (dinode_of(m->dev, from, &type, &nlink) < 0)
        return;
      if (type != 0 && nlink == 0 && from != ROOTINO) {
        named[n] = 0;
        cand[n++] = from;
      }
    }
    if (n == 0)
      break;
    for (uint d = 1; d < ninodes; d++) {
      if (dinode_of(m->dev, d, &type, &nlink) < 0)
        return;
      if (type == T_DIR && nlink > 0)
        mark_named(m, d, n);
    }
    for (int i = 0; i < n; i++) {
      if (named[i] || !free_orphan(m, cand[i]))
        continue;
      if (freed++ < SHOWN)
        printf("xv6fs: freed orphaned inode %u (no name led to it: removed while still "
               "in use when the machine stopped)\n", cand[i]);
    }
  }
  if (freed > SHOWN)
    printf("xv6fs: freed %d orphaned inodes in all\n", freed);
}
