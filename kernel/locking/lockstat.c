// kernel/locking/lockstat.c: lock statistics by lock class (CONFIG_LOCK_STAT).
//
// Locks are grouped by name ("proc", "bcache", ...): every lock of a class
// counts into one record, so locks inside freed objects (pipes) leave no
// dangling pointers behind, and 64 per-process locks read as one line.
// lockstat(buf, n) copies out up to n records and returns how many classes
// exist; the `lockstat` program ranks the most contended.
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
  while (__sync_lock_test_and_set(&classes_lock, 1))
    ;
  int i;
  for (i = 0; i < nclasses; i++)
    if (classes[i].name == name || strncmp(classes[i].name, name, 24) == 0)
      break;
  if (i == nclasses && nclasses < LOCKSTAT_CLASSES)
    classes[nclasses++].name = name;
  lk->stat = i < nclasses ? &classes[i].stat : NULL;
  __sync_lock_release(&classes_lock);
}

long
sys_lockstat(void)
{
  uint64 ubuf = argaddr(0);
  int n = argint(1);
  if (n < 0)
    return -EINVAL;
  int total = nclasses;
  for (int i = 0; i < total && i < n; i++) {
    struct lockstat_rec rec;
    memset(&rec, 0, sizeof(rec));
    safestrcpy(rec.name, classes[i].name, sizeof(rec.name));
    rec.acquires = classes[i].stat.acquires;
    rec.contended = classes[i].stat.contended;
    rec.spins = classes[i].stat.spins;
    int r = copyout(myproc()->pagetable, ubuf + i * sizeof(rec), &rec, sizeof(rec));
    if (r < 0)
      return r;
  }
  return total;
}
