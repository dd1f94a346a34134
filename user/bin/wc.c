// user/bin/wc.c: count lines, words and bytes.
#include <user.h>

static char buf[512];

static int
wc(int fd, const char *name)
{
  int n, lines = 0, words = 0, bytes = 0, inword = 0;

  while ((n = read(fd, buf, sizeof(buf))) > 0) {
    bytes += n;
    for (int i = 0; i < n; i++) {
      char c = buf[i];
      if (c == '\n')
        lines++;
      if (strchr(" \r\t\n\v", c)) {
        inword = 0;
      } else if (!inword) {
        words++;
        inword = 1;
      }
    }
  }
  if (n < 0) {
    fprintf(2, "wc: read error\n");
    return -1;
  }
  printf("%d %d %d %s\n", lines, words, bytes, name);
  return 0;
}

int
main(int argc, char *argv[])
{
  int fd;

  if (argc < 2)
    return wc(0, "") < 0;
  for (int i = 1; i < argc; i++) {
    if ((fd = open(argv[i], O_RDONLY)) < 0) {
      fprintf(2, "wc: cannot open %s\n", argv[i]);
      return 1;
    }
    if (wc(fd, argv[i]) < 0)
      return 1;
    close(fd);
  }
  return 0;
}
