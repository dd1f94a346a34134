// arch/riscv/include/asm/stack.h: per-hart boot stacks (entry code and the scheduler use them).
#ifndef ASM_STACK_H
#define ASM_STACK_H
#define BOOT_STACK_SIZE 8192
#endif
