// kernel/signal.c: POSIX-style signals (CONFIG_SIGNALS).
//
// A signal is a bit in the target's p->sigpending, set under p->lock by
// whoever sends it (sigkill, the console, a pipe, a fault, the alarm clock,
// a child's exit). The target acts on it on its way back to user space
// (signal_deliver, from usertrap): the default action (end, stop, nothing)
// or a handler. A signal that would be ignored is dropped when sent. A
// sleeping target is made runnable, and killed() counts unblocked pending
// signals, so every blocking call that already gave up for xv6's kill
// (read of a pipe or the console, wait, sleep) now also returns -1 when a
// signal arrives.
//
// A handler runs on the user stack: below the interrupted sp the kernel
// writes a frame with the user registers, pc and signal mask, and enters
// the handler with a0 = the signal, sp = the frame and ra = the restorer
// the program registered (the library's sigreturn stub). sigreturn reads
// the frame back. Only user registers and the pc come from it; everything
// that decides privilege (sstatus, the kernel's stack, page table and trap
// vector in the trapframe) is never taken from user memory, so a forged
// frame can do no more than the program could by jumping.
#include <octopos/types.h>
#include <octopos/proc.h>
#include <octopos/signal.h>
#include <octopos/cred.h>
#include <octopos/syscall.h>
#include <octopos/errno.h>
#include <octopos/kmalloc.h>
#include <octopos/string.h>
#include <octopos/printk.h>
#include <octopos/ratelimit.h>
#include <octopos/clock.h>
#include <octopos/vm.h>

#define BIT(s)      (1U << (s))
#define UNBLOCKABLE (BIT(SIGKILL) | BIT(SIGSTOP))
#define STOPSIGS    (BIT(SIGSTOP) | BIT(SIGTSTP) | BIT(SIGTTIN) | BIT(SIGTTOU))
#define IGNORED_BY_DEFAULT (BIT(SIGCHLD) | BIT(SIGCONT))
#define TICKS_PER_SEC 10
#define FRAME_MAGIC 0x6f63746f7369676eUL   // "octosign"

// What the handler's stack holds: the user registers ra..t6 as the
// trapframe keeps them, the pc, and the mask to restore.
#define NREGS 31
struct sigframe {
  uint64 regs[NREGS];
  uint64 epc;
  uint64 mask;
  uint64 magic;
};

static uint64 *
user_regs(struct trapframe *tf)
{
  return &tf->ra;   // ra..t6 are consecutive in struct trapframe
}

_Static_assert(__builtin_offsetof(struct trapframe, t6) - __builtin_offsetof(struct trapframe, ra) ==
               (NREGS - 1) * sizeof(uint64), "trapframe user registers");

int
signal_init(struct proc *p)
{
  p->sigacts = kzalloc(sizeof(*p->sigacts));
  return p->sigacts ? 0 : -ENOMEM;
}

int
signal_fork(struct proc *child, struct proc *parent)
{
  if (signal_init(child) < 0)
    return -ENOMEM;
  *child->sigacts = *parent->sigacts;
  child->sigmask = parent->sigmask;   // pending signals and alarms are not inherited
  return 0;
}

void
signal_free(struct proc *p)
{
  kfree(p->sigacts);
  p->sigacts = NULL;
}

// exec: handlers point into the old program, so caught signals go back
// to their default; ignored ones stay ignored, and the mask is kept.
void
signal_exec(struct proc *p)
{
  for (int s = 1; s < NSIG; s++) {
    struct ksigaction *a = &p->sigacts->act[s];
    if (a->handler != (uint64)SIG_IGN)
      memset(a, 0, sizeof(*a));
  }
}

static int
ignored(struct proc *p, int sig)
{
  uint64 h = p->sigacts ? p->sigacts->act[sig].handler : 0;
  return h == (uint64)SIG_IGN || (h == (uint64)SIG_DFL && (BIT(sig) & IGNORED_BY_DEFAULT));
}

static void
interrupt(struct proc *p)
{
  if (p->state == SLEEPING)
    p->state = RUNNABLE;   // its sleep loop rechecks and sees killed()
}

