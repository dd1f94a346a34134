#!/usr/bin/env python3
# tests/crashtest.py: pull the plug on a busy file system, then check it.
#
#   python3 tests/crashtest.py --out build/crashtest -n 20 [--seed S]
#
# One trial: boot xv6_defconfig (with configs/fragments/fuzz.config, so
# /crashwork is in the image) on a copy of fs.img, start `crashwork run SEED`,
# and kill QEMU with SIGKILL a random (seeded) time after the workload's first
# `sync` line: whatever QEMU had not written to the image file is lost, as
# in a power cut. Then boot the same image again (the kernel replays its log
# at mount), run `crashwork check`, power off, and run tools/fsck -n on it.
#
# crashwork prints `done OP ...` for each operation of a round and `sync R`
# once every worker is idle, i.e. once the round is committed (see
# user/bin/crashwork.c). The trial fails on a panic or hang in either boot,
# on fsck problems, and on any difference from the model built from those
# lines: a name committed before the last sync that is missing or whose
# contents differ (a lost completed write), or a name present that was
# committed deleted (an inconsistency). Names in `plan` lines after the last
# sync, or in `fail` lines, may be in any state and are only required to be
# readable.
#
# Quiet trials (--quiet N, --fsync N) check the commit rules' promise for a
# write that nothing follows (issue 15): `crashwork quiet SEED MODE` prints
# one line, writes /cw/qa and falls silent (MODE sleep: every process idle;
# spin: computing in user mode; fsync / sync: qa made durable that way,
# then /cw/qb written and left). QEMU is killed --quiet-wait seconds (10)
# after that line, or --fsync-wait (5) for fsync/sync; qa must then be on
# disk, with its contents. Under EACH_OP nothing but the call's own end_op
# commits, under DEFERRED the committer thread does within the interval
# (1 s), so the waits are margins of many times what the writes take, not
# the promises themselves. --commit each builds the variant with
# FS_LOG_COMMIT_EACH_OP (configs/fragments/commit_each_op.config),
# --commit slow the deferred rule with a 60 s interval (commit_slow.config),
# under which only fsync/sync can have put qa on disk in time.
#
# Trial i uses seed SEED + i; `--seed X -n 1` replays trial X (the kill
# moment is the same; what QEMU had written by then varies a little). At
# most 2 trials run at once. Last line: `N passed, N failed`.

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True

from lib import build, session  # noqa: E402
from lib.guest import Guest, GuestError  # noqa: E402

SRCTREE = os.path.dirname(HERE)
PROMPT = r"\$ "
lock = threading.Lock()


def say(msg):
  with lock:
    print(msg)
    sys.stdout.flush()


def qemu_argv(O, disk):
  return session.qemu_argv(SRCTREE, O, disk)


def to_prompt(g, timeout, what="the first shell prompt"):
  """Wait for the shell prompt, logging in as root on a multi-user image."""
  session.wait_prompt(g, timeout, what=what)


def content_fnv(seed, size):
  """FNV-1a of what crashwork writes for (seed, size)."""
  h = 2166136261
  for i in range(size):
    h ^= (seed * 7 + i * 13 + (i >> 8)) & 0xff
    h = (h * 16777619) & 0xffffffff
  return h


class Model:
  """What the workload's console lines say must be on disk."""

  def __init__(self):
    self.committed = {}     # name -> ("file", size, seed) | ("dir",)
    self.pending = []       # done ops since the last sync
    self.planned = set()    # plan names since the last sync
    self.running = set()    # names of the batch running after the last sync
    self.plan_renames = []  # (old, new) planned since the last sync
    self.running_renames = []
    self.plan_uses = {}     # name: how many planned operations name it
    self.running_uses = {}
    self.failed = set()     # names of failed ops: state unknown for good
    self.syncs = 0
    self.known = set()      # every name ever mentioned

  def line(self, l):
    w = l.split()
    if not w:
      return
    if w[0] == "sync" and len(w) == 2:
      for op in self.pending:
        self.apply(op)
      self.pending = []
      self.running = self.planned
      self.planned = set()
      self.running_renames = self.plan_renames
      self.plan_renames = []
      self.running_uses = self.plan_uses
      self.plan_uses = {}
      self.syncs += 1
    elif w[0] == "done" and len(w) >= 3:
      self.pending.append(w[1:])
      self.known.update(w[2:4] if w[1] == "rename" else w[2:3])
    elif w[0] == "fail" and len(w) >= 3:
      self.failed.update(w[2:4] if w[1] == "rename" else w[2:3])
      self.known.update(w[2:4] if w[1] == "rename" else w[2:3])
    elif w[0] == "plan" and len(w) >= 4:
      names = w[3:5] if w[2] == "rename" else w[3:4]
      if w[2] == "rename" and len(w) >= 5:
        self.plan_renames.append((w[3], w[4]))
      for n in names:
        self.plan_uses[n] = self.plan_uses.get(n, 0) + 1
      self.planned.update(names)
      self.known.update(names)

  def apply(self, op):
    kind = op[0]
    if kind == "create":
      self.committed[op[1]] = ("file", int(op[3]), int(op[5]))
    elif kind == "rename":
      self.committed[op[2]] = self.committed.pop(op[1], None)
    elif kind in ("delete", "rmdir"):
      self.committed.pop(op[1], None)
    elif kind == "mkdir":
      self.committed[op[1]] = ("dir",)

  def uncertain(self):
    # The running batch, anything reported after the last sync (the kill may
    # have hit while the parent was printing a round), and failures.
    s = set(self.running) | self.planned | self.failed
    for op in self.pending:
      s.update(op[1:3] if op[0] == "rename" else op[1:2])
    return s


