# tests/cases/orphans.py: a file removed while still open, with the machine
# stopped before its last close, is freed at the next mount (fs/xv6fs/
# orphan.c) rather than left allocated with no name until fsck (crash
# trial 2713480). reboot flushes the log, so the removal is on disk and
# the inode, still open in a sleeping process, keeps a count of 0.
CASES = [
  dict(name="orphan-reclaim",
       help="a file removed while open and then rebooted is freed at mount (xv6fs: freed orphaned inode)",
       requires=["CONFIG_FS_XV6", "CONFIG_ROOT_FS_XV6", "CONFIG_VIRTIO_BLK", "!CONFIG_BLK_RAMDISK",
                 "CONFIG_POWER_SIFIVE_TEST", "CONFIG_USER_SYSTOOLS"],
       programs=["echo", "sleep", "rm", "reboot", "cat"],
       steps=[
         ("echo orphan-data > /orphan", []),
         ("sleep 1000 < /orphan &", []),
         ("rm /orphan", []),
         dict(cmd="reboot", expect=[r"octopos \d+\.\d+\.\d+ \(",
                                    r"^xv6fs: freed orphaned inode \d+ "], timeout=60),
         dict(cmd="cat /orphan", expect=r"cannot open|[Nn]o such|error"),
         ("echo again > /orphan2", []),
         ("cat /orphan2", r"^again$"),
         ("rm /orphan2", []),
       ]),
]
