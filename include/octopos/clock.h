// include/octopos/clock.h: the tick counter (kernel/clock.c).
#ifndef OCTOPOS_CLOCK_H
#define OCTOPOS_CLOCK_H
#include <octopos/spinlock.h>

extern struct spinlock tickslock;
extern uint ticks;               // timer ticks since boot, CONFIG_HZ per second
extern uint64 timebase_hz;       // rate of the time CSR (devicetree timebase-frequency)
extern uint64 tick_interval;     // time-CSR cycles per tick: timebase_hz / CONFIG_HZ

// Time-CSR cycles in ms milliseconds.
static inline uint64
timebase_ms(uint64 ms)
{
  return timebase_hz * ms / 1000;
}

void clock_tick(void);           // hart 0's timer interrupt: ticks++, wake sleepers
void clock_init(void);          // after fdt_parse(): the rates above
uint clock_sleep(uint n);        // n ticks; 0, or ticks left when killed

#endif
