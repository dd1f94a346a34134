// include/octopos/cred.h: process credentials (CONFIG_MULTIUSER, kernel/cred.c).
//
// struct proc carries uid/euid/gid/egid and umask (inherited on fork); they
// are all 0 without MULTIUSER, when every process is root and these
// checks are inline "yes".
#ifndef OCTOPOS_CRED_H
#define OCTOPOS_CRED_H
#include <octopos/types.h>

struct proc;

#if IS_ENABLED(CONFIG_MULTIUSER)
// May the current process kill target? Root may kill anyone, others only
// processes whose real user id is their real or effective one.
int  cred_may_kill(struct proc *target);
// exec of a file with this mode, owner and group succeeded: take on the
// owner (S_ISUID) and group (S_ISGID) as effective ids.
void cred_exec(struct proc *p, uint mode, uint uid, uint gid);
// Only root may power off or reboot: 0 or -EPERM.
int  cred_may_poweroff(void);
#else
static inline int  cred_may_kill(struct proc *target) { (void)target; return 1; }
static inline void cred_exec(struct proc *p, uint mode, uint uid, uint gid)
{
  (void)p; (void)mode; (void)uid; (void)gid;
}
static inline int  cred_may_poweroff(void) { return 0; }
#endif

#endif
