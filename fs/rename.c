// fs/rename.c: rename(old, new) (CONFIG_FS_SYNC).
//
// The whole change (the new entry, the old one removed, a moved
// directory's "..", a replaced target's link count) is one file-system
// operation, so on xv6fs it is one log transaction: after a crash either
// the old or the new name refers to the file, never neither, and a
// replaced target is either still there or gone with the move.
//
// Locking: renames are serialized by rename_lock, so no directory changes
// its parent while one runs (only rename moves directories). That makes
// the ".." walk of is_ancestor() stable, which is both how "a directory
// into its own subtree" is refused and how the two parent directories are
// ordered: every other operation locks a directory before its children,
// so the parent that is an ancestor of the other is locked first. Two
// unrelated directories can be locked in either order (nobody else ever
// holds one while waiting for the other). rename_lock is taken before
// the transaction begins (vfs_begin_path), as every rename does.
#include <octopos/types.h>
#include <octopos/errno.h>
#include <octopos/fs.h>
#include <octopos/printk.h>
#include <octopos/perm.h>
#include <octopos/sleeplock.h>
#include <octopos/syscall.h>
#include <octopos/vfs.h>

#define ANCESTOR_MAXDEPTH 1024      // deeper means a ".." loop on a bad disk

static struct sleeplock rename_lock;

void
rename_init(void)
{
  initsleeplock(&rename_lock, "rename");
}

// 1 if a is d or an ancestor of d, 0 if not, or -errno. Nothing locked.
static int
is_ancestor(struct inode *a, struct inode *d)
{
  struct inode *ip = idup(d), *up;
  int err;

  for (int depth = 0; depth < ANCESTOR_MAXDEPTH; depth++) {
    if (ip == a) {
      iput(ip);
      return 1;
    }
    if (ip->inum == ip->mnt->rootino) {
      iput(ip);
      return 0;
    }
    if ((err = ilock(ip)) < 0) {
      iunlockput(ip);
      return err;
    }
    up = dirlookup(ip, "..", NULL);
    iunlockput(ip);
    if (up == NULL)
      return -EUCLEAN;            // a directory without ".."
    ip = up;
  }
  iput(ip);
  return -EUCLEAN;
}

// The path names the root (nothing but slashes): a mount point.
static int
is_root_path(const char *path)
{
  if (*path == 0)
    return 0;
  while (*path == '/')
    path++;
  return *path == 0;
}

static int
is_dot(const char *name)
{
  return namecmp(name, ".") == 0 || namecmp(name, "..") == 0;
}

// Undo after a failed step: put the entry name back in dp for inum (0:
// take the name out of dp). Only the disk can make this fail too; then
// the file system is left as far as it got, and says so.
static void
put_back(struct inode *dp, const char *name, uint inum)
{
  uint off;
  struct inode *cur = dirlookup(dp, name, &off);
  int err = 0;
  if (cur) {
    err = dirunlink(dp, off);
    iput(cur);                    // locked by us or unlocked: only a reference
  }
  if (err == 0 && inum != 0)
    err = dirlink(dp, name, inum);
  if (err < 0)
    printf("rename: error %d putting back the name '%s' after a failed rename; run fsck\n", err,
           name);
}

// With odp and ndp locked, ip (the old name's inode) and tp (the new
// name's, or NULL) locked: check the types and make the change.
//
// A disk error part way (a directory block that cannot be read) must not
// leave half a rename in the transaction: the steps that can fail come
// first (the new name, the old name's removal, a moved directory's ".."),
// each undone if a later one fails, and the link counts, which cannot
// fail, last.
static int
rename_locked(struct inode *odp, const char *oname, uint ooff, struct inode *ip,
              struct inode *ndp, const char *nname, uint noff, struct inode *tp)
{
  int isdir = ip->type == T_DIR;
  int moves_dir = isdir && odp != ndp;
  uint doff = 0;
  int err;

  // The old name is removed, and so is a replaced target's: unlink's rule
  // for each (write and search, and the sticky bit); a new name needs
  // write and search on its directory.
  if ((err = perm_may_remove(odp, ip)) < 0 ||
      (err = tp ? perm_may_remove(ndp, tp) : perm_check(ndp, PERM_W | PERM_X)) < 0)
    return err;
  if (tp) {
    if (isdir && tp->type != T_DIR)
      return -ENOTDIR;
    if (!isdir && tp->type == T_DIR)
      return -EISDIR;
    if (tp->type == T_DIR && (err = dirempty(tp)) != 1)
      return err < 0 ? err : -ENOTEMPTY;
  }
  // A directory moved to another parent has its ".." rewritten.
  if (moves_dir && (err = perm_check(ip, PERM_W)) < 0)
    return err;
  // Its ".." becomes a new name of ndp (a replaced directory's goes away).
  if (moves_dir && !(tp && tp->type == T_DIR) && (err = inode_link_room(ndp)) < 0)
    return err;
  if (moves_dir) {
    struct inode *up = dirlookup(ip, "..", &doff);   // read before anything changes
    if (up == NULL)
      return -EUCLEAN;
    iput(up);                     // odp: we hold it, this drops only a reference
  }

