// user/picolibc/fgets.c: fgets as the C standard has it.
//
// picolibc 1.8's tinystdio fgets returns NULL when end of file comes in the
// middle of a line, losing a last line without a newline (the C standard
// returns the characters read). The glue is linked ahead of libc.a, so
// this one is used instead; tests/libc/fileio.c checks it against glibc.
#include "sys.h"
#include <stdio.h>

char *
fgets(char *s, int n, FILE *f)
{
  int i = 0, c = 0;

  if (n <= 0)
    return NULL;
  while (i < n - 1 && (c = getc(f)) != EOF) {
    s[i++] = c;
    if (c == '\n')
      break;
  }
  if (i == 0 || (c == EOF && ferror(f)))
    return NULL;
  s[i] = 0;
  return s;
}
