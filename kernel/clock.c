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

long
sys_sleep(void)
{
  int n = argint(0);
  if (n < 0)
    n = 0;
  acquire(&tickslock);
  uint start = ticks;
  while (ticks - start < (uint)n) {
    if (killed(myproc())) {
      release(&tickslock);
      return -EINTR;
    }
    sleep(&ticks, &tickslock);
  }
  release(&tickslock);
  return 0;
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
