// kernel/tty.c: sessions, process groups and the console as controlling
// terminal (CONFIG_JOB_CONTROL): setsid, setpgid, getpgid, getsid,
// tcsetpgrp, tcgetpgrp; ^C ^\ ^Z signal the foreground group; a background
// reader gets SIGTTIN.
//
// There is one terminal, the console. It belongs to at most one session
// (tty.sid), which a root session leader claims with tcsetpgrp when it is
// free (login does, right after setsid). While it is free only init's
// session (init, login at its prompt) may read it. When that leader exits the console is
// hung up: every process of the session gets SIGHUP (and SIGCONT, so the
// stopped ones see it) and is marked revoked, and from then on its reads
// and writes of the console fail with -EIO, as do those of anything it
// forks. So nothing left behind by one login can read what the next user
// types. Processes of no session with the console (init, login before
// setsid) read and write it freely while it is free.
//
// tty.lock guards tty.sid and tty.pgrp. Groups and sessions are ids in
// struct proc (p->pgid, p->sid), read under p->lock when another's.
#include <octopos/types.h>
#include <octopos/proc.h>
#include <octopos/signal.h>
#include <octopos/tty.h>
#include <octopos/syscall.h>
#include <octopos/errno.h>
#include <octopos/file.h>
#include <octopos/devsw.h>

static struct {
  struct spinlock lock;
  int sid;       // the session the console belongs to; 0: free
  int pgrp;      // its foreground process group
} tty;

void
tty_init(void)
{
  initlock(&tty.lock, "tty");
}

// Post sig to every process in group pgid (or, with pgid 0, session sid)
// without a permission check: the kernel's own signals.
static void
post_group(int pgid, int sid, int sig, int revoke)
{
  proc_scan_begin();
  for (int i = 0; i < CONFIG_NR_PROCS; i++) {
    struct proc *p = proc_lock_index(i);
    if (p == NULL)
      continue;
    if (pgid ? p->pgid == pgid : p->sid == sid) {
      if (revoke)
        p->tty_revoked = 1;
      signal_post_locked(p, sig);
      if (revoke)
        signal_post_locked(p, SIGCONT);
    }
    release(&p->lock);
  }
  proc_scan_end();
}

int
tty_check_read(void)
{
  struct proc *p = myproc();
  if (p->tty_revoked)
    return -EIO;
  acquire(&tty.lock);
  int sid = tty.sid, pgrp = tty.pgrp;
  release(&tty.lock);
  // A free console is read only by init's session (login at its prompt):
  // a process that made a session of its own earlier must not read the
  // next user's name and password.
  if (sid == 0)
    return p->sid == proc_init()->sid ? 0 : -EIO;
  if (p->sid != sid)
    return -EIO;
  if (p->pgid == pgrp)
    return 0;
  // A background reader: its group stops with SIGTTIN, unless the
  // reader ignores or blocks it, when the read just fails.
  if ((p->sigmask & (1U << SIGTTIN)) ||
      p->sigacts->act[SIGTTIN].handler == (uint64)SIG_IGN)
    return -EIO;
  post_group(p->pgid, 0, SIGTTIN, 0);
  return -EINTR;
}

int
tty_check_write(void)
{
  return myproc()->tty_revoked ? -EIO : 0;
}

int
tty_intr_char(int c)
{
  switch (c) {
  case 'C' - '@':  return SIGINT;
  case '\\' - '@': return SIGQUIT;
  case 'Z' - '@':  return SIGTSTP;
  }
  return 0;
}

void
tty_signal_fg(int sig)
{
  acquire(&tty.lock);
  int pgrp = tty.pgrp;
  release(&tty.lock);
  if (pgrp != 0)
    post_group(pgrp, 0, sig, 0);
}

void
tty_exit(struct proc *p)
{
  if (p->pid != p->sid)
    return;
  acquire(&tty.lock);
  int mine = tty.sid == p->sid;
  if (mine)
    tty.sid = tty.pgrp = 0;
  release(&tty.lock);
  if (!mine)
    return;
  post_group(0, p->sid, SIGHUP, 1);
  tty_hangup_input();
}

