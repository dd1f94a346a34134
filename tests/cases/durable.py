# tests/cases/durable.py: sync and mv (CONFIG_FS_SYNC) from the shell, on
# xv6fs and on ramfs: a file renamed, moved into a directory, a directory
# refused into its own subtree, and sync returning cleanly.
CASES = [
  dict(name="mv_sync",
       help="mv renames and moves into a directory; sync returns; a directory cannot move into itself",
       requires=["CONFIG_FS_SYNC"],
       programs=["echo", "cat", "mkdir", "mv", "sync", "ls"],
       steps=[
         ("echo moved > mvf1", [], 10),
         ("mv mvf1 mvf2", []),
         ("cat mvf2", r"^moved$"),
         dict(cmd="cat mvf1", expect=r"cannot open|[Nn]o such|error"),
         ("mkdir mvd", []),
         ("mv mvf2 mvd", []),
         ("cat mvd/mvf2", r"^moved$"),
         dict(cmd="mv mvd mvd/sub", expect=r"^mv: cannot move mvd to mvd/sub(: Invalid argument)?$"),
         ("sync", []),
         ("echo done", r"^done$"),
       ]),
  dict(name="rename_usertests",
       help="usertests rename and fsync pass (not skipped) where FS_SYNC is on",
       requires=["CONFIG_FS_SYNC", "CONFIG_USER_TESTS"],
       programs=["usertests"],
       steps=[dict(cmd="usertests -v rename fsync", expect=[r"ALL TESTS PASSED"],
                   reject=[r"SKIP", r"FAIL"], fail=r"FAILED[^\n]*", timeout=120)]),
]

# passwd on a full disk (issue 15): the new /etc/shadow cannot be written,
# passwd says so, and the old entry is still there, byte for byte (the
# regex's back-reference compares the copy taken before with the file
# after). Once space is freed the same passwd succeeds.
CASES.append(
  dict(name="passwd_full_disk",
       help="passwd with the disk full fails, says so and leaves /etc/shadow's old entry",
       requires=["CONFIG_FS_SYNC", "CONFIG_USER_MULTIUSER", "CONFIG_DEV_MEM"],
       programs=["passwd", "grep", "cat", "rm", "echo"],
       steps=[
         ("echo sesame > /pw; echo sesame >> /pw", []),
         ("grep alice /etc/shadow > /shadow.old", []),
         dict(cmd="cat /dev/zero > /fill", expect=r"cat: write error", timeout=300),
         dict(cmd="passwd alice < /pw",
              expect=r"passwd: cannot write /etc/shadow \(disk full\?\): password unchanged"),
         ("rm /fill", []),
         ("cat /shadow.old /etc/shadow", r"^(alice:[0-9a-f]+:[0-9a-f]+)\n(?:.*\n)*\1$"),
         dict(cmd="passwd alice < /pw", expect=r"password for alice changed"),
         dict(cmd="cat /shadow.old /etc/shadow", expect=r"^alice:",
              reject=r"^(alice:[0-9a-f]+:[0-9a-f]+)\n(?:.*\n)*\1$"),
       ]))
