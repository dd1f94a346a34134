// drivers/block/sd_spi_test.c: host tests of the SD-over-SPI command layer.
// host-test-sources: drivers/block/sd_spi.c
// host-test-config: CONFIG_BLK_MMC_SPI
//
// The real sd_spi.c runs over a fake SPI bus whose other end is a model of
// an SD card in SPI mode, written here from the simplified physical-layer
// spec: it parses 6-byte command frames, answers R1/R3/R7, serves data
// blocks with start tokens and takes written ones with data responses and
// busy bytes, and checks what a real card checks (74 clocks with chip
// select inactive before CMD0, CMD0's and CMD8's CRC, byte or sector
// addresses as its capacity class wants). Faulty cards are the same model
// with a fault switched on: silent, not idle after CMD0, stuck in ACMD41,
// a bad CMD8 echo, nonsense CSDs, error tokens, no data, rejected writes,
// busy forever, dying after initialisation, left waiting for the data of
// a write (refusing every command but CMD0). The clock advances 8 us per
// byte (a 1 MHz SPI clock), so every wait is measured in simulated time;
// the model fails the test if that passes a minute (a wait that is not
// bounded) instead of hanging.
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>
#include "host_test.h"
#include <octopos/sd_spi.h>
#include <octopos/spi.h>
#include <octopos/errno.h>

#define MEM_SECTORS 64          // the model stores this many sectors; beyond, reads give 0x5a
#define US_PER_BYTE 8

enum fault { F_NONE, F_SILENT, F_CMD0_ILLEGAL, F_ACMD41_STUCK, F_CMD8_ECHO, F_ERROR_TOKEN,
             F_NO_DATA, F_WRITE_CRC, F_WRITE_ERR, F_BUSY_FOREVER, F_DIES, F_IDLE_BIT };

static struct card {
  // what the card is
  int v1;                       // physical layer 1.x: CMD8 is illegal
  int hc;                       // SDHC: sector addresses, CCS set
  uchar csd[16];
  enum fault fault;
  // state
  int selected, clocks_idle, in_spi, ready, app;
  uchar frame[6];
  int nframe;
  uchar q[2048];                // bytes queued for MISO
  int qh, qt;
  int reading_multi;            // CMD18 in progress: next sector to send
  uint64 next_sector;
  int writing;                  // 0, 24 or 25
  uint64 wsector;
  int wpos;                     // -1: waiting for a token; else bytes of the block so far
  uchar wbuf[SD_SECTOR + 2];
  int busy;                     // busy bytes to send, -1 forever
  int dead;                     // F_DIES: silent from now on
  int last_cmd, ncmd12;
  uchar mem[MEM_SECTORS * SD_SECTOR];
} card;

static uint64 clock_us;
// A hart preempted in the middle of a wait: while the card's answer is one
// byte away, each poll that still sees 0xff costs this much time.
static uint64 preempt_us;
static struct spi_bus bus;
static struct sd_card sd;

static uint64 now(void) { return clock_us; }

static void
push(uchar b)
{
  card.q[card.qt++ % sizeof(card.q)] = b;
}

static void
push_r1(uchar r1)
{
  push(0xff);                   // Ncr: one byte before the answer
  if (card.fault == F_IDLE_BIT && card.ready)
    r1 |= 0x01;                 // QEMU's card keeps saying "idle"
  push(r1);
}

static uint64
card_sectors(void)
{
  int s = (card.csd[0] >> 6) & 3;
  if (s == 1)
    return ((((uint64)card.csd[7] & 0x3f) << 16 | card.csd[8] << 8 | card.csd[9]) + 1) * 1024;
  return 4096;                  // v1 cards here are 2 MiB
}

static void
push_block(uint64 sector)
{
  push(0xff);
  if (card.fault == F_NO_DATA)
    return;
  if (card.fault == F_ERROR_TOKEN) {
    push(0x08);                 // out of range
    return;
  }
  push(0xfe);
  for (int i = 0; i < SD_SECTOR; i++)
    push(sector < MEM_SECTORS ? card.mem[sector * SD_SECTOR + i] : 0x5a);
  push(0x12);                   // a CRC nobody checks
  push(0x34);
}

