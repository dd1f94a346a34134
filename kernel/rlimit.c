// kernel/rlimit.c: resource limits (CONFIG_RLIMITS): getrlimit/setrlimit
// for CPU time, open files and processes per user.
//
// Limits live in the process (p->rlim) and are inherited at fork and kept
// across exec, so a login shell's limits bind everything it starts. They
// are private to the process (only it changes them), so no lock is needed.
// The process-count limit itself is checked in kfork (kernel/proc.c), which
// owns the process table; CPU time is charged here, one tick at a time, by
// whichever hart the process runs on.
#include <octopos/types.h>
#include <octopos/proc.h>
#include <octopos/rlimit.h>
#include <octopos/syscall.h>
#include <octopos/errno.h>
#include <octopos/vm.h>

void
rlimit_init(struct proc *p)
{
  for (int i = 0; i < RLIM_NLIMITS; i++)
    p->rlim[i].rlim_cur = p->rlim[i].rlim_max = RLIM_INFINITY;
  p->rlim[RLIMIT_NOFILE].rlim_cur = p->rlim[RLIMIT_NOFILE].rlim_max = CONFIG_NR_OPEN;
  p->rlim[RLIMIT_NPROC].rlim_cur = CONFIG_RLIMIT_NPROC;
}

void
rlimit_fork(struct proc *child, struct proc *parent)
{
  for (int i = 0; i < RLIM_NLIMITS; i++)
    child->rlim[i] = parent->rlim[i];
}

// May p fork one more process? Root always may (it must be able to log in
// and clean up); others not past their real user's RLIMIT_NPROC (zombies
// count) nor into the last CONFIG_RLIMIT_ROOT_SLOTS free slots. Called
// under kfork's limit_lock.
int
rlimit_fork_denied(struct proc *p)
{
  if (p->euid == 0)
    return 0;
  int used = 0, mine = 0;
  for (int i = 0; i < CONFIG_NR_PROCS; i++) {
    struct proc *pp = proc_lock_index(i);
    if (pp == NULL)
      continue;
    used++;
    mine += pp->uid == p->uid;
    release(&pp->lock);
  }
  return used >= CONFIG_NR_PROCS - CONFIG_RLIMIT_ROOT_SLOTS ||
         (uint64)mine >= p->rlim[RLIMIT_NPROC].rlim_cur;
}

int
rlimit_nofile(struct proc *p)
{
  uint64 n = p->rlim[RLIMIT_NOFILE].rlim_cur;
  return n < CONFIG_NR_OPEN ? (int)n : CONFIG_NR_OPEN;
}

// Past its soft CPU limit a process is killed (POSIX sends SIGXCPU, whose
// default action is to terminate; there is no handler for it here).
void
rlimit_tick(struct proc *p)
{
  p->cputicks++;
  uint64 lim = p->rlim[RLIMIT_CPU].rlim_cur;
  if (lim != RLIM_INFINITY && p->cputicks / CONFIG_HZ >= lim)
    setkilled(p);
}

long
sys_getrlimit(void)
{
  int r = argint(0);
  if (r < 0 || r >= RLIM_NLIMITS)
    return -EINVAL;
  struct proc *p = myproc();
  return copyout(p->pagetable, argaddr(1), &p->rlim[r], sizeof(p->rlim[r]));
}

// setrlimit(r, &lim): cur may not exceed max; only root raises max.
long
sys_setrlimit(void)
{
  int r = argint(0);
  struct rlimit lim;
  struct proc *p = myproc();
  if (r < 0 || r >= RLIM_NLIMITS)
    return -EINVAL;
  if (copyin(p->pagetable, &lim, argaddr(1), sizeof(lim)) < 0)
    return -EFAULT;
  if (lim.rlim_cur > lim.rlim_max)
    return -EINVAL;
  if (lim.rlim_max > p->rlim[r].rlim_max && p->euid != 0)
    return -EPERM;
  p->rlim[r] = lim;
  return 0;
}
