// drivers/serial/core.c: the console's output goes to the UART that took it.
//
// More than one UART driver may be built (a generic image for several
// boards); the one whose node is the console registers its output routines
// here at probe (or the emergency UART, for a devicetree the kernel cannot
// read), and printf and the console device reach it through them. Until
// then output is dropped.
#include <octopos/console.h>
#include <octopos/cmdline.h>
#include <octopos/uart.h>

static const struct uart_ops *cons_uart;

void
uart_putc_sync(int c)
{
  if (cons_uart)
    cons_uart->putc_sync(c);
}

void
uart_putc(int c)
{
  if (cons_uart)
    cons_uart->putc(c);
}

int
console_uart_wanted(const struct dt_node *node)
{
  if (cons_uart)
    return 0;   // one console
  if (!IS_ENABLED(CONFIG_SERIAL_STDOUT_PATH))
    return cmdline_console_is(node);   // the first UART, unless console= names another
  return node == console_uart_pick();
}

void
console_uart_set(const struct uart_ops *ops, const struct dt_node *node)
{
  cons_uart = ops;
  if (IS_ENABLED(CONFIG_SERIAL_STDOUT_PATH) && node)
    console_uart_report(node);   // now that it can be read: what it fell back to
}
