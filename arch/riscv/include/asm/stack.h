// arch/riscv/include/asm/stack.h: per-hart boot stacks (entry code and the scheduler use them).
#ifndef ASM_STACK_H
#define ASM_STACK_H
#define BOOT_STACK_SIZE 8192
// Firmware without SBI HSM enters every hart at once; those that lose the
// boot lottery wait on boot_release[hart id] (entry_sbi.S), so hart ids
// below this can be released; higher ones stay parked.
#define BOOT_RELEASE_SLOTS 64
#endif
