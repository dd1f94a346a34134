// kernel/cred.c: user and group ids of processes (CONFIG_MULTIUSER).
//
// Each process has a real id (who started it) and an effective id (whose
// rights it uses); they differ only after exec of a set-user-id file. Ids
// are plain numbers: names live in /etc/passwd, which the kernel never
// reads. Root (euid 0) may change ids; others may only set their effective
// id back to their real one (to drop set-user-id rights). The ids are
// private to the process (only it changes them), so no lock is needed to
// read one's own; reading another's (kill) races only with that process's
// setuid, and either answer is one the caller could have got a moment
// earlier or later.
#include <octopos/types.h>
#include <octopos/cred.h>
#include <octopos/errno.h>
#include <octopos/proc.h>
#include <octopos/syscall.h>
#include <uapi/octopos/xstat.h>

long
sys_getuid(void)
{
  return myproc()->uid;
}

long
sys_geteuid(void)
{
  return myproc()->euid;
}

long
sys_getgid(void)
{
  return myproc()->gid;
}

long
sys_getegid(void)
{
  return myproc()->egid;
}

// setuid(uid): root sets real and effective id; anyone may set the
// effective id to the real one.
long
sys_setuid(void)
{
  struct proc *p = myproc();
  int uid = argint(0);

  if (uid < 0)
    return -EINVAL;
  if (p->euid == 0) {
    p->uid = p->euid = uid;
    return 0;
  }
  if ((uint)uid == p->uid) {
    p->euid = uid;
    return 0;
  }
  return -EPERM;
}

long
sys_setgid(void)
{
  struct proc *p = myproc();
  int gid = argint(0);

  if (gid < 0)
    return -EINVAL;
  if (p->euid == 0) {
    p->gid = p->egid = gid;
    return 0;
  }
  if ((uint)gid == p->gid) {
    p->egid = gid;
    return 0;
  }
  return -EPERM;
}

int
cred_may_kill(struct proc *target)
{
  struct proc *p = myproc();

  return p->euid == 0 || p->uid == target->uid || p->euid == target->uid;
}

void
cred_exec(struct proc *p, uint mode, uint uid, uint gid)
{
  if (mode & S_ISUID)
    p->euid = uid;
  if (mode & S_ISGID)
    p->egid = gid;
}

int
cred_may_poweroff(void)
{
  return myproc()->euid == 0 ? 0 : -EPERM;
}