// The sector a data command's argument names, or -1 (address error).
static int64
sector_of(uint32 arg)
{
  if (card.hc)
    return arg < card_sectors() ? (int64)arg : -1;
  if (arg % SD_SECTOR || arg / SD_SECTOR >= card_sectors())
    return -1;
  return arg / SD_SECTOR;
}

static void
command(void)
{
  int idx = card.frame[0] & 0x3f;
  uint32 arg = (uint32)card.frame[1] << 24 | card.frame[2] << 16 | card.frame[3] << 8 | card.frame[4];
  int app = card.app;
  card.app = 0;
  card.last_cmd = idx;
  if (idx == 0) {
    if (!card.in_spi && card.clocks_idle < 74)
      return;                   // not woken up: a real card would not answer
    if (card.frame[5] != 0x95) {
      push_r1(0x08);            // CRC error: CMD0's CRC is checked
      return;
    }
    card.in_spi = 1;
    card.ready = 0;
    card.reading_multi = 0;
    card.writing = 0;
    push_r1(card.fault == F_CMD0_ILLEGAL ? 0x04 : 0x01);
    return;
  }
  if (!card.in_spi)
    return;
  uchar idle = card.ready ? 0 : 1;
  if (card.writing) {
    push_r1(idle | 0x04);       // waiting for data: as QEMU's card, all but CMD0 illegal
    return;
  }
  switch (app ? 100 + idx : idx) {
  case 8:
    if (card.frame[5] != 0x87) {
      push_r1(idle | 0x08);
      return;
    }
    if (card.v1) {
      push_r1(idle | 0x04);
      return;
    }
    push_r1(idle);
    push(0); push(0); push(arg >> 8 & 0x0f);
    push(card.fault == F_CMD8_ECHO ? 0x55 : arg & 0xff);
    return;
  case 55:
    card.app = 1;
    push_r1(idle);
    return;
  case 141:
    if (card.fault != F_ACMD41_STUCK && (!card.hc || (arg & (1u << 30))))
      card.ready = 1;           // an SDHC card waits for HCS
    push(0xff);                 // the quirk spares ACMD41: QEMU's card leaves idle there
    push(card.ready ? 0 : 1);
    return;
  case 58:
    push_r1(idle);
    push(card.ready ? (0x80 | (card.hc ? 0x40 : 0)) : 0); push(0xff); push(0x80); push(0);
    return;
  case 9:
    if (!card.ready) { push_r1(0x05); return; }
    push_r1(0);
    push(0xff); push(0xfe);
    for (int i = 0; i < 16; i++)
      push(card.csd[i]);
    push(0); push(0);
    return;
  case 16:
    push_r1(card.ready && !card.hc && arg == SD_SECTOR ? 0 : 0x40);
    return;
  case 12:
    card.qh = card.qt;          // the data stream stops
    card.reading_multi = 0;
    card.ncmd12++;
    push(0xff);                 // the stuff byte
    push_r1(0);
    push(0x00);                 // busy, briefly
    return;
  case 17:
  case 18: {
    int64 s = sector_of(arg);
    if (!card.ready || s < 0) { push_r1(0x20); return; }
    push_r1(0);
    push_block(s);
    if (idx == 18) {
      card.reading_multi = 1;
      card.next_sector = s + 1;
    }
    return;
  }
  case 24:
  case 25: {
    int64 s = sector_of(arg);
    if (!card.ready || s < 0) { push_r1(0x20); return; }
    push_r1(0);
    card.writing = idx;
    card.wsector = s;
    card.wpos = -1;
    return;
  }
  default:
    push_r1(idle | 0x04);
  }
}

