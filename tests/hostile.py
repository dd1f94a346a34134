#!/usr/bin/env python3
# tests/hostile.py: boot the kernel on damaged disk images; it must not panic.
#
#   python3 tests/hostile.py --out build/hostile [--scrambles 10] [--kind dir-cycle]
#
# For each kind `tools/mkhostile list` names (and for scramble-1 ..
# scramble-N: random byte flips in the metadata), make a damaged copy of a
# good fs.img and boot xv6_defconfig on it. Acceptable outcomes:
#   - the system reaches the shell prompt, and listing every directory and
#     reading every file of the root (`ls`, `wc`), then creating and removing
#     a file, each come back to the prompt (the commands may fail); or
#   - the kernel refuses the disk with a message and powers off (QEMU exits).
# Failures: a `panic:` line, a hang (no prompt and no exit, or a command
# that never returns), QEMU exiting without saying anything first, or
# silent corruption: `fsck -n` after the run reports a problem it did not
# report on the damaged image before it (the kernel made things worse,
# e.g. gave a new file blocks another one still uses).
# Reading damaged metadata is exactly where a kernel trusts the disk too
# much, so the output names the kind and keeps the console log.
# At most 2 QEMUs run at once. Last line: `N passed, N failed`.

import argparse
import os
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
PROMPT = re.compile(r"\$ ")
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


def tail(text, n=15):
  return "\n".join("    | " + l for l in text.rstrip("\n").split("\n")[-n:])


def command(g, cmd, timeout):
  """Type cmd, wait for the prompt; return its output without the echo."""
  start = g.pos
  g.send(cmd + "\n")
  g.expect(PROMPT, timeout, what="the prompt after %r" % cmd)
  out = g.text[start:g.pos - 2]
  return out[len(cmd):].lstrip("\n") if out.startswith(cmd) else out


# `ls` prints "name type inum size"; names of the damaged image may be junk.
LS_LINE = re.compile(r"^([!-~]{1,14})\s+(\d+)\s+(\d+)\s+(\d+)\s*$", re.M)


