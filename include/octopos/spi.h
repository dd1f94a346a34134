// include/octopos/spi.h: a SPI bus, as the devices on it see it.
//
// A controller driver (drivers/spi/sifive_spi.c) fills a struct spi_bus at
// probe and registers it; a device driver on the bus (the SD card of
// drivers/block/mmc_spi.c) finds it through its own devicetree node's
// parent and talks to it only through these calls, so the device's
// protocol code knows nothing of the controller's registers (and its host
// tests run it over a model of the device instead: drivers/block/sd_spi_test.c).
//
// Every call is synchronous and bounded: a controller that stops moving
// bytes makes transfer() fail after a while, it never hangs.
#ifndef OCTOPOS_SPI_H
#define OCTOPOS_SPI_H
#include <octopos/types.h>

struct dt_node;

struct spi_bus {
  const char *name;
  const struct dt_node *node;   // the controller's devicetree node
  // Set the clock to at most hz; returns the rate chosen.
  uint32 (*set_speed)(struct spi_bus *bus, uint32 hz);
  // Chip select cs active (on = 1) or inactive (on = 0). Clocks sent while
  // every chip select is inactive still reach the bus (SD cards need 74 of
  // them before their first command).
  void (*select)(struct spi_bus *bus, int cs, int on);
  // Full duplex: send n bytes of tx (all 0xff if tx is NULL) while
  // receiving n bytes into rx (dropped if rx is NULL). 0, or -EIO if the
  // controller did not finish.
  int (*transfer)(struct spi_bus *bus, const uchar *tx, uchar *rx, int n);
  void *priv;
};

#define SPI_BUS_MAX 4

int spi_bus_register(struct spi_bus *bus);                 // 0 or -ENOSPC
struct spi_bus *spi_bus_find(const struct dt_node *node);  // the bus of that controller node, or NULL

#endif
