// drivers/block/sd_spi.c: the SD card command layer in SPI mode (CONFIG_BLK_MMC_SPI).
//
// Follows the SD Physical Layer Simplified Specification, chapter 7 (SPI
// mode). Commands are six bytes (0x40 | index, a 32-bit argument, CRC7);
// the card answers with R1 (one byte, bit 7 clear: in idle state, erase
// reset, illegal command, CRC error, erase sequence, address, parameter),
// some commands with four more bytes (R3: OCR, R7: CMD8's echo). Data
// comes as a start token (0xfe), the block and a CRC16, or as an error
// token (0x0X) instead; written data is answered with a data response
// (0bxxx00101 accepted) and busy bytes (0x00) until the card is done.
//
// CRC checking is off in SPI mode unless CMD59 turns it on, so data CRCs
// are sent as 0xffff and not checked; commands carry a real CRC7 (CMD0 and
// CMD8 need one before the card knows it is in SPI mode).
//
// Every wait for the card is measured on the card's clock against the
// spec's limits (with margin), so a card that never answers or stays busy
// costs a bounded time and one message; the last few polls must also
// begin after the limit, so time this hart spent elsewhere is not
// counted against the card.
//
// A card that stops answering, sends no data, or calls a read or write
// command illegal may be stuck half way through a transfer (a write still
// waiting for its data refuses every command but CMD0). The transfer then
// resets it (CMD0 and the initialisation again) and tries once more; a
// card that comes back with another capacity is not the one the file
// system was on, and nothing more is read from or written to it.
#include <octopos/sd_spi.h>
#include <octopos/spi.h>
#include <octopos/errno.h>
#include <octopos/printk.h>

#define R1_IDLE     0x01
#define R1_ILLEGAL  0x04
#define TOKEN_START 0xfe        // single-block read and write, multi-block read
#define TOKEN_MULTI 0xfc        // each block of a multi-block write
#define TOKEN_STOP  0xfd        // ends a multi-block write
#define NO_ANSWER   (-1000)     // command(): nothing but 0xff within CMD_MS
#define CARD_LOST   (-1001)     // a transfer failed with the card's state in doubt
// An R1 without error bits. The idle bit alone is not an error: QEMU's
// card (hw/sd/ssi-sd.c) keeps reporting it after initialisation.
#define R1_OK(r)    ((r) >= 0 && !((r) & ~R1_IDLE))

#define CMD_MS      100         // R1 (the spec: within 8 bytes)
#define INIT_MS     1000        // ACMD41 until ready (the spec: 1 s)
#define READ_MS     100         // start token (the spec: 100 ms)
#define BUSY_MS     500         // busy after a write (the spec: 250 ms SDSC, 500 ms SDHC)
#define INIT_HZ     400000      // at most this until initialised
#define RUN_HZ      20000000    // then (the slot's limit is 20 MHz on the FU540 boards)

static uint64
deadline(struct sd_card *c, uint64 ms)
{
  return c->now() + c->hz * ms / 1000;
}

static int
xfer(struct sd_card *c, const uchar *tx, uchar *rx, int n)
{
  return c->bus->transfer(c->bus, tx, rx, n);
}

// One byte in for 0xff out, or -EIO.
static int
rx_byte(struct sd_card *c)
{
  uchar b;
  if (xfer(c, NULL, &b, 1) < 0)
    return -EIO;
  return b;
}

// A wait gives up only after LATE_POLLS polls that each began past its
// deadline. The clock keeps running while this hart is not (another
// process, or under QEMU the host preempting the vCPU), so a deadline can
// pass between two polls of a card that answers at the next one: giving
// up then left a command the card had taken half done, and the card
// refused every later one (sifive_u fuzz seeds 2614000-2614001 at a host
// load of 25: "CMD25 not answered within 100 ms", then "illegal command").
#define LATE_POLLS  16

// Count one poll toward giving up: 1 when the wait is over.
static int
too_late(struct sd_card *c, uint64 dl, int *late)
{
  return c->now() > dl && ++*late >= LATE_POLLS;
}

// The first byte other than 0xff before dl: the byte, NO_ANSWER, or -EIO.
static int
wait_byte(struct sd_card *c, uint64 dl)
{
  for (int late = 0;;) {
    int b = rx_byte(c);
    if (b != 0xff)
      return b;
    if (too_late(c, dl, &late))
      return NO_ANSWER;
  }
}

