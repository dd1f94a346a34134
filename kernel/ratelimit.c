// kernel/ratelimit.c: the counting behind printf_ratelimited()
// (include/octopos/ratelimit.h; CONFIG_PRINTK_RATELIMIT).
//
// The counts are kept under tickslock, which guards the tick they are
// compared with: held for a few instructions and never while printing, it
// nests inside whatever the caller holds (the timer interrupt takes it
// only to count and wake).
#include <octopos/ratelimit.h>
#include <octopos/clock.h>
#include <octopos/spinlock.h>

int
ratelimit_allow(struct ratelimit *rl, const char *what)
{
  int ok, was_missed = 0, first_missed = 0;

  acquire(&tickslock);
  uint now = ticks;
  if (rl->printed == 0 || now - rl->start >= RATELIMIT_SECONDS * CONFIG_HZ) {
    was_missed = rl->missed;
    rl->start = now;
    rl->printed = 0;
    rl->missed = 0;
  }
  ok = rl->printed < RATELIMIT_BURST;
  if (ok)
    rl->printed++;
  else
    first_missed = rl->missed++ == 0;
  release(&tickslock);

  if (was_missed)
    printf("%s: %d more such messages were left out\n", what, was_missed);
  if (first_missed)
    printf("%s: more than %d such messages in %d s; the rest are left out\n", what,
           RATELIMIT_BURST, RATELIMIT_SECONDS);
  return ok;
}
