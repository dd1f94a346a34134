// user/pbin/wc.c: count lines, words and bytes, picolibc version of
// user/bin/wc.c: the same output ("lines words bytes name"), read
// through stdio, with 64-bit counts and the reason a file cannot be read.
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

static int
wc(FILE *f, const char *name)
{
  long long lines = 0, words = 0, bytes = 0;
  int c, inword = 0;

  while ((c = getc(f)) != EOF) {
    bytes++;
    if (c == '\n')
      lines++;
    if (isspace(c)) {
      inword = 0;
    } else if (!inword) {
      words++;
      inword = 1;
    }
  }
  if (ferror(f)) {
    fprintf(stderr, "wc: %s: %s\n", *name ? name : "stdin", strerror(errno));
    return -1;
  }
  printf("%lld %lld %lld %s\n", lines, words, bytes, name);
  return 0;
}

int
main(int argc, char *argv[])
{
  if (argc < 2)
    return wc(stdin, "") < 0;
  for (int i = 1; i < argc; i++) {
    FILE *f = fopen(argv[i], "r");
    if (f == NULL) {
      fprintf(stderr, "wc: cannot open %s: %s\n", argv[i], strerror(errno));
      return 1;
    }
    int r = wc(f, argv[i]);
    fclose(f);
    if (r < 0)
      return 1;
  }
  return 0;
}
