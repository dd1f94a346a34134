// tests/libc/times.c: time conversions (gmtime, mktime, strftime, difftime)
// on fixed instants, in UTC (the host side runs with TZ=UTC).
#include <stdio.h>
#include <string.h>
#include <time.h>

int
main(void)
{
  time_t ts[] = { 0, 951782400, 1234567890, 1700000000, 2147483647, 4102444800 };
  char buf[128];

  for (unsigned i = 0; i < sizeof(ts) / sizeof(ts[0]); i++) {
    struct tm *tm = gmtime(&ts[i]);
    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %a %b %j %U", tm);
    printf("%lld: %s wday %d yday %d\n", (long long)ts[i], buf, tm->tm_wday, tm->tm_yday);
  }
  struct tm t;
  memset(&t, 0, sizeof(t));
  t.tm_year = 124;      // 2024
  t.tm_mon = 1;
  t.tm_mday = 29;
  t.tm_hour = 12;
  t.tm_isdst = 0;
  time_t m = mktime(&t);
  printf("mktime 2024-02-29 12:00 = %lld wday %d\n", (long long)m, t.tm_wday);
  t.tm_mday += 1;       // normalises to March 1st
  m = mktime(&t);
  strftime(buf, sizeof(buf), "%Y-%m-%d", &t);
  printf("normalised %s %lld\n", buf, (long long)m);
  printf("difftime %.1f\n", difftime(ts[3], ts[2]));
  time_t now = time(NULL);
  printf("time() after 2000: %d\n", now > 946684800);
  return 0;
}
