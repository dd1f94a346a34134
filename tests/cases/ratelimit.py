# tests/cases/ratelimit.py: a message user space can cause as often as it
# likes is printed a burst at a time (CONFIG_PRINTK_RATELIMIT): `usertests
# kernmem` makes 23 children fault on kernel addresses, and the console
# shows the first 10 "killed" lines and one saying the rest are left out
# (without the limit, all 23).
import re


def _burst(out, target, inst):
  n = len(re.findall(r"pid \d+ \(usertests\): [^\n]*killed", out))
  if n != 10:
    return "expected the first 10 'killed' lines (the burst), saw %d" % n
  if not re.search(r"killed on a fault: more than 10 such messages in 5 s; the rest are left out", out):
    return "no line saying the rest of the faults' messages are left out"
  return None


CASES = [
  dict(name="ratelimit-faults",
       help="23 faulting children print 10 'killed' lines and one saying the rest are left out",
       requires=["CONFIG_PRINTK_RATELIMIT"],
       programs=["usertests"],
       steps=[dict(cmd="usertests kernmem", expect=r"ALL TESTS PASSED", fail=r"SOME TESTS FAILED[^\n]*",
                   check=_burst, timeout=60)]),
]