// Wait while the card holds the line low (busy). 0, NO_ANSWER or -EIO.
static int
wait_ready(struct sd_card *c, uint64 ms)
{
  uint64 dl = deadline(c, ms);
  for (int late = 0;;) {
    int b = rx_byte(c);
    if (b < 0 || b == 0xff)
      return b < 0 ? b : 0;
    if (too_late(c, dl, &late))
      return NO_ANSWER;
  }
}

// The command's CRC7 (polynomial x^7 + x^3 + 1), over its first five bytes.
static uchar
crc7(const uchar *p, int n)
{
  uint crc = 0;
  for (int i = 0; i < n; i++)
    for (int bit = 7; bit >= 0; bit--) {
      uint in = ((p[i] >> bit) & 1) ^ ((crc >> 6) & 1);
      crc = (crc << 1) & 0x7f;
      if (in)
        crc ^= 0x09;
    }
  return crc;
}

// Send command idx with arg; return its R1, NO_ANSWER or -EIO.
static int
command(struct sd_card *c, int idx, uint32 arg)
{
  uchar f[7];
  f[0] = 0xff;                    // one idle byte: the card finishes what it was sending
  f[1] = 0x40 | idx;
  f[2] = arg >> 24;
  f[3] = arg >> 16;
  f[4] = arg >> 8;
  f[5] = arg;
  f[6] = (crc7(f + 1, 5) << 1) | 1;
  if (xfer(c, f, NULL, sizeof(f)) < 0)
    return -EIO;
  if (idx == 12 && rx_byte(c) < 0)  // the stuff byte after STOP_TRANSMISSION
    return -EIO;
  uint64 dl = deadline(c, CMD_MS);
  for (int late = 0;;) {
    int b = rx_byte(c);
    if (b < 0 || !(b & 0x80))
      return b;
    if (too_late(c, dl, &late))
      return NO_ANSWER;
  }
}

// Application command: CMD55, then idx. R1 of idx, NO_ANSWER or -EIO.
static int
app_command(struct sd_card *c, int idx, uint32 arg)
{
  int r = command(c, 55, 0);
  if (r < 0 || (r & ~R1_IDLE))
    return r;
  return command(c, idx, arg);
}

// Say what went wrong with command idx (R1 r, or no answer); -EIO.
static int
cmd_failed(struct sd_card *c, const char *what, int idx, int r)
{
  if (r == NO_ANSWER)
    printf("mmc-spi: %s: %s: CMD%d not answered within %d ms\n", c->name, what, idx, CMD_MS);
  else if (r < 0)
    printf("mmc-spi: %s: %s: CMD%d: SPI transfer failed\n", c->name, what, idx);
  else
    printf("mmc-spi: %s: %s: CMD%d answered R1 0x%02x%s%s%s\n", c->name, what, idx, r,
           r & R1_ILLEGAL ? " (illegal command)" : "",
           r & 0x20 ? " (address error)" : "", r & 0x40 ? " (parameter error)" : "");
  return -EIO;
}

// cmd_failed() for a read or write command: CARD_LOST when the card did
// not answer or called the command illegal.
static int
transfer_cmd_failed(struct sd_card *c, const char *what, int idx, int r)
{
  cmd_failed(c, what, idx, r);
  return r == NO_ANSWER || (r >= 0 && (r & R1_ILLEGAL)) ? CARD_LOST : -EIO;
}

static const char *
error_token(int t)
{
  if (t & 0x08)
    return "out of range";
  if (t & 0x04)
    return "card ECC failed";
  if (t & 0x02)
    return "card controller error";
  if (t & 0x10)
    return "card locked";
  return "error";
}

// Receive one data block of n bytes after a read command. 0, CARD_LOST
// (no data came) or -EIO.
static int
read_block(struct sd_card *c, const char *what, uint64 sector, uchar *buf, int n)
{
  int t = wait_byte(c, deadline(c, READ_MS));
  if (t == TOKEN_START) {
    uchar crc[2];
    if (xfer(c, NULL, buf, n) < 0 || xfer(c, NULL, crc, 2) < 0)
      t = -EIO;
    else
      return 0;
  }
  if (t == NO_ANSWER) {
    printf("mmc-spi: %s: %s %lu: no data within %d ms\n", c->name, what, sector, READ_MS);
    return CARD_LOST;
  } else if (t < 0)
    printf("mmc-spi: %s: %s %lu: SPI transfer failed\n", c->name, what, sector);
  else if ((t & 0xe0) == 0)
    printf("mmc-spi: %s: %s %lu: error token 0x%02x (%s)\n", c->name, what, sector, t,
           error_token(t));
  else
    printf("mmc-spi: %s: %s %lu: bad data token 0x%02x\n", c->name, what, sector, t);
  return -EIO;
}

