// fs/sysfile.c: file-system system calls.
//
// The trust boundary: every argument comes from user code and is checked
// here or by copyin/copyinstr (addresses) before use. A descriptor is
// valid only if it is in range and open; paths are copied in whole (at
// most MAXPATH bytes). Handlers return a value or -errno; the dispatcher
// turns every error into xv6's -1.
#include <octopos/types.h>
#include <octopos/devsw.h>
#include <octopos/errno.h>
#include <octopos/file.h>
#include <octopos/fs.h>
#include <octopos/perm.h>
#include <octopos/pipe.h>
#include <octopos/printk.h>
#include <octopos/proc.h>
#include <octopos/string.h>
#include <octopos/syscall.h>
#include <octopos/vm.h>
#include <uapi/octopos/fcntl.h>

// The open file named by descriptor argument n, or NULL.
static struct file *
argfd(int n, int *pfd)
{
  int fd = argint(n);
  struct file *f = fdget(fd);

  if (f && pfd)
    *pfd = fd;
  return f;
}

long
sys_dup(void)
{
  struct file *f = argfd(0, NULL);
  int fd;

  if (f == NULL)
    return -EBADF;
  if ((fd = fdalloc(f)) < 0)
    return fd;
  filedup(f);
  return fd;
}

long
sys_read(void)
{
  struct file *f = argfd(0, NULL);
  uint64 p = argaddr(1);
  int n = argint(2);

  if (f == NULL)
    return -EBADF;
  if (n < 0)
    return -EINVAL;
  return fileread(f, p, n);
}

long
sys_write(void)
{
  struct file *f = argfd(0, NULL);
  uint64 p = argaddr(1);
  int n = argint(2);

  if (f == NULL)
    return -EBADF;
  if (n < 0)
    return -EINVAL;
  return filewrite(f, p, n);
}

long
sys_close(void)
{
  int fd;
  struct file *f = argfd(0, &fd);

  if (f == NULL)
    return -EBADF;
  myproc()->ofile[fd] = NULL;
  fileclose(f);
  return 0;
}

long
sys_fstat(void)
{
  struct file *f = argfd(0, NULL);
  uint64 st = argaddr(1);

  if (f == NULL)
    return -EBADF;
  return filestat(f, st);
}

// Create the path new as a link to the same inode as old.
long
sys_link(void)
{
  char name[DIRSIZ], new[MAXPATH], old[MAXPATH];
  struct inode *dp, *ip;
  int err;

  if ((err = argstr(0, old, MAXPATH)) < 0 || (err = argstr(1, new, MAXPATH)) < 0)
    return err;

  struct vfs_mount *m = vfs_begin_path(old);
  if ((ip = namei(old)) == NULL) {
    vfs_end(m);
    return -ENOENT;
  }
  if ((err = ilock(ip)) < 0 || ip->type == T_DIR || (err = inode_link_room(ip)) < 0) {
    iunlockput(ip);
    vfs_end(m);
    return err < 0 ? err : -EPERM;
  }
  ip->nlink++;
  iupdate(ip);
  iunlock(ip);

  err = -ENOENT;
  if ((dp = nameiparent(new, name)) == NULL)
    goto bad;
  if ((err = ilock(dp)) < 0) {
    iunlockput(dp);
    goto bad;
  }
  if (dp->mnt != ip->mnt) {
    iunlockput(dp);
    err = -EXDEV;
    goto bad;
  }
  if (dp->nlink == 0) {         // the directory was removed while we held it
    iunlockput(dp);
    err = -ENOENT;
    goto bad;
  }
  if ((err = perm_check(dp, PERM_W | PERM_X)) < 0) {
    iunlockput(dp);
    goto bad;
  }
  if ((err = dirlink(dp, name, ip->inum)) < 0) {
    iunlockput(dp);
    goto bad;
  }
  iunlockput(dp);
  iput(ip);
  vfs_end(m);
  return 0;

bad:
  ilock(ip);
  ip->nlink--;
  iupdate(ip);
  iunlockput(ip);
  vfs_end(m);
  return err;
}

