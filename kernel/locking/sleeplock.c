// kernel/locking/sleeplock.c: locks held across disk I/O; waiters sleep.
//
// Most releases have nobody waiting (every buffer-cache access takes and
// drops one), so releasesleep() calls wakeup(), a walk over the process
// table, only when acquiresleep() counted a sleeper.
#include <octopos/sleeplock.h>
#include <octopos/proc.h>

void
initsleeplock(struct sleeplock *lk, const char *name)
{
  initlock(&lk->lk, "sleep lock");
  lk->name = name;
  lk->locked = 0;
  lk->pid = 0;
  lk->waiters = 0;
}

void
acquiresleep(struct sleeplock *lk)
{
  acquire(&lk->lk);
  while (lk->locked) {
    lk->waiters++;
    sleep(lk, &lk->lk);
    lk->waiters--;
  }
  lk->locked = 1;
  lk->pid = myproc()->pid;
  release(&lk->lk);
}

void
releasesleep(struct sleeplock *lk)
{
  acquire(&lk->lk);
  lk->locked = 0;
  lk->pid = 0;
  if (lk->waiters)
    wakeup(lk);
  release(&lk->lk);
}

// Without the spin lock: only the holder changes locked and pid while it
// holds the lock, so the answer "the caller holds it" cannot be torn.
int
holdingsleep(struct sleeplock *lk)
{
  return __atomic_load_n(&lk->locked, __ATOMIC_RELAXED) &&
         __atomic_load_n(&lk->pid, __ATOMIC_RELAXED) == myproc()->pid;
}
