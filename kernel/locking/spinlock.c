// kernel/locking/spinlock.c: what every lock backend shares: initlock and
// the per-hart interrupt-disable nesting (push_off/pop_off).
//
// push_off/pop_off are like intr_off/intr_on except that they nest: two
// push_off()s need two pop_off()s, and interrupts come back on only if they
// were on at the outermost push_off().
#include <octopos/spinlock.h>
#include <octopos/proc.h>
#include <octopos/printk.h>
#include <octopos/lockstat.h>
#include <asm/riscv.h>

void
initlock(struct spinlock *lk, const char *name)
{
  lk->name = name;
  lk->cpu = NULL;
  lock_reset(lk);
  lockstat_register(lk);
}

void
push_off(void)
{
  int old = intr_get();
  intr_off();
  struct cpu *c = mycpu();
  if (c->noff == 0)
    c->intena = old;
  c->noff++;
}

void
pop_off(void)
{
  struct cpu *c = mycpu();
  if (intr_get())
    panic("pop_off: interrupts enabled");
  if (c->noff < 1)
    panic("pop_off: not pushed");
  c->noff--;
  if (c->noff == 0 && c->intena)
    intr_on();
}
