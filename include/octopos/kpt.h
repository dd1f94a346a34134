// include/octopos/kpt.h: where the kernel lives while a process runs.
//
// Kconfig's "Kernel address space" choice, behind one interface. Backends:
// mm/kpt_separate.c (CONFIG_KERNEL_PT_SEPARATE, xv6's: the kernel has a
// page table of its own, a trap switches satp through the trampoline page
// mapped at the top of both) and mm/kpt_shared.c (CONFIG_KERNEL_PT_SHARED:
// every process's page table also maps the kernel, supervisor-only, so a
// trap keeps satp and only a context switch changes it). The build picks
// the file; no caller asks which. The trampoline's satp switch and its page
// alignment are the only places left that test the option, in
// arch/riscv/kernel/trampoline.S and kernel.ld.S (see the comments there).
#ifndef OCTOPOS_KPT_H
#define OCTOPOS_KPT_H
#include <octopos/types.h>

struct proc;

// User memory is [0, USER_TOP): below the trapframe with a separate kernel
// page table, below the kernel (KERNBASE) when the kernel shares it.
extern const uint64 kpt_user_top;
#define USER_TOP kpt_user_top

// The backend's part of the kernel page table (kvminit): separate maps the
// trampoline page and every slot's kernel stack; shared adds nothing.
void   kpt_map_kernel(pagetable_t kpt);

// The kernel's part of a new user page table (uvmcreate): shared copies the
// kernel's top-level entries, separate maps the trampoline page. 0 or
// -ENOMEM. kpt_user_fini takes it out again before the table is freed, so
// that nothing of the kernel's is unmapped or freed with it.
int    kpt_user_init(pagetable_t pt);
void   kpt_user_fini(pagetable_t pt);

// p's kernel stack (its lowest address; KSTACK_PAGES pages), or 0 when out
// of memory (allocproc); kpt_kstack_free gives it back (freeproc, after p
// stopped running on it). Separate: the slot's stack mapped at boot, with
// a guard page below. Shared: a direct-mapped page per process.
uint64 kpt_kstack_alloc(struct proc *p);
void   kpt_kstack_free(struct proc *p);

// This hart now runs in the address space of page table pt (the scheduler
// before swtch, exec before freeing the old table, the return to user
// space), or again in the kernel's (the scheduler after swtch). Shared
// switches satp here; separate leaves it to the trampoline on every trap.
void   kpt_enter(pagetable_t pt);
void   kpt_leave(void);

// Where trampoline code (uservec, userret) is reached from a user page
// table: the TRAMPOLINE page (separate) or where it was linked (shared).
uint64 kpt_trap_va(const char *sym);

// A kernel trap nothing else claimed (kerneltrap, before it panics): if it
// is a fault in a kernel stack's guard page (separate), panic naming the
// process whose stack overflowed; otherwise return.
void   kpt_kernel_fault(uint64 scause, uint64 stval);

#endif
