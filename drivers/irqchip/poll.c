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

#define POLL_MAX 4

static struct {
  irq_handler_t fn;
  void *arg;
} polled[POLL_MAX];
static int npolled;

int
irq_register(unsigned int irq, irq_handler_t handler, void *arg)
{
  if (irq == 0 || handler == NULL)
    return -EINVAL;
  if (npolled == POLL_MAX)
    return -ENOSPC;
  polled[npolled].fn = handler;
  polled[npolled].arg = arg;
  npolled++;
  return 0;
}

void
irq_poll(void)
{
  for (int i = 0; i < npolled; i++)
    polled[i].fn(polled[i].arg);
}

// Nothing routes device interrupts to the harts, so there is nothing to
// set up or claim.
void
irq_hart_init(void)
{
}

void
irq_handle_external(void)
{
}
