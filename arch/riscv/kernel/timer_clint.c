// arch/riscv/kernel/timer_clint.c: the tick from the CLINT, in M-mode
// (CONFIG_TIMER_CLINT), for harts without Sstc.
//
// Hart 0 finds the CLINT in the devicetree (fdt_parse works before paging;
// kmain() parses again after clearing .bss); every hart then points its
// mtimecmp one interval ahead, installs timervec and enables the machine
// timer interrupt. Everything here lives in .data: kmain() clears .bss
// after this ran, and a reset reloads .data.
#include <octopos/types.h>
#include <octopos/fdt.h>
#include <asm/riscv.h>
#include <asm/arch.h>

#define CLINT_MTIMECMP(base, hart) ((base) + 0x4000 + 8 * (hart))
#define CLINT_MTIME(base)          ((base) + 0xbff8)
#define MSTATUS_MIE_BIT (1UL << 3)
#define MIE_MTIE_BIT    (1UL << 7)

struct clint_scratch {
  uint64 save[3];
  uint64 mtimecmp;     // address of this hart's mtimecmp
  uint64 interval;
};

static struct clint_scratch scratch[CONFIG_NR_CPUS] __attribute__((section(".data")));
static volatile uint64 clint_base __attribute__((section(".data")));   // 0: not yet; 1: none
extern char timervec[];

void
clint_timer_init_hart(uint64 hartid, uint64 dtb)
{
  if (hartid == 0) {
    const struct dt_node *n = NULL;
    if (fdt_parse((const void *)dtb) == 0) {
      n = fdt_find_compatible("riscv,clint0");
      if (n == NULL)
        n = fdt_find_compatible("sifive,clint0");
    }
    __sync_synchronize();
    clint_base = (n != NULL && n->reg_base != 0) ? n->reg_base : 1;
  }
  while (clint_base == 0)   // the others wait for hart 0's answer
    ;
  if (clint_base == 1)
    return;                 // no CLINT: no tick (the boot log says so)
  struct clint_scratch *s = &scratch[hartid];
  s->mtimecmp = CLINT_MTIMECMP(clint_base, hartid);
  s->interval = TICK_INTERVAL;
  *(volatile uint64 *)s->mtimecmp = *(volatile uint64 *)CLINT_MTIME(clint_base) + TICK_INTERVAL;
  csr_write(mscratch, (uint64)s);
  csr_write(mtvec, (uint64)timervec);
  csr_set(mstatus, MSTATUS_MIE_BIT);
  csr_set(mie, MIE_MTIE_BIT);
}
