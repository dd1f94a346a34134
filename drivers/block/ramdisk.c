// drivers/block/ramdisk.c: a block device over a disk image linked into the
// kernel (CONFIG_BLK_RAMDISK).
//
// The image lives in the kernel's data, so reads and writes are memmove()s
// and never sleep; writes last until reboot. The caller's hold on b->lock
// is the only synchronisation a block needs.
//
// drivers_probe() registers it through a node-less DRIVER() that probes
// before the virtio disks, so a kernel with a ramdisk boots from it (device
// 0). The kernel may also call ramdisk_init() itself, earlier; it
// registers the disk only once.

#include <octopos/ramdisk.h>
#include <octopos/blkdev.h>
#include <octopos/driver.h>
#include <octopos/errno.h>
#include <octopos/printk.h>
#include <octopos/string.h>

extern uchar _binary_ramdisk_img_start[], _binary_ramdisk_img_end[];

static void
ramdisk_rw(struct blkdev *bd, struct buf *b, int write)
{
  uchar *p = (uchar *)bd->priv + (bd->start + b->blockno) * BSIZE;
  if (write)
    memmove(p, b->data, BSIZE);
  else
    memmove(b->data, p, BSIZE);
}

static struct blkdev ramdisk = {
  .name = "ramdisk0",
  .rw = ramdisk_rw,
};

int
ramdisk_init(void)
{
  static int done;
  if (done)
    return 0;
  done = 1;
  uint64 bytes = _binary_ramdisk_img_end - _binary_ramdisk_img_start;
  if (bytes < BSIZE) {
    printf("ramdisk: image is %lu bytes, less than a block; not registered\n", bytes);
    return -EINVAL;
  }
  if (bytes % BSIZE)
    printf("ramdisk: image is not a whole number of blocks; last %lu bytes unused\n",
           bytes % BSIZE);
  ramdisk.priv = _binary_ramdisk_img_start;
  ramdisk.nblocks = bytes / BSIZE;
  return blkdev_register(&ramdisk);
}

static int
ramdisk_probe(struct device *dev)
{
  (void)dev;
  ramdisk_init();   // it says what went wrong, if anything
  return 0;
}

DRIVER(ramdisk_driver, .name = "ramdisk", .compatible = NULL, .probe = ramdisk_probe, .order = 4);