// One byte in from the host while `out` goes back.
static void
card_in(uchar b)
{
  // Waiting for a data token, the card still parses a command frame.
  int frame = card.nframe > 0 || (b & 0xc0) == 0x40;
  if (card.writing && !(card.wpos < 0 && frame)) {
    if (card.wpos < 0) {
      if (b == 0xfe || b == 0xfc) {
        card.wpos = 0;
      } else if (b == 0xfd && card.writing == 25) {
        card.writing = 0;
        card.busy = 2;
      }
      return;
    }
    card.wbuf[card.wpos++] = b;
    if (card.wpos < SD_SECTOR + 2)
      return;
    if (card.fault == F_WRITE_CRC || card.fault == F_WRITE_ERR) {
      push(card.fault == F_WRITE_CRC ? 0xeb : 0xed);   // xxx0 1011 / xxx0 1101
      card.writing = 0;
      return;
    }
    if (card.wsector < MEM_SECTORS)
      memcpy(card.mem + card.wsector * SD_SECTOR, card.wbuf, SD_SECTOR);
    push(0xe5);                 // accepted
    card.busy = card.fault == F_BUSY_FOREVER ? -1 : 3;
    card.wsector++;
    card.wpos = -1;
    if (card.writing == 24)
      card.writing = 0;
    return;
  }
  if (card.nframe == 0 && (b & 0xc0) != 0x40)
    return;
  card.frame[card.nframe++] = b;
  if (card.nframe == 6) {
    card.nframe = 0;
    command();
  }
}

static int
fake_transfer(struct spi_bus *b, const uchar *tx, uchar *rx, int n)
{
  (void)b;
  for (int i = 0; i < n; i++) {
    clock_us += US_PER_BYTE;
    if (clock_us > 60ull * 1000000)
      fail_msg("a wait is not bounded: a simulated minute passed");
    uchar in = tx ? tx[i] : 0xff, out = 0xff;
    if (!card.selected) {
      card.clocks_idle += 8;
    } else if (card.fault == F_SILENT || card.dead) {
      out = 0xff;
    } else {
      if (card.qh != card.qt)
        out = card.q[card.qh++ % sizeof(card.q)];
      else if (card.busy) {
        out = 0x00;
        if (card.busy > 0)
          card.busy--;
      } else if (card.reading_multi) {
        push_block(card.next_sector++);
        out = card.q[card.qh++ % sizeof(card.q)];
      }
      card_in(in);
      if (preempt_us && out == 0xff && card.qh != card.qt)
        clock_us += preempt_us;
    }
    if (rx)
      rx[i] = out;
  }
  return 0;
}

static void
fake_select(struct spi_bus *b, int cs, int on)
{
  (void)b;
  assert_int_equal(cs, 2);
  card.selected = on;
}

static uint32
fake_speed(struct spi_bus *b, uint32 hz)
{
  (void)b;
  return hz;
}

// Set CSD bits [hi:lo] to v.
static void
csd_set(uchar *csd, int hi, int lo, uint64 v)
{
  for (int b = lo; b <= hi; b++, v >>= 1) {
    uchar m = 1 << (b % 8);
    csd[15 - b / 8] = (v & 1) ? csd[15 - b / 8] | m : csd[15 - b / 8] & ~m;
  }
}

// A card of the given class, its CSD right for it.
static void
new_card(int v1, int hc, enum fault f)
{
  memset(&card, 0, sizeof(card));
  preempt_us = 0;
  card.v1 = v1;
  card.hc = hc;
  card.fault = f;
  if (hc) {
    csd_set(card.csd, 127, 126, 1);
    csd_set(card.csd, 83, 80, 9);
    csd_set(card.csd, 69, 48, 0x1dff);   // 3.75 GiB
  } else {
    csd_set(card.csd, 83, 80, 9);
    csd_set(card.csd, 73, 62, 7);        // (7 + 1) * 2^(7 + 2) * 512 = 2 MiB
    csd_set(card.csd, 49, 47, 7);
  }
  for (int i = 0; i < MEM_SECTORS * SD_SECTOR; i++)
    card.mem[i] = (uchar)(i * 7 + 3);
  clock_us = 0;
  bus = (struct spi_bus){ .name = "fake", .set_speed = fake_speed, .select = fake_select,
                          .transfer = fake_transfer };
  sd = (struct sd_card){ .bus = &bus, .cs = 2, .name = "card0", .now = now, .hz = 1000000 };
  host_log_clear();
}

