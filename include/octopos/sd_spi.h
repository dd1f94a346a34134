// include/octopos/sd_spi.h: an SD card in SPI mode (drivers/block/sd_spi.c).
//
// The command layer of the SD physical layer specification's SPI mode:
// initialisation, the CSD's capacity, and reading and writing 512-byte
// sectors, over any struct spi_bus. It keeps no global state and reads the
// time only through the card's clock, so the host tests run it against a
// model of a card (drivers/block/sd_spi_test.c). Every wait is bounded by
// that clock; every failure prints one line naming the card and returns a
// negative error. Callers serialise access to one card.
#ifndef OCTOPOS_SD_SPI_H
#define OCTOPOS_SD_SPI_H
#include <octopos/types.h>

struct spi_bus;

#define SD_SECTOR 512

struct sd_card {
  // Set by the caller before sd_spi_init():
  struct spi_bus *bus;
  int cs;                      // chip select of the slot
  const char *name;            // for messages
  uint64 (*now)(void);         // a clock that only goes forward...
  uint64 hz;                   // ...and its rate
  // Learnt by sd_spi_init():
  int v2;                      // answered CMD8: physical layer 2.00 or later
  int block_addr;              // SDHC/SDXC: commands take sector numbers, not bytes
  int csd_version;             // 1 or 2
  uint64 sectors;              // capacity in SD_SECTOR units
};

// Bring the card up. 0; -ENODEV when no card answers (or one that cannot
// be used: not idle after CMD0); -EIO when it stops answering on the way
// or refuses a command; -EINVAL when its CSD makes no sense.
int sd_spi_init(struct sd_card *c);
// Transfer n sectors from sector on, in one command (CMD17/24 for one,
// CMD18/25 for more). 0, or -EIO (the card's answer is in the message).
int sd_spi_read(struct sd_card *c, uint64 sector, uint n, uchar *buf);
int sd_spi_write(struct sd_card *c, uint64 sector, uint n, const uchar *buf);
// The capacity a CSD register says, in sectors, or -EINVAL after saying
// why it makes no sense. Sets c->csd_version.
int sd_csd_parse(struct sd_card *c, const uchar csd[16], uint64 *sectors);

#endif
