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
VARIANTS = [
  ("freelist-spin", []),
  ("buddy-spin", ["CONFIG_PAGE_ALLOC_BUDDY=y"]),
  ("buddy-pcp-ticket", ["CONFIG_PAGE_ALLOC_BUDDY=y", "CONFIG_PAGE_ALLOC_PCP=y", "CONFIG_LOCK_TICKET=y"]),
  ("freelist-ticket", ["CONFIG_LOCK_TICKET=y"]),
  ("up", ["# CONFIG_SMP is not set", "CONFIG_NR_CPUS=1"]),
  ("separate-pt", ["CONFIG_KERNEL_PT_SEPARATE=y"]),
  ("no-cow", ["# CONFIG_COW_FORK is not set", "# CONFIG_LAZY_SBRK is not set"]),
]


def run(argv, log):
  with open(log, "a") as f:
    return subprocess.run(argv, cwd=SRCTREE, stdout=f, stderr=subprocess.STDOUT).returncode


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
    O = os.path.join(out, name)
    log = os.path.join(out, name + ".log")
    os.makedirs(O, exist_ok=True)
    frag = os.path.join(O, "variant.config")
    with open(frag, "w") as f:
      f.write("\n".join(lines) + "\n")
    ok = run(["make", "-s", "O=" + O, "xv6_defconfig"], log) == 0
    ok = ok and run(["sh", "scripts/merge-config.sh", os.path.join(O, ".config"), frag], log) == 0
    ok = ok and run(["make", "-s", "O=" + O, "olddefconfig"], log) == 0
    ok = ok and run(["make", "-s", "-j2", "O=" + O, "all"], log) == 0
    if not ok:
      print("%-18s build failed (see %s)" % (name, log))
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