void
signal_post_locked(struct proc *p, int sig)
{
  if (p->state == ZOMBIE || p->state == UNUSED)
    return;
  if (sig == SIGKILL) {
    p->killed = 1;
    p->stopped = 0;
    interrupt(p);
    return;
  }
  if (sig == SIGCONT) {
    p->sigpending &= ~STOPSIGS;
    if (p->stopped) {
      p->stopped = 0;
      interrupt(p);
    }
  }
  if (BIT(sig) & STOPSIGS)
    p->sigpending &= ~BIT(SIGCONT);
  if (ignored(p, sig))
    return;
  p->sigpending |= BIT(sig);
  if (!(p->sigmask & BIT(sig)))
    interrupt(p);
}

int
signal_fatal_pending(struct proc *p)
{
  uint ready = p->sigpending & ~p->sigmask;
  if (p->killed)
    return SIGKILL;
  for (int sig = 1; sig < NSIG; sig++)
    if ((ready & BIT(sig)) && p->sigacts->act[sig].handler == (uint64)SIG_DFL &&
        !(BIT(sig) & (IGNORED_BY_DEFAULT | STOPSIGS)))
      return sig;
  return 0;
}

void
signal_post(struct proc *p, int sig)
{
  acquire(&p->lock);
  signal_post_locked(p, sig);
  release(&p->lock);
}

// Does pid (as sigkill's argument) select p? p->lock held.
static int
selects(struct proc *me, struct proc *p, int pid)
{
  if (pid > 0)
    return p->pid == pid;
  if (p == proc_init() || p->state == UNUSED)
    return 0;                 // groups and "all" never include init
  if (pid == -1)
    return p != me;
  return p->pgid == (pid == 0 ? me->pgid : -pid);
}

int
signal_send(int pid, int sig)
{
  struct proc *me = myproc();
  int found = 0, refused = 0;
  if (sig < 0 || sig >= NSIG)
    return -EINVAL;
  if (pid > 0 && proc_init() && pid == proc_init()->pid)
    return -EPERM;            // init keeps the system alive
  proc_scan_begin();
  for (int i = 0; i < CONFIG_NR_PROCS; i++) {
    struct proc *p = proc_lock_index(i);
    if (p == NULL)
      continue;
    if (selects(me, p, pid)) {
      if (!cred_may_kill(p)) {
        refused++;
      } else {
        found++;
        if (sig != 0)
          signal_post_locked(p, sig);
      }
    }
    release(&p->lock);
  }
  proc_scan_end();
  if (found)
    return 0;
  return refused ? -EPERM : -ESRCH;
}

// Stop until SIGCONT or SIGKILL; tell the parent first (waitpid WUNTRACED
// and SIGCHLD). The wait is a sleep on p->lock itself, so a SIGCONT sent
// under p->lock cannot be missed.
static void
stop(struct proc *p, int sig)
{
  acquire(&p->lock);
  p->stopped = 1;
  p->stopsig = sig;
  p->stop_reported = 0;
  release(&p->lock);
  proc_notify_parent(p);
  acquire(&p->lock);
  while (p->stopped && !p->killed) {
    p->chan = &p->stopped;
    p->state = SLEEPING;
    sched();
  }
  p->chan = NULL;
  release(&p->lock);
}

static void __attribute__((noreturn))
die(struct proc *p, int sig)
{
  p->termsig = sig;
  kexit(-1);                  // wait() sees -1 as for xv6's kill
}

// Build the handler's frame on the user stack and point the trapframe at
// the handler. A stack that cannot take the frame ends the process.
static void
enter_handler(struct proc *p, int sig, struct ksigaction *a, uint mask)
{
  struct trapframe *tf = p->trapframe;
  struct sigframe f;
  memmove(f.regs, user_regs(tf), sizeof(f.regs));
  f.epc = tf->epc;
  f.mask = mask;
  f.magic = FRAME_MAGIC;
  uint64 sp = (tf->sp - sizeof(f)) & ~15UL;
  if (sp >= tf->sp || copyout(p->pagetable, sp, &f, sizeof(f)) < 0)
    die(p, SIGSEGV);
  tf->sp = sp;
  tf->a0 = sig;
  tf->ra = a->restorer;
  tf->epc = a->handler;
  acquire(&p->lock);
  p->sigmask |= (a->mask | ((a->flags & SA_NODEFER) ? 0 : BIT(sig))) & ~UNBLOCKABLE;
  release(&p->lock);
  if (a->flags & SA_RESETHAND)
    memset(a, 0, sizeof(*a));
}

