// drivers/power/sifive_test.c: power-off and reset through the SiFive test
// device (CONFIG_POWER_SIFIVE_TEST).
//
// One 32-bit register: writing 0x5555 powers off (QEMU exits 0),
// 0x3333 | code << 16 powers off with a failure (QEMU exits with code),
// 0x7777 resets. If a write does not stop the machine the op returns and
// kernel/power.c falls back to its other ways.

#include <octopos/power.h>
#include <octopos/driver.h>
#include <octopos/errno.h>
#include <octopos/types.h>

#define TEST_PASS  0x5555
#define TEST_FAIL  0x3333
#define TEST_RESET 0x7777

static volatile uint32 *reg;

static void
sifive_test_poweroff(int code)
{
  *reg = code == 0 ? TEST_PASS : (TEST_FAIL | ((uint32)(code & 0xffff) << 16));
}

static void
sifive_test_reboot(void)
{
  *reg = TEST_RESET;
}

static const struct power_ops sifive_test_ops = {
  .poweroff = sifive_test_poweroff,
  .reboot = sifive_test_reboot,
};

static int
sifive_test_probe(struct device *dev)
{
  if (dev_ioremap(dev) < 0)
    return -ENOMEM;
  uint32 v;
  if (reg)
    return -ENODEV;
  // The register is write-only (reads give 0), but a read that faults says
  // nothing is there: a poweroff would then fault instead of stopping.
  if (mmio_probe_read32(dev->base, &v) < 0)
    return -EIO;
  reg = (volatile uint32 *)dev->base;
  power_register(&sifive_test_ops);
  return 0;
}

// QEMU lists "sifive,test1", "sifive,test0", "syscon"; syscon alone says nothing.
static const char *const sifive_test_compat[] = { "sifive,test1", "sifive,test0", NULL };
DRIVER(sifive_test_driver, .name = "sifive-test", .compatible = sifive_test_compat,
       .probe = sifive_test_probe, .order = 5);
