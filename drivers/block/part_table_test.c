// drivers/block/part_table_test.c: host tests of the partition-table parser.
// host-test-sources: drivers/block/part_table.c
// host-test-config: CONFIG_BLK_PARTITIONS
//
// Disks are byte arrays built here (a GPT writer that fills in both CRCs
// unless told not to, and an MBR writer); hostile variants must give
// -EINVAL with a message naming the problem, and the sanitizer checks that
// no table makes the parser read outside the disk or its buffers.
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>
#include "host_test.h"
#include <octopos/partition.h>
#include <octopos/errno.h>

#define DISK_SECTORS 4096

static uint8_t disk[DISK_SECTORS * PART_SECTOR];
static int reads;

static int
rd(void *ctx, uint64 lba, uchar *buf)
{
  (void)ctx;
  reads++;
  if (lba >= DISK_SECTORS)
    return -1;
  memcpy(buf, disk + lba * PART_SECTOR, PART_SECTOR);
  return 0;
}

static void
put32(uint8_t *p, uint32_t v)
{
  for (int i = 0; i < 4; i++)
    p[i] = v >> (8 * i);
}

static void
put64(uint8_t *p, uint64_t v)
{
  put32(p, (uint32_t)v);
  put32(p + 4, (uint32_t)(v >> 32));
}

static const uint8_t esp_guid[16] = {
  0x28, 0x73, 0x2a, 0xc1, 0x1f, 0xf8, 0xd2, 0x11, 0xba, 0x4b, 0x00, 0xa0, 0xc9, 0x3e, 0xc9, 0x3b };
static const uint8_t linux_guid[16] = {   // 0fc63daf-8483-4772-8e79-3d69d8477de4
  0xaf, 0x3d, 0xc6, 0x0f, 0x83, 0x84, 0x72, 0x47, 0x8e, 0x79, 0x3d, 0x69, 0xd8, 0x47, 0x7d, 0xe4 };

struct gpt_part { const uint8_t *type; uint64_t first, last; const char *name; };

// A protective MBR, a GPT header at sector 1 and its entries at sector 2.
static uint8_t *
make_gpt(const struct gpt_part *parts, int n, uint32_t nent)
{
  memset(disk, 0, sizeof(disk));
  uint8_t *mbr = disk;
  mbr[446 + 4] = 0xee;
  put32(mbr + 446 + 8, 1);
  put32(mbr + 446 + 12, DISK_SECTORS - 1);
  mbr[510] = 0x55;
  mbr[511] = 0xaa;
  uint8_t *ent = disk + 2 * PART_SECTOR;
  for (int i = 0; i < n; i++) {
    uint8_t *e = ent + 128 * i;
    memcpy(e, parts[i].type, 16);
    e[16] = i + 1;   // unique GUID
    put64(e + 32, parts[i].first);
    put64(e + 40, parts[i].last);
    for (int k = 0; parts[i].name[k]; k++)
      e[56 + 2 * k] = parts[i].name[k];
  }
  uint8_t *h = disk + PART_SECTOR;
  memcpy(h, "EFI PART", 8);
  put32(h + 8, 0x00010000);
  put32(h + 12, 92);
  put64(h + 24, 1);
  put64(h + 32, DISK_SECTORS - 1);
  put64(h + 40, 34);
  put64(h + 48, DISK_SECTORS - 34);
  put64(h + 72, 2);
  put32(h + 80, nent);
  put32(h + 84, 128);
  uint64_t bytes = (uint64_t)nent * 128;
  if (bytes > 32 * PART_SECTOR)
    bytes = 32 * PART_SECTOR;
  put32(h + 88, part_crc32(ent, bytes, 0));
  return h;
}

static void
fix_header_crc(uint8_t *h)
{
  put32(h + 16, 0);
  put32(h + 16, part_crc32(h, 92, 0));
}

static int
parse(struct part *out)
{
  host_log_clear();
  reads = 0;
  return part_table_parse("vda", rd, NULL, DISK_SECTORS, out, PART_MAX);
}

