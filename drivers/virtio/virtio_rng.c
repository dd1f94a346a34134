// drivers/virtio/virtio_rng.c: the virtio entropy device behind /dev/random
// (CONFIG_VIRTIO_RNG).
//
// A read hands the device one write-only buffer (a page of ours), sleeps
// until the device has filled some of it, copies that out and repeats until
// the caller has n bytes. One read at a time owns the page (busy); others
// sleep. Writes are accepted and dropped, as Unix's /dev/random allows.
// Only the first entropy device is used.

#include <octopos/devsw.h>
#include <octopos/driver.h>
#include <octopos/errno.h>
#include <octopos/fdt.h>
#include <octopos/irq.h>
#include <octopos/page_alloc.h>
#include <octopos/printk.h>
#include <octopos/proc.h>
#include <octopos/spinlock.h>
#include <octopos/virtio.h>

#define RNG_QUEUE_SIZE 4

static struct {
  uint64 base;
  struct spinlock lock;   // guards everything below
  struct virtq q;
  uchar *page;            // the buffer the device fills
  int busy;               // a read owns page
  int done;               // the device returned the buffer ...
  uint32 len;             // ... with this many bytes
} rng;

static int
rng_read(int user_dst, uint64 dst, int n)
{
  int got = 0;
  uint16 d;

  acquire(&rng.lock);
  while (rng.busy)
    sleep(&rng.busy, &rng.lock);
  rng.busy = 1;
  while (got < n) {
    uint32 want = MIN((uint32)(n - got), PGSIZE);
    if (virtq_alloc(&rng.q, 1, &d) < 0)
      panic("virtio-rng: no descriptor while owning the queue");
    rng.q.desc[d].addr = (uint64)rng.page;
    rng.q.desc[d].len = want;
    rng.q.desc[d].flags = VIRTQ_DESC_F_WRITE;
    rng.done = 0;
    virtq_submit(&rng.q, d);
    while (!rng.done)
      sleep(&rng.done, &rng.lock);
    virtq_free_chain(&rng.q, d);
    uint32 len = MIN(rng.len, want);
    if (len == 0) {
      if (got == 0)
        got = -EIO;
      break;
    }
    // busy keeps page ours while the lock is dropped for the copy.
    release(&rng.lock);
    int r = either_copyout(user_dst, dst + got, rng.page, len);
    acquire(&rng.lock);
    if (r < 0) {
      if (got == 0)
        got = r;
      break;
    }
    got += len;
    if (killed(myproc()))
      break;
  }
  rng.busy = 0;
  wakeup(&rng.busy);
  release(&rng.lock);
  return got;
}

static int
rng_write(int user_src, uint64 src, int n)
{
  (void)user_src;
  (void)src;
  return n;
}

static void
rng_intr(void *arg)
{
  uint16 head;
  uint32 len;

  (void)arg;
  acquire(&rng.lock);
  virtio_mmio_ack(rng.base);
  while (virtq_next_used(&rng.q, &head, &len)) {
    rng.len = len;
    rng.done = 1;
    wakeup(&rng.done);
  }
  release(&rng.lock);
}

static int
rng_probe(struct device *dev)
{
  if (dev_ioremap(dev) < 0)
    return -ENOMEM;
  uint64 features;
  int r;

  if (virtio_mmio_match(dev->base, VIRTIO_ID_RNG) < 0)
    return -ENODEV;
  if (rng.base) {
    printf("virtio-rng: %s: a second entropy source; not used\n", dev->node->name);
    return 0;
  }
  initlock(&rng.lock, "virtio_rng");
  if ((r = virtio_mmio_negotiate(dev->base, 0, &features, "virtio-rng")) < 0)
    return r;
  if ((rng.page = kalloc()) == NULL) {
    r = -ENOMEM;
    goto fail;
  }
  if ((r = virtq_init(&rng.q, dev->base, 0, RNG_QUEUE_SIZE, "virtio-rng")) < 0)
    goto fail_page;
  rng.base = dev->base;
  if (dev->irq <= 0 || (r = irq_register(dev->irq, rng_intr, NULL)) < 0) {
    printf("virtio-rng: cannot get interrupt %d\n", dev->irq);
    r = r < 0 ? r : -EINVAL;
    rng.base = 0;
    kfree_page(rng.q.desc);
    goto fail_page;
  }
  virtio_mmio_driver_ok(dev->base);
  devsw[DEV_RANDOM].read = rng_read;
  devsw[DEV_RANDOM].write = rng_write;
  return 0;

fail_page:
  kfree_page(rng.page);
  rng.page = NULL;
fail:
  virtio_mmio_fail(dev->base);
  return r;
}

static const char *const rng_compat[] = { "virtio,mmio", NULL };
DRIVER(virtio_rng_driver, .name = "virtio-rng", .compatible = rng_compat,
       .probe = rng_probe, .order = 5);
