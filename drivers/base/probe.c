// drivers/base/probe.c: match devicetree nodes to drivers and probe them.
//
// Every built driver sits in the .drivers section (DRIVER() in
// <octopos/driver.h>). drivers_probe() runs the drivers in ascending
// `order`, so the interrupt controller is up before anything registers an
// interrupt and the console before the chatty ones; each driver gets every
// enabled node it is compatible with and nobody has claimed yet.
//
// What a probe returns decides the node's fate:
//   0        the node is claimed;
//   -ENODEV  "not mine" (e.g. a virtio slot holding another device type):
//            silently left for the next driver;
//   other    the device is listed but failed: one log line, the node counts
//            as claimed, and boot goes on. -EIO means the device did not
//            answer (nothing at its address), and the line says so.
// After probing, one line names the enabled nodes no driver took (`fdt: no
// driver for ...`) and one the built drivers that found no device (`fdt: no
// device for ...`): a config without a driver, or a driver whose device is
// absent, is visible in the boot log and the boot goes on.
// A driver whose compatible list is NULL is a pseudo-device (/dev/null):
// it is probed once, with dev->node NULL.
//
// A struct device lives only for the probe call: drivers copy what they keep.
// Its base is the registers' physical address until the driver maps them
// with dev_ioremap(), which makes it the kernel address to use.

#include <octopos/driver.h>
#include <octopos/fdt.h>
#include <octopos/errno.h>
#include <octopos/printk.h>
#include <octopos/vm.h>

extern const struct driver __drivers_start[], __drivers_end[];

// Nodes the kernel handles outside the driver model, or that need no
// driver: not worth a "no driver" line.
static const char *const quiet[] = {
  "riscv,clint0",       // the timer, arch/riscv
  "sifive,clint0",
  "simple-bus",         // buses: their children are listed themselves
  "syscon-poweroff",    // register writes the sifive,test driver already does
  "syscon-reboot",
  "riscv,pmu",
  "qemu,fw-cfg-mmio",   // QEMU's firmware interface, not for us
  "virtio,mmio",        // eight slots, mostly empty; the transport driver
                        // reports the occupied ones when it is built
  NULL,
};

enum { UNCLAIMED, CLAIMED };

// More drivers than a kernel builds today (a dozen); a longer list of idle
// ones would be cut short, not overflow.
#define DRIVERS_MAX 32

static int
is_quiet(const struct dt_node *n)
{
  for (const char *const *q = quiet; *q; q++)
    if (fdt_is_compatible(n, *q))
      return 1;
  return 0;
}

static int
driver_matches(const struct driver *d, const struct dt_node *n)
{
  for (const char *const *c = d->compatible; *c; c++)
    if (fdt_is_compatible(n, *c))
      return 1;
  return 0;
}

int
driver_handles(const struct dt_node *n, int order)
{
  for (const struct driver *d = __drivers_start; d < __drivers_end; d++)
    if (d->order == order && d->compatible && driver_matches(d, n))
      return 1;
  return 0;
}

// Run driver d on every node it matches that is still unclaimed; return
// how many it claimed (a pseudo-device counts as one).
static int
probe_driver(const struct driver *d, char *state)
{
  int claimed = 0;
  if (d->compatible == NULL) {
    struct device dev = { NULL, 0, 0, -1 };
    int r = d->probe(&dev);
    if (r < 0)
      printf("%s: init failed (error %d)\n", d->name, r);
    return 1;
  }
  for (int i = 0; i < fdt.nnodes; i++) {
    const struct dt_node *n = &fdt.nodes[i];
    if (state[i] != UNCLAIMED || !n->enabled || !driver_matches(d, n))
      continue;
    struct device dev = { n, n->reg_base, n->reg_size, n->irq };
    int r = d->probe(&dev);
    if (r == -ENODEV)
      continue;
    state[i] = CLAIMED;
    claimed++;
    if (r == -EIO)
      printf("%s: %s: device not responding; not used\n", d->name, n->name);
    else if (r < 0)
      printf("%s: %s: probe failed (error %d); device not used\n", d->name, n->name, r);
  }
  return claimed;
}

void
drivers_probe(void)
{
  char state[FDT_MAX_NODES] = { 0 };
  const struct driver *idle[DRIVERS_MAX];   // built, but found no device
  int nidle = 0;
  int prev = -1;

  // One pass per distinct order value, lowest first. There are a dozen
  // drivers at most, so the quadratic scan costs nothing.
  for (;;) {
    int next = -1;
    for (const struct driver *d = __drivers_start; d < __drivers_end; d++)
      if (d->order > prev && (next < 0 || d->order < next))
        next = d->order;
    if (next < 0)
      break;
    for (const struct driver *d = __drivers_start; d < __drivers_end; d++)
      if (d->order == next && probe_driver(d, state) == 0 && nidle < DRIVERS_MAX)
        idle[nidle++] = d;
    prev = next;
  }

  // One line, for information (not an error: QEMU's board has devices a
  // kernel need not drive), naming every interesting node nobody took
  // (CONFIG_FDT_DIAGNOSTICS).
  if (!IS_ENABLED(CONFIG_FDT_DIAGNOSTICS))
    return;
  int any = 0;
  for (int i = 0; i < fdt.nnodes; i++) {
    const struct dt_node *n = &fdt.nodes[i];
    if (state[i] != UNCLAIMED || !n->enabled || n->reg_size == 0 || is_quiet(n))
      continue;
    printf("%s %s", any ? "" : "fdt: not used by this kernel (no driver built):", n->name);
    any = 1;
  }
  if (any)
    printf("\n");

  for (int i = 0; i < nidle; i++)
    printf("%s %s%s", i ? "" : "fdt: no device for", idle[i]->name, i == nidle - 1 ? "\n" : "");
}

int
dev_ioremap(struct device *dev)
{
  uint64 va = ioremap(dev->base, dev->size);
  if (va == 0)
    return -ENOMEM;
  dev->base = va;
  return 0;
}
