// include/octopos/irq.h: external interrupts (drivers/irqchip/plic.c, or
// drivers/irqchip/poll.c where handlers are polled on the tick).
#ifndef OCTOPOS_IRQ_H
#define OCTOPOS_IRQ_H

typedef void (*irq_handler_t)(void *arg);

// Route interrupt source irq to handler on every hart: IRQ_DELIVERED, or
// IRQ_POLLED when there is no controller and the handler will be called at
// each tick instead (a driver then keeps its output synchronous), or
// -EINVAL/-ENOSPC/-ENODEV.
#define IRQ_DELIVERED 0
#define IRQ_POLLED    1

// Each controller defines what it needs of these; the rest are no-ops
// here, so callers never ask which controller is built.
#ifdef CONFIG_IRQCHIP_POLL
// Any irq number (a device without one is polled too). Inline, so that a
// driver's interrupt-driven path is seen to be dead and left out.
void irq_poll_register(irq_handler_t handler, void *arg);
static inline int
irq_register(int irq, irq_handler_t handler, void *arg)
{
  (void)irq;
  irq_poll_register(handler, arg);
  return IRQ_POLLED;
}
// Will the handler run when the device interrupts (so a driver may let
// interrupts drain its output)? r is what irq_register() returned.
static inline int irq_delivered(int r) { (void)r; return 0; }
// Call every registered handler (hart 0, each timer tick).
void irq_poll(void);
static inline void irq_handle_external(void) {}
static inline void irq_hart_init(void) {}
#else
int  irq_register(int irq, irq_handler_t handler, void *arg);
static inline int irq_delivered(int r) { return r == IRQ_DELIVERED; }
static inline void irq_poll(void) {}
// Called by the trap code on a supervisor external interrupt: claim,
// dispatch, complete, until nothing is pending.
void irq_handle_external(void);
// Per-hart interrupt-controller setup (threshold, enables); hart 0 first.
void irq_hart_init(void);
#endif

#endif
