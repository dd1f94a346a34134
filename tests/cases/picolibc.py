# tests/cases/picolibc.py: the programs built with picolibc
# (CONFIG_USER_LIBC_PICOLIBC) run: pwd follows cd (date, also picolibc, is devices.py's).
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
]
