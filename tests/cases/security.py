# tests/cases/security.py: the multi-user security suite (user/bin/sectest.c):
# an ordinary user cannot read, write, remove, kill, setuid or chown what is
# not theirs; root can; set-user-id programs and umask work.
CASES = [
  dict(name="sectest",
       help="sectest (run as root; forks an ordinary user) prints ALL PASSED",
       requires=["CONFIG_MULTIUSER"],
       programs=["sectest"],
       steps=[dict(cmd="sectest", expect=r"sectest: ALL PASSED",
                   fail=r"sectest: FAIL[^\n]*", timeout=120)]),
  dict(name="login-root",
       help="the test logged in as root at the login: prompt; id says uid 0",
       requires=["CONFIG_MULTIUSER"],
       programs=["id"],
       steps=[dict(cmd="id", expect=r"uid=0")]),
]
