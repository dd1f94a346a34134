// fs/sysfile_posix.c: the file calls a POSIX C library needs and xv6 lacks
// (CONFIG_POSIX_CALLS): getdents, lseek, getcwd, dup2, ftruncate, isatty.
//
// Kept apart from fs/sysfile.c so that a kernel without the option carries
// none of it (fs/Makefile) and xv6's calls stay as they were. Same rules
// as there: every descriptor, pointer and length is checked here or by
// copyin/copyout; errors are -errno (folded to -1 by the dispatcher).
#include <octopos/types.h>
#include <octopos/devsw.h>
#include <octopos/errno.h>
#include <octopos/file.h>
#include <octopos/fs.h>
#include <octopos/proc.h>
#include <octopos/string.h>
#include <octopos/syscall.h>
#include <octopos/vfs.h>
#include <octopos/vm.h>
#include <uapi/octopos/posix.h>

// getdents(fd, buf, n): as many whole directory entries as fit in n bytes,
// from the descriptor's offset on; bytes filled, 0 at the end.
long
sys_getdents(void)
{
  struct file *f = fdget(argint(0));
  uint64 buf = argaddr(1);
  int n = argint(2);
  struct dirent de;
  int filled = 0, r = 0;

  if (f == NULL || f->type != FD_INODE || !f->readable)
    return -EBADF;
  if (n < (int)sizeof(de))
    return -EINVAL;
  if ((r = ilock(f->ip)) < 0) {
    iunlock(f->ip);
    return r;
  }
  if (f->ip->type != T_DIR) {
    iunlock(f->ip);
    return -ENOTDIR;
  }
  while (filled + (int)sizeof(de) <= n) {
    uint off = f->off;
    if ((r = f->ip->mnt->ops->readdir(f->ip, &off, &de)) <= 0)
      break;
    if ((r = copyout(myproc()->pagetable, buf + filled, &de, sizeof(de))) < 0)
      break;
    f->off = off;             // only past entries the caller got
    filled += sizeof(de);
  }
  iunlock(f->ip);
  // An error after some entries were delivered shows up on the next call.
  return filled > 0 ? filled : r;
}

// lseek(fd, off, whence): the new offset. Files and directories only;
// offsets stay within 0..4 GiB-1 (the inode size is 32 bits).
long
sys_lseek(void)
{
  struct file *f = fdget(argint(0));
  long off = (long)argaddr(1);
  int whence = argint(2);
  long base;
  int err;

  if (f == NULL)
    return -EBADF;
  if (f->type != FD_INODE)
    return -ESPIPE;
  if ((err = ilock(f->ip)) < 0) {
    iunlock(f->ip);
    return err;
  }
  switch (whence) {
  case OCTOPOS_SEEK_SET: base = 0; break;
  case OCTOPOS_SEEK_CUR: base = f->off; break;
  case OCTOPOS_SEEK_END: base = f->ip->size; break;
  default: base = -1; break;
  }
  // base and off are bounded, so the sum cannot overflow when both checks pass.
  if (base < 0 || off < -(1L << 40) || off > (1L << 40) ||
      base + off < 0 || base + off > 0xffffffffL) {
    iunlock(f->ip);
    return -EINVAL;
  }
  f->off = (uint)(base + off);
  iunlock(f->ip);
  return base + off;
}

// The name under which directory dp lists inode inum, into name (DIRSIZ+1).
// dp locked. 0 or -ENOENT.
static int
name_in(struct inode *dp, uint inum, char *name)
{
  struct dirent de;
  uint off = 0;
  int r;

  while ((r = dp->mnt->ops->readdir(dp, &off, &de)) > 0) {
    if (de.inum == inum && namecmp(de.name, ".") != 0 && namecmp(de.name, "..") != 0) {
      memmove(name, de.name, DIRSIZ);
      name[DIRSIZ] = 0;
      return 0;
    }
  }
  return r < 0 ? r : -ENOENT;
}

