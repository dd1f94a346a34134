// include/octopos/fs.h: inodes, directories and path names.
//
// The in-core inode cache (fs/inode.c), directory entries (fs/dir.c) and
// path lookup (fs/namei.c) are shared by every file system; what an inode's
// bytes are and where they live is the business of its file system, reached
// through ip->mnt->ops (see <octopos/vfs.h>). Callers never ask which one.
//
// Rules, as in xv6: iget() returns a referenced, unlocked inode whose fields
// may not be loaded yet; ilock() loads and locks it; iunlock()/iput() undo
// that. Anything that may change a file system (iput included, which can
// free an unlinked inode) runs inside a transaction of that file system:
// vfs_begin()/vfs_end() below.
#ifndef OCTOPOS_FS_H
#define OCTOPOS_FS_H
#include <octopos/errno.h>
#include <octopos/sleeplock.h>
#include <uapi/octopos/fs.h>
#include <uapi/octopos/stat.h>

struct vfs_mount;

// Most names one inode may have (link, a subdirectory's ".."): below the
// 16-bit nlink's range, so no count can wrap (docs/fs.md).
#define LINK_MAX CONFIG_FS_LINK_MAX

struct inode {
  uint dev;                 // device number (the mount's)
  uint inum;                // inode number
  int ref;                  // references; itable.lock guards it
  struct vfs_mount *mnt;    // the file system it belongs to
  struct sleeplock lock;    // guards everything below
  int valid;                // loaded from the file system?

  short type;               // T_DIR, T_FILE, T_DEVICE; 0 = free
  short major;
  short minor;
  short nlink;
  uint size;
  uint mode;                // permission bits 07777 (CONFIG_MULTIUSER, <octopos/perm.h>)
  uint uid, gid;            // owner and group
  uint mtime;               // last data change, seconds since 1970
  void *priv;               // the file system's own data (set by its iload)
};

// Boot and mounting (fs/mount.c).
void fs_early_init(void);           // hart 0, before any process
int  fs_mount_root(void);           // first process; 0 or -errno
struct inode *fs_root(void);        // referenced root inode
struct vfs_mount *fs_root_mount(void);  // the root's file system, or NULL

// Transactions (fs/vfs_trans.c). A change to a file system is bracketed
// by that file system's begin and end (struct vfs_ops; xv6fs: its log):
// vfs_begin(m) with the mount of the inode involved, or vfs_begin_path(path)
// with the mount where the path's lookup starts, which returns it for
// vfs_end(). vfs_flush() puts every ended change on disk before something
// that can be seen from outside follows it (device output, power-off).
// vfs_write_max(m): most bytes one write may carry in one transaction, 0
// for any. With no file system that has transactions (CONFIG_FS_TRANSACTIONS
// off: ramfs only) all of them compile to nothing.
#if IS_ENABLED(CONFIG_FS_TRANSACTIONS)
void vfs_begin(struct vfs_mount *m);
struct vfs_mount *vfs_begin_path(const char *path);
void vfs_end(struct vfs_mount *m);
void vfs_flush(void);
uint vfs_write_max(struct vfs_mount *m);
#else
static inline void vfs_begin(struct vfs_mount *m) { (void)m; }
static inline struct vfs_mount *vfs_begin_path(const char *path) { (void)path; return NULL; }
static inline void vfs_end(struct vfs_mount *m) { (void)m; }
static inline void vfs_flush(void) {}
static inline uint vfs_write_max(struct vfs_mount *m) { (void)m; return 0; }
#endif

// Inode cache (fs/inode.c).
void iinit(void);
// ip's index in the cache, 0..CONFIG_NR_INODES-1: a file system keeping
// fixed per-inode data in a table of its own indexes it with this.
int  inode_slot(const struct inode *ip);
struct inode *inode_at_slot(int slot);  // the cache entry itself (debug census)
struct inode *iget(struct vfs_mount *m, uint inum);   // NULL: cache full
struct inode *idup(struct inode *ip);
int  ilock(struct inode *ip);       // 0, or -EIO/-EUCLEAN: still locked, !valid
void iunlock(struct inode *ip);
void iput(struct inode *ip);
void iunlockput(struct inode *ip);
void iupdate(struct inode *ip);     // write ip's fields back; in a transaction
void itrunc(struct inode *ip);      // drop the contents; in a transaction
// 0 if ip may take one more name, else -EMLINK (ip locked).
int  inode_link_room(struct inode *ip);
// ip's link count (or another field) is impossible: say so once, mark its
// file system as needing fsck. Returns -EUCLEAN for the caller to pass on.
int  inode_corrupt(struct inode *ip, const char *what);
// A new inode of type on m, referenced and unlocked; -ENOSPC / -ENFILE.
int  ialloc(struct vfs_mount *m, short type, struct inode **out);
// Bytes moved, or a negative error code. ip locked.
int  readi(struct inode *ip, int user_dst, uint64 dst, uint off, uint n);
int  writei(struct inode *ip, int user_src, uint64 src, uint off, uint n);
void stati(struct inode *ip, struct stat *st);

// Directories (through the file system's ops; dp locked).
int  namecmp(const char *s, const char *t);
struct inode *dirlookup(struct inode *dp, const char *name, uint *poff);
int  dirlink(struct inode *dp, const char *name, uint inum);
int  dirunlink(struct inode *dp, uint off);
int  dirempty(struct inode *dp);    // 1 empty, 0 not, or -errno

// Path names (fs/namei.c). Each component is cut to DIRSIZ bytes.
// Symbolic links are followed in every component but the last, and in the
// last too unless NAMEI_NOFOLLOW; more than SYMLINK_MAXDEPTH in one lookup
// fail with -ELOOP. namei follows; nameiparent never follows the last.
#define NAMEI_NOFOLLOW   0x1
#define SYMLINK_MAXDEPTH 10
struct inode *namei(const char *path);
struct inode *nameiparent(const char *path, char *name);
// 0 and *ipp (referenced, unlocked), or -ENOENT, -ENOTDIR, -ELOOP, ...
int  namei_flags(const char *path, int flags, struct inode **ipp);

// Creating names (fs/sysfile.c): path as a new inode of type, or, for
// T_FILE, the file, device or link already there. *out locked. In a
// transaction. 0 or -errno.
int  create(const char *path, short type, short major, short minor, struct inode **out);

// rename (fs/rename.c, CONFIG_FS_SYNC): its lock, set up at boot.
#if IS_ENABLED(CONFIG_FS_SYNC)
void rename_init(void);
#else
static inline void rename_init(void) {}
#endif

// Symbolic links (fs/symlink.c, CONFIG_FS_SYMLINKS). Without the option no
// T_SYMLINK inode ever loads, so the stubs are never really reached.
#if IS_ENABLED(CONFIG_FS_SYMLINKS)
int  symlink_splice(struct inode *ip, const char *rest, char *buf, int n);
int  symlink_open(const char *path, int omode, struct inode **ipp);
#else
static inline int
symlink_splice(struct inode *ip, const char *rest, char *buf, int n)
{
  (void)ip; (void)rest; (void)buf; (void)n;
  return -EINVAL;
}
static inline int
symlink_open(const char *path, int omode, struct inode **ipp)
{
  (void)path; (void)omode; (void)ipp;
  return 0;
}
#endif

#endif
