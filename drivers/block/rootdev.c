// drivers/block/rootdev.c: which block device holds the xv6fs root.
//
// root= (kernel/cmdline.c) names it: a partition number of the first disk
// ("2"; "0" is the whole disk), a GPT partition name ("PARTLABEL=rootA" or
// just "rootA"), a device name ("virtio-blk0p2", "ramdisk0") or "ramdisk" for
// the disk linked into the kernel. Without root= the first disk is the
// root, or, when it has partitions, its first one that does not hold boot
// files. A root= that names nothing lists what there is; the caller stops.
#include <octopos/blkdev.h>
#include <octopos/cmdline.h>
#include <octopos/errno.h>
#include <octopos/printk.h>
#include <octopos/string.h>

// A non-negative decimal number, or -1.
static int
number(const char *s)
{
  int n = 0;
  if (*s == '\0')
    return -1;
  for (; *s; s++) {
    if (*s < '0' || *s > '9' || n > 1000)
      return -1;
    n = n * 10 + (*s - '0');
  }
  return n;
}

static int
matches(const struct blkdev *bd, struct blkdev *disk0, const char *spec)
{
  int n = number(spec);
  if (n == 0)
    return bd == disk0;
  if (n > 0)
    return bd->parent == disk0 && bd->partno == n;
  if (strncmp(spec, "PARTLABEL=", 10) == 0)
    return bd->label && streq(bd->label, spec + 10);
  if (streq(spec, "ramdisk"))
    return streq(bd->name, "ramdisk0");
  return streq(bd->name, spec) || (bd->label && bd->label[0] && streq(bd->label, spec));
}

static void
list_devices(void)
{
  int n = blkdev_count();
  printf("fs: block devices:%s\n", n ? "" : " none");
  for (int i = 0; i < n; i++) {
    struct blkdev *bd = blkdev_get(i);
    if (bd->parent)
      printf("  dev %d: %s, partition %d of %s, name '%s'%s, %lu blocks\n", i, bd->name,
             bd->partno, bd->parent->name, bd->label, bd->boot ? " (boot files)" : "",
             bd->nblocks);
    else
      printf("  dev %d: %s, whole disk, %lu blocks\n", i, bd->name, bd->nblocks);
  }
}

int
rootdev_choose(const char *spec)
{
  int n = blkdev_count();
  struct blkdev *disk0 = NULL;
  for (int i = 0; i < n && disk0 == NULL; i++)
    if (blkdev_get(i)->parent == NULL)
      disk0 = blkdev_get(i);
  if (spec == NULL) {
    for (int i = 0; i < n; i++) {
      struct blkdev *bd = blkdev_get(i);
      if (bd->parent == disk0 && bd->parent && !bd->boot)
        return i;
    }
    if (disk0)
      for (int i = 0; i < n; i++)
        if (blkdev_get(i) == disk0)
          return i;
    return -ENODEV;   // no disk at all: the caller says what it looked for
  }
  for (int i = 0; i < n; i++)
    if (matches(blkdev_get(i), disk0, spec))
      return i;
  cmdline_quiet_end();   // under `quiet` too: this is why the boot stops
  printf("fs: root=%s names no block device\n", spec);
  list_devices();
  return -ENODEV;
}
