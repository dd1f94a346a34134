#!/usr/bin/env python3
# tests/randconfig.py: build and smoke-boot N random configurations.
#
#   python3 tests/randconfig.py --out build/randconfig -n 20 [--seed S]
#
# Configuration i uses KCONFIG_SEED = S + i (S: --seed, else the time), so
# `--seed X -n 1` rebuilds exactly the configuration that seed X made. Each
# one is built in OUT/<seed>/ and booted once: init must start the shell,
# `echo ok` must print ok, and `poweroff` must end QEMU (when the power-off
# driver is configured). A failure prints the seed and keeps its .config as
# OUT/seed-<seed>.config and its whole build directory; passing builds are
# removed unless --keep. Last line: "N passed, N failed".

import argparse
import os
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True    # keep the source tree clean

from lib import build, cases, kconfig, session  # noqa: E402
from lib.pool import Pool  # noqa: E402

SRCTREE = os.path.dirname(HERE)


def smoke_case(target):
  d = dict(name="smoke", smp=["max"], checks=["init"],
           steps=[("echo ok", r"^ok$")],
           poweroff=kconfig.enabled(target.cfg, "CONFIG_POWER_SIFIVE_TEST"))
  return cases.Case(d, "randconfig.py")


def cannot_boot(target):
  """Why this configuration cannot be smoke-tested at all, or None."""
  with open(os.path.join(target.O, ".config")) as f:
    if "# CONFIG_SERIAL_16550 is not set" in f.read():
      return "no console (CONFIG_SERIAL_16550 is not set)"
  return None


def one(args, seed, pool):
  """Configure and build one seed; return a job that yields (status, msg, log)."""
  O = os.path.join(args.out, str(seed))
  blog = os.path.join(O, "build.log")
  err = build.build(SRCTREE, O, ["randconfig"], blog, args.jobs, env={"KCONFIG_SEED": str(seed)})
  if err:
    return None, ("FAIL", "build: %s" % err, blog)
  target = session.Target(SRCTREE, "seed-%d" % seed, O)
  why = cannot_boot(target)
  if why:
    return None, ("SKIP", why, None)
  case = smoke_case(target)
  inst = cases.expand(case, target)[0]
  inst.name = "smoke"

  def run():
    o = session.run_instance(target, inst, os.path.join(O, "logs"), os.path.join(O, "disks"),
                             args.timeout_scale)
    return (o.status, o.msg, o.log)
  return pool.submit(run, case.cost()), None


def main():
  ap = argparse.ArgumentParser(description="Build and smoke-boot random configurations.")
  ap.add_argument("--out", default="build/randconfig")
  ap.add_argument("-n", type=int, default=20, help="how many configurations (default 20)")
  ap.add_argument("--seed", type=lambda s: int(s, 0), help="first KCONFIG_SEED (default: the time)")
  ap.add_argument("--keep", action="store_true", help="keep the build directories of passing seeds")
  ap.add_argument("--boots", type=int, default=2, help="QEMU guests at once (default 2)")
  ap.add_argument("-j", "--jobs", type=int, default=2, help="make -j for each build")
  ap.add_argument("--timeout-scale", type=float, default=float(os.environ.get("TEST_TIMEOUT_SCALE", 1)))
  args = ap.parse_args()
  args.out = os.path.abspath(args.out)
  base = args.seed if args.seed is not None else int(time.time()) & 0x7fffffff
  seeds = [base + i for i in range(args.n)]
  print("randconfig: %d configurations, KCONFIG_SEED %d..%d (rerun one: --seed SEED -n 1)"
        % (args.n, seeds[0], seeds[-1]) if seeds else "randconfig: nothing to do", flush=True)
  os.makedirs(args.out, exist_ok=True)

  pool = Pool(args.boots)
  pending = []
  for seed in seeds:
    sys.stderr.write("randconfig: building seed %d\n" % seed)
    pending.append((seed,) + one(args, seed, pool))
  passed = failed = skipped = 0
  for seed, job, res in pending:
    status, msg, log = job.wait() if job else res
    if isinstance(status, Exception):
      status, msg, log = "FAIL", "test driver error: %r" % status, None
    O = os.path.join(args.out, str(seed))
    if status == "PASS":
      passed += 1
      print("PASS seed %d" % seed)
      if not args.keep:
        shutil.rmtree(O, ignore_errors=True)
    elif status == "SKIP":
      skipped += 1
      print("SKIP seed %d: %s" % (seed, msg))
      if not args.keep:
        shutil.rmtree(O, ignore_errors=True)
    else:
      failed += 1
      kept = os.path.join(args.out, "seed-%d.config" % seed)
      if os.path.isfile(os.path.join(O, ".config")):
        shutil.copyfile(os.path.join(O, ".config"), kept)
      print("FAIL seed %d: %s" % (seed, msg))
      print("    KCONFIG_SEED=%d; .config kept as %s; rebuild: KCONFIG_SEED=%d make O=%s randconfig"
            % (seed, kept, seed, O))
      if log:
        print("    last lines of %s:" % log)
        for line in session.log_tail(log):
          print("    | " + line)
    sys.stdout.flush()
  pool.close()
  if skipped:
    print("(%d skipped: cannot be boot-tested)" % skipped)
  print("%d passed, %d failed" % (passed, failed))
  return 1 if failed else 0


if __name__ == "__main__":
  try:
    sys.exit(main())
  except KeyboardInterrupt:
    sys.exit(130)
  except BrokenPipeError:      # output piped into head(1)
    os._exit(1)
