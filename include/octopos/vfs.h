// include/octopos/vfs.h: the seam between the generic layers and a file system.
//
// A file system supplies one struct vfs_ops. The inode cache, path lookup,
// the file table and the system calls call only these, so the root can be
// xv6fs on a disk or ramfs in memory without the rest knowing. Directories
// whose data is an array of struct dirent may use the dirent_* helpers of
// fs/dir.c as their lookup/link/unlink/isempty.
#ifndef OCTOPOS_VFS_H
#define OCTOPOS_VFS_H
#include <octopos/fs.h>
#include <octopos/errno.h>

struct vfs_ops {
  const char *name;
  // Fill ip's fields from the file system. 0, -EIO, -EUCLEAN.
  int  (*iload)(struct inode *ip);
  // Write ip's fields back (type 0 frees the inode). In a transaction.
  void (*iupdate)(struct inode *ip);
  // Allocate a fresh inode of type; its number in *inum. 0 or -ENOSPC.
  int  (*ialloc)(struct vfs_mount *m, short type, uint *inum);
  // Free all of ip's data; size becomes 0.
  void (*itrunc)(struct inode *ip);
  int  (*read)(struct inode *ip, int user_dst, uint64 dst, uint off, uint n);
  int  (*write)(struct inode *ip, int user_src, uint64 src, uint off, uint n);
  // Directory operations (dp locked).
  struct inode *(*lookup)(struct inode *dp, const char *name, uint *poff);
  int  (*link)(struct inode *dp, const char *name, uint inum);
  int  (*unlink)(struct inode *dp, uint off);
  int  (*isempty)(struct inode *dp);
  // The entry at *off (advanced past it): 1 found, 0 end, or -errno.
  int  (*readdir)(struct inode *dp, uint *off, struct dirent *de);
#if IS_ENABLED(CONFIG_FS_SYNC)
  // Put every completed change on disk and wait (sync, fsync); 0 or
  // -EIO. NULL: nothing is kept on a disk. Only with FS_SYNC, which is
  // its only caller (tiny_defconfig has no room for the empty slot).
  int  (*sync)(struct vfs_mount *m);
#endif
#if IS_ENABLED(CONFIG_FS_TRANSACTIONS)
  // Transactions (vfs_begin/vfs_end in <octopos/fs.h>); all NULL/0 for a
  // file system without them. begin may sleep until the transaction has
  // room for one more system call's changes; end closes that call's part.
  void (*begin)(struct vfs_mount *m);
  void (*end)(struct vfs_mount *m);
  // Put every ended change on disk before output is seen.
  void (*flush)(struct vfs_mount *m);
  // Most bytes one write may carry in one transaction; 0: any.
  uint write_max;
#endif
};

// A file system's transaction ops in its struct vfs_ops initializer:
// VFS_TRANSACTIONS(begin, end, flush, write_max). Only built with
// FS_TRANSACTIONS, which such a file system selects.
#if IS_ENABLED(CONFIG_FS_TRANSACTIONS)
#define VFS_TRANSACTIONS(b, e, f, max) .begin = (b), .end = (e), .flush = (f), .write_max = (max),
#else
#define VFS_TRANSACTIONS(b, e, f, max)
#endif

// A file system's sync op in its struct vfs_ops initializer: VFS_SYNC(fn).
#if IS_ENABLED(CONFIG_FS_SYNC)
#define VFS_SYNC(fn) .sync = (fn),
#else
#define VFS_SYNC(fn)
#endif

struct vfs_mount {
  uint dev;                     // st_dev of its inodes
  uint rootino;
  const struct vfs_ops *ops;
  void *priv;
  int has_owners;               // stores mode/uid/gid (chmod/chown work)
  int needs_fsck;               // corruption seen since mount (inode_corrupt)
};

// dirent-array directories (fs/dir.c).
struct inode *dirent_lookup(struct inode *dp, const char *name, uint *poff);
int  dirent_link(struct inode *dp, const char *name, uint inum);
int  dirent_unlink(struct inode *dp, uint off);
int  dirent_isempty(struct inode *dp);
int  dirent_readdir(struct inode *dp, uint *off, struct dirent *de);

// File systems. Each fills *m for its root; 0 or -errno.
#if IS_ENABLED(CONFIG_FS_XV6)
int xv6fs_mount(uint dev, struct vfs_mount **m);
#else
static inline int xv6fs_mount(uint dev, struct vfs_mount **m) { (void)dev; (void)m; return -ENODEV; }
#endif
#if IS_ENABLED(CONFIG_FS_RAMFS)
int ramfs_mount(struct vfs_mount **m);
#else
static inline int ramfs_mount(struct vfs_mount **m) { (void)m; return -ENODEV; }
#endif

#endif
