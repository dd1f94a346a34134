// user/bin/free.c: show physical memory, harts, processes and clock rates (sysinfo).
#include <user.h>

int
main(void)
{
  struct sysinfo si;

  if (sysinfo(&si) < 0) {
    fprintf(2, "free: sysinfo failed\n");
    return 1;
  }
  printf("        %10s %10s %10s\n", "total", "used", "free");
  printf("KiB:    %10lu %10lu %10lu\n", si.totalmem / 1024,
         (si.totalmem - si.freemem) / 1024, si.freemem / 1024);
  printf("pages:  %10lu %10lu %10lu\n", si.totalmem / 4096,
         (si.totalmem - si.freemem) / 4096, si.freemem / 4096);
  printf("harts: %d  procs: %d  uptime: %lu ticks\n", si.nharts, si.nproc,
         si.uptime);
  printf("clock: %lu ticks/s, timebase %lu Hz\n", si.hz, si.timebase);
  return 0;
}
