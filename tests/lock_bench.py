#!/usr/bin/env python3
"""tests/lock_bench.py: the lock figures of docs/locking.md.

  python3 tests/lock_bench.py --out build/lock-bench [--smp 1,2,4,8] [--rounds 3]
                              [--only size,uncontended,contended,up]

Builds xv6_defconfig with each lock variant merged over it (UP, test-and-set
and ticket SMP kernels for 8 harts) in its own O=, then
  size         code bytes (functions) and data of each kernel
  uncontended  `bench lock|pushoff|loop` (kernel loops timed with the time CSR)
  contended    `lockfair time|pipe` throughput at each hart count, spin vs ticket
  up           `bench -min null|pipe|fork|sbrk` at one hart, UP vs SMP kernels
Boots of the variants are interleaved round by round (A B C A B C ...) so
that a change in the host's load hits every variant alike; each figure is
the median over rounds. A measurement, not a test: the host has 2 cores
shared with other work, so compare rows of one run only.
"""
import argparse, os, re, statistics, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
from lib import build, session  # noqa: E402
from lib.guest import Guest, GuestError  # noqa: E402

SRCTREE = os.path.dirname(HERE)
SRC = SRCTREE    # --src: build the variants from another tree (an older revision)
VARIANTS = [
  ("up", ["# CONFIG_SMP is not set", "CONFIG_NR_CPUS=1"]),
  ("spin-1", ["CONFIG_NR_CPUS=2"]),     # SMP kernels as small as SMP allows
  ("ticket-1", ["CONFIG_NR_CPUS=2", "CONFIG_LOCK_TICKET=y"]),
  ("spin", ["CONFIG_NR_CPUS=8"]),
  ("ticket", ["CONFIG_NR_CPUS=8", "CONFIG_LOCK_TICKET=y"]),
]
UP_BENCH = [("null", 2000), ("pipe", 200), ("fork", 20), ("sbrk", 500)]   # bench -min NAME ITERS


def sizes(O):
  """(function bytes, rodata, data + bss) of O's kernel."""
  nm = subprocess.run(["sh", "-c", "${CROSS_COMPILE:-riscv64-unknown-elf-}nm -S %s/octopos.elf" % O],
                      capture_output=True, text=True).stdout
  text = sum(int(m.group(1), 16) for m in re.finditer(r"^\w+ (\w+) [Tt] ", nm, re.M))
  sz = subprocess.run(["sh", "-c", "${CROSS_COMPILE:-riscv64-unknown-elf-}size -A %s/octopos.elf" % O],
                      capture_output=True, text=True).stdout
  sec = {m.group(1): int(m.group(2)) for m in re.finditer(r"^(\.\w+)\s+(\d+)", sz, re.M)}
  return text, sec.get(".rodata", 0), sec.get(".data", 0) + sec.get(".bss", 0)


def boot(O, smp, cmds, timeout):
  """Boot O on smp harts, run each command, return the console text."""
  target = session.Target(SRC, os.path.basename(O), O)
  os.makedirs(os.path.join(O, "logs"), exist_ok=True)
  disk = target.disk()
  copy = os.path.join(O, "logs", "lock-bench-fs.img")
  with open(disk, "rb") as src, open(copy, "wb") as dst:
    dst.write(src.read())
  g = Guest(target.qemu_argv(smp, copy), os.path.join(O, "logs", "lock-bench.log"), 3600)
  try:
    session.wait_prompt(g, 60, what="the first shell prompt")
    for c in cmds:
      g.send(c + "\n")
      g.expect(re.escape(c), 10, what="the echo of %r" % c)
      session.wait_prompt(g, timeout, what="the prompt after %r" % c)
  except GuestError as e:
    sys.exit("lock_bench.py: %s smp %d: %s (log %s/logs/lock-bench.log)" % (O, smp, e, O))
  finally:
    g.close()
    os.unlink(copy)
  return g.text


