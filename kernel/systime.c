// kernel/systime.c: POSIX clocks and sleeping (CONFIG_POSIX_CALLS):
// clock_gettime and nanosleep.
//
// The monotonic clock is the `time` CSR at the devicetree's timebase
// (10 MHz on QEMU's virt board: 100 ns resolution); the real-time clock is
// the RTC when one was probed, else time since boot (a system without an
// RTC believes it is 1970). nanosleep sleeps in timer ticks (1/CONFIG_HZ s),
// rounding up, so it never returns early.
#include <octopos/types.h>
#include <octopos/clock.h>
#include <octopos/errno.h>
#include <octopos/proc.h>
#include <octopos/rtc.h>
#include <octopos/syscall.h>
#include <octopos/vm.h>
#include <asm/arch.h>
#include <asm/riscv.h>
#include <uapi/octopos/posix.h>

#define NS_PER_SEC  1000000000L
#define NS_PER_TICK (NS_PER_SEC / CONFIG_HZ)

static uint64
monotonic_ns(void)
{
  // Seconds and remainder apart, so neither product overflows 64 bits.
  uint64 t = r_time();
  return t / timebase_hz * NS_PER_SEC + t % timebase_hz * NS_PER_SEC / timebase_hz;
}

// clock_gettime(clk, ts)
long
sys_clock_gettime(void)
{
  int clk = argint(0);
  uint64 ns;
  struct octopos_timespec ts;

  if (clk == OCTOPOS_CLOCK_MONOTONIC)
    ns = monotonic_ns();
  else if (clk == OCTOPOS_CLOCK_REALTIME)
    ns = rtc_read_ns() ? rtc_read_ns() : monotonic_ns();
  else
    return -EINVAL;
  ts.tv_sec = ns / NS_PER_SEC;
  ts.tv_nsec = ns % NS_PER_SEC;
  return copyout(myproc()->pagetable, argaddr(1), &ts, sizeof(ts));
}

// nanosleep(req, rem): sleep at least req; when killed, -EINTR with the
// time left in *rem (if rem is not NULL).
long
sys_nanosleep(void)
{
  struct octopos_timespec req, rem;
  uint64 urem = argaddr(1);
  struct proc *p = myproc();

  if (copyin(p->pagetable, &req, argaddr(0), sizeof(req)) < 0)
    return -EFAULT;
  if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= NS_PER_SEC ||
      req.tv_sec > 100L * 365 * 86400)             // ticks must fit in a uint
    return -EINVAL;
  uint64 ns = (uint64)req.tv_sec * NS_PER_SEC + req.tv_nsec;
  uint n = (ns + NS_PER_TICK - 1) / NS_PER_TICK;
  // One tick more: the first may be nearly over already.
  if (n > 0)
    n++;
  uint left = clock_sleep(n);
  if (left == 0)
    return 0;
  if (urem) {
    rem.tv_sec = (uint64)left * NS_PER_TICK / NS_PER_SEC;
    rem.tv_nsec = (uint64)left * NS_PER_TICK % NS_PER_SEC;
    copyout(p->pagetable, urem, &rem, sizeof(rem));   // a bad rem does not undo the sleep
  }
  return -EINTR;
}
