// fs/ramfs/ramfs.h: private to ramfs.
#ifndef FS_RAMFS_H
#define FS_RAMFS_H
#include <octopos/vfs.h>

// Make name in dp (locked) as a new inode; *out referenced, unlocked.
int ramfs_mkent(struct inode *dp, const char *name, short type, short major, short minor,
                struct inode **out);

#if IS_ENABLED(CONFIG_INITRAMFS)
// Unpack the initramfs linked into the kernel under root (unlocked).
int ramfs_populate(struct vfs_mount *m, struct inode *root);
// Unpack the newc cpio [base, end) under root. 0, or -EINVAL for a bad
// archive (what came before the fault stays unpacked).
int initramfs_unpack(struct inode *root, const char *base, const char *end);
#else
static inline int ramfs_populate(struct vfs_mount *m, struct inode *root)
{
  (void)m;
  (void)root;
  return 0;
}
#endif

#endif
