// include/octopos/rtc.h: wall-clock time (drivers/rtc/goldfish_rtc.c registers a source).
#ifndef OCTOPOS_RTC_H
#define OCTOPOS_RTC_H
#include <octopos/types.h>

void rtc_register(uint64 (*read_ns)(void));
// Nanoseconds since 1970-01-01 UTC, or 0 when no RTC was probed.
uint64 rtc_read_ns(void);

#endif
