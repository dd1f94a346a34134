// drivers/spi/sifive_spi.c: the SiFive SPI controller (sifive,spi0) of the
// FU540 (HiFive Unleashed, QEMU's sifive_u), as a SPI bus (CONFIG_SPI_SIFIVE).
//
// Registers per the FU540-C000 manual, chapter "SPI": 32-bit words, 8-byte
// FIFOs each way. Polled programmed I/O: each byte written to txdata
// shifts one byte into rxdata, so a transfer keeps at most a FIFO's worth
// of bytes in flight and reads every one back (rxdata pops its FIFO, and
// its empty flag must be tested in the same read). Waits are bounded by
// the timebase, not by loop counts: a controller that stops answering
// fails the transfer with -EIO.
//
// Chip select: HOLD keeps the selected line active between frames; OFF
// leaves every line inactive, even while clocking (SD cards want clocks
// with chip select high before their first command).
//
// The input clock: there is no clock driver, so the rate the firmware
// leaves the FU540's tlclk at (half of the 1 GHz core clock) is assumed.
// Under QEMU the divisor has no effect.
#include <octopos/spi.h>
#include <octopos/clock.h>
#include <octopos/driver.h>
#include <octopos/errno.h>
#include <octopos/fdt.h>
#include <octopos/printk.h>
#include <asm/riscv.h>

// Register word indices.
#define SCKDIV  (0x00 / 4)
#define SCKMODE (0x04 / 4)
#define CSID    (0x10 / 4)
#define CSDEF   (0x14 / 4)
#define CSMODE  (0x18 / 4)
#define FMT     (0x40 / 4)
#define TXDATA  (0x48 / 4)
#define RXDATA  (0x4c / 4)
#define TXMARK  (0x50 / 4)
#define FCTRL   (0x60 / 4)
#define IE      (0x70 / 4)
#define IP      (0x74 / 4)

#define CSMODE_HOLD 2
#define CSMODE_OFF  3
#define FMT_8BIT    (8u << 16)   // len 8, single lane, MSB first, rx enabled
#define FMT_DIR_TX  (1u << 3)    // the receive FIFO is not filled
#define IP_TXWM     1u           // fewer than txmark (1) bytes in the transmit FIFO: it is empty
#define FIFO_EMPTY  (1u << 31)   // rxdata: nothing was read
#define FIFO_DEPTH  8
#define IN_CLOCK_HZ 500000000u   // FU540 tlclk after the firmware's PLL set-up
#define TIMEOUT_MS  10           // one FIFO's worth of bytes at 100 kHz takes under 1 ms

struct sifive_spi {
  struct spi_bus bus;
  volatile uint32 *regs;
};

static struct sifive_spi ctl[SPI_BUS_MAX];
static int nctl;

static uint32
sifive_spi_set_speed(struct spi_bus *bus, uint32 hz)
{
  struct sifive_spi *s = bus->priv;
  // sck = in / (2 * (div + 1)); the field is 12 bits.
  uint32 div = hz ? (IN_CLOCK_HZ / 2 + hz - 1) / hz : 4096;
  div = div ? div - 1 : 0;
  if (div > 0xfff)
    div = 0xfff;
  s->regs[SCKDIV] = div;
  return IN_CLOCK_HZ / (2 * (div + 1));
}

static void
sifive_spi_select(struct spi_bus *bus, int cs, int on)
{
  struct sifive_spi *s = bus->priv;
  if (on)
    s->regs[CSID] = cs;
  s->regs[CSMODE] = on ? CSMODE_HOLD : CSMODE_OFF;
}

// Send n bytes whose answers nobody wants, one register write per byte
// (against two with the answers read back: under QEMU each register access
// is what a transfer costs). The receive FIFO is switched off, the bytes
// go in FIFO-sized batches, each after the previous one drained.
static int
send_only(struct sifive_spi *s, const uchar *tx, int n)
{
  s->regs[FMT] = FMT_8BIT | FMT_DIR_TX;
  for (int i = 0; i < n; ) {
    uint64 deadline = r_time() + timebase_ms(TIMEOUT_MS);
    while (!(s->regs[IP] & IP_TXWM)) {
      if (r_time() > deadline) {
        s->regs[FMT] = FMT_8BIT;
        printf("%s: transfer stalled: transmit FIFO not drained in %d ms\n", s->bus.name,
               TIMEOUT_MS);
        return -EIO;
      }
    }
    for (int k = 0; k < FIFO_DEPTH && i < n; k++, i++)
      s->regs[TXDATA] = tx ? tx[i] : 0xff;
  }
  s->regs[FMT] = FMT_8BIT;
  return 0;
}

static int
sifive_spi_transfer(struct spi_bus *bus, const uchar *tx, uchar *rx, int n)
{
  struct sifive_spi *s = bus->priv;
  int sent = 0, got = 0;
  if (rx == NULL && n > 2 * FIFO_DEPTH) {
    // All but the last byte without answers; the last one is read back as
    // usual, which also waits until the others have left the shifter.
    if (send_only(s, tx, n - 1) < 0)
      return -EIO;
    sent = got = n - 1;
  }
  while (got < n) {
    // At most a FIFO's worth in flight: then neither FIFO can overflow.
    while (sent < n && sent - got < FIFO_DEPTH) {
      s->regs[TXDATA] = tx ? tx[sent] : 0xff;
      sent++;
    }
    uint64 deadline = r_time() + timebase_ms(TIMEOUT_MS);
    for (;;) {
      uint32 v = s->regs[RXDATA];
      if (!(v & FIFO_EMPTY)) {
        if (rx)
          rx[got] = v & 0xff;
        got++;
        break;
      }
      if (r_time() > deadline) {
        printf("%s: transfer stalled: no byte received in %d ms\n", bus->name, TIMEOUT_MS);
        return -EIO;
      }
    }
  }
  return 0;
}

static int
sifive_spi_probe(struct device *dev)
{
  if (nctl == SPI_BUS_MAX)
    return -ENOSPC;
  if (dev_ioremap(dev) < 0)
    return -ENOMEM;
  struct sifive_spi *s = &ctl[nctl];
  s->regs = (volatile uint32 *)dev->base;
  s->bus.name = dev->node->name;
  s->bus.node = dev->node;
  s->bus.set_speed = sifive_spi_set_speed;
  s->bus.select = sifive_spi_select;
  s->bus.transfer = sifive_spi_transfer;
  s->bus.priv = s;
  s->regs[IE] = 0;
  if (s->regs[FCTRL] & 1)
    s->regs[FCTRL] = 0;          // leave memory-mapped flash mode: programmed I/O
  s->regs[SCKMODE] = 0;          // SPI mode 0: what SD cards speak
  s->regs[FMT] = FMT_8BIT;
  s->regs[TXMARK] = 1;           // IP.txwm: the transmit FIFO is empty
  s->regs[CSMODE] = CSMODE_OFF;
  sifive_spi_set_speed(&s->bus, 400000);
  // Drain whatever a previous owner left in the receive FIFO.
  for (int i = 0; i < FIFO_DEPTH && !(s->regs[RXDATA] & FIFO_EMPTY); i++)
    ;
  if (spi_bus_register(&s->bus) < 0)
    return -ENOSPC;
  nctl++;
  return 0;
}

static const char *const sifive_spi_compat[] = { "sifive,spi0", NULL };
// Before the devices on the bus (mmc-spi, order 3), which come before the
// ramdisk (4) so that a card, when there is one, is the first disk.
DRIVER(sifive_spi_driver, .name = "sifive-spi", .compatible = sifive_spi_compat,
       .probe = sifive_spi_probe, .order = 2);
