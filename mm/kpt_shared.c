// mm/kpt_shared.c: the kernel mapped in every address space (CONFIG_KERNEL_PT_SHARED).
//
// Each process's page table shares the kernel page table's top-level
// entries for RAM (from KERNBASE) and the device alias: supervisor-only
// and global, so user code cannot touch them and a satp switch keeps
// their TLB entries. A trap then needs no satp write: the trampoline runs
// where it was linked, among the kernel text, and no trampoline page is
// mapped at the top of user space. Only a context switch changes satp
// (kpt_enter/kpt_leave). User memory must stay below KERNBASE.
//
// Kernel stacks are direct-mapped pages that come and go with their
// process, so an idle slot costs no memory; they have no guard page
// (CONFIG_DEBUG_KSTACK's canary catches overflows instead).
#include <octopos/types.h>
#include <octopos/kpt.h>
#include <octopos/vm.h>
#include <octopos/proc.h>
#include <octopos/page_alloc.h>
#include <asm/riscv.h>
#include <asm/memlayout.h>

const uint64 kpt_user_top = KERNBASE;

// Top-level entries that belong to the kernel in every address space. The
// top entry holds each process's own trapframe.
#define KERNEL_SLOT_FIRST ((int)PX(2, KERNBASE))
#define KERNEL_SLOT_END   ((int)PX(2, TRAMPOLINE))

void
kpt_map_kernel(pagetable_t kpt)
{
  (void)kpt;      // the direct map is all there is
}

int
kpt_user_init(pagetable_t pt)
{
  for (int i = KERNEL_SLOT_FIRST; i < KERNEL_SLOT_END; i++)
    pt[i] = kernel_pagetable[i];
  return 0;
}

void
kpt_user_fini(pagetable_t pt)
{
  for (int i = KERNEL_SLOT_FIRST; i < KERNEL_SLOT_END; i++)
    pt[i] = 0;    // the kernel's tables, not the process's to free
}

uint64
kpt_kstack_alloc(struct proc *p)
{
  (void)p;
  void *pa = page_alloc(0);   // direct-mapped: reachable from every page table
  if (pa)
    page_set_use(pa, PAGE_USE_KSTACK);
  return (uint64)pa;
}

void
kpt_kstack_free(struct proc *p)
{
  if (p->kstack) {
    page_set_use((void *)p->kstack, PAGE_USE_NONE);
    page_free((void *)p->kstack, 0);
  }
}

void
kpt_enter(pagetable_t pt)
{
  vm_switch(pt);
}

void
kpt_leave(void)
{
  vm_switch(kernel_pagetable);
}

uint64
kpt_trap_va(const char *sym)
{
  return (uint64)sym;
}

void
kpt_kernel_fault(uint64 scause, uint64 stval)
{
  (void)scause;   // no guard pages to recognise
  (void)stval;
}
