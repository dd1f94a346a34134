#!/usr/bin/env python3
# tests/bench.py: time the xvbench micro-benchmarks on a built octopos.
#
#   python3 tests/bench.py --O build [--smp 1] [--scale 0.25] [--only fork,pipe]
#
# Boots O's kernel and a copy of its disk, and if the image holds /xvbench
# (see ../shared/bench/README.md, next to the checkout) types `/xvbench NAME ITERS` for each
# benchmark. A run is timed from the newline to "xvbench NAME ITERS done";
# the time of `NAME 0` (command overhead plus one-time setup) is taken off,
# so us/iter = (t(ITERS) - t(0)) / ITERS. Without /xvbench it says so and
# exits 0. Compare kernels side by side on one machine, as ratios: the xv6
# column holds xv6-riscv's figures from the reference machine.

import argparse
import os
import re
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True    # keep the source tree clean

from lib import baseline, cases, kconfig, session  # noqa: E402
import pagebench  # noqa: E402
from lib.guest import Guest, GuestError  # noqa: E402

SRCTREE = os.path.dirname(HERE)
# Iterations that take ~2 s each on xv6-riscv at -smp 1, and xv6's us/iter.
BENCH = [("null", 150000, 15.6), ("fork", 3000, 661), ("exec", 600, 3470),
         ("pipe", 6000, 312), ("pipebw", 500, 4584), ("file", 100, 21899),
         ("fsread", 65, 29565), ("sbrk", 35000, 53.2)]
CMD = "/xvbench"


def timed(g, name, iters, timeout):
  """Seconds from the newline to 'xvbench NAME ITERS done'."""
  cmd = "%s %s %d" % (CMD, name, iters)
  g.send(cmd)
  g.expect(re.escape(cmd), 10, what="the echo of %r" % cmd)
  t = time.monotonic()
  g.send("\n")
  m = g.expect(r"xvbench %s %d (done|FAIL[^\n]*)|exec[^\n]*fail[^\n]*" % (name, iters), timeout,
               what="'xvbench %s %d done'" % (name, iters))
  s = time.monotonic() - t
  if m.group(1) != "done":
    raise GuestError("fail", "%r: %s" % (cmd, m.group(0).strip()))
  session.wait_prompt(g, 30, what="the prompt")
  return s


def boot_guest(args, O, target, smp, name="bench"):
  """Boot O on smp harts with a scratch copy of its disk, logging to
  O/logs/NAME.log; return (guest, copy)."""
  os.makedirs(os.path.join(O, "logs"), exist_ok=True)
  disk = target.disk()
  copy = None
  if disk:
    copy = os.path.join(O, "logs", name + "-fs.img")
    with open(disk, "rb") as src, open(copy, "wb") as dst:
      dst.write(src.read())
  return Guest(target.qemu_argv(smp, copy), os.path.join(O, "logs", name + ".log"), 24 * 3600), copy


def guest_bench(args, O, target):
  """Run user/bench in the guest: it times itself with the time CSR."""
  smp = min(args.smp, cases.harts(target))
  g, copy = boot_guest(args, O, target, smp)
  rows = {}
  try:
    session.wait_prompt(g, 60, what="the first shell prompt")
    boot_s = g.elapsed()
    names = args.only.split(",") if args.only else ["all"]
    for name in names:
      g.send("bench %s\n" % name)
      g.expect(r"bench done|usage:[^\n]*|failed[^\n]*", args.timeout, what="'bench done'")
    for m in re.finditer(r"^bench (\w+) (\d+) (\d+)\r?$", g.text, re.M):
      rows[m.group(1)] = (int(m.group(2)), int(m.group(3)) / 1000.0)
  except GuestError as e:
    sys.exit("bench.py: %s (console log: %s/logs/bench.log)" % (e, O))
  finally:
    g.close()
    if copy:
      os.unlink(copy)
  print("octopos %s, -smp %d; boot to prompt %.2f s (user/bench, time CSR, median of 5)"
        % (target.cfg.get("CONFIG_DEFCONFIG_NAME", "?"), smp, boot_s))
  print("%-8s %8s %12s %12s %8s" % ("bench", "iters", "us/iter", "xv6 us/iter", "ratio"))
  for name, _, ref in BENCH:
    if name in rows:
      n, us = rows[name]
      print("%-8s %8d %12.2f %12.1f %8.2f" % (name, n, us, ref, us / ref))
  for name, (n, us) in rows.items():       # octopos's own, with no xv6 figure
    if name not in {b[0] for b in BENCH}:
      print("%-8s %8d %12.2f %12s %8s" % (name, n, us, "-", "-"))
  print("(xv6 figures are from the reference machine: compare on one machine for exact ratios)")
  guard(args, "bench", target, smp, {k: us for k, (n, us) in rows.items()})
  return 0


