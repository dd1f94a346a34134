// user/bin/ln.c: make a new name for a file: a hard link, or with -s a
// symbolic link (CONFIG_FS_SYMLINKS) whose target need not exist.
#include <user.h>

int
main(int argc, char *argv[])
{
  int sym = argc == 4 && strcmp(argv[1], "-s") == 0;

  if (argc != 3 && !sym) {
    fprintf(2, "usage: ln [-s] old new\n");
    return 1;
  }
  if (sym) {
    if (symlink(argv[2], argv[3]) < 0) {
      fprintf(2, "ln: symlink %s %s failed\n", argv[2], argv[3]);
      return 1;
    }
    return 0;
  }
  if (link(argv[1], argv[2]) < 0) {
    fprintf(2, "ln: link %s %s failed\n", argv[1], argv[2]);
    return 1;
  }
  return 0;
}