static const struct gpt_part three[] = {
  { esp_guid, 2048, 2559, "boot" },
  { linux_guid, 2560, 3071, "rootA" },
  { linux_guid, 3072, 3583, "rootB" },
};

static void
crc32_matches_the_standard_check_value(void **state)
{
  (void)state;
  assert_int_equal(part_crc32((const uchar *)"123456789", 9, 0), 0xcbf43926);
  // In pieces, as the parser computes the entries' CRC sector by sector.
  assert_int_equal(part_crc32((const uchar *)"6789", 4, part_crc32((const uchar *)"12345", 5, 0)),
                   0xcbf43926);
}

static void
gpt_three_partitions(void **state)
{
  (void)state;
  struct part p[PART_MAX];
  fix_header_crc(make_gpt(three, 3, 128));
  assert_int_equal(parse(p), 3);
  assert_int_equal(p[0].index, 1);
  assert_int_equal(p[0].start, 2048);
  assert_int_equal(p[0].nsectors, 512);
  assert_true(p[0].boot);
  assert_string_equal(p[0].name, "boot");
  assert_int_equal(p[2].index, 3);
  assert_false(p[2].boot);
  assert_string_equal(p[2].name, "rootB");
}

static void
no_table_means_whole_disk(void **state)
{
  (void)state;
  struct part p[PART_MAX];
  memset(disk, 0, sizeof(disk));   // an xv6 image: block 0 unused, zeros
  assert_int_equal(parse(p), 0);
  // A FAT boot sector has 0x55aa but no valid partition entries.
  memset(disk, 0xe9, 446);
  disk[446] = 0x12;
  disk[510] = 0x55;
  disk[511] = 0xaa;
  assert_int_equal(parse(p), 0);
}

static void
gpt_bad_header_crc_is_refused(void **state)
{
  (void)state;
  struct part p[PART_MAX];
  uint8_t *h = make_gpt(three, 3, 128);
  fix_header_crc(h);
  h[40] ^= 1;   // first usable LBA changed after the CRC
  assert_int_equal(parse(p), -EINVAL);
  assert_non_null(strstr(host_log, "GPT header CRC"));
}

static void
gpt_bad_entries_crc_is_refused(void **state)
{
  (void)state;
  struct part p[PART_MAX];
  fix_header_crc(make_gpt(three, 3, 128));
  disk[2 * PART_SECTOR + 128 + 32] ^= 4;   // partition 2 moved, CRC not updated
  assert_int_equal(parse(p), -EINVAL);
  assert_non_null(strstr(host_log, "GPT entries CRC"));
}

static void
gpt_overlap_is_refused(void **state)
{
  (void)state;
  struct part p[PART_MAX];
  struct gpt_part o[] = { three[0], { linux_guid, 2500, 3000, "x" } };
  fix_header_crc(make_gpt(o, 2, 128));
  assert_int_equal(parse(p), -EINVAL);
  assert_non_null(strstr(host_log, "overlap"));
}

static void
gpt_out_of_range_is_refused(void **state)
{
  (void)state;
  struct part p[PART_MAX];
  struct gpt_part o[] = { three[0], { linux_guid, 3000, 1ull << 40, "huge" } };
  fix_header_crc(make_gpt(o, 2, 128));
  assert_int_equal(parse(p), -EINVAL);
  assert_non_null(strstr(host_log, "lies outside"));
  struct gpt_part r[] = { { linux_guid, 3000, 2999, "reversed" } };
  fix_header_crc(make_gpt(r, 1, 128));
  assert_int_equal(parse(p), -EINVAL);
}

static void
gpt_billions_of_entries_is_refused_without_reading_them(void **state)
{
  (void)state;
  struct part p[PART_MAX];
  fix_header_crc(make_gpt(three, 3, 0xfffffff0u));
  assert_int_equal(parse(p), -EINVAL);
  assert_non_null(strstr(host_log, "entries"));
  assert_true(reads < 4);
}

