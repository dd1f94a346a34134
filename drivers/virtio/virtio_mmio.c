// drivers/virtio/virtio_mmio.c: the virtio-mmio transport (CONFIG_VIRTIO_MMIO).
//
// Only the modern interface (version 2, virtio 1.x) is supported: QEMU must
// run with -global virtio-mmio.force-legacy=false. The helpers here are
// used by the device drivers (virtio_blk.c, virtio_rng.c); see
// <octopos/virtio.h> for the sequence.
//
// This file also holds the catch-all driver for "virtio,mmio" nodes. It
// probes last, so it sees only the slots no device driver took: it stays
// quiet about empty slots (QEMU's virt board always lists eight) and gives
// one line for a device it cannot drive.

#include <octopos/virtio.h>
#include <octopos/driver.h>
#include <octopos/errno.h>
#include <octopos/fdt.h>
#include <octopos/page_alloc.h>
#include <octopos/printk.h>

static volatile uint32 *
r(uint64 base, uint off)
{
  return (volatile uint32 *)(base + off);
}

int
virtio_mmio_match(uint64 base, uint32 id)
{
  // The first read may find nothing at all (a slot listed where no device
  // answers): the catch-all below reports it.
  uint32 magic;
  if (mmio_probe_read32(base + VIRTIO_MMIO_MAGIC, &magic) < 0 ||
      magic != VIRTIO_MMIO_MAGIC_VALUE ||
      *r(base, VIRTIO_MMIO_VERSION) != 2 || *r(base, VIRTIO_MMIO_DEVICE_ID) != id)
    return -ENODEV;
  return 0;
}

static void
set_status(uint64 base, uint32 bits)
{
  *r(base, VIRTIO_MMIO_STATUS) = *r(base, VIRTIO_MMIO_STATUS) | bits;
}

