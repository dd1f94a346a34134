// fs/symlink.c: symbolic links (CONFIG_FS_SYMLINKS).
//
// A symlink is an inode of type T_SYMLINK whose data is the target path,
// 1..MAXPATH-1 bytes, no NUL (the format tools/mkfs -S writes). Any file
// system whose read/write work on its inodes gets links for free: xv6fs
// (on images with XV6FS_FEAT_SYMLINKS) and ramfs. Path lookup (fs/namei.c)
// follows links with symlink_splice(); open() sorts out a final link with
// symlink_open(). Without this option sys_symlink stays the weak NULL of
// kernel/syscall.c (-ENOSYS) and no T_SYMLINK inode ever loads.
#include <octopos/types.h>
#include <octopos/errno.h>
#include <octopos/fs.h>
#include <octopos/printk.h>
#include <octopos/string.h>
#include <octopos/syscall.h>
#include <uapi/octopos/fcntl.h>

// Replace the path in buf (n bytes) by ip's target followed by "/rest".
// rest may point into buf. ip is locked. 0, -ENAMETOOLONG when the result
// does not fit, -EUCLEAN for a link of impossible size, -EIO.
int
symlink_splice(struct inode *ip, const char *rest, char *buf, int n)
{
  char target[MAXPATH];
  int tlen = ip->size, rlen = strlen(rest);

  if (tlen < 1 || tlen >= MAXPATH) {
    printf("fs: symlink %u has size %d (corrupt?)\n", ip->inum, tlen);
    return -EUCLEAN;
  }
  if (readi(ip, 0, (uint64)target, 0, tlen) != tlen)
    return -EIO;
  if (tlen + 1 + rlen >= n)
    return -ENAMETOOLONG;
  memmove(buf + tlen + 1, rest, rlen + 1);     // first: rest may be in buf
  memmove(buf, target, tlen);
  buf[tlen] = rlen ? '/' : 0;
  return 0;
}

// open() found *ipp (locked) under path. If it is a link: with O_NOFOLLOW
// the link itself is opened, read-only (read() returns the target, fstat
// says T_SYMLINK), and asking to write or truncate it fails with -ELOOP;
// without, path is looked up again following the link, and *ipp becomes
// the target, locked. On error *ipp has been put. 0 or -errno.
int
symlink_open(const char *path, int omode, struct inode **ipp)
{
  struct inode *ip = *ipp;
  int err;

  if (ip->type != T_SYMLINK)
    return 0;
  if (omode & O_NOFOLLOW) {
    if (omode & (O_WRONLY | O_RDWR | O_TRUNC)) {
      iunlockput(ip);
      return -ELOOP;
    }
    return 0;
  }
  iunlockput(ip);
  if ((err = namei_flags(path, 0, &ip)) < 0)
    return err;
  if ((err = ilock(ip)) < 0) {
    iunlockput(ip);
    return err;
  }
  if (ip->type == T_DIR && (omode & ~O_NOFOLLOW) != O_RDONLY) {
    iunlockput(ip);
    return -EISDIR;
  }
  *ipp = ip;
  return 0;
}

// Remove the entry path, if it still names ip, and let ip be freed.
static void
unlink_new(const char *path, struct inode *ip)
{
  char name[DIRSIZ];
  struct inode *dp, *found;
  uint off;

  if ((dp = nameiparent(path, name)) == NULL)
    return;
  if (ilock(dp) == 0 && (found = dirlookup(dp, name, &off)) != NULL) {
    if (found == ip && dirunlink(dp, off) == 0) {
      ilock(ip);                  // loaded already: cannot fail
      ip->nlink = 0;
      iupdate(ip);
      iunlock(ip);
    }
    iput(found);
  }
  iunlockput(dp);
}

// int symlink(const char *target, const char *path): make path a link to
// target. The target is not looked up (it may dangle); 1..MAXPATH-1 bytes.
long
sys_symlink(void)
{
  char target[MAXPATH], path[MAXPATH];
  struct inode *ip;
  int err, n;

  if ((n = argstr(0, target, MAXPATH)) < 0)
    return n;
  if ((err = argstr(1, path, MAXPATH)) < 0)
    return err;
  if (n == 0)
    return -ENOENT;
  if (n >= MAXPATH)
    return -ENAMETOOLONG;

  struct vfs_mount *m = vfs_begin_path(path);
  if ((err = create(path, T_SYMLINK, 0, 0, &ip)) < 0) {
    vfs_end(m);
    return err;
  }
  if ((err = writei(ip, 0, (uint64)target, 0, n)) != n) {
    // Out of space: take the half-made link out again. Its directory must
    // be locked before it (the order every lookup uses), so let go first.
    iunlock(ip);
    unlink_new(path, ip);
    iput(ip);
    vfs_end(m);
    return err < 0 ? err : -ENOSPC;
  }
  iunlockput(ip);
  vfs_end(m);
  return 0;
}
