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
  # #23: with the kernel in every page table, user memory ends at KERNBASE
  # (2 GiB); with more RAM than that a segment ending at the top used to
  # get its guard and stack pages mapped over the kernel (panic: mappages:
  # remap). execelf tries exactly that; it must fail cleanly.
  dict(name="execelf-2600m",
       help="usertests execelf with 2600 MiB of RAM: a segment ending at the top of user memory is refused",
       requires=["CONFIG_KERNEL_PT_SHARED", "CONFIG_USER_TESTS"],
       programs=["usertests"],
       qemu_env={"MEM": "2600"},
       steps=[dict(cmd="usertests execelf", expect=r"ALL TESTS PASSED",
                   fail=r"SOME TESTS FAILED[^\n]*", timeout=120)]),
]
