#!/usr/bin/env python3
# tests/fuzz.py: boot several kernels and let user/bin/fuzz attack each one.
#
#   python3 tests/fuzz.py --out build/fuzz                 what `make fuzz` runs
#   python3 tests/fuzz.py --out build/fuzz --seconds 300 --runs 3
#   python3 tests/fuzz.py --config xv6 --seed 1234         reproduce one run
#
# Each configuration is built in OUT/<name> with configs/fragments/fuzz.config
# merged in (that puts /fuzz in the image). A run boots a copy of fs.img,
# types `fuzz SEED SECONDS` and waits for `fuzz: ok` or `fuzz: FAIL`. It
# fails on a kernel panic, on a hang (300 s without a progress line from
# the fuzzer, or no verdict within (SECONDS + 150) x --slow s), on
# FAIL (a call that must fail did not, or a memory/process leak), on a
# disk error in the console log (bio.c's read/write errors, a failed
# commit: the fuzzer cannot cause one, so the driver failed), on a
# `poweroff` that does not exit QEMU with 0, on `refcheck: LEAK` at that
# power-off (kernels with CONFIG_DEBUG_FS_REFS: an open-file or inode
# reference no process accounts for), and on an inconsistent disk
# afterwards (tools/fsck -n on the copy; --no-fsck skips it; generic's
# root is the image linked into its kernel, so it boots with no disk and
# has nothing to check). A passing
# run's line also gives the fuzzer's system-call coverage: how many of the
# table's calls it made, how many ever succeeded, and which it never made.
#
# Seeds: run i of configuration c uses SEED + 100 * c + i (SEED is --seed or
# taken from the clock) and every result line prints its seed and the command
# that replays it. At most --boots (2) QEMUs run at once. A failed run keeps
# its disk copy in OUT/<name>/disks/ and its console log in OUT/<name>/logs/.
# Last line: `N passed, N failed`; the exit status is 1 if anything failed.

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
sys.dont_write_bytecode = True    # keep the source tree clean

from lib import build, session  # noqa: E402
from lib.guest import Guest, GuestError  # noqa: E402

SRCTREE = os.path.dirname(HERE)
PROMPT = r"\$ "
STALL = 300    # host seconds without a progress line from the fuzzer: a hang
# What the kernel says when a disk request fails (bio.c, log.c): the fuzzer
# cannot cause one, so a run that shows one fails as a disk error.
DISK_ERROR = r"^(?:bio: (?:read|write) error[^\n]*|xv6fs: commit failed[^\n]*)"

# name -> (defconfig, extra fragments). fuzz.config is always merged.
CONFIGS = {
  "xv6": ("xv6_defconfig", []),
  "full": ("full_defconfig", []),
  "xv6-debug": ("xv6_defconfig", ["debug.config"]),
  "debug": ("debug_defconfig", []),
  "sifive_u": ("sifive_u_defconfig", []),
  "generic": ("generic_defconfig", []),
}
DEFAULT = ["xv6", "full", "xv6-debug"]

lock = threading.Lock()


def say(msg):
  with lock:
    print(msg)
    sys.stdout.flush()


def progress(args, msg):
  if not args.quiet:
    with lock:
      sys.stderr.write("[%6.1fs] %s\n" % (time.monotonic() - args.t0, msg))
      sys.stderr.flush()


def qemu_argv(O, disk, smp=None):
  return session.qemu_argv(SRCTREE, O, disk, smp)


def disk_driver(O):
  """Does O's kernel read a disk QEMU attaches (virtio-blk, an SD card)?
  generic_defconfig has neither: its root is the image linked into the
  kernel (BLK_RAMDISK), so a run boots with no disk and nothing outlives
  it for fsck to check."""
  try:
    with open(os.path.join(O, ".config")) as f:
      text = f.read()
  except OSError:
    return True
  return "CONFIG_VIRTIO_BLK=y" in text or "CONFIG_BLK_MMC_SPI=y" in text