static void
expect_log(const char *s)
{
  if (strstr(host_log, s) == NULL)
    fail_msg("expected '%s' in the kernel log, got: %s", s, host_log);
}

static void
init_ok(void)
{
  int r = sd_spi_init(&sd);
  if (r != 0)
    fail_msg("init failed (%d): %s", r, host_log);
}

// --- cards that work ---

static void
test_sdhc(void **state)
{
  (void)state;
  new_card(0, 1, F_NONE);
  init_ok();
  assert_int_equal(sd.v2, 1);
  assert_int_equal(sd.block_addr, 1);
  assert_int_equal(sd.csd_version, 2);
  assert_int_equal(sd.sectors, (uint64)0x1e00 * 1024);
  assert_false(card.selected);
}

static void
test_sdsc_v2_and_v1(void **state)
{
  (void)state;
  for (int v1 = 0; v1 <= 1; v1++) {
    new_card(v1, 0, F_NONE);
    init_ok();
    assert_int_equal(sd.v2, !v1);
    assert_int_equal(sd.block_addr, 0);
    assert_int_equal(sd.csd_version, 1);
    assert_int_equal(sd.sectors, 4096);
    assert_int_equal(card.last_cmd, 16);   // block length set for a byte-addressed card
  }
}

// Write and read back one and several sectors, on both address kinds,
// checking the card's memory and that nothing else changed.
static void
test_read_write(void **state)
{
  (void)state;
  for (int hc = 0; hc <= 1; hc++) {
    for (int f = 0; f <= 1; f++) {
      new_card(0, hc, f ? F_IDLE_BIT : F_NONE);
      init_ok();
      uchar before[MEM_SECTORS * SD_SECTOR], buf[4 * SD_SECTOR], out[4 * SD_SECTOR];
      memcpy(before, card.mem, sizeof(before));
      assert_int_equal(sd_spi_read(&sd, 3, 1, buf), 0);
      assert_memory_equal(buf, card.mem + 3 * SD_SECTOR, SD_SECTOR);
      assert_int_equal(sd_spi_read(&sd, 10, 4, buf), 0);
      assert_memory_equal(buf, card.mem + 10 * SD_SECTOR, 4 * SD_SECTOR);
      assert_int_equal(card.ncmd12, 1);
      for (int i = 0; i < (int)sizeof(out); i++)
        out[i] = (uchar)(i ^ 0xa5);
      assert_int_equal(sd_spi_write(&sd, 20, 1, out), 0);
      assert_int_equal(sd_spi_write(&sd, 30, 2, out + SD_SECTOR), 0);
      assert_memory_equal(card.mem + 20 * SD_SECTOR, out, SD_SECTOR);
      assert_memory_equal(card.mem + 30 * SD_SECTOR, out + SD_SECTOR, 2 * SD_SECTOR);
      memcpy(before + 20 * SD_SECTOR, out, SD_SECTOR);
      memcpy(before + 30 * SD_SECTOR, out + SD_SECTOR, 2 * SD_SECTOR);
      assert_memory_equal(card.mem, before, sizeof(before));
      assert_int_equal(sd_spi_read(&sd, 30, 2, buf), 0);
      assert_memory_equal(buf, out + SD_SECTOR, 2 * SD_SECTOR);
      assert_false(card.selected);
      assert_string_equal(host_log, "");
    }
  }
}

static void
test_out_of_range(void **state)
{
  (void)state;
  uchar buf[2 * SD_SECTOR];
  new_card(0, 0, F_NONE);
  init_ok();
  int before = card.last_cmd;
  assert_int_equal(sd_spi_read(&sd, 4095, 2, buf), -EIO);
  assert_int_equal(sd_spi_write(&sd, 4096, 1, buf), -EIO);
  assert_int_equal(card.last_cmd, before);   // refused before the card saw it
  expect_log("read of 2 sectors at 4095 refused: the card has 4096");
  assert_int_equal(sd_spi_read(&sd, 4094, 2, buf), 0);
}

