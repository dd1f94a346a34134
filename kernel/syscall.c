// kernel/syscall.c: system-call dispatch and argument fetching.
//
// The table (kernel/syscall_table.S) comes from <uapi/octopos/syscalls.h>, the same file the user
// library's stubs are generated from. Handlers for calls that this
// configuration does not build are weak and resolve to 0: -ENOSYS.
// We don't trust user code: every address is checked by copyin/copyinstr.
#include <octopos/types.h>
#include <octopos/proc.h>
#include <octopos/syscall.h>
#include <octopos/vm.h>
#include <octopos/errno.h>
#include <octopos/printk.h>
#include <octopos/signal.h>

// kernel/syscall_table.S: each handler's address, 32 bits an entry.
extern const uint32 syscall_table[], syscall_table_end[];

static uint64
argraw(int n)
{
  struct trapframe *tf = myproc()->trapframe;
  switch (n) {
  case 0: return tf->a0;
  case 1: return tf->a1;
  case 2: return tf->a2;
  case 3: return tf->a3;
  case 4: return tf->a4;
  case 5: return tf->a5;
  }
  panic("argraw: argument %d", n);
}

int
argint(int n)
{
  return (int)argraw(n);
}

uint64
argaddr(int n)
{
  return argraw(n);
}

int
fetchaddr(uint64 addr, uint64 *ip)
{
  return copyin(myproc()->pagetable, ip, addr, sizeof(*ip));
}

int
fetchstr(uint64 addr, char *buf, int max)
{
  int r = copyinstr(myproc()->pagetable, buf, addr, max);
  if (r < 0)
    return r;
  int n = 0;
  while (n < max && buf[n])
    n++;
  return n;
}

int
argstr(int n, char *buf, int max)
{
  return fetchstr(argaddr(n), buf, max);
}

void
syscall_dispatch(void)
{
  struct proc *p = myproc();
  uint64 num = p->trapframe->a7;
  long r;
  uint32 h = num < (uint64)(syscall_table_end - syscall_table) ? syscall_table[num] : 0;
  if (h != 0)
    r = ((long (*)(void))(uint64)h)();
  else
    r = -ENOSYS;
  if (IS_ENABLED(CONFIG_SIGNALS) && num == SYSNR_sigreturn)
    return;   // a0 is the interrupted program's, restored from its frame
  // With signals, user space can also ask for the error number
  // (lasterror, user/lib/strerror.c); only a0 changes, as in xv6.
  // xv6 ABI: every error is -1.
  if (IS_ENABLED(CONFIG_SIGNALS) && r < 0 && r >= -MAX_ERRNO && num != SYSNR_lasterror)
    p->lasterror = -r;
  p->trapframe->a0 = (r < 0 && r >= -MAX_ERRNO) ? -1 : r;
}
