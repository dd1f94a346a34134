# tests/cases/kstack.py: kernel stacks stay within their page (issue 22).
#
# usertests kstackdeep drives the deepest kernel stacks the file system
# makes (an exec whose end_op commits a transaction, the removal of a file
# with an indirect block). With CONFIG_DEBUG_KSTACK the kernel panics on an
# overflowed stack and warns ("kstack: ... used N of 4096 bytes") when a
# process used more than 3/4 of its stack; either fails this case. Before
# the fix the exec's commit used about 3.7 KiB of the 4 KiB page.
CASES = [
  dict(name="kstack-deep",
       help="usertests kstackdeep: no kernel stack overflow, none used past 3/4",
       requires=["CONFIG_DEBUG_KSTACK"],
       programs=["usertests"],
       steps=[
         dict(cmd="usertests kstackdeep", expect=r"ALL TESTS PASSED",
              fail=r"SOME TESTS FAILED[^\n]*",
              reject=[r"kstack: pid \d+[^\n]*", r"kernel stack overflow[^\n]*"], timeout=120),
       ]),
]
