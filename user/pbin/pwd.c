// user/pbin/pwd.c: print the working directory (getcwd, CONFIG_POSIX_CALLS).
// Built with picolibc (user/picolibc).
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(void)
{
  char buf[PATH_MAX];

  if (getcwd(buf, sizeof(buf)) == NULL) {
    fprintf(stderr, "pwd: %s\n", strerror(errno));
    return 1;
  }
  puts(buf);
  return 0;
}