static void
deselect(struct sd_card *c)
{
  c->bus->select(c->bus, c->cs, 0);
  xfer(c, NULL, NULL, 1);   // eight clocks: the card lets go of its output
}

static int
csd_bits(const uchar *csd, int hi, int lo)
{
  uint32 v = 0;
  for (int b = hi; b >= lo; b--)
    v = (v << 1) | ((csd[15 - b / 8] >> (b % 8)) & 1);
  return v;
}

int
sd_csd_parse(struct sd_card *c, const uchar csd[16], uint64 *sectors)
{
  int structure = csd_bits(csd, 127, 126);
  int bl_len = csd_bits(csd, 83, 80);
  c->csd_version = structure + 1;
  if (structure == 0) {
    // Version 1.0 (standard capacity): (C_SIZE + 1) * 2^(C_SIZE_MULT + 2)
    // blocks of 2^READ_BL_LEN bytes, READ_BL_LEN 9 to 11.
    if (bl_len < 9 || bl_len > 11) {
      printf("mmc-spi: %s: CSD v1 makes no sense: READ_BL_LEN %d (must be 9-11)\n", c->name, bl_len);
      return -EINVAL;
    }
    uint64 blocks = (uint64)(csd_bits(csd, 73, 62) + 1) << (csd_bits(csd, 49, 47) + 2);
    *sectors = blocks << (bl_len - 9);
    return 0;
  }
  if (structure == 1) {
    // Version 2.0 (SDHC, SDXC): (C_SIZE + 1) * 512 KiB. The spec's range
    // of C_SIZE is 0x1010 (over 2 GiB) to 0x3ffeff (2 TiB); READ_BL_LEN is 9.
    uint32 c_size = csd_bits(csd, 69, 48);
    if (bl_len != 9 || c_size < 0x1010 || c_size > 0x3ffeff) {
      printf("mmc-spi: %s: CSD v2 makes no sense: C_SIZE 0x%x (%lu MiB), READ_BL_LEN %d\n",
             c->name, c_size, ((uint64)c_size + 1) / 2, bl_len);
      return -EINVAL;
    }
    *sectors = ((uint64)c_size + 1) * 1024;
    return 0;
  }
  printf("mmc-spi: %s: CSD structure %d unknown (not v1 or v2); card not used\n", c->name, structure);
  return -EINVAL;
}

