// kernel/string.c: memory and string helpers.
//
// memmove and memset move 8-byte words when the pointers share alignment:
// copies of pages and blocks are the kernel's most common bulk work, and
// under QEMU each instruction counts. Eight words at a time, unrolled,
// unless the kernel is built for size (CONFIG_CC_OPTIMIZE_FOR_SIZE).
#include <octopos/string.h>

void *
memset(void *dst, int c, size_t n)
{
  uchar *d = dst;
  uint64 w = (uchar)c;
  w |= w << 8;
  w |= w << 16;
  w |= w << 32;
  while (n > 0 && ((uint64)d & 7)) {
    *d++ = c;
    n--;
  }
  uint64 *dw = (uint64 *)d;
  for (; !IS_ENABLED(CONFIG_CC_OPTIMIZE_FOR_SIZE) && n >= 64; n -= 64, dw += 8) {
    dw[0] = w; dw[1] = w; dw[2] = w; dw[3] = w;
    dw[4] = w; dw[5] = w; dw[6] = w; dw[7] = w;
  }
  for (; n >= 8; n -= 8)
    *dw++ = w;
  d = (uchar *)dw;
  while (n-- > 0)
    *d++ = c;
  return dst;
}

void *
memmove(void *dst, const void *src, size_t n)
{
  uchar *d = dst;
  const uchar *s = src;
  if (n == 0 || d == s)
    return dst;
  if (s < d && s + n > d) {
    // Overlap with dst above src: copy backwards.
    d += n;
    s += n;
    if ((((uint64)d | (uint64)s) & 7) == 0) {
      while (n >= 8) {
        d -= 8; s -= 8; n -= 8;
        *(uint64 *)d = *(const uint64 *)s;
      }
    }
    while (n-- > 0)
      *--d = *--s;
    return dst;
  }
  if ((((uint64)d ^ (uint64)s) & 7) == 0) {
    while (n > 0 && ((uint64)d & 7)) {
      *d++ = *s++;
      n--;
    }
    uint64 *dw = (uint64 *)d;
    const uint64 *sw = (const uint64 *)s;
    for (; !IS_ENABLED(CONFIG_CC_OPTIMIZE_FOR_SIZE) && n >= 64; n -= 64, dw += 8, sw += 8) {
      uint64 a = sw[0], b = sw[1], c = sw[2], e = sw[3];
      uint64 f = sw[4], g = sw[5], h = sw[6], k = sw[7];
      dw[0] = a; dw[1] = b; dw[2] = c; dw[3] = e;
      dw[4] = f; dw[5] = g; dw[6] = h; dw[7] = k;
    }
    for (; n >= 8; n -= 8)
      *dw++ = *sw++;
    d = (uchar *)dw;
    s = (const uchar *)sw;
  }
  while (n-- > 0)
    *d++ = *s++;
  return dst;
}

void *
memcpy(void *dst, const void *src, size_t n)
{
  return memmove(dst, src, n);
}

int
memcmp(const void *a, const void *b, size_t n)
{
  const uchar *p = a, *q = b;
  for (; n > 0; n--, p++, q++)
    if (*p != *q)
      return *p - *q;
  return 0;
}

size_t
strlen(const char *s)
{
  size_t n = 0;
  while (s[n])
    n++;
  return n;
}

int
strncmp(const char *p, const char *q, size_t n)
{
  while (n > 0 && *p && *p == *q)
    n--, p++, q++;
  if (n == 0)
    return 0;
  return (uchar)*p - (uchar)*q;
}

char *
strncpy(char *s, const char *t, size_t n)
{
  char *os = s;
  while (n > 0) {
    n--;
    if ((*s++ = *t++) == 0)
      break;
  }
  while (n > 0) {
    *s++ = 0;
    n--;
  }
  return os;
}

char *
safestrcpy(char *s, const char *t, int n)
{
  char *os = s;
  if (n <= 0)
    return os;
  while (--n > 0 && (*s++ = *t++) != 0)
    ;
  *s = 0;
  return os;
}
