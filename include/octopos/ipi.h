// include/octopos/ipi.h: waking idle harts with inter-hart interrupts
// (CONFIG_IPI: kernel/ipi.c, and one backend in arch/riscv/kernel/).
//
// A hart with nothing to run waits in wfi. When another hart makes a process
// runnable (fork always; wakeup for the processes beyond the one its own hart
// will run, kernel/proc.c) it calls ipi_kick_idle(), which picks one hart
// that is idle (a mask of idle harts, so busy harts are never interrupted)
// and sends it a supervisor software interrupt, so that it looks at the
// process table now instead of at its next tick. Backends: the SBI IPI extension under
// OpenSBI (ipi_sbi.c), the CLINT's MSIP forwarded by M-mode in the bare
// M-mode boot (ipi_clint.c). Without CONFIG_IPI (always so without SMP) the
// calls below are empty and an idle hart wakes on its tick.
#ifndef OCTOPOS_IPI_H
#define OCTOPOS_IPI_H
#include <octopos/types.h>
#include <asm/riscv.h>

#if IS_ENABLED(CONFIG_IPI)
// Scheduler: read the runnable count before scanning the process table;
// with nothing found, ipi_idle_wait(seen) waits in wfi unless a process was
// made runnable since (interrupts off on entry and exit).
uint ipi_seen(void);
void ipi_idle_wait(uint seen);
int  ipi_kick_idle(void);     // a process was made runnable: 1 if a hart was kicked
int  ipi_handle(void);        // in the software-interrupt trap: 1 if it was an IPI
void ipi_boot_check(void);    // hart 0, once the others are online: report

// What a backend provides.
int  arch_ipi_send(int cpu);  // raise cpu's supervisor software interrupt; 0 or -ENODEV
extern const char arch_ipi_name[];
#else
static inline uint ipi_seen(void) { return 0; }
static inline void ipi_idle_wait(uint seen) { (void)seen; intr_on(); wfi(); }
static inline int  ipi_kick_idle(void) { return 0; }
static inline int  ipi_handle(void) { return 0; }
static inline void ipi_boot_check(void) { }
#endif

#endif
