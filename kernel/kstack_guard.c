// kernel/kstack_guard.c: name the process whose kernel stack hit its guard page.
//
// With CONFIG_KERNEL_PT_SEPARATE every process slot's kernel stack is
// mapped at KSTACK(slot) with an unmapped page below it (proc_mapstacks).
// A stack that runs off its page faults there; kernelvec's own pushes then
// fault again until they land on the next slot's stack, and kerneltrap
// sees a store fault whose address is in a guard page. Without this the
// panic would only give scause and addresses; with it, it says which
// process overflowed and what it was doing.
#include <octopos/types.h>
#include <octopos/kstack.h>
#include <octopos/proc.h>
#include <octopos/printk.h>
#include <octopos/page_alloc.h>
#include <asm/riscv.h>
#include <asm/memlayout.h>

void
kstack_guard_fault(uint64 scause, uint64 stval)
{
  if (scause != EXC_LOAD_PAGE_FAULT && scause != EXC_STORE_PAGE_FAULT)
    return;
  uint64 lowest = KSTACK(CONFIG_NR_PROCS - 1) - PGSIZE;
  if (stval < lowest || stval >= TRAMPOLINE)
    return;
  // Span k holds slot k's stack and, above it, the guard of slot k - 1
  // (span 0: the trapframe's address, unmapped in the kernel).
  int k = (int)((TRAMPOLINE - 1 - stval) / ((KSTACK_PAGES + 1) * PGSIZE));
  if (k == 0 || stval < KSTACK(k) + KSTACK_PAGES * PGSIZE)
    return;                      // in a stack, not in a guard page
  int slot = k - 1;
  struct proc *p = myproc();
  panic("kernel stack overflow: slot %d's guard page hit at 0x%lx; pid %d (%s), "
        "last system call %ld, user pc 0x%lx",
        slot, stval, p ? p->pid : -1, p ? p->name : "none",
        p && p->trapframe ? (long)p->trapframe->a7 : -1L,
        p && p->trapframe ? p->trapframe->epc : 0UL);
}
