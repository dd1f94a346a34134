// user/picolibc/ids.c: user and group ids for picolibc programs.
//
// getuid and friends over octopos's calls 29-34 (CONFIG_MULTIUSER); on a
// kernel without them every process is root (0), as on xv6, and setuid
// fails with the kernel's error. getppid needs CONFIG_PROCINFO (else 1).
#include "sys.h"
#include <errno.h>
#include <unistd.h>

// A kernel without the call answers -1: read that as 0, root.
static int
id_or_root(int r)
{
  return r < 0 ? 0 : r;
}

uid_t getuid(void)  { return id_or_root(__sys_getuid()); }
uid_t geteuid(void) { return id_or_root(__sys_geteuid()); }
gid_t getgid(void)  { return id_or_root(__sys_getgid()); }
gid_t getegid(void) { return id_or_root(__sys_getegid()); }

int
setuid(uid_t uid)
{
  return __sys_setuid(uid) == 0 ? 0 : __octopos_error(EPERM);
}

int
setgid(gid_t gid)
{
  return __sys_setgid(gid) == 0 ? 0 : __octopos_error(EPERM);
}

pid_t
getppid(void)
{
  int r = __sys_getppid();
  return r < 0 ? 1 : r;
}
