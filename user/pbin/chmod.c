// user/pbin/chmod.c: set permission bits (USER_MULTIUSER), picolibc
// version of user/bin/chmod.c, which can only say "not permitted or not
// found": this one says which, from the kernel's error.
//
//   chmod MODE FILE...      MODE in octal, e.g. 644, 0755, 4755, 1777
//   chmod +t DIR...         set the sticky bit (S_ISVTX), keep the rest
//   chmod -t DIR...         clear it
//
// In a sticky directory (/tmp) only a file's owner, the directory's owner
// or root may remove or rename the file.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int
main(int argc, char *argv[])
{
  long mode = 0;
  int status = 0, sticky = 0;
  char *end;

  if (argc < 3) {
    fprintf(stderr, "usage: chmod MODE|+t|-t FILE...\n");
    return 2;
  }
  if (strcmp(argv[1], "+t") == 0 || strcmp(argv[1], "-t") == 0) {
    sticky = argv[1][0] == '+' ? 1 : -1;
  } else {
    mode = strtol(argv[1], &end, 8);
    if (argv[1][0] < '0' || argv[1][0] > '7' || *end != 0 || mode > 07777) {
      fprintf(stderr, "chmod: bad mode %s (octal up to 7777, or +t, -t)\n", argv[1]);
      return 2;
    }
  }
  for (int i = 2; i < argc; i++) {
    struct stat st;
    mode_t m = mode;
    if (sticky != 0) {
      if (stat(argv[i], &st) < 0) {
        fprintf(stderr, "chmod: %s: %s\n", argv[i], strerror(errno));
        status = 1;
        continue;
      }
      m = sticky > 0 ? (st.st_mode & 07777) | S_ISVTX : st.st_mode & 07777 & ~S_ISVTX;
    }
    if (chmod(argv[i], m) < 0) {
      fprintf(stderr, "chmod: %s: %s\n", argv[i], strerror(errno));
      status = 1;
    }
  }
  return status;
}