int
virtio_mmio_negotiate(uint64 base, uint64 want, uint64 *got, const char *who)
{
  // Reset; the device reads back 0 once the reset is done.
  *r(base, VIRTIO_MMIO_STATUS) = 0;
  for (int i = 0; *r(base, VIRTIO_MMIO_STATUS) != 0; i++) {
    if (i == 1000000) {
      printf("%s: device does not reset\n", who);
      return -EIO;
    }
  }
  set_status(base, VIRTIO_STATUS_ACKNOWLEDGE);
  set_status(base, VIRTIO_STATUS_DRIVER);

  *r(base, VIRTIO_MMIO_DEVICE_FEATURES_SEL) = 0;
  uint64 offered = *r(base, VIRTIO_MMIO_DEVICE_FEATURES);
  *r(base, VIRTIO_MMIO_DEVICE_FEATURES_SEL) = 1;
  offered |= (uint64)*r(base, VIRTIO_MMIO_DEVICE_FEATURES) << 32;
  if (!(offered & (1UL << VIRTIO_F_VERSION_1))) {
    printf("%s: device does not offer VIRTIO_F_VERSION_1\n", who);
    virtio_mmio_fail(base);
    return -EIO;
  }
  uint64 accept = offered & (want | (1UL << VIRTIO_F_VERSION_1));
  *r(base, VIRTIO_MMIO_DRIVER_FEATURES_SEL) = 0;
  *r(base, VIRTIO_MMIO_DRIVER_FEATURES) = (uint32)accept;
  *r(base, VIRTIO_MMIO_DRIVER_FEATURES_SEL) = 1;
  *r(base, VIRTIO_MMIO_DRIVER_FEATURES) = (uint32)(accept >> 32);

  set_status(base, VIRTIO_STATUS_FEATURES_OK);
  if (!(*r(base, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK)) {
    printf("%s: device refused features 0x%lx\n", who, accept);
    virtio_mmio_fail(base);
    return -EIO;
  }
  *got = accept;
  return 0;
}

int
virtq_init(struct virtq *q, uint64 base, uint index, uint num, const char *who)
{
  *r(base, VIRTIO_MMIO_QUEUE_SEL) = index;
  if (*r(base, VIRTIO_MMIO_QUEUE_READY)) {
    printf("%s: queue %u already in use\n", who, index);
    return -EIO;
  }
  uint max = *r(base, VIRTIO_MMIO_QUEUE_NUM_MAX);
  if (max == 0) {
    printf("%s: no queue %u\n", who, index);
    return -EIO;
  }
  num = MIN(MIN(num, max), VIRTQ_MAX);

  // One zeroed page: descriptors, then the available ring, then the used
  // ring at 4-byte alignment (virtio 1.x, 2.7: alignments 16, 2, 4).
  uchar *page = kalloc();
  if (page == NULL)
    return -ENOMEM;
  uint avail_off = 16 * num;
  uint used_off = (avail_off + 6 + 2 * num + 3) & ~3u;
  q->base = base;
  q->index = index;
  q->num = num;
  q->desc = (struct virtq_desc *)page;
  q->avail = (struct virtq_avail *)(page + avail_off);
  q->used = (struct virtq_used *)(page + used_off);
  for (uint i = 0; i < num; i++)
    q->desc[i].next = i + 1;
  q->free_head = 0;
  q->nfree = num;
  q->last_used = 0;

  *r(base, VIRTIO_MMIO_QUEUE_NUM) = num;
  *r(base, VIRTIO_MMIO_QUEUE_DESC_LOW) = (uint64)q->desc;
  *r(base, VIRTIO_MMIO_QUEUE_DESC_HIGH) = (uint64)q->desc >> 32;
  *r(base, VIRTIO_MMIO_QUEUE_DRIVER_LOW) = (uint64)q->avail;
  *r(base, VIRTIO_MMIO_QUEUE_DRIVER_HIGH) = (uint64)q->avail >> 32;
  *r(base, VIRTIO_MMIO_QUEUE_DEVICE_LOW) = (uint64)q->used;
  *r(base, VIRTIO_MMIO_QUEUE_DEVICE_HIGH) = (uint64)q->used >> 32;
  *r(base, VIRTIO_MMIO_QUEUE_READY) = 1;
  return 0;
}

void
virtio_mmio_driver_ok(uint64 base)
{
  set_status(base, VIRTIO_STATUS_DRIVER_OK);
}

void
virtio_mmio_fail(uint64 base)
{
  set_status(base, VIRTIO_STATUS_FAILED);
}

void
virtio_mmio_ack(uint64 base)
{
  *r(base, VIRTIO_MMIO_INTERRUPT_ACK) = *r(base, VIRTIO_MMIO_INTERRUPT_STATUS) & 3;
}

uint32
virtio_mmio_config32(uint64 base, uint off)
{
  return *r(base, VIRTIO_MMIO_CONFIG + off);
}

uint64
virtio_mmio_config64(uint64 base, uint off)
{
  // Two 32-bit reads may straddle a config change; the generation
  // counter tells us to read again.
  uint32 gen, lo, hi;
  do {
    gen = *r(base, VIRTIO_MMIO_CONFIG_GENERATION);
    lo = *r(base, VIRTIO_MMIO_CONFIG + off);
    hi = *r(base, VIRTIO_MMIO_CONFIG + off + 4);
  } while (gen != *r(base, VIRTIO_MMIO_CONFIG_GENERATION));
  return ((uint64)hi << 32) | lo;
}

int
virtq_alloc(struct virtq *q, int n, uint16 *idx)
{
  if (q->nfree < n)
    return -ENOSPC;
  for (int i = 0; i < n; i++) {
    idx[i] = q->free_head;
    q->free_head = q->desc[idx[i]].next;
  }
  q->nfree -= n;
  return 0;
}

void
virtq_free_chain(struct virtq *q, uint16 head)
{
  for (;;) {
    struct virtq_desc *d = &q->desc[head];
    int more = d->flags & VIRTQ_DESC_F_NEXT;
    uint16 next = d->next;
    d->addr = 0;
    d->len = 0;
    d->flags = 0;
    d->next = q->free_head;
    q->free_head = head;
    q->nfree++;
    if (!more)
      break;
    head = next;
  }
}

void
virtq_add(struct virtq *q, uint16 head)
{
  q->avail->ring[q->avail->idx % q->num] = head;
  __sync_synchronize();   // the device sees the ring entry before the index
  q->avail->idx++;
}

void
virtq_notify(struct virtq *q)
{
  __sync_synchronize();   // the device sees the index before the notification
  *r(q->base, VIRTIO_MMIO_QUEUE_NOTIFY) = q->index;
}

void
virtq_submit(struct virtq *q, uint16 head)
{
  virtq_add(q, head);
  virtq_notify(q);
}

int
virtq_next_used(struct virtq *q, uint16 *head, uint32 *len)
{
  if (q->last_used == q->used->idx)
    return 0;
  __sync_synchronize();   // read the entry only after seeing the index move
  volatile struct virtq_used_elem *e = &q->used->ring[q->last_used % q->num];
  *head = e->id;
  *len = e->len;
  q->last_used++;
  return 1;
}

// ---------------------------------------------------------------- catch-all

static const char *
type_name(uint32 id)
{
  switch (id) {
  case VIRTIO_ID_NET:     return "network card";
  case VIRTIO_ID_BLOCK:   return "block device";
  case VIRTIO_ID_CONSOLE: return "console";
  case VIRTIO_ID_RNG:     return "entropy source";
  case 16:                return "GPU";
  case 18:                return "input device";
  default:                return "device";
  }
}

static int
virtio_mmio_slot_probe(struct device *dev)
{
  if (dev_ioremap(dev) < 0)
    return -ENOMEM;
  const char *name = dev->node->name;
  uint32 magic;
  if (mmio_probe_read32(dev->base + VIRTIO_MMIO_MAGIC, &magic) < 0) {
    printf("virtio-mmio: %s: not responding (nothing at 0x%lx)\n", name, dev->node->reg_base);
    return 0;
  }
  if (magic != VIRTIO_MMIO_MAGIC_VALUE) {
    printf("virtio-mmio: %s: not responding (magic 0x%x)\n", name, magic);
    return 0;
  }
  uint32 id = *r(dev->base, VIRTIO_MMIO_DEVICE_ID);
  if (id == 0)
    return 0;   // empty slot
  uint32 version = *r(dev->base, VIRTIO_MMIO_VERSION);
  if (version != 2)
    printf("virtio-mmio: %s: legacy interface (version %u) not supported; "
           "run QEMU with -global virtio-mmio.force-legacy=false\n", name, version);
  else
    printf("virtio-mmio: %s: no driver for %s (id %u)\n", name, type_name(id), id);
  return 0;
}

static const char *const virtio_mmio_compat[] = { "virtio,mmio", NULL };
DRIVER(virtio_mmio_slot_driver, .name = "virtio-mmio", .compatible = virtio_mmio_compat,
       .probe = virtio_mmio_slot_probe, .order = 9);
