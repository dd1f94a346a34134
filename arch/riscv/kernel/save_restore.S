// arch/riscv/kernel/save_restore.S: the register save and restore routines
// that -msave-restore (CONFIG_CC_OPTIMIZE_FOR_SIZE) makes GCC call.
//
// With -msave-restore a function's prologue is `call t0, __riscv_save_N`
// and its epilogue `tail __riscv_restore_N`, N being how many of s0-s11 it
// uses: one shared copy of the stores and loads instead of one per
// function. The kernel does not link libgcc (whose multilib may not match
// our soft-float ABI), so it carries its own.
//
// The frame layout is GCC's: ra and s0..s(N-1) are saved at the top of a
// frame rounded up to 16 bytes (ra at -8 from the caller's sp, s0 at -16,
// s(k) at -16-8k), so N and N+1 share a frame size and an entry point.
// sp must move before anything is stored below it: an interrupt taken in
// between would push its own frame over the saved registers. So every
// entry first opens the largest frame (112 bytes, all twelve), stores into
// its top through one shared chain, and finally gives back the part it did
// not need (t1: 112 minus its own frame size).

  .section .text.save_restore, "ax", @progbits
  .balign 2

  .globl __riscv_save_12
__riscv_save_12:
  addi sp, sp, -112
  li t1, 0
  sd s11, 8(sp)
  j 1f
  .globl __riscv_save_10, __riscv_save_11
__riscv_save_10:
__riscv_save_11:
  addi sp, sp, -112
  li t1, 16
1:sd s10, 16(sp)
  sd s9, 24(sp)
  j 2f
  .globl __riscv_save_8, __riscv_save_9
__riscv_save_8:
__riscv_save_9:
  addi sp, sp, -112
  li t1, 32
2:sd s8, 32(sp)
  sd s7, 40(sp)
  j 3f
  .globl __riscv_save_6, __riscv_save_7
__riscv_save_6:
__riscv_save_7:
  addi sp, sp, -112
  li t1, 48
3:sd s6, 48(sp)
  sd s5, 56(sp)
  j 4f
  .globl __riscv_save_4, __riscv_save_5
__riscv_save_4:
__riscv_save_5:
  addi sp, sp, -112
  li t1, 64
4:sd s4, 64(sp)
  sd s3, 72(sp)
  j 5f
  .globl __riscv_save_2, __riscv_save_3
__riscv_save_2:
__riscv_save_3:
  addi sp, sp, -112
  li t1, 80
5:sd s2, 80(sp)
  sd s1, 88(sp)
  sd s0, 96(sp)
  sd ra, 104(sp)
  add sp, sp, t1
  jr t0

  // Only ra and s0: a 16-byte frame, no chain.
  .globl __riscv_save_0, __riscv_save_1
__riscv_save_0:
__riscv_save_1:
  addi sp, sp, -16
  sd s0, 0(sp)
  sd ra, 8(sp)
  jr t0

// Entered with sp at the bottom of the frame the matching save made; each
// step pops the two lowest slots, so the entry points fall through.
  .globl __riscv_restore_12
__riscv_restore_12:
  ld s11, 8(sp)
  addi sp, sp, 16
  .globl __riscv_restore_10, __riscv_restore_11
__riscv_restore_10:
__riscv_restore_11:
  ld s10, 0(sp)
  ld s9, 8(sp)
  addi sp, sp, 16
  .globl __riscv_restore_8, __riscv_restore_9
__riscv_restore_8:
__riscv_restore_9:
  ld s8, 0(sp)
  ld s7, 8(sp)
  addi sp, sp, 16
  .globl __riscv_restore_6, __riscv_restore_7
__riscv_restore_6:
__riscv_restore_7:
  ld s6, 0(sp)
  ld s5, 8(sp)
  addi sp, sp, 16
  .globl __riscv_restore_4, __riscv_restore_5
__riscv_restore_4:
__riscv_restore_5:
  ld s4, 0(sp)
  ld s3, 8(sp)
  addi sp, sp, 16
  .globl __riscv_restore_2, __riscv_restore_3
__riscv_restore_2:
__riscv_restore_3:
  ld s2, 0(sp)
  ld s1, 8(sp)
  addi sp, sp, 16
  .globl __riscv_restore_0, __riscv_restore_1
__riscv_restore_0:
__riscv_restore_1:
  ld s0, 0(sp)
  ld ra, 8(sp)
  addi sp, sp, 16
  ret