def multiuser(O):
  """Was O built with CONFIG_MULTIUSER (and the accounts on its image)?"""
  try:
    with open(os.path.join(O, ".config")) as f:
      return "CONFIG_USER_MULTIUSER=y" in f.read()
  except OSError:
    return False


def to_prompt(g, timeout, what="the first shell prompt"):
  """Wait for the shell prompt, logging in as root on a multi-user image."""
  session.wait_prompt(g, timeout, what=what)


def tail(text, n=20):
  lines = text.rstrip("\n").split("\n")
  return "\n".join("    | " + l for l in lines[-n:])


def fsck(O, disk):
  """None if tools/fsck -n finds the image clean, else its complaint. An
  orphan (allocated, count 0, no name) is only a note to fsck, since the
  kernel frees it at the next mount; after a fuzz run every process is gone
  before the clean power-off, so here one is a leak (an iput race left one,
  fs/inode.c)."""
  tool = os.path.join(O, "tools", "fsck")
  if not os.path.isfile(tool):
    return None
  p = subprocess.run([tool, "-n", disk], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                     universal_newlines=True)
  lines = [l for l in p.stdout.strip().split("\n") if l]
  if p.returncode == 0:
    orphans = [l for l in lines if "is an orphan" in l]
    return "fsck -n: orphan after a clean power-off: %s" % "; ".join(orphans[:4]) if orphans else None
  return "fsck -n: %s" % "; ".join(lines[:4] + (["..."] if len(lines) > 4 else []))


def build_one(args, name):
  defconfig, frags = CONFIGS[name]
  O = os.path.join(args.out, name)
  if args.no_build:
    return O, None if os.path.isfile(os.path.join(O, "fs.img")) else "--no-build, but no %s/fs.img" % O
  progress(args, "building %s in %s" % (name, O))
  os.makedirs(O, exist_ok=True)
  logp = os.path.join(O, "build.log")
  err = build.build(SRCTREE, O, [defconfig, "fuzz.config"] + frags, logp, args.jobs)
  if not err and not os.path.isfile(os.path.join(O, "user", "fuzz")):
    err = "built, but %s/user/fuzz is missing (CONFIG_USER_FUZZ not set?)" % O
  if not err and not args.no_fsck:
    with open(logp, "a") as log:
      build.make(SRCTREE, O, [os.path.join(O, "tools", "fsck")], log)
  return O, err


def process_dump(g):
  """After a hang: type ^P (the kernel's process list) and say what it
  shows, so a stuck fuzzer (workers asleep, the kernel answering) is told
  apart from a wedged kernel (no answer)."""
  start = len(g.text)
  try:
    g.send("\x10")
    end = time.monotonic() + 5
    while time.monotonic() < end and not g.eof:
      g._read(0.2)
  except (OSError, GuestError):
    pass
  procs = re.findall(r"^(\d+) (\w+) (\S+)$", g.text[start:], re.M)
  if not procs:
    return "^P got no process list: the guest is not answering (kernel wedged?)"
  return "^P (kernel answers): " + ", ".join("%s %s %s" % p for p in procs[:24])


def cap(args):
  """The longest a run may take from `fuzz` to its verdict while it keeps
  making progress: the guest's seconds are ticks, and on a loaded host
  (2 cores, several QEMUs, ticket locks on time-sliced harts) a tick can
  take several host seconds' worth of CPU to arrive."""
  return (args.seconds + 150) * max(1, args.slow)


