// user/pbin/ln.c: make a new name for a file: a hard link, or with -s a
// symbolic link (CONFIG_FS_SYMLINKS) whose target need not exist. The
// picolibc version says why a link fails ("Too many links", "File
// exists", "Cross-device link"), from the kernel's error.
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
  int sym = argc == 4 && strcmp(argv[1], "-s") == 0;

  if (argc != 3 && !sym) {
    fprintf(stderr, "usage: ln [-s] old new\n");
    return 1;
  }
  const char *from = argv[argc - 2], *to = argv[argc - 1];
  if ((sym ? symlink(from, to) : link(from, to)) < 0) {
    fprintf(stderr, "ln: %s %s %s: %s\n", sym ? "symlink" : "link", from, to, strerror(errno));
    return 1;
  }
  return 0;
}
