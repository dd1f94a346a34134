# tests/cases/posix.py: the POSIX_CALLS system calls (getdents, lseek,
# getcwd, dup2, clock_gettime, nanosleep, ftruncate, isatty), each with its
# bad-argument checks, through usertests (user/usertests/t_posix.c). The
# quick usertests set runs them too; this case names them so a failure
# says which call.
CASES = [
  dict(name="posix-calls",
       help="usertests of the POSIX_CALLS system calls pass, none skipped",
       requires=["CONFIG_POSIX_CALLS", "CONFIG_IKCONFIG"],
       programs=["usertests"],
       steps=[dict(cmd="usertests lseek getdents getcwd dup2 clock nanosleep ftruncate isatty",
                   expect=r"ALL TESTS PASSED", reject=[r"SKIP"],
                   fail=r"SOME TESTS FAILED[^\n]*", timeout=120)]),
]
