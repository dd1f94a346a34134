// drivers/block/partition.c: each partition of each disk as a block device.
//
// partitions_scan() runs once, in the first process before the root is
// mounted (reading a disk sleeps), over the disks registered at probe
// time. part_table.c parses the table; each partition that starts on a
// file-system block boundary becomes a blkdev: a copy of its disk's, with
// `start` set to where the partition begins, so the disk's own driver
// serves it (it adds start to every block number) and xv6fs mounts it
// exactly as it mounts a whole disk. The buffer's block number is never
// rewritten: the buffer cache looks buffers up by it without their locks.
// A disk without a table (xv6's images) gets no partitions and is mounted
// whole.
#include <octopos/partition.h>
#include <octopos/bio.h>
#include <octopos/blkdev.h>
#include <octopos/fs.h>
#include <octopos/printk.h>
#include <octopos/string.h>

#define SPB (BSIZE / PART_SECTOR)   // sectors per file-system block
#define PARTDEV_MAX 8               // partition devices over all disks

struct partdev {
  struct blkdev bd;
  char name[16];                    // "virtio-blk0p2"
  char label[PART_NAME_MAX + 1];
};

static struct partdev partdevs[PARTDEV_MAX];
static int npartdevs;

// part_read_fn over the buffer cache: ctx is the disk's device number.
static int
read_sector(void *ctx, uint64 lba, uchar *out)
{
  uint dev = (uint)(uint64)ctx;
  if (lba / SPB > 0xffffffffu)
    return -1;
  struct buf *b = bread(dev, lba / SPB);
  if (b == NULL)
    return -1;
  memmove(out, b->data + (lba % SPB) * PART_SECTOR, PART_SECTOR);
  brelse(b);
  return 0;
}

// "virtio-blk0" + "p" + n
static void
part_devname(char *dst, int size, const char *disk, int n)
{
  safestrcpy(dst, disk, size - 4);
  int l = strlen(dst);
  dst[l++] = 'p';
  if (n >= 10)
    dst[l++] = '0' + n / 10 % 10;
  dst[l++] = '0' + n % 10;
  dst[l] = '\0';
}

static void
add_partition(uint dev, struct blkdev *disk, const struct part *p)
{
  if (p->start % SPB || p->nsectors < SPB) {
    printf("part: %s: partition %d (sector %lu, %lu sectors) is not whole %d-byte blocks; skipped\n",
           disk->name, p->index, p->start, p->nsectors, BSIZE);
    return;
  }
  if (npartdevs == PARTDEV_MAX) {
    printf("part: %s: more than %d partitions in all; partition %d skipped\n",
           disk->name, PARTDEV_MAX, p->index);
    return;
  }
  (void)dev;
  struct partdev *pd = &partdevs[npartdevs];
  part_devname(pd->name, sizeof(pd->name), disk->name, p->index);
  safestrcpy(pd->label, p->name, sizeof(pd->label));
  pd->bd = *disk;   // the driver's functions and state
  pd->bd.name = pd->name;
  pd->bd.start = disk->start + p->start / SPB;
  pd->bd.nblocks = p->nsectors / SPB;
  pd->bd.parent = disk;
  pd->bd.partno = p->index;
  pd->bd.label = pd->label;
  pd->bd.boot = p->boot;
  if (blkdev_register(&pd->bd) == 0) {
    npartdevs++;
    printf("part: %s is partition %d of %s%s%s%s\n", pd->name, p->index, disk->name,
           pd->label[0] ? ", named " : "", pd->label, p->boot ? " (boot files)" : "");
  }
}

void
partitions_scan(void)
{
  static int done;
  if (done)
    return;
  done = 1;
  int ndisks = blkdev_count();
  for (int dev = 0; dev < ndisks; dev++) {
    struct blkdev *disk = blkdev_get(dev);
    if (disk == NULL || disk->parent)
      continue;
    struct part parts[PART_MAX];
    int n = part_table_parse(disk->name, read_sector, (void *)(uint64)dev,
                             disk->nblocks * SPB, parts, PART_MAX);
    for (int i = 0; i < n; i++)
      add_partition(dev, disk, &parts[i]);
  }
}
