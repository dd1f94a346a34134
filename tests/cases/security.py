# tests/cases/security.py: the multi-user security suite (user/bin/sectest.c):
# an ordinary user cannot read, write, remove, kill, setuid or chown what is
# not theirs; root can; set-user-id programs and umask work.
CASES = [
  dict(name="sectest",
       help="sectest (run as root; forks an ordinary user) prints ALL PASSED",
       # Its link attack makes and removes FS_LINK_MAX links, each its own
       # transaction under FS_LOG_COMMIT_EACH_OP: on sifive_u's SD card
       # (every SPI byte a register access under QEMU) over an hour.
       requires=["CONFIG_MULTIUSER",
                 ("the link attack commits each of 64,000 links to the SD card: hours under QEMU",
                  "!CONFIG_QEMU_SIFIVE_U", "!CONFIG_BLK_MMC_SPI", "!CONFIG_FS_LOG_COMMIT_EACH_OP",
                  "!CONFIG_ROOT_FS_XV6")],
       programs=["sectest"],
       steps=[dict(cmd="sectest", expect=r"sectest: ALL PASSED",
                   fail=r"sectest: FAIL[^\n]*", timeout=120)]),
  dict(name="login-root",
       help="the test logged in as root at the login: prompt; id says uid 0",
       requires=["CONFIG_MULTIUSER"],
       programs=["id"],
       steps=[dict(cmd="id", expect=r"uid=0")]),
]
