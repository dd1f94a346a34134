// drivers/rtc/goldfish_rtc.c: the Goldfish real-time clock (CONFIG_RTC_GOLDFISH).
//
// QEMU's virt board has one: a 64-bit count of nanoseconds since 1970 in
// two 32-bit registers. Reading TIME_LOW latches the high half, so the
// pair must be read low first and without another hart in between.
// The alarm and its interrupt are not used. A clock whose registers fault
// or read 0 (or all ones) is not there: the devicetree lists it where
// nothing answers, so the probe refuses it (-EIO) rather than tell user
// space it is 1970.

#include <octopos/rtc.h>
#include <octopos/driver.h>
#include <octopos/errno.h>
#include <octopos/spinlock.h>

#define GOLDFISH_TIME_LOW  0x00
#define GOLDFISH_TIME_HIGH 0x04

static uint64 base;
static struct spinlock lock;

static uint64
goldfish_read_ns(void)
{
  acquire(&lock);
  uint64 lo = *(volatile uint32 *)(base + GOLDFISH_TIME_LOW);
  uint64 hi = *(volatile uint32 *)(base + GOLDFISH_TIME_HIGH);
  release(&lock);
  return (hi << 32) | lo;
}

static int
goldfish_rtc_probe(struct device *dev)
{
  if (dev_ioremap(dev) < 0)
    return -ENOMEM;
  if (base)
    return -ENODEV;   // one clock is enough
  uint32 lo, hi;
  if (mmio_probe_read32(dev->base + GOLDFISH_TIME_LOW, &lo) < 0 ||
      mmio_probe_read32(dev->base + GOLDFISH_TIME_HIGH, &hi) < 0 ||
      (lo == 0 && hi == 0) || (lo == ~0u && hi == ~0u))
    return -EIO;
  initlock(&lock, "rtc");
  base = dev->base;
  rtc_register(goldfish_read_ns);
  return 0;
}

static const char *const goldfish_compat[] = { "google,goldfish-rtc", NULL };
DRIVER(goldfish_rtc_driver, .name = "goldfish-rtc", .compatible = goldfish_compat,
       .probe = goldfish_rtc_probe, .order = 5);
