// include/octopos/clock.h: the tick counter (kernel/clock.c).
#ifndef OCTOPOS_CLOCK_H
#define OCTOPOS_CLOCK_H
#include <octopos/spinlock.h>

extern struct spinlock tickslock;
extern uint ticks;               // timer ticks since boot, 10 per second

void clock_tick(void);           // hart 0's timer interrupt: ticks++, wake sleepers
void clock_init(void);
uint clock_sleep(uint n);      // n ticks; 0, or ticks left when killed

#endif
