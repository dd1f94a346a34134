// drivers/block/mmc_spi.c: an SD card in an mmc-spi-slot, as a block device
// (CONFIG_BLK_MMC_SPI).
//
// The slot is a child of its SPI controller's devicetree node, its reg the
// chip select. Probing brings the card up (drivers/block/sd_spi.c) and
// registers it as "mmc-spiN"; a file-system block is BSIZE / 512 sectors,
// moved with one multi-block command. Transfers are polled, so a sleeplock
// serialises them: a waiter sleeps instead of spinning for a block's time.
// It is one lock for all slots, since two slots may share a bus. An empty
// slot, a dead card or a nonsense CSD is one line at boot and no device:
// the boot goes on with the next disk (the ramdisk).
//
// It probes at order 3, after the controller (2) and before the ramdisk
// (4), so a card, when there is one, is the first disk and the root.
#include <octopos/blkdev.h>
#include <octopos/clock.h>
#include <octopos/driver.h>
#include <octopos/errno.h>
#include <octopos/fdt.h>
#include <octopos/printk.h>
#include <octopos/sd_spi.h>
#include <octopos/sleeplock.h>
#include <octopos/spi.h>
#include <octopos/string.h>
#include <asm/riscv.h>

#define SECTORS_PER_BLOCK (BSIZE / SD_SECTOR)
#define MMC_SPI_MAX 2

struct mmc_spi {
  struct blkdev bd;
  struct sd_card card;
  char name[12];
};

static struct mmc_spi slots[MMC_SPI_MAX];
static int nslots;
static struct sleeplock lock;

static uint64
timebase_now(void)
{
  return r_time();
}

static void
mmc_spi_rw(struct blkdev *bd, struct buf *b, int write)
{
  struct mmc_spi *m = bd->priv;
  uint64 sector = (bd->start + b->blockno) * SECTORS_PER_BLOCK;
  acquiresleep(&lock);
  int r = write ? sd_spi_write(&m->card, sector, SECTORS_PER_BLOCK, b->data)
                : sd_spi_read(&m->card, sector, SECTORS_PER_BLOCK, b->data);
  releasesleep(&lock);
  if (r < 0)
    b->error = 1;
}

static int
mmc_spi_probe(struct device *dev)
{
  const struct dt_node *n = dev->node;
  struct spi_bus *bus = n->parent ? spi_bus_find(&fdt.nodes[n->parent - 1]) : NULL;
  if (bus == NULL) {
    printf("mmc-spi: %s: not on a SPI controller this kernel drives; not used\n", n->name);
    return 0;
  }
  if (nslots == MMC_SPI_MAX)
    return -ENOSPC;
  struct mmc_spi *m = &slots[nslots];
  safestrcpy(m->name, "mmc-spi0", sizeof(m->name));
  m->name[7] = '0' + nslots;
  m->card.bus = bus;
  m->card.cs = dev->base;      // reg: the chip select
  m->card.name = m->name;
  m->card.now = timebase_now;
  m->card.hz = timebase_hz;
  if (sd_spi_init(&m->card) < 0)
    return 0;                  // it said why; the slot is empty as far as we care
  uint64 nblocks = m->card.sectors / SECTORS_PER_BLOCK;
  printf("mmc-spi: %s: SD%s card on %s, CSD v%d, %lu KiB, %s addressing\n", m->name,
         m->card.block_addr ? "HC/XC" : "SC", bus->name, m->card.csd_version,
         m->card.sectors / 2, m->card.block_addr ? "sector" : "byte");
  if (nblocks == 0) {
    printf("mmc-spi: %s: card smaller than one %d-byte block; not used\n", m->name, BSIZE);
    return 0;
  }
  if (nslots == 0)
    initsleeplock(&lock, "mmc-spi");
  m->bd.name = m->name;
  m->bd.nblocks = nblocks;
  m->bd.rw = mmc_spi_rw;
  m->bd.priv = m;
  nslots++;
  return blkdev_register(&m->bd);
}

static const char *const mmc_spi_compat[] = { "mmc-spi-slot", NULL };
DRIVER(mmc_spi_driver, .name = "mmc-spi", .compatible = mmc_spi_compat,
       .probe = mmc_spi_probe, .order = 3);
