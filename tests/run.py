#!/usr/bin/env python3
# tests/run.py: build every defconfig and boot-test it under QEMU.
#
#   python3 tests/run.py --out build/test            all defconfigs (make test)
#   python3 tests/run.py --out build/test --quick    xv6 + tiny, one boot each
#   python3 tests/run.py --config xv6 --case shell   one config, one case
#
# Each configuration builds in OUT/<config> (one build at a time, make -j2);
# its boots then queue for at most --boots QEMUs at once. Test cases live in
# tests/cases/*.py and say what they need; those that do not apply to a
# configuration are reported SKIP with the reason. The console log of every
# boot is kept in OUT/<config>/logs/<test>.log. The host unit tests
# (scripts/host-tests.sh, tests/tools/run.sh) are folded into the totals.
# Output: one block per configuration of PASS/FAIL/SKIP lines, then
# "N passed, N failed, N skipped"; the exit status is 1 if anything failed.

import argparse
import glob
import os
import re
import shutil
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True    # keep the source tree clean

from lib import build, cases, session  # noqa: E402
from lib.pool import Pool  # noqa: E402

SRCTREE = os.path.dirname(HERE)
QUICK_CONFIGS = ["xv6_defconfig", "tiny_defconfig"]
FIRST = "xv6_defconfig"     # built first: it has the longest test


class Totals:
  def __init__(self):
    self.passed = self.failed = self.skipped = 0
    self.lock = threading.Lock()


class ConfigRun:
  """One configuration: its build, then its boots."""

  def __init__(self, name, out):
    self.name = name
    self.O = os.path.join(out, name)
    self.built = threading.Event()
    self.build_err = None
    self.target = None
    self.insts = []      # (Instance, Job or None)


def progress(args, msg):
  if not args.quiet:
    sys.stderr.write("[%6.1fs] %s\n" % (time.monotonic() - args.t0, msg))
    sys.stderr.flush()


def all_configs():
  return sorted(os.path.basename(p) for p in glob.glob(os.path.join(SRCTREE, "configs", "*_defconfig")))


def pick_configs(args):
  have = all_configs()
  if args.config:
    names = [c if c.endswith("_defconfig") else c + "_defconfig" for c in args.config]
    for c in names:
      if c not in have:
        sys.exit("run.py: no configs/%s (have: %s)" % (c, ", ".join(have) or "none"))
    return names
  if args.quick:
    return [c for c in QUICK_CONFIGS if c in have]
  return sorted(have, key=lambda c: (c != FIRST, c))


def select(args, allcases, target):
  """The instances to report for `target`: run or skipped."""
  chosen = [c for c in allcases if not args.case or c.name in args.case]
  if args.quick:
    runnable = [c for c in chosen if c.quick is not None and not cases.why_not(c, target)]
    runnable.sort(key=lambda c: c.quick)
    for c in runnable:
      insts = [i for i in cases.expand(c, target) if not i.skip]
      if insts:
        inst = insts[0]
        inst.checks = list(cases.CHECKS)   # the one boot also checks the boot
        return [inst]
    return []
  out = []
  for c in chosen:
    if c.full and args.no_full:
      continue
    out.extend(cases.expand(c, target))
  return out


def builder(args, runs, allcases, pool, hostjobs):
  """Build each configuration in turn and queue its boots."""
  for r in runs:
    progress(args, "building %s in %s" % (r.name, r.O))
    conf = [] if args.no_config else [r.name]
    if args.no_build:
      if not os.path.isfile(os.path.join(r.O, "octopos.elf")):
        r.build_err = "--no-build, but %s/octopos.elf does not exist" % r.O
    else:
      r.build_err = build.build(SRCTREE, r.O, conf, os.path.join(r.O, "build.log"), args.jobs)
    if not r.build_err:
      try:
        r.target = session.Target(SRCTREE, r.name, r.O, banner_name=r.name)
      except OSError as e:
        r.build_err = "cannot read %s/.config: %s" % (r.O, e)
    if not r.build_err:
      shutil.rmtree(os.path.join(r.O, "logs"), ignore_errors=True)   # no stale logs
      for inst in select(args, allcases, r.target):
        job = None
        if not inst.skip:
          job = pool.submit(lambda t=r.target, i=inst, o=r.O: boot(args, t, i, o),
                            cost=inst.case.cost())
        r.insts.append((inst, job))
    progress(args, "%s: %s" % (r.name, r.build_err or "built, %d boots queued"
                               % sum(1 for _, j in r.insts if j)))
    r.built.set()
  for name, job in hostjobs:
    job["result"] = host_script(args, name)
    job["done"].set()


