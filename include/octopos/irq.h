// include/octopos/irq.h: external interrupts (drivers/irqchip/plic.c, or
// drivers/irqchip/poll.c where handlers are polled on the tick).
#ifndef OCTOPOS_IRQ_H
#define OCTOPOS_IRQ_H

typedef void (*irq_handler_t)(void *arg);

// Route interrupt source irq to handler on every hart. 0 or -EINVAL/-ENOSPC.
int  irq_register(unsigned int irq, irq_handler_t handler, void *arg);
// Called by the trap code on a supervisor external interrupt: claim,
// dispatch, complete, until nothing is pending.
void irq_handle_external(void);
// Per-hart interrupt-controller setup (threshold, enables); hart 0 first.
void irq_hart_init(void);
// CONFIG_IRQCHIP_POLL: call every registered handler (each timer tick).
void irq_poll(void);

#endif
