// kernel/locking/lockstat.c: lock statistics by lock class (CONFIG_LOCK_STAT).
//
// Locks are grouped by name ("proc", "bcache", ...): every lock of a class
// counts into one record, so locks inside freed objects (pipes) leave no
// dangling pointers behind, and 64 per-process locks read as one line.
// lockstat(buf, n) copies out up to n records and returns how many classes
// exist; the `lockstat` program ranks the most contended.
// lockstat_harts(class, buf, n) copies out one class's per-hart counters
// (class numbered in lockstat()'s order), for fairness measurements
// (the `lockfair` program).
#include <octopos/spinlock.h>
#include <octopos/lockstat.h>
#include <octopos/proc.h>
#include <octopos/syscall.h>
#include <octopos/string.h>
#include <octopos/vm.h>
#include <octopos/errno.h>
#include <uapi/octopos/lockstat.h>

#define LOCKSTAT_CLASSES 64

static struct {
  const char *name;
  struct lockstat stat;
} classes[LOCKSTAT_CLASSES];
static int nclasses;
static volatile uint classes_lock;   // a bare flag: it cannot itself be a counted spinlock

void
lockstat_register(struct spinlock *lk)
{
  const char *name = lk->name ? lk->name : "?";
  // Interrupts off while the flag is held, as a spinlock would have them:
  // a holder preempted by the timer (initlock runs from pipe() and fork()
  // with interrupts on) left the flag set while every other hart spun on
  // it with interrupts off (initlock under a spinlock, as allocproc's),
  // so the holder never ran again (soak seed 2612701: full_defconfig hung
  // after 46 s of fuzzing, one hart here, the other waiting for its lock).
  push_off();
  while (__sync_lock_test_and_set(&classes_lock, 1))
    ;
  int i;
  for (i = 0; i < nclasses; i++)
    if (classes[i].name == name || strncmp(classes[i].name, name, 24) == 0)
      break;
  if (i == nclasses && nclasses < LOCKSTAT_CLASSES) {
    classes[i].name = name;
    __atomic_store_n(&nclasses, i + 1, __ATOMIC_RELEASE);   // readers take no lock
  }
  lk->stat = i < nclasses ? &classes[i].stat : NULL;
  __sync_lock_release(&classes_lock);
  pop_off();
}

// lockstat(struct lockstat_rec *buf, int n): the class totals, summed over
// harts. Returns the number of classes, or -EINVAL / -EFAULT.
long
sys_lockstat(void)
{
  uint64 ubuf = argaddr(0);
  int n = argint(1);
  if (n < 0)
    return -EINVAL;
  int total = __atomic_load_n(&nclasses, __ATOMIC_ACQUIRE);
  for (int i = 0; i < total && i < n; i++) {
    struct lockstat_rec rec;
    memset(&rec, 0, sizeof(rec));
    safestrcpy(rec.name, classes[i].name, sizeof(rec.name));
    for (int h = 0; h < CONFIG_NR_CPUS; h++) {
      struct lockstat_hart *c = &classes[i].stat.hart[h];
      rec.acquires += c->acquires;
      rec.contended += c->contended;
      rec.spins += c->spins;
    }
    int r = copyout(myproc()->pagetable, ubuf + i * sizeof(rec), &rec, sizeof(rec));
    if (r < 0)
      return r;
  }
  return total;
}

// lockstat_harts(int class, struct lockstat_hart_rec *buf, int n): class
// `class`'s counters for harts 0 .. n-1. Returns CONFIG_NR_CPUS (harts
// that were never online read as zeros), or -EINVAL / -EFAULT.
long
sys_lockstat_harts(void)
{
  int cls = argint(0);
  uint64 ubuf = argaddr(1);
  int n = argint(2);
  if (cls < 0 || cls >= __atomic_load_n(&nclasses, __ATOMIC_ACQUIRE) || n < 0)
    return -EINVAL;
  for (int h = 0; h < CONFIG_NR_CPUS && h < n; h++) {
    // Another hart may be updating its slot: each field is one aligned
    // word, so every value read is one it really held.
    struct lockstat_hart *c = &classes[cls].stat.hart[h];
    struct lockstat_hart_rec rec = {
      .acquires = c->acquires, .contended = c->contended, .spins = c->spins,
      .spins_max = c->spins_max, .waited = c->waited, .waited_max = c->waited_max,
    };
    int r = copyout(myproc()->pagetable, ubuf + h * sizeof(rec), &rec, sizeof(rec));
    if (r < 0)
      return r;
  }
  return CONFIG_NR_CPUS;
}
