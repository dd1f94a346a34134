// user/bin/chmod.c: set permission bits (USER_MULTIUSER).
//
//   chmod MODE FILE...      MODE in octal, e.g. 644, 0755, 4755
#include <user.h>

int
main(int argc, char *argv[])
{
  int mode = 0, status = 0;
  const char *p;

  if (argc < 3) {
    fprintf(2, "usage: chmod MODE FILE...\n");
    exit(2);
  }
  for (p = argv[1]; *p; p++) {
    if (*p < '0' || *p > '7' || mode > 07777 / 8) {
      fprintf(2, "chmod: bad mode %s (octal, up to 7777)\n", argv[1]);
      exit(2);
    }
    mode = mode * 8 + (*p - '0');
  }
  for (int i = 2; i < argc; i++) {
    if (chmod(argv[i], mode) < 0) {
      fprintf(2, "chmod: %s: not permitted or not found\n", argv[i]);
      status = 1;
    }
  }
  exit(status);
}
