// user/bin/chmod.c: set permission bits (USER_MULTIUSER).
//
//   chmod MODE FILE...      MODE in octal, e.g. 644, 0755, 4755, 1777
//   chmod +t DIR...         set the sticky bit (S_ISVTX), keep the rest
//   chmod -t DIR...         clear it
//
// In a sticky directory (/tmp) only a file's owner, the directory's owner
// or root may remove or rename the file.
#include <user.h>

// The mode to give path: mode itself, or (sticky != 0) path's current
// mode with S_ISVTX set (sticky > 0) or cleared (sticky < 0).
static int
new_mode(const char *path, int mode, int sticky)
{
  struct xstat xs;
  int fd;

  if (sticky == 0)
    return mode;
  if ((fd = open(path, O_RDONLY)) < 0)
    return -1;
  if (xstat(fd, &xs) < 0) {
    close(fd);
    return -1;
  }
  close(fd);
  return sticky > 0 ? (xs.mode | S_ISVTX) : (xs.mode & ~S_ISVTX);
}

int
main(int argc, char *argv[])
{
  int mode = 0, status = 0, sticky = 0;
  const char *p;

  if (argc < 3) {
    fprintf(2, "usage: chmod MODE|+t|-t FILE...\n");
    exit(2);
  }
  if (strcmp(argv[1], "+t") == 0 || strcmp(argv[1], "-t") == 0) {
    sticky = argv[1][0] == '+' ? 1 : -1;
  } else {
    for (p = argv[1]; *p; p++) {
      if (*p < '0' || *p > '7' || mode > 07777 / 8) {
        fprintf(2, "chmod: bad mode %s (octal up to 7777, or +t, -t)\n", argv[1]);
        exit(2);
      }
      mode = mode * 8 + (*p - '0');
    }
  }
  for (int i = 2; i < argc; i++) {
    int m = new_mode(argv[i], mode, sticky);
    if (m < 0 || chmod(argv[i], m) < 0) {
      fprintf(2, "chmod: %s: not permitted or not found\n", argv[i]);
      status = 1;
    }
  }
  exit(status);
}
