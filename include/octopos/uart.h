// include/octopos/uart.h: between the UART drivers and the console.
//
// Several UART drivers may be built (drivers/serial/); one UART is the
// console. Each driver asks console_uart_wanted() at probe whether the node
// it matched is the console (the devicetree's /chosen/stdout-path with
// CONFIG_SERIAL_STDOUT_PATH, console= on the command line, else the first
// UART a built driver handles) and, once its registers are set up, hands
// its output routines to console_uart_set(); uart_putc_sync()/uart_putc()
// (<octopos/console.h>) go there (drivers/serial/core.c).
//
// uart_emergency_init() is for a devicetree the kernel cannot parse: it
// points the UART the configuration names (CONFIG_EMERGENCY_UART_*, a
// per-board default) at its fixed address, for polled output only.
#ifndef OCTOPOS_UART_H
#define OCTOPOS_UART_H
#include <octopos/types.h>

struct dt_node;

struct uart_ops {
  void (*putc_sync)(int c);     // polled; never sleeps
  void (*putc)(int c);          // may queue and sleep
};

// Should the UART at node be the console? 0 once one is.
int  console_uart_wanted(const struct dt_node *node);
// node's UART is the console from now on (node NULL: the emergency one).
void console_uart_set(const struct uart_ops *ops, const struct dt_node *node);

// The console UART when the devicetree says nothing (drivers/serial/stdout_path.c).
const struct dt_node *console_uart_pick(void);
void console_uart_report(const struct dt_node *node);

void uart16550_early_init(uint64 base);
void sifive_uart_early_init(uint64 base);

static inline void
uart_emergency_init(void)
{
  if (IS_ENABLED(CONFIG_EMERGENCY_UART_16550))
    uart16550_early_init(CONFIG_EMERGENCY_UART_BASE);
  else if (IS_ENABLED(CONFIG_EMERGENCY_UART_SIFIVE))
    sifive_uart_early_init(CONFIG_EMERGENCY_UART_BASE);
}

#endif