static int
init(struct sd_card *c)
{
  int r;
  uchar b[16];

  // 74 clocks or more with chip select inactive: the card enters its
  // native mode, and CMD0 with chip select active then puts it in SPI mode.
  c->bus->select(c->bus, c->cs, 0);
  if (xfer(c, NULL, NULL, 10) < 0)
    return -EIO;
  c->bus->select(c->bus, c->cs, 1);
  for (int i = 0; i < 3; i++)
    if ((r = command(c, 0, 0)) == R1_IDLE)
      break;
  if (r == NO_ANSWER) {
    printf("mmc-spi: %s: no card (nothing answered CMD0 within %d ms)\n", c->name, CMD_MS);
    return -ENODEV;
  }
  if (r != R1_IDLE) {
    if (r >= 0)
      printf("mmc-spi: %s: no usable card (CMD0 answered 0x%02x, not idle)\n", c->name, r);
    else
      printf("mmc-spi: %s: no card (SPI transfer failed)\n", c->name);
    return -ENODEV;
  }

  // CMD8 (voltage 2.7-3.6 V, check pattern 0xaa): a version 2.00 card
  // echoes them (R7); an older one calls the command illegal.
  r = command(c, 8, 0x1aa);
  if (r < 0)
    return cmd_failed(c, "init", 8, r);
  c->v2 = !(r & R1_ILLEGAL);
  if (c->v2) {
    if (r & ~R1_IDLE)
      return cmd_failed(c, "init", 8, r);
    if (xfer(c, NULL, b, 4) < 0)
      return cmd_failed(c, "init", 8, -EIO);
    if ((b[2] & 0x0f) != 1 || b[3] != 0xaa) {
      printf("mmc-spi: %s: CMD8 echo 0x%x/0x%02x, not 0x1/0xaa: card does not take 3.3 V\n",
             c->name, b[2] & 0x0f, b[3]);
      return -EIO;
    }
  }

  // ACMD41 until the card leaves idle state; HCS tells it we take SDHC.
  uint64 dl = deadline(c, INIT_MS);
  for (;;) {
    r = app_command(c, 41, c->v2 ? 1u << 30 : 0);
    if (r == 0)
      break;
    if (r != R1_IDLE)
      return cmd_failed(c, "init", 41, r);
    if (c->now() > dl) {
      printf("mmc-spi: %s: card still initialising after %d ms (ACMD41)\n", c->name, INIT_MS);
      return -EIO;
    }
  }

  // OCR: once powered up (bit 31), CCS (bit 30) says SDHC/SDXC, whose
  // commands take sector numbers.
  if (c->v2) {
    r = command(c, 58, 0);
    if (!R1_OK(r) || xfer(c, NULL, b, 4) < 0)
      return cmd_failed(c, "init", 58, R1_OK(r) ? -EIO : r);
    c->block_addr = (b[0] & 0xc0) == 0xc0;
  }

  // The CSD comes as a 16-byte data block.
  r = command(c, 9, 0);
  if (!R1_OK(r))
    return cmd_failed(c, "init", 9, r);
  if (read_block(c, "CSD read", 0, b, 16) < 0)
    return -EIO;
  if (sd_csd_parse(c, b, &c->sectors) < 0)
    return -EINVAL;
  if (!c->block_addr && c->sectors > (1ul << 32) / SD_SECTOR) {
    printf("mmc-spi: %s: byte-addressed card of %lu sectors; using the first 4 GiB\n",
           c->name, c->sectors);
    c->sectors = (1ul << 32) / SD_SECTOR;
  }
  if (!c->block_addr && !R1_OK(r = command(c, 16, SD_SECTOR)))
    return cmd_failed(c, "init", 16, r);
  return 0;
}

int
sd_spi_init(struct sd_card *c)
{
  c->v2 = c->block_addr = 0;
  c->sectors = 0;
  c->bus->set_speed(c->bus, INIT_HZ);
  int r = init(c);
  deselect(c);
  if (r == 0)
    c->bus->set_speed(c->bus, RUN_HZ);
  return r;
}

static uint32
address(struct sd_card *c, uint64 sector)
{
  return c->block_addr ? sector : sector * SD_SECTOR;
}

// Is [sector, sector + n) on the card? Else say so.
static int
in_range(struct sd_card *c, const char *what, uint64 sector, uint n)
{
  if (n > 0 && sector < c->sectors && n <= c->sectors - sector)
    return 1;
  printf("mmc-spi: %s: %s of %u sectors at %lu refused: the card has %lu\n", c->name, what, n,
         sector, c->sectors);
  return 0;
}

// One attempt at a read: 0, -EIO, or CARD_LOST.
static int
read_sectors(struct sd_card *c, uint64 sector, uint n, uchar *buf)
{
  c->bus->select(c->bus, c->cs, 1);
  int idx = n > 1 ? 18 : 17;
  int r = command(c, idx, address(c, sector));
  int err = 0;
  if (!R1_OK(r)) {
    err = transfer_cmd_failed(c, "read", idx, r);
  } else {
    for (uint i = 0; i < n && err == 0; i++)
      err = read_block(c, "read of sector", sector + i, buf + i * SD_SECTOR, SD_SECTOR);
    if (n > 1) {
      // STOP_TRANSMISSION ends the stream, after an error too.
      r = command(c, 12, 0);
      if (!R1_OK(r) && err == 0)
        err = transfer_cmd_failed(c, "read", 12, r);
      if (wait_ready(c, BUSY_MS) != 0 && err == 0) {
        printf("mmc-spi: %s: busy for %d ms after a read\n", c->name, BUSY_MS);
        err = -EIO;
      }
    }
  }
  deselect(c);
  return err;
}

