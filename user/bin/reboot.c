// user/bin/reboot.c: reset the machine.
#include <user.h>

int
main(void)
{
  poweroff(1);
  fprintf(2, "reboot: failed (no reset device?)\n");
  return 1;
}
