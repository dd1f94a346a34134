// arch/riscv/include/asm/sbi.h: calls into the SBI firmware (arch/riscv/kernel/sbi.c).
// In the bare M-mode build there is no firmware; the stubs are never reached
// because arch_timer_sstc() is true there.
#ifndef ASM_SBI_H
#define ASM_SBI_H
#include <octopos/types.h>

#if IS_ENABLED(CONFIG_BOOT_SBI)
// SBI v0.2+ calling convention: a7 = extension id, a6 = function id,
// a0..a5 arguments; the firmware returns an error in a0 and a value in a1.
struct sbiret { long error; long value; };

static inline struct sbiret
sbi_call(uint64 ext, uint64 fid, uint64 a0, uint64 a1, uint64 a2)
{
  register uint64 r0 asm("a0") = a0;
  register uint64 r1 asm("a1") = a1;
  register uint64 r2 asm("a2") = a2;
  register uint64 r6 asm("a6") = fid;
  register uint64 r7 asm("a7") = ext;
  asm volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r6), "r"(r7) : "memory");
  return (struct sbiret){ (long)r0, (long)r1 };
}

void sbi_set_timer(uint64 when);
long sbi_hart_start(uint64 hartid, uint64 start, uint64 opaque);
long sbi_system_reset(uint32 type, uint32 reason);   // returns only on failure
#else
static inline void sbi_set_timer(uint64 when) { (void)when; }
#endif

#endif