// After CARD_LOST: CMD0 and the initialisation again. 0 when the same card
// (same capacity and addressing) is back and the transfer may be tried
// again. A card that does not answer keeps its old description, so a later
// transfer tries once more; a different one is described as empty, so
// every later transfer is refused before it reaches the card.
static int
reset(struct sd_card *c, const char *what)
{
  struct sd_card was = *c;
  printf("mmc-spi: %s: resetting the card after a failed %s\n", c->name, what);
  int r = sd_spi_init(c);
  if (r == 0 && (c->sectors != was.sectors || c->block_addr != was.block_addr)) {
    printf("mmc-spi: %s: another card answered the reset (%lu sectors, was %lu); not used\n",
           c->name, c->sectors, was.sectors);
    c->sectors = 0;
    return -ENODEV;
  }
  if (r < 0) {
    *c = was;
    c->bus->set_speed(c->bus, RUN_HZ);
  }
  return r;
}

// Send one block after its token; 0, or CARD_LOST (no data response) or
// -EIO after saying why.
static int
write_block(struct sd_card *c, int token, uint64 sector, const uchar *buf)
{
  uchar t = token, crc[2] = { 0xff, 0xff };
  if (xfer(c, &t, NULL, 1) < 0 || xfer(c, buf, NULL, SD_SECTOR) < 0 || xfer(c, crc, NULL, 2) < 0) {
    printf("mmc-spi: %s: write of sector %lu: SPI transfer failed\n", c->name, sector);
    return -EIO;
  }
  int resp = wait_byte(c, deadline(c, CMD_MS));
  if (resp == NO_ANSWER) {
    printf("mmc-spi: %s: write of sector %lu: no data response\n", c->name, sector);
    return CARD_LOST;
  }
  if (resp < 0 || (resp & 0x1f) != 0x05) {
    if (resp < 0)
      printf("mmc-spi: %s: write of sector %lu: SPI transfer failed\n", c->name, sector);
    else
      printf("mmc-spi: %s: write of sector %lu rejected: data response 0x%02x (%s)\n", c->name,
             sector, resp, (resp & 0x1f) == 0x0b ? "CRC error" :
             (resp & 0x1f) == 0x0d ? "write error" : "unknown");
    return -EIO;
  }
  if (wait_ready(c, BUSY_MS) != 0) {
    printf("mmc-spi: %s: write of sector %lu: card busy for over %d ms\n", c->name, sector, BUSY_MS);
    return -EIO;
  }
  return 0;
}

// One attempt at a write: 0, -EIO, or CARD_LOST.
static int
write_sectors(struct sd_card *c, uint64 sector, uint n, const uchar *buf)
{
  c->bus->select(c->bus, c->cs, 1);
  int idx = n > 1 ? 25 : 24;
  int r = command(c, idx, address(c, sector));
  int err = 0;
  if (!R1_OK(r)) {
    err = transfer_cmd_failed(c, "write", idx, r);
  } else {
    xfer(c, NULL, NULL, 1);   // at least one byte between R1 and the token
    for (uint i = 0; i < n && err == 0; i++)
      err = write_block(c, n > 1 ? TOKEN_MULTI : TOKEN_START, sector + i, buf + i * SD_SECTOR);
    if (n > 1) {
      uchar stop[2] = { TOKEN_STOP, 0xff };
      xfer(c, stop, NULL, 2);
      if (wait_ready(c, BUSY_MS) != 0 && err == 0) {
        printf("mmc-spi: %s: busy for over %d ms after a write\n", c->name, BUSY_MS);
        err = -EIO;
      }
    }
  }
  deselect(c);
  return err;
}

static int
attempt(struct sd_card *c, int write, uint64 sector, uint n, uchar *buf)
{
  return write ? write_sectors(c, sector, n, buf) : read_sectors(c, sector, n, buf);
}

// A read or write, and once more after a reset if the card was lost.
static int
transfer(struct sd_card *c, int write, uint64 sector, uint n, uchar *buf)
{
  const char *what = write ? "write" : "read";
  if (!in_range(c, what, sector, n))
    return -EIO;
  int err = attempt(c, write, sector, n, buf);
  if (err == CARD_LOST && reset(c, what) == 0)
    err = attempt(c, write, sector, n, buf);
  return err < 0 ? -EIO : 0;
}

int
sd_spi_read(struct sd_card *c, uint64 sector, uint n, uchar *buf)
{
  return transfer(c, 0, sector, n, buf);
}

int
sd_spi_write(struct sd_card *c, uint64 sector, uint n, const uchar *buf)
{
  return transfer(c, 1, sector, n, (uchar *)buf);   // attempt() only reads it for a write
}