def boot(args, target, inst, O):
  progress(args, "boot %s %s (smp %d)" % (target.name, inst.name, inst.smp))
  o = session.run_instance(target, inst, os.path.join(O, "logs"), os.path.join(O, "disks"),
                           args.timeout_scale)
  progress(args, "%s %s %s (%.1fs)" % (o.status, target.name, inst.name, o.secs))
  return o


RANDCONFIG_SEEDS = "0x2002,0x3003,0x3e8"
HOST_SCRIPTS = {
  "host-tests": ["sh", "scripts/host-tests.sh"],
  "tools": ["bash", "tests/tools/run.sh"],
  "kbuild": ["sh", "tests/kbuild/run.sh"],
  # A few random configurations every run, each with every case it meets;
  # fixed seeds keep CI repeatable (make randconfig-test explores new ones).
  # 0x2002 and 0x3003 (no COW_FORK) once failed usertests forkoom (issue 21).
  "randconfig": ["python3", "tests/randconfig.py", "--seeds", RANDCONFIG_SEEDS],
  # Small runs of the survival tests (docs/survive.md); make crashtest,
  # make hostile and make fuzz run the long ones.
  "crashtest": ["python3", "tests/crashtest.py", "-n", "3", "--quiet", "1", "--seed", "11"],
  "crashtest-each": ["python3", "tests/crashtest.py", "--commit", "each", "-n", "1",
                     "--quiet", "1", "--seed", "21"],
  "hostile": ["python3", "tests/hostile.py", "--scrambles", "5"],
  # make soak's 10-minute form: rounds of 30 s of fuzz on xv6+debug and on
  # full as alice (2 harts each), then 2 crash trials per commit rule.
  "soak": ["python3", "tests/soak.py", "--short", "--minutes", "10", "--smp", "2", "--seed", "22", "-q"],
  # A devicetree damaged in guest memory through gdb must stop the boot.
  "baddtb": ["python3", "tests/baddtb.py"],
  # OpenSBI -> U-Boot -> the Image on a GPT card: usertests, root=, a
  # reproducible card (docs/boot.md).
  "bootchain": ["python3", "tests/bootchain.py"],
  # usertests -q for spin and ticket locks at 1, 2, 4, 8 harts and UP.
  "lock-matrix": ["python3", "tests/lock_matrix.py"],
  # The SDK, picolibc against glibc, overlays and post-build (one build, one boot).
  "sdk": ["python3", "tests/sdk.py"],
}
# Seconds a host script may take, where 900 is not enough: the randconfig
# seeds build and boot every case they meet; the soak runs rounds for 10
# minutes after its builds and may overrun by a step.
HOST_TIMEOUTS = {"randconfig": 2400, "soak": 1800}
SKIPPED = re.compile(r"^SKIP: (.+)$", re.M)


def host_script(args, name):
  argv = list(HOST_SCRIPTS[name])
  path = os.path.join(SRCTREE, argv[1])
  if not os.path.isfile(path):
    return ("SKIP", 0, 0, "not present", None)
  with open(path, errors="replace") as f:
    if "bash" in f.readline():      # its #! line wins: dash has no <<<
      argv[0] = "bash"
  hostdir = os.path.join(args.out, "host")
  os.makedirs(hostdir, exist_ok=True)
  if name == "host-tests":
    argv.append(hostdir)
  if name in ("randconfig", "crashtest", "crashtest-each", "hostile", "baddtb", "lock-matrix", "soak",
              "sdk", "bootchain"):
    argv += ["--out", os.path.join(hostdir, name)]
  if name in ("baddtb", "bootchain"):
    argv += ["--from", args.out]     # the defconfigs this run built
  progress(args, "running %s" % " ".join(argv))
  log = os.path.join(hostdir, name + ".log")
  p, n, err = build.run_script(argv, SRCTREE, log, HOST_TIMEOUTS.get(name, 900))
  # A script that cannot run here says "SKIP: why" instead of a summary.
  with open(log, errors="replace") as f:
    text = f.read()
  m = SKIPPED.search(text)
  if m and not build.SUMMARY.search(text):
    return ("SKIP", 0, 0, m.group(1), log)
  return ("FAIL" if n else "PASS", p, n, err, log)


def emit(line):
  sys.stdout.write(line + "\n")
  sys.stdout.flush()


def tail(lines):
  for l in lines:
    emit("    | " + l)


def report_config(r, tot):
  r.built.wait()
  if r.build_err:
    emit("FAIL %s build: %s" % (r.name, r.build_err))
    tail(session.log_tail(os.path.join(r.O, "build.log")))
    tot.failed += 1
    return
  for inst, job in r.insts:
    if job is None:
      emit("SKIP %s %s: %s" % (r.name, inst.name, inst.skip))
      tot.skipped += 1
      continue
    o = job.wait()
    if isinstance(o, Exception):
      o = session.Outcome("FAIL", "test driver error: %r" % o)
    if o.status == "PASS":
      emit("PASS %s %s" % (r.name, inst.name))
      tot.passed += 1
    else:
      emit("FAIL %s %s: %s" % (r.name, inst.name, o.msg))
      if o.log:
        emit("    last lines of %s:" % o.log)
        tail(session.log_tail(o.log))
      tot.failed += 1


