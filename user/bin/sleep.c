// user/bin/sleep.c: wait N whole seconds (POSIX sleep), for scripts and
// tests that need a process to stay alive a while (e.g. holding a file
// open: tests/cases/orphans.py). The kernel's sleep() counts ticks;
// sysinfo says how many make a second (CONFIG_HZ).
#include <user.h>

int
main(int argc, char *argv[])
{
  struct sysinfo si;
  char *p;
  int n = 0;

  if (argc != 2 || argv[1][0] == 0)
    goto usage;
  for (p = argv[1]; *p; p++) {
    if (*p < '0' || *p > '9' || n > 100000000)
      goto usage;
    n = n * 10 + (*p - '0');
  }
  if (sysinfo(&si) < 0 || si.hz == 0) {
    fprintf(2, "sleep: sysinfo failed\n");
    return 1;
  }
  // In steps the tick count of which cannot overflow an int.
  while (n > 0) {
    int s = n > 1000 ? 1000 : n;
    if (sleep(s * (int)si.hz) < 0)
      return 1;
    n -= s;
  }
  return 0;
usage:
  fprintf(2, "usage: sleep SECONDS (0 to 1000000000)\n");
  return 1;
}
