#!/usr/bin/env python3
# tests/soak.py: a long survival campaign: fuzzing and crash trials, in turns.
#
#   python3 tests/soak.py --hours 8                      what `make soak HOURS=8` runs
#   python3 tests/soak.py --minutes 10 --short --smp 2   the 10-minute run in make test
#
# Each round fuzzes every configuration in FUZZ (each defconfig with a disk,
# generic_defconfig's being the image linked into its kernel;
# the debug kernels, and full_defconfig, which fuzz.py drives as the
# ordinary user alice) for --fuzz-seconds, then runs --trials crash trials
# for each commit rule in CRASH; rounds repeat until the time is up (a step
# is only started while time is left, so the campaign may overrun by one
# step). Every step is tests/fuzz.py or tests/crashtest.py with its own seed,
# so any failure replays alone: the failure lines, with their reproduce
# commands, are copied to OUT/failures.txt, each step's whole output is kept
# in OUT/steps/, and the failed runs' console logs and disk images stay
# where fuzz.py and crashtest.py leave them (under OUT/fuzz and OUT/crash).
#
# The last lines are a table per configuration and rule: host CPU minutes
# (every QEMU thread and the drivers, measured with getrusage), minutes of
# fuzzing (the guest's own clock, summed over the runs that reached a
# verdict: --fuzz-runs runs at once count each), fuzz runs, system calls made, crash trials,
# panics, hangs, leaks (free memory or processes after a fuzz run vs
# before it), fsck results (disks checked / found bad), disk errors (a
# disk request that failed during a fuzz run: the driver's fault),
# lost completed writes and inconsistencies, and the fuzzer's own failures
# (a worker it had to kill, a build or driver error: reported with the
# seed, not counted as kernel bugs). Exit status 1 if the kernel failed
# anywhere (panic, hang, leak, fsck, disk error, lost write, inconsistency,
# violation).

import argparse
import os
import re
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRCTREE = os.path.dirname(HERE)

# tests/fuzz.py configuration names, and crash-test commit rules as
# (name, crashtest.py arguments).
FUZZ = ["xv6", "full", "xv6-debug", "debug", "sifive_u", "generic"]
FUZZ_SHORT = ["xv6-debug", "full"]
CRASH = [("deferred", []), ("each-op", ["--commit", "each"])]

COLS = ["cpu-min", "fuzz-min", "runs", "calls", "trials", "panics", "hangs", "leaks", "fsck", "fsck-bad",
        "disk-errs", "lost", "incons", "violations", "fuzzer-own"]


def now():
  return time.monotonic()


def children_cpu():
  """Host CPU seconds used by every finished descendant (QEMU included)."""
  r = resource.getrusage(resource.RUSAGE_CHILDREN)
  return r.ru_utime + r.ru_stime


def run_step(args, name, argv, steplog):
  """Run one step; return its output (kept in steplog) and the host CPU
  seconds it used: QEMU's threads (every vCPU) and the driver, and the
  build when the step made one (a few CPU seconds)."""
  t0, c0 = now(), children_cpu()
  p = subprocess.run([sys.executable] + argv, cwd=SRCTREE, stdout=subprocess.PIPE,
                     stderr=subprocess.STDOUT, universal_newlines=True)
  cpu = children_cpu() - c0
  with open(steplog, "w") as f:
    f.write("$ %s\n%s\nsoak: host CPU %.1f s\n" % (" ".join(argv), p.stdout, cpu))
  if not args.quiet:
    sys.stderr.write("soak: %s done in %.0f s, %.0f CPU s (exit %d)\n"
                     % (name, now() - t0, cpu, p.returncode))
  return p.stdout, cpu


def failure_block(out, start):
  """The FAIL line at start and its indented continuation lines."""
  lines = out[start:].split("\n")
  keep = [lines[0]]
  for l in lines[1:]:
    if not l.startswith("    "):
      break
    keep.append(l)
  return "\n".join(keep)


def classify_fuzz(msg):
  """Which column a fuzz.py FAIL message counts in."""
  if msg.startswith("panic"):
    return "panics"
  if msg.startswith("hang"):
    return "hangs"
  if msg.startswith("fsck"):
    return "fsck-bad"
  if msg.startswith("disk"):
    return "disk-errs"
  if "leak" in msg:
    return "leaks"
  if re.search(r"driver error|build|cannot make|scratch names|wait failed|QEMU exited", msg):
    return "fuzzer-own"
  return "violations"


