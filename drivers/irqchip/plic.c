// drivers/irqchip/plic.c: the RISC-V platform-level interrupt controller
// (CONFIG_IRQCHIP_PLIC).
//
// Every interrupt source gets priority 1 when a driver registers it and is
// enabled in the supervisor context of every hart; each hart keeps its
// threshold at 0, so any enabled source interrupts whichever hart claims it
// first. The claim register hands a pending source to exactly one hart.
//
// A hart's S-mode context number comes from the PLIC node's
// interrupts-extended (the pair naming that hart's controller with cause
// 9); if the devicetree does not say, we assume QEMU virt's layout,
// context 2*hartid+1 (2*hartid is the M-mode one).

#include <octopos/irq.h>
#include <octopos/driver.h>
#include <octopos/errno.h>
#include <octopos/fdt.h>
#include <octopos/fdt_irq.h>
#include <octopos/printk.h>
#include <octopos/proc.h>
#include <octopos/spinlock.h>

#define PLIC_MAX_SRC   128   // sources 1..127 (QEMU virt has 95)

#define PLIC_PRIORITY(irq)   (4 * (irq))
#define PLIC_ENABLE(ctx)     (0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx)  (0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)      (0x200004 + 0x1000 * (ctx))

static uint64 base;                   // 0 until probed
static struct spinlock lock;          // guards handlers and enable bits
static int hart_ctx[FDT_MAX_HARTS];   // S-mode context of fdt.harts[i]
static uint32 enabled[PLIC_MAX_SRC / 32];

static struct {
  irq_handler_t fn;
  void *arg;
} handlers[PLIC_MAX_SRC];

static volatile uint32 *
reg(uint64 off)
{
  return (volatile uint32 *)(base + off);
}

static int
ctx_of_hart(uint hartid)
{
  for (int i = 0; i < fdt.nharts; i++)
    if (fdt.harts[i].hartid == hartid)
      return hart_ctx[i];
  return -1;
}

// Write this context's enable words from enabled[]. Caller holds lock.
static void
write_enables(int ctx)
{
  for (uint w = 0; w < ARRAY_SIZE(enabled); w++)
    *reg(PLIC_ENABLE(ctx) + 4 * w) = enabled[w];
}

int
irq_register(int irq, irq_handler_t handler, void *arg)
{
  if (base == 0)
    return -ENODEV;
  if (irq <= 0 || irq >= PLIC_MAX_SRC || handler == NULL)
    return -EINVAL;
  acquire(&lock);
  if (handlers[irq].fn) {
    release(&lock);
    return -ENOSPC;
  }
  handlers[irq].arg = arg;
  handlers[irq].fn = handler;
  __sync_synchronize();   // the handler is in place before it can fire
  *reg(PLIC_PRIORITY(irq)) = 1;
  enabled[irq / 32] |= 1u << (irq % 32);
  for (int i = 0; i < fdt.nharts; i++)
    if (hart_ctx[i] >= 0)
      write_enables(hart_ctx[i]);
  release(&lock);
  return 0;
}

void
irq_hart_init(void)
{
  if (base == 0)
    return;
  int ctx = ctx_of_hart(mycpu()->hartid);
  if (ctx < 0) {
    printf("plic: hart %u is not in the devicetree; no external interrupts there\n",
           mycpu()->hartid);
    return;
  }
  acquire(&lock);
  write_enables(ctx);
  *reg(PLIC_THRESHOLD(ctx)) = 0;
  release(&lock);
}

void
irq_handle_external(void)
{
  if (base == 0)
    return;
  int ctx = ctx_of_hart(mycpu()->hartid);
  if (ctx < 0)
    return;
  uint32 irq;
  while ((irq = *reg(PLIC_CLAIM(ctx))) != 0) {
    if (irq < PLIC_MAX_SRC && handlers[irq].fn)
      handlers[irq].fn(handlers[irq].arg);
    else
      printf("plic: unexpected interrupt %u\n", irq);
    *reg(PLIC_CLAIM(ctx)) = irq;   // complete
  }
}

static int
plic_probe(struct device *dev)
{
  if (dev_ioremap(dev) < 0)
    return -ENOMEM;
  int guessed = 0;
  uint32 prio;
  if (base)
    return -ENODEV;   // one PLIC
  // Nothing at the address: no interrupts (irq_register() says -ENODEV to
  // every driver), rather than a fault in the writes below.
  if (mmio_probe_read32(dev->base + PLIC_PRIORITY(1), &prio) < 0)
    return -EIO;
  initlock(&lock, "plic");
  for (int i = 0; i < fdt.nharts; i++) {
    int c = fdt_irq_context(dev->node, fdt.harts[i].hartid, FDT_IRQ_S_EXT);
    if (c < 0) {
      c = 2 * fdt.harts[i].hartid + 1;
      guessed = 1;
    }
    hart_ctx[i] = c;
  }
  if (guessed)
    printf("plic: interrupts-extended does not name every hart; assuming context 2*hart+1\n");
  base = dev->base;
  // Start from a known state: every source off, thresholds open. Opening
  // them here, not only in irq_hart_init(), keeps interrupts working when
  // the boot hart ran irq_hart_init() before the probe.
  for (int i = 0; i < fdt.nharts; i++) {
    write_enables(hart_ctx[i]);
    *reg(PLIC_THRESHOLD(hart_ctx[i])) = 0;
  }
  return 0;
}

static const char *const plic_compat[] = { "riscv,plic0", "sifive,plic-1.0.0", NULL };
DRIVER(plic_driver, .name = "plic", .compatible = plic_compat, .probe = plic_probe, .order = 0);
