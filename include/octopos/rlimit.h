// include/octopos/rlimit.h: per-process resource limits (kernel/rlimit.c,
// CONFIG_RLIMITS). Callers test IS_ENABLED(CONFIG_RLIMITS) first, so none
// of this is linked into a kernel without the option.
#ifndef OCTOPOS_RLIMIT_H
#define OCTOPOS_RLIMIT_H
#include <uapi/octopos/resource.h>

struct proc;

void rlimit_init(struct proc *p);                 // the first process: defaults
void rlimit_fork(struct proc *child, struct proc *parent);
int  rlimit_fork_denied(struct proc *p);          // 1: p may not fork now
int  rlimit_nofile(struct proc *p);               // descriptors p may have
void rlimit_tick(struct proc *p);                 // a timer tick charged to p

#endif
