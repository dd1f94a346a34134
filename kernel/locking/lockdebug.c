// kernel/locking/lockdebug.c: spinlock misuse reports (CONFIG_DEBUG_SPINLOCK).
//
// Each report names the lock, the hart holding it and the caller, so a
// deadlock or a broken invariant is found at the first wrong step rather
// than as a silent hang later. Misuse is a kernel bug: report, then panic.
#include <octopos/spinlock.h>
#include <octopos/proc.h>
#include <octopos/printk.h>
#include <octopos/lockdebug.h>
#include <octopos/lockdebug_ops.h>
#include <asm/riscv.h>

static int
holder_hart(struct spinlock *lk)
{
  return lk->cpu ? (int)(lk->cpu - cpus) : -1;
}

void
lockdebug_acquire(struct spinlock *lk)
{
  if (holding(lk))
    panic("lockdebug: recursive acquire of %s on hart %d, caller %p",
          lk->name, cpuid(), __builtin_return_address(0));
}

void
lockdebug_release(struct spinlock *lk)
{
  if (!holding(lk))
    panic("lockdebug: release of %s by hart %d which does not hold it (holder hart %d), caller %p",
          lk->name, cpuid(), holder_hart(lk), __builtin_return_address(0));
}

void
lockdebug_acquire_up(struct spinlock *lk)
{
  lockdebug_acquire(lk);
  lk->cpu = mycpu();
}

void
lockdebug_release_up(struct spinlock *lk)
{
  lockdebug_release(lk);
  lk->cpu = NULL;
}

void
lockdebug_spin_report(struct spinlock *lk, uint64 spins)
{
  printf("lockdebug: hart %d spinning on %s for %ld rounds; holder hart %d, caller %p\n",
         cpuid(), lk->name, spins, holder_hart(lk), __builtin_return_address(0));
}

void
lockdebug_check_user_return(void)
{
  // usertrapret may call this with interrupts on. Read the nesting with
  // them off: otherwise a tick between mycpu() and the read can move this
  // process to another hart, and we would read the old hart's count, held
  // by whatever runs there now (a false report, seen under lockfair).
  int on = intr_off_save();
  int noff = mycpu()->noff;
  if (noff != 0)
    panic("lockdebug: returning to user space with %d lock(s) held on hart %d",
          noff, cpuid());
  if (on)
    intr_on();
}

void
lockdebug_check_sleep(struct spinlock *lk)
{
  // sleep() is entered holding exactly lk; any other lock would stay held
  // while this process sleeps.
  struct cpu *c = mycpu();
  if (c->noff != 1 || !holding(lk))
    panic("lockdebug: sleeping with %d lock(s) held, not just %s, on hart %d, caller %p",
          c->noff, lk->name, cpuid(), __builtin_return_address(0));
}