static void
gpt_header_fields_out_of_range_are_refused(void **state)
{
  (void)state;
  struct part p[PART_MAX];
  uint8_t *h = make_gpt(three, 3, 128);
  put32(h + 12, 4096);                    // header size past the sector
  fix_header_crc(h);
  assert_int_equal(parse(p), -EINVAL);
  h = make_gpt(three, 3, 128);
  put64(h + 48, (uint64_t)DISK_SECTORS * 2);   // last usable past the disk
  fix_header_crc(h);
  assert_int_equal(parse(p), -EINVAL);
  h = make_gpt(three, 3, 128);
  put32(h + 84, 100);                     // entry size not 128 * 2^n
  fix_header_crc(h);
  assert_int_equal(parse(p), -EINVAL);
  h = make_gpt(three, 3, 128);
  put64(h + 72, 1);                       // entries over the header
  fix_header_crc(h);
  assert_int_equal(parse(p), -EINVAL);
  h = make_gpt(three, 3, 128);
  put64(h + 72, ~0ull - 3);               // entries at the end of 64 bits
  fix_header_crc(h);
  assert_int_equal(parse(p), -EINVAL);
}

static void
protective_mbr_without_gpt_is_refused(void **state)
{
  (void)state;
  struct part p[PART_MAX];
  make_gpt(three, 3, 128);
  memset(disk + PART_SECTOR, 0, 8);
  assert_int_equal(parse(p), -EINVAL);
  assert_non_null(strstr(host_log, "no GPT header"));
}

static void
more_partitions_than_kept_are_dropped_with_a_message(void **state)
{
  (void)state;
  struct gpt_part many[PART_MAX + 2];
  char names[PART_MAX + 2][4];
  for (int i = 0; i < PART_MAX + 2; i++) {
    names[i][0] = 'p';
    names[i][1] = '0' + i;
    names[i][2] = 0;
    many[i] = (struct gpt_part){ linux_guid, 100 + 10 * i, 109 + 10 * i, names[i] };
  }
  struct part p[PART_MAX];
  fix_header_crc(make_gpt(many, PART_MAX + 2, 128));
  assert_int_equal(parse(p), PART_MAX);
  assert_non_null(strstr(host_log, "beyond the first"));
}

static void
mbr_partitions(void **state)
{
  (void)state;
  struct part p[PART_MAX];
  memset(disk, 0, sizeof(disk));
  uint8_t *e = disk + 446;
  e[0] = 0x80;
  e[4] = 0x0c;   // FAT32 LBA
  put32(e + 8, 2048);
  put32(e + 12, 512);
  e += 16;
  e[4] = 0x83;
  put32(e + 8, 2560);
  put32(e + 12, 1024);
  disk[510] = 0x55;
  disk[511] = 0xaa;
  assert_int_equal(parse(p), 2);
  assert_true(p[0].boot);
  assert_int_equal(p[1].index, 2);
  assert_int_equal(p[1].start, 2560);
  assert_int_equal(p[1].nsectors, 1024);
  assert_false(p[1].boot);
  // Now hostile: past the end, then overlapping.
  put32(e + 12, 0xffffff00u);
  assert_int_equal(parse(p), -EINVAL);
  assert_non_null(strstr(host_log, "lies outside"));
  put32(e + 8, 2100);
  put32(e + 12, 100);
  assert_int_equal(parse(p), -EINVAL);
  assert_non_null(strstr(host_log, "overlap"));
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(crc32_matches_the_standard_check_value),
    cmocka_unit_test(gpt_three_partitions),
    cmocka_unit_test(no_table_means_whole_disk),
    cmocka_unit_test(gpt_bad_header_crc_is_refused),
    cmocka_unit_test(gpt_bad_entries_crc_is_refused),
    cmocka_unit_test(gpt_overlap_is_refused),
    cmocka_unit_test(gpt_out_of_range_is_refused),
    cmocka_unit_test(gpt_billions_of_entries_is_refused_without_reading_them),
    cmocka_unit_test(gpt_header_fields_out_of_range_are_refused),
    cmocka_unit_test(protective_mbr_without_gpt_is_refused),
    cmocka_unit_test(more_partitions_than_kept_are_dropped_with_a_message),
    cmocka_unit_test(mbr_partitions),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
