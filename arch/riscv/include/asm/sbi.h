// arch/riscv/include/asm/sbi.h: calls into the SBI firmware (arch/riscv/kernel/sbi.c).
// In the bare M-mode build there is no firmware; the stubs are never reached
// because arch_timer_sstc() is true there.
#ifndef ASM_SBI_H
#define ASM_SBI_H
#include <octopos/types.h>

#if IS_ENABLED(CONFIG_BOOT_SBI)
void sbi_set_timer(uint64 when);
long sbi_hart_start(uint64 hartid, uint64 start, uint64 opaque);
void sbi_system_reset(uint32 type, uint32 reason);
#else
static inline void sbi_set_timer(uint64 when) { (void)when; }
#endif

#endif
