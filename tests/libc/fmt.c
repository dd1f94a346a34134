// tests/libc/fmt.c: formatted output of integers, floating point and
// strings (printf, snprintf), compared between glibc and picolibc.
// Every test in tests/libc is built and run by tests/sdk.py on both.
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int
main(void)
{
  char buf[64];
  int n;

  printf("[%d] [%5d] [%-5d] [%05d] [%+d] [% d]\n", 42, 42, 42, 42, 42, 42);
  printf("[%d] [%d] [%u] [%ld]\n", INT_MIN, INT_MAX, UINT_MAX, LONG_MIN);
  printf("[%lld] [%llu] [%jd] [%zu]\n", LLONG_MAX, ULLONG_MAX, (intmax_t)-7, sizeof(int));
  printf("[%x] [%X] [%#x] [%o] [%#o] [%08x]\n", 48879, 48879, 255, 8, 8, 0xbeef);
  printf("[%hhd] [%hd] [%hu]\n", (char)-1, (short)-32768, (unsigned short)65535);
  printf("[%f] [%.2f] [%10.4f] [%-10.1f] [%+.3f]\n", 3.14159265, 2.675, -1.5, 0.25, 1.0 / 3);
  printf("[%e] [%.3e] [%E] [%g] [%g] [%g] [%G]\n", 12345.678, 0.00012345, 1e-10, 100000.0,
         1000000.0, 0.0001, 1e-5);
  // Not 0.5: picolibc 1.8 prints %.0f of it as 1, glibc as 0 (docs/sdk.md).
  printf("[%.0f] [%.0f] [%.0f] [%.1f]\n", 1.5, 2.5, 3.5, 0.05);
  printf("[%f] [%f] [%.10f]\n", 1e15, -0.0, 1.0 / 7);
  printf("[%s] [%10s] [%-10s] [%.3s] [%c] [%%]\n", "abc", "right", "left", "truncate", 'z');
  n = snprintf(buf, 8, "%s-%d", "overflowing", 12345);
  printf("snprintf %d [%s]\n", n, buf);
  n = sprintf(buf, "%*d|%-*d|%.*f", 6, 7, 4, 8, 2, 9.999);
  printf("sprintf %d [%s]\n", n, buf);
  printf("strlen %zu\n", strlen(buf));
  return 0;
}
