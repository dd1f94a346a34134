// arch/riscv/kernel/mstart.c: machine-mode setup for the bare M-mode boot.
//
// With -bios none the kernel owns M-mode. Each hart delegates every trap and
// interrupt it can to S-mode, opens physical memory to S-mode through one
// PMP entry, lets S-mode program its own timer (Sstc: menvcfg.STCE) and read
// the time CSR, then mret's into kmain() in S-mode with paging off. Machine
// interrupts cannot be delegated: the CLINT timer and CLINT IPIs, when
// configured, go through the M-mode forwarder (mtrap.c, CONFIG_MTRAP).
#include <octopos/types.h>
#include <asm/riscv.h>
#include <asm/mtrap.h>

void kmain(uint64 cpu, uint64 hartid, uint64 dtb);

#define CSR_MENVCFG 0x30a

// In .data, not .bss: hart 0 clears .bss in kmain() after setting it, and
// QEMU restores .data (not .bss) from the ELF on a reset.
int mmode_sstc __attribute__((section(".data")));

void
mstart(uint64 hartid, uint64 dtb)
{
  uint64 x = csr_read(mstatus);
  // A reset (reboot) need not clear S-mode's interrupt enable: start with
  // interrupts off, whatever the last run left.
  x &= ~(SSTATUS_SIE | SSTATUS_SPIE);
  x = (x & ~MSTATUS_MPP_MASK) | MSTATUS_MPP_S;
  csr_write(mstatus, x);
  csr_write(mepc, (uint64)kmain);
  csr_write(satp, 0);

  csr_write(medeleg, 0xffff);
  csr_write(mideleg, 0xffff);
  csr_set(sie, SIE_SEIE | SIE_STIE | SIE_SSIE);

  // Let S-mode reach all of physical memory: a TOR entry up to the top.
  csr_write(pmpaddr0, 0x3fffffffffffffUL);
  csr_write(pmpcfg0, 0xf);

  if (IS_ENABLED(CONFIG_MTRAP)) {
    // The CLINT's timer and software interrupts reach S-mode through a
    // small M-mode handler (arch/riscv/kernel/mtrap.c, mtrapvec.S).
    uint64 clint = mtrap_init_hart(hartid, dtb);
    if (IS_ENABLED(CONFIG_TIMER_CLINT))
      clint_timer_init_hart(hartid, clint);
    if (IS_ENABLED(CONFIG_IPI_CLINT))
      clint_ipi_init_hart(hartid, clint);
  }
  if (!IS_ENABLED(CONFIG_TIMER_CLINT)) {
    // Sstc: S-mode writes stimecmp itself, no M-mode timer trampoline needed.
    asm volatile("csrs 0x30a, %0" :: "r"(MENVCFG_STCE));
    uint64 env;
    asm volatile("csrr %0, 0x30a" : "=r"(env));
    if (hartid == 0)
      mmode_sstc = (env & MENVCFG_STCE) != 0;
  }
  csr_write(mcounteren, csr_read(mcounteren) | 2);   // S (and U) may read time
  // Keep the first S-mode timer interrupt far away until the kernel sets it.
  asm volatile("csrw 0x14d, %0" :: "r"(-1UL));

  register uint64 a0 asm("a0") = hartid;   // cpu index == hart id here
  register uint64 a1 asm("a1") = hartid;
  register uint64 a2 asm("a2") = dtb;
  asm volatile("mret" :: "r"(a0), "r"(a1), "r"(a2));
  __builtin_unreachable();
}

int
arch_timer_sstc(void)
{
  return mmode_sstc;
}

// Hart 0 opens the gate once the kernel is initialised; the others wait at
// it in kmain().
volatile int secondaries_go __attribute__((section(".data")));

void
arch_start_secondaries(void)
{
  __sync_synchronize();
  secondaries_go = 1;
}

// In M-mode every hart runs from reset and waits at the gate: there is no
// firmware to ask and nothing more to release.
const char *
arch_secondary_retry(int cpu)
{
  (void)cpu;
  return "released with the others; no firmware to ask";
}

void
arch_poweroff_fallback(int code)
{
  (void)code;
  for (;;)
    asm volatile("wfi");
}

void
arch_reboot_fallback(void)
{
  for (;;)
    asm volatile("wfi");
}

void
arch_secondary_wait(void)
{
  while (!secondaries_go)
    ;
  __sync_synchronize();
}