long
sys_unlink(void)
{
  struct inode *ip, *dp;
  char name[DIRSIZ], path[MAXPATH];
  uint off;
  int err;

  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;

  struct vfs_mount *m = vfs_begin_path(path);
  if ((dp = nameiparent(path, name)) == NULL) {
    vfs_end(m);
    return -ENOENT;
  }
  if ((err = ilock(dp)) < 0 || (err = perm_check(dp, PERM_X)) < 0)
    goto bad_dp;

  // Cannot unlink "." or "..".
  err = -EINVAL;
  if (namecmp(name, ".") == 0 || namecmp(name, "..") == 0)
    goto bad_dp;
  err = -ENOENT;
  if ((ip = dirlookup(dp, name, &off)) == NULL)
    goto bad_dp;
  if (ip == dp) {
    printf("fs: unlink: directory %u links to itself\n", dp->inum);
    iput(ip);
    err = -EUCLEAN;
    goto bad_dp;
  }
  if ((err = ilock(ip)) < 0 || (err = perm_may_remove(dp, ip)) < 0)
    goto bad_ip;
  // A directory's parent counts its ".." as well as its own name.
  if (ip->nlink < 1 || (ip->type == T_DIR && dp->nlink < 2)) {
    err = inode_corrupt(ip->nlink < 1 ? ip : dp, "unlink: too few links");
    goto bad_ip;
  }
  if (ip->type == T_DIR && (err = dirempty(ip)) != 1) {
    err = err < 0 ? err : -ENOTEMPTY;
    goto bad_ip;
  }
  if ((err = dirunlink(dp, off)) < 0)
    goto bad_ip;
  if (ip->type == T_DIR) {
    dp->nlink--;                // the child's ".." is gone
    iupdate(dp);
  }
  iunlockput(dp);

  ip->nlink--;
  iupdate(ip);
  iunlockput(ip);
  vfs_end(m);
  return 0;

bad_ip:
  iunlockput(ip);
bad_dp:
  iunlockput(dp);
  vfs_end(m);
  return err;
}

// Make path an inode of type, or, for a plain file that already exists,
// return that (a symlink too: open decides whether to follow it). *out is
// locked and referenced. In a transaction. Also used by fs/symlink.c.
int
create(const char *path, short type, short major, short minor, struct inode **out)
{
  struct inode *ip, *dp;
  char name[DIRSIZ];
  int err;

  if ((dp = nameiparent(path, name)) == NULL)
    return -ENOENT;
  if ((err = ilock(dp)) < 0) {
    iunlockput(dp);
    return err;
  }

  if ((ip = dirlookup(dp, name, NULL)) != NULL) {
    iunlockput(dp);
    if ((err = ilock(ip)) == 0 && type == T_FILE &&
        (ip->type == T_FILE || ip->type == T_DEVICE || ip->type == T_SYMLINK)) {
      *out = ip;
      return 0;
    }
    iunlockput(ip);
    return err < 0 ? err : -EEXIST;
  }

  // A removed directory (a process's cwd can outlive its name) takes no
  // new entries: the new inode would be unreachable and leak.
  if (dp->nlink == 0) {
    iunlockput(dp);
    return -ENOENT;
  }
  if ((err = perm_check(dp, PERM_W | PERM_X)) < 0 ||
      (type == T_DIR && (err = inode_link_room(dp)) < 0) ||
      (err = ialloc(dp->mnt, type, &ip)) < 0) {
    iunlockput(dp);
    return err;
  }
  if ((err = ilock(ip)) < 0) {
    iunlockput(ip);
    iunlockput(dp);
    return err;
  }
  ip->major = major;
  ip->minor = minor;
  ip->nlink = 1;
  perm_init(ip);                // owner, mode from the umask
  iupdate(ip);

  if (type == T_DIR) {
    // "." and ".."; no nlink for "." itself, which would keep it alive.
    if ((err = dirlink(ip, ".", ip->inum)) < 0 || (err = dirlink(ip, "..", dp->inum)) < 0)
      goto fail;
  }
  if ((err = dirlink(dp, name, ip->inum)) < 0)
    goto fail;
  if (type == T_DIR) {
    dp->nlink++;                // the child's ".."
    iupdate(dp);
  }
  iunlockput(dp);
  *out = ip;
  return 0;

fail:
  // Let iput free the half-made inode.
  ip->nlink = 0;
  iupdate(ip);
  iunlockput(ip);
  iunlockput(dp);
  return err;
}

