# tests/lib/cases.py: load boot-test cases from tests/cases/*.py and expand
# them into test instances for one built configuration.
#
# A case file defines CASES, a list of dicts (see docs/testing.md):
#   name      test name; with several hart counts, "-smpN" is appended
#   help      one line: what must hold
#   requires  ["CONFIG_X", "!CONFIG_Y", "CONFIG_Z=val", (why, req, req...)]:
#             else SKIP, naming it; a tuple needs one of its reqs, else `why`
#   programs  user programs that must be built (O/user/<prog>): else SKIP
#   configs   defconfig names the case is limited to: else SKIP
#   smp       hart counts to boot: ints, "max" (CONFIG_NR_CPUS) or "over"
#             (CONFIG_NR_CPUS + 1, at most 8); default ["max"]
#   steps     commands typed at the prompt: (cmd, regexes[, timeout]) or
#             dict(cmd=, expect=[...], reject=[...], fail=regex, timeout=s,
#                  keys=[(regex, text), ...]: while the command runs, wait
#                  for each regex in turn and type its text, e.g. "\x03";
#                  check=function(output, target, instance) -> what is wrong or None)
#   checks    boot checks: "banner", "harts", "init" (default none)
#   boot_expect  regexes the boot output up to the first prompt must match
#   qemu_env  overrides for scripts/qemu-args.sh: {"DISK": "none"} boots
#             without the disk, {"RNG": "y"|"n"} with or without the RNG
#   qemu_args extra QEMU arguments, appended
#   dtb       function(tests.lib.fdtedit.Fdt) that edits the board's
#             devicetree (dumped from QEMU with the same arguments) in
#             place; the guest boots with the result (-dtb)
#   disk_edit function(path) that changes the boot's own copy of the disk
#             image in place (e.g. truncates it), before QEMU starts
#   halts     the boot must stop before any prompt: QEMU exits by itself
#             with this status within boot_timeout; boot_expect is then
#             matched against all it printed; "wfi": the kernel stops
#             without ending QEMU, once the last boot_expect line is seen
#   poweroff  True (default): end with `poweroff` if it was built (it must
#             then exit QEMU with status 0), else kill QEMU; False: kill
#   boot_timeout  seconds to the first prompt (default 60)
#   full      True: long; left out by --quick and --no-full
#   quick     priority for --quick: per config, the applicable case with the
#             lowest number runs, once, with its first hart count

import glob
import os
import runpy

from . import kconfig

KEYS = {"name", "help", "requires", "programs", "configs", "smp", "steps",
        "checks", "boot_expect", "poweroff", "boot_timeout", "full", "quick",
        "qemu_env", "qemu_args", "dtb", "disk_edit", "halts"}
CHECKS = ("banner", "harts", "init")
MAX_HARTS = 8
SIFIVE_U_HARTS = 4     # QEMU sifive_u: the E51 plus at most 4 U54s


class Step:
  def __init__(self, cmd, expect=(), reject=(), fail=None, timeout=30, keys=(), check=None):
    self.cmd = cmd
    self.keys = list(keys)   # (regex, text): once regex shows, type text
    self.check = check       # function(output, target, instance): what is wrong, or None
    self.expect = [expect] if isinstance(expect, str) else list(expect)
    self.reject = [reject] if isinstance(reject, str) else list(reject)
    self.fail = fail
    self.timeout = timeout


def _step(s):
  if isinstance(s, Step):
    return s
  if isinstance(s, dict):
    return Step(**s)
  if isinstance(s, str):
    return Step(s)
  cmd, expect = s[0], s[1] if len(s) > 1 else ()
  return Step(cmd, expect, timeout=s[2] if len(s) > 2 else 30)


class Case:
  def __init__(self, d, path):
    bad = set(d) - KEYS
    if bad or "name" not in d:
      raise ValueError("%s: case %r: unknown keys %s or no name" % (path, d.get("name"), sorted(bad)))
    self.name = d["name"]
    self.help = d.get("help", "")
    self.requires = list(d.get("requires", []))
    self.programs = list(d.get("programs", []))
    self.configs = list(d.get("configs", []))
    self.smp = list(d.get("smp", ["max"]))
    self.steps = [_step(s) for s in d.get("steps", [])]
    self.checks = list(d.get("checks", []))
    for c in self.checks:
      if c not in CHECKS:
        raise ValueError("%s: case %s: unknown check %r" % (path, self.name, c))
    be = d.get("boot_expect", [])
    self.boot_expect = [be] if isinstance(be, str) else list(be)
    self.qemu_env = dict(d.get("qemu_env", {}))
    self.qemu_args = list(d.get("qemu_args", []))
    self.dtb = d.get("dtb")
    self.disk_edit = d.get("disk_edit")
    self.halts = d.get("halts")
    self.poweroff = d.get("poweroff", True)
    self.boot_timeout = d.get("boot_timeout", 60)
    self.full = bool(d.get("full", False))
    self.quick = d.get("quick")

  def cost(self):
    """Seconds the case may take at most: orders the boot queue."""
    return self.boot_timeout + sum(s.timeout for s in self.steps) + 30


class Instance:
  """One boot: a case at one hart count on one target."""

  def __init__(self, case, name, smp, skip=None):
    self.case = case
    self.name = name
    self.smp = smp
    self.skip = skip
    self.checks = list(case.checks)


def load(casedir):
  cases = []
  for path in sorted(glob.glob(os.path.join(casedir, "*.py"))):
    for d in runpy.run_path(path).get("CASES", []):
      cases.append(Case(d, path))
  names = [c.name for c in cases]
  dups = sorted({n for n in names if names.count(n) > 1})
  if dups:
    raise ValueError("duplicate case names: %s" % ", ".join(dups))
  return cases


def harts(target):
  """Hart count CONFIG_NR_CPUS allows (1 without CONFIG_SMP)."""
  if not kconfig.enabled(target.cfg, "CONFIG_SMP"):
    return 1
  return kconfig.intval(target.cfg, "CONFIG_NR_CPUS", 1)


def why_not(case, target):
  """Return why `case` does not apply to `target`, or None."""
  if case.configs and target.name not in case.configs:
    return "only for %s" % ", ".join(case.configs)
  r = kconfig.unmet(target.cfg, case.requires)
  if r:
    return r
  for p in case.programs:
    if not target.has_program(p):
      return "program %s not built" % p
  return None


def _smp_values(case, target):
  """[(hart count, skip reason or None)] without duplicates."""
  nr = kconfig.intval(target.cfg, "CONFIG_NR_CPUS", 1)
  out = []
  for s in case.smp:
    if s == "max":
      v, why = harts(target), None
    elif s == "over":
      v, why = nr + 1, None
      if v > MAX_HARTS:
        why = "CONFIG_NR_CPUS=%d: the tests boot at most %d harts" % (nr, MAX_HARTS)
      elif v > SIFIVE_U_HARTS and kconfig.enabled(target.cfg, "CONFIG_QEMU_SIFIVE_U"):
        why = "QEMU's sifive_u has at most %d U54 harts" % SIFIVE_U_HARTS
    else:
      v, why = int(s), None
    if (v, why) not in out:
      out.append((v, why))
  return out


def expand(case, target):
  """All instances of `case` on `target`; those that cannot run carry .skip."""
  why = why_not(case, target)
  vals = _smp_values(case, target)
  insts = []
  for v, vwhy in vals:
    name = case.name
    if len(vals) > 1:
      name += "-smp%d" % v
    insts.append(Instance(case, name, v, why or vwhy))
  return insts
