// fs/mount.c: bringing up the file-system layer and mounting the root.
//
// fs_early_init() sets up the caches before any process exists;
// fs_mount_root() runs in the first process, because mounting reads the
// disk and may sleep. The root file system is picked by Kconfig
// (ROOT_FS_XV6 or ROOT_FS_RAMFS); the rest of the kernel only ever sees
// struct inode.
#include <octopos/types.h>
#include <octopos/bio.h>
#include <octopos/blkdev.h>
#include <octopos/errno.h>
#include <octopos/file.h>
#include <octopos/fs.h>
#include <octopos/printk.h>
#include <octopos/string.h>
#include <octopos/vfs.h>
#include <octopos/cmdline.h>
#include <octopos/partition.h>

static struct vfs_mount *root_mnt;
static struct inode *root_ip;       // held for as long as the system runs

void
fs_early_init(void)
{
  binit();                          // the buffer cache, if one is built
  iinit();
  fileinit();
  rename_init();
}

// The root is on xv6fs but no disk registered as device 0: say which
// devices the kernel looked for, in one line. The caller stops the machine.
static int
no_root_disk(void)
{
  const char *what = IS_ENABLED(CONFIG_BLK_MMC_SPI) ?
    (IS_ENABLED(CONFIG_BLK_RAMDISK) ? "an SD card or the linked-in ramdisk"
                                    : "an SD card; no ramdisk built") :
    IS_ENABLED(CONFIG_VIRTIO_BLK) ?
    (IS_ENABLED(CONFIG_BLK_RAMDISK) ? "a virtio-blk disk or the linked-in ramdisk"
                                    : "a virtio-blk disk; no ramdisk built") :
    (IS_ENABLED(CONFIG_BLK_RAMDISK) ? "the linked-in ramdisk" : "nothing: no disk driver built");
  printf("fs: no root disk: block device 0 not found (looked for %s)\n", what);
  return -ENODEV;
}

int
fs_mount_root(void)
{
  int err;

  if (IS_ENABLED(CONFIG_ROOT_FS_RAMFS)) {
    if (cmdline_root() && strncmp(cmdline_root(), "initramfs", 10) != 0)
      printf("fs: root=%s ignored: this kernel's root is its initramfs\n", cmdline_root());
    err = ramfs_mount(&root_mnt);
  } else {
    partitions_scan();   // each partition becomes a device root= can name
    int dev = rootdev_choose(cmdline_root());
    if (dev < 0 && cmdline_root() == NULL && blkdev_count() == 0)
      return no_root_disk();
    if (dev < 0)
      return dev;   // rootdev_choose() listed the devices there are
    err = xv6fs_mount(dev, &root_mnt);
  }
  if (err < 0) {
    printf("fs: cannot mount the root file system (error %d)\n", err);
    return err;
  }
  struct inode *ip = iget(root_mnt, root_mnt->rootino);
  if (ip == NULL)
    return -ENFILE;
  if ((err = ilock(ip)) < 0 || ip->type != T_DIR) {
    printf("fs: the root inode is not a directory\n");
    iunlockput(ip);
    return err < 0 ? err : -EUCLEAN;
  }
  iunlock(ip);
  root_ip = ip;
  return 0;
}

struct inode *
fs_root(void)
{
  if (root_ip == NULL)
    return NULL;
  return idup(root_ip);
}

struct vfs_mount *
fs_root_mount(void)
{
  return root_ip ? root_mnt : NULL;
}
