// arch/riscv/include/asm/arch.h: what the RISC-V code provides to the rest of the kernel.
#ifndef ASM_ARCH_H
#define ASM_ARCH_H
#include <octopos/types.h>

struct context;

void arch_timer_init_hart(void);   // program the first tick on this hart
void arch_timer_next(void);        // acknowledge a tick, program the next
int  arch_timer_sstc(void);        // 1 when the hart has Sstc (stimecmp)
void arch_start_secondaries(void); // let the other harts into kmain()
// A secondary did not come online: say what the firmware knows of it and
// try once more to start it. Returns a phrase saying both, for the log.
const char *arch_secondary_retry(int cpu);
void arch_poweroff_fallback(int code) __attribute__((noreturn));
void arch_reboot_fallback(void) __attribute__((noreturn));
void trapinithart(void);
void usertrapret(void) __attribute__((noreturn));
void swtch(struct context *old, struct context *new);

extern char trampoline[], uservec[], userret[];   // kpt_trap_va() says where they run
extern char etext[], erodata[], end[];

void arch_secondary_wait(void);    // M-mode: wait for arch_start_secondaries()
#endif
