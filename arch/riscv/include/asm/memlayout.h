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
#define KSTACK(p)  (TRAMPOLINE - ((p) + 1) * (KSTACK_PAGES + 1) * 4096)

#endif
