// arch/riscv/kernel/mtrapvec.S: the M-mode interrupt forwarder (CONFIG_MTRAP).
//
// mscratch points at this hart's struct mscratch (asm/mtrap.h). Only the
// interrupts mtrap.c's callers enabled in mie arrive here:
//   machine timer (cause 7): set mtimecmp one interval past mtime, which
//     also clears the interrupt, and note the tick for S-mode. From mtime,
//     not from the old mtimecmp: after a late interrupt (a hart QEMU did
//     not run for a while) adding to mtimecmp left it in the past, and the
//     missed ticks then came back to back, so sleep(2) could end 95 ms
//     after it began at 10 ticks a second (usertests clock, randconfig seed
//     0x8004). Ticks are now at least an interval apart, as the S-mode
//     timer (timer.c) already made them;
//   machine software (cause 3): clear this hart's msip in the CLINT.
// Either way raise S-mode's software interrupt (sip.SSIP) and return.
#include <asm/mtrap.h>

  .section .text
  .globl mtrapvec
  .balign 4
mtrapvec:
  csrrw a0, mscratch, a0
  sd a1, 0(a0)
  sd a2, 8(a0)
  sd a3, 16(a0)
  csrr a1, mcause
  slli a1, a1, 1           // drop the interrupt bit
  srli a1, a1, 1
  li a2, 3
  beq a1, a2, msoft
  li a2, 7
  bne a1, a2, out          // nothing else is enabled
  ld a1, MS_MTIME(a0)
  ld a3, 0(a1)
  ld a2, MS_INTERVAL(a0)
  add a3, a3, a2
  ld a1, MS_MTIMECMP(a0)
  sd a3, 0(a1)
  li a1, 1
  sd a1, MS_TICK(a0)
  j forward
msoft:
  ld a1, MS_MSIP(a0)
  sw zero, 0(a1)
forward:
  li a1, 2
  csrs sip, a1
out:
  ld a3, 16(a0)
  ld a2, 8(a0)
  ld a1, 0(a0)
  csrrw a0, mscratch, a0
  mret
