// arch/riscv/kernel/entry_sbi.S: first instructions under OpenSBI (S-mode).
//
// OpenSBI enters the boot hart at _entry with a0 = hart id, a1 = devicetree;
// it becomes cpu 0. Other harts are started later through SBI HSM at
// _entry_secondary with a0 = hart id, a1 = the cpu index we chose.
//
// Firmware without HSM sends every hart to _entry at once (and racy HSM
// may send a started hart there; see _entry_secondary). The first to
// swap boot_claimed wins the lottery and boots as cpu 0; the others spin
// on their word of boot_release (touching nothing else: .bss is being
// cleared) until cpu 0 writes there the cpu index + 1 it gives them
// (arch_start_secondaries, sbi.c), then enter kmain() as that cpu.
#include <asm/stack.h>

  .section .text.entry
  .globl _entry
_entry:
  // gp first: the linker may turn any later la into a gp-relative add.
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  // Only one hart may become cpu 0: should firmware ever send a second
  // hart here, it parks instead of sharing cpu 0's stack.
  la t0, boot_claimed
  li t1, 1
  amoswap.w t1, t1, (t0)
  bnez t1, lost
  mv a2, a1          // kmain(cpu = 0, hartid, dtb)
  mv a1, a0
  li a0, 0
  j 1f

  .globl _entry_secondary
_entry_secondary:
  // gp first: the linker may turn any later la into a gp-relative add.
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  // The opaque value must be a cpu index. OpenSBI 1.1 (QEMU 7.2's) marks a
  // hart start-pending before it stores the start address and opaque, so
  // the hart can leave with the previous values: the boot entry (_entry)
  // and the devicetree's address. Either way it ends in `lost`, where
  // arch_start_secondaries() has already left its cpu index.
  li t0, CONFIG_NR_CPUS
  bgeu a1, t0, lost
  mv t0, a1          // kmain(cpu = opaque, hartid, dtb = 0)
  mv a1, a0
  mv a0, t0
  li a2, 0
1:
  la sp, boot_stacks
  li t0, BOOT_STACK_SIZE
  addi t1, a0, 1
  mul t0, t0, t1
  add sp, sp, t0
  mv tp, a0
  call kmain
2:
  wfi
  j 2b

lost:
  li t0, BOOT_RELEASE_SLOTS
  bgeu a0, t0, 2b    // no slot to be released through: park
  la t0, boot_release
  slli t1, a0, 2
  add t0, t0, t1
3:
  lw t1, 0(t0)
  beqz t1, 3b
  fence r, rw        // see what cpu 0 wrote before releasing us
  addi t1, t1, -1    // kmain(cpu = released - 1, hartid, dtb = 0)
  mv a1, a0
  mv a0, t1
  li a2, 0
  j 1b

  .section .data
  .balign 4
boot_claimed:        // in .data: a reset reloads it as 0
  .word 0
  .globl boot_release
boot_release:        // per hart id: 0 = wait, else cpu index + 1
  .space 4 * BOOT_RELEASE_SLOTS

  .section .stacks, "aw", @nobits
  .balign 16
  .globl boot_stacks
boot_stacks:
  .space BOOT_STACK_SIZE * CONFIG_NR_CPUS
