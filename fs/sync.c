// fs/sync.c: sync() and fsync(fd) (CONFIG_FS_SYNC).
//
// Both ask the file system to put on disk what has been done so far and
// wait for it (struct vfs_ops.sync). On xv6fs that is committing the
// running log transaction, which holds every completed change, so fsync
// of one file costs what sync costs; ramfs keeps nothing on disk and has
// nothing to do. Only a file or directory can be synced: a pipe or a
// device has no file system behind it (-EINVAL, as POSIX says).
#include <octopos/types.h>
#include <octopos/errno.h>
#include <octopos/file.h>
#include <octopos/fs.h>
#include <octopos/syscall.h>
#include <octopos/vfs.h>

static int
mnt_sync(struct vfs_mount *m)
{
  return m->ops->sync ? m->ops->sync(m) : 0;
}

long
sys_sync(void)
{
  // One file system is mounted, the root.
  struct vfs_mount *m = fs_root_mount();

  return m ? mnt_sync(m) : -ENOENT;
}

long
sys_fsync(void)
{
  struct file *f = fdget(argint(0));

  if (f == NULL)
    return -EBADF;
  if (f->type != FD_INODE)
    return -EINVAL;
  return mnt_sync(f->ip->mnt);
}
