// user/bin/kill.c: send a signal to processes.
//
//   kill pid...                 SIGTERM (xv6's kill, which ends the
//                               process, on a kernel without signals)
//   kill -NAME|-N pid...        that signal, e.g. kill -KILL 12, kill -9 12
//   kill -s NAME pid...
//   kill -- -pgid               a negative pid is a process group
//   kill -l [N]                 list the signal names, or name N
// Failures say why, with the kernel's error (user/lib/strerror.c).
#include <user.h>

#define SYS_KILL    6         // include/uapi/octopos/syscalls.h
#define SYS_SIGKILL 53

static int
list(char *arg)
{
  if (arg) {
    const char *n = signame(atoi(arg));
    if (n == 0) {
      fprintf(2, "kill: %s: no such signal\n", arg);
      return 1;
    }
    printf("%s\n", n);
    return 0;
  }
  for (int i = 1; i < NSIG; i++)
    if (signame(i))
      printf("%d) SIG%s\n", i, signame(i));
  return 0;
}

int
main(int argc, char *argv[])
{
  int status = 0, sig = -1, i = 1, err;
  struct sigaction sa;
  int have_signals = sigaction(SIGTERM, 0, &sa) == 0;

  if (argc >= 2 && strcmp(argv[1], "-l") == 0)
    return list(argc >= 3 ? argv[2] : 0);
  if (i < argc && strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
    sig = signum(argv[i + 1]);
    i += 2;
    if (sig < 0) {
      fprintf(2, "kill: %s: no such signal (kill -l lists them)\n", argv[i - 1]);
      return 1;
    }
  } else if (i < argc && argv[i][0] == '-' && strcmp(argv[i], "--") != 0) {
    sig = signum(argv[i] + 1);
    if (sig < 0) {
      fprintf(2, "kill: %s: no such signal (kill -l lists them)\n", argv[i]);
      return 1;
    }
    i++;
  }
  if (i < argc && strcmp(argv[i], "--") == 0)
    i++;
  if (i >= argc) {
    fprintf(2, "usage: kill [-SIGNAL | -s SIGNAL] [--] pid...\n");
    return 1;
  }
  if (sig >= 0 && !have_signals) {
    fprintf(2, "kill: this kernel has no signals (CONFIG_SIGNALS)\n");
    return 1;
  }
  for (; i < argc; i++) {
    int pid = atoi(argv[i][0] == '-' ? argv[i] + 1 : argv[i]);
    if (argv[i][0] == '-')
      pid = -pid;
    long r;
    if (have_signals)
      r = syscall_errno(SYS_SIGKILL, pid, sig < 0 ? SIGTERM : sig, &err);
    else
      r = syscall_errno(SYS_KILL, pid, 0, &err);
    if (r < 0) {
      fprintf(2, "kill: %s: %s\n", argv[i], err ? strerror(err) : "no such process");
      status = 1;
    }
  }
  return status;
}