def med(xs):
  return statistics.median(xs) if xs else float("nan")


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("--out", default="build/lock-bench")
  ap.add_argument("--smp", default="1,2,4,8")
  ap.add_argument("--rounds", type=int, default=3)
  ap.add_argument("--only", default="size,uncontended,contended,up")
  ap.add_argument("--ticks", type=int, default=10, help="lockfair run length, ticks")
  ap.add_argument("--nproc", type=int, default=8, help="lockfair processes")
  ap.add_argument("--src", default=SRCTREE, help="source tree to build (default this one)")
  a = ap.parse_args()
  global SRC
  SRC = os.path.abspath(a.src)
  out = os.path.abspath(a.out)
  os.makedirs(out, exist_ok=True)
  only = a.only.split(",")
  O = {name: build.variant_or_exit("lock_bench.py", SRC, out, name, "xv6_defconfig",
                                   lines + ["CONFIG_LOCK_BENCH=y"])
       for name, lines in VARIANTS}

  if "size" in only:
    print("kernel size (xv6_defconfig + variant; bytes)")
    print("%-10s %10s %10s %12s" % ("variant", "functions", "rodata", "data+bss"))
    for name, _ in VARIANTS:
      print("%-10s %10d %10d %12d" % ((name,) + sizes(O[name])))
    print()

  if "uncontended" in only:
    res = {}
    for r in range(a.rounds):
      for name, _ in VARIANTS:
        t = boot(O[name], 1, ["bench lock", "bench pushoff", "bench loop"], 120)
        for m in re.finditer(r"^bench (lock|pushoff|loop) \d+ ([\d.]+)$", t, re.M):
          res.setdefault((name, m.group(1)), []).append(float(m.group(2)))
        sys.stderr.write("uncontended round %d %s done\n" % (r, name))
    print("uncontended, 1 hart, ns per round (median of %d boots, each the fastest of 25 runs)" % a.rounds)
    print("%-10s %10s %10s %10s" % ("variant", "lock", "pushoff", "loop"))
    for name, _ in VARIANTS:
      print("%-10s %10.2f %10.2f %10.2f" % (name, med(res.get((name, "lock"))),
                                           med(res.get((name, "pushoff"))), med(res.get((name, "loop")))))
    print()

  if "contended" in only:
    res = {}
    smps = [int(x) for x in a.smp.split(",")]
    cmds = ["lockfair time %d %d" % (a.ticks, a.nproc), "lockfair pipe %d %d" % (a.ticks, a.nproc)]
    for r in range(a.rounds):
      for smp in smps:
        for name in ("spin", "ticket"):
          t = boot(O[name], smp, cmds, 900)
          for m in re.finditer(r"^lockfair: (\w+) lock, .* (\d+) calls/s$", t, re.M):
            res.setdefault((name, smp, m.group(1)), []).append(int(m.group(2)) / 1000.0)
          sys.stderr.write("contended round %d smp %d %s done\n" % (r, smp, name))
    print("contended: %d processes calling uptime() (tick lock) or writing+reading one pipe for %d ticks;"
          " thousand calls per s (median of %d boots)" % (a.nproc, a.ticks, a.rounds))
    print("%5s %12s %12s %12s %12s" % ("harts", "time spin", "time ticket", "pipe spin", "pipe ticket"))
    for smp in smps:
      print("%5d %12.1f %12.1f %12.1f %12.1f" % (smp, med(res.get(("spin", smp, "time"))),
            med(res.get(("ticket", smp, "time"))), med(res.get(("spin", smp, "pipe"))),
            med(res.get(("ticket", smp, "pipe")))))
    print()

  if "up" in only:
    res = {}
    names = ["up", "spin-1", "ticket-1"]
    for r in range(a.rounds):
      for name in names:
        t = boot(O[name], 1, ["bench -min %s %d" % b for b in UP_BENCH], 300)
        for m in re.finditer(r"^bench (\w+) \d+ (\d+)$", t, re.M):
          res.setdefault((name, m.group(1)), []).append(int(m.group(2)) / 1000.0)
        sys.stderr.write("up round %d %s done\n" % (r, name))
    print("one hart: UP vs SMP kernels, us per operation (fastest of 25 runs, median of %d boots)" % a.rounds)
    print("%-10s " % "variant" + " ".join("%9s" % b for b, _ in UP_BENCH))
    for name in names:
      print("%-10s " % name + " ".join("%9.2f" % med(res.get((name, b))) for b, _ in UP_BENCH))
  return 0


if __name__ == "__main__":
  sys.exit(main())
