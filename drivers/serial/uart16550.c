// drivers/serial/uart16550.c: the 16550 UART as console (CONFIG_SERIAL_16550).
//
// Two ways out (struct uart_ops, <octopos/uart.h>): putc_sync() polls the
// line status register and never sleeps (printf, echo, panic); putc_queued()
// queues into a small ring that the transmit-empty interrupt drains, and
// sleeps while the ring is full (write() to the console). Received characters go to consoleintr() from
// the interrupt handler.
//
// Registers are one byte apart (no reg-shift), as on QEMU's virt board.
// The baud rate is left as firmware or QEMU set it: QEMU ignores it, and
// under OpenSBI the divisor is already right for the board's clock.

#include <octopos/console.h>
#include <octopos/uart.h>
#include <octopos/driver.h>
#include <octopos/errno.h>
#include <octopos/fdt.h>
#include <octopos/irq.h>
#include <octopos/printk.h>
#include <octopos/proc.h>
#include <octopos/spinlock.h>

// Register offsets.
#define RHR 0                 // receive holding (read)
#define THR 0                 // transmit holding (write)
#define IER 1                 // interrupt enable
#define IER_RX      0x01
#define IER_TX      0x02
#define FCR 2                 // FIFO control (write)
#define FCR_ENABLE  0x01
#define FCR_CLEAR   0x06      // clear both FIFOs
#define ISR 2                 // interrupt status (read)
#define LCR 3                 // line control
#define LCR_8N1     0x03
#define MCR 4                 // modem control
#define MCR_DTR_RTS_OUT2 0x0b // OUT2 gates the interrupt line on PC-style boards
#define LSR 5                 // line status
#define LSR_RX_READY 0x01
#define LSR_TX_EMPTY 0x20

static volatile uchar *regs;  // set at probe or by the emergency init
static int use_irq;           // transmit ring drained by interrupts

// Transmit ring: tx_w - tx_r characters are queued. tx_lock guards it.
#define TX_SIZE 64
static struct spinlock tx_lock;
static char tx_buf[TX_SIZE];
static uint64 tx_w, tx_r;

static void
hw_init(uint64 base)
{
  regs = (volatile uchar *)base;
  regs[IER] = 0;
  regs[LCR] = LCR_8N1;
  regs[FCR] = FCR_ENABLE | FCR_CLEAR;
  regs[MCR] = MCR_DTR_RTS_OUT2;
}

static void
putc_sync(int c)
{
  push_off();   // do not get preempted between the check and the write
  while ((regs[LSR] & LSR_TX_EMPTY) == 0)
    ;
  regs[THR] = c;
  pop_off();
}

// Move queued characters to the UART while it can take them.
// Caller holds tx_lock; may run in the interrupt handler.
static void
uart_start(void)
{
  while (tx_w != tx_r && (regs[LSR] & LSR_TX_EMPTY)) {
    regs[THR] = tx_buf[tx_r % TX_SIZE];
    tx_r++;
    wakeup(&tx_r);   // putc_queued() may be waiting for room
  }
}

static void
putc_queued(int c)
{
  if (!use_irq) {
    putc_sync(c);
    return;
  }
  acquire(&tx_lock);
  while (tx_w == tx_r + TX_SIZE)
    sleep(&tx_r, &tx_lock);
  tx_buf[tx_w % TX_SIZE] = c;
  tx_w++;
  uart_start();
  release(&tx_lock);
}

static const struct uart_ops ops = { putc_sync, putc_queued };

void
uart16550_early_init(uint64 base)
{
  hw_init(base);
  console_uart_set(&ops, NULL);
}

static void
uart_intr(void *arg)
{
  (void)arg;
  // Reading ISR acknowledges a transmit-empty interrupt, which otherwise
  // stays raised when there is nothing left to send.
  (void)regs[ISR];
  while (regs[LSR] & LSR_RX_READY)
    consoleintr(regs[RHR]);
  acquire(&tx_lock);
  uart_start();
  release(&tx_lock);
}

static int
uart16550_probe(struct device *dev)
{
  if (!console_uart_wanted(dev->node))
    return -ENODEV;   // one console (<octopos/uart.h>); leave other UARTs alone
  if (dev_ioremap(dev) < 0)
    return -ENOMEM;
  initlock(&tx_lock, "uart");
  hw_init(dev->base);
  console_uart_set(&ops, dev->node);
  // Without its interrupt (no working PLIC: its probe ran before any
  // console, so this is the line that tells) the console still prints.
  int r = irq_register(dev->irq, uart_intr, NULL);
  if (r < 0) {
    printf("uart16550: %s: cannot get interrupt %d (error %d); output polled, no input\n",
           dev->node->name, dev->irq, r);
    return 0;
  }
  // Polled on the tick, uart_intr() reads what arrived; output stays
  // synchronous (use_irq 0), since a tick-drained ring would crawl.
  if (!irq_delivered(r))
    return 0;
  use_irq = 1;
  regs[IER] = IER_RX | IER_TX;
  return 0;
}

static const char *const uart16550_compat[] = { "ns16550a", "ns16550", NULL };
DRIVER(uart16550_driver, .name = "uart16550", .compatible = uart16550_compat,
       .probe = uart16550_probe, .order = DRIVER_ORDER_CONSOLE);
