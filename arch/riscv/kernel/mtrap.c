// arch/riscv/kernel/mtrap.c: set up the M-mode interrupt forwarder on each
// hart (CONFIG_MTRAP, bare M-mode boot with the CLINT timer or CLINT IPIs).
//
// Hart 0 finds the CLINT in the devicetree (fdt_parse works before paging;
// kmain() parses again after clearing .bss) and the others wait for its
// answer. Everything here lives in .data: kmain() clears .bss after this
// ran, and a reset reloads .data.
#include <octopos/types.h>
#include <octopos/fdt.h>
#include <asm/riscv.h>
#include <asm/mtrap.h>

struct mscratch mscratch[CONFIG_NR_CPUS] __attribute__((section(".data")));
// mtrapvec.S reaches the fields by these offsets.
_Static_assert(__builtin_offsetof(struct mscratch, mtimecmp) == MS_MTIMECMP, "MS_MTIMECMP");
_Static_assert(__builtin_offsetof(struct mscratch, interval) == MS_INTERVAL, "MS_INTERVAL");
_Static_assert(__builtin_offsetof(struct mscratch, msip) == MS_MSIP, "MS_MSIP");
_Static_assert(__builtin_offsetof(struct mscratch, tick) == MS_TICK, "MS_TICK");
_Static_assert(__builtin_offsetof(struct mscratch, mtime) == MS_MTIME, "MS_MTIME");
static volatile uint64 clint_base __attribute__((section(".data")));   // 0: not yet; 1: none
uint64 mtrap_tick_interval __attribute__((section(".data")));
extern char mtrapvec[];

uint64
mtrap_init_hart(uint64 hartid, uint64 dtb)
{
  if (hartid == 0) {
    const struct dt_node *n = NULL;
    if (fdt_parse((const void *)dtb) == 0) {
      n = fdt_find_compatible("riscv,clint0");
      if (n == NULL)
        n = fdt_find_compatible("sifive,clint0");
      mtrap_tick_interval = fdt.timebase / CONFIG_HZ + 1;   // as tick_interval, <octopos/clock.h>
    }
    __sync_synchronize();
    clint_base = (n != NULL && n->reg_base != 0) ? n->reg_base : 1;
  }
  while (clint_base == 0)   // the others wait for hart 0's answer
    ;
  csr_write(mscratch, (uint64)&mscratch[hartid]);
  csr_write(mtvec, (uint64)mtrapvec);
  csr_set(mstatus, MSTATUS_MIE);
  return clint_base == 1 ? 0 : clint_base;
}
