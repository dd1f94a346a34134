// include/octopos/sleeplock.h: long-term locks whose waiters sleep (kernel/sleeplock.c).
#ifndef OCTOPOS_SLEEPLOCK_H
#define OCTOPOS_SLEEPLOCK_H
#include <octopos/spinlock.h>

struct sleeplock {
  uint locked;
  struct spinlock lk;     // protects this sleep lock
  const char *name;
  int pid;                // process holding the lock
  int waiters;            // processes asleep in acquiresleep(): wake only if any
};

void initsleeplock(struct sleeplock *lk, const char *name);
void acquiresleep(struct sleeplock *lk);
void releasesleep(struct sleeplock *lk);
int  holdingsleep(struct sleeplock *lk);

#endif
