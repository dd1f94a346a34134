// kernel/console.c: the console device (major 1) with line editing.
//
// Input arrives one character at a time from the UART interrupt
// (consoleintr) and is cooked here: backspace and DEL erase a character,
// ^U erases the line, ^D ends input (read returns what is there, or 0 at the
// start of a line), ^P prints the process list. read() returns whole lines.
// Output goes straight to the UART.
#include <octopos/types.h>
#include <octopos/spinlock.h>
#include <octopos/proc.h>
#include <octopos/console.h>
#include <octopos/devsw.h>
#include <octopos/printk.h>
#include <octopos/errno.h>
#include <octopos/tty.h>

#define BACKSPACE 0x100
#define C(x) ((x) - '@')   // control-x
// Typed input waiting for a reader. A character that arrives with the
// buffer full is dropped (xv6's rule), and a polled UART hands over a whole
// FIFO per tick, so the buffer holds more than one long line: 1 KiB of .bss
// lets a pasted 260-byte command line through whole on every configuration.
#define INPUT_BUF 1024

static struct {
  struct spinlock lock;
  char buf[INPUT_BUF];
  uint r;   // read index
  uint w;   // write index: end of the last complete line
  uint e;   // edit index
} cons;

// Put one character on the console, for printf and echo.
void
consputc(int c)
{
  if (c == BACKSPACE) {
    uart_putc_sync('\b');
    uart_putc_sync(' ');
    uart_putc_sync('\b');
  } else {
    uart_putc_sync(c);
  }
}

static int
consolewrite(int user_src, uint64 src, int n)
{
  char chunk[64];
  int i = 0;
  if (IS_ENABLED(CONFIG_JOB_CONTROL) && user_src && tty_check_write() < 0)
    return -EIO;
  while (i < n) {
    int m = MIN(n - i, (int)sizeof(chunk));
    if (either_copyin(chunk, user_src, src + i, m) < 0)
      break;
    for (int j = 0; j < m; j++)
      uart_putc(chunk[j]);
    i += m;
  }
  return i;
}

static int
consoleread(int user_dst, uint64 dst, int n)
{
  int target = n, err;
  if (IS_ENABLED(CONFIG_JOB_CONTROL) && (err = tty_check_read()) < 0)
    return err;
  acquire(&cons.lock);
  while (n > 0) {
    while (cons.r == cons.w) {
      if (killed(myproc()) ||
          (IS_ENABLED(CONFIG_JOB_CONTROL) && myproc()->tty_revoked)) {
        release(&cons.lock);
        return -EINTR;
      }
      sleep(&cons.r, &cons.lock);
    }
    int c = cons.buf[cons.r++ % INPUT_BUF];
    if (c == C('D')) {
      if (n < target)
        cons.r--;   // keep ^D for the next read, which returns 0
      break;
    }
    char cbuf = c;
    if (either_copyout(user_dst, dst, &cbuf, 1) < 0)
      break;
    dst++;
    n--;
    if (c == '\n')
      break;
  }
  release(&cons.lock);
  return target - n;
}

// CONFIG_JOB_CONTROL: a hangup drops what the old session left unread.
void
tty_hangup_input(void)
{
  acquire(&cons.lock);
  cons.r = cons.w = cons.e;
  release(&cons.lock);
}

void
consoleintr(int c)
{
  int sig = 0;
  acquire(&cons.lock);
  if (IS_ENABLED(CONFIG_JOB_CONTROL) && (sig = tty_intr_char(c)) != 0) {
    // ^C ^\ ^Z: drop the line being typed, show the key, signal after
    // cons.lock is released (signalling takes process locks).
    cons.e = cons.w;
    consputc('^');
    consputc(c + '@');
    consputc('\n');
    c = 0;
  }
  switch (c) {
  case C('P'):
    procdump();
    break;
  case C('U'):
    while (cons.e != cons.w && cons.buf[(cons.e - 1) % INPUT_BUF] != '\n') {
      cons.e--;
      consputc(BACKSPACE);
    }
    break;
  case C('H'):
  case '\x7f':
    if (cons.e != cons.w) {
      cons.e--;
      consputc(BACKSPACE);
    }
    break;
  default:
    if (c != 0 && cons.e - cons.r < INPUT_BUF) {
      c = (c == '\r') ? '\n' : c;
      consputc(c);
      cons.buf[cons.e++ % INPUT_BUF] = c;
      if (c == '\n' || c == C('D') || cons.e - cons.r == INPUT_BUF) {
        cons.w = cons.e;
        wakeup(&cons.r);
      }
    }
    break;
  }
  release(&cons.lock);
  if (IS_ENABLED(CONFIG_JOB_CONTROL) && sig)
    tty_signal_fg(sig);
}

void
console_init(void)
{
  initlock(&cons.lock, "cons");
  if (IS_ENABLED(CONFIG_JOB_CONTROL))
    tty_init();
  devsw[DEV_CONSOLE].read = consoleread;
  devsw[DEV_CONSOLE].write = consolewrite;
}
