# tests/cases/pagebench.py: the page-allocation scaling benchmark runs and
# reports sane figures (CONFIG_PAGE_ALLOC_BENCH). Not a timed test: it only
# checks that every hart count ran, every worker did its pairs, and the
# numbers are there; the figures themselves go to docs/mm.md.
import re

import lib.cases as _cases

FOUR = re.compile(r"^pagebench harts 4 pairs 80000 ms \d+ aggregate [1-9]\d*/s per-hart [1-9]\d*/s "
                  r"ratio \d+\.\d\d spread [1-4]\r?$", re.M)


def four_harts(out, target, inst):
  """The 4-hart run happens when 4 harts are online; with fewer (a random
  configuration with NR_CPUS=3) pagebench must say it skipped it."""
  online = min(inst.smp, _cases.harts(target))
  if online >= 4:
    return None if FOUR.search(out) else "expected the 4-hart line"
  want = r"^pagebench harts 4: skipped \(%d online\)\r?$" % online
  return None if re.search(want, out, re.M) else "expected /%s/" % want


CASES = [
  dict(name="pagebench",
       help="pagebench at 1, 2 and 4 harts with per-hart caches: all workers finish, figures printed",
       requires=["CONFIG_PAGE_ALLOC_BENCH", "CONFIG_PAGE_ALLOC_PCP"],
       programs=["pagebench"],
       steps=[
         dict(cmd="pagebench -n 20000 -b 8 1 2 4",
              expect=[r"^pagebench: 20000 alloc\+free pairs per worker, batch 8",
                      r"^pagebench harts 1 pairs 20000 ms \d+ aggregate [1-9]\d*/s per-hart [1-9]\d*/s ratio 1\.00 spread 1\r?$",
                      r"^pagebench harts 2 pairs 40000 ms \d+ aggregate [1-9]\d*/s per-hart [1-9]\d*/s ratio \d+\.\d\d spread [12]\r?$",
                      r"^pagebench done"],
              reject=[r"failed", r"usage:"],
              check=four_harts,
              timeout=120),
         # Bad arguments are refused, not run.
         ("pagebench -n 0", r"need 1 <= PAIRS"),
         ("pagebench -b 33", r"need 1 <= PAIRS <= \d+ and 1 <= BATCH <= 32"),
       ]),
]
