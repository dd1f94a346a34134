// include/octopos/fdt_irq.h: interrupt wiring from the devicetree (drivers/of/fdt.c).
//
// An interrupt controller such as the PLIC lists its contexts in
// interrupts-extended as (hart interrupt controller, cause) pairs; the
// i-th pair is context i. fdt_parse() keeps that list for a few nodes.
#ifndef OCTOPOS_FDT_IRQ_H
#define OCTOPOS_FDT_IRQ_H
#include <octopos/fdt.h>

#define FDT_IRQ_S_EXT 9     // supervisor external interrupt (mcause/scause code)
#define FDT_IRQ_M_EXT 11    // machine external interrupt

// The context of controller ctl wired to cause on hart hartid, or -ENOENT
// when the devicetree does not say.
int fdt_irq_context(const struct dt_node *ctl, uint hartid, uint cause);

#endif