def fuzz_step(args, tot, failures, name, seed, steplog):
  argv = ["tests/fuzz.py", "--out", os.path.join(args.out, "fuzz"), "--config", name,
          "--seed", str(seed), "--seconds", str(args.fuzz_seconds), "-q",
          "--runs", str(args.fuzz_runs), "--boots", str(args.fuzz_runs)]
  if args.smp:
    argv += ["--smp", str(args.smp)]
  if name in args.built:
    argv.append("--no-build")
  out, cpu = run_step(args, "fuzz %s seed %d" % (name, seed), argv, steplog)
  row = tot.setdefault("fuzz " + name, dict.fromkeys(COLS, 0))
  row["cpu-min"] += cpu / 60
  for m in re.finditer(r"^PASS \S+ seed (\d+): fuzz: ok \d+ (\d+) calls \(\d+ workers, (\d+) killed.*$", out, re.M):
    row["runs"] += 1
    row["fuzz-min"] += args.fuzz_seconds / 60
    if "no disk to check" not in m.group(0):
      row["fsck"] += 1
    row["calls"] += int(m.group(2))
    if int(m.group(3)):
      # The run's own seed (one of --runs seeds from `seed` on), to replay it.
      row["fuzzer-own"] += int(m.group(3))
      failures.append("fuzz %s seed %s: %s worker(s) stuck and killed by the fuzzer (its own "
                      "failure, not a kernel verdict)" % (name, m.group(1), m.group(3)))
  for m in re.finditer(r"^FAIL \S+ (seed \d+|build): (.*)$", out, re.M):
    kind = "fuzzer-own" if m.group(1) == "build" else classify_fuzz(m.group(2))
    row["runs"] += 1
    row[kind] += 1
    if kind == "fsck-bad":
      row["fsck"] += 1
    c = re.search(r"fuzz: ok \d+ (\d+) calls", m.group(2))
    if c:
      row["calls"] += int(c.group(1))
    failures.append("[%s] %s" % (kind, failure_block(out, m.start())))
  if not re.search(r"^\d+ passed, \d+ failed", out, re.M):
    row["fuzzer-own"] += 1
    failures.append("[fuzzer-own] fuzz %s seed %d: tests/fuzz.py gave no verdict:\n%s"
                    % (name, seed, out[-1500:]))
  else:
    args.built.add(name)


def crash_step(args, tot, failures, rule, extra, seed, steplog):
  argv = ["tests/crashtest.py", "--out", os.path.join(args.out, "crash"), "-n", str(args.trials),
          "--seed", str(seed), "--boots", str(args.crash_boots)] + extra
  if rule in args.built:
    argv.append("--no-build")
  out, cpu = run_step(args, "crash %s seeds %d.." % (rule, seed), argv, steplog)
  row = tot.setdefault("crash " + rule, dict.fromkeys(COLS, 0))
  row["cpu-min"] += cpu / 60
  m = re.search(r"^crashtest: (\d+) trials, (\d+) inconsistencies, (\d+) lost completed writes", out, re.M)
  if not m:
    row["fuzzer-own"] += 1
    failures.append("[fuzzer-own] crash %s seed %d: tests/crashtest.py gave no summary:\n%s"
                    % (rule, seed, out[-1500:]))
    return
  args.built.add(rule)
  row["trials"] += int(m.group(1))
  row["fsck"] += int(m.group(1))
  row["incons"] += int(m.group(2))
  row["lost"] += int(m.group(3))
  for f in re.finditer(r"^FAIL trial \d+ seed \d+: (.*)$", out, re.M):
    block = failure_block(out, f.start())
    kind = "panics" if ": panic:" in block else "hangs" if re.search(r": (timeout|hang)", block) \
      else "fsck-bad" if "fsck" in block else "incons"
    if kind in ("panics", "hangs", "fsck-bad"):
      row[kind] += 1
    failures.append("[%s] crash %s: %s" % (kind, rule, block))


def cell(col, v):
  return "%10.1f" % v if col.endswith("-min") else "%10d" % v


def table(tot):
  names = list(tot)
  w = max([len(n) for n in names] + [5])
  lines = ["%-*s %s" % (w, "", " ".join("%10s" % c for c in COLS))]
  total = dict.fromkeys(COLS, 0)
  for n in names:
    lines.append("%-*s %s" % (w, n, " ".join(cell(c, tot[n][c]) for c in COLS)))
    for c in COLS:
      total[c] += tot[n][c]
  lines.append("%-*s %s" % (w, "TOTAL", " ".join(cell(c, total[c]) for c in COLS)))
  return "\n".join(lines), total