  // The new name: in the target's slot if there is one (no new block).
  if (tp && (err = dirunlink(ndp, noff)) < 0)
    return err;
  if ((err = dirlink(ndp, nname, ip->inum)) < 0) {
    if (tp)
      put_back(ndp, nname, tp->inum);
    return err;
  }
  // The old name goes.
  if ((err = dirunlink(odp, ooff)) < 0) {
    put_back(ndp, nname, tp ? tp->inum : 0);
    return err;
  }
  // A moved directory's ".." names its new parent.
  if (moves_dir) {
    int unlinked = 0;
    if ((err = dirunlink(ip, doff)) < 0 || (unlinked = 1, err = dirlink(ip, "..", ndp->inum)) < 0) {
      if (unlinked)
        put_back(ip, "..", odp->inum);
      put_back(odp, oname, ip->inum);
      put_back(ndp, nname, tp ? tp->inum : 0);
      return err;
    }
  }

  // Link counts: a replaced target loses its name (a directory its ".."
  // in ndp too); a moved directory's ".." moves from odp to ndp.
  if (tp) {
    if (tp->type == T_DIR) {
      ndp->nlink--;
      tp->nlink = 0;
    } else {
      tp->nlink--;
    }
    iupdate(tp);
  }
  if (moves_dir) {
    odp->nlink--;
    ndp->nlink++;
  }
  iupdate(odp);
  if (ndp != odp)
    iupdate(ndp);
  return 0;
}

// One attempt: 1 means a name changed under us between lookups, try again.
static int
rename_paths(const char *old, const char *new)
{
  char oname[DIRSIZ], nname[DIRSIZ];
  struct inode *odp, *ndp, *ip = NULL, *tp = NULL, *first, *second;
  uint ooff, noff;
  int err;

  if (is_root_path(old) || is_root_path(new))
    return -EBUSY;                // the root is a mount point
  if ((odp = nameiparent(old, oname)) == NULL)
    return -ENOENT;
  if ((ndp = nameiparent(new, nname)) == NULL) {
    iput(odp);
    return -ENOENT;
  }
  err = -EINVAL;
  if (is_dot(oname) || is_dot(nname))
    goto out;
  err = -EXDEV;
  if (odp->mnt != ndp->mnt)
    goto out;

  // The old name's inode, unlocked, to order the locks by.
  if ((err = ilock(odp)) < 0) {
    iunlock(odp);
    goto out;
  }
  ip = dirlookup(odp, oname, NULL);
  iunlock(odp);
  err = -ENOENT;
  if (ip == NULL)
    goto out;
  if ((err = ilock(ip)) < 0) {
    iunlock(ip);
    goto out;
  }
  int isdir = ip->type == T_DIR;
  iunlock(ip);
  err = -EBUSY;
  if (ip->inum == ip->mnt->rootino)
    goto out;
  if (isdir && (err = is_ancestor(ip, ndp)) != 0) {
    err = err < 0 ? err : -EINVAL;  // into its own subtree
    goto out;
  }

  // Lock the parents, ancestor first.
  first = odp;
  second = ndp;
  if (odp != ndp) {
    if ((err = is_ancestor(ndp, odp)) < 0)
      goto out;
    if (err == 1) {
      first = ndp;
      second = odp;
    }
  }
  if ((err = ilock(first)) < 0) {
    iunlock(first);
    goto out;
  }
  if (second != first && (err = ilock(second)) < 0) {
    iunlock(second);
    iunlock(first);
    goto out;
  }

  // Look again, now that nothing can change: the same inode under the
  // old name, and whatever the new name holds.
  struct inode *again = dirlookup(odp, oname, &ooff);
  if (again != ip) {
    err = again == NULL ? -ENOENT : 1;
    if (again)
      iput(again);
    goto unlock;
  }
  iput(again);
  err = -ENOENT;
  if (ndp->nlink == 0)            // the directory was removed
    goto unlock;
  tp = dirlookup(ndp, nname, &noff);
  err = 0;
  if (tp == ip)                   // two names of one inode: nothing to do
    goto unlock;
  err = -ENOTEMPTY;
  if (tp == odp)                  // the target is the old name's parent
    goto unlock;

  if ((err = ilock(ip)) < 0) {
    iunlock(ip);
    goto unlock;
  }
  if (tp && (err = ilock(tp)) < 0) {
    iunlock(tp);
    iunlock(ip);
    goto unlock;
  }
  err = rename_locked(odp, oname, ooff, ip, ndp, nname, noff, tp);
  if (tp)
    iunlock(tp);
  iunlock(ip);

unlock:
  if (second != first)
    iunlock(second);
  iunlock(first);
out:
  if (tp)
    iput(tp);                     // frees a replaced file no one has open
  if (ip)
    iput(ip);
  iput(ndp);
  iput(odp);
  return err;
}

long
sys_rename(void)
{
  char old[MAXPATH], new[MAXPATH];
  int err;

  if ((err = argstr(0, old, MAXPATH)) < 0 || (err = argstr(1, new, MAXPATH)) < 0)
    return err;
  acquiresleep(&rename_lock);
  do {
    struct vfs_mount *m = vfs_begin_path(old);
    err = rename_paths(old, new);
    vfs_end(m);
  } while (err == 1);
  releasesleep(&rename_lock);
  return err;
}
