// tests/host/include/octopos/spinlock.h: host shim: locks for one thread.
//
// Host tests are single-threaded, so a lock is a flag. Taking a lock that
// is already held is the deadlock it would be on a hart, and is reported
// through panic() so a test fails instead of hanging.
#ifndef OCTOPOS_SPINLOCK_H
#define OCTOPOS_SPINLOCK_H
#include <octopos/types.h>
#include <octopos/printk.h>

struct spinlock {
  int locked;
  const char *name;
};

static inline void
initlock(struct spinlock *lk, const char *name)
{
  lk->locked = 0;
  lk->name = name;
}

static inline void
acquire(struct spinlock *lk)
{
  if (lk->locked)
    panic("acquire %s: already held (deadlock on a real hart)", lk->name);
  lk->locked = 1;
}

static inline void
release(struct spinlock *lk)
{
  if (!lk->locked)
    panic("release %s: not held", lk->name);
  lk->locked = 0;
}

static inline int
holding(struct spinlock *lk)
{
  return lk->locked;
}

static inline void push_off(void) {}
static inline void pop_off(void) {}

#endif
