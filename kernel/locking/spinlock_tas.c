// kernel/locking/spinlock_tas.c: test-and-set spinlocks (CONFIG_LOCK_SPIN), xv6's design.
//
// amoswap.w.aq takes the lock; the acquire ordering keeps the critical
// section's loads and stores after it, and release's fence keeps them
// before the store that frees the lock.
//
// Nothing orders the waiters: whoever's swap lands first after a release
// wins, so one hart can lose any number of rounds. With CONFIG_LOCK_STAT
// the holder counts releases, and a waiter that compares the count at its
// arrival with the count at its turn learns how many holders went first.
#include <octopos/spinlock.h>
#include <octopos/proc.h>
#include <octopos/lockstat.h>
#include <octopos/lockdebug_ops.h>

void
acquire(struct spinlock *lk)
{
  push_off();   // disable interrupts first: a handler wanting lk would deadlock
  lockdebug_acquire(lk);
  uint arrived = IS_ENABLED(CONFIG_LOCK_STAT) ? __atomic_load_n(&lk->releases, __ATOMIC_RELAXED) : 0;
  uint64 spins = 0;
  while (__sync_lock_test_and_set(&lk->locked, 1) != 0) {
    spins++;
    lockdebug_spin(lk, spins);
  }
  __sync_synchronize();
  lk->cpu = mycpu();
  lockstat_note(lk, spins, lk->releases - arrived);
}

void
release(struct spinlock *lk)
{
  lockdebug_release(lk);
  lk->cpu = NULL;
  if (IS_ENABLED(CONFIG_LOCK_STAT))
    __atomic_store_n(&lk->releases, lk->releases + 1, __ATOMIC_RELAXED);   // only the holder writes it
  __sync_synchronize();
  __sync_lock_release(&lk->locked);
  pop_off();
}

int
holding(struct spinlock *lk)
{
  return lk->locked && lk->cpu == mycpu();
}
