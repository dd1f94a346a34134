// user/lib/printf.c: formatted output to a file descriptor or a string.
//
// Output to a file descriptor is gathered in a small buffer and written
// when it fills or the call ends, so a short message reaches the console
// in one write() and lines from concurrent processes rarely interleave
// mid-line. snprintf formats with the same code into the caller's buffer.
#include <stdarg.h>
#include <user.h>

struct out {
  int fd;         // flush() writes buf here; -1: buf is snprintf's string
  char *buf;
  int cap;        // bytes buf holds (a string: less its NUL)
  int n;          // bytes in buf
  int total;      // bytes produced, kept or not (snprintf's result)
};

static void
flush(struct out *o)
{
  if (o->fd >= 0 && o->n > 0) {
    write(o->fd, o->buf, o->n);
    o->n = 0;
  }
}

static void
putc(struct out *o, char c)
{
  o->total++;
  if (o->n == o->cap) {
    if (o->fd < 0)
      return;     // a full string drops the rest
    flush(o);
  }
  o->buf[o->n++] = c;
}

// Emits s (len bytes) padded to width: on the left with pad, or on the
// right with spaces when left is set. A zero pad goes after a minus sign.
static void
putpadded(struct out *o, const char *s, int len, int width, char pad, int left)
{
  if (!left && pad == '0' && len > 0 && s[0] == '-') {
    putc(o, *s++);
    len--;
    width--;
  }
  if (!left)
    for (; width > len; width--)
      putc(o, pad);
  for (int i = 0; i < len; i++)
    putc(o, s[i]);
  if (left)
    for (; width > len; width--)
      putc(o, ' ');
}

static void
putnum(struct out *o, uint64 x, int base, int neg, int width, char pad, int left)
{
  static const char digits[] = "0123456789abcdef";
  char tmp[24];
  int i = sizeof(tmp);

  do {
    tmp[--i] = digits[x % base];
    x /= base;
  } while (x != 0);
  if (neg)
    tmp[--i] = '-';
  putpadded(o, tmp + i, sizeof(tmp) - i, width, pad, left);
}

static void
format(struct out *o, const char *fmt, va_list ap)
{
  for (; *fmt; fmt++) {
    if (*fmt != '%') {
      putc(o, *fmt);
      continue;
    }
    fmt++;
    int left = 0, width = 0, lng = 0;
    char pad = ' ';
    if (*fmt == '-')
      left = 1, fmt++;
    if (*fmt == '0')
      pad = '0', fmt++;
    while (*fmt >= '0' && *fmt <= '9')
      width = width * 10 + (*fmt++ - '0');
    while (*fmt == 'l')
      lng++, fmt++;

    switch (*fmt) {
    case 'd': {
      long v = lng ? va_arg(ap, long) : va_arg(ap, int);
      putnum(o, v < 0 ? -(uint64)v : (uint64)v, 10, v < 0, width, pad, left);
      break;
    }
    case 'u':
      putnum(o, lng ? va_arg(ap, uint64) : va_arg(ap, uint), 10, 0, width, pad, left);
      break;
    case 'x':
      putnum(o, lng ? va_arg(ap, uint64) : va_arg(ap, uint), 16, 0, width, pad, left);
      break;
    case 'p':
      putc(o, '0');
      putc(o, 'x');
      putnum(o, (uint64)va_arg(ap, void *), 16, 0, 16, '0', 0);
      break;
    case 's': {
      const char *s = va_arg(ap, const char *);
      if (s == 0)
        s = "(null)";
      putpadded(o, s, strlen(s), width, ' ', left);
      break;
    }
    case 'c': {
      char c = va_arg(ap, int);
      putpadded(o, &c, 1, width, ' ', left);
      break;
    }
    case '%':
      putc(o, '%');
      break;
    case 0:
      fmt--;   // a lone '%' at the end: stop at the NUL next round
      break;
    default:   // unknown conversion: show it as written
      putc(o, '%');
      putc(o, *fmt);
      break;
    }
  }
}

static void
vprintf(int fd, const char *fmt, va_list ap)
{
  static char buf[128];   // programs are single-threaded; keeps the stack small
  struct out o = { fd, buf, sizeof(buf), 0, 0 };

  format(&o, fmt, ap);
  flush(&o);
}

int
vsnprintf(char *buf, int size, const char *fmt, va_list ap)
{
  struct out o = { -1, buf, size > 0 ? size - 1 : 0, 0, 0 };

  format(&o, fmt, ap);
  if (size > 0)
    buf[o.n] = 0;
  return o.total;
}

int
snprintf(char *buf, int size, const char *fmt, ...)
{
  va_list ap;

  va_start(ap, fmt);
  int n = vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}

void
fprintf(int fd, const char *fmt, ...)
{
  va_list ap;

  va_start(ap, fmt);
  vprintf(fd, fmt, ap);
  va_end(ap);
}

void
printf(const char *fmt, ...)
{
  va_list ap;

  va_start(ap, fmt);
  vprintf(1, fmt, ap);
  va_end(ap);
}