long
sys_open(void)
{
  char path[MAXPATH];
  struct file *f;
  struct inode *ip;
  int fd, err;
  int omode = argint(1);

  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;

  struct vfs_mount *m = vfs_begin_path(path);
  if (omode & O_CREATE) {
    if ((err = create(path, T_FILE, 0, 0, &ip)) < 0) {
      vfs_end(m);
      return err;
    }
  } else {
    if ((err = namei_flags(path, NAMEI_NOFOLLOW, &ip)) < 0) {
      vfs_end(m);
      return err;
    }
    if ((err = ilock(ip)) < 0) {
      iunlockput(ip);
      vfs_end(m);
      return err;
    }
    if (ip->type == T_DIR && (omode & ~O_NOFOLLOW) != O_RDONLY) {
      iunlockput(ip);
      vfs_end(m);
      return -EISDIR;
    }
  }
  // A final symlink: follow it, or open the link itself (O_NOFOLLOW).
  if ((err = symlink_open(path, omode, &ip)) < 0) {
    vfs_end(m);
    return err;
  }

  if ((err = perm_open(ip, omode)) < 0) {
    iunlockput(ip);
    vfs_end(m);
    return err;
  }

  if (ip->type == T_DEVICE && (ip->major < 0 || ip->major >= NDEV)) {
    iunlockput(ip);
    vfs_end(m);
    return -ENODEV;
  }

  if ((f = filealloc()) == NULL) {
    iunlockput(ip);
    vfs_end(m);
    return -ENFILE;
  }
  if ((fd = fdalloc(f)) < 0) {
    fileclose(f);
    iunlockput(ip);
    vfs_end(m);
    return fd;
  }

  if (ip->type == T_DEVICE) {
    f->type = FD_DEVICE;
    f->major = ip->major;
  } else {
    f->type = FD_INODE;
    f->off = 0;
  }
  f->ip = ip;
  f->readable = !(omode & O_WRONLY);
  f->writable = (omode & O_WRONLY) || (omode & O_RDWR);

  if ((omode & O_TRUNC) && ip->type == T_FILE)
    itrunc(ip);

  iunlock(ip);
  vfs_end(m);
  return fd;
}

long
sys_mkdir(void)
{
  char path[MAXPATH];
  struct inode *ip;
  int err;

  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  struct vfs_mount *m = vfs_begin_path(path);
  if ((err = create(path, T_DIR, 0, 0, &ip)) == 0)
    iunlockput(ip);
  vfs_end(m);
  return err;
}

long
sys_mknod(void)
{
  char path[MAXPATH];
  struct inode *ip;
  int err;
  int major = argint(1);
  int minor = argint(2);

  if ((err = argstr(0, path, MAXPATH)) < 0 || (err = perm_root()) < 0)
    return err;                 // a device node is a key to the device
  struct vfs_mount *m = vfs_begin_path(path);
  if ((err = create(path, T_DEVICE, major, minor, &ip)) == 0)
    iunlockput(ip);
  vfs_end(m);
  return err;
}

long
sys_chdir(void)
{
  char path[MAXPATH];
  struct inode *ip;
  struct proc *p = myproc();
  int err;

  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  struct vfs_mount *m = vfs_begin_path(path);
  if ((ip = namei(path)) == NULL) {
    vfs_end(m);
    return -ENOENT;
  }
  if ((err = ilock(ip)) < 0 || ip->type != T_DIR || (err = perm_check(ip, PERM_X)) < 0) {
    iunlockput(ip);
    vfs_end(m);
    return err < 0 ? err : -ENOTDIR;
  }
  iunlock(ip);
  iput(p->cwd);
  vfs_end(m);
  p->cwd = ip;
  return 0;
}

long
sys_pipe(void)
{
  uint64 fdarray = argaddr(0);
  struct file *rf, *wf;
  struct proc *p = myproc();
  int fd0, fd1, err;

  if ((err = pipealloc(&rf, &wf)) < 0)
    return err;
  if ((fd0 = fdalloc(rf)) < 0) {
    fileclose(rf);
    fileclose(wf);
    return fd0;
  }
  if ((fd1 = fdalloc(wf)) < 0) {
    p->ofile[fd0] = NULL;
    fileclose(rf);
    fileclose(wf);
    return fd1;
  }
  if (copyout(p->pagetable, fdarray, &fd0, sizeof(fd0)) < 0 ||
      copyout(p->pagetable, fdarray + sizeof(fd0), &fd1, sizeof(fd1)) < 0) {
    p->ofile[fd0] = NULL;
    p->ofile[fd1] = NULL;
    fileclose(rf);
    fileclose(wf);
    return -EFAULT;
  }
  return 0;
}
