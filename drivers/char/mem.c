// drivers/char/mem.c: /dev/null and /dev/zero (CONFIG_DEV_MEM).
//
// A pseudo-device: its DRIVER() has no compatible list, so drivers_probe()
// calls it once, without a devicetree node, to fill devsw[].
// /dev/null reads as end of file and swallows writes; /dev/zero reads as
// endless zero bytes and swallows writes.

#include <octopos/devsw.h>
#include <octopos/driver.h>
#include <octopos/proc.h>

static const uchar zeros[512];

static int
null_read(int user_dst, uint64 dst, int n)
{
  (void)user_dst;
  (void)dst;
  (void)n;
  return 0;
}

static int
mem_write(int user_src, uint64 src, int n)
{
  (void)user_src;
  (void)src;
  return n;
}

static int
zero_read(int user_dst, uint64 dst, int n)
{
  int done = 0;
  while (done < n) {
    int m = MIN(n - done, (int)sizeof(zeros));
    int r = either_copyout(user_dst, dst + done, (void *)zeros, m);
    if (r < 0)
      return done ? done : r;
    done += m;
  }
  return done;
}

static int
mem_probe(struct device *dev)
{
  (void)dev;
  devsw[DEV_NULL].read = null_read;
  devsw[DEV_NULL].write = mem_write;
  devsw[DEV_ZERO].read = zero_read;
  devsw[DEV_ZERO].write = mem_write;
  return 0;
}

DRIVER(mem_driver, .name = "mem", .compatible = NULL, .probe = mem_probe, .order = 5);