def fsck_problems(O, disk):
  """The set of problem lines `fsck -n` prints for disk."""
  p = subprocess.run([os.path.join(O, "tools", "fsck"), "-n", disk],
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
  skip = re.compile(r"^(note:|replayed|clean$|\d+ problems)")
  return set(l for l in p.stdout.split("\n") if l.strip() and not skip.match(l))


def no_new_problems(O, disk, before, result):
  """Fail result (ok, message) if fsck finds problems the image lacked."""
  ok, msg = result
  if not ok:
    return result
  new = sorted(fsck_problems(O, disk) - before)
  if new:
    return False, "silent corruption: after the run fsck finds %d new problem(s):\n%s" % (
      len(new), "\n".join("    | " + l for l in new[:10]))
  return ok, msg


def one(args, O, mkhostile, kind):
  """Returns (ok, message)."""
  disk = os.path.join(O, "disks", kind + ".img")
  os.makedirs(os.path.dirname(disk), exist_ok=True)
  p = subprocess.run([mkhostile, kind, os.path.join(O, "fs.img"), disk],
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
  if p.returncode != 0:
    return False, "mkhostile %s failed: %s" % (kind, p.stdout.strip())
  before = fsck_problems(O, disk)
  return no_new_problems(O, disk, before, boot(args, O, disk, kind))


def boot(args, O, disk, kind):
  """Boot on disk, look around; returns (ok, message)."""
  logs = os.path.join(O, "logs")
  os.makedirs(logs, exist_ok=True)
  g = Guest(qemu_argv(O, disk), os.path.join(logs, kind + ".log"), 240)
  try:
    try:
      # Either the prompt, or QEMU goes away (a refused disk powers off).
      try:
        to_prompt(g, 60)
      except GuestError as e:
        if e.kind != "exit":
          raise
        g.check_panic()
        said = [l for l in g.text.strip().split("\n") if l.strip()]
        if not said:
          return False, "QEMU exited (status %s) without a message" % g.rc
        return True, "refused at boot (QEMU status %s): %r" % (g.rc, said[-1].strip()[:100])
      out = command(g, "ls /", 30)
      ents = LS_LINE.findall(out)
      done = 1
      for name, typ, inum, size in ents[:40]:
        if name in (".", ".."):
          continue
        if typ == "1":
          command(g, "ls /%s" % name, 30)
        elif typ == "2":
          command(g, "wc /%s" % name, 30)
        done += 1
      command(g, "echo hostile > /hostile.txt", 30)
      command(g, "cat /hostile.txt", 30)
      command(g, "mkdir /hostiledir", 30)
      command(g, "rm /hostile.txt", 30)
      command(g, "ls /", 30)
      g.send("poweroff\n")
      g.wait_exit(20)
      g.check_panic()
      return True, "reached the prompt; %d commands on %d root entries came back" % (done + 5, len(ents))
    except GuestError as e:
      kind_ = {"timeout": "hang"}.get(e.kind, e.kind)
      loops = len(re.findall(r"^init: exec sh failed", g.text, re.M))
      if loops > 3:
        kind_ = "hang (init retried sh %d times: init never gives up on an unrunnable /sh)" % loops
      return False, "%s: %s\n%s" % (kind_, e, tail(g.text))
  finally:
    g.close()


def main():
  ap = argparse.ArgumentParser(description="Boot on damaged file-system images.")
  ap.add_argument("--out", default="build/hostile")
  ap.add_argument("--config", default="xv6_defconfig")
  ap.add_argument("--kind", action="append", help="only this kind (repeatable)")
  ap.add_argument("--scrambles", type=int, default=10, help="scramble-1..N images (default 10)")
  ap.add_argument("--boots", type=int, default=2)
  ap.add_argument("-j", "--jobs", type=int, default=2)
  ap.add_argument("--no-build", action="store_true")
  args = ap.parse_args()
  O = os.path.join(os.path.abspath(args.out), args.config.replace("_defconfig", ""))
  mkhostile = os.path.join(O, "tools", "mkhostile")
  if not args.no_build:
    sys.stderr.write("hostile: building %s in %s\n" % (args.config, O))
    os.makedirs(O, exist_ok=True)
    logp = os.path.join(O, "build.log")
    err = build.build(SRCTREE, O, [args.config], logp, args.jobs)
    if not err:
      with open(logp, "a") as log:
        if build.make(SRCTREE, O, [mkhostile, os.path.join(O, "tools", "fsck")], log) != 0:
          err = "cannot build %s or fsck" % mkhostile
    if err:
      say("FAIL build: %s\n0 passed, 1 failed" % err)
      return 1
  if not os.path.isfile(mkhostile) or not os.path.isfile(os.path.join(O, "fs.img")):
    say("FAIL setup: need %s and %s/fs.img\n0 passed, 1 failed" % (mkhostile, O))
    return 1
  p = subprocess.run([mkhostile, "list"], stdout=subprocess.PIPE, universal_newlines=True)
  kinds = [l.split()[0] for l in p.stdout.split("\n") if l.strip()]
  plain = [k for k in kinds if not k.startswith("scramble")]
  if any(k.startswith("scramble") for k in kinds):
    plain += ["scramble-%d" % i for i in range(1, args.scrambles + 1)]
  if args.kind:
    plain = args.kind
  say("hostile: %d images from %s" % (len(plain), args.config))
  passed = failed = 0
  with ThreadPoolExecutor(max_workers=max(1, args.boots)) as pool:
    futs = [(k, pool.submit(one, args, O, mkhostile, k)) for k in plain]
    for k, fut in futs:
      try:
        ok, msg = fut.result()
      except Exception as e:
        ok, msg = False, "driver error: %r" % e
      if ok:
        passed += 1
        say("PASS %s: %s" % (k, msg))
        try:
          os.unlink(os.path.join(O, "disks", k + ".img"))
        except OSError:
          pass
      else:
        failed += 1
        say("FAIL %s: %s" % (k, msg))
  say("%d passed, %d failed" % (passed, failed))
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
