// arch/riscv/kernel/ipi_clint.c: IPIs through the CLINT in the bare M-mode
// boot (CONFIG_IPI_CLINT).
//
// S-mode writes 1 to the target hart's msip register; the hart takes a
// machine software interrupt, which M-mode (mtrapvec.S) acknowledges by
// writing 0 back and forwards as S-mode's software interrupt. The M-mode
// half records where the hart's msip is; the S-mode half is a driver for
// the CLINT node, so that the kernel maps its registers.
#include <octopos/types.h>
#include <octopos/driver.h>
#include <octopos/errno.h>
#include <octopos/ipi.h>
#include <octopos/proc.h>
#include <asm/riscv.h>
#include <asm/mtrap.h>

#define CLINT_MSIP(base, hart) ((base) + 4 * (hart))

const char arch_ipi_name[] = "clint";
static volatile uint32 *msip;   // S-mode's view of the msip array

void
clint_ipi_init_hart(uint64 hartid, uint64 clint)
{
  if (clint == 0)
    return;
  mscratch[hartid].msip = CLINT_MSIP(clint, hartid);
  csr_set(mie, MIE_MSIE);
}

int
arch_ipi_send(int cpu)
{
  if (msip == NULL)
    return -ENODEV;
  msip[cpus[cpu].hartid] = 1;
  return 0;
}

static int
clint_ipi_probe(struct device *dev)
{
  if (dev_ioremap(dev) < 0)
    return -ENOMEM;
  if (msip != NULL)
    return -ENODEV;
  msip = (volatile uint32 *)dev->base;
  return 0;
}

static const char *const clint_compat[] = { "riscv,clint0", "sifive,clint0", NULL };
DRIVER(clint_ipi_driver, .name = "clint", .compatible = clint_compat,
       .probe = clint_ipi_probe, .order = 0);
