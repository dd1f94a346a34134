// include/octopos/vm.h: Sv39 page tables and user memory access (mm/vm.c).
#ifndef OCTOPOS_VM_H
#define OCTOPOS_VM_H
#include <octopos/types.h>

// Copy between kernel and the user address space of pagetable. Every
// address is checked: a range outside the user's mapped, user-accessible
// pages fails with -EFAULT and copies nothing beyond the fault.
int copyout(pagetable_t pagetable, uint64 dstva, const void *src, uint64 len);
int copyin(pagetable_t pagetable, void *dst, uint64 srcva, uint64 len);
// Copy a NUL-terminated string of at most max bytes (NUL included).
// Returns 0, -EFAULT, or -ENAMETOOLONG if no NUL in max bytes.
int copyinstr(pagetable_t pagetable, char *dst, uint64 srcva, uint64 max);

struct proc;

// mm/vm.c: page tables.
void   kvminit(void);              // build the kernel page table (hart 0)
void   kvminithart(void);          // switch this hart to it
void   kvmmap(pagetable_t kpt, uint64 va, uint64 pa, uint64 sz, int perm);
uint64 ioremap(uint64 pa, uint64 size);   // device registers for a driver; 0 if refused
pte_t *walk(pagetable_t pagetable, uint64 va, int alloc);
uint64 walkaddr(pagetable_t pagetable, uint64 va);  // user va -> pa, 0 if not user-mapped
int    mappages(pagetable_t pagetable, uint64 va, uint64 size, uint64 pa, int perm);
void   uvmunmap(pagetable_t pagetable, uint64 va, uint64 npages, int do_free);
pagetable_t uvmcreate(void);
uint64 uvmalloc(pagetable_t pagetable, uint64 oldsz, uint64 newsz, int xperm);  // new size or 0
uint64 uvmdealloc(pagetable_t pagetable, uint64 oldsz, uint64 newsz);
void   uvmfree(pagetable_t pagetable, uint64 sz);
int    uvmcopy(pagetable_t old, pagetable_t new, uint64 sz);   // 0 or -ENOMEM
void   uvmclear(pagetable_t pagetable, uint64 va);             // make a page kernel-only (guard)
// A user page fault the kernel can resolve (copy-on-write, lazy heap):
// 0 when fixed, negative when the process must die.
int    vm_handle_fault(struct proc *p, uint64 scause, uint64 va);

void   vm_switch(pagetable_t pt);   // satp = pt (if not already), TLB flushed

extern pagetable_t kernel_pagetable;

#endif
