// drivers/block/part_table.c: reading a disk's GPT or MBR partition table.
//
// The disk is untrusted input: every field is checked before it is used
// (CRCs, the header's own location, entry sizes and counts, partitions
// inside the usable area and not overlapping). A table that fails a check
// is reported in one line and the disk's partitions are ignored; nothing a
// table says can make us read more than GPT_MAX_ENTRIES entries or outside
// the disk. Pure code over a sector-reading callback, so the host tests
// (part_table_test.c) run it on hand-made hostile tables.
#include <octopos/partition.h>
#include <octopos/errno.h>
#include <octopos/printk.h>
#include <octopos/string.h>

#define GPT_MAX_ENTRIES 1024    // the spec's minimum array is 128; more is refused
#define MBR_SIG_OFF     510
#define MBR_PART_OFF    446
#define MBR_TYPE_GPT    0xee

static uint32
le32(const uchar *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32)p[3] << 24);
}

static uint64
le64(const uchar *p)
{
  return le32(p) | ((uint64)le32(p + 4) << 32);
}

// CRC-32 as GPT uses it (IEEE 802.3, reflected, polynomial 0xedb88320),
// bit by bit: a table would cost 1 KiB for a few sectors read at boot.
uint32
part_crc32(const uchar *p, uint64 n, uint32 crc)
{
  crc = ~crc;
  while (n--) {
    crc ^= *p++;
    for (int k = 0; k < 8; k++)
      crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
  }
  return ~crc;
}

// The partition type GUIDs, as stored (mixed-endian), that hold boot files.
static const uchar guid_esp[16] = {
  0x28, 0x73, 0x2a, 0xc1, 0x1f, 0xf8, 0xd2, 0x11, 0xba, 0x4b, 0x00, 0xa0, 0xc9, 0x3e, 0xc9, 0x3b };
static const uchar guid_msdata[16] = {
  0xa2, 0xa0, 0xd0, 0xeb, 0xe5, 0xb9, 0x33, 0x44, 0x87, 0xc0, 0x68, 0xb6, 0xb7, 0x26, 0x99, 0xc7 };

static int
all_zero(const uchar *p, int n)
{
  while (n--)
    if (*p++)
      return 0;
  return 1;
}

// Does [s, s+n) overlap a partition already in out[0..count)?
static int
overlaps(const struct part *out, int count, uint64 s, uint64 n)
{
  for (int i = 0; i < count; i++)
    if (s < out[i].start + out[i].nsectors && out[i].start < s + n)
      return out[i].index;
  return 0;
}