def await_verdict(g, args):
  """The verdict line. A hang is STALL seconds without a line from the
  fuzzer (it prints one every 5 s of guest uptime and one when its workers
  are done), or no verdict within cap(args): not SECONDS + 150 of host time,
  which a slow but working guest overran (full_defconfig as alice, seed
  220001: 120 s of guest time took 1195 s of host time at a load average
  of 30, making progress throughout)."""
  verdict = re.compile(r"^fuzz: (ok|FAIL)[^\n]*\n", re.M)
  beat = re.compile(r"^fuzz: (at \d+ s|workers done)[^\n]*\n", re.M)
  end = time.monotonic() + cap(args)
  last = "the fuzzer's first line"
  while True:
    left = end - time.monotonic()
    if left <= 0:
      raise GuestError("timeout", "no verdict within %d s (--slow %g) though it kept printing; last: %s"
                       % (cap(args), args.slow, last))
    try:
      return g.expect(verdict, min(STALL, left), what="a verdict")
    except GuestError as e:
      if e.kind != "timeout":
        raise
    seen = list(beat.finditer(g.text, g.pos))
    if not seen:
      raise GuestError("timeout", "no line from the fuzzer for %d s (last: %s); no verdict" % (STALL, last))
    g.pos = seen[-1].end()
    last = seen[-1].group(0).strip()


def run_one(args, name, O, seed):
  """One boot: fuzz SEED SECONDS. Returns (ok, message, log text)."""
  logdir = os.path.join(O, "logs")
  diskdir = os.path.join(O, "disks")
  os.makedirs(logdir, exist_ok=True)
  os.makedirs(diskdir, exist_ok=True)
  logp = os.path.join(logdir, "fuzz-%d.log" % seed)
  disk = None
  if disk_driver(O):
    disk = os.path.join(diskdir, "fuzz-%d.img" % seed)
    shutil.copyfile(os.path.join(O, "fs.img"), disk)
  progress(args, "boot %s: fuzz %d %d" % (name, seed, args.seconds))
  g = Guest(qemu_argv(O, disk or "none", args.smp), logp, cap(args) + 150)
  ok, msg = False, ""
  try:
    try:
      to_prompt(g, 60)
      base = ""
      if multiuser(O):
        # Fuzz as an ordinary user: su to alice (user/etc/manifest), in her home.
        g.send("su alice\n")           # root needs no password
        m = g.expect(r"Password: |\$ ", 20, what="the prompt as alice")
        if m.group(0).startswith("Password"):
          g.send("alice\n")
          g.expect(r"\$ ", 30, what="the prompt as alice")
        g.send("id\n")
        g.expect(r"uid=1000", 20, what="'id' saying uid=1000 (alice)")
        g.expect(r"\$ ", 20, what="the prompt as alice")
        base = " /home/alice"
      g.send("fuzz %d %d%s\n" % (seed, args.seconds, base))
      m = await_verdict(g, args)
      verdict = m.group(0).strip()
      if m.group(1) != "ok":
        raise GuestError("fail", verdict)
      g.expect(PROMPT, 30, what="the prompt after fuzz")
      if base:
        g.send("\x04")        # end alice's shell: back to root's, who may power off
        g.expect(PROMPT, 30, what="root's prompt after leaving su")
      g.send("poweroff\n")
      rc = g.wait_exit(30)
      if rc is None and re.search(r"cannot power off[^\n]*; halted", g.text):
        rc = 0      # sifive_u: no power device; the kernel flushed and halted
      if rc is None:
        raise GuestError("hang", "poweroff: QEMU still running after 30 s")
      if rc != 0:
        raise GuestError("exit", "poweroff: QEMU exit status %s" % rc)
      g.check_panic()
      io = re.findall(DISK_ERROR, g.text, re.M)
      if io:
        # The disk failed under the fuzzer: a driver's fault, never the
        # fuzzer's own, even when all the fuzzer saw was names it could
        # not remove (sifive_u seeds 2614000-2614001).
        raise GuestError("disk", "%d disk errors; first: %s" % (len(io), io[0]))
      if re.search(r"^refcheck: LEAK", g.text, re.M):
        # CONFIG_DEBUG_FS_REFS: a reference no process accounts for at power-off.
        raise GuestError("leak", "; ".join(re.findall(r"^refcheck: [^\n]*", g.text, re.M)[:6]))
      ok, msg = True, verdict
      cov = re.search(r"^fuzz: coverage: (\d+) of (\d+) calls made, (\d+) of them succeeded[^;]*; not made: ([^\n]*)",
                      g.text, re.M)
      if cov:
        msg += "; coverage %s/%s calls, %s succeeded, not made: %s" % cov.groups()
    except GuestError as e:
      if e.kind == "fail" and re.search(DISK_ERROR, g.text, re.M):
        e = GuestError("disk", "%s, after disk errors: %s"
                       % (e, re.search(DISK_ERROR, g.text, re.M).group(0)))
      kind = {"timeout": "hang", "exit": "QEMU exited"}.get(e.kind, e.kind)
      msg = "%s: %s" % (kind, e)
      if e.kind == "timeout":
        msg += "; " + process_dump(g)
        msg += "; QEMU monitor: " + g.where(os.path.join(O, "octopos.elf"))
  finally:
    g.close()
  if ok and not disk:
    msg += "; no disk to check (root on the kernel's ramdisk)"
  elif ok and not args.no_fsck:
    err = fsck(O, disk)
    if err:
      ok, msg = False, "%s (after %s)" % (err, msg)
  if ok and disk:
    os.unlink(disk)
  return ok, msg, g.text, logp


