// arch/riscv/include/asm/memlayout.h: the address-space layout (xv6's).
//
// Kernel: RAM is direct-mapped at its physical address (KERNBASE up to the
// end of RAM found in the devicetree); device registers likewise.
// User:   text at 0, data, guard page, stack page, heap (sbrk) ... then the
//         trapframe page and the trampoline page at the very top.
#ifndef ASM_MEMLAYOUT_H
#define ASM_MEMLAYOUT_H

#define KERNBASE   0x80000000UL
#define MAXVA      (1UL << (9 + 9 + 9 + 12 - 1))
#define TRAMPOLINE (MAXVA - 4096)
#define TRAPFRAME  (TRAMPOLINE - 4096)
// Kernel stacks live below the trampoline in the kernel's page table, each
// followed by an unmapped guard page.
#define KSTACK_PAGES 1
// Device registers are reached through an alias high in the address space,
// so that the kernel can use them from any page table: low addresses belong
// to user programs. dev->base (drivers/base/probe.c) is already aliased.
#define IO_ALIAS_BASE 0x2000000000UL
#define IO_ALIAS(pa) (IO_ALIAS_BASE + (pa))
// User memory ends here: below the kernel when the kernel shares the user
// page table, below the trapframe when it does not.
#if IS_ENABLED(CONFIG_KERNEL_PT_SHARED)
#define USER_TOP KERNBASE
#else
#define USER_TOP TRAPFRAME
#endif
#define KSTACK(p)  (TRAMPOLINE - ((p) + 1) * (KSTACK_PAGES + 1) * 4096)

#endif
