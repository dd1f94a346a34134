// arch/riscv/kernel/ipi_sbi.c: IPIs through the SBI IPI extension under
// OpenSBI (CONFIG_IPI_SBI).
//
// sbi_send_ipi(hart_mask, hart_mask_base) makes the firmware raise the
// target's supervisor software interrupt (sip.SSIP), which the target
// clears itself in its trap handler. One hart per call: the mask is
// relative to the base, so any hart id fits.
#include <octopos/types.h>
#include <octopos/errno.h>
#include <octopos/ipi.h>
#include <octopos/proc.h>
#include <asm/sbi.h>

#define SBI_EXT_IPI 0x735049

const char arch_ipi_name[] = "sbi";

int
arch_ipi_send(int cpu)
{
  return sbi_call(SBI_EXT_IPI, 0, 1, cpus[cpu].hartid, 0).error == 0 ? 0 : -ENODEV;
}
