// drivers/serial/stdout_path.c: which UART is the console
// (CONFIG_SERIAL_STDOUT_PATH).
//
// In order: the node console= names on the command line; the node the
// devicetree's /chosen/stdout-path names (drivers/of/fdt_stdout.c), if it
// is enabled and a built UART driver handles its compatible; else the first
// enabled node a built UART driver handles, in devicetree order. The
// fallback is reported once the console works, so the line is seen.
#include <octopos/driver.h>
#include <octopos/fdt.h>
#include <octopos/cmdline.h>
#include <octopos/printk.h>
#include <octopos/uart.h>

static const struct dt_node *pick;
static const char *why;        // why stdout-path was not followed, or NULL

static int
usable(const struct dt_node *n)
{
  return n->enabled && driver_handles(n, DRIVER_ORDER_CONSOLE);
}

const struct dt_node *
console_uart_pick(void)
{
  if (pick || why)
    return pick;
  why = "";
  pick = cmdline_console_node();   // cmdline.c reports on console= itself
  if (pick)
    return pick;
  const struct dt_node *sp = fdt.stdout_node ? &fdt.nodes[fdt.stdout_node - 1] : NULL;
  if (sp && usable(sp))
    return pick = sp;
  why = !fdt.stdout_path[0] ? "the devicetree has no /chosen/stdout-path" :
        !sp ? "names no device node" :
        !sp->enabled ? "names a disabled node" : "names a node no built UART driver handles";
  for (int i = 0; i < fdt.nnodes && !pick; i++)
    if (usable(&fdt.nodes[i]))
      pick = &fdt.nodes[i];
  return pick;
}

void
console_uart_report(const struct dt_node *node)
{
  if (why == NULL || why[0] == '\0')
    return;
  if (fdt.stdout_path[0])
    printf("console: stdout-path '%s' %s; using %s, the first UART with a driver\n",
           fdt.stdout_path, why, node->name);
  else
    printf("console: %s; using %s, the first UART with a driver\n", why, node->name);
}