def parse_check(text):
  found, bad = {}, []
  for l in text.split("\n"):
    w = l.split()
    if len(w) == 6 and w[0] == "file" and w[2] == "size" and w[4] == "fnv":
      found[w[1]] = ("file", int(w[3]), int(w[5], 16))
    elif len(w) == 2 and w[0] == "dir":
      found[w[1]] = ("dir",)
    elif w and w[0] == "bad":
      bad.append(l.strip())
      if len(w) > 1:
        found[w[1]] = ("bad",)
  return found, bad


def compare(model, found):
  """Return (lost, inconsistent): lists of descriptions."""
  lost, incons = [], []
  unsure = model.uncertain()
  for name, want in sorted(model.committed.items()):
    if name in unsure or want is None:
      continue
    have = found.get(name)
    if have is None:
      lost.append("%s missing (committed %s)" % (name, " ".join(map(str, want))))
    elif want[0] == "dir":
      if have[0] != "dir":
        incons.append("%s: committed a directory, found %s" % (name, have[0]))
    elif have[0] != "file":
      incons.append("%s: committed a file, found %s" % (name, have[0]))
    elif have[1] != want[1] or have[2] != content_fnv(want[2], want[1]):
      lost.append("%s: committed size %d seed %d, found size %d with other contents"
                  % (name, want[1], want[2], have[1]))
  # A rename running at the kill: its file under the old name or the new,
  # never under neither (rename is atomic; link + unlink is too, in that
  # sense, one name at least always being there).
  # Only where no other operation of that batch names either: a later
  # delete of the new name in the same batch may have run too.
  for a, b in model.running_renames:
    if model.running_uses.get(a, 0) > 1 or model.running_uses.get(b, 0) > 1:
      continue
    if model.committed.get(a, ("dir",))[0] == "file" and a not in model.failed:
      if a not in found and b not in found:
        incons.append("rename %s %s: neither name after the crash" % (a, b))
  for name in sorted(found):
    if name in model.committed or name in unsure:
      continue
    if name in model.known:
      incons.append("%s: present, but its deletion was committed" % name)
    else:
      incons.append("%s: present, never created by the workload" % name)
  return lost, incons


def fsck(O, disk):
  tool = os.path.join(O, "tools", "fsck")
  p = subprocess.run([tool, "-n", disk], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                     universal_newlines=True)
  if p.returncode == 0:
    return None
  lines = [l for l in p.stdout.strip().split("\n") if l]
  return "fsck -n: %s" % "; ".join(lines[:4] + (["..."] if len(lines) > 4 else []))


def tail(text, n=15):
  return "\n".join("    | " + l for l in text.rstrip("\n").split("\n")[-n:])


