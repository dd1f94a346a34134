// tests/libc/strconv.c: strtol, strtoul, strtod, atoi, atof; errno on overflow.
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int
main(void)
{
  const char *ints[] = { "42", "-17", "0x1F", "0755", "  +9z", "zz", "2147483648" };
  const char *dbls[] = { "3.14159", "-2.5e3", "1e-5", "0.1", "  42abc", "inf", "1e400" };
  char *end;

  for (unsigned i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
    errno = 0;
    long v = strtol(ints[i], &end, 0);
    printf("strtol(%s) = %ld rest [%s] errno %d\n", ints[i], v, end, errno);
  }
  printf("base 2 %ld base 36 %ld\n", strtol("1011", NULL, 2), strtol("zz", NULL, 36));
  errno = 0;
  long big = strtol("99999999999999999999", NULL, 10);
  printf("overflow %d erange %d\n", big == LONG_MAX, errno == ERANGE);
  printf("strtoul %lu\n", strtoul("4294967295", NULL, 10));
  for (unsigned i = 0; i < sizeof(dbls) / sizeof(dbls[0]); i++) {
    errno = 0;
    double d = strtod(dbls[i], &end);
    printf("strtod(%s) = %.6g rest [%s] erange %d\n", dbls[i], d, end, errno == ERANGE);
  }
  printf("atoi %d atof %.3f atol %ld\n", atoi("123abc"), atof("2.5"), atol("-99"));
  printf("sqrt %.6f pow %.6f sin %.6f floor %.1f fabs %.2f exp %.6f log %.6f\n",
         sqrt(2.0), pow(2.0, 0.5), sin(1.0), floor(-2.5), fabs(-3.25), exp(1.0), log(10.0));
  printf("isnan %d isinf %d\n", isnan(NAN) != 0, isinf(HUGE_VAL) != 0);
  return 0;
}
