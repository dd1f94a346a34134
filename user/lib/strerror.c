// user/lib/strerror.c: error messages, one table for every program.
//
// The xv6 ABI turns every failed call into -1. A kernel with
// CONFIG_SIGNALS also leaves the error number in a1, marked by bit 62
// (kernel/syscall.c);
// syscall_errno() makes a call and keeps it, so that a program can say
// what went wrong (kill: "permission denied", not "no such process").
// Linked only into the programs that use it (user/Makefile).
#include <user.h>

static const char *const msgs[] = {
  [1] "operation not permitted",  [2] "no such file or directory",
  [3] "no such process",          [4] "interrupted",
  [5] "input/output error",       [8] "not an executable",
  [9] "bad file descriptor",      [10] "no child processes",
  [11] "resource temporarily unavailable", [12] "out of memory",
  [13] "permission denied",       [14] "bad address",
  [16] "busy",                    [17] "file exists",
  [20] "not a directory",         [21] "is a directory",
  [22] "invalid argument",        [23] "too many open files in the system",
  [24] "too many open files",     [25] "not a terminal",
  [28] "no space left on device", [32] "broken pipe",
  [36] "file name too long",      [38] "function not implemented",
  [39] "directory not empty",
};

const char *
strerror(int err)
{
  if (err > 0 && err < (int)(sizeof(msgs) / sizeof(msgs[0])) && msgs[err])
    return msgs[err];
  return "error";
}

long
syscall_errno(int nr, long a0, long a1, int *err)
{
  register long r0 asm("a0") = a0;
  register long r1 asm("a1") = a1;
  register long r7 asm("a7") = nr;
  asm volatile("ecall" : "+r"(r0) : "r"(r1), "r"(r7) : "memory");
  // lasterror() fails (-1) on a kernel that does not keep the number.
  int e = r0 == -1 ? lasterror() : 0;
  *err = e > 0 ? e : 0;
  return r0;
}

// Signal names without "SIG", by number (uapi/octopos/signal.h).
static const char *const signames[NSIG] = {
  [SIGHUP] "HUP", [SIGINT] "INT", [SIGQUIT] "QUIT", [SIGILL] "ILL",
  [SIGTRAP] "TRAP", [SIGABRT] "ABRT", [SIGBUS] "BUS", [SIGFPE] "FPE",
  [SIGKILL] "KILL", [SIGUSR1] "USR1", [SIGSEGV] "SEGV", [SIGUSR2] "USR2",
  [SIGPIPE] "PIPE", [SIGALRM] "ALRM", [SIGTERM] "TERM", [SIGCHLD] "CHLD",
  [SIGCONT] "CONT", [SIGSTOP] "STOP", [SIGTSTP] "TSTP", [SIGTTIN] "TTIN",
  [SIGTTOU] "TTOU", [SIGXCPU] "XCPU",
};

const char *
signame(int sig)
{
  return sig > 0 && sig < NSIG ? signames[sig] : 0;
}

// "TERM", "SIGTERM" or "15": the number, or -1.
int
signum(const char *s)
{
  if (s[0] >= '0' && s[0] <= '9') {
    int n = atoi(s);
    return n < NSIG ? n : -1;
  }
  if (strncmp(s, "SIG", 3) == 0)
    s += 3;
  for (int i = 1; i < NSIG; i++)
    if (signames[i] && strcmp(s, signames[i]) == 0)
      return i;
  return -1;
}
