// user/bin/cat.c: copy files (or standard input) to standard output.
#include <user.h>

static char buf[512];

static int
cat(int fd)
{
  int n;

  while ((n = read(fd, buf, sizeof(buf))) > 0) {
    if (write(1, buf, n) != n) {
      fprintf(2, "cat: write error\n");
      return -1;
    }
  }
  if (n < 0) {
    fprintf(2, "cat: read error\n");
    return -1;
  }
  return 0;
}

int
main(int argc, char *argv[])
{
  int fd;

  if (argc < 2)
    return cat(0) < 0;
  for (int i = 1; i < argc; i++) {
    if ((fd = open(argv[i], O_RDONLY)) < 0) {
      fprintf(2, "cat: cannot open %s\n", argv[i]);
      return 1;
    }
    if (cat(fd) < 0)
      return 1;
    close(fd);
  }
  return 0;
}
