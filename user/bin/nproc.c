// user/bin/nproc.c: print the number of harts running the kernel.
#include <user.h>

int
main(void)
{
  struct sysinfo si;

  if (sysinfo(&si) < 0) {
    fprintf(2, "nproc: sysinfo failed\n");
    return 1;
  }
  printf("%d\n", si.nharts);
  return 0;
}