// --- cards that do not ---

static void
test_no_card(void **state)
{
  (void)state;
  new_card(0, 1, F_SILENT);
  assert_int_equal(sd_spi_init(&sd), -ENODEV);
  expect_log("mmc-spi: card0: no card (nothing answered CMD0 within 100 ms)\n");
  assert_true(clock_us < 1000000);
  assert_false(card.selected);
}

static void
test_cmd0_not_idle(void **state)
{
  (void)state;
  new_card(0, 1, F_CMD0_ILLEGAL);
  assert_int_equal(sd_spi_init(&sd), -ENODEV);
  expect_log("no usable card (CMD0 answered 0x04, not idle)");
}

static void
test_acmd41_stuck(void **state)
{
  (void)state;
  new_card(0, 1, F_ACMD41_STUCK);
  assert_int_equal(sd_spi_init(&sd), -EIO);
  expect_log("card still initialising after 1000 ms (ACMD41)");
  assert_true(clock_us >= 1000000 && clock_us < 1500000);
}

static void
test_cmd8_bad_echo(void **state)
{
  (void)state;
  new_card(0, 1, F_CMD8_ECHO);
  assert_int_equal(sd_spi_init(&sd), -EIO);
  expect_log("CMD8 echo 0x1/0x55, not 0x1/0xaa");
}

static void
test_bad_csd(void **state)
{
  (void)state;
  static const struct { int structure, bl_len; uint64 c_size; const char *msg; } bad[] = {
    { 2, 9, 0x1dff, "CSD structure 2 unknown" },
    { 3, 9, 0x1dff, "CSD structure 3 unknown" },
    { 1, 9, 0, "CSD v2 makes no sense: C_SIZE 0x0 (0 MiB)" },           // zero capacity
    { 1, 9, 0x3fffff, "CSD v2 makes no sense: C_SIZE 0x3fffff" },       // beyond 2 TiB
    { 1, 10, 0x1dff, "CSD v2 makes no sense" },
    { 0, 0, 7, "CSD v1 makes no sense: READ_BL_LEN 0 (must be 9-11)" },
    { 0, 15, 7, "CSD v1 makes no sense: READ_BL_LEN 15" },
  };
  for (unsigned i = 0; i < ARRAY_SIZE(bad); i++) {
    new_card(0, bad[i].structure == 1, F_NONE);
    memset(card.csd, 0, 16);
    csd_set(card.csd, 127, 126, bad[i].structure);
    csd_set(card.csd, 83, 80, bad[i].bl_len);
    if (bad[i].structure == 1)
      csd_set(card.csd, 69, 48, bad[i].c_size);
    else
      csd_set(card.csd, 73, 62, bad[i].c_size);
    assert_int_equal(sd_spi_init(&sd), -EINVAL);
    expect_log(bad[i].msg);
    assert_int_equal(sd.sectors, 0);
  }
  // An all-zero CSD (a card that clocks out zeros) is v1 with READ_BL_LEN 0.
  new_card(0, 0, F_NONE);
  memset(card.csd, 0, 16);
  assert_int_equal(sd_spi_init(&sd), -EINVAL);
  expect_log("READ_BL_LEN 0");
}

static void
test_csd_v1_sizes(void **state)
{
  (void)state;
  uchar csd[16] = { 0 };
  uint64 s;
  csd_set(csd, 83, 80, 11);               // the largest v1 card: 4 GiB
  csd_set(csd, 73, 62, 4095);
  csd_set(csd, 49, 47, 7);
  new_card(0, 0, F_NONE);
  assert_int_equal(sd_csd_parse(&sd, csd, &s), 0);
  assert_int_equal(s, (uint64)8 << 20);
  assert_int_equal(sd.csd_version, 1);
  csd_set(csd, 83, 80, 10);               // 1 KiB blocks
  csd_set(csd, 73, 62, 1);
  csd_set(csd, 49, 47, 0);
  assert_int_equal(sd_csd_parse(&sd, csd, &s), 0);
  assert_int_equal(s, 2 * 4 * 2);
}

