# tests/cases/picolibc.py: the programs built with picolibc
# (CONFIG_USER_LIBC_PICOLIBC) run: pwd follows cd (date, also picolibc, is
# devices.py's); errno is the kernel's own error number, so strerror names
# the true reason of each failure (user/pbin/errnotest.c; the messages are
# picolibc's: "Bad file number", "Not owner", where glibc says otherwise).
CASES = [
  dict(name="picolibc-progs",
       help="pwd (getcwd through picolibc) follows cd; in subdirectories too",
       requires=["CONFIG_USER_LIBC_PICOLIBC"],
       programs=["pwd"],
       steps=[
         ("pwd", r"^/\r?$"),
         "mkdir /pwdt",
         "cd /pwdt",
         ("pwd", r"^/pwdt\r?$"),
         "cd /dev",
         ("pwd", r"^/dev\r?$"),
       ]),
  dict(name="picolibc-errno",
       help="errnotest: each provoked failure's strerror(errno) is the kernel's reason "
            "(ENOENT, ENOTDIR, EISDIR, EEXIST, ENOTEMPTY, EBADF, ECHILD, ESRCH, ESPIPE, EMLINK, EACCES, EPERM)",
       requires=["CONFIG_USER_LIBC_PICOLIBC", "CONFIG_SIGNALS", "CONFIG_MULTIUSER"],
       programs=["errnotest"],
       steps=[dict(cmd="errnotest",
                   expect=[r"^open /no/such: No such file or directory\r?$",
                           r"^open /README/x: Not a directory\r?$",
                           r"^open / for writing: Is a directory\r?$",
                           r"^mkdir /dev: File exists\r?$",
                           r"^unlink /dev: Directory not empty\r?$",
                           r"^read fd 42: Bad file number\r?$",
                           r"^wait without children: No children\r?$",
                           r"^kill 30000: No such process\r?$",
                           r"^lseek on a pipe: Illegal seek\r?$",
                           r"^link past LINK_MAX: Too many links\r?$",
                           r"^open /etc/shadow as uid 1000: Permission denied\r?$",
                           r"^kill 1 as uid 1000: Not owner\r?$",
                           r"^mkdir /errno.u as uid 1000: Permission denied\r?$",
                           r"^rmdir /errno.d: Directory not empty\r?$",
                           r"^errnotest: ALL PASSED\r?$"],
                   fail=r"^[^\n]*\((?:FAIL)[^\n]*", timeout=180)]),
]
