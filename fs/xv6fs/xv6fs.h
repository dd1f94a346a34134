// fs/xv6fs/xv6fs.h: private to xv6fs, the xv6-riscv on-disk file system.
//
// One xv6fs is mounted at a time (the log is global, as in xv6). Every
// layout value comes from the superblock, checked at mount; every block and
// inode number read from the disk is checked before use, because the image
// is not trusted: a bad one fails the operation with -EUCLEAN.
#ifndef FS_XV6FS_H
#define FS_XV6FS_H
#include <octopos/fs.h>
#include <octopos/perm.h>
#include <octopos/vfs.h>

struct xv6fs_info {
  struct superblock sb;
  uint datastart;           // first data block
  uint features;            // XV6FS_FEAT_* in use
  uint ndirect;             // direct pointers in addrs[]
  uint maxblocks;           // largest file, in blocks
  uint isize;               // bytes per on-disk inode (64, or 128 multi-user)
  uint ipb;                 // inodes per block
  int no_alloc;             // bitmap untrusted (check.c): balloc hands out nothing
  struct vfs_mount mnt;
};

extern struct xv6fs_info xv6fs;
extern const struct vfs_ops xv6fs_ops;

// The block map of a loaded inode (bmap.c): NDIRECT + 1 block numbers.
// Kept in a table of xv6fs's own, one row per in-core inode
// (inode_slot()), which xv6fs_iload points ip->priv at: the generic
// inode carries no xv6fs fields.
static inline uint *
xv6fs_addrs(struct inode *ip)
{
  return ip->priv;
}

static inline int
xv6fs_data_ok(uint b)
{
  return b >= xv6fs.datastart && b < xv6fs.sb.size;
}

// The block holding inode inum, and inum's bytes within that block.
static inline uint
xv6fs_iblock(uint inum)
{
  return inum / xv6fs.ipb + xv6fs.sb.inodestart;
}

static inline struct dinode *
xv6fs_dinode(void *blockdata, uint inum)
{
  return (struct dinode *)((char *)blockdata + (inum % xv6fs.ipb) * xv6fs.isize);
}

// Mode and owner: from a multi-user inode, else xv6's "root owns all".
static inline void
xv6fs_attr_load(struct inode *ip, const struct dinode *dip)
{
  const struct dinode_mu *mu = (const struct dinode_mu *)dip;

  if (xv6fs.features & XV6FS_FEAT_MULTIUSER) {
    ip->mode = mu->mode & 07777;
    ip->uid = mu->uid;
    ip->gid = mu->gid;
    ip->mtime = mu->mtime;
  } else {
    ip->mode = perm_default_mode(dip->type);
    ip->uid = ip->gid = ip->mtime = 0;
  }
}

static inline void
xv6fs_attr_store(const struct inode *ip, struct dinode *dip)
{
  struct dinode_mu *mu = (struct dinode_mu *)dip;

  if (xv6fs.features & XV6FS_FEAT_MULTIUSER) {
    mu->mode = ip->mode & 07777;
    mu->uid = ip->uid;
    mu->gid = ip->gid;
    mu->mtime = ip->mtime;
  }
}

// balloc.c
uint xv6fs_balloc(uint dev);              // zeroed block, or 0 when full
void xv6fs_bfree(uint dev, uint b);
// inode.c
int  xv6fs_iload(struct inode *ip);
int  xv6fs_iload_orphan(struct inode *ip);  // the same, for a count of 0 (orphan.c)
void xv6fs_iupdate(struct inode *ip);
int  xv6fs_ialloc(struct vfs_mount *m, short type, uint *inum);
// bmap.c
void xv6fs_itrunc(struct inode *ip);
int  xv6fs_sync(struct vfs_mount *m);  // the log's commit (sync, fsync)
int  xv6fs_read(struct inode *ip, int user_dst, uint64 dst, uint off, uint n);
int  xv6fs_write(struct inode *ip, int user_src, uint64 src, uint off, uint n);

// orphan.c: free allocated inodes no name leads to (count 0) at mount.
void xv6fs_reclaim_orphans(struct vfs_mount *m);

// check.c: bitmap against inodes at mount; 0 (no_alloc set on
// disagreement) or -EIO.
#if IS_ENABLED(CONFIG_XV6FS_MOUNT_CHECK)
int  xv6fs_mount_check(uint dev);
#else
static inline int xv6fs_mount_check(uint dev) { (void)dev; return 0; }
#endif

#endif
