// kernel/sysproc.c: process system calls (fork, exit, wait, kill, getpid,
// sbrk) and the octopos information calls (sysinfo, uname, poweroff).
#include <octopos/types.h>
#include <octopos/kmalloc.h>
#include <octopos/proc.h>
#include <octopos/cred.h>
#include <octopos/syscall.h>
#include <octopos/errno.h>
#include <octopos/vm.h>
#include <octopos/string.h>
#include <octopos/page_alloc.h>
#include <octopos/clock.h>
#include <octopos/fs.h>
#include <octopos/power.h>
#include <octopos/refcheck.h>
#include <octopos/version.h>
#include <uapi/octopos/sysinfo.h>

long
sys_fork(void)
{
  return kfork();
}

long
sys_exit(void)
{
  kexit(argint(0));
}

long
sys_wait(void)
{
  return kwait(argaddr(0));
}

long
sys_kill(void)
{
  return kkill(argint(0));
}

long
sys_getpid(void)
{
  return myproc()->pid;
}

// sbrk(n) returns the old break; a failed request leaves it unchanged.
long
sys_sbrk(void)
{
  int n = argint(0);
  uint64 old = myproc()->sz;
  int r = growproc(n);
  if (r < 0)
    return r;
  return old;
}

long
sys_sysinfo(void)
{
  struct sysinfo si;
  memset(&si, 0, sizeof(si));
  // Free pages, and the empty slabs the heap keeps for reuse: without them
  // free memory would seem to shrink by a page whenever a size class first
  // gets used (the leak check after usertests relies on this count).
  si.freemem = (uint64)(page_free_count() + kmalloc_idle_pages()) * PGSIZE;
  si.totalmem = (uint64)page_total_count() * PGSIZE;
  si.nharts = nharts_online;
  si.nproc = proc_count();
  si.uptime = ticks;
  si.timebase = timebase_hz;
  si.hz = CONFIG_HZ;
  return copyout(myproc()->pagetable, argaddr(0), &si, sizeof(si));
}

long
sys_uname(void)
{
  struct utsname u;
  memset(&u, 0, sizeof(u));
  safestrcpy(u.sysname, "octopos", sizeof(u.sysname));
  safestrcpy(u.release, OCTOPOS_VERSION, sizeof(u.release));
  safestrcpy(u.config, OCTOPOS_CONFIG_NAME, sizeof(u.config));
  safestrcpy(u.machine, "riscv64", sizeof(u.machine));
  safestrcpy(u.buildid, OCTOPOS_BUILD_ID, sizeof(u.buildid));
  return copyout(myproc()->pagetable, argaddr(0), &u, sizeof(u));
}

long
sys_poweroff(void)
{
  int how = argint(0);
  int err = cred_may_poweroff();
  if (err < 0)
    return err;
  if (how == 0 || how == 1) {
    refcheck_poweroff();      // debug kernels: every reference accounted for?
    vfs_flush();              // a deferred commit must not die with the machine
  }
  if (how == 1)
    machine_reboot();
  if (how != 0)
    return -EINVAL;
  machine_poweroff(0);
}