def trial(args, O, i, seed):
  """Returns (ok, message, lost count, inconsistency count)."""
  rnd = random.Random(seed)
  delay = rnd.uniform(0.05, args.max_delay)
  logdir = os.path.join(O, "logs")
  os.makedirs(logdir, exist_ok=True)
  os.makedirs(os.path.join(O, "disks"), exist_ok=True)
  disk = os.path.join(O, "disks", "crash-%d.img" % seed)
  shutil.copyfile(os.path.join(O, "fs.img"), disk)
  where = "boot 1"
  text = ""
  g = None
  try:
    # Boot 1: run the workload and pull the plug.
    g = Guest(qemu_argv(O, disk), os.path.join(logdir, "crash-%d-run.log" % seed), 150)
    try:
      to_prompt(g, 60)
      g.send("crashwork run %d\n" % seed)
      g.expect(r"^sync 1$", 60, what="the workload's first 'sync'")
      end = time.monotonic() + delay
      while time.monotonic() < end:
        g.drain(min(0.2, max(end - time.monotonic(), 0)))
        g.check_panic()
        if g.eof:
          raise GuestError("exit", "QEMU exited during the workload (status %s)" % g.rc)
      text = g.text
    finally:
      g.close()           # SIGKILL: the power cut
    model = Model()
    for l in text.split("\n"):
      model.line(l)
    if re.search(r"^crashwork: (?!seed)", text, re.M):
      raise GuestError("fail", re.search(r"^crashwork: (?!seed).*", text, re.M).group(0))

    # Boot 2: recover, check, power off.
    where = "boot 2"
    out = boot_check(O, disk, os.path.join(logdir, "crash-%d-check.log" % seed))
  except GuestError as e:
    return False, "%s: %s: %s\n%s" % (where, e.kind, e, tail(getattr(e, "text", None) or
                                                           (g.text if g else ""))), 0, 1
  found, bad = parse_check(out)
  lost, incons = compare(model, found)
  incons += bad
  err = fsck(O, disk)
  if err:
    incons.append(err)
  summary = "killed %.2f s after sync 1, at sync %d; %d names on disk" % (delay, model.syncs, len(found))
  if lost or incons:
    return (False, "%s\n%s" % (summary, "\n".join("    " + x for x in (lost + incons)[:12])),
            len(lost), len(incons))
  os.unlink(disk)
  return True, summary, 0, 0


def boot_check(O, disk, log):
  """The boot after a power cut: recover, run `crashwork check`, power off.
  Returns check's output; a GuestError carries the console text as .text."""
  g = Guest(qemu_argv(O, disk), log, 150)
  try:
    to_prompt(g, 60, "the first shell prompt after the crash")
    start = g.pos
    g.send("crashwork check\n")
    g.expect(r"^check end \d+", 60, what="'check end' from crashwork check")
    out = g.text[start:g.pos]
    g.expect(PROMPT, 20, what="the prompt after the check")
    g.send("poweroff\n")
    rc = g.wait_exit(30)
    g.check_panic()
    if rc != 0:
      raise GuestError("exit", "poweroff: QEMU exit status %s" % rc)
    return out
  except GuestError as e:
    e.text = g.text
    raise
  finally:
    g.close()


def quiet_trial(args, O, i, seed, mode):
  """A write followed by silence, then the plug. Same return as trial()."""
  wait = args.fsync_wait if mode in ("fsync", "sync") else args.quiet_wait
  logdir = os.path.join(O, "logs")
  os.makedirs(logdir, exist_ok=True)
  os.makedirs(os.path.join(O, "disks"), exist_ok=True)
  disk = os.path.join(O, "disks", "quiet-%d.img" % seed)
  shutil.copyfile(os.path.join(O, "fs.img"), disk)
  where = "boot 1"
  g = None
  try:
    g = Guest(qemu_argv(O, disk), os.path.join(logdir, "quiet-%d-run.log" % seed), 150)
    try:
      to_prompt(g, 60)
      g.send("crashwork quiet %d %s\n" % (seed, mode))
      m = g.expect(r"^quiet %d %s qa size (\d+)\r?\n" % (seed, mode), 60,
                   what="crashwork's 'quiet' line")
      size = int(m.group(1))
      end = time.monotonic() + wait
      while time.monotonic() < end:
        g.drain(min(0.2, max(end - time.monotonic(), 0)))
        g.check_panic()
        if g.eof:
          raise GuestError("exit", "QEMU exited while the workload was quiet (status %s)" % g.rc)
    finally:
      g.close()           # SIGKILL: the power cut
    where = "boot 2"
    out = boot_check(O, disk, os.path.join(logdir, "quiet-%d-check.log" % seed))
  except GuestError as e:
    return False, "%s: %s: %s\n%s" % (where, e.kind, e, tail(getattr(e, "text", None) or
                                                           (g.text if g else ""))), 0, 1
  found, bad = parse_check(out)
  problems = list(bad)
  have = found.get("qa")
  want = ("file", size, content_fnv(seed, size))
  what = "quiet %s: qa written, killed %.0f s later" % (mode, wait)
  lost = 0
  if have != want:
    lost = 1
    problems.insert(0, "qa %s (wanted size %d)" % (
      "missing" if have is None else "found as %s" % " ".join(map(str, have)), size))
  err = fsck(O, disk)
  if err:
    problems.append(err)
  if problems:
    return False, "%s\n%s" % (what, "\n".join("    " + x for x in problems)), lost, len(problems) - lost
  os.unlink(disk)
  return True, what + "; qa on disk", 0, 0