def report_host(name, job, tot):
  job["done"].wait()
  status, p, n, err, log = job["result"]
  if status == "SKIP":
    emit("SKIP host %s: %s" % (name, err))
    tot.skipped += 1
    return
  tot.passed += p
  tot.failed += n
  if status == "PASS":
    emit("PASS host %s (%d passed)" % (name, p))
  else:
    emit("FAIL host %s: %s" % (name, err))
    fails = [l for l in session.log_tail(log, 100000) if l.startswith("FAIL")]
    emit("    %s of %s:" % ("FAIL lines" if fails else "last lines", log))
    tail(fails[:20] or session.log_tail(log))


def main():
  ap = argparse.ArgumentParser(description="Build the defconfigs and boot-test them under QEMU.")
  ap.add_argument("--out", default="build/test", help="output directory (default build/test)")
  ap.add_argument("--config", action="append", metavar="NAME",
                  help="test only this defconfig (repeatable; _defconfig may be left off)")
  ap.add_argument("--case", action="append", metavar="CASE", help="run only this case (repeatable)")
  ap.add_argument("--quick", action="store_true",
                  help="xv6_defconfig and tiny_defconfig only, one boot each (usertests -q)")
  ap.add_argument("--no-full", action="store_true", help="leave out cases marked full (long)")
  ap.add_argument("--host", dest="host", action="store_true", default=None,
                  help="run the host unit tests (default: unless --config or --case)")
  ap.add_argument("--no-host", dest="host", action="store_false", help="do not run the host unit tests")
  ap.add_argument("--no-config", action="store_true",
                  help="keep OUT/<config>/.config as it is (do not run make NAME_defconfig)")
  ap.add_argument("--no-build", action="store_true",
                  help="do not run make: boot what OUT/<config> already holds")
  ap.add_argument("--boots", type=int, default=2, help="QEMU guests at once (default 2)")
  ap.add_argument("-j", "--jobs", type=int, default=2, help="make -j for each build (default 2)")
  ap.add_argument("--timeout-scale", type=float, default=float(os.environ.get("TEST_TIMEOUT_SCALE", 1)),
                  help="multiply every timeout (slow host; env TEST_TIMEOUT_SCALE)")
  ap.add_argument("--list", action="store_true", help="list the configurations and cases, then exit")
  ap.add_argument("-q", "--quiet", action="store_true", help="no progress lines on stderr")
  args = ap.parse_args()
  args.t0 = time.monotonic()
  args.out = os.path.abspath(args.out)
  if args.host is None:
    args.host = not (args.config or args.case)

  try:
    allcases = cases.load(os.path.join(HERE, "cases"))
  except (ValueError, TypeError, SyntaxError, OSError) as e:
    sys.exit("run.py: bad test case: %s" % e)
  names = pick_configs(args)
  if args.case:
    unknown = sorted(set(args.case) - {c.name for c in allcases})
    if unknown:
      sys.exit("run.py: no case %s (have: %s)" % (", ".join(unknown), ", ".join(c.name for c in allcases)))
  if args.list:
    print("configs: %s" % " ".join(names))
    for c in allcases:
      print("%-16s %s%s" % (c.name, c.help, " [full]" if c.full else ""))
    return 0

  os.makedirs(args.out, exist_ok=True)
  runs = [ConfigRun(n, args.out) for n in names]
  hostjobs = [(n, {"done": threading.Event()}) for n in (HOST_SCRIPTS if args.host else [])]
  pool = Pool(args.boots)
  t = threading.Thread(target=builder, args=(args, runs, allcases, pool, hostjobs), daemon=True)
  t.start()

  tot = Totals()
  if not runs:
    emit("FAIL configs: no configs/*_defconfig to test")
    tot.failed += 1
  for r in runs:
    report_config(r, tot)
  for name, job in hostjobs:
    report_host(name, job, tot)
  pool.close()
  progress(args, "done in %.0f s" % (time.monotonic() - args.t0))
  emit("%d passed, %d failed, %d skipped" % (tot.passed, tot.failed, tot.skipped))
  return 1 if tot.failed else 0


if __name__ == "__main__":
  try:
    sys.exit(main())
  except KeyboardInterrupt:
    sys.exit(130)
  except BrokenPipeError:      # output piped into head(1)
    os._exit(1)
