// arch/riscv/kernel/sbi.c: the kernel under OpenSBI: SBI calls, hart start, power.
//
// The calling convention, sbi_call(), is in <asm/sbi.h>.
#include <octopos/types.h>
#include <octopos/fdt.h>
#include <octopos/printk.h>
#include <octopos/proc.h>
#include <octopos/cmdline.h>
#include <asm/sbi.h>
#include <asm/arch.h>
#include <asm/stack.h>

#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494D45
#define SBI_EXT_HSM  0x48534D
#define SBI_EXT_SRST 0x53525354
#define SBI_EXT_IPI  0x735049

// Hart ids by cpu index, as arch_start_secondaries() handed them out.
static uint64 started_hart[CONFIG_NR_CPUS];
static int started_hsm;

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

long
sbi_system_reset(uint32 type, uint32 reason)
{
  return sbi_call(SBI_EXT_SRST, 0, type, reason, 0).error;
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

// Does the firmware implement extension ext? (SBI base, probe_extension.)
static int
sbi_has(uint64 ext)
{
  struct sbiret r = sbi_call(SBI_EXT_BASE, 3, ext, 0, 0);
  return r.error == 0 && r.value != 0;
}

// Without HSM the hart is already in the kernel, spinning in entry_sbi.S
// on its boot_release word: give it its cpu index. 0, or -1 if it cannot
// be reached (a hart id beyond the table).
static long
release_hart(uint64 hartid, int cpu)
{
  extern uint32 boot_release[BOOT_RELEASE_SLOTS];
  if (hartid >= BOOT_RELEASE_SLOTS)
    return -1;
  __atomic_store_n(&boot_release[hartid], cpu + 1, __ATOMIC_RELEASE);
  return 0;
}

// Start every other hart the kernel may run on (fdt.harts), up to
// CONFIG_NR_CPUS in all: through HSM when the firmware has it, else by
// releasing the harts that lost the boot lottery. Cpu indices follow
// fdt.harts, whatever the hart ids are.
void
arch_start_secondaries(void)
{
  extern char _entry_secondary[], _entry[];
  int hsm = sbi_has(SBI_EXT_HSM);
  int next = 1;
  for (int i = 0; i < fdt.nharts && next < CONFIG_NR_CPUS; i++) {
    uint64 id = fdt.harts[i].hartid;
    if (id == cpus[0].hartid)
      continue;
    if (next == cmdline_smp_hold()) {   // left for arch_secondary_retry()
      started_hart[next++] = id;
      continue;
    }
    // With HSM the release slot is filled first as well: a hart the
    // firmware sends to _entry instead (entry_sbi.S) still finds its cpu.
    long err = release_hart(id, next);
    if (hsm && next == cmdline_smp_stray())   // what racy firmware may do
      err = sbi_hart_start(id, (uint64)_entry, (uint64)&fdt);   // an address, as the devicetree's is
    else if (hsm)
      err = sbi_hart_start(id, (uint64)_entry_secondary, next);
    if (err != 0)
      printf("sbi: hart %ld did not start (%s error %ld)\n", id, hsm ? "HSM" : "release", err);
    else
      started_hart[next++] = id;
  }
  started_hsm = hsm;
}

// HSM hart_get_status says where the firmware thinks the hart is. A hart
// it calls stopped is started again; one it calls start-pending has not
// yet left the firmware's wait loop (a wake-up that went astray): an IPI
// wakes it, and the loop then sees the pending start. A started hart is in
// the kernel, where the caller's step says how far it got.
const char *
arch_secondary_retry(int cpu)
{
  extern char _entry_secondary[];
  uint64 id = started_hart[cpu];
  if (!started_hsm) {
    release_hart(id, cpu);
    return "released without HSM; released again";
  }
  struct sbiret st = sbi_call(SBI_EXT_HSM, 2, id, 0, 0);
  if (st.error != 0)
    return "the firmware cannot say (HSM status failed)";
  switch (st.value) {
  case 0:
    release_hart(id, cpu);   // in case it went to _entry (entry_sbi.S)
    return "the firmware says started; its cpu index is in its release slot";
  case 1:
    release_hart(id, cpu);
    sbi_hart_start(id, (uint64)_entry_secondary, cpu);
    return "the firmware says stopped; started again";
  case 2:
    sbi_call(SBI_EXT_IPI, 0, 1, id, 0);
    return "the firmware says start pending; woken again";
  default:
    return "the firmware says suspended or stopping";
  }
}

// SRST returns only when the firmware cannot do it (no SRST, or, as on
// sifive_u, no device for that kind of reset): say so rather than hang
// silently, then stop this hart.
static void __attribute__((noreturn))
system_reset(uint32 type, uint32 reason, const char *what)
{
  long err = sbi_system_reset(type, reason);
  printf("sbi: the platform cannot %s (SRST error %ld); halted\n", what, err);
  for (;;)
    asm volatile("wfi");
}

void
arch_poweroff_fallback(int code)
{
  system_reset(0, code ? 1 : 0, "power off");   // reason "system failure" when code != 0
}

void
arch_reboot_fallback(void)
{
  system_reset(1, 0, "reboot");                 // cold reboot
}
