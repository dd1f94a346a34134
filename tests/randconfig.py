#!/usr/bin/env python3
# tests/randconfig.py: build N random configurations and run, on each, every
# boot-test case its configuration meets.
#
#   python3 tests/randconfig.py --out build/randconfig -n 20 [--seed S]
#   python3 tests/randconfig.py --seeds 0x2002,0x3003      fixed seeds (make test)
#   python3 tests/randconfig.py --seed 0x2002 -n 1 --case usertests-q
#
# Configuration i uses KCONFIG_SEED = S + i (S: --seed, else the time), so
# `--seed X -n 1` rebuilds exactly the configuration that seed X made. Each
# one is built in OUT/<seed>/ and booted for a smoke test (init starts the
# shell, `echo ok` prints ok) and then for each case of tests/cases/*.py, as
# the defconfig matrix (tests/run.py) does: a case whose `requires:`,
# `programs` or `configs` the configuration does not meet is reported SKIP
# with the reason; cases marked `full` are left out (as run.py --no-full).
# A configuration that cannot be booted at all (no console driver) is one
# SKIP line. A failure prints the case, what it saw, the console log's tail,
# and one line that reproduces it; the seed's whole build directory (its
# .config, build.log and logs/<case>.log) is kept, and its .config is also
# copied to OUT/seed-<seed>.config. Passing builds are removed unless --keep.
# Last lines: the seeds that passed every case, failed, or could not boot,
# then "N passed, N failed, N skipped" over all cases.

import argparse
import os
import shutil
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True    # keep the source tree clean

from lib import build, cases, kconfig, session  # noqa: E402
from lib.pool import Pool  # noqa: E402

SRCTREE = os.path.dirname(HERE)
AHEAD = 3      # seeds built but not yet reported, at most (bounds disk use)


def smoke_case(target):
  d = dict(name="smoke", smp=["max"], checks=["init"],
           steps=[("echo ok", r"^ok$")],
           poweroff=kconfig.enabled(target.cfg, "CONFIG_POWER_SIFIVE_TEST"))
  return cases.Case(d, "randconfig.py")


def cannot_boot(target):
  """Why this configuration cannot be boot-tested at all, or None."""
  if kconfig.enabled(target.cfg, "CONFIG_QEMU_SIFIVE_U"):
    if not kconfig.enabled(target.cfg, "CONFIG_SERIAL_SIFIVE"):
      return "sifive_u without its console (CONFIG_SERIAL_SIFIVE is not set)"
    # No disk-less case here: VIRTIO_MMIO depends on QEMU_VIRT, so an
    # xv6fs root on sifive_u has the ramdisk or the SD card (FS_XV6).
  elif not kconfig.enabled(target.cfg, "CONFIG_SERIAL_16550"):
    return "no console on virt (CONFIG_SERIAL_16550 is not set)"
  return None


class SeedRun:
  """One seed: its build, then its boots."""

  def __init__(self, args, seed):
    self.seed = seed
    self.name = "seed-%#x" % seed
    self.O = os.path.join(args.out, "%#x" % seed)
    self.built = threading.Event()
    self.err = None        # build failure
    self.skip = None       # why the whole configuration cannot be booted
    self.insts = []        # (Instance, Job or None)


def instances(args, allcases, target):
  """The smoke boot, then every case's instances (skipped ones carry .skip)."""
  smoke = cases.expand(smoke_case(target), target)[0]
  out = [] if args.case and "smoke" not in args.case else [smoke]
  for c in allcases:
    if c.full or (args.case and c.name not in args.case):
      continue
    out.extend(cases.expand(c, target))
  return out


def build_one(args, r, allcases, pool):
  err = build.build(SRCTREE, r.O, ["randconfig"], os.path.join(r.O, "build.log"), args.jobs,
                    env={"KCONFIG_SEED": "%#x" % r.seed})
  if err:
    r.err = err
    return
  target = session.Target(SRCTREE, r.name, r.O)
  r.skip = cannot_boot(target)
  if r.skip:
    return
  shutil.rmtree(os.path.join(r.O, "logs"), ignore_errors=True)
  for inst in instances(args, allcases, target):
    job = None
    if not inst.skip:
      job = pool.submit(lambda i=inst: session.run_instance(
          target, i, os.path.join(r.O, "logs"), os.path.join(r.O, "disks"), args.timeout_scale),
          cost=inst.case.cost())
    r.insts.append((inst, job))


def builder(args, runs, allcases, pool, room):
  for r in runs:
    room.acquire()
    sys.stderr.write("randconfig: building %s\n" % r.name)
    try:
      build_one(args, r, allcases, pool)
    except Exception as e:     # a driver bug must not hang the run
      r.err = "test driver error: %r" % e
    r.built.set()


def reproduce(args, r, case):
  return ("make randconfig-test N=1 KCONFIG_SEED=%#x%s    "
          "(or by hand: make O=%s randconfig KCONFIG_SEED=%#x && make O=%s qemu)"
          % (r.seed, " CASE=" + case if case else "", r.O, r.seed, r.O))


