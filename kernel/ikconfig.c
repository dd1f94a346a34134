// kernel/ikconfig.c: the kernel's own .config, readable from user space
// (CONFIG_IKCONFIG, like Linux's /proc/config.gz, uncompressed here).
//
// The build links $(O)/.config in as ikconfig_data (kernel/ikconfig_data.S);
// getconfig(buf, n) copies up to n bytes of it and returns its full size,
// so a caller can size its buffer with getconfig(0, 0).
#include <octopos/types.h>
#include <octopos/proc.h>
#include <octopos/syscall.h>
#include <octopos/vm.h>

extern const char ikconfig_data[], ikconfig_end[];

long
sys_getconfig(void)
{
  uint64 buf = argaddr(0);
  int n = argint(1);
  long size = ikconfig_end - ikconfig_data;
  if (n < 0)
    return -1;
  long m = MIN((long)n, size);
  if (m > 0) {
    int r = copyout(myproc()->pagetable, buf, ikconfig_data, m);
    if (r < 0)
      return r;
  }
  return size;
}
