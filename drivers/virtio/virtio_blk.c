// drivers/virtio/virtio_blk.c: the virtio block device (CONFIG_VIRTIO_BLK).
//
// Each transfer is one descriptor chain of three buffers: the request
// header (device reads), the block's data (device reads or writes), and a
// status byte (device writes). Several processes can have requests in
// flight; each sleeps on its buf until the interrupt handler sees the chain
// in the used ring and clears b->disk. The sleeper, not the handler, reads
// the status and frees the chain, so the per-request state stays put
// while anyone can still look at it.
//
// The disk is addressed in 512-byte sectors; a BSIZE block is BSIZE/512 of
// them.

#include <octopos/blkdev.h>
#include <octopos/clock.h>
#include <octopos/driver.h>
#include <octopos/errno.h>
#include <octopos/fdt.h>
#include <octopos/irq.h>
#include <octopos/kmalloc.h>
#include <asm/riscv.h>
#include <octopos/page_alloc.h>
#include <octopos/printk.h>
#include <octopos/proc.h>
#include <octopos/spinlock.h>
#include <octopos/string.h>
#include <octopos/virtio.h>

#define VIRTIO_BLK_F_RO   5     // the disk is read-only
#define VIRTIO_BLK_CONFIG_CAPACITY 0   // le64, in sectors

#define VIRTIO_BLK_T_IN   0     // read
#define VIRTIO_BLK_T_OUT  1     // write
#define VIRTIO_BLK_S_OK   0
#define STATUS_PENDING    0xff  // what the status byte holds until the device writes it

#define SECTORS_PER_BLOCK (BSIZE / 512)
#define VBLK_QUEUE_SIZE   64    // 21 requests in flight; struct vblk stays under a page

struct vblk_req {               // the request header, as the device reads it
  uint32 type;
  uint32 reserved;
  uint64 sector;
};

struct vblk {
  struct blkdev bd;
  char name[16];
  uint64 base;
  int readonly;
  uint64 sectors;               // capacity
  uint poll_skip;               // waits left that sleep without polling (vblk_wait())
  struct spinlock lock;         // guards q and info
  struct virtq q;
  struct {                      // indexed by the chain's head descriptor
    struct buf *b;
    struct vblk_req hdr;
    volatile uchar status;
    uchar write;
  } info[VBLK_QUEUE_SIZE];
};

// kmalloc over the free-list page allocator cannot go past one page.
_Static_assert(sizeof(struct vblk) <= PGSIZE, "struct vblk must fit a page");

static void vblk_intr(void *arg);

// Single-hart polling (vblk_wait()): spin this long before sleeping, and
// after a spin that ran out, sleep at once for this many waits.
#define VBLK_POLL_MS    1
#define VBLK_POLL_SKIP  16

// Start a transfer of b: one chain of header, data and status descriptors.
// Unless it sets b->error (refused), the caller must vblk_wait() for it.
// The device hears of it at once if notify is set, otherwise at the next
// notification (vblk_kick()).
static void
vblk_start(struct blkdev *bd, struct buf *b, int write, int notify)
{
  struct vblk *d = bd->priv;
  uint64 sector = (bd->start + b->blockno) * SECTORS_PER_BLOCK;   // start: a partition's
  uint16 idx[3];

  if (sector + SECTORS_PER_BLOCK > d->sectors || (write && d->readonly)) {
    printf("%s: %s block %u refused (%s)\n", d->name, write ? "write to" : "read of",
           b->blockno, write && d->readonly ? "read-only disk" : "beyond the end");
    b->error = 1;
    return;
  }

  acquire(&d->lock);
  while (virtq_alloc(&d->q, 3, idx) < 0) {
    // Every descriptor is in flight: make sure the device knows of all of
    // them, or it might never finish the ones that would free some.
    virtq_notify(&d->q);
    sleep(&d->q, &d->lock);
  }

  uint16 head = idx[0];
  d->info[head].b = b;
  d->info[head].write = write;
  d->info[head].hdr.type = write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN;
  d->info[head].hdr.reserved = 0;
  d->info[head].hdr.sector = sector;
  d->info[head].status = STATUS_PENDING;
  b->vhead = head;

  struct virtq_desc *desc = d->q.desc;
  desc[idx[0]].addr = (uint64)&d->info[head].hdr;
  desc[idx[0]].len = sizeof(struct vblk_req);
  desc[idx[0]].flags = VIRTQ_DESC_F_NEXT;
  desc[idx[0]].next = idx[1];
  desc[idx[1]].addr = (uint64)b->data;
  desc[idx[1]].len = BSIZE;
  desc[idx[1]].flags = VIRTQ_DESC_F_NEXT | (write ? 0 : VIRTQ_DESC_F_WRITE);
  desc[idx[1]].next = idx[2];
  desc[idx[2]].addr = (uint64)&d->info[head].status;
  desc[idx[2]].len = 1;
  desc[idx[2]].flags = VIRTQ_DESC_F_WRITE;
  desc[idx[2]].next = 0;

  b->disk = 1;
  virtq_add(&d->q, head);
  if (notify)
    virtq_notify(&d->q);
  release(&d->lock);
}

// A batch's transfers (blkdev_submit_batch()): the device is notified once,
// by vblk_kick(), and so sees them together; QEMU then merges writes to
// adjacent blocks (a commit's log slots) into one host write.
static void
vblk_submit(struct blkdev *bd, struct buf *b, int write)
{
  vblk_start(bd, b, write, 0);
}

static void
vblk_kick(struct blkdev *bd)
{
  struct vblk *d = bd->priv;
  acquire(&d->lock);
  virtq_notify(&d->q);
  release(&d->lock);
}

