// include/octopos/partition.h: partition tables (drivers/block/).
//
// part_table_parse() reads a disk's GPT or MBR through a sector callback and
// returns the partitions it finds; it knows nothing of block devices, so the
// host tests feed it hostile tables directly. partitions_scan() is the
// kernel side: it registers each partition of each disk as a blkdev of its
// own, which xv6fs mounts like a whole disk.
#ifndef OCTOPOS_PARTITION_H
#define OCTOPOS_PARTITION_H
#include <octopos/types.h>

#define PART_SECTOR     512     // partition tables count in 512-byte sectors
#define PART_MAX        8       // partitions kept per disk
#define PART_NAME_MAX   36      // a GPT name is 36 UTF-16 units

struct part {
  int index;                    // 1-based: the entry's place in the table
  uint64 start, nsectors;       // in 512-byte sectors
  int boot;                     // an EFI system / FAT partition (the boot files)
  char name[PART_NAME_MAX + 1]; // GPT partition name in ASCII ('?' for others); "" for MBR
};

// Read 512-byte sector lba into buf; 0, or < 0 if it cannot be read.
typedef int (*part_read_fn)(void *ctx, uint64 lba, uchar *buf);

// Parse the table of a disk of disk_sectors sectors into out[max].
// Returns the number of partitions (0: no partition table, the disk is
// used whole), or -EINVAL when a table is there but cannot be trusted
// (bad CRC, overlaps, entries past the end...): a console message says
// why and the caller ignores the disk's partitions.
// Messages name the disk as `disk`.
int part_table_parse(const char *disk, part_read_fn rd, void *ctx, uint64 disk_sectors,
                     struct part *out, int max);

uint32 part_crc32(const uchar *p, uint64 n, uint32 crc);   // start with crc = 0

#if IS_ENABLED(CONFIG_BLK_PARTITIONS)
// Register the partitions of every disk registered so far. Sleeps (reads
// the disks): call from process context, before the root is chosen.
void partitions_scan(void);
#else
static inline void partitions_scan(void) {}
#endif

#endif
