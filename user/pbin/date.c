// user/pbin/date.c: print the wall-clock time in UTC, picolibc version.
//
// time() and strftime() replace user/bin/date.c's calendar arithmetic. The
// format is the same: "2026-12-02 03:15:00 UTC (1796181300)". The kernel's
// real-time clock is the RTC; without one it counts from boot, which
// prints a date in 1970.
#include <stdio.h>
#include <time.h>

int
main(void)
{
  char buf[64];
  time_t now = time(NULL);

  if (now == (time_t)-1) {
    fprintf(stderr, "date: no clock\n");
    return 1;
  }
  strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S UTC", gmtime(&now));
  printf("%s (%lld)\n", buf, (long long)now);
  return 0;
}
