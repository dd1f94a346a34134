#!/usr/bin/env python3
# tests/randconfig_coverage.py: which options N random configurations
# turned on and off, from their .config files alone (no build, no boot).
#
#   python3 tests/randconfig_coverage.py --seed 0x6000 -n 100
#   python3 tests/randconfig_coverage.py --dirs build/rc      kept seed dirs
#
# Seed S is configured as randconfig.py configures it (`make randconfig
# KCONFIG_SEED=S` in a scratch O=), so the counts describe the same
# configurations a randconfig-test run with those seeds builds. With --dirs,
# every DIR/*/.config found is counted instead. Prints, for every bool
# option any .config mentions, how many configurations had it on and off,
# then the options never on or never off (the coverage gaps), and the
# values each int option took, and how many randconfig.py could not boot
# at all (its cannot_boot() reasons). Exit status 0 either way: it measures.

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRCTREE = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True    # keep the source tree clean

from randconfig import cannot_boot  # noqa: E402


class Cfg:
  """What cannot_boot() reads of a session.Target."""

  def __init__(self, cfg):
    self.cfg = cfg
OPT = re.compile(r'^(?:# (CONFIG_\w+) is not set|(CONFIG_\w+)=(.*))$')


def parse(path):
  """{option: value} with 'n' for `# ... is not set`."""
  out = {}
  with open(path) as f:
    for line in f:
      m = OPT.match(line.strip())
      if m:
        if m.group(1):
          out[m.group(1)] = "n"
        else:
          out[m.group(2)] = m.group(3)
  return out


def configure(seed, scratch):
  subprocess.run(["make", "-s", "O=" + scratch, "randconfig"], cwd=SRCTREE,
                 env=dict(os.environ, KCONFIG_SEED="%#x" % seed),
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
  return parse(os.path.join(scratch, ".config"))


def main():
  ap = argparse.ArgumentParser(description="Option coverage of random configurations.")
  ap.add_argument("--seed", type=lambda s: int(s, 0), default=0x5000, help="first KCONFIG_SEED")
  ap.add_argument("-n", type=int, default=100, help="how many seeds (default 100)")
  ap.add_argument("--dirs", help="count DIR/*/.config instead of configuring seeds")
  args = ap.parse_args()

  cfgs = []
  if args.dirs:
    for p in sorted(glob.glob(os.path.join(args.dirs, "*", ".config"))):
      cfgs.append(parse(p))
    what = "%d .config files under %s" % (len(cfgs), args.dirs)
  else:
    scratch = tempfile.mkdtemp(prefix="rccov-")
    try:
      for s in range(args.seed, args.seed + args.n):
        cfgs.append(configure(s, scratch))
    finally:
      shutil.rmtree(scratch, ignore_errors=True)
    what = "seeds %#x..%#x (%d)" % (args.seed, args.seed + args.n - 1, args.n)

  bools, ints = {}, {}
  for c in cfgs:
    for k, v in c.items():
      if v in ("y", "n"):
        bools.setdefault(k, [0, 0])[v == "n"] += 1
      elif not v.startswith('"'):
        ints.setdefault(k, {}).setdefault(v, 0)
        ints[k][v] += 1
  n = len(cfgs)
  print("option coverage over %s" % what)
  print("%-28s %5s %5s %7s" % ("option", "on", "off", "absent"))
  for k in sorted(bools):
    on, off = bools[k]
    print("%-28s %5d %5d %7d" % (k[7:], on, off, n - on - off))
  # Absent from a .config: its menu's dependencies were not met, so it is off too.
  never_on = [k[7:] for k in sorted(bools) if bools[k][0] == 0]
  never_off = [k[7:] for k in sorted(bools) if bools[k][0] == n]
  print("never on: %s" % (" ".join(never_on) or "none"))
  print("never off: %s" % (" ".join(never_off) or "none"))
  for k in sorted(ints):
    print("%s: %s" % (k[7:], ", ".join("%s x%d" % kv for kv in sorted(ints[k].items()))))
  why = {}
  for c in cfgs:
    r = cannot_boot(Cfg(c))
    if r:
      why[r] = why.get(r, 0) + 1
  print("cannot be boot-tested: %d of %d%s" % (sum(why.values()), n,
        "".join("\n  %d: %s" % (v, k) for k, v in sorted(why.items(), key=lambda kv: -kv[1]))))
  return 0


if __name__ == "__main__":
  sys.exit(main())
