// user/pbin/mkdir.c: make directories, saying why one cannot be made
// (picolibc: strerror of the kernel's error, "File exists" or "Permission
// denied" rather than user/bin/mkdir.c's "failed to create").
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int
main(int argc, char *argv[])
{
  if (argc < 2) {
    fprintf(stderr, "usage: mkdir dir...\n");
    return 1;
  }
  for (int i = 1; i < argc; i++) {
    if (mkdir(argv[i], 0777) < 0) {
      fprintf(stderr, "mkdir: cannot create %s: %s\n", argv[i], strerror(errno));
      return 1;
    }
  }
  return 0;
}