def main():
  ap = argparse.ArgumentParser(description="Kill QEMU under a file-system workload; check recovery.")
  ap.add_argument("--out", default="build/crashtest")
  ap.add_argument("-n", type=int, default=10, help="trials (default 10)")
  ap.add_argument("--seed", type=int, default=None, help="seed of the first trial (default: clock)")
  ap.add_argument("--config", default="xv6_defconfig")
  ap.add_argument("--fragment", action="append", default=[],
                  help="extra configs/fragments/ file to merge (repeatable), e.g. "
                       "debug.config (--commit each picks the commit rule)")
  ap.add_argument("--max-delay", type=float, default=5.0,
                  help="latest kill, seconds after the first sync (default 5)")
  ap.add_argument("--boots", type=int, default=2, help="trials at once (default 2)")
  ap.add_argument("-j", "--jobs", type=int, default=2)
  ap.add_argument("--no-build", action="store_true")
  ap.add_argument("--commit", choices=("config", "each", "slow"), default="config",
                  help="commit rule: the config's own, FS_LOG_COMMIT_EACH_OP, or deferred "
                       "with a 60 s interval (default config)")
  ap.add_argument("--quiet", type=int, default=0,
                  help="also N trials of a write followed by silence (sleep, spin)")
  ap.add_argument("--fsync", type=int, default=0,
                  help="also N trials of a write made durable by fsync or sync, then silence")
  ap.add_argument("--quiet-wait", type=float, default=10.0,
                  help="kill a quiet trial this many seconds after its write (default 10)")
  ap.add_argument("--fsync-wait", type=float, default=5.0,
                  help="kill an fsync/sync trial this many seconds after its write (default 5)")
  args = ap.parse_args()
  frags = {"config": [], "each": ["commit_each_op.config"], "slow": ["commit_slow.config"]}[args.commit]
  frags += args.fragment
  O = os.path.join(os.path.abspath(args.out), "-".join(
    [args.config.replace("_defconfig", "")] + ([] if args.commit == "config" else [args.commit]) +
    [f.replace(".config", "") for f in args.fragment]))
  base = args.seed if args.seed is not None else int(time.time()) % 1000000

  if not args.no_build:
    sys.stderr.write("crashtest: building %s in %s\n" % (args.config, O))
    os.makedirs(O, exist_ok=True)
    logp = os.path.join(O, "build.log")
    err = build.build(SRCTREE, O, [args.config, "fuzz.config"] + frags, logp, args.jobs)
    if not err:
      with open(logp, "a") as log:
        build.make(SRCTREE, O, [os.path.join(O, "tools", "fsck")], log)
    if err:
      say("FAIL build: %s\n0 passed, 1 failed" % err)
      return 1
  for f in ("fs.img", "user/crashwork", "tools/fsck"):
    if not os.path.isfile(os.path.join(O, f)):
      say("FAIL setup: %s/%s missing (fuzz.config merged? tools built?)\n0 passed, 1 failed" % (O, f))
      return 1

  total = args.n + args.quiet + args.fsync
  say("crashtest: %d trials (%d quiet, %d fsync/sync), seeds %d..%d, %s, commit rule %s"
      % (total, args.quiet, args.fsync, base, base + total - 1, args.config, args.commit))
  passed = failed = lost = incons = 0
  with ThreadPoolExecutor(max_workers=max(1, args.boots)) as pool:
    futs = [(i, base + i, pool.submit(trial, args, O, i, base + i)) for i in range(args.n)]
    for k in range(args.quiet + args.fsync):
      i = args.n + k
      mode = (("sleep", "spin")[k % 2] if k < args.quiet
              else ("fsync", "sync")[(k - args.quiet) % 2])
      futs.append((i, base + i, pool.submit(quiet_trial, args, O, i, base + i, mode)))
    for i, seed, fut in futs:
      try:
        ok, msg, nl, ni = fut.result()
      except Exception as e:
        ok, msg, nl, ni = False, "driver error: %r" % e, 0, 1
      lost += nl
      incons += ni
      if ok:
        passed += 1
        say("PASS trial %d seed %d: %s" % (i, seed, msg))
      else:
        failed += 1
        again = "-n 1" if i < args.n else ("-n 0 --%s 1" % ("quiet" if i < args.n + args.quiet else "fsync"))
        say("FAIL trial %d seed %d: %s\n    reproduce: python3 tests/crashtest.py%s %s --seed %d"
            % (i, seed, msg, "" if args.commit == "config" else " --commit " + args.commit, again, seed)
            + "".join(" --fragment " + f for f in args.fragment))
  say("crashtest: %d trials, %d inconsistencies, %d lost completed writes" % (total, incons, lost))
  say("%d passed, %d failed" % (passed, failed))
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
