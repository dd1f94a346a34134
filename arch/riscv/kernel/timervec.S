// arch/riscv/kernel/timervec.S: the M-mode timer handler (CONFIG_TIMER_CLINT).
//
// mscratch points at this hart's struct clint_scratch (timer_clint.c):
//   0: three save slots, 24: address of the hart's mtimecmp, 32: interval.
// Advance mtimecmp by one interval (which also clears the interrupt) and
// raise S-mode's software interrupt, which the kernel counts as a tick.
  .section .text
  .globl timervec
  .balign 4
timervec:
  csrrw a0, mscratch, a0
  sd a1, 0(a0)
  sd a2, 8(a0)
  sd a3, 16(a0)
  ld a1, 24(a0)
  ld a2, 32(a0)
  ld a3, 0(a1)
  add a3, a3, a2
  sd a3, 0(a1)
  li a1, 2
  csrs sip, a1
  ld a3, 16(a0)
  ld a2, 8(a0)
  ld a1, 0(a0)
  csrrw a0, mscratch, a0
  mret
