// include/uapi/octopos/signal.h: signal numbers, actions, masks and wait
// statuses (calls 53-60, CONFIG_SIGNALS).
//
// Numbers are Linux's, which most programs and people expect. A mask has
// bit s for signal s (bit 0 unused), so masks read like the numbers.
#ifndef UAPI_OCTOPOS_SIGNAL_H
#define UAPI_OCTOPOS_SIGNAL_H

#define SIGHUP     1
#define SIGINT     2
#define SIGQUIT    3
#define SIGILL     4
#define SIGTRAP    5
#define SIGABRT    6
#define SIGBUS     7
#define SIGFPE     8
#define SIGKILL    9
#define SIGUSR1   10
#define SIGSEGV   11
#define SIGUSR2   12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGCHLD   17
#define SIGCONT   18
#define SIGSTOP   19
#define SIGTSTP   20
#define SIGTTIN   21
#define SIGTTOU   22
#define SIGXCPU   24
#define NSIG      32      // signals are 1..NSIG-1

typedef unsigned long sigset_t;   // bit s is signal s
#define sigmask(s) (1UL << (s))

typedef void (*sighandler_t)(int);
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)

// sa_restorer is where a handler returns to: the user library's sigreturn
// stub (signal() fills it in). sa_mask is blocked while the handler runs,
// as is the signal itself unless SA_NODEFER.
struct sigaction {
  sighandler_t sa_handler;
  sigset_t sa_mask;
  int sa_flags;
  void (*sa_restorer)(void);
};
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000

// sigprocmask(how, ...)
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

// waitpid(pid, &status, options) and its status word
#define WNOHANG    1
#define WUNTRACED  2
#define WIFEXITED(s)   (((s) & 0x7f) == 0)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFSIGNALED(s) (((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s)    ((s) & 0x7f)
#define WIFSTOPPED(s)  (((s) & 0xff) == 0x7f)
#define WSTOPSIG(s)    (((s) >> 8) & 0xff)

#endif
