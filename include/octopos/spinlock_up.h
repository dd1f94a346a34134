// include/octopos/spinlock_up.h: locks on a uniprocessor build (CONFIG_SMP=n).
// Included only by octopos/spinlock.h (initlock, push_off, pop_off there).
//
// With one hart, masking interrupts is mutual exclusion: acquire is
// push_off() plus bookkeeping, with no atomic instruction and no spinning.
#ifndef OCTOPOS_SPINLOCK_UP_H
#define OCTOPOS_SPINLOCK_UP_H

struct spinlock {
  uint locked;            // for holding() and the debug checks
  const char *name;
  struct cpu *cpu;
};

void lockdebug_acquire_up(struct spinlock *lk);   // kernel/locking/lockdebug.c
void lockdebug_release_up(struct spinlock *lk);

static inline void
acquire(struct spinlock *lk)
{
  push_off();              // first: a handler wanting lk would otherwise deadlock
  if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK))
    lockdebug_acquire_up(lk);
  lk->locked = 1;
}

static inline void
release(struct spinlock *lk)
{
  if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK))
    lockdebug_release_up(lk);
  lk->locked = 0;
  pop_off();
}

static inline int
holding(struct spinlock *lk)
{
  return lk->locked;
}

static inline void
lock_reset(struct spinlock *lk)
{
  lk->locked = 0;
}

#endif
