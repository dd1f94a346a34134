// arch/riscv/include/asm/mtrap.h: the M-mode interrupt forwarder of the bare
// M-mode boot (CONFIG_MTRAP: arch/riscv/kernel/mtrap.c, mtrapvec.S).
//
// Machine interrupts cannot be delegated to S-mode, so the CLINT's timer
// (CONFIG_TIMER_CLINT) and software interrupt (CONFIG_IPI_CLINT) land in
// mtrapvec, which acknowledges them and raises S-mode's software interrupt.
// mscratch points at the hart's struct mscratch; the offsets below are the
// assembly's view of it.
#ifndef ASM_MTRAP_H
#define ASM_MTRAP_H

#define MS_MTIMECMP 24   // address of this hart's mtimecmp (timer)
#define MS_INTERVAL 32   // timebase cycles per tick
#define MS_MSIP     40   // address of this hart's msip (IPIs)
#define MS_TICK     48   // set by M-mode on each tick, cleared by S-mode
#define MS_MTIME    56   // address of the CLINT's mtime (timer)

#ifndef __ASSEMBLY__
#include <octopos/types.h>

struct mscratch {
  uint64 save[3];        // a1..a3 while mtrapvec runs
  uint64 mtimecmp;
  uint64 interval;
  uint64 msip;
  uint64 tick;
  uint64 mtime;
};

extern struct mscratch mscratch[CONFIG_NR_CPUS];
// Timebase cycles per tick for the CLINT timer, from hart 0's look at the
// devicetree in mtrap_init_hart() (0: no timebase, no tick).
extern uint64 mtrap_tick_interval;

// M-mode, from mstart(): install mtrapvec on this hart; return the CLINT's
// physical base from the devicetree, or 0 if it lists none.
uint64 mtrap_init_hart(uint64 hartid, uint64 dtb);
void clint_timer_init_hart(uint64 hartid, uint64 clint);   // timer_clint.c
void clint_ipi_init_hart(uint64 hartid, uint64 clint);     // ipi_clint.c
// S-mode: did M-mode forward a tick since the last call on this hart?
int clint_timer_take_tick(void);
#endif

#endif
