// include/uapi/octopos/resource.h: resource limits, getrlimit/setrlimit
// (calls 67-68, CONFIG_RLIMITS).
//
// Each limit has a soft value (cur), which is enforced, and a hard value
// (max), the ceiling an ordinary user may raise cur to. Only root raises max.
#ifndef UAPI_OCTOPOS_RESOURCE_H
#define UAPI_OCTOPOS_RESOURCE_H

#define RLIMIT_CPU    0   // seconds of CPU time; the process is killed past it
#define RLIMIT_NOFILE 1   // open file descriptors: a new fd is below this
#define RLIMIT_NPROC  2   // processes of this real user id (root is exempt)
#define RLIM_NLIMITS  3

#define RLIM_INFINITY (~0UL)

struct rlimit {
  unsigned long rlim_cur;
  unsigned long rlim_max;
};

#endif
