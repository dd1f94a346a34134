// include/octopos/driver.h: the driver model.
//
// A driver declares the devicetree compatible strings it handles and a probe
// function with DRIVER(); the linker gathers every declaration into the
// .drivers section (arch/riscv/kernel.ld), so a driver joins the kernel just by
// being built (obj-$(CONFIG_X) += x.o). drivers/base/probe.c walks the
// devicetree and calls probe for each node whose compatible matches.
#ifndef OCTOPOS_DRIVER_H
#define OCTOPOS_DRIVER_H
#include <octopos/types.h>

struct dt_node;   // see <octopos/fdt.h>

struct device {
  const struct dt_node *node;   // devicetree node
  uint64 base;                  // first reg address: physical, mapped by dev_ioremap()
  uint64 size;                  // first reg size
  int irq;                      // first interrupt, or -1
};

struct driver {
  const char *name;
  const char *const *compatible;      // NULL-terminated list
  int (*probe)(struct device *dev);   // 0, or a negative error code
  int order;                          // lower probes first (irqchip 0, console 1, rest 5)
};

#define DRIVER_ORDER_CONSOLE 1          // the order of the console UART drivers

#define DRIVER(ident, ...) \
  static const struct driver ident \
  __attribute__((used, section(".drivers." #ident), aligned(8))) = { __VA_ARGS__ }

// Read a 32-bit device register at probe time: 0 and *val, or -EIO if
// nothing answers at addr (arch/riscv/kernel/mmio_probe.S).
int  mmio_probe_read32(uint64 addr, uint32 *val);

void drivers_probe(void);   // probe everything the devicetree lists
// Is a driver of this order built that handles node n? 1 or 0.
int  driver_handles(const struct dt_node *n, int order);
// Map dev's registers (ioremap) and point dev->base at them: a driver's
// first step in probe. 0, or -ENOMEM if they cannot be mapped.
int  dev_ioremap(struct device *dev);

#endif
