// user/bin/zombie.c: leave a zombie for a moment.
//
// The child exits at once and the parent exits without waiting, so the
// child stays a zombie until init reaps it: a check that orphans get reaped.
#include <user.h>

int
main(void)
{
  if (fork() > 0)
    sleep(5);
  return 0;
}
