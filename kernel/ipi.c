// kernel/ipi.c: kick an idle hart when a process becomes runnable (CONFIG_IPI).
//
// idle_mask has a bit per hart waiting in wfi. A waker bumps runnable and
// then reads idle_mask; a hart going idle sets its bit and then rereads
// runnable, and waits only if nothing was made runnable since its scan.
// Both sides use sequentially consistent atomics, so at least one sees the
// other: either the waker kicks the hart or the hart does not wait. wfi
// runs with interrupts off (sie still enables them locally): a kick that
// arrives just before it makes it return at once instead of being taken
// and then slept through. A kicker claims its target by clearing the bit,
// so two wakers never spend their kicks on the same hart.
//
// pending[] says an IPI was sent to a hart, so the software-interrupt trap
// can tell one from a tick forwarded the same way (CONFIG_TIMER_CLINT).
#include <octopos/types.h>
#include <octopos/ipi.h>
#include <octopos/proc.h>
#include <octopos/printk.h>
#include <octopos/clock.h>
#include <asm/riscv.h>

static uint64 idle_mask;
static uint runnable;
static int pending[CONFIG_NR_CPUS];
static uint received[CONFIG_NR_CPUS];

uint
ipi_seen(void)
{
  return __atomic_load_n(&runnable, __ATOMIC_SEQ_CST);
}

void
ipi_idle_wait(uint seen)
{
  uint64 bit = 1UL << cpuid();
  __atomic_fetch_or(&idle_mask, bit, __ATOMIC_SEQ_CST);
  if (__atomic_load_n(&runnable, __ATOMIC_SEQ_CST) == seen)
    wfi();
  __atomic_fetch_and(&idle_mask, ~bit, __ATOMIC_SEQ_CST);
}

static int
kick(int cpu)
{
  __atomic_store_n(&pending[cpu], 1, __ATOMIC_SEQ_CST);
  return arch_ipi_send(cpu);
}

int
ipi_kick_idle(void)
{
  __atomic_fetch_add(&runnable, 1, __ATOMIC_SEQ_CST);
  uint64 idle = __atomic_load_n(&idle_mask, __ATOMIC_SEQ_CST);
  for (int cpu = 0; idle != 0 && cpu < CONFIG_NR_CPUS; cpu++) {
    uint64 bit = 1UL << cpu;
    if (!(idle & bit))
      continue;
    uint64 old = __atomic_fetch_and(&idle_mask, ~bit, __ATOMIC_SEQ_CST);
    if (old & bit)
      return kick(cpu) == 0;
    idle = old;   // another waker took it: try the next
  }
  return 0;
}

int
ipi_handle(void)
{
  int me = cpuid();
  if (!__atomic_exchange_n(&pending[me], 0, __ATOMIC_SEQ_CST))
    return 0;
  __atomic_fetch_add(&received[me], 1, __ATOMIC_SEQ_CST);
  return 1;
}

// Kick every other online hart once and wait (at most 1 s each) for its
// trap handler to count it: the whole path, end to end, in the boot log.
void
ipi_boot_check(void)
{
  int n = 0, answered = 0;
  for (int c = 1; c < CONFIG_NR_CPUS; c++) {
    if (!cpus[c].online)
      continue;
    n++;
    uint before = __atomic_load_n(&received[c], __ATOMIC_SEQ_CST);
    if (kick(c) < 0) {
      printf("ipi: %s: no device to send with; idle harts wake on their tick\n", arch_ipi_name);
      return;
    }
    uint64 deadline = r_time() + timebase_ms(1000);
    while (__atomic_load_n(&received[c], __ATOMIC_SEQ_CST) == before && r_time() < deadline)
      ;
    if (__atomic_load_n(&received[c], __ATOMIC_SEQ_CST) != before)
      answered++;
  }
  printf("ipi: %s, %d/%d harts answered\n", arch_ipi_name, answered, n);
}
