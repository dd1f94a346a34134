// kernel/locking/spinlock_ticket.c: ticket spinlocks (CONFIG_LOCK_TICKET).
//
// Fair: harts are served in the order they took tickets, so under
// contention none starves (compare the spread of `contended` counts with
// lockstat). See include/octopos/spinlock_ticket.h for what it relies on.
#include <octopos/spinlock.h>
#include <octopos/proc.h>
#include <octopos/lockstat.h>
#include <octopos/lockdebug_ops.h>

void
acquire(struct spinlock *lk)
{
  push_off();
  lockdebug_acquire(lk);
  uint ticket = __atomic_fetch_add(&lk->next, 1, __ATOMIC_RELAXED);
  // ticket - first is the number of holders ahead of us: each other hart
  // holds at most one ticket, so it is below the number of harts however
  // the harts are scheduled (lockstat's `waited`).
  uint first = __atomic_load_n(&lk->owner, __ATOMIC_ACQUIRE);
  uint64 spins = 0;
  for (uint now = first; now != ticket; now = __atomic_load_n(&lk->owner, __ATOMIC_ACQUIRE)) {
    spins++;
    lockdebug_spin(lk, spins);
  }
  lk->cpu = mycpu();
  lockstat_note(lk, spins, ticket - first);
}

void
release(struct spinlock *lk)
{
  lockdebug_release(lk);
  lk->cpu = NULL;
  // Only the holder writes owner, so a plain increment with release order
  // is enough.
  __atomic_store_n(&lk->owner, lk->owner + 1, __ATOMIC_RELEASE);
  pop_off();
}

int
holding(struct spinlock *lk)
{
  return lk->owner != lk->next && lk->cpu == mycpu();
}
