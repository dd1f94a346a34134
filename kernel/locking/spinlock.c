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

// This hart's struct cpu, interrupts off. Inline, and a constant on a
// uniprocessor: every lock operation comes here.
static inline struct cpu *
this_cpu(void)
{
  return IS_ENABLED(CONFIG_SMP) ? &cpus[r_tp()] : &cpus[0];
}

// Under QEMU every CSR access ends the translated block and costs more
// than the rest of a lock operation together (docs/locking.md), so
// push_off reads and clears SIE in one csrrci, and pop_off touches
// sstatus only to turn interrupts back on. The check that interrupts are
// still off at pop_off is a debugging check (CONFIG_DEBUG_SPINLOCK).
void
push_off(void)
{
  int old = intr_off_save();
  struct cpu *c = this_cpu();
  if (c->noff == 0)
    c->intena = old;
  c->noff++;
}

void
pop_off(void)
{
  struct cpu *c = this_cpu();
  if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK) && intr_get())
    panic("pop_off: interrupts enabled");
  if (c->noff < 1)
    panic("pop_off: not pushed");
  c->noff--;
  if (c->noff == 0 && c->intena)
    intr_on();
}
