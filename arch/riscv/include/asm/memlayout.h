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
// A process's kernel stack (where it lives is octopos/kpt.h's backend's).
#define KSTACK_PAGES 1
// Device registers are reached through an alias high in the address space,
// so that the kernel can use them from any page table: low addresses belong
// to user programs. dev->base (drivers/base/probe.c) is already aliased.
#define IO_ALIAS_BASE 0x2000000000UL
#define IO_ALIAS(pa) (IO_ALIAS_BASE + (pa))
// User memory ends at USER_TOP (octopos/kpt.h): it depends on whether the
// kernel shares the user page table.

#endif
