// include/uapi/octopos/sysinfo.h: what sysinfo() (call 22) and uname() (23) report.
#ifndef UAPI_OCTOPOS_SYSINFO_H
#define UAPI_OCTOPOS_SYSINFO_H

struct sysinfo {
  unsigned long freemem;    // free bytes of physical memory
  unsigned long totalmem;   // bytes managed by the page allocator
  unsigned int nharts;      // harts running the kernel
  unsigned int nproc;       // processes in use
  unsigned long uptime;     // ticks since boot
  unsigned long timebase;   // Hz of the time CSR (rdtime), from the devicetree
  unsigned long hz;         // ticks per second (CONFIG_HZ): uptime's unit
};

struct utsname {
  char sysname[16];         // "octopos"
  char release[16];         // "0.1.0"
  char config[32];          // defconfig the kernel came from
  char machine[16];         // "riscv64"
  char buildid[32];         // build identifier
};

#endif
