// mm/kpt_separate.c: the kernel in a page table of its own (CONFIG_KERNEL_PT_SEPARATE, xv6's).
//
// User and kernel mappings never coexist. The trampoline page is mapped at
// TRAMPOLINE (the top page) in both, without PTE_U, so that uservec and
// userret keep running while they switch satp; every trap from user space
// pays for that switch (and, under QEMU, a TLB flush). Since the kernel
// always runs on its own table, entering or leaving a process changes
// nothing here.
//
// Kernel stacks: each process slot's stack is mapped once at boot at
// KSTACK(slot), below the trampoline, with an unmapped guard page below
// it. Unmapping a stack when its process dies would need a TLB shootdown
// on every hart, so they stay for the kernel's lifetime (NR_PROCS pages).
// A stack that runs off its page faults in the guard; kernelvec's own
// pushes then fault again until they land on the next slot's stack, and
// kerneltrap sees a store fault in a guard page: kpt_kernel_fault names the
// process instead of leaving the panic with bare addresses.
#include <octopos/types.h>
#include <octopos/kpt.h>
#include <octopos/vm.h>
#include <octopos/proc.h>
#include <octopos/printk.h>
#include <octopos/errno.h>
#include <octopos/page_alloc.h>
#include <asm/riscv.h>
#include <asm/arch.h>
#include <asm/memlayout.h>

// Slot s's kernel stack; spans of KSTACK_PAGES + 1 pages count down from
// the trampoline, the lowest page of each the guard of the stack above.
#define KSTACK(s)  (TRAMPOLINE - ((s) + 1) * (KSTACK_PAGES + 1) * PGSIZE)

const uint64 kpt_user_top = TRAPFRAME;

void
kpt_map_kernel(pagetable_t kpt)
{
  kvmmap(kpt, TRAMPOLINE, (uint64)trampoline, PGSIZE, PTE_R | PTE_X);
  for (int i = 0; i < CONFIG_NR_PROCS; i++) {
    void *pa = kalloc();
    if (pa == NULL)
      panic("kpt_map_kernel: out of memory for %d kernel stacks", CONFIG_NR_PROCS);
    page_set_use(pa, PAGE_USE_KSTACK);
    kvmmap(kpt, KSTACK(i), (uint64)pa, KSTACK_PAGES * PGSIZE, PTE_R | PTE_W);
  }
}

int
kpt_user_init(pagetable_t pt)
{
  return mappages(pt, TRAMPOLINE, PGSIZE, (uint64)trampoline, PTE_R | PTE_X) < 0 ? -ENOMEM : 0;
}

void
kpt_user_fini(pagetable_t pt)
{
  uvmunmap(pt, TRAMPOLINE, 1, 0);
}

uint64
kpt_kstack_alloc(struct proc *p)
{
  return KSTACK(p->slot);
}

void
kpt_kstack_free(struct proc *p)
{
  (void)p;        // the slot keeps its stack
}

void
kpt_enter(pagetable_t pt)
{
  (void)pt;       // the trampoline switches satp on every trap
}

void
kpt_leave(void)
{
}

uint64
kpt_trap_va(const char *sym)
{
  return TRAMPOLINE + (uint64)(sym - trampoline);
}

void
kpt_kernel_fault(uint64 scause, uint64 stval)
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
