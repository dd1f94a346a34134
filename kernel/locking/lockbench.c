// kernel/locking/lockbench.c: the lock micro-benchmark call (CONFIG_LOCK_BENCH).
//
// An uncontended acquire/release costs a few hundred nanoseconds under
// QEMU, far below the noise of any system-call benchmark, so it is timed
// here, in a loop inside the kernel, with the time CSR. The lock lives on
// the caller's kernel stack, so no other hart can ever contend for it.
// `bench lock` in user space reports the result (docs/locking.md).
#include <octopos/spinlock.h>
#include <octopos/syscall.h>
#include <octopos/errno.h>
#include <uapi/octopos/lockstat.h>
#include <asm/riscv.h>

// lockbench(int what, int n): time-CSR ticks (10 MHz) that n rounds of
// `what` (LOCKBENCH_*) took, or -EINVAL.
long
sys_lockbench(void)
{
  int what = argint(0);
  int n = argint(1);
  if (n < 0 || n > LOCKBENCH_MAX_N)
    return -EINVAL;
  struct spinlock lk;
  initlock(&lk, "lockbench");
  uint64 t0 = r_time();
  switch (what) {
  case LOCKBENCH_LOCK:
    for (int i = 0; i < n; i++) {
      acquire(&lk);
      release(&lk);
    }
    break;
  case LOCKBENCH_PUSHOFF:
    for (int i = 0; i < n; i++) {
      push_off();
      pop_off();
    }
    break;
  case LOCKBENCH_LOOP:
    for (int i = 0; i < n; i++)
      asm volatile("" ::: "memory");   // the loop, with nothing in it
    break;
  default:
    return -EINVAL;
  }
  return r_time() - t0;
}
