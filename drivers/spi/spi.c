// drivers/spi/spi.c: the registry of SPI buses (CONFIG_SPI).
//
// Controllers register at probe; devices on a bus probe later (a higher
// DRIVER() order) and look their controller up by devicetree node. Buses
// are never unregistered, and registration happens on one hart during
// boot, so the table needs no lock.
#include <octopos/spi.h>
#include <octopos/errno.h>
#include <octopos/printk.h>

static struct spi_bus *buses[SPI_BUS_MAX];
static int nbuses;

int
spi_bus_register(struct spi_bus *bus)
{
  if (nbuses == SPI_BUS_MAX) {
    printf("spi: %s: table full (%d buses); not used\n", bus->name, SPI_BUS_MAX);
    return -ENOSPC;
  }
  buses[nbuses++] = bus;
  return 0;
}

struct spi_bus *
spi_bus_find(const struct dt_node *node)
{
  for (int i = 0; i < nbuses; i++)
    if (buses[i]->node == node)
      return buses[i];
  return NULL;
}
