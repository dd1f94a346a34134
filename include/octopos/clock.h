// include/octopos/clock.h: the tick counter (kernel/clock.c).
#ifndef OCTOPOS_CLOCK_H
#define OCTOPOS_CLOCK_H
#include <octopos/spinlock.h>
#include <octopos/fdt.h>

extern struct spinlock tickslock;
extern uint ticks;               // timer ticks since boot, CONFIG_HZ per second

// The rate of the time CSR is the devicetree's timebase-frequency, which
// fdt_parse() requires to be there and non-zero.
#define timebase_hz (fdt.timebase)

// Time-CSR cycles per tick. The + 1 keeps a timebase slower than CONFIG_HZ
// from programming a tick that is always due (1 ppm at 10 MHz and HZ=10).
#define tick_interval (fdt.timebase / CONFIG_HZ + 1)

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
