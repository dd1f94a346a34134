// arch/riscv/kernel/sbi.c: the kernel under OpenSBI: SBI calls, hart start, power.
//
// The calling convention, sbi_call(), is in <asm/sbi.h>.
#include <octopos/types.h>
#include <octopos/fdt.h>
#include <octopos/printk.h>
#include <octopos/proc.h>
#include <asm/sbi.h>
#include <asm/arch.h>

#define SBI_EXT_TIME 0x54494D45
#define SBI_EXT_HSM  0x48534D
#define SBI_EXT_SRST 0x53525354

void
sbi_set_timer(uint64 when)
{
  sbi_call(SBI_EXT_TIME, 0, when, 0, 0);
}

long
sbi_hart_start(uint64 hartid, uint64 start, uint64 opaque)
{
  return sbi_call(SBI_EXT_HSM, 0, hartid, start, opaque).error;
}

void
sbi_system_reset(uint32 type, uint32 reason)
{
  sbi_call(SBI_EXT_SRST, 0, type, reason, 0);
}

int
arch_timer_sstc(void)
{
  // OpenSBI turns on menvcfg.STCE when the hart has Sstc; the devicetree
  // says whether it does.
  static int known = -1;
  if (known < 0) {
    int i = fdt_hart_index(cpus[0].hartid);
    known = i >= 0 && fdt.harts[i].has_sstc;
  }
  return known;
}

void
arch_secondary_wait(void)
{
}

// Start every other hart the devicetree lists, up to CONFIG_NR_CPUS in all.
void
arch_start_secondaries(void)
{
  extern char _entry_secondary[];
  int next = 1;
  for (int i = 0; i < fdt.nharts && next < CONFIG_NR_CPUS; i++) {
    if (fdt.harts[i].hartid == cpus[0].hartid)
      continue;
    long err = sbi_hart_start(fdt.harts[i].hartid, (uint64)_entry_secondary, next);
    if (err != 0)
      printf("sbi: hart %d did not start (error %ld)\n", fdt.harts[i].hartid, err);
    else
      next++;
  }
}

void
arch_poweroff_fallback(int code)
{
  sbi_system_reset(0, code ? 1 : 0);   // shutdown; reason "system failure" when code != 0
  for (;;)
    asm volatile("wfi");
}

void
arch_reboot_fallback(void)
{
  sbi_system_reset(1, 0);              // cold reboot
  for (;;)
    asm volatile("wfi");
}
