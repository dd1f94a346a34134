#!/usr/bin/env python3
"""tests/bench_matrix.py: the in-guest benchmarks across the product line.

  python3 tests/bench_matrix.py --out build/bench-matrix [--smp 1,3] [--only null,fork]

Builds xv6_defconfig with each variant below merged over it (allocator x
lock type, UP vs SMP, kernel address space) in its own O=, runs user/bench
(tests/bench.py) at each hart count and prints one table of microseconds
per operation. A measurement, not a test: compare rows taken on one
machine in one run.
"""
import argparse, os, re, subprocess, sys

SRCTREE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(SRCTREE, "tests"))
sys.dont_write_bytecode = True    # keep the source tree clean
from lib import build  # noqa: E402

VARIANTS = [
  ("freelist-spin", []),
  ("buddy-spin", ["CONFIG_PAGE_ALLOC_BUDDY=y"]),
  ("buddy-pcp-ticket", ["CONFIG_PAGE_ALLOC_BUDDY=y", "CONFIG_PAGE_ALLOC_PCP=y", "CONFIG_LOCK_TICKET=y"]),
  ("freelist-ticket", ["CONFIG_LOCK_TICKET=y"]),
  ("up", ["# CONFIG_SMP is not set", "CONFIG_NR_CPUS=1"]),
  ("separate-pt", ["CONFIG_KERNEL_PT_SEPARATE=y"]),
  ("no-cow", ["# CONFIG_COW_FORK is not set", "# CONFIG_LAZY_SBRK is not set"]),
]


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("--out", default="build/bench-matrix")
  ap.add_argument("--smp", default="1,3")
  ap.add_argument("--only", default=None)
  a = ap.parse_args()
  out = os.path.abspath(a.out)
  os.makedirs(out, exist_ok=True)
  rows = []
  for name, lines in VARIANTS:
    O, failed = build.variant(SRCTREE, out, name, "xv6_defconfig", lines)
    if failed:
      print("%-18s build failed (see %s)" % (name, failed))
      continue
    for smp in [int(x) for x in a.smp.split(",")]:
      argv = [sys.executable, "tests/bench.py", "--O", O, "--smp", str(smp)]
      if a.only:
        argv += ["--only", a.only]
      p = subprocess.run(argv, cwd=SRCTREE, capture_output=True, text=True)
      vals = dict(re.findall(r"^(\w+)\s+\d+\s+([\d.]+)\s+[\d.]+\s+[\d.]+$", p.stdout, re.M))
      rows.append((name, smp, vals))
      sys.stderr.write("%s smp %d: %s\n" % (name, smp, vals))
  benches = ["null", "fork", "exec", "pipe", "pipebw", "file", "fsread", "sbrk"]
  print("%-18s %4s " % ("variant", "smp") + " ".join("%9s" % b for b in benches) + "   (us/op)")
  for name, smp, vals in rows:
    print("%-18s %4d " % (name, smp) + " ".join("%9s" % vals.get(b, "-") for b in benches))
  return 0


if __name__ == "__main__":
  sys.exit(main())
