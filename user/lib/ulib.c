// user/lib/ulib.c: the string, memory and small I/O helpers of the user library.
//
// Plain byte loops: user programs are small, and these must not depend on
// anything but the system calls.
#include <user.h>

char *
strcpy(char *dst, const char *src)
{
  char *d = dst;

  while ((*d++ = *src++) != 0)
    ;
  return dst;
}

int
strcmp(const char *p, const char *q)
{
  while (*p && *p == *q)
    p++, q++;
  return (uchar)*p - (uchar)*q;
}

int
strncmp(const char *p, const char *q, uint n)
{
  while (n > 0 && *p && *p == *q)
    n--, p++, q++;
  if (n == 0)
    return 0;
  return (uchar)*p - (uchar)*q;
}

uint
strlen(const char *s)
{
  uint n = 0;

  while (s[n])
    n++;
  return n;
}

// The volatile store stops GCC from recognising the loop as a memset and
// compiling it into a call to itself.
void *
memset(void *dst, int c, uint n)
{
  volatile char *d = dst;

  while (n-- > 0)
    *d++ = c;
  return dst;
}

char *
strchr(const char *s, char c)
{
  for (; *s; s++)
    if (*s == c)
      return (char *)s;
  return 0;
}

// Reads one line into buf, keeping the '\n', NUL-terminated; stops at EOF
// or after max-1 bytes. An empty buf means end of input.
char *
gets(char *buf, int max)
{
  int i = 0;
  char c;

  while (i + 1 < max) {
    if (read(0, &c, 1) < 1)
      break;
    buf[i++] = c;
    if (c == '\n' || c == '\r')
      break;
  }
  buf[i] = 0;
  return buf;
}

int
stat(const char *path, struct stat *st)
{
  int fd, r;

  fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  r = fstat(fd, st);
  close(fd);
  return r;
}

int
atoi(const char *s)
{
  int n = 0, neg = 0;

  if (*s == '-')
    neg = 1, s++;
  while (*s >= '0' && *s <= '9')
    n = n * 10 + (*s++ - '0');
  return neg ? -n : n;
}

// Overlap-safe: copies backwards when dst lies above src.
void *
memmove(void *dst, const void *src, int n)
{
  volatile char *d = dst;
  const char *s = src;

  if (s < (const char *)dst && s + n > (const char *)dst) {
    d += n;
    s += n;
    while (n-- > 0)
      *--d = *--s;
  } else {
    while (n-- > 0)
      *d++ = *s++;
  }
  return dst;
}

int
memcmp(const void *a, const void *b, uint n)
{
  const uchar *p = a, *q = b;

  for (; n > 0; n--, p++, q++)
    if (*p != *q)
      return *p - *q;
  return 0;
}

// GCC may emit calls to memcpy for struct copies, so it must exist.
void *
memcpy(void *dst, const void *src, uint n)
{
  return memmove(dst, src, n);
}