def guard(args, kind, target, smp, figures):
  """The regression guard: this run against tests/bench_baseline.json."""
  defconfig = target.cfg.get("CONFIG_DEFCONFIG_NAME", "?").strip('"')
  print()
  if args.save:
    baseline.save(kind, defconfig, smp, figures, args.machine)
  else:
    baseline.compare(kind, defconfig, smp, figures)


def main():
  ap = argparse.ArgumentParser(description="Time the xvbench micro-benchmarks on a built octopos.")
  ap.add_argument("--O", default="build", help="build directory (default build)")
  ap.add_argument("--smp", type=int, default=1, help="harts to boot (default 1, as the xv6 figures)")
  ap.add_argument("--scale", type=float, default=0.25, help="fraction of the ~2 s iteration counts")
  ap.add_argument("--only", help="comma-separated benchmarks (default all)")
  ap.add_argument("--base", type=int, default=3, help="runs of 'NAME 0' per baseline (median)")
  ap.add_argument("--timeout", type=float, default=300, help="per benchmark run, s")
  ap.add_argument("--save", action="store_true",
                  help="record this run as the baseline in tests/bench_baseline.json")
  ap.add_argument("--machine", default=os.uname().nodename + " " + os.uname().machine,
                  help="what to record as the machine with --save")
  args = ap.parse_args()
  O = os.path.abspath(args.O)
  if not os.path.isfile(os.path.join(O, ".config")):
    sys.exit("bench.py: %s/.config not found: build first (make O=%s xv6_defconfig all)" % (O, args.O))
  target = session.Target(SRCTREE, os.path.basename(O), O)
  if kconfig.enabled(target.cfg, "CONFIG_PAGE_ALLOC_BENCH"):
    pagebench.single(O)     # page-allocation scaling (tests/pagebench.py)
  if not target.has_program("xvbench"):
    if target.has_program("bench"):
      return guest_bench(args, O, target)
    print("bench: SKIP: neither user/bench (CONFIG_USER_SYSTOOLS) nor xvbench in %s" % O)
    return 0
  wanted = args.only.split(",") if args.only else [b[0] for b in BENCH]
  unknown = set(wanted) - {b[0] for b in BENCH}
  if unknown:
    sys.exit("bench.py: unknown benchmark %s" % ", ".join(sorted(unknown)))

  smp = min(args.smp, cases.harts(target))
  g, copy = boot_guest(args, O, target, smp)
  rows = []
  try:
    session.wait_prompt(g, 60, what="the first shell prompt")
    boot_s = g.elapsed()
    try:
      timed(g, "nop", 0, 30)
    except GuestError as e:
      print("bench: SKIP: /xvbench does not run in the guest (%s)" % e)
      return 0
    for name, iters, ref in BENCH:
      if name not in wanted:
        continue
      n = max(1, int(iters * args.scale))
      t0 = statistics.median(timed(g, name, 0, args.timeout) for _ in range(args.base))
      t = timed(g, name, n, args.timeout)
      us = (t - t0) / n * 1e6
      rows.append((name, n, us, ref))
      sys.stderr.write("  %-7s %8d %10.2f us/iter\n" % (name, n, us))
  except GuestError as e:
    sys.exit("bench.py: %s (console log: %s/logs/bench.log)" % (e, O))
  finally:
    g.close()
    if copy:
      os.unlink(copy)
  print("octopos %s, -smp %d; boot to prompt %.2f s" % (target.cfg.get("CONFIG_DEFCONFIG_NAME", "?"), smp, boot_s))
  print("%-8s %8s %12s %12s %8s" % ("bench", "iters", "us/iter", "xv6 us/iter", "ratio"))
  for name, n, us, ref in rows:
    print("%-8s %8d %12.2f %12.1f %8.2f" % (name, n, us, ref, us / ref))
  print("(xv6 figures are from the reference machine: compare on one machine for exact ratios)")
  guard(args, "xvbench", target, smp, {name: us for name, n, us, ref in rows})
  return 0


if __name__ == "__main__":
  sys.exit(main())
