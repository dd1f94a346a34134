# tests/cases/picolibc.py: the programs built with picolibc
# (CONFIG_USER_LIBC_PICOLIBC) run: pwd follows cd (date, also picolibc, is
# devices.py's); errno is the kernel's own error number, so strerror names
# the true reason of each failure (user/pbin/errnotest.c; the messages are
# picolibc's: "Bad file number", "Not owner", where glibc says otherwise).
CASES = [
  dict(name="picolibc-progs",
       help="pwd (getcwd through picolibc) follows cd; in subdirectories too",
       requires=["CONFIG_USER_LIBC_PICOLIBC"],
       programs=["pwd", "mkdir"],   # mkdir is a program (USER_CORE_FULL), not a builtin
       steps=[
         ("pwd", r"^/\r?$"),
         "mkdir /pwdt",
         "cd /pwdt",
         ("pwd", r"^/pwdt\r?$"),
         "cd /dev",
         ("pwd", r"^/dev\r?$"),
       ]),
  dict(name="picolibc-tools",
       help="mkdir, rm, ln and mv built with picolibc say why they fail (the kernel's error); "
            "wc counts through stdio",
       requires=["CONFIG_USER_LIBC_PICOLIBC", "CONFIG_USER_CORE_FULL", "CONFIG_SIGNALS", "CONFIG_FS_SYNC"],
       programs=["mkdir", "rm", "ln", "mv", "wc", "echo"],
       steps=[
         ("mkdir /pt", []),
         ("mkdir /pt", r"^mkdir: cannot create /pt: File exists\r?$"),
         ("rm /dev", r"^rm: cannot remove /dev: Directory not empty\r?$"),
         ("ln /no-such /pt/x", r"^ln: link /no-such /pt/x: No such file or directory\r?$"),
         ("mv /no-such /pt/y", r"^mv: cannot move /no-such to /pt/y: No such file or directory\r?$"),
         ("echo one two > /pt/f", []),
         ("echo three >> /pt/f", []),
         ("ln /pt/f /pt/g", []),
         ("mv /pt/g /pt/h", []),
         ("wc /pt/f /pt/h", [r"^2 3 14 /pt/f\r?$", r"^2 3 14 /pt/h\r?$"]),
         ("rm /pt/f /pt/h /pt", []),
         ("wc /pt/f", r"^wc: cannot open /pt/f: No such file or directory\r?$"),
       ]),
  dict(name="picolibc-chmod",
       help="chmod built with picolibc sets modes, takes +t, and says why it fails",
       requires=["CONFIG_USER_LIBC_PICOLIBC", "CONFIG_USER_MULTIUSER", "CONFIG_SIGNALS"],
       programs=["chmod", "ls", "echo", "mkdir"],
       steps=[
         ("echo x > /cm", []),
         ("chmod 640 /cm", []),
         ("ls -l /cm", r"^-rw-r----- 1 root "),
         ("mkdir /cmd", []),
         ("chmod 700 /cmd", []),
         ("ls -l /", r"^drwx------ \d+ root .* cmd\s*$"),
         dict(cmd="chmod +t /cmd", reject=[r"chmod:"]),
         ("chmod +t /no-such", r"^chmod: /no-such: No such file or directory\r?$"),
         ("chmod 644 /no-such", r"^chmod: /no-such: No such file or directory\r?$"),
         ("chmod 8 /cm", r"^chmod: bad mode 8 "),
       ]),
  dict(name="picolibc-errno",
       help="errnotest: each provoked failure's strerror(errno) is the kernel's reason "
            "(ENOENT, ENOTDIR, EISDIR, EEXIST, ENOTEMPTY, EBADF, ECHILD, ESRCH, ESPIPE, EMLINK, EACCES, EPERM)",
       # USER_MULTIUSER, not only MULTIUSER: the EACCES check opens
       # /etc/shadow, which only the accounts on an xv6fs root provide (a
       # ramfs root from the initramfs has none: randconfig seed 0x8016).
       # FS_LINK_MAX=2000 (full_defconfig's): the EMLINK check links one
       # file until refused, and at the default 32000 that is minutes of
       # directory scans on a slow board (seed 0x8023: past 180 s on one
       # sifive_u hart), as the option's help warns.
       requires=["CONFIG_USER_LIBC_PICOLIBC", "CONFIG_SIGNALS", "CONFIG_USER_MULTIUSER",
                 "CONFIG_FS_LINK_MAX=2000"],
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
