// include/uapi/octopos/procinfo.h: what procinfo() (call 69,
// CONFIG_PROCINFO) reports about each process, for ps.
#ifndef UAPI_OCTOPOS_PROCINFO_H
#define UAPI_OCTOPOS_PROCINFO_H

#define PI_CMDLINE 48

struct procinfo {
  int pid, ppid, pgid, sid;
  int uid, euid;
  char state;                 // R running or runnable, S sleeping, T stopped, Z zombie
  char pad[7];
  unsigned long cputicks;     // timer ticks spent running (10 a second)
  unsigned long size;         // bytes of user memory
  char cmdline[PI_CMDLINE];   // the arguments of its exec, space-separated, cut short
};

#endif
