// user/bin/poweroff.c: turn the machine off.
#include <user.h>

int
main(void)
{
  poweroff(0);
  fprintf(2, "poweroff: failed (no power-off device?)\n");
  return 1;
}
