// drivers/irqchip/poll.c: no interrupt controller; device handlers are
// polled on the timer tick (CONFIG_IRQCHIP_POLL).
//
// For the smallest kernels, where the only device that interrupts is the
// console UART: instead of routing its interrupt through a PLIC, the
// kernel calls every registered handler at each tick (irq_poll(), from the
// trap code on hart 0). A handler must therefore cope with being called
// when its device has nothing to say, which the 16550's does (it reads
// the line status first). The cost is latency: input waits up to one tick.
#include <octopos/types.h>
#include <octopos/irq.h>
#include <octopos/errno.h>
#include <octopos/printk.h>

#define POLL_MAX 4

static struct {
  irq_handler_t fn;
  void *arg;
} polled[POLL_MAX];
static int npolled;

// irq_register() (<octopos/irq.h>) comes here whatever the interrupt
// number; nothing routes interrupts, so the header also makes the per-hart
// setup and the external-interrupt entry no-ops.
// Only the console registers on the kernels that poll (the disks need a
// PLIC), so a full table is a kernel built wrong, not a devicetree to
// survive: it stops the boot rather than give every caller an error path.
void
irq_poll_register(irq_handler_t handler, void *arg)
{
  if (npolled == POLL_MAX)
    panic("irq_poll_register: more than POLL_MAX handlers");
  polled[npolled].fn = handler;
  polled[npolled].arg = arg;
  npolled++;
}

void
irq_poll(void)
{
  for (int i = 0; i < npolled; i++)
    polled[i].fn(polled[i].arg);
}
