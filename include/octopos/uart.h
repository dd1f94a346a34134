// include/octopos/uart.h: the console UART before the devicetree is read.
//
// uart_early_init() points the 16550 driver at a fixed address for polled
// output only, so the kernel can still report a devicetree it cannot parse.
// The normal path is the driver's probe (drivers/serial/uart16550.c); the
// rest of the UART interface is in <octopos/console.h>.
#ifndef OCTOPOS_UART_H
#define OCTOPOS_UART_H
#include <octopos/types.h>

#define UART_QEMU_VIRT_BASE 0x10000000UL   // ns16550a on QEMU's virt board

#if IS_ENABLED(CONFIG_SERIAL_16550)
void uart_early_init(uint64 base);
#else
static inline void uart_early_init(uint64 base) { (void)base; }
#endif

#endif
