// user/bin/ps.c: list processes (CONFIG_PROCINFO).
//
//   ps      the processes of this session (this login), or of this user
//           on a kernel without sessions
//   ps -e   every process
// Columns: PID PPID PGID USER S TIME CMD, S being R running or runnable,
// S sleeping, T stopped, Z zombie, and TIME minutes:seconds of CPU.
#include <user.h>
#include <account.h>

static struct procinfo pi[256];

static const char *
username(int uid)
{
  static struct passwd_ent pw;
  static char num[12];
  if (account_getpwuid(uid, &pw) == 0)
    return pw.name;
  int n = 0, u = uid < 0 ? 0 : uid;
  char rev[12];
  do {
    rev[n++] = '0' + u % 10;
    u /= 10;
  } while (u && n < 11);
  for (int i = 0; i < n; i++)
    num[i] = rev[n - 1 - i];
  num[n] = 0;
  return num;
}

int
main(int argc, char *argv[])
{
  int all = argc > 1 && strcmp(argv[1], "-e") == 0;
  if (argc > 1 && !all) {
    fprintf(2, "usage: ps [-e]\n");
    return 1;
  }
  int n = procinfo(pi, sizeof(pi) / sizeof(pi[0]));
  if (n < 0) {
    fprintf(2, "ps: this kernel cannot list processes (CONFIG_PROCINFO)\n");
    return 1;
  }
  int mysid = getsid(0), myuid = getuid();
  printf("  PID  PPID  PGID USER     S   TIME CMD\n");
  for (int i = 0; i < n; i++) {
    struct procinfo *p = &pi[i];
    if (!all && (mysid > 0 ? p->sid != mysid : p->uid != myuid))
      continue;
    unsigned long secs = p->cputicks / 10;
    printf("%5d %5d %5d %-8s %c %3lu:%02lu %s\n", p->pid, p->ppid, p->pgid,
           username(p->uid), p->state, secs / 60, secs % 60, p->cmdline);
  }
  return 0;
}