static void
test_error_token(void **state)
{
  (void)state;
  uchar buf[2 * SD_SECTOR];
  new_card(0, 1, F_NONE);
  init_ok();
  card.fault = F_ERROR_TOKEN;
  assert_int_equal(sd_spi_read(&sd, 7, 1, buf), -EIO);
  expect_log("mmc-spi: card0: read of sector 7: error token 0x08 (out of range)\n");
  host_log_clear();
  assert_int_equal(sd_spi_read(&sd, 8, 2, buf), -EIO);
  expect_log("read of sector 8: error token 0x08");
  assert_int_equal(card.ncmd12, 1);        // the stream was stopped
  card.fault = F_NONE;                     // and the card still serves reads
  assert_int_equal(sd_spi_read(&sd, 8, 2, buf), 0);
  assert_memory_equal(buf, card.mem + 8 * SD_SECTOR, 2 * SD_SECTOR);
  assert_false(card.selected);
}

static void
test_no_data(void **state)
{
  (void)state;
  uchar buf[SD_SECTOR];
  new_card(0, 1, F_NONE);
  init_ok();
  card.fault = F_NO_DATA;
  uint64 t0 = clock_us;
  assert_int_equal(sd_spi_read(&sd, 1, 1, buf), -EIO);
  expect_log("read of sector 1: no data within 100 ms");
  expect_log("resetting the card after a failed read");   // once, then given up
  assert_true(clock_us - t0 < 500000);
}

static void
test_write_rejected(void **state)
{
  (void)state;
  uchar buf[2 * SD_SECTOR] = { 1, 2, 3 };
  new_card(0, 0, F_NONE);
  init_ok();
  uchar before[SD_SECTOR];
  memcpy(before, card.mem + 4 * SD_SECTOR, SD_SECTOR);
  card.fault = F_WRITE_CRC;
  assert_int_equal(sd_spi_write(&sd, 4, 1, buf), -EIO);
  expect_log("write of sector 4 rejected: data response 0xeb (CRC error)");
  card.fault = F_WRITE_ERR;
  assert_int_equal(sd_spi_write(&sd, 4, 2, buf), -EIO);
  expect_log("write of sector 4 rejected: data response 0xed (write error)");
  assert_memory_equal(card.mem + 4 * SD_SECTOR, before, SD_SECTOR);
  assert_false(card.selected);
}

static void
test_busy_forever(void **state)
{
  (void)state;
  uchar buf[SD_SECTOR] = { 0 };
  new_card(0, 1, F_NONE);
  init_ok();
  card.fault = F_BUSY_FOREVER;
  uint64 t0 = clock_us;
  assert_int_equal(sd_spi_write(&sd, 2, 1, buf), -EIO);
  expect_log("write of sector 2: card busy for over 500 ms");
  assert_true(clock_us - t0 < 1000000);
}

static void
test_card_dies(void **state)
{
  (void)state;
  uchar buf[2 * SD_SECTOR];
  new_card(0, 1, F_NONE);
  init_ok();
  card.dead = 1;
  assert_int_equal(sd_spi_read(&sd, 0, 2, buf), -EIO);
  expect_log("read: CMD18 not answered within 100 ms");
  assert_int_equal(sd_spi_write(&sd, 0, 1, buf), -EIO);
  expect_log("write: CMD24 not answered within 100 ms");
  assert_true(clock_us < 2000000);
}

