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
         dict(cmd="mv mvd mvd/sub", expect=r"^mv: cannot move mvd to mvd/sub$"),
         ("sync", []),
         ("echo done", r"^done$"),
       ]),
]
