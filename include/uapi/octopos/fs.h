// include/uapi/octopos/fs.h: xv6fs on-disk format, shared by the kernel,
// tools/mkfs and tools/fsck. The format is xv6-riscv's; feature bits go in
// an area of the superblock that xv6 never reads (see XV6FS_FEAT_*).
#ifndef UAPI_OCTOPOS_FS_H
#define UAPI_OCTOPOS_FS_H

#define BSIZE      1024         // block size
#define FSMAGIC    0x10203040
#define ROOTINO    1            // root i-number
#define NDIRECT    12
#define NINDIRECT  (BSIZE / sizeof(unsigned int))
#define MAXFILE    (NDIRECT + NINDIRECT)
#define DIRSIZ     14
#define MAXPATH    128
#define MAXARG     32
#define PGSIZE_UAPI 4096

// Disk layout:
// [ boot block | super block | log | inode blocks | free bit map | data blocks ]
struct superblock {
  unsigned int magic;       // FSMAGIC
  unsigned int size;        // size of file system image (blocks)
  unsigned int nblocks;     // number of data blocks
  unsigned int ninodes;     // number of inodes
  unsigned int nlog;        // number of log blocks
  unsigned int logstart;    // block number of first log block
  unsigned int inodestart;  // block number of first inode block
  unsigned int bmapstart;   // block number of first free map block
  unsigned int features;    // octopos: XV6FS_FEAT_* bits; 0 on xv6 images
  unsigned int featmagic;   // octopos: XV6FS_FEAT_MAGIC when features is valid
};

#define XV6FS_FEAT_MAGIC       0x6f63746f   // "octo": features field is meaningful
#define XV6FS_FEAT_LARGE_FILES 0x1          // addrs[0..10] direct, [11] indirect, [12] doubly indirect: 65,803 blocks
#define XV6FS_FEAT_SYMLINKS    0x2          // inodes of type T_SYMLINK exist
#define XV6FS_FEAT_MULTIUSER   0x4          // inode carries mode/uid/gid

// On-disk inode (64 bytes).
struct dinode {
  short type;               // file type (0 = free)
  short major;              // major device number (T_DEVICE only)
  short minor;              // minor device number (T_DEVICE only)
  short nlink;              // number of links to inode in file system
  unsigned int size;        // size of file (bytes)
  unsigned int addrs[NDIRECT + 1]; // data block addresses
};

#define IPB          (BSIZE / sizeof(struct dinode))  // inodes per block
#define IBLOCK(i, sb) ((i) / IPB + (sb).inodestart)   // block holding inode i

// XV6FS_FEAT_MULTIUSER images have 128-byte inodes: xv6's 64 bytes, then
// the permission bits, owner, group and modification time; the rest is
// zero. The inode size, and so inodes per block, depends on the feature:
// use XV6FS_IPB/XV6FS_IBLOCK with the superblock's features, never IPB.
struct dinode_mu {
  struct dinode di;         // xv6's inode, unchanged
  unsigned int mode;        // permission bits, 07777 (S_ISUID, rwxrwxrwx)
  unsigned int uid;         // owner
  unsigned int gid;         // group
  unsigned int mtime;       // last data change, seconds since 1970 (0: unknown)
  unsigned int spare[12];   // zero
};

#define XV6FS_FEATURES(sb)     ((sb).featmagic == XV6FS_FEAT_MAGIC ? (sb).features : 0)
#define XV6FS_INODE_SIZE(feat) (((feat) & XV6FS_FEAT_MULTIUSER) ? sizeof(struct dinode_mu) \
                                                                : sizeof(struct dinode))
#define XV6FS_IPB(feat)        (BSIZE / XV6FS_INODE_SIZE(feat))
#define XV6FS_IBLOCK(i, sb)    ((i) / XV6FS_IPB(XV6FS_FEATURES(sb)) + (sb).inodestart)
#define BPB          (BSIZE * 8)                      // bitmap bits per block
#define BBLOCK(b, sb) ((b) / BPB + (sb).bmapstart)    // bitmap block for block b

struct dirent {
  unsigned short inum;
  char name[DIRSIZ];
};

#endif
