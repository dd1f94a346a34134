// drivers/base/rtc.c: the wall-clock source registry (<octopos/rtc.h>).
//
// A clock driver (drivers/rtc/goldfish_rtc.c) registers its read function
// at probe time; until one does, or in a kernel built without one, the
// time of day reads as 0 ("unknown"). The first clock registered wins.

#include <octopos/rtc.h>

static uint64 (*rtc_source)(void);

void
rtc_register(uint64 (*read_ns)(void))
{
  if (rtc_source == NULL)
    rtc_source = read_ns;
}

uint64
rtc_read_ns(void)
{
  uint64 (*f)(void) = rtc_source;
  return f ? f() : 0;
}
