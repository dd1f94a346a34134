// user/bin/date.c: print the wall-clock time from the RTC (gettime, call 39), in UTC.
#include "user.h"

// Days since 1970-01-01 to a civil date (proleptic Gregorian).
static void
civil(long days, int *y, int *m, int *d)
{
  long z = days + 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2);
}

int
main(void)
{
  unsigned long ns;
  if (gettime(&ns) < 0) {
    fprintf(2, "date: no real-time clock\n");
    return 1;
  }
  unsigned long s = ns / 1000000000UL;
  int y, m, d;
  civil(s / 86400, &y, &m, &d);
  unsigned long t = s % 86400;
  printf("%d-%02d-%02d %02lu:%02lu:%02lu UTC (%lu)\n", y, m, d, t / 3600, (t / 60) % 60, t % 60, s);
  return 0;
}