// Wait for the transfer vblk_submit() started on b; set b->error on failure.
static void
vblk_wait(struct blkdev *bd, struct buf *b)
{
  struct vblk *d = bd->priv;
  acquire(&d->lock);
  // On a single hart, poll the device for a while before sleeping.
  // Measured under QEMU: a lone hart waiting in wfi learns of a completion
  // several times later than one that keeps reading the device's registers
  // (docs/bench.md). With other harts online, sleeping leaves them the CPU.
  //
  // Polling pays only while the host completes requests quickly: on a
  // busy host a request takes several ms, and a spinning hart takes CPU
  // time from QEMU's own threads that would complete it (measured: the
  // file benchmark 1.4-1.9x slower with a 2 or 20 ms spin than with none,
  // at host load ~24). So a spin that runs out turns polling off for the
  // next VBLK_POLL_SKIP waits; then one more spin looks again.
  uint64 until = 0;
  if (nharts_online == 1 && b->disk) {
    if (d->poll_skip > 0)
      d->poll_skip--;
    else
      until = r_time() + timebase_ms(VBLK_POLL_MS);
  }
  while (b->disk && r_time() < until) {
    release(&d->lock);
    // Watch the used ring in RAM: touching the device's registers on every
    // turn would take QEMU's global lock, which its thread completing the
    // request needs too.
    while (*(volatile int *)&b->disk && *(volatile uint16 *)&d->q.used->idx == d->q.last_used &&
           r_time() < until)
      ;
    vblk_intr(d);
    acquire(&d->lock);
  }
  if (b->disk && until != 0)
    d->poll_skip = VBLK_POLL_SKIP;
  while (b->disk)
    sleep(b, &d->lock);
  uint16 head = b->vhead;
  uchar status = d->info[head].status;
  if (status != VIRTIO_BLK_S_OK) {
    printf("%s: %s block %u failed (status %d)\n", d->name,
           d->info[head].write ? "write of" : "read of", b->blockno, status);
    b->error = 1;
  }
  d->info[head].b = NULL;
  virtq_free_chain(&d->q, head);
  wakeup(&d->q);
  release(&d->lock);
}

static void
vblk_rw(struct blkdev *bd, struct buf *b, int write)
{
  b->error = 0;
  vblk_start(bd, b, write, 1);
  if (!b->error)
    vblk_wait(bd, b);   // even if already done: the wait frees the descriptors
}

static void
vblk_intr(void *arg)
{
  struct vblk *d = arg;
  uint16 head;
  uint32 len;

  acquire(&d->lock);
  // Acknowledge first: a completion that lands after this raises a new
  // interrupt rather than being lost.
  virtio_mmio_ack(d->base);
  while (virtq_next_used(&d->q, &head, &len)) {
    struct buf *b = head < d->q.num ? d->info[head].b : NULL;
    if (b == NULL) {
      printf("%s: device completed unknown request %u\n", d->name, head);
      continue;
    }
    b->disk = 0;
    wakeup(b);
  }
  release(&d->lock);
}

static int
vblk_probe(struct device *dev)
{
  if (dev_ioremap(dev) < 0)
    return -ENOMEM;
  static int units;
  uint64 features;
  int r;

  if (virtio_mmio_match(dev->base, VIRTIO_ID_BLOCK) < 0)
    return -ENODEV;
  struct vblk *d = kzalloc(sizeof(*d));
  if (d == NULL)
    return -ENOMEM;
  memmove(d->name, "virtio-blk", 10);
  d->name[10] = '0' + units % 10;
  d->base = dev->base;
  initlock(&d->lock, "virtio_blk");

  r = virtio_mmio_negotiate(d->base, 1UL << VIRTIO_BLK_F_RO, &features, d->name);
  if (r < 0)
    goto free;
  d->readonly = (features >> VIRTIO_BLK_F_RO) & 1;
  d->sectors = virtio_mmio_config64(d->base, VIRTIO_BLK_CONFIG_CAPACITY);
  if (d->sectors < SECTORS_PER_BLOCK) {
    printf("%s: %s: disk is empty (%lu sectors)\n", d->name, dev->node->name, d->sectors);
    r = -EIO;
    goto fail;
  }
  if ((r = virtq_init(&d->q, d->base, 0, VBLK_QUEUE_SIZE, d->name)) < 0)
    goto fail;
  if (dev->irq <= 0 || (r = irq_register(dev->irq, vblk_intr, d)) < 0) {
    printf("%s: cannot get interrupt %d\n", d->name, dev->irq);
    r = r < 0 ? r : -EINVAL;
    kfree_page(d->q.desc);
    goto fail;
  }
  virtio_mmio_driver_ok(d->base);

  d->bd.name = d->name;
  d->bd.nblocks = d->sectors / SECTORS_PER_BLOCK;
  d->bd.rw = vblk_rw;
  d->bd.submit = vblk_submit;
  d->bd.wait = vblk_wait;
  d->bd.kick = vblk_kick;
  d->bd.priv = d;
  if ((r = blkdev_register(&d->bd)) < 0) {
    // The interrupt handler holds d now: keep it, but the disk is unused.
    virtio_mmio_fail(d->base);
    return r;
  }
  units++;
  if (d->readonly)
    printf("%s: read-only\n", d->name);
  return 0;

fail:
  virtio_mmio_fail(d->base);
free:
  kfree(d);
  return r;
}

static const char *const vblk_compat[] = { "virtio,mmio", NULL };
DRIVER(virtio_blk_driver, .name = "virtio-blk", .compatible = vblk_compat,
       .probe = vblk_probe, .order = 5);
