// user/picolibc/sys.h: the raw octopos system calls as the picolibc glue
// sees them (stubs from user/lib/usys.S assembled with the __sys_ prefix).
//
// Every one returns -1 on any error (the xv6 ABI). A kernel with
// CONFIG_SIGNALS keeps the error number of the caller's last failed call,
// which __sys_lasterror() returns: that is errno. On a kernel without it
// the glue works errno out itself (errno_for_path() and friends in io.c).
// Include it before any picolibc header. Kernel structs are reached under other names (octopos_stat, ...) so that
// picolibc's struct stat and struct dirent keep theirs.
#ifndef OCTOPOS_PICOLIBC_SYS_H
#define OCTOPOS_PICOLIBC_SYS_H

#define stat octopos_stat
#define dirent octopos_dirent
#include <uapi/octopos/stat.h>
#include <uapi/octopos/fs.h>
#include <uapi/octopos/xstat.h>
#undef stat
#undef dirent
#include <uapi/octopos/posix.h>
// picolibc's <sys/stat.h> defines these again (same values, other spelling).
#undef S_ISUID
#undef S_ISGID
#undef S_IRUSR
#undef S_IWUSR
#undef S_IXUSR
#undef S_IRGRP
#undef S_IWGRP
#undef S_IXGRP
#undef S_IROTH
#undef S_IWOTH
#undef S_IXOTH

int  __sys_fork(void);
void __sys_exit(int status) __attribute__((noreturn));
int  __sys_wait(int *status);
int  __sys_pipe(int *fds);
int  __sys_read(int fd, void *buf, int n);
int  __sys_write(int fd, const void *buf, int n);
int  __sys_close(int fd);
int  __sys_kill(int pid);
int  __sys_exec(const char *path, char *const *argv);
int  __sys_open(const char *path, int flags);
int  __sys_fstat(int fd, struct octopos_stat *st);
int  __sys_xstat(int fd, struct xstat *st);
int  __sys_chdir(const char *path);
int  __sys_dup(int fd);
int  __sys_getpid(void);
char *__sys_sbrk(long n);
int  __sys_sleep(int ticks);
int  __sys_uptime(void);
int  __sys_unlink(const char *path);
int  __sys_link(const char *oldpath, const char *newpath);
int  __sys_mkdir(const char *path);
int  __sys_getdents(int fd, void *buf, int n);
long __sys_lseek(int fd, long off, int whence);
int  __sys_getcwd(char *buf, int n);
int  __sys_dup2(int oldfd, int newfd);
int  __sys_clock_gettime(int clk, struct octopos_timespec *ts);
int  __sys_nanosleep(const struct octopos_timespec *req, struct octopos_timespec *rem);
int  __sys_ftruncate(int fd, long len);
int  __sys_isatty(int fd);
int  __sys_getuid(void);
int  __sys_chmod(const char *path, int mode);
int  __sys_uname(void *u);
int  __sys_lasterror(void);
int  __sys_geteuid(void);
int  __sys_getgid(void);
int  __sys_getegid(void);
int  __sys_setuid(int uid);
int  __sys_setgid(int gid);
int  __sys_chown(const char *path, int uid, int gid);
int  __sys_umask(int mask);
int  __sys_rename(const char *oldpath, const char *newpath);
int  __sys_symlink(const char *target, const char *path);
int  __sys_sync(void);
int  __sys_fsync(int fd);
int  __sys_getppid(void);

// xv6's open flags (<uapi/octopos/fcntl.h>), which picolibc's differ from.
#define OCTOPOS_O_WRONLY 0x001
#define OCTOPOS_O_RDWR   0x002
#define OCTOPOS_O_CREATE 0x200
#define OCTOPOS_O_TRUNC  0x400

// Set errno to e and return -1: what every failing glue function does.
int __octopos_fail(int e);
// The kernel's error number for the call that has just failed, or 0 when
// the kernel does not keep one (no CONFIG_SIGNALS). Call it before any
// other system call, which would replace it.
int __octopos_kernel_errno(void);
// errno from the kernel, or guess where it has none; returns -1.
int __octopos_error(int guess);

#endif
