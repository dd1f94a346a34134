// arch/riscv/kernel/mmio_probe.S: read a device register that may not exist.
//
// int mmio_probe_read32(uint64 addr, uint32 *val)
//
// A devicetree may list a device where nothing answers; on QEMU's virt board
// (and real buses) the load then faults with a load access fault instead of
// returning a value. Drivers read their first register through this at
// probe time, so a missing device costs one log line, not a hang or a
// panic. Only at probe time (boot, before any trap is in progress): a fault
// overwrites sepc, scause and stval.
// For the one load, stvec points at a landing pad right here: any trap
// taken by that load returns -EIO (-5) instead of the value. Interrupts are
// off meanwhile, so the pad sees only the load's own fault. Under OpenSBI
// the access fault reaches S-mode by redirection, through the same stvec.
  .globl mmio_probe_read32
  .balign 4
mmio_probe_read32:
  csrrci t2, sstatus, 2        // SIE off ...
  andi t2, t2, 2               // ... t2 remembers whether it was on
  la t1, 1f
  csrrw t0, stvec, t1          // t0: the kernel's own stvec
  lw t3, 0(a0)
  csrw stvec, t0
  csrs sstatus, t2             // SIE back as it was
  sw t3, 0(a1)
  li a0, 0
  ret
  .balign 4
1:
  // The trap saved SIE (0 here) to SPIE and overwrote sepc, scause and
  // stval, which matters to nobody at probe time: undo only stvec and SIE.
  csrw stvec, t0
  csrs sstatus, t2
  li a0, -5
  ret