// The clock jumps past every deadline while the answer is one byte away
// (the vCPU preempted by a loaded host): reads and writes still work, since
// a wait gives up only after polls made past its deadline.
static void
test_preempted_waits(void **state)
{
  (void)state;
  uchar buf[2 * SD_SECTOR], back[2 * SD_SECTOR];
  new_card(0, 1, F_NONE);
  init_ok();
  host_log_clear();
  preempt_us = 150000;
  for (int i = 0; i < 2 * SD_SECTOR; i++)
    buf[i] = (uchar)(i * 13 + 1);
  assert_int_equal(sd_spi_write(&sd, 6, 2, buf), 0);
  assert_int_equal(sd_spi_write(&sd, 9, 1, buf), 0);
  assert_int_equal(sd_spi_read(&sd, 6, 2, back), 0);
  assert_memory_equal(back, buf, 2 * SD_SECTOR);
  assert_int_equal(sd_spi_read(&sd, 9, 1, back), 0);
  assert_memory_equal(back, buf, SD_SECTOR);
  if (strstr(host_log, "mmc-spi"))
    fail_msg("a preempted wait was reported: %s", host_log);
}

// A card left waiting for the data of a write (the host gave up on it)
// calls every command illegal: the transfer resets it and is done anyway.
static void
test_wedged_card_recovers(void **state)
{
  (void)state;
  uchar buf[2 * SD_SECTOR], back[2 * SD_SECTOR];
  for (int i = 0; i < 2 * SD_SECTOR; i++)
    buf[i] = (uchar)(i * 5 + 2);
  for (int hc = 0; hc <= 1; hc++) {
    new_card(0, hc, F_NONE);
    init_ok();
    card.writing = 25;
    card.wpos = -1;
    assert_int_equal(sd_spi_write(&sd, 12, 2, buf), 0);
    expect_log("write: CMD25 answered R1 0x04 (illegal command)");
    expect_log("resetting the card after a failed write");
    assert_memory_equal(card.mem + 12 * SD_SECTOR, buf, 2 * SD_SECTOR);
    card.writing = 24;
    card.wpos = -1;
    host_log_clear();
    assert_int_equal(sd_spi_read(&sd, 12, 2, back), 0);
    expect_log("resetting the card after a failed read");
    assert_memory_equal(back, buf, 2 * SD_SECTOR);
    assert_int_equal(sd.block_addr, hc);
    assert_false(card.selected);
  }
}

// A reset that brings up a card of another size: the file system's card is
// gone, so nothing is written to this one, then or later.
static void
test_other_card_after_reset(void **state)
{
  (void)state;
  uchar buf[SD_SECTOR] = { 9 }, before[SD_SECTOR];
  new_card(0, 1, F_NONE);
  init_ok();
  csd_set(card.csd, 69, 48, 0x3bff);     // now twice the size
  card.writing = 25;
  card.wpos = -1;
  memcpy(before, card.mem + 3 * SD_SECTOR, SD_SECTOR);
  assert_int_equal(sd_spi_write(&sd, 3, 1, buf), -EIO);
  expect_log("another card answered the reset");
  assert_int_equal(sd_spi_write(&sd, 3, 1, buf), -EIO);
  assert_int_equal(sd_spi_read(&sd, 3, 1, buf), -EIO);
  assert_memory_equal(card.mem + 3 * SD_SECTOR, before, SD_SECTOR);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_sdhc),
    cmocka_unit_test(test_sdsc_v2_and_v1),
    cmocka_unit_test(test_read_write),
    cmocka_unit_test(test_out_of_range),
    cmocka_unit_test(test_no_card),
    cmocka_unit_test(test_cmd0_not_idle),
    cmocka_unit_test(test_acmd41_stuck),
    cmocka_unit_test(test_cmd8_bad_echo),
    cmocka_unit_test(test_bad_csd),
    cmocka_unit_test(test_csd_v1_sizes),
    cmocka_unit_test(test_error_token),
    cmocka_unit_test(test_no_data),
    cmocka_unit_test(test_write_rejected),
    cmocka_unit_test(test_busy_forever),
    cmocka_unit_test(test_card_dies),
    cmocka_unit_test(test_preempted_waits),
    cmocka_unit_test(test_wedged_card_recovers),
    cmocka_unit_test(test_other_card_after_reset),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
