// fs/perm.c: file permissions and ownership (CONFIG_MULTIUSER).
//
// The one place that decides who may do what to a file (perm_check), and
// the calls that change or report ownership: chmod, chown, umask, xstat.
// The rule is Unix's: the owner class if the caller's effective uid owns
// the file, else the group class if its effective gid is the file's group,
// else other; the class's rwx bits must cover the request. Root passes
// every check. Directories: r lists, w creates and removes entries
// (together with x), x searches; in a sticky one (S_ISVTX) only the
// entry's owner, the directory's owner or root removes it (perm_may_remove). Mode, owner and group live in the inode,
// guarded by its sleep lock like the rest of it.
#include <octopos/types.h>
#include <octopos/errno.h>
#include <octopos/file.h>
#include <octopos/fs.h>
#include <octopos/perm.h>
#include <octopos/proc.h>
#include <octopos/rtc.h>
#include <octopos/string.h>
#include <octopos/syscall.h>
#include <octopos/vfs.h>
#include <octopos/vm.h>
#include <uapi/octopos/fcntl.h>
#include <uapi/octopos/xstat.h>

int
perm_check(struct inode *ip, int want)
{
  struct proc *p = myproc();
  uint bits;

  // Root passes every check, even exec of a file without an x bit:
  // xv6 programs (usertests) copy programs and run the copies, and have no
  // chmod to mark them.
  if (p == NULL || p->euid == 0)
    return 0;
  if (p->euid == ip->uid)
    bits = ip->mode >> 6;
  else if (p->egid == ip->gid)
    bits = ip->mode >> 3;
  else
    bits = ip->mode;
  return (bits & want) == (uint)want ? 0 : -EACCES;
}

int
perm_open(struct inode *ip, int omode)
{
  int want = 0;

  if (!(omode & O_WRONLY))
    want |= PERM_R;
  if ((omode & (O_WRONLY | O_RDWR)) || (omode & O_TRUNC))
    want |= PERM_W;
  return perm_check(ip, want);
}

static uint
now_seconds(void)
{
  return rtc_read_ns() / 1000000000ull;
}

void
perm_init(struct inode *ip)
{
  struct proc *p = myproc();
  uint mode = ip->type == T_DIR ? 0777 : 0666;

  if (p != NULL) {
    ip->mode = mode & ~p->umask;
    ip->uid = p->euid;
    ip->gid = p->egid;
  } else {
    ip->mode = perm_default_mode(ip->type);
    ip->uid = ip->gid = 0;
  }
  ip->mtime = now_seconds();
}

void
perm_touch(struct inode *ip)
{
  ip->mtime = now_seconds();
}

int
perm_root(void)
{
  struct proc *p = myproc();

  return p == NULL || p->euid == 0 ? 0 : -EPERM;
}

int
perm_may_remove(struct inode *dp, struct inode *ip)
{
  struct proc *p = myproc();
  int err;

  if ((err = perm_check(dp, PERM_W | PERM_X)) < 0)
    return err;
  // Unix's sticky directory (/tmp): anyone may add names, but only the
  // file's owner, the directory's owner or root may take one away.
  if ((dp->mode & S_ISVTX) && p != NULL && p->euid != 0 &&
      p->euid != ip->uid && p->euid != dp->uid)
    return -EPERM;
  return 0;
}

// Look up path and lock it for an attribute change inside a transaction.
// On success *out is locked and referenced; the caller iunlockputs it and
// ends the transaction.
static int
attr_begin(const char *path, struct inode **out)
{
  struct inode *ip;
  int err;

  struct vfs_mount *m = vfs_begin_path(path);
  if ((ip = namei(path)) == NULL) {
    vfs_end(m);
    return -ENOENT;
  }
  if ((err = ilock(ip)) < 0) {
    iunlockput(ip);
    vfs_end(m);
    return err;
  }
  if (!ip->mnt->has_owners) {
    iunlockput(ip);
    vfs_end(m);
    return -EOPNOTSUPP;           // an xv6 image: nowhere to keep it
  }
  *out = ip;
  return 0;
}

// Undo attr_begin: write ip back if changed, let it go, end the transaction.
static void
attr_end(struct inode *ip, int changed)
{
  struct vfs_mount *m = ip->mnt;

  if (changed)
    iupdate(ip);
  iunlockput(ip);
  vfs_end(m);
}

// chmod(path, mode): the owner or root sets the permission bits.
long
sys_chmod(void)
{
  char path[MAXPATH];
  struct inode *ip;
  int mode = argint(1), err;

  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  if ((err = attr_begin(path, &ip)) < 0)
    return err;
  if (myproc()->euid != 0 && myproc()->euid != ip->uid) {
    attr_end(ip, 0);
    return -EPERM;
  }
  ip->mode = mode & 07777;
  attr_end(ip, 1);
  return 0;
}

// chown(path, uid, gid): root only; -1 keeps that id. A change of owner
// drops the set-id bits, so a file cannot become someone else's setuid
// program by accident.
long
sys_chown(void)
{
  char path[MAXPATH];
  struct inode *ip;
  int uid = argint(1), gid = argint(2), err;

  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  if ((err = perm_root()) < 0)
    return err;
  if (uid < -1 || gid < -1)
    return -EINVAL;
  if ((err = attr_begin(path, &ip)) < 0)
    return err;
  if (uid != -1)
    ip->uid = uid;
  if (gid != -1)
    ip->gid = gid;
  ip->mode &= ~(S_ISUID | S_ISGID);
  attr_end(ip, 1);
  return 0;
}

// umask(mask): set the bits new files leave out; returns the old mask.
long
sys_umask(void)
{
  struct proc *p = myproc();
  uint old = p->umask;

  p->umask = argint(0) & 0777;
  return old;
}

// xstat(fd, &xs): struct stat plus mode, owner, group and mtime.
long
sys_xstat(void)
{
  struct file *f = fdget(argint(0));
  uint64 addr = argaddr(1);
  struct xstat xs;
  struct inode *ip;
  int err;

  if (f == NULL || (f->type != FD_INODE && f->type != FD_DEVICE))
    return -EBADF;
  ip = f->ip;
  memset(&xs, 0, sizeof(xs));
  if ((err = ilock(ip)) == 0) {
    xs.dev = ip->dev;
    xs.ino = ip->inum;
    xs.type = ip->type;
    xs.nlink = ip->nlink;
    xs.mode = ip->mode;
    xs.uid = ip->uid;
    xs.gid = ip->gid;
    xs.mtime = ip->mtime;
    xs.size = ip->size;
  }
  iunlock(ip);
  if (err < 0)
    return err;
  return copyout(myproc()->pagetable, addr, &xs, sizeof(xs));
}
