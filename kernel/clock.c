// kernel/clock.c: the tick counter and the calls built on it (sleep, uptime).
#include <octopos/clock.h>
#include <octopos/proc.h>
#include <octopos/syscall.h>
#include <octopos/errno.h>
#include <octopos/rtc.h>
#include <octopos/vm.h>

struct spinlock tickslock;
uint ticks;

void
clock_init(void)
{
  initlock(&tickslock, "time");
}

void
clock_tick(void)
{
  acquire(&tickslock);
  ticks++;
  wakeup(&ticks);
  release(&tickslock);
}

// Sleep n ticks. 0, or, when the process is killed first, the ticks
// still left (at least 1). Also kernel/systime.c's nanosleep.
uint
clock_sleep(uint n)
{
  acquire(&tickslock);
  uint start = ticks;
  while (ticks - start < n) {
    if (killed(myproc())) {
      uint left = n - (ticks - start);
      release(&tickslock);
      return left;
    }
    sleep(&ticks, &tickslock);
  }
  release(&tickslock);
  return 0;
}

long
sys_sleep(void)
{
  int n = argint(0);
  return clock_sleep(n < 0 ? 0 : n) ? -EINTR : 0;
}

long
sys_uptime(void)
{
  acquire(&tickslock);
  uint t = ticks;
  release(&tickslock);
  return t;
}

// gettime(&ns): nanoseconds since 1970 from the RTC, or -ENODEV without one.
long
sys_gettime(void)
{
  uint64 ns = rtc_read_ns();
  if (ns == 0)
    return -ENODEV;
  return copyout(myproc()->pagetable, argaddr(0), &ns, sizeof(ns));
}
