// kernel/main.c: kmain(), where every hart arrives in S-mode.
//
// Hart 0 (cpu 0) brings the system up in dependency order; the other harts
// wait until it is done, then set up their own paging, traps and interrupt
// enables, report in and join the scheduler.
#include <octopos/types.h>
#include <octopos/atomic.h>
#include <octopos/proc.h>
#include <octopos/printk.h>
#include <octopos/fdt.h>
#include <octopos/vm.h>
#include <octopos/page_alloc.h>
#include <octopos/driver.h>
#include <octopos/console.h>
#include <octopos/irq.h>
#include <octopos/fs.h>
#include <octopos/clock.h>
#include <octopos/uart.h>
#include <octopos/version.h>
#include <octopos/ipi.h>
#include <octopos/cmdline.h>
#include <asm/riscv.h>
#include <asm/arch.h>

#define SMP_WAIT_MS 10000            // longest wait for the other harts at boot
#define SMP_RETRY_MS 5000            // ... and after starting a missing one again

static int
harts_expected(void)
{
  return MIN(fdt.nharts, CONFIG_NR_CPUS);
}

static void
banner(void)
{
  const char *alloc = IS_ENABLED(CONFIG_PAGE_ALLOC_BUDDY) ? "buddy" : "freelist";
  const char *lock = !IS_ENABLED(CONFIG_SMP) ? "up" :
                     IS_ENABLED(CONFIG_LOCK_TICKET) ? "ticket" : "spin";
  const char *boot = IS_ENABLED(CONFIG_BOOT_SBI) ? "sbi" : "mmode";
  printf("octopos %s (%s) harts %d/%d alloc=%s lock=%s boot=%s mem=%ldM\n",
         OCTOPOS_VERSION, OCTOPOS_CONFIG_NAME, nharts_online, CONFIG_NR_CPUS,
         alloc, lock, boot, fdt.mem_size >> 20);
}

static void
hart_online(int cpu)
{
  printf("hart %d online\n", cpu);
  cpus[cpu].online = 1;     // before the count hart 0 waits on
  atomic_fetch_add(&nharts_online, 1);
}

static void
step(int cpu, int n)
{
  __atomic_store_n(&cpus[cpu].boot_step, n, __ATOMIC_RELEASE);
}

// Wait until every hart expected is online or ms have passed.
static void
wait_secondaries(int ms)
{
  uint64 deadline = r_time() + timebase_ms(ms);
  while (atomic_load(&nharts_online) < harts_expected() && r_time() < deadline)
    ;
}

// After the wait: report each hart still missing, with the last step it
// passed and what the firmware says, and give it one more start and wait.
static void
report_missing_harts(void)
{
  static const char *steps[] = { "never entered the kernel", "entered kmain",
    "paging on", "traps on", "interrupts routed" };
  int retried = 0;
  for (int i = 1; i < harts_expected(); i++) {
    if (cpus[i].online)
      continue;
    int s = __atomic_load_n(&cpus[i].boot_step, __ATOMIC_ACQUIRE);
    printf("smp: cpu %d not online after %d s: %s; %s\n", i, SMP_WAIT_MS / 1000,
           steps[s < 0 || s > SMP_STEP_IRQ ? 0 : s], arch_secondary_retry(i));
    retried++;
  }
  if (retried == 0)
    return;
  wait_secondaries(SMP_RETRY_MS);
  for (int i = 1; i < harts_expected(); i++)
    if (!cpus[i].online)
      printf("smp: cpu %d still not online; going on without it\n", i);
}

// A reset (reboot) reloads the kernel image but not .bss, which may hold
// the last run's values: clear it before anything uses it.
static void
clear_bss(void)
{
  extern char __bss_start[], __bss_end[];
  for (uint64 *p = (uint64 *)__bss_start; p < (uint64 *)__bss_end; p++)
    *p = 0;
}

void
kmain(uint64 cpu, uint64 hartid, uint64 dtb)
{
  intr_off();   // until this hart's trap vector and state are set up
  // Without SMP the entry code parks every hart but the first.
  if (IS_ENABLED(CONFIG_SMP) && cpu != 0) {
    if (cpu >= CONFIG_NR_CPUS)   // the entry code parks these; be sure
      for (;;)
        wfi();
    arch_secondary_wait();   // first: hart 0 is still clearing .bss
    cpus[cpu].hartid = hartid;
    step(cpu, SMP_STEP_ENTERED);
    kvminithart();
    step(cpu, SMP_STEP_PAGING);
    trapinithart();
    step(cpu, SMP_STEP_TRAPS);
    irq_hart_init();
    step(cpu, SMP_STEP_IRQ);
    hart_online(cpu);
    scheduler();
  }

  clear_bss();
  cpus[0].hartid = hartid;
  if (fdt_parse((const void *)dtb) < 0) {
    // No devicetree we can trust: say so on the emergency UART the
    // configuration names (the board's usual console) and stop.
    uart_emergency_init();
    // Parse again, now that its messages can be seen: the reason first, so
    // whoever reads up to "cannot boot" has it.
    if (IS_ENABLED(CONFIG_FDT_DIAGNOSTICS))
      fdt_parse((const void *)dtb);
    printf("octopos: the devicetree at %p is invalid; cannot boot\n", (void *)dtb);
    for (;;)
      wfi();
  }
  page_alloc_init(PGROUNDUP((uint64)end), fdt.mem_base + fdt.mem_size);
  kvminit();          // kernel page table
  kvminithart();      // paging on
  procinit();
  clock_init();
  printk_init();
  cmdline_init(fdt.bootargs, fdt.bootargs_len);   // root=, init=, quiet ...
  console_init();
  drivers_probe();    // PLIC, console UART (stdout-path), disks, ... as the devicetree lists them
  cmdline_report();   // now that there is a console
  trapinithart();
  irq_hart_init();
  fs_early_init();

  hart_online(0);
  if (IS_ENABLED(CONFIG_SMP)) {
    arch_start_secondaries();
    // Wait for the others so the banner can count them. The time CSR
    // follows the host's clock, and on a loaded host a vCPU thread can go
    // without the CPU for over a second before its first instructions (TCG
    // translates them under a lock hart 0's spinning competes for): the old
    // 1 s wait then printed "harts 3/4" for a hart that came online just
    // after: the likely cause of the rare missing-hart flake (not caught
    // in the act; every other step of a secondary was checked for a race
    // with hart 0 and none found). A hart that started comes;
    // only one that never does costs the full wait.
    wait_secondaries(SMP_WAIT_MS);
    report_missing_harts();
  }
  banner();
  ipi_boot_check();   // "ipi: clint, 2/2 harts answered"
  // The first process comes last, so that nothing the kernel prints at
  // boot lands in the middle of user output.
  userinit();         // it mounts the root and execs /init
  scheduler();
}
