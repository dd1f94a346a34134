// include/octopos/syscall.h: fetching system-call arguments (kernel/syscall.c).
//
// Handlers are `long sys_NAME(void)`, one per line of
// <uapi/octopos/syscalls.h>. They read their arguments with these helpers and
// return a value or a negative error code; the dispatcher folds every error to
// -1 for the xv6 ABI. A call whose handler is not built returns -ENOSYS.
#ifndef OCTOPOS_SYSCALL_H
#define OCTOPOS_SYSCALL_H
#include <octopos/types.h>

int    argint(int n);                          // n-th argument as int
uint64 argaddr(int n);                         // n-th argument as an address (unchecked)
// Copy the n-th argument, a user string, into buf. Returns its length or
// -EFAULT / -ENAMETOOLONG.
int    argstr(int n, char *buf, int max);
int    fetchaddr(uint64 addr, uint64 *ip);     // 0 or -EFAULT
int    fetchstr(uint64 addr, char *buf, int max);

#define SYSCALL(name, nr) long sys_##name(void);
#include <uapi/octopos/syscalls.h>
#undef SYSCALL



// kernel/syscall.c: run the call in a7 for the current process, result in a0.
void syscall_dispatch(void);
#endif
