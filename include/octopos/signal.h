// include/octopos/signal.h: signals inside the kernel (kernel/signal.c,
// CONFIG_SIGNALS). Callers test IS_ENABLED(CONFIG_SIGNALS) first, so a
// kernel without the option links none of it.
#ifndef OCTOPOS_SIGNAL_H
#define OCTOPOS_SIGNAL_H
#include <octopos/types.h>
#include <uapi/octopos/signal.h>

struct proc;

// System-call numbers by name, from the one table: SYSNR_sigreturn.
#define SYSCALL(name, nr) SYSNR_##name = nr,
enum sysnr {
#include <uapi/octopos/syscalls.h>
};
#undef SYSCALL

// One process's handlers: private to it (only it changes them, at
// sigaction and exec), shared with nobody, copied at fork.
struct ksigaction {
  uint64 handler;             // SIG_DFL, SIG_IGN or a user address
  uint64 restorer;            // where the handler returns to
  uint mask;                  // blocked while the handler runs
  int flags;
};
struct sigacts {
  struct ksigaction act[NSIG];
};

int  signal_init(struct proc *p);                  // the first process
int  signal_fork(struct proc *child, struct proc *parent);  // 0 or -ENOMEM
void signal_free(struct proc *p);
void signal_exec(struct proc *p);                  // caught signals back to default
// Post sig to p, whose p->lock the caller holds (no permission check).
void signal_post_locked(struct proc *p, int sig);
void signal_post(struct proc *p, int sig);         // takes p->lock
// The signal p will die of on its way back to user space (SIGKILL if
// killed, else an unblocked pending signal whose action is to end it), or
// 0. p->lock held.
int  signal_fatal_pending(struct proc *p);
// Back to user space: act on pending signals (may not return). Says
// whether it stopped the process and whether a handler is to run: a system
// call that a stop interrupted, with no handler after it, is restarted.
#define DELIVER_STOPPED 1
#define DELIVER_HANDLER 2
int  signal_deliver(struct proc *p);
// A fault the process caused: deliver sig to its handler, or end it.
void signal_fault(struct proc *p, int sig);
void signal_tick(void);                            // hart 0, each tick: alarms
// Send sig to pid as sigkill does (pid > 0, 0, -1, < -1), with permission
// checks. 0 if any process got it, else -ESRCH or -EPERM.
int  signal_send(int pid, int sig);
// proc.c: wake p's parent in waitpid and send it SIGCHLD.
void proc_notify_parent(struct proc *p);

#endif