// ---- system calls -----------------------------------------------------

// The process pid names (0: the caller), locked, or NULL.
static struct proc *
lock_pid(int pid)
{
  if (pid == 0)
    pid = myproc()->pid;
  for (int i = 0; i < CONFIG_NR_PROCS; i++) {
    struct proc *p = proc_lock_index(i);
    if (p == NULL)
      continue;
    if (p->pid == pid && p->state != ZOMBIE)
      return p;
    release(&p->lock);
  }
  return NULL;
}

// Is there a process of group pgid in session sid?
static int
group_in_session(int pgid, int sid)
{
  int found = 0;
  for (int i = 0; i < CONFIG_NR_PROCS && !found; i++) {
    struct proc *p = proc_lock_index(i);
    if (p == NULL)
      continue;
    found = p->pgid == pgid && p->sid == sid && p->state != ZOMBIE;
    release(&p->lock);
  }
  return found;
}

// setsid(): a new session and group led by the caller, with no terminal.
long
sys_setsid(void)
{
  struct proc *p = myproc();
  if (p->pgid == p->pid || group_in_session(p->pid, p->sid))
    return -EPERM;            // already leads a group
  acquire(&p->lock);
  p->sid = p->pgid = p->pid;
  release(&p->lock);
  return p->pid;
}

// setpgid(pid, pgid): move the caller or a child of it (0: the caller)
// into group pgid (0: its own pid), a new one or one of the same session.
long
sys_setpgid(void)
{
  struct proc *me = myproc();
  int pid = argint(0), pgid = argint(1);
  if (pid < 0 || pgid < 0)
    return -EINVAL;
  struct proc *p = lock_pid(pid);
  if (p == NULL)
    return -ESRCH;
  int tpid = p->pid, tsid = p->sid;
  // p->parent changes only when its parent (me, running) exits.
  int ok = p == me || (p->sid == me->sid && p->parent == me);
  int leader = p->pid == p->sid;
  release(&p->lock);
  if (!ok)
    return -ESRCH;
  if (leader || tsid != me->sid)
    return -EPERM;
  if (pgid == 0)
    pgid = tpid;
  if (pgid != tpid && !group_in_session(pgid, tsid))
    return -EPERM;
  if ((p = lock_pid(tpid)) == NULL)
    return -ESRCH;
  p->pgid = pgid;
  release(&p->lock);
  return 0;
}

long
sys_getpgid(void)
{
  struct proc *p = lock_pid(argint(0));
  if (p == NULL)
    return -ESRCH;
  int pgid = p->pgid;
  release(&p->lock);
  return pgid;
}

long
sys_getsid(void)
{
  struct proc *p = lock_pid(argint(0));
  if (p == NULL)
    return -ESRCH;
  int sid = p->sid;
  release(&p->lock);
  return sid;
}

static int
is_console(int fd)
{
  struct file *f = fdget(fd);
  return f != NULL && f->type == FD_DEVICE && f->major == DEV_CONSOLE;
}

// tcsetpgrp(fd, pgid): make pgid the console's foreground group. A
// session leader whose session has no terminal claims the free console.
long
sys_tcsetpgrp(void)
{
  struct proc *p = myproc();
  int pgid = argint(1);
  if (!is_console(argint(0)))
    return -ENOTTY;
  if (p->tty_revoked)
    return -EIO;
  if (pgid <= 0 || !group_in_session(pgid, p->sid))
    return -EPERM;
  acquire(&tty.lock);
  if (tty.sid == 0 && p->pid == p->sid && p->euid == 0)
    tty.sid = p->sid;         // only root claims it: login, before setuid
  int r = tty.sid == p->sid ? 0 : -ENOTTY;
  if (r == 0)
    tty.pgrp = pgid;
  release(&tty.lock);
  return r;
}

long
sys_tcgetpgrp(void)
{
  struct proc *p = myproc();
  if (!is_console(argint(0)))
    return -ENOTTY;
  acquire(&tty.lock);
  int r = tty.sid != 0 && tty.sid == p->sid ? tty.pgrp : -ENOTTY;
  release(&tty.lock);
  return r;
}