int
signal_deliver(struct proc *p)
{
  int what = 0;
  for (;;) {
    acquire(&p->lock);
    if (p->killed) {
      release(&p->lock);
      die(p, p->termsig ? p->termsig : SIGKILL);
    }
    uint ready = p->sigpending & (~p->sigmask | UNBLOCKABLE);
    if (ready == 0 && p->restore_mask) {
      // sigsuspend ended without a handler to restore its mask
      p->sigmask = p->saved_mask;
      p->restore_mask = 0;
      release(&p->lock);
      continue;
    }
    if (ready == 0) {
      release(&p->lock);
      return what;
    }
    int sig = 1;
    while (!(ready & BIT(sig)))   // lowest first (no ctz: no libgcc here)
      sig++;
    p->sigpending &= ~BIT(sig);
    struct ksigaction *a = &p->sigacts->act[sig];
    uint oldmask = p->sigmask;
    if (a->handler > (uint64)SIG_IGN && p->restore_mask) {
      oldmask = p->saved_mask;
      p->restore_mask = 0;
    }
    release(&p->lock);

    if (a->handler == (uint64)SIG_IGN)
      continue;
    if (a->handler != (uint64)SIG_DFL) {
      enter_handler(p, sig, a, oldmask);
      return what | DELIVER_HANDLER;   // one at a time: the rest after sigreturn
    }
    if (BIT(sig) & IGNORED_BY_DEFAULT)
      continue;
    if (!(BIT(sig) & STOPSIGS))
      die(p, sig);
    stop(p, sig);
    what |= DELIVER_STOPPED;
  }
}

void
signal_fault(struct proc *p, int sig)
{
  struct ksigaction *a = &p->sigacts->act[sig];
  acquire(&p->lock);
  int caught = a->handler > (uint64)SIG_IGN && !(p->sigmask & BIT(sig));
  if (caught)
    p->sigpending |= BIT(sig);
  release(&p->lock);
  if (!caught) {
    // Ignoring or blocking a fault would only repeat it: end the process.
    printf_ratelimited("killed on a fault", "pid %d (%s): %s at pc 0x%lx: killed\n", p->pid, p->name,
                       sig == SIGSEGV ? "segmentation fault" : sig == SIGBUS ? "bus error"
                                      : "illegal instruction",
                       p->trapframe->epc);
    die(p, sig);
  }
}

// Hart 0, every tick: send SIGALRM to processes whose alarm is due. The
// peek at alarm_at is unlocked; the due check is repeated under p->lock.
void
signal_tick(void)
{
  uint now = __atomic_load_n(&ticks, __ATOMIC_RELAXED);
  for (int i = 0; i < CONFIG_NR_PROCS; i++) {
    struct proc *p = proc_lock_index(i);
    if (p == NULL)
      continue;
    if (p->alarm_at != 0 && (int)(now - p->alarm_at) >= 0) {
      p->alarm_at = 0;
      signal_post_locked(p, SIGALRM);
    }
    release(&p->lock);
  }
}

// ---- system calls -----------------------------------------------------

long
sys_sigkill(void)
{
  return signal_send(argint(0), argint(1));
}

// sigaction(sig, act, oldact): either pointer may be 0.
long
sys_sigaction(void)
{
  struct proc *p = myproc();
  int sig = argint(0);
  uint64 uact = argaddr(1), uold = argaddr(2);
  struct sigaction sa;
  if (sig <= 0 || sig >= NSIG)
    return -EINVAL;
  struct ksigaction *a = &p->sigacts->act[sig];
  if (uold) {
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = (sighandler_t)a->handler;
    sa.sa_mask = a->mask;
    sa.sa_flags = a->flags;
    sa.sa_restorer = (void (*)(void))a->restorer;
    if (copyout(p->pagetable, uold, &sa, sizeof(sa)) < 0)
      return -EFAULT;
  }
  if (uact == 0)
    return 0;
  if (copyin(p->pagetable, &sa, uact, sizeof(sa)) < 0)
    return -EFAULT;
  if (BIT(sig) & UNBLOCKABLE)
    return -EINVAL;           // SIGKILL and SIGSTOP cannot be caught or ignored
  a->handler = (uint64)sa.sa_handler;
  a->restorer = (uint64)sa.sa_restorer;
  a->mask = (uint)sa.sa_mask & ~UNBLOCKABLE & ~1U;
  a->flags = sa.sa_flags & (SA_NODEFER | SA_RESETHAND);
  if (ignored(p, sig)) {
    acquire(&p->lock);
    p->sigpending &= ~BIT(sig);   // POSIX: setting ignore discards it
    release(&p->lock);
  }
  return 0;
}

