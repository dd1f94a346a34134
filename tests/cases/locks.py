# tests/cases/locks.py: lock fairness and the lock figures' tools.
#
# lockfair (user/bin/lockfair.c) has one process per hart hammer a system
# call that takes one kernel lock, then reads that lock class's per-hart
# statistics. "waited" counts the holders an acquisition queued behind, not
# time, so it does not depend on how the host schedules QEMU's harts: a
# ticket lock must keep it below the number of harts and every hart must
# get the lock ("bounded"). A test-and-set lock promises nothing; there the
# spread is only reported (it is in the console log).
_SUMMARY = r"^lockfair: share per hart min \d+% max \d+% of an even split; worst wait \d+ holders, \d+ harts: "

CASES = [
  # Lock registration (lockstat_register) runs from fork and pipe; held
  # without interrupts off, a timer preemption left its flag set while the
  # other harts spun on it with interrupts off (fork under the fork-limit
  # lock): the machine stopped (soak seed 2612701). usertests forkpipe
  # forks and makes pipes on every hart for 15 s.
  dict(name="lockstat-register",
       help="usertests forkpipe: 15 s of forks and pipes on every hart, with lock statistics, does not wedge",
       requires=["CONFIG_LOCK_STAT", "CONFIG_SMP"],
       programs=["usertests"],
       steps=[dict(cmd="usertests forkpipe", expect=r"ALL TESTS PASSED",
                   fail=r"SOME TESTS FAILED[^\n]*", timeout=180)]),
  dict(name="lockfair-ticket",
       help="ticket locks: under contention every hart gets the lock and waits behind < harts holders",
       requires=["CONFIG_LOCK_STAT", "CONFIG_LOCK_TICKET", "CONFIG_USER_SYSTOOLS"],
       programs=["lockfair"],
       steps=[
         dict(cmd="lockfair time 10", expect=[r"^lockfair: time lock, ", _SUMMARY + "bounded$"],
              fail=r"^lockfair: share[^\n]*UNBOUNDED[^\n]*|^lockfair: [a-z][^\n]*failed", timeout=240),
         dict(cmd="lockfair pipe 10", expect=[r"^lockfair: pipe lock, ", _SUMMARY + "bounded$"],
              fail=r"^lockfair: share[^\n]*UNBOUNDED[^\n]*|^lockfair: [a-z][^\n]*failed", timeout=240),
       ]),
  dict(name="lockfair-spin",
       help="test-and-set locks: lockfair runs and reports the per-hart spread (no bound asserted)",
       requires=["CONFIG_LOCK_STAT", "CONFIG_LOCK_SPIN", "CONFIG_USER_SYSTOOLS"],
       programs=["lockfair"],
       steps=[
         dict(cmd="lockfair time 10", expect=[r"^lockfair: time lock, ", _SUMMARY + r"(bounded|UNBOUNDED)$"],
              fail=r"^lockfair: [a-z][^\n]*failed", timeout=240),
       ]),
  dict(name="lockstat-harts",
       help="lockstat -h CLASS prints one line per hart that took a lock of the class",
       requires=["CONFIG_LOCK_STAT", "CONFIG_USER_SYSTOOLS"],
       programs=["lockstat"],
       steps=[dict(cmd="lockstat -h proc", expect=[r"^hart\s+acquires", r"^0\s+[1-9]\d*\s+\d+"]),
              dict(cmd="lockstat -h nosuchlock", expect=r"no lock class nosuchlock")]),
  dict(name="lockbench",
       help="bench lock/pushoff/loop time kernel loops with the time CSR and print ns per round",
       requires=["CONFIG_LOCK_BENCH", "CONFIG_USER_SYSTOOLS"],
       programs=["bench"],
       steps=[("bench %s 100000" % w, r"^bench %s 100000 \d+\.\d\d$" % w, 60)
              for w in ("lock", "pushoff", "loop")]),
]
