// include/octopos/virtio.h: virtio over MMIO, the modern (version 2) transport.
//
// drivers/virtio/virtio_mmio.c does the transport: device identification,
// feature negotiation and split virtqueues. A device driver
// (virtio_blk.c, virtio_rng.c) calls, in its probe:
//   virtio_mmio_match(base, VIRTIO_ID_X)   -ENODEV if the slot is not ours
//   virtio_mmio_negotiate(base, features, &got, name)
//   virtq_init(&q, base, 0, size, name)
//   virtio_mmio_driver_ok(base)
// then builds descriptor chains with virtq_alloc(), hands them over with
// virtq_submit() and collects them in its interrupt handler with
// virtio_mmio_ack() and virtq_next_used(). Virtqueue calls need the
// caller's lock: the transport has none.
#ifndef OCTOPOS_VIRTIO_H
#define OCTOPOS_VIRTIO_H
#include <octopos/types.h>

// MMIO registers (virtio 1.x, 4.2.2).
#define VIRTIO_MMIO_MAGIC            0x000   // "virt"
#define VIRTIO_MMIO_VERSION          0x004   // 2 (1 is legacy)
#define VIRTIO_MMIO_DEVICE_ID        0x008   // 0: empty slot
#define VIRTIO_MMIO_VENDOR_ID        0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES  0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL 0x014
#define VIRTIO_MMIO_DRIVER_FEATURES  0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL 0x024
#define VIRTIO_MMIO_QUEUE_SEL        0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX    0x034
#define VIRTIO_MMIO_QUEUE_NUM        0x038
#define VIRTIO_MMIO_QUEUE_READY      0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY     0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS 0x060
#define VIRTIO_MMIO_INTERRUPT_ACK    0x064
#define VIRTIO_MMIO_STATUS           0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW   0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH  0x084
#define VIRTIO_MMIO_QUEUE_DRIVER_LOW 0x090   // the available ring
#define VIRTIO_MMIO_QUEUE_DRIVER_HIGH 0x094
#define VIRTIO_MMIO_QUEUE_DEVICE_LOW 0x0a0   // the used ring
#define VIRTIO_MMIO_QUEUE_DEVICE_HIGH 0x0a4
#define VIRTIO_MMIO_CONFIG_GENERATION 0x0fc
#define VIRTIO_MMIO_CONFIG           0x100   // device-specific configuration

#define VIRTIO_MMIO_MAGIC_VALUE      0x74726976

// Device status bits.
#define VIRTIO_STATUS_ACKNOWLEDGE    1
#define VIRTIO_STATUS_DRIVER         2
#define VIRTIO_STATUS_DRIVER_OK      4
#define VIRTIO_STATUS_FEATURES_OK    8
#define VIRTIO_STATUS_NEEDS_RESET    64
#define VIRTIO_STATUS_FAILED         128

// Device types.
#define VIRTIO_ID_NET     1
#define VIRTIO_ID_BLOCK   2
#define VIRTIO_ID_CONSOLE 3
#define VIRTIO_ID_RNG     4

// Transport feature bits.
#define VIRTIO_F_VERSION_1 32

// Split virtqueue layout (virtio 1.x, 2.7).
#define VIRTQ_DESC_F_NEXT  1     // chain continues in next
#define VIRTQ_DESC_F_WRITE 2     // device writes (otherwise reads) the buffer
#define VIRTQ_MAX          128   // the three rings of a queue fit one page

struct virtq_desc {
  uint64 addr;     // physical address
  uint32 len;
  uint16 flags;
  uint16 next;
};

struct virtq_avail {
  uint16 flags;
  uint16 idx;      // where the driver puts the next entry (mod num)
  uint16 ring[];
};

struct virtq_used_elem {
  uint32 id;       // head of the finished chain
  uint32 len;      // bytes the device wrote
};

struct virtq_used {
  uint16 flags;
  uint16 idx;      // where the device puts the next entry (mod num)
  struct virtq_used_elem ring[];
};

struct virtq {
  uint64 base;                 // the device's registers
  uint index;                  // queue number
  uint num;                    // descriptors
  struct virtq_desc *desc;
  struct virtq_avail *avail;
  volatile struct virtq_used *used;
  uint16 free_head;            // free descriptors, chained through next
  uint16 nfree;
  uint16 last_used;            // used entries we have consumed
};

// 0 if base holds a modern virtio-mmio device of type id; -ENODEV if
// not (empty slot, other type, legacy or no device at all).
int  virtio_mmio_match(uint64 base, uint32 id);
// Reset, acknowledge, and agree on features: the device's features that
// are in want, plus VIRTIO_F_VERSION_1, which the device must offer.
// *got receives the result. 0 or -EIO (with a message naming who).
int  virtio_mmio_negotiate(uint64 base, uint64 want, uint64 *got, const char *who);
// Set up queue index with up to num descriptors (fewer if the device
// allows fewer). 0, -ENOMEM or -EIO (with a message).
int  virtq_init(struct virtq *q, uint64 base, uint index, uint num, const char *who);
void virtio_mmio_driver_ok(uint64 base);
void virtio_mmio_fail(uint64 base);
// Acknowledge the device's interrupt; call first in the handler.
void virtio_mmio_ack(uint64 base);
uint32 virtio_mmio_config32(uint64 base, uint off);
uint64 virtio_mmio_config64(uint64 base, uint off);

// n descriptors into idx[], all or none: 0 or -ENOSPC.
int  virtq_alloc(struct virtq *q, int n, uint16 *idx);
// Free the chain starting at head (following VIRTQ_DESC_F_NEXT).
void virtq_free_chain(struct virtq *q, uint16 head);
// Make the chain at head available to the device and notify it.
void virtq_submit(struct virtq *q, uint16 head);
// The two halves of virtq_submit(): make several chains available, then
// notify once, so that the device sees them together (QEMU's virtio-blk
// then merges writes to adjacent sectors into one host write).
void virtq_add(struct virtq *q, uint16 head);
void virtq_notify(struct virtq *q);
// Next finished chain: 1 with *head and *len set, or 0 if none.
int  virtq_next_used(struct virtq *q, uint16 *head, uint32 *len);

#endif
