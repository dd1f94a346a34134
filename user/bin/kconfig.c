// user/bin/kconfig.c: print the .config the running kernel was built from.
#include <user.h>

static char buf[16384];

int
main(void)
{
  int n = getconfig(buf, sizeof(buf));

  if (n < 0) {
    fprintf(2, "kconfig: not available (CONFIG_IKCONFIG off?)\n");
    return 1;
  }
  if (n > (int)sizeof(buf))
    n = sizeof(buf);
  write(1, buf, n);
  return 0;
}
