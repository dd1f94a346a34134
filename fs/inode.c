// fs/inode.c: the in-core inode cache, shared by every file system.
//
// itable holds CONFIG_NR_INODES inodes; an entry with ref > 0 names a file
// someone uses (an open file, a cwd, a path walk in progress). itable.lock
// guards dev/inum/ref/mnt; ip->lock, a sleep lock, guards the rest, which a
// file system fills in on the first ilock() (ip->valid).
//
// Life of an inode, as xv6: iget (ref++) -> ilock (load, lock) -> use ->
// iunlock -> iput (ref--). When the last reference goes and no directory
// links to the inode any more, iput() frees its data and the inode itself,
// so iput() must run inside a transaction.
//
// Link counts are bounded (LINK_MAX, below the 16-bit field's range) and
// never trusted past that: a count outside 0..LINK_MAX means the disk or
// the kernel is wrong, and such an inode is never freed (its names may
// still exist), only reported once with its file system marked for fsck.
#include <octopos/types.h>
#include <octopos/errno.h>
#include <octopos/fs.h>
#include <octopos/perm.h>
#include <octopos/printk.h>
#include <octopos/ratelimit.h>
#include <octopos/proc.h>
#include <octopos/refcheck.h>
#include <octopos/spinlock.h>
#include <octopos/sleeplock.h>
#include <octopos/vfs.h>

static struct {
  struct spinlock lock;
  struct inode inode[CONFIG_NR_INODES];
} itable;

void
iinit(void)
{
  initlock(&itable.lock, "itable");
  for (int i = 0; i < CONFIG_NR_INODES; i++)
    initsleeplock(&itable.inode[i].lock, "inode");
}

int
inode_slot(const struct inode *ip)
{
  return ip - itable.inode;
}

struct inode *
inode_at_slot(int slot)
{
  return &itable.inode[slot];
}

struct inode *
iget(struct vfs_mount *m, uint inum)
{
  struct inode *ip, *empty = NULL;

  acquire(&itable.lock);
  for (ip = &itable.inode[0]; ip < &itable.inode[CONFIG_NR_INODES]; ip++) {
    if (ip->ref > 0 && ip->mnt == m && ip->inum == inum) {
      ip->ref++;
      refcheck_take(ip);
      release(&itable.lock);
      return ip;
    }
    if (empty == NULL && ip->ref == 0)
      empty = ip;
  }
  if (empty == NULL) {
    release(&itable.lock);
    printf_ratelimited("iget: inode table full",
                       "iget: inode table full (CONFIG_NR_INODES=%d)\n", CONFIG_NR_INODES);
    return NULL;
  }
  ip = empty;
  ip->mnt = m;
  ip->dev = m->dev;
  ip->inum = inum;
  ip->ref = 1;
  ip->valid = 0;
  refcheck_take(ip);
  release(&itable.lock);
  return ip;
}

struct inode *
idup(struct inode *ip)
{
  acquire(&itable.lock);
  ip->ref++;
  refcheck_take(ip);
  release(&itable.lock);
  return ip;
}

int
ilock(struct inode *ip)
{
  if (ip == NULL || ip->ref < 1)
    panic("ilock");
  acquiresleep(&ip->lock);
  if (!ip->valid) {
    int err = ip->mnt->ops->iload(ip);
    if (err < 0)
      return err;
    ip->valid = 1;
  }
  return 0;
}

void
iunlock(struct inode *ip)
{
  if (ip == NULL || !holdingsleep(&ip->lock) || ip->ref < 1)
    panic("iunlock");
  releasesleep(&ip->lock);
}

int
inode_link_room(struct inode *ip)
{
  return ip->nlink >= LINK_MAX ? -EMLINK : 0;
}

int
inode_corrupt(struct inode *ip, const char *what)
{
  struct vfs_mount *m = ip->mnt;

  if (!IS_ENABLED(CONFIG_FS_XV6))
    return -EUCLEAN;            // ramfs alone (tiny): counts come from memory only
  printf("fs: dev %u inode %u: %s (nlink %d): not used%s\n", ip->dev, ip->inum,
         what, ip->nlink, m->needs_fsck ? "" : "; the file system needs fsck");
  m->needs_fsck = 1;
  return -EUCLEAN;
}

void
iput(struct inode *ip)
{
  acquire(&itable.lock);
  if (IS_ENABLED(CONFIG_FS_XV6) && ip->ref == 1 && ip->valid &&
      (ip->nlink < 0 || ip->nlink > LINK_MAX)) {
    // Counted past its range in memory: names may remain, so keep it.
    // (ramfs alone, as tiny, never leaves the range link/mkdir keep.)
    ip->valid = 0;
    release(&itable.lock);
    inode_corrupt(ip, "link count out of range at last close");
    acquire(&itable.lock);
  }
  while (ip->ref == 1 && ip->valid && ip->nlink == 0) {
    // The last reference to an unlinked inode: free it. ref == 1 means
    // no one else holds or waits for the lock, so this cannot block.
    // A loop, not an if: between the free and ref-- below this slot
    // still names the inode number, so a create on another hart (or a
    // process run while this one was preempted) may reuse the number
    // into this very slot, load it again (valid), remove it and drop
    // its own reference, leaving the last one to us: then free it too
    // (the orphan a clean poweroff left after make test's fuzz run).
    acquiresleep(&ip->lock);
    release(&itable.lock);
    ip->mnt->ops->itrunc(ip);
    ip->type = 0;
    ip->mnt->ops->iupdate(ip);
    ip->valid = 0;
    releasesleep(&ip->lock);
    acquire(&itable.lock);
  }
  ip->ref--;
  release(&itable.lock);
}

void
iunlockput(struct inode *ip)
{
  iunlock(ip);
  iput(ip);
}

void
iupdate(struct inode *ip)
{
  ip->mnt->ops->iupdate(ip);
}

void
itrunc(struct inode *ip)
{
  ip->mnt->ops->itrunc(ip);
}

int
ialloc(struct vfs_mount *m, short type, struct inode **out)
{
  uint inum;
  int err = m->ops->ialloc(m, type, &inum);

  if (err < 0)
    return err;
  *out = iget(m, inum);
  if (*out == NULL) {
    // Give the new inode back so it does not leak on disk.
    struct inode tmp = { .mnt = m, .dev = m->dev, .inum = inum, .type = 0 };
    m->ops->iupdate(&tmp);
    return -ENFILE;
  }
  return 0;
}

int
readi(struct inode *ip, int user_dst, uint64 dst, uint off, uint n)
{
  if (!ip->valid)
    return -EIO;
  if (off > ip->size || off + n < off)
    return 0;
  if (off + n > ip->size)
    n = ip->size - off;
  if (n == 0)
    return 0;
  return ip->mnt->ops->read(ip, user_dst, dst, off, n);
}

int
writei(struct inode *ip, int user_src, uint64 src, uint off, uint n)
{
  if (!ip->valid)
    return -EIO;
  if (off > ip->size || off + n < off)
    return -EINVAL;
  perm_touch(ip);               // the file system's write stores the inode
  return ip->mnt->ops->write(ip, user_src, src, off, n);
}

void
stati(struct inode *ip, struct stat *st)
{
  st->dev = ip->dev;
  st->ino = ip->inum;
  st->type = ip->type;
  st->nlink = ip->nlink;
  st->size = ip->size;
}
