// kernel/printf.c: formatted console output for the kernel, and panic.
//
// Output goes character by character to the UART with polling, so printf
// works from interrupt handlers and before the console is set up. pr.lock
// keeps lines from different harts from interleaving.
#include <stdarg.h>
#include <octopos/types.h>
#include <octopos/spinlock.h>
#include <octopos/printk.h>
#include <octopos/console.h>
#include <octopos/power.h>
#include <asm/riscv.h>

volatile int panicked;

static struct {
  struct spinlock lock;
  int locking;
} pr;

static const char digits[] = "0123456789abcdef";

static void
printnum(uint64 x, int base, int neg, int width, char pad)
{
  char buf[24];
  int i = 0;
  do {
    buf[i++] = digits[x % base];
  } while ((x /= base) != 0);
  if (neg)
    buf[i++] = '-';
  while (i < width && i < (int)sizeof(buf))
    buf[i++] = pad;
  while (--i >= 0)
    consputc(buf[i]);
}

static void
vprint(const char *fmt, va_list ap)
{
  for (int i = 0; fmt[i]; i++) {
    char c = fmt[i];
    if (c != '%') {
      consputc(c);
      continue;
    }
    char pad = ' ';
    int width = 0, lng = 0;
    c = fmt[++i];
    if (c == '0') {
      pad = '0';
      c = fmt[++i];
    }
    while (c >= '0' && c <= '9') {
      width = width * 10 + (c - '0');
      c = fmt[++i];
    }
    while (c == 'l') {
      lng = 1;
      c = fmt[++i];
    }
    switch (c) {
    case 'd': {
      int64 v = lng ? va_arg(ap, long) : va_arg(ap, int);
      printnum(v < 0 ? -(uint64)v : (uint64)v, 10, v < 0, width, pad);
      break;
    }
    case 'u':
      printnum(lng ? va_arg(ap, uint64) : va_arg(ap, uint), 10, 0, width, pad);
      break;
    case 'x':
      printnum(lng ? va_arg(ap, uint64) : va_arg(ap, uint), 16, 0, width, pad);
      break;
    case 'p':
      consputc('0');
      consputc('x');
      printnum(va_arg(ap, uint64), 16, 0, 16, '0');
      break;
    case 's': {
      const char *s = va_arg(ap, const char *);
      if (s == NULL)
        s = "(null)";
      while (*s)
        consputc(*s++);
      break;
    }
    case 'c':
      consputc(va_arg(ap, int));
      break;
    case '%':
      consputc('%');
      break;
    case 0:
      return;
    default:
      consputc('%');
      consputc(c);
      break;
    }
  }
}

int
printf(const char *fmt, ...)
{
  va_list ap;
  if (IS_ENABLED(CONFIG_BOOT_CMDLINE) && printk_quiet)
    return 0;
  int locking = pr.locking;
  if (locking)
    acquire(&pr.lock);
  va_start(ap, fmt);
  vprint(fmt, ap);
  va_end(ap);
  if (locking)
    release(&pr.lock);
  return 0;
}

void
panic(const char *fmt, ...)
{
  va_list ap;
  pr.locking = 0;
  consputc('\n');
  for (const char *m = "panic: "; *m; m++)
    consputc(*m);
  va_start(ap, fmt);
  vprint(fmt, ap);
  va_end(ap);
  consputc('\n');
  panicked = 1;   // freeze output from other harts
  // Tests see the message and the non-zero exit; a board without a power
  // device stops here.
  machine_poweroff(1);
}

void
printk_init(void)
{
  initlock(&pr.lock, "pr");
  pr.locking = 1;
}
