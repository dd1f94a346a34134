// arch/riscv/kernel/timer_clint.c: the tick from the CLINT, in M-mode
// (CONFIG_TIMER_CLINT), for harts without Sstc.
//
// Every hart points its mtimecmp one interval ahead and enables the machine
// timer interrupt; mtrapvec.S then sets mtimecmp one interval past mtime on
// each tick and passes the tick to S-mode as a software interrupt, marking
// it in mscratch so that S-mode can tell a tick from an IPI.
#include <octopos/types.h>
#include <octopos/proc.h>
#include <asm/riscv.h>
#include <asm/arch.h>
#include <asm/mtrap.h>

#define CLINT_MTIMECMP(base, hart) ((base) + 0x4000 + 8 * (hart))
#define CLINT_MTIME(base)          ((base) + 0xbff8)

void
clint_timer_init_hart(uint64 hartid, uint64 clint)
{
  if (clint == 0 || mtrap_tick_interval == 0)
    return;                 // no CLINT or no devicetree: no tick (the boot log says so)
  struct mscratch *s = &mscratch[hartid];
  s->mtimecmp = CLINT_MTIMECMP(clint, hartid);
  s->interval = mtrap_tick_interval;
  s->mtime = CLINT_MTIME(clint);
  *(volatile uint64 *)s->mtimecmp = *(volatile uint64 *)CLINT_MTIME(clint) + s->interval;
  csr_set(mie, MIE_MTIE);
}

int
clint_timer_take_tick(void)
{
  // In the M-mode boot the cpu index is the hart id.
  return __atomic_exchange_n(&mscratch[cpuid()].tick, 0, __ATOMIC_RELAXED) != 0;
}
