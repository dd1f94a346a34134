# tests/cases/jobs.py: job control on the console (CONFIG_JOB_CONTROL):
# ^C ends the foreground job (cat reading the console, a busy copy loop)
# and the prompt returns; ^Z stops a job, jobs lists it, fg resumes it; a
# background reader stops (SIGTTIN) instead of taking the shell's input;
# after a logout the old session's leftover reader gets none of the next
# user's input.
CASES = [
  dict(name="jobs",
       help="^C ends cat; ^Z stops cat, fg resumes it; cat & stops on SIGTTIN",
       requires=["CONFIG_JOB_CONTROL"],
       programs=["cat", "echo"],
       steps=[
         dict(cmd="cat", keys=[(r"cat\r?\n", "one\n"), (r"one\r?\n(.*\n)*one", "\x03")],
              expect=r"\^C"),
         ("echo after", r"^after$"),
         dict(cmd="cat", keys=[(r"cat\r?\n", "two\n"), (r"two\r?\n(.*\n)*two", "\x1a")],
              expect=r"Stopped\s+cat"),
         ("jobs", r"^\[1\] Stopped\s+cat$"),
         # Type only after fg's whole "cat " line: typed at "cat", the echo
         # of "f" landed before the line's end and split "four" (seed 0x8043).
         dict(cmd="fg", keys=[(r"fg\r?\n(.*\n)*cat *\r?\n", "three\n"), (r"three\r?\n(.*\n)*three", "\x03")],
              expect=r"three"),
         dict(cmd="jobs", reject=r"cat"),
         ("cat &", r"^\[1\] \d+$"),
         ("echo typed to the shell", r"^typed to the shell$"),
         ("jobs", r"^\[1\] Stopped\s+cat $"),
         dict(cmd="fg", keys=[(r"fg\r?\n(.*\n)*cat *\r?\n", "four\n"), (r"four\r?\n(.*\n)*four", "\x03")],
              expect=r"four"),
       ]),
  # A job that never waits for input: cat of /dev/zero, whose driver only
  # DEV_MEM builds (without it init still makes the node, and reading it
  # fails at once: randconfig seed 0x8000).
  dict(name="jobs-busy",
       help="^C ends a job that is busy reading /dev/zero, and the shell prompts again",
       requires=["CONFIG_JOB_CONTROL", "CONFIG_DEV_MEM"],
       programs=["cat", "echo"],
       steps=[
         # One line is one job: "looping" shows the job already owns the
         # console, so the ^C cannot reach the shell's group first (typed
         # on the echo alone, a loaded host let it arrive too early).
         dict(cmd="echo looping; cat /dev/zero > /dev/null", keys=[(r"(?m)^looping", "\x03")],
              expect=r"\^C", timeout=20),
         ("echo after loop", r"^after loop$"),
       ]),
  dict(name="logout",
       help="a reader left by one login gets none of what the next user types",
       requires=["CONFIG_JOB_CONTROL", "CONFIG_USER_MULTIUSER"],
       programs=["cat", "echo", "login"],
       steps=[
         ("cat > /cap &", r"^\[1\] \d+$"),
         dict(cmd="\x04", timeout=60),      # ^D: log out; the test logs in again
         ("echo secret words", r"^secret words$"),
         dict(cmd="cat /cap", reject=r"secret"),
         ("echo still up", r"^still up$"),
       ]),
]