def main():
  ap = argparse.ArgumentParser(description="Alternate fuzzing and crash trials for hours.")
  ap.add_argument("--out", default="build/soak")
  ap.add_argument("--hours", type=float, default=None)
  ap.add_argument("--minutes", type=float, default=None)
  ap.add_argument("--seed", type=int, default=None, help="base seed (default: clock)")
  ap.add_argument("--fuzz-seconds", type=int, default=300, help="one fuzz run (default 300)")
  ap.add_argument("--fuzz-runs", type=int, default=1,
                  help="fuzz runs per configuration per round, all at once (default 1; one QEMU "
                       "fuzzing keeps about 0.65 of a host core busy, so 3 fill 2 cores)")
  ap.add_argument("--crash-boots", type=int, default=2, help="crash trials at once (default 2)")
  ap.add_argument("--trials", type=int, default=20, help="crash trials per rule per round (default 20)")
  ap.add_argument("--short", action="store_true",
                  help="make test's run: fuzz only %s, 2 crash trials per rule, 30 s fuzz runs"
                       % " ".join(FUZZ_SHORT))
  ap.add_argument("--config", action="append", help="fuzz only these fuzz.py configurations")
  ap.add_argument("--no-fuzz", action="store_true", help="crash trials only")
  ap.add_argument("--rule", action="append", choices=[r for r, _ in CRASH],
                  help="crash trials only for these commit rules")
  ap.add_argument("--no-crash", action="store_true", help="fuzz only (e.g. beside a crash-only soak)")
  ap.add_argument("--smp", type=int, default=None,
                  help="harts each fuzzed guest boots (default its CONFIG_NR_CPUS; fewer vCPUs "
                       "than host cores keeps the guest's clock from starving)")
  ap.add_argument("-q", "--quiet", action="store_true")
  args = ap.parse_args()
  minutes = args.minutes if args.minutes is not None else 60 * (args.hours if args.hours else 1)
  fuzz = [] if args.no_fuzz else args.config or (FUZZ_SHORT if args.short else FUZZ)
  crash = [] if args.no_crash else [rc for rc in CRASH if not args.rule or rc[0] in args.rule]
  if not fuzz and not crash:
    ap.error("nothing to run: --no-fuzz and --no-crash together")
  if args.short:
    args.fuzz_seconds, args.trials = min(args.fuzz_seconds, 30), min(args.trials, 2)
  args.out = os.path.abspath(args.out)
  args.built = set()
  steps = os.path.join(args.out, "steps")
  os.makedirs(steps, exist_ok=True)
  base = args.seed if args.seed is not None else int(time.time()) % 1000000
  t0 = now()
  deadline = t0 + minutes * 60
  print("soak: base seed %d, %.1f minutes, fuzz %s (%d x %d s runs), crash rules %s (%d trials per round)"
        % (base, minutes, " ".join(fuzz), args.fuzz_runs, args.fuzz_seconds,
           " ".join(r for r, _ in crash) or "none", args.trials))
  sys.stdout.flush()

  tot, failures = {}, []
  rnd, n = 0, 0
  while True:
    plan = [("fuzz", c) for c in fuzz] + [("crash", r) for r in crash]
    for kind, what in plan:
      # The first round always runs whole: every configuration and rule once.
      if rnd > 0 and now() >= deadline:
        break
      n += 1
      steplog = os.path.join(steps, "%03d-%s-%s.txt" % (n, kind, what if kind == "fuzz" else what[0]))
      if kind == "fuzz":
        fuzz_step(args, tot, failures, what, base + 1000 * rnd + fuzz.index(what), steplog)
      else:
        crash_step(args, tot, failures, what[0], what[1], base + 100000 + 1000 * rnd, steplog)
    rnd += 1
    if now() >= deadline:
      break

  with open(os.path.join(args.out, "failures.txt"), "w") as f:
    f.write("\n".join(failures) + ("\n" if failures else ""))
  for x in failures:
    print("FAILURE " + x)
  text, total = table(tot)
  print("soak: %d rounds in %.1f minutes; steps' output in %s" % (rnd, (now() - t0) / 60, steps))
  print(text)
  bad = sum(total[c] for c in ("panics", "hangs", "leaks", "fsck-bad", "disk-errs", "lost", "incons",
                                "violations"))
  print("soak: %s (%d kernel failures, %d of the fuzzer's own)"
        % ("ok" if bad == 0 else "FAIL", bad, total["fuzzer-own"]))
  # The one-line tally run.py folds into make test's totals.
  print("%d passed, %d failed" % (1 if bad == 0 else 0, 1 if bad else 0))
  return 1 if bad else 0


if __name__ == "__main__":
  sys.exit(main())
