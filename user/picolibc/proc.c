// user/picolibc/proc.c: processes, time and memory for picolibc.
//
// _exit, fork, exec, wait, getpid, kill; sbrk for malloc (picolibc's own
// sbrk serves a fixed linker-script heap, which octopos programs lack);
// clocks and sleeping over clock_gettime/nanosleep (CONFIG_POSIX_CALLS);
// getentropy from /dev/random. Signals are not there: sigprocmask says
// yes and changes nothing, kill ends the process whatever the signal.
#include "sys.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void
_exit(int status)
{
  __sys_exit(status);
}

pid_t
fork(void)
{
  int r = __sys_fork();
  return r < 0 ? __octopos_error(EAGAIN) : r;
}

int
execv(const char *path, char *const argv[])
{
  __sys_exec(path, argv);
  return __octopos_error(ENOENT);
}

int
execve(const char *path, char *const argv[], char *const envp[])
{
  (void)envp;
  return execv(path, argv);
}

// execvp: as execv; octopos has no PATH, programs live in /.
int
execvp(const char *file, char *const argv[])
{
  return execv(file, argv);
}

pid_t
wait(int *status)
{
  int st = 0;
  int r = __sys_wait(&st);
  if (r < 0)
    return __octopos_error(ECHILD);
  // POSIX packs the exit status in bits 8-15 (WEXITSTATUS).
  if (status)
    *status = (st & 0xff) << 8;
  return r;
}

pid_t
getpid(void)
{
  return __sys_getpid();
}

int
kill(pid_t pid, int sig)
{
  (void)sig;
  return __sys_kill(pid) < 0 ? __octopos_error(ESRCH) : 0;
}

int
sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
  (void)how;
  (void)set;
  if (old)
    *old = 0;
  return 0;
}

void *
sbrk(ptrdiff_t incr)
{
  char *p = __sys_sbrk(incr);
  if (p == (char *)-1) {
    __octopos_error(ENOMEM);
    return (void *)-1;
  }
  return p;
}

int
clock_gettime(clockid_t clk, struct timespec *ts)
{
  struct octopos_timespec t;
  int which = clk == CLOCK_MONOTONIC ? OCTOPOS_CLOCK_MONOTONIC : OCTOPOS_CLOCK_REALTIME;

  if (clk != CLOCK_MONOTONIC && clk != CLOCK_REALTIME)
    return __octopos_fail(EINVAL);
  if (__sys_clock_gettime(which, &t) < 0)
    return __octopos_error(ENOSYS);
  ts->tv_sec = t.tv_sec;
  ts->tv_nsec = t.tv_nsec;
  return 0;
}

int
gettimeofday(struct timeval *tv, void *tz)
{
  struct timespec ts = { 0, 0 };
  (void)tz;
  if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
    return -1;
  tv->tv_sec = ts.tv_sec;
  tv->tv_usec = ts.tv_nsec / 1000;
  return 0;
}

clock_t
times(struct tms *t)
{
  struct timespec ts = { 0, 0 };
  clock_gettime(CLOCK_MONOTONIC, &ts);
  clock_t c = ts.tv_sec * CLOCKS_PER_SEC + ts.tv_nsec / (1000000000 / CLOCKS_PER_SEC);
  if (t) {
    t->tms_utime = c;       // no per-process accounting: all of it, as user time
    t->tms_stime = t->tms_cutime = t->tms_cstime = 0;
  }
  return c;
}

int
nanosleep(const struct timespec *req, struct timespec *rem)
{
  struct octopos_timespec r = { req->tv_sec, req->tv_nsec }, left;
  if (__sys_nanosleep(&r, &left) == 0)
    return 0;
  int e = __octopos_kernel_errno();
  if (e == 0)
    e = req->tv_nsec < 0 || req->tv_nsec >= 1000000000 || req->tv_sec < 0 ? EINVAL : EINTR;
  if (e == EINTR && rem) {
    rem->tv_sec = left.tv_sec;
    rem->tv_nsec = left.tv_nsec;
  }
  return __octopos_fail(e);
}

unsigned
sleep(unsigned s)
{
  struct timespec ts = { s, 0 };
  return nanosleep(&ts, &ts) == 0 ? 0 : (unsigned)ts.tv_sec;
}

int
usleep(useconds_t us)
{
  struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };
  return nanosleep(&ts, NULL);
}

int
getentropy(void *buf, size_t n)
{
  int fd = __sys_open("/dev/random", 0);
  if (n > 256)
    return __octopos_fail(EIO);
  if (fd < 0)
    return __octopos_fail(ENOSYS);
  int r = __sys_read(fd, buf, n);
  __sys_close(fd);
  return r == (int)n ? 0 : __octopos_fail(EIO);
}
