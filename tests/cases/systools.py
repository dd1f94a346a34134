# tests/cases/systools.py: the system information programs (free, uname)
# report this kernel: free's figures must add up and fit the machine booted,
# not merely contain a digit.
import re

import lib.cases as _cases
import lib.kconfig as _kconfig


def check_free(out, target, inst):
  """free prints KiB and pages as total/used/free, then harts and procs."""
  kib = re.search(r"^KiB:\s+(\d+)\s+(\d+)\s+(\d+)\s*$", out, re.M)
  pages = re.search(r"^pages:\s+(\d+)\s+(\d+)\s+(\d+)\s*$", out, re.M)
  rest = re.search(r"^harts: (\d+)  procs: (\d+)  uptime: (\d+) ticks", out, re.M)
  if not (kib and pages and rest):
    return "expected 'KiB:', 'pages:' and 'harts: N  procs: N  uptime: N ticks' lines"
  total, used, free = (int(x) for x in kib.groups())
  ptotal, pused, pfree = (int(x) for x in pages.groups())
  harts, procs, uptime = (int(x) for x in rest.groups())
  mem_kib = _kconfig.intval(target.cfg, "CONFIG_QEMU_MEM_MB", 128) * 1024
  want_harts = min(inst.smp, _cases.harts(target))
  nr_procs = _kconfig.intval(target.cfg, "CONFIG_NR_PROCS", 64)
  if total != used + free or ptotal != pused + pfree:
    return "total != used + free"
  if (total // 4, free // 4) != (ptotal, pfree):
    return "KiB and pages disagree (KiB/4 != pages)"
  if not mem_kib // 2 < total <= mem_kib:
    return "total %d KiB outside (%d, %d] for a %d MiB machine" % (total, mem_kib // 2, mem_kib,
                                                                   mem_kib // 1024)
  if not 0 < free < total:
    return "free %d KiB not between 0 and total" % free
  if harts != want_harts:
    return "harts %d, expected %d" % (harts, want_harts)
  if not 3 <= procs <= nr_procs:
    return "procs %d, expected init, sh, free at least and at most NR_PROCS=%d" % (procs, nr_procs)
  # The prompt can come within the first tick (0 at 10 Hz is honest); a
  # figure past an hour is not, for a machine booted moments ago.
  hz = re.search(r"^clock: (\d+) ticks/s", out, re.M)
  if uptime > 3600 * (int(hz.group(1)) if hz else 10):
    return "uptime %d ticks: over an hour since a fresh boot" % uptime
  return None


CASES = [
  dict(name="systools",
       help="uname names octopos; free's figures add up and fit the machine; nproc a hart count",
       requires=["CONFIG_USER_SYSTOOLS"],
       programs=["uname", "free", "nproc"],
       steps=[
         ("uname", r"(?i)octopos"),
         dict(cmd="free", check=check_free),
         ("nproc", r"^[1-8]$"),
       ]),
]
