// include/uapi/octopos/syscalls.h: the one system-call table.
//
// Both sides expand it: the kernel builds its dispatch array from it
// (kernel/syscall.c) and user/lib/usys.S turns each line into an ecall stub,
// so a number can never disagree between the two. Numbers 1-21 are
// xv6-riscv's and never change; new calls take new numbers from 22 up.
// Define SYSCALL(name, number) before including this file.
SYSCALL(fork,      1)
SYSCALL(exit,      2)
SYSCALL(wait,      3)
SYSCALL(pipe,      4)
SYSCALL(read,      5)
SYSCALL(kill,      6)
SYSCALL(exec,      7)
SYSCALL(fstat,     8)
SYSCALL(chdir,     9)
SYSCALL(dup,      10)
SYSCALL(getpid,   11)
SYSCALL(sbrk,     12)
SYSCALL(sleep,    13)
SYSCALL(uptime,   14)
SYSCALL(open,     15)
SYSCALL(write,    16)
SYSCALL(mknod,    17)
SYSCALL(unlink,   18)
SYSCALL(link,     19)
SYSCALL(mkdir,    20)
SYSCALL(close,    21)
// octopos extensions
SYSCALL(sysinfo,  22)   // int sysinfo(struct sysinfo *): memory, harts, procs
SYSCALL(uname,    23)   // int uname(struct utsname *)
SYSCALL(poweroff, 24)   // int poweroff(int how): 0 off, 1 reboot
SYSCALL(readdir,  25)   // reserved
SYSCALL(getconfig,26)   // int getconfig(char *buf, int n): the kernel's .config (CONFIG_IKCONFIG)
SYSCALL(lockstat, 27)   // int lockstat(struct lockstat_rec *, int n) (CONFIG_LOCK_STAT)
SYSCALL(symlink,  28)   // int symlink(const char *target, const char *path) (CONFIG_FS_SYMLINKS)
SYSCALL(getuid,   29)   // CONFIG_MULTIUSER from here on
SYSCALL(geteuid,  30)
SYSCALL(getgid,   31)
SYSCALL(getegid,  32)
SYSCALL(setuid,   33)   // int setuid(int uid): root only
SYSCALL(setgid,   34)   // int setgid(int gid): root only
SYSCALL(chmod,    35)   // int chmod(const char *path, int mode)
SYSCALL(chown,    36)   // int chown(const char *path, int uid, int gid): root only
SYSCALL(umask,    37)   // int umask(int mask): returns the old mask
SYSCALL(xstat,    38)   // int xstat(int fd, struct xstat *): stat with mode, uid, gid, mtime
SYSCALL(gettime,  39)   // int gettime(unsigned long *ns): wall-clock time (RTC)
SYSCALL(lockstat_harts, 40) // int lockstat_harts(int class, struct lockstat_hart_rec *, int n) (CONFIG_LOCK_STAT)
SYSCALL(lockbench, 41)  // long lockbench(int what, int n): time-CSR ticks of n lock operations (CONFIG_LOCK_BENCH)
SYSCALL(pagebench,42)   // int pagebench(int n, int batch, struct pagebench *) (CONFIG_PAGE_ALLOC_BENCH)