def report(args, r, tot):
  """Print one seed's lines; return 'pass', 'fail' or 'skip'."""
  r.built.wait()
  emit = print
  if r.err:
    emit("FAIL %s build: %s" % (r.name, r.err))
    for line in session.log_tail(os.path.join(r.O, "build.log")):
      emit("    | " + line)
    emit("    reproduce: " + reproduce(args, r, None))
    tot["failed"] += 1
    return "fail"
  if r.skip:
    emit("SKIP %s: %s" % (r.name, r.skip))
    tot["skipped"] += 1
    return "skip"
  failed = False
  for inst, job in r.insts:
    if job is None:
      emit("SKIP %s %s: %s" % (r.name, inst.name, inst.skip))
      tot["skipped"] += 1
      continue
    o = job.wait()
    if isinstance(o, Exception):
      o = session.Outcome("FAIL", "test driver error: %r" % o)
    if o.status == "PASS":
      emit("PASS %s %s" % (r.name, inst.name))
      tot["passed"] += 1
      continue
    failed = True
    tot["failed"] += 1
    emit("FAIL %s %s: %s" % (r.name, inst.name, o.msg))
    if o.log:
      emit("    console log %s:" % o.log)
      for line in session.log_tail(o.log):
        emit("    | " + line)
    emit("    reproduce: " + reproduce(args, r, inst.case.name))
  return "fail" if failed else "pass"


def main():
  ap = argparse.ArgumentParser(description="Build random configurations and run their test cases.")
  ap.add_argument("--out", default="build/randconfig")
  ap.add_argument("-n", type=int, default=20, help="how many configurations (default 20)")
  ap.add_argument("--seed", type=lambda s: int(s, 0), help="first KCONFIG_SEED (default: the time)")
  ap.add_argument("--seeds", help="comma-separated KCONFIG_SEEDs instead of --seed/-n")
  ap.add_argument("--case", action="append", metavar="CASE",
                  help="run only this case (repeatable; 'smoke' is the echo-ok boot)")
  ap.add_argument("--keep", action="store_true", help="keep the build directories of passing seeds")
  ap.add_argument("--boots", type=int, default=2, help="QEMU guests at once (default 2)")
  ap.add_argument("-j", "--jobs", type=int, default=2, help="make -j for each build")
  ap.add_argument("--timeout-scale", type=float, default=float(os.environ.get("TEST_TIMEOUT_SCALE", 1)))
  args = ap.parse_args()
  args.out = os.path.abspath(args.out)
  if args.seeds:
    seeds = [int(s, 0) for s in args.seeds.split(",") if s.strip()]
  else:
    base = args.seed if args.seed is not None else int(time.time()) & 0x7fffffff
    seeds = [base + i for i in range(args.n)]
  try:
    allcases = cases.load(os.path.join(HERE, "cases"))
  except (ValueError, TypeError, SyntaxError, OSError) as e:
    sys.exit("randconfig.py: bad test case: %s" % e)
  if args.case:
    unknown = sorted(set(args.case) - {c.name for c in allcases} - {"smoke"})
    if unknown:
      sys.exit("randconfig.py: no case %s" % ", ".join(unknown))
  print("randconfig: %d configurations, KCONFIG_SEED %s (rerun one: KCONFIG_SEED=S N=1)"
        % (len(seeds), ", ".join("%#x" % s for s in seeds) if len(seeds) <= 8
           else "%#x..%#x" % (seeds[0], seeds[-1])), flush=True)
  os.makedirs(args.out, exist_ok=True)

  pool = Pool(args.boots)
  runs = [SeedRun(args, s) for s in seeds]
  room = threading.Semaphore(AHEAD)
  threading.Thread(target=builder, args=(args, runs, allcases, pool, room), daemon=True).start()
  tot = {"passed": 0, "failed": 0, "skipped": 0}
  seeds_by = {"pass": [], "fail": [], "skip": []}
  for r in runs:
    what = report(args, r, tot)
    seeds_by[what].append(r)
    if what == "fail":
      kept = os.path.join(args.out, "%s.config" % r.name)
      if os.path.isfile(os.path.join(r.O, ".config")):
        shutil.copyfile(os.path.join(r.O, ".config"), kept)
      print("    kept: %s/ (.config, build.log, logs/); .config also as %s" % (r.O, kept))
    elif not args.keep:
      shutil.rmtree(r.O, ignore_errors=True)
    sys.stdout.flush()
    room.release()
  pool.close()
  print("seeds: %d passed every applicable case, %d failed, %d could not be boot-tested%s"
        % (len(seeds_by["pass"]), len(seeds_by["fail"]), len(seeds_by["skip"]),
           (" (failed: %s)" % " ".join("%#x" % r.seed for r in seeds_by["fail"]))
           if seeds_by["fail"] else ""))
  print("%d passed, %d failed, %d skipped" % (tot["passed"], tot["failed"], tot["skipped"]))
  return 1 if tot["failed"] else 0


if __name__ == "__main__":
  try:
    sys.exit(main())
  except KeyboardInterrupt:
    sys.exit(130)
  except BrokenPipeError:      # output piped into head(1)
    os._exit(1)
