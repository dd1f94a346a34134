# tests/cases/refcheck.py: the power-off reference census (CONFIG_DEBUG_FS_REFS,
# fs/refcheck.c) accounts for everything a running system holds.
#
# Before reboot the system holds an open file whose name is gone (sleep's
# standard input), the shell's working directory, the console and the
# mounted root; the census must find each reference accounted for and say
# so, and must not report a leak. The fuzzer (tests/fuzz.py) fails a run on
# `refcheck: LEAK`; this case keeps the census itself honest.
CASES = [
  dict(name="refcheck-balance",
       help="power-off census: open unlinked file, cwd, console and root all accounted for, no LEAK",
       requires=["CONFIG_DEBUG_FS_REFS", "CONFIG_POWER_SIFIVE_TEST", "CONFIG_USER_SYSTOOLS"],
       programs=["echo", "sleep", "rm", "mkdir", "reboot", "cat"],
       steps=[
         ("mkdir /rcdir", []),
         ("echo held > /rcdir/f", []),
         ("sleep 1000 < /rcdir/f &", []),
         ("rm /rcdir/f", []),
         ("cat /rcdir/missing", r"cannot open|[Nn]o such|error"),
         ("cd /rcdir", []),
         dict(cmd="reboot",
              expect=[r"^refcheck: [2-9] inodes and \d+ open files in use, all accounted for",
                      r"octopos \d+\.\d+\.\d+ \("],
              reject=[r"refcheck: LEAK[^\n]*", r"refcheck: (inode|open file|\d+ open files)[^\n]*"],
              timeout=60),
       ]),
]