// Walk from ip up through ".." to the root, building the path backwards at
// the end of buf (MAXPATH). Consumes the reference to ip. The start of the
// path in buf, or NULL with *err set.
static char *
path_of(struct inode *ip, char *buf, int *err)
{
  struct inode *root = fs_root();
  char name[DIRSIZ + 1];
  char *p = buf + MAXPATH - 1;
  struct inode *up;

  *p = 0;
  *err = 0;
  while (ip->inum != root->inum || ip->mnt != root->mnt) {
    if ((*err = ilock(ip)) < 0 || ip->nlink == 0 ||
        (up = dirlookup(ip, "..", NULL)) == NULL) {
      *err = *err < 0 ? *err : -ENOENT;   // removed, or a corrupt directory
      iunlock(ip);
      break;
    }
    iunlock(ip);
    if ((*err = ilock(up)) == 0)
      *err = name_in(up, ip->inum, name);
    iunlock(up);
    struct vfs_mount *m = ip->mnt;
    vfs_begin(m);
    iput(ip);
    vfs_end(m);
    ip = up;
    int len = strlen(name);
    if (*err == 0 && p - buf < len + 1)
      *err = -ERANGE;           // deeper than MAXPATH (or a ".." cycle on a bad disk)
    if (*err < 0)
      break;
    p -= len;
    memmove(p, name, len);
    *--p = '/';
  }
  struct vfs_mount *m = ip->mnt;
  vfs_begin(m);
  iput(ip);
  iput(root);
  vfs_end(m);
  if (*err < 0)
    return NULL;
  if (*p == 0)
    *--p = '/';
  return p;
}

// getcwd(buf, n): the working directory's absolute path, NUL-terminated;
// its length. -ERANGE when n is too small.
long
sys_getcwd(void)
{
  uint64 ubuf = argaddr(0);
  int n = argint(1);
  struct proc *p = myproc();
  char path[MAXPATH];
  char *s;
  int err;

  if (n <= 0)
    return -EINVAL;
  if (p->cwd == NULL)
    return -ENOENT;
  if ((s = path_of(idup(p->cwd), path, &err)) == NULL)
    return err;
  int len = strlen(s);
  if (len + 1 > n)
    return -ERANGE;
  if (copyout(p->pagetable, ubuf, s, len + 1) < 0)
    return -EFAULT;
  return len;
}

// dup2(old, new): new refers to old's file; whatever new was is closed.
long
sys_dup2(void)
{
  int oldfd = argint(0), newfd = argint(1);
  struct file *f = fdget(oldfd);
  struct proc *p = myproc();

  if (f == NULL || newfd < 0 || newfd >= CONFIG_NR_OPEN)
    return -EBADF;
  if (oldfd == newfd)
    return newfd;
  struct file *was = p->ofile[newfd];
  p->ofile[newfd] = filedup(f);
  if (was)
    fileclose(was);
  return newfd;
}

// Zeros to grow a file with, one block per transaction.
static const char zeros[BSIZE];

// ftruncate(fd, len): a plain file opened for writing becomes len bytes.
// Growing appends zeros; shrinking is supported to 0 only (the file-system
// interface frees a file's blocks all at once), else -EINVAL.
long
sys_ftruncate(void)
{
  struct file *f = fdget(argint(0));
  long len = (long)argaddr(1);
  int err = 0;

  if (f == NULL || f->type != FD_INODE || !f->writable)
    return -EBADF;
  if (len < 0 || len > 0xffffffffL)
    return -EINVAL;
  struct vfs_mount *m = f->ip->mnt;
  for (;;) {
    vfs_begin(m);
    if ((err = ilock(f->ip)) < 0)
      goto out;
    uint size = f->ip->size;
    if (f->ip->type != T_FILE)
      err = -EINVAL;
    else if ((long)size == len)
      goto out;
    else if (len == 0)
      itrunc(f->ip);
    else if (len < (long)size)
      err = -EINVAL;
    else {
      uint n = MIN((uint)(len - size), BSIZE - size % BSIZE);
      int r = writei(f->ip, 0, (uint64)zeros, size, n);
      if (r != (int)n)
        err = r < 0 ? r : -ENOSPC;
    }
    if (err < 0 || len == 0)
      goto out;
    iunlock(f->ip);
    vfs_end(m);
  }
out:
  iunlock(f->ip);
  vfs_end(m);
  return err;
}

// isatty(fd): 1 for the console, 0 for any other open file.
long
sys_isatty(void)
{
  struct file *f = fdget(argint(0));

  if (f == NULL)
    return -EBADF;
  return f->type == FD_DEVICE && f->major == DEV_CONSOLE;
}
