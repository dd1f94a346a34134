// arch/riscv/kernel/trampoline.S: the page that switches between user and kernel.
//
// With CONFIG_KERNEL_PT_SEPARATE it is a page of its own, mapped at
// TRAMPOLINE (the top page) in every address space, user and kernel,
// without PTE_U, so the code keeps running while satp changes. With
// CONFIG_KERNEL_PT_SHARED every address space maps the kernel anyway: the
// code runs where it was linked, among the rest of the text, and needs
// neither the page nor its alignment padding.
// uservec saves the user registers in the trapframe page (TRAPFRAME, just
// below) and jumps to usertrap() on the kernel page table; userret does the
// reverse. With CONFIG_KERNEL_PT_SHARED the kernel is already mapped, so
// neither switches satp: no TLB flush per trap. Offsets follow struct trapframe (asm/trapframe.h).
//
// The kernel address-space choice is otherwise behind octopos/kpt.h (one C
// file per backend, mm/kpt_*.c); this file keeps the three #if blocks below
// because they cannot be calls: uservec has no stack and no free register
// until the user's are saved, userret has none left once they are being
// restored, and the satp write must sit in the same page as the code that
// runs on after it. The page alignment is a layout property of the section
// (kernel.ld.S has the matching one).

#define TRAPFRAME_VA 0x3FFFFFE000   // MAXVA - 2 pages, see asm/memlayout.h

  .section .trampoline, "ax", @progbits
#if IS_ENABLED(CONFIG_KERNEL_PT_SEPARATE)
  .balign 4096            // a page of its own, mapped at TRAMPOLINE
#endif
  .globl trampoline
trampoline:
  .balign 4
  .globl uservec
uservec:
  csrw sscratch, a0
  li a0, TRAPFRAME_VA
  sd ra, 40(a0)
  sd sp, 48(a0)
  sd gp, 56(a0)
  sd tp, 64(a0)
  sd t0, 72(a0)
  sd t1, 80(a0)
  sd t2, 88(a0)
  sd s0, 96(a0)
  sd s1, 104(a0)
  sd a1, 120(a0)
  sd a2, 128(a0)
  sd a3, 136(a0)
  sd a4, 144(a0)
  sd a5, 152(a0)
  sd a6, 160(a0)
  sd a7, 168(a0)
  sd s2, 176(a0)
  sd s3, 184(a0)
  sd s4, 192(a0)
  sd s5, 200(a0)
  sd s6, 208(a0)
  sd s7, 216(a0)
  sd s8, 224(a0)
  sd s9, 232(a0)
  sd s10, 240(a0)
  sd s11, 248(a0)
  sd t3, 256(a0)
  sd t4, 264(a0)
  sd t5, 272(a0)
  sd t6, 280(a0)
  csrr t0, sscratch
  sd t0, 112(a0)
  ld sp, 8(a0)          // kernel stack
  ld tp, 32(a0)         // hart index
  ld gp, 288(a0)        // kernel global pointer
  ld t0, 16(a0)         // usertrap()
#if IS_ENABLED(CONFIG_KERNEL_PT_SEPARATE)
  ld t1, 0(a0)          // kernel page table
  sfence.vma zero, zero
  csrw satp, t1
  sfence.vma zero, zero
#endif
  jr t0

  // userret(satp): a0 = the user page table to switch to.
  .globl userret
userret:
#if IS_ENABLED(CONFIG_KERNEL_PT_SEPARATE)
  sfence.vma zero, zero
  csrw satp, a0
  sfence.vma zero, zero
#endif
  li a0, TRAPFRAME_VA
  ld ra, 40(a0)
  ld sp, 48(a0)
  ld gp, 56(a0)
  ld tp, 64(a0)
  ld t0, 72(a0)
  ld t1, 80(a0)
  ld t2, 88(a0)
  ld s0, 96(a0)
  ld s1, 104(a0)
  ld a1, 120(a0)
  ld a2, 128(a0)
  ld a3, 136(a0)
  ld a4, 144(a0)
  ld a5, 152(a0)
  ld a6, 160(a0)
  ld a7, 168(a0)
  ld s2, 176(a0)
  ld s3, 184(a0)
  ld s4, 192(a0)
  ld s5, 200(a0)
  ld s6, 208(a0)
  ld s7, 216(a0)
  ld s8, 224(a0)
  ld s9, 232(a0)
  ld s10, 240(a0)
  ld s11, 248(a0)
  ld t3, 256(a0)
  ld t4, 264(a0)
  ld t5, 272(a0)
  ld t6, 280(a0)
  ld a0, 112(a0)
  sret
