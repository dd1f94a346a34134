// fs/vfs_trans.c: transactions, reached through the file system involved.
//
// The system calls bracket every change with vfs_begin()/vfs_end() (see
// <octopos/fs.h>) and never ask which file system they talk to: the
// bracket is the begin/end of the mount's struct vfs_ops, or nothing for a
// file system without transactions (ramfs). Built only when some file
// system has them (CONFIG_FS_TRANSACTIONS); otherwise fs.h's stubs make
// every bracket vanish, so a ramfs-only kernel carries none of this.
#include <octopos/types.h>
#include <octopos/fs.h>
#include <octopos/proc.h>
#include <octopos/vfs.h>

void
vfs_begin(struct vfs_mount *m)
{
  if (m && m->ops->begin)
    m->ops->begin(m);
}

void
vfs_end(struct vfs_mount *m)
{
  if (m && m->ops->end)
    m->ops->end(m);
}

// A path's lookup starts at the root or at the working directory; that
// mount's transaction covers the call (a lookup never crosses into another
// file system: there is one mounted, the root).
struct vfs_mount *
vfs_begin_path(const char *path)
{
  struct inode *cwd = myproc()->cwd;
  struct vfs_mount *m = (path[0] == '/' || cwd == NULL) ? fs_root_mount() : cwd->mnt;

  vfs_begin(m);
  return m;
}

// Every mounted file system: only the root can be.
void
vfs_flush(void)
{
  struct vfs_mount *m = fs_root_mount();

  if (m && m->ops->flush)
    m->ops->flush(m);
}

uint
vfs_write_max(struct vfs_mount *m)
{
  return m ? m->ops->write_max : 0;
}
