# tests/cases/kstack.py: kernel stacks stay within their page (issue 22).
#
# usertests kstackdeep drives the deepest kernel stacks the file system
# makes (an exec whose end_op commits a transaction, the removal of a file
# with an indirect block). With CONFIG_DEBUG_KSTACK the kernel panics on an
# overflowed stack and warns ("kstack: ... used N of 4096 bytes") when a
# process used more than 5/8 of its stack; either fails this case. Before
# the fix this test used 2744 bytes on debug_defconfig (free_tree keeping a
# block of entries per level) and fails; the fuzzer on xv6 with debug.config
# used up to 3960 (install_trans under exec) and sometimes overflowed.
CASES = [
  dict(name="kstack-deep",
       help="usertests kstackdeep: no kernel stack overflow, none used past 5/8",
       requires=["CONFIG_DEBUG_KSTACK"],
       programs=["usertests"],
       steps=[
         dict(cmd="usertests kstackdeep", expect=r"ALL TESTS PASSED",
              fail=r"SOME TESTS FAILED[^\n]*",
              reject=[r"kstack: pid \d+[^\n]*", r"kernel stack overflow[^\n]*"], timeout=120),
       ]),
]