// A GPT name (UTF-16LE, up to 36 units) in ASCII.
static void
gpt_name(const uchar *p, char *name)
{
  int i;
  for (i = 0; i < PART_NAME_MAX; i++) {
    uint c = p[2 * i] | (p[2 * i + 1] << 8);
    if (c == 0)
      break;
    name[i] = (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  name[i] = '\0';
}

static int
gpt_parse(const char *disk, part_read_fn rd, void *ctx, uint64 disk_sectors,
          struct part *out, int max)
{
  uchar hdr[PART_SECTOR];   // the header, then (its fields copied) each sector of entries
  if (rd(ctx, 1, hdr) < 0) {
    printf("part: %s: cannot read the GPT header\n", disk);
    return -EIO;
  }
  if (memcmp(hdr, "EFI PART", 8) != 0) {
    printf("part: %s: protective MBR but no GPT header; partitions ignored\n", disk);
    return -EINVAL;
  }
  uint32 hsize = le32(hdr + 12);
  if (hsize < 92 || hsize > PART_SECTOR) {
    printf("part: %s: GPT header size %u is not 92..512; partitions ignored\n", disk, hsize);
    return -EINVAL;
  }
  uint32 want = le32(hdr + 16);
  memset(hdr + 16, 0, 4);
  uint32 got = part_crc32(hdr, hsize, 0);
  if (got != want) {
    printf("part: %s: GPT header CRC %x, expected %x; partitions ignored\n", disk, got, want);
    return -EINVAL;
  }
  uint64 my_lba = le64(hdr + 24), first = le64(hdr + 40), last = le64(hdr + 48);
  uint64 array = le64(hdr + 72);
  uint32 nent = le32(hdr + 80), esize = le32(hdr + 84), ecrc = le32(hdr + 88);
  uchar *sec = hdr;
  if (my_lba != 1 || first < 2 || first > last || last >= disk_sectors) {
    printf("part: %s: GPT header at %lu says usable sectors %lu..%lu of %lu; partitions ignored\n",
           disk, my_lba, first, last, disk_sectors);
    return -EINVAL;
  }
  if (esize != 128 && esize != 256 && esize != 512) {
    printf("part: %s: GPT entry size %u is not 128, 256 or 512; partitions ignored\n", disk, esize);
    return -EINVAL;
  }
  if (nent > GPT_MAX_ENTRIES) {
    printf("part: %s: GPT claims %u entries, more than the %d read; partitions ignored\n",
           disk, nent, GPT_MAX_ENTRIES);
    return -EINVAL;
  }
  uint64 per = PART_SECTOR / esize;
  uint64 nsec = (nent + per - 1) / per;
  if (array < 2 || array > first || nsec > first - array) {
    printf("part: %s: GPT entries at sectors %lu..%lu overlap the header or the partitions; "
           "partitions ignored\n", disk, array, array + nsec);
    return -EINVAL;
  }
  // First pass: the entries' CRC, before believing any of them.
  uint32 crc = 0;
  for (uint64 s = 0; s < nsec; s++) {
    if (rd(ctx, array + s, sec) < 0) {
      printf("part: %s: cannot read GPT entries at sector %lu\n", disk, array + s);
      return -EIO;
    }
    uint64 bytes = MIN((uint64)PART_SECTOR, (uint64)nent * esize - s * PART_SECTOR);
    crc = part_crc32(sec, bytes, crc);
  }
  if (crc != ecrc) {
    printf("part: %s: GPT entries CRC %x, expected %x; partitions ignored\n", disk, crc, ecrc);
    return -EINVAL;
  }
  int count = 0, dropped = 0;
  for (uint32 i = 0; i < nent; i++) {
    if (i % per == 0 && rd(ctx, array + i / per, sec) < 0)
      return -EIO;
    const uchar *e = sec + (i % per) * esize;
    if (all_zero(e, 16))
      continue;   // unused entry
    uint64 s = le64(e + 32), l = le64(e + 40);
    if (s > l || s < first || l > last) {
      printf("part: %s: GPT partition %u (sectors %lu..%lu) lies outside %lu..%lu; "
             "partitions ignored\n", disk, i + 1, s, l, first, last);
      return -EINVAL;
    }
    if (count == max) {
      dropped++;
      continue;
    }
    int o = overlaps(out, count, s, l - s + 1);
    if (o) {
      printf("part: %s: GPT partitions %d and %u overlap; partitions ignored\n", disk, o, i + 1);
      return -EINVAL;
    }
    struct part *p = &out[count++];
    p->index = i + 1;
    p->start = s;
    p->nsectors = l - s + 1;
    p->boot = memcmp(e, guid_esp, 16) == 0 || memcmp(e, guid_msdata, 16) == 0;
    gpt_name(e + 56, p->name);
  }
  if (dropped)
    printf("part: %s: %d GPT partitions beyond the first %d ignored\n", disk, dropped, max);
  return count;
}

// Is this sector 0 an MBR? The signature alone is not enough (a FAT boot
// sector has it too): every entry's status must be 0x00 or 0x80.
static int
is_mbr(const uchar *s)
{
  if (s[MBR_SIG_OFF] != 0x55 || s[MBR_SIG_OFF + 1] != 0xaa)
    return 0;
  int used = 0;
  for (int i = 0; i < 4; i++) {
    const uchar *e = s + MBR_PART_OFF + 16 * i;
    if ((e[0] & 0x7f) != 0)
      return 0;
    used |= e[4] != 0;
  }
  return used;
}

static int
mbr_parse(const char *disk, const uchar *s, uint64 disk_sectors, struct part *out, int max)
{
  int count = 0;
  for (int i = 0; i < 4 && count < max; i++) {
    const uchar *e = s + MBR_PART_OFF + 16 * i;
    uint type = e[4];
    uint64 start = le32(e + 8), n = le32(e + 12);
    if (type == 0)
      continue;
    if (type == 0x05 || type == 0x0f || type == 0x85) {
      printf("part: %s: MBR partition %d is extended; logical partitions are not read\n",
             disk, i + 1);
      continue;
    }
    if (start == 0 || n == 0 || start + n > disk_sectors) {
      printf("part: %s: MBR partition %d (sectors %lu+%lu) lies outside the disk's %lu; "
             "partitions ignored\n", disk, i + 1, start, n, disk_sectors);
      return -EINVAL;
    }
    int o = overlaps(out, count, start, n);
    if (o) {
      printf("part: %s: MBR partitions %d and %d overlap; partitions ignored\n", disk, o, i + 1);
      return -EINVAL;
    }
    struct part *p = &out[count++];
    p->index = i + 1;
    p->start = start;
    p->nsectors = n;
    p->boot = type == 0x0b || type == 0x0c || type == 0x0e || type == 0xef;
    p->name[0] = '\0';
  }
  return count;
}

int
part_table_parse(const char *disk, part_read_fn rd, void *ctx, uint64 disk_sectors,
                 struct part *out, int max)
{
  uchar s[PART_SECTOR];
  if (disk_sectors < 2 || rd(ctx, 0, s) < 0)
    return 0;
  if (is_mbr(s)) {
    for (int i = 0; i < 4; i++)
      if (s[MBR_PART_OFF + 16 * i + 4] == MBR_TYPE_GPT)
        return gpt_parse(disk, rd, ctx, disk_sectors, out, max);
    return mbr_parse(disk, s, disk_sectors, out, max);
  }
  // A GPT without its protective MBR still names itself in sector 1.
  if (rd(ctx, 1, s) == 0 && memcmp(s, "EFI PART", 8) == 0)
    return gpt_parse(disk, rd, ctx, disk_sectors, out, max);
  return 0;
}