def main():
  ap = argparse.ArgumentParser(description="Boot kernels and run the fuzz program on each.")
  ap.add_argument("--out", default="build/fuzz", help="build and log directory (default build/fuzz)")
  ap.add_argument("--config", action="append", choices=sorted(CONFIGS),
                  help="configuration to fuzz (repeatable; default: %s)" % " ".join(DEFAULT))
  ap.add_argument("--seconds", type=int, default=60, help="fuzz time per run (default 60)")
  ap.add_argument("--runs", type=int, default=1, help="runs per configuration (default 1)")
  ap.add_argument("--seed", type=int, default=None, help="base seed (default: from the clock)")
  ap.add_argument("--smp", type=int, default=None, help="harts to boot (default CONFIG_NR_CPUS)")
  ap.add_argument("--boots", type=int, default=2, help="QEMUs at once (default 2)")
  ap.add_argument("-j", "--jobs", type=int, default=2, help="make -j (default 2)")
  ap.add_argument("--no-build", action="store_true", help="use what OUT/<config> holds")
  ap.add_argument("--no-fsck", action="store_true", help="do not check the disk afterwards")
  ap.add_argument("--slow", type=float, default=max(10.0, float(os.environ.get("TEST_TIMEOUT_SCALE", 1))),
                  help="a run that keeps printing progress may take (SECONDS + 150) x this "
                       "before it counts as a hang (default 10, or TEST_TIMEOUT_SCALE if larger)")
  ap.add_argument("-q", "--quiet", action="store_true")
  args = ap.parse_args()
  args.t0 = time.monotonic()
  args.out = os.path.abspath(args.out)
  names = args.config or DEFAULT
  base = args.seed if args.seed is not None else int(time.time()) % 1000000
  say("fuzz: base seed %d, %d s per run, configs %s" % (base, args.seconds, " ".join(names)))

  passed = failed = 0
  results = []
  with ThreadPoolExecutor(max_workers=max(1, args.boots)) as pool:
    for c, name in enumerate(names):
      O, err = build_one(args, name)     # one build at a time; boots overlap
      if err:
        say("FAIL %s build: %s" % (name, err))
        failed += 1
        continue
      for i in range(args.runs):
        seed = base + 100 * c + i
        results.append((name, seed, pool.submit(run_one, args, name, O, seed)))
    for name, seed, fut in results:
      try:
        ok, msg, text, logp = fut.result()
      except Exception as e:            # a driver bug must not hide the others
        ok, msg, text, logp = False, "driver error: %r" % e, "", ""
      again = "python3 tests/fuzz.py --config %s --seed %d --seconds %d" % (name, seed, args.seconds)
      if ok:
        passed += 1
        say("PASS %s seed %d: %s" % (name, seed, msg))
      else:
        failed += 1
        say("FAIL %s seed %d: %s\n    reproduce: %s\n    last lines of %s:\n%s"
            % (name, seed, msg, again, logp, tail(text)))
  say("%d passed, %d failed" % (passed, failed))
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
