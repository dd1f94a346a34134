# tests/cases/usertests.py: xv6's user-space test suite. `-q` is the quick
# subset; the full suite (minutes of big files and many processes) runs once,
# on xv6_defconfig, the configuration that must match xv6 exactly.
CASES = [
  dict(name="usertests-q",
       help="usertests -q prints ALL TESTS PASSED",
       programs=["usertests"],
       smp=[1, "max"],
       steps=[dict(cmd="usertests -q", expect=r"ALL TESTS PASSED",
                   fail=r"SOME TESTS FAILED[^\n]*", timeout=300)],
       quick=1),
  dict(name="usertests",
       help="the full usertests prints ALL TESTS PASSED",
       programs=["usertests"],
       configs=["xv6_defconfig", "debug_defconfig"],
       steps=[dict(cmd="usertests", expect=r"ALL TESTS PASSED",
                   fail=r"SOME TESTS FAILED[^\n]*", timeout=900)],
       full=True),
]
