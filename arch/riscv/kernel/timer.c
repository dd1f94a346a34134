// arch/riscv/kernel/timer.c: the periodic tick, in S-mode.
//
// With Sstc the kernel writes stimecmp directly: no trip to M-mode per tick.
// Under OpenSBI without Sstc the tick goes through the SBI TIME extension.
#include <octopos/types.h>
#include <octopos/proc.h>
#include <octopos/clock.h>
#include <asm/riscv.h>
#include <asm/arch.h>
#include <asm/sbi.h>

#define CSR_STIMECMP "0x14d"

void
arch_timer_next(void)
{
  if (IS_ENABLED(CONFIG_TIMER_CLINT))
    return;   // M-mode reprograms mtimecmp itself (mtrapvec.S)
  uint64 when = r_time() + tick_interval;
  if (arch_timer_sstc())
    asm volatile("csrw " CSR_STIMECMP ", %0" :: "r"(when));
  else
    sbi_set_timer(when);
}

void
arch_timer_init_hart(void)
{
  csr_set(sie, SIE_STIE);
  arch_timer_next();
}
