// include/octopos/clock.h: the tick counter (kernel/clock.c).
#ifndef OCTOPOS_CLOCK_H
#define OCTOPOS_CLOCK_H
#include <octopos/spinlock.h>

extern struct spinlock tickslock;
#define TICKS_PER_SEC 10         // asm/arch.h's TICK_INTERVAL at QEMU virt's 10 MHz
extern uint ticks;               // timer ticks since boot, TICKS_PER_SEC a second

void clock_tick(void);           // hart 0's timer interrupt: ticks++, wake sleepers
void clock_init(void);
uint clock_sleep(uint n);      // n ticks; 0, or ticks left when killed

#endif
