// tests/host/include/octopos/string.h: host shim: the kernel's string
// helpers are libc's, plus the one libc lacks.
#ifndef OCTOPOS_STRING_H
#define OCTOPOS_STRING_H
#include <string.h>

char *safestrcpy(char *s, const char *t, int n);

static inline int
streq(const char *a, const char *b)
{
  return strcmp(a, b) == 0;
}

#endif
