// include/octopos/string.h: memory and string helpers (kernel/string.c).
// memmove/memcpy/memset move 8-byte words when both ends allow it.
#ifndef OCTOPOS_STRING_H
#define OCTOPOS_STRING_H
#include <octopos/types.h>

void *memset(void *dst, int c, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int   memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int   strncmp(const char *p, const char *q, size_t n);
char *strncpy(char *s, const char *t, size_t n);
char *safestrcpy(char *s, const char *t, int n);   // always NUL-terminates

// 1 if two NUL-terminated strings are equal. Inline: the devicetree parser
// and the root-device chooser call it on short names, and tiny's budget
// notices a call.
static inline int
streq(const char *a, const char *b)
{
  while (*a && *a == *b) {
    a++;
    b++;
  }
  return *a == *b;
}

#endif
