// drivers/serial/sifive_uart.c: the SiFive UART (sifive,uart0), the console
// on the HiFive Unleashed and QEMU's sifive_u (CONFIG_SERIAL_SIFIVE).
//
// Registers per the FU540-C000 manual, chapter "UART": 32-bit words, an
// 8-entry FIFO each way. A read of rxdata pops the FIFO, so its empty flag
// must be tested in the same read. Output is always polled on txdata's full
// flag: with the hardware FIFO it rarely waits, and it needs no ring.
// Input comes through the PLIC's receive-watermark interrupt (or, without a
// working interrupt controller, is read at each tick). The baud divisor is
// left as OpenSBI set it for the board's clock.

#include <octopos/console.h>
#include <octopos/uart.h>
#include <octopos/driver.h>
#include <octopos/errno.h>
#include <octopos/fdt.h>
#include <octopos/irq.h>
#include <octopos/printk.h>
#include <octopos/proc.h>

// Register word indices.
#define TXDATA 0
#define RXDATA 1
#define TXCTRL 2
#define RXCTRL 3
#define IE     4
#define FIFO_FULL   (1u << 31)   // txdata: the transmit FIFO is full
#define FIFO_EMPTY  (1u << 31)   // rxdata: nothing was read
#define CTRL_EN     1u           // txctrl.txen / rxctrl.rxen
#define IE_RXWM     2u           // raised while the receive FIFO holds more than rxcnt (0)

static volatile uint32 *regs;    // set at probe or by the emergency init

static void
putc_sync(int c)
{
  push_off();   // do not get preempted between the check and the write
  while (regs[TXDATA] & FIFO_FULL)
    ;
  regs[TXDATA] = c & 0xff;
  pop_off();
}

// The FIFO makes queueing unnecessary: both ways out poll.
static const struct uart_ops ops = { putc_sync, putc_sync };

static void
hw_init(uint64 base)
{
  regs = (volatile uint32 *)base;
  regs[IE] = 0;
  regs[TXCTRL] |= CTRL_EN;
}

void
sifive_uart_early_init(uint64 base)
{
  hw_init(base);
  console_uart_set(&ops, NULL);
}

static void
sifive_uart_intr(void *arg)
{
  (void)arg;
  for (;;) {
    uint32 v = regs[RXDATA];
    if (v & FIFO_EMPTY)
      break;
    consoleintr(v & 0xff);
  }
}

static int
sifive_uart_probe(struct device *dev)
{
  if (!console_uart_wanted(dev->node))
    return -ENODEV;   // one console (<octopos/uart.h>); leave other UARTs alone
  if (dev_ioremap(dev) < 0)
    return -ENOMEM;
  hw_init(dev->base);
  regs[RXCTRL] = CTRL_EN;   // rxcnt 0: the watermark is any byte waiting
  console_uart_set(&ops, dev->node);
  int r = irq_register(dev->irq, sifive_uart_intr, NULL);
  if (r < 0) {
    printf("sifive-uart: %s: cannot get interrupt %d (error %d); no input\n",
           dev->node->name, dev->irq, r);
    return 0;
  }
  if (irq_delivered(r))
    regs[IE] = IE_RXWM;
  return 0;
}

static const char *const sifive_uart_compat[] = { "sifive,uart0", NULL };
DRIVER(sifive_uart_driver, .name = "sifive-uart", .compatible = sifive_uart_compat,
       .probe = sifive_uart_probe, .order = DRIVER_ORDER_CONSOLE);
