// user/pbin/rm.c: remove directory entries (the file goes with its last
// link), saying why one cannot be removed (picolibc: strerror of the
// kernel's error, e.g. "Directory not empty").
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
  if (argc < 2) {
    fprintf(stderr, "usage: rm file...\n");
    return 1;
  }
  for (int i = 1; i < argc; i++) {
    if (unlink(argv[i]) < 0) {
      fprintf(stderr, "rm: cannot remove %s: %s\n", argv[i], strerror(errno));
      return 1;
    }
  }
  return 0;
}
