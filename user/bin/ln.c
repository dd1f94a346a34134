// user/bin/ln.c: make a new hard link to an existing file.
#include <user.h>

int
main(int argc, char *argv[])
{
  if (argc != 3) {
    fprintf(2, "usage: ln old new\n");
    return 1;
  }
  if (link(argv[1], argv[2]) < 0) {
    fprintf(2, "ln: link %s %s failed\n", argv[1], argv[2]);
    return 1;
  }
  return 0;
}