// sigprocmask(how, set, oldset): either pointer may be 0.
long
sys_sigprocmask(void)
{
  struct proc *p = myproc();
  int how = argint(0);
  uint64 uset = argaddr(1), uold = argaddr(2);
  sigset_t set = 0, old = p->sigmask;
  if (uset && copyin(p->pagetable, &set, uset, sizeof(set)) < 0)
    return -EFAULT;
  if (uold && copyout(p->pagetable, uold, &old, sizeof(old)) < 0)
    return -EFAULT;
  if (uset == 0)
    return 0;
  uint m = p->sigmask;
  if (how == SIG_BLOCK)
    m |= set;
  else if (how == SIG_UNBLOCK)
    m &= ~set;
  else if (how == SIG_SETMASK)
    m = set;
  else
    return -EINVAL;
  acquire(&p->lock);
  p->sigmask = m & ~UNBLOCKABLE & ~1U;
  release(&p->lock);
  return 0;
}

// The handler returned (through its restorer) with sp at its frame. The
// frame is user memory, so it is checked and only user state taken.
long
sys_sigreturn(void)
{
  struct proc *p = myproc();
  struct trapframe *tf = p->trapframe;
  struct sigframe f;
  if (copyin(p->pagetable, &f, tf->sp, sizeof(f)) < 0 || f.magic != FRAME_MAGIC)
    die(p, SIGSEGV);
  memmove(user_regs(tf), f.regs, sizeof(f.regs));
  tf->epc = f.epc;
  acquire(&p->lock);
  p->sigmask = (uint)f.mask & ~UNBLOCKABLE & ~1U;
  release(&p->lock);
  return tf->a0;              // syscall_dispatch leaves a0 as restored
}

// Sleep until a signal is pending that is not blocked (or a kill).
static void
wait_for_signal(struct proc *p)
{
  acquire(&p->lock);
  while (!p->killed && !(p->sigpending & ~p->sigmask)) {
    p->chan = &p->sigpending;
    p->state = SLEEPING;
    sched();
  }
  p->chan = NULL;
  release(&p->lock);
}

long
sys_pause(void)
{
  wait_for_signal(myproc());
  return -EINTR;
}

// sigsuspend(&mask): wait with mask in force; the handler's return puts
// the old mask back.
long
sys_sigsuspend(void)
{
  struct proc *p = myproc();
  sigset_t set;
  if (copyin(p->pagetable, &set, argaddr(0), sizeof(set)) < 0)
    return -EFAULT;
  acquire(&p->lock);
  p->saved_mask = p->sigmask;
  p->restore_mask = 1;
  p->sigmask = (uint)set & ~UNBLOCKABLE & ~1U;
  release(&p->lock);
  wait_for_signal(p);
  return -EINTR;              // signal_deliver restores the mask
}

// alarm(seconds): SIGALRM after that long (0 cancels); returns the
// seconds that were left of the previous alarm.
long
sys_alarm(void)
{
  struct proc *p = myproc();
  int secs = argint(0);
  if (secs < 0)
    return -EINVAL;
  acquire(&p->lock);
  uint now = ticks;
  int left = 0;
  if (p->alarm_at != 0 && (int)(p->alarm_at - now) > 0)
    left = ((p->alarm_at - now) + TICKS_PER_SEC - 1) / TICKS_PER_SEC;
  p->alarm_at = secs ? now + (uint)secs * TICKS_PER_SEC : 0;
  if (p->alarm_at == 0 && secs)
    p->alarm_at = 1;
  release(&p->lock);
  return left;
}

long
sys_lasterror(void)
{
  return myproc()->lasterror;
}

long
sys_waitpid(void)
{
  return kwaitpid(argint(0), argaddr(1), argint(2));
}
