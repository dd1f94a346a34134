// include/octopos/ramdisk.h: a disk image linked into the kernel (drivers/block/ramdisk.c).
//
// The build objcopies the image into the kernel as _binary_ramdisk_img_start
// .. _binary_ramdisk_img_end. ramdisk_init() registers it as a block
// device; the kernel calls it where it wants the ramdisk in the device
// numbering (there is no devicetree node for it).
#ifndef OCTOPOS_RAMDISK_H
#define OCTOPOS_RAMDISK_H

#if IS_ENABLED(CONFIG_BLK_RAMDISK)
int ramdisk_init(void);   // 0, -EINVAL (empty image) or -ENOSPC
#else
static inline int ramdisk_init(void) { return 0; }
#endif

#endif
