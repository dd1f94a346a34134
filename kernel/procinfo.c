// kernel/procinfo.c: procinfo() and getppid() (CONFIG_PROCINFO), for ps.
//
// Each process's record is filled under its p->lock, so it is consistent
// in itself; the list as a whole is a snapshot taken one slot at a time.
// The command line is kept at exec (procinfo_exec), since the arguments
// on the user stack are the program's to overwrite.
#include <octopos/types.h>
#include <octopos/proc.h>
#include <octopos/syscall.h>
#include <octopos/errno.h>
#include <octopos/string.h>
#include <octopos/vm.h>
#include <uapi/octopos/procinfo.h>

void
procinfo_exec(struct proc *p, char **argv)
{
  int n = 0;
  for (int i = 0; argv[i] && n < PI_CMDLINE - 1; i++) {
    if (i > 0)
      p->cmdline[n++] = ' ';
    for (const char *s = argv[i]; *s && n < PI_CMDLINE - 1; s++)
      p->cmdline[n++] = *s;
  }
  p->cmdline[n] = 0;
}

static char
state_char(struct proc *p)
{
  if (p->state == ZOMBIE)
    return 'Z';
  if (IS_ENABLED(CONFIG_SIGNALS) && p->stopped)
    return 'T';
  return p->state == SLEEPING ? 'S' : 'R';
}

// procinfo(buf, n): up to n records; returns how many.
long
sys_procinfo(void)
{
  uint64 ubuf = argaddr(0);
  int max = argint(1), n = 0;
  struct procinfo pi;
  if (max < 0)
    return -EINVAL;
  for (int i = 0; i < CONFIG_NR_PROCS && n < max; i++) {
    struct proc *p = proc_lock_index(i);
    if (p == NULL)
      continue;
    if (p->state == USED) {   // still being forked
      release(&p->lock);
      continue;
    }
    memset(&pi, 0, sizeof(pi));
    pi.pid = p->pid;
    pi.ppid = p->ppid;
    pi.pgid = p->pgid;
    pi.sid = p->sid;
    pi.uid = p->uid;
    pi.euid = p->euid;
    pi.state = state_char(p);
    pi.cputicks = p->cputicks;
    pi.size = p->sz;
    safestrcpy(pi.cmdline, p->cmdline[0] ? p->cmdline : p->name, sizeof(pi.cmdline));
    release(&p->lock);
    if (copyout(myproc()->pagetable, ubuf + (uint64)n * sizeof(pi), &pi, sizeof(pi)) < 0)
      return -EFAULT;
    n++;
  }
  return n;
}

long
sys_getppid(void)
{
  return myproc()->ppid;
}
