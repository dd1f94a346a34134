// fs/xv6fs/super.c: mounting xv6fs, the xv6-riscv file system format.
//
// The superblock (block 1) gives every layout value; an image of any size
// made by xv6's mkfs or ours mounts. Nothing in it is believed until it is
// checked against the device size and against itself: the regions must
// come in order (boot, super, log, inodes, bitmap, data), not overlap and
// fit on the device. Then the log is replayed, the bitmap optionally
// cross-checked (check.c) and the root is checked.
#include <octopos/types.h>
#include <octopos/bio.h>
#include <octopos/blkdev.h>
#include <octopos/errno.h>
#include <octopos/log.h>
#include <octopos/printk.h>
#include <octopos/string.h>
#include "xv6fs.h"

struct xv6fs_info xv6fs;

// Every completed operation is in the running transaction or an earlier
// one: committing it puts them all on disk.
int
xv6fs_sync(struct vfs_mount *m)
{
  (void)m;
  return log_sync();
}

// Transactions are the log's operations (one log: the mount is implied).
static void xv6fs_begin(struct vfs_mount *m) { (void)m; begin_op(); }
static void xv6fs_end(struct vfs_mount *m) { (void)m; end_op(); }
static void xv6fs_flush(struct vfs_mount *m) { (void)m; log_flush(); }

// Blocks one write transaction may carry. A chunk of k blocks at an odd
// offset touches k + 1 data blocks, plus the inode, up to two bitmap
// blocks and the pointer blocks on the way (three with double indirect).
#define WRITE_CHUNK_BLOCKS \
  (MAXOPBLOCKS - 1 - 1 - 2 - (IS_ENABLED(CONFIG_FS_XV6_LARGE_FILES) ? 3 : 1))
_Static_assert(WRITE_CHUNK_BLOCKS >= 1, "CONFIG_FS_LOG_OP_BLOCKS too small");

const struct vfs_ops xv6fs_ops = {
  .name = "xv6fs",
  .iload = xv6fs_iload,
  .iupdate = xv6fs_iupdate,
  .ialloc = xv6fs_ialloc,
  .itrunc = xv6fs_itrunc,
  .read = xv6fs_read,
  .write = xv6fs_write,
  .lookup = dirent_lookup,
  .link = dirent_link,
  .unlink = dirent_unlink,
  .isempty = dirent_isempty,
  .readdir = dirent_readdir,
  VFS_SYNC(xv6fs_sync)
  VFS_TRANSACTIONS(xv6fs_begin, xv6fs_end, xv6fs_flush, WRITE_CHUNK_BLOCKS * BSIZE)
};

static int
bad(const char *what)
{
  printf("xv6fs: bad superblock: %s\n", what);
  return -EUCLEAN;
}

static uint64
div_up(uint64 a, uint64 b)
{
  return (a + b - 1) / b;
}

// Check sb against a device of devblocks blocks and fill in xv6fs.
static int
check_super(const struct superblock *sb, uint64 devblocks)
{
  uint64 size = sb->size;

  if (sb->magic != FSMAGIC)
    return bad("wrong magic number");
  if (size > devblocks)
    return bad("larger than the device");
  if (sb->nlog < 2 || sb->logstart < 2 ||
      (uint64)sb->logstart + sb->nlog > sb->inodestart)
    return bad("log region");
  if (sb->ninodes <= ROOTINO ||
      (uint64)sb->inodestart + div_up(sb->ninodes, XV6FS_IPB(XV6FS_FEATURES(*sb))) > sb->bmapstart)
    return bad("inode region");
  uint64 bitmap_end = (uint64)sb->bmapstart + div_up(size, BPB);
  if (sb->nblocks == 0 || sb->nblocks > size || size - sb->nblocks < bitmap_end)
    return bad("bitmap or data region");

  uint feat = sb->featmagic == XV6FS_FEAT_MAGIC ? sb->features : 0;
  uint known = 0;
  if (IS_ENABLED(CONFIG_FS_XV6_LARGE_FILES))
    known |= XV6FS_FEAT_LARGE_FILES;
  if (IS_ENABLED(CONFIG_FS_SYMLINKS))
    known |= XV6FS_FEAT_SYMLINKS;
  if (feat & ~known & XV6FS_FEAT_LARGE_FILES)
    printf("xv6fs: image has large files: needs CONFIG_FS_XV6_LARGE_FILES\n");
  if (feat & ~known & XV6FS_FEAT_SYMLINKS)
    printf("xv6fs: image has symbolic links: needs CONFIG_FS_SYMLINKS\n");
  if (IS_ENABLED(CONFIG_MULTIUSER))
    known |= XV6FS_FEAT_MULTIUSER;
  if (feat & ~known & XV6FS_FEAT_MULTIUSER)
    printf("xv6fs: multi-user image (owners, modes): needs CONFIG_MULTIUSER\n");
  if (feat & ~known) {
    printf("xv6fs: image needs features %x this kernel lacks\n", feat & ~known);
    return -EINVAL;
  }

  xv6fs.sb = *sb;
  xv6fs.datastart = size - sb->nblocks;
  xv6fs.features = feat;
  xv6fs.isize = XV6FS_INODE_SIZE(feat);
  xv6fs.ipb = BSIZE / xv6fs.isize;
  if (feat & XV6FS_FEAT_LARGE_FILES) {
    xv6fs.ndirect = NDIRECT - 1;
    xv6fs.maxblocks = NDIRECT - 1 + NINDIRECT + NINDIRECT * NINDIRECT;
  } else {
    xv6fs.ndirect = NDIRECT;
    xv6fs.maxblocks = MAXFILE;
  }
  return 0;
}

int
xv6fs_mount(uint dev, struct vfs_mount **m)
{
  struct blkdev *bd = blkdev_get(dev);
  struct superblock sb;
  struct buf *bp;
  int err;

  if (bd == NULL) {
    printf("xv6fs: no block device %u\n", dev);
    return -ENODEV;
  }
  if (xv6fs.mnt.ops != NULL)
    return -EBUSY;                      // one xv6fs at a time
  if (bd->nblocks < 2 || (bp = bread(dev, 1)) == NULL)
    return -EIO;
  memmove(&sb, bp->data, sizeof(sb));
  brelse(bp);
  if ((err = check_super(&sb, bd->nblocks)) < 0)
    return err;
  if ((err = log_init(dev, &xv6fs.sb)) < 0)
    return err;
  if ((err = xv6fs_mount_check(dev)) < 0)
    return err;

  xv6fs.mnt.dev = dev;
  xv6fs.mnt.rootino = ROOTINO;
  xv6fs.mnt.ops = &xv6fs_ops;
  xv6fs.mnt.priv = &xv6fs;
  xv6fs.mnt.has_owners = (xv6fs.features & XV6FS_FEAT_MULTIUSER) != 0;
  xv6fs_reclaim_orphans(&xv6fs.mnt);
  printf("xv6fs: dev %u: %u blocks, %u inodes, %u log blocks%s%s%s\n", dev,
         sb.size, sb.ninodes, sb.nlog,
         (xv6fs.features & XV6FS_FEAT_LARGE_FILES) ? ", large files" : "",
         (xv6fs.features & XV6FS_FEAT_SYMLINKS) ? ", symlinks" : "",
         (xv6fs.features & XV6FS_FEAT_MULTIUSER) ? ", multi-user" : "");
  *m = &xv6fs.mnt;
  return 0;
}
