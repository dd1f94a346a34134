# tests/cases/procs.py: seeing and signalling processes (ps, kill) and the
# fork bomb an ordinary user cannot use to take the machine down (issue 16).
CASES = [
  dict(name="pskill",
       help="ps and ps -e list processes; kill -l; kill's errors say why; ulimit",
       requires=["CONFIG_PROCINFO", "CONFIG_SIGNALS", "CONFIG_USER_MULTIUSER", "CONFIG_RLIMITS"],  # ulimit -u: seed 0x8054
       programs=["ps", "kill", "su"],
       steps=[
         ("ps", [r"^\s*PID\s+PPID\s+PGID\s+USER\s+S\s+TIME\s+CMD$", r"^\s*\d+\s+\d+\s+\d+\s+root\s+R\s+\d+:\d\d ps$",
                 r"root\s+S\s+\d+:\d\d sh$"]),
         ("ps -e", r"^\s*1\s+0\s+1\s+root\s+S\s+\d+:\d\d /init$"),
         ("kill -l", [r"^9\) SIGKILL$", r"^20\) SIGTSTP$"]),
         ("kill -l 15", r"^TERM$"),
         ("kill 1", r"^kill: 1: operation not permitted$"),
         ("kill 9999", r"^kill: 9999: no such process$"),
         ("kill -NOPE 5", r"no such signal"),
         ("ulimit -u", r"^24$"),
         ("ulimit -t 100", []),
         ("ulimit -a", [r"^cpu time \(seconds\)\s+100$", r"^open files\s+16$", r"^processes\s+24$"]),
         ("su alice", []),
         ("kill -TERM 2", r"^kill: 2: operation not permitted$"),
         dict(cmd="exit", timeout=10),
         ("echo back", r"^back$"),
       ]),
  dict(name="forkbomb",
       help="alice's fork bomb leaves the machine up; root can still work, see it and kill it",
       requires=["CONFIG_RLIMITS", "CONFIG_SIGNALS", "CONFIG_PROCINFO", "CONFIG_USER_MULTIUSER"],
       programs=["ps", "kill", "su", "cat", "echo"],
       # One hart: with several, the bomb's "fork failed" lines mix with
       # the prompt character by character on the console.
       smp=[1],
       steps=[
         dict(cmd="cat > /bomb", keys=[(r"bomb\r?\n", "sh < /bomb &\nsh < /bomb\n\x04")]),
         ("su alice", []),
         ("sh < /bomb &", [], 10),
         dict(cmd="exit", timeout=20),              # alice leaves; her bomb goes on
         # root works while the bomb runs (into a file: the bomb's "fork
         # failed" messages share the console)
         dict(cmd="ps -e > /psout", timeout=60),
         # kill -9 -1 ends everything but init, root's shell too: the test
         # logs in again. Once is enough: a child forked while the kill was
         # being sent dies with its parent (it used to live on and restart
         # the bomb; usertests siggroupfork checks the same for a group).
         dict(cmd="kill -9 -1", timeout=60),
         ("grep alice /psout", r"alice\s+\w\s+\d+:\d\d sh"),
         dict(cmd="ps -e", expect=r"/init", reject=r"alice", timeout=30),
         ("echo root is alive", r"^root is alive$"),
       ]),
]
