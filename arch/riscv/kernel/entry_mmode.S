// arch/riscv/kernel/entry_mmode.S: first instructions, bare M-mode (-bios none).
//
// QEMU starts every hart here in M-mode with a0 = hart id, a1 = devicetree.
// Harts the kernel was not configured for park in wfi without touching
// memory; the rest get a boot stack and continue in mstart().
#include <asm/stack.h>

  .section .text.entry
  .globl _entry
_entry:
  // gp first: the linker may turn any later la into a gp-relative add.
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  li t0, CONFIG_NR_CPUS
  bgeu a0, t0, park
  la sp, boot_stacks
  li t0, BOOT_STACK_SIZE
  addi t1, a0, 1
  mul t0, t0, t1
  add sp, sp, t0
  mv tp, a0
  call mstart
park:
  wfi
  j park

  .section .stacks, "aw", @nobits
  .balign 16
  .globl boot_stacks
boot_stacks:
  .space BOOT_STACK_SIZE * CONFIG_NR_CPUS
