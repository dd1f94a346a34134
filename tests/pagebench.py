#!/usr/bin/env python3
"""tests/pagebench.py: page-allocation throughput at 1, 2 and 4 harts.

  python3 tests/pagebench.py --O build              # the build in O, if it has pagebench
  python3 tests/pagebench.py --matrix --out build/pagebench [--reps 3]

Boots a build with CONFIG_PAGE_ALLOC_BENCH at its full hart count and runs
user/pagebench (1, 2 and 4 workers allocating at once, each in its own
kernel loop). --matrix builds full_defconfig with each allocator variant
below merged over it, in its own O=, and boots them in rotation, --reps
times each, so that every variant sees the same background load; it prints
the median of each figure. Lock statistics are off for the timings (their
shared counters are themselves contended); the *-lockstat builds give the
lock counts. A measurement, not a test (docs/mm.md).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True    # keep the source tree clean

from lib import build, cases, kconfig, session  # noqa: E402
from lib.guest import GuestError  # noqa: E402

SRCTREE = os.path.dirname(HERE)
NOSTAT = "# CONFIG_LOCK_STAT is not set"
NOPCP = "# CONFIG_PAGE_ALLOC_PCP is not set"
FREELIST = "CONFIG_PAGE_ALLOC_FREELIST=y"
VARIANTS = [
  ("buddy+pcp", [NOSTAT]),
  ("buddy", [NOSTAT, NOPCP]),
  ("freelist+pcp", [NOSTAT, FREELIST]),
  ("freelist", [NOSTAT, NOPCP, FREELIST]),
  ("buddy+pcp-lockstat", []),
  ("buddy-lockstat", [NOPCP]),
  ("freelist-lockstat", [NOPCP, FREELIST]),
]
RUN = re.compile(r"^pagebench harts (\d+) pairs (\d+) ms (\d+) aggregate (\d+)/s "
                 r"per-hart (\d+)/s ratio ([\d.]+) spread (\d+)", re.M)
LOCK = re.compile(r"^pagebench harts (\d+) lock (\w+) acquires/kpair (\d+) contended% (\d+)", re.M)


def measure(O, args):
  """Boot O, run pagebench; return ({harts: run fields}, {(harts, lock): (acq, cont)})."""
  import bench   # here, not at the top: bench.py imports this file
  target = session.Target(SRCTREE, os.path.basename(O), O)
  g, copy = bench.boot_guest(args, O, target, cases.harts(target), "pagebench")
  try:
    session.wait_prompt(g, 60, what="the first shell prompt")
    start = len(g.text)
    g.send("pagebench -n %d -b %d 1 2 4\n" % (args.pairs, args.batch))
    g.expect(r"pagebench done|failed[^\n]*|usage:[^\n]*|without CONFIG[^\n]*", args.timeout,
             what="'pagebench done'")
    out = g.text[start:]
  finally:
    g.close()
    if copy:
      os.unlink(copy)
  runs = {int(m.group(1)): dict(ms=int(m.group(3)), agg=int(m.group(4)), per=int(m.group(5)),
                                spread=int(m.group(7))) for m in RUN.finditer(out)}
  locks = {(int(m.group(1)), m.group(2)): (int(m.group(3)), int(m.group(4)))
           for m in LOCK.finditer(out)}
  if not runs:
    raise GuestError("output", "no pagebench figures in %s/logs/pagebench.log" % O)
  return runs, locks


def print_runs(name, runs):
  base = runs.get(1, {}).get("agg")
  for k in sorted(runs):
    r = runs[k]
    ratio = "%.2f" % (r["agg"] / base) if base else "-"
    print("%-20s %5d %12d %12d %7s %6d" % (name, k, r["agg"], r["per"], ratio, r["spread"]))


def header():
  print("%-20s %5s %12s %12s %7s %6s" % ("variant", "harts", "aggregate/s", "per-hart/s", "ratio", "spread"))


def matrix(args):
  out = os.path.abspath(args.out)
  builds = [(name, build.variant_or_exit("pagebench.py", SRCTREE, out, name, "full_defconfig",
                                         lines + ["CONFIG_PAGE_ALLOC_BENCH=y"]))
            for name, lines in VARIANTS]
  got = {name: [] for name, _ in builds}
  for rep in range(args.reps):
    for name, O in builds:
      try:
        runs, locks = measure(O, args)
      except GuestError as e:   # a contended variant may take too long: leave it out
        sys.stderr.write("rep %d %s: %s\n" % (rep, name, e))
        continue
      got[name].append((runs, locks))
      sys.stderr.write("rep %d %s: %s\n" % (rep, name, {k: v["agg"] for k, v in runs.items()}))
  print("pagebench -n %d -b %d on full_defconfig variants, -smp 4, median of %d rotations"
        % (args.pairs, args.batch, args.reps))
  header()
  for name, _ in builds:
    if name.endswith("-lockstat") or not got[name]:
      continue
    med = {}
    for k in sorted(got[name][0][0]):
      med[k] = {f: int(statistics.median(r[0][k][f] for r in got[name] if k in r[0]))
                for f in ("agg", "per", "spread")}
    print_runs(name, med)
  print("\n%-20s %5s %-9s %14s %11s" % ("variant", "harts", "lock", "acquires/kpair", "contended%"))
  for name, _ in builds:
    if not name.endswith("-lockstat") or not got[name]:
      continue
    for key in sorted(got[name][0][1]):
      acq = int(statistics.median(r[1][key][0] for r in got[name] if key in r[1]))
      cont = int(statistics.median(r[1][key][1] for r in got[name] if key in r[1]))
      print("%-20s %5d %-9s %14d %11d" % (name, key[0], key[1], acq, cont))
  return 0


PAIRS, BATCH = 200000, 8


def main():
  ap = argparse.ArgumentParser(description="Page-allocation throughput at 1, 2 and 4 harts.")
  ap.add_argument("--O", default="build", help="build directory (default build)")
  ap.add_argument("--matrix", action="store_true", help="build and measure every allocator variant")
  ap.add_argument("--out", default="build/pagebench", help="--matrix: where the variants are built")
  ap.add_argument("--reps", type=int, default=3, help="--matrix: rotations (median reported)")
  ap.add_argument("--pairs", type=int, default=PAIRS, help="alloc+free pairs per worker")
  ap.add_argument("--batch", type=int, default=BATCH, help="pages allocated before they are freed")
  ap.add_argument("--timeout", type=float, default=300, help="per boot, s")
  args = ap.parse_args()
  if args.matrix:
    return matrix(args)
  return single(os.path.abspath(args.O), args)


def single(O, args=None):
  """The build in O; says SKIP when it has no pagebench (what `make bench` runs)."""
  args = args or argparse.Namespace(pairs=PAIRS, batch=BATCH, timeout=300)
  target = session.Target(SRCTREE, os.path.basename(O), O)
  if not kconfig.enabled(target.cfg, "CONFIG_PAGE_ALLOC_BENCH"):
    print("pagebench: SKIP: CONFIG_PAGE_ALLOC_BENCH is off in %s" % O)
    return 0
  try:
    runs, _ = measure(O, args)
  except GuestError as e:
    sys.exit("pagebench.py: %s (console log: %s/logs/pagebench.log)" % (e, O))
  print("pagebench -n %d -b %d, -smp %d" % (args.pairs, args.batch, cases.harts(target)))
  header()
  print_runs(target.cfg.get("CONFIG_DEFCONFIG_NAME", "?").strip('"'), runs)
  return 0


if __name__ == "__main__":
  sys.exit(main())
