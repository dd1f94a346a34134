#!/usr/bin/env python3
# tests/baddtb.py: a corrupt devicetree stops the boot with a clear message.
#
#   python3 tests/baddtb.py --out build/baddtb [--from build/test] [--config xv6_defconfig]
#
# QEMU refuses to load a damaged blob with -dtb, so the damage is done in the
# guest: QEMU starts halted with a gdb stub (-S -gdb on a free port), and
# gdb-multiarch, in batch mode, breaks at the kernel's entry (_entry: the
# reset vector's jump in the M-mode boot, OpenSBI's in S-mode), reads a1 (the
# devicetree's address, per the boot protocol), damages the blob in guest
# memory and detaches, which lets the guest run. Each kind of damage must
# give the kernel's "devicetree ... is invalid; cannot boot" line and the
# parser's reason, and nothing after it: no hart comes online, init never
# starts, no shell prompt.
#
# A devicetree that parses but names a console the kernel cannot follow
# (stdout-path missing, naming no node or one without a driver) is tested by
# tests/cases/stdout.py instead: QEMU accepts such a blob with -dtb, so those
# cases run in make test through the case file's `dtb` edit.
#
# Builds are taken from FROM/<config> when --from holds one (make test
# passes its own output), else built in OUT/<config>. Without gdb-multiarch
# (make deps installs it) the script says SKIP and exits 0. Last line:
# `N passed, N failed`.

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True

from lib import build, session  # noqa: E402
from lib.guest import Guest, GuestError  # noqa: E402

SRCTREE = os.path.dirname(HERE)
GDB = "gdb-multiarch"
CONFIGS = ["xv6_defconfig", "full_defconfig"]   # bare M-mode, and under OpenSBI

# (name, gdb commands run with $dtb = the blob's address, the parser's message).
# The header is big-endian: a 32-bit store of 0x40000000 writes 00 00 00 40.
KINDS = [
  ("magic", ["set {unsigned int}$dtb = 0xefbeadde"],
   r"fdt: bad magic 0xdeadbeef"),
  ("truncated", ["set {unsigned int}($dtb + 4) = 0x40000000"],          # totalsize 64
   r"fdt: blocks outside the blob \(total 64:"),
  ("struct-offset", ["set {unsigned int}($dtb + 8) = 0xf0ff0f00"],      # off_dt_struct 0x000ffff0
   r"fdt: blocks outside the blob \(total \d+: struct 1048560\+"),
  ("struct-token", ["set $st = ($dtb[8] << 24) | ($dtb[9] << 16) | ($dtb[10] << 8) | $dtb[11]",
                    "set {unsigned int}($dtb + $st) = 0x03000000"],     # FDT_PROP before the root node
   r"fdt: property outside any node at offset 0"),
]
INVALID = r"octopos: the devicetree at 0x[0-9a-f]+ is invalid; cannot boot"
# What a boot that went on would print.
AFTER = re.compile(r"hart \d+ online|init: starting|\$ |^octopos \d+\.\d+\.\d+ \(", re.M)


def say(msg):
  print(msg)
  sys.stdout.flush()


def free_port():
  """A TCP port nobody listens on now (the kernel picks it)."""
  with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.bind(("127.0.0.1", 0))
    return s.getsockname()[1]


def gdb_script(elf, port, cmds):
  lines = ["set confirm off", "set pagination off", "file %s" % elf,
           "target remote 127.0.0.1:%d" % port, "break *_entry", "continue",
           "set $dtb = (unsigned char *)$a1", 'printf "baddtb: blob at 0x%lx\\n", $dtb']
  lines += cmds
  lines += ['printf "baddtb: damaged\\n"', "delete", "detach"]
  return "\n".join(lines) + "\n"


def one(O, config, kind, cmds, want, outdir):
  """Return (ok, message)."""
  tag = "%s-%s" % (config.replace("_defconfig", ""), kind)
  disk = None
  if os.path.isfile(os.path.join(O, "fs.img")):
    disk = os.path.join(outdir, tag + ".img")
    shutil.copyfile(os.path.join(O, "fs.img"), disk)
  script = os.path.join(outdir, tag + ".gdb")
  for attempt in range(3):       # the port may be taken between choice and bind
    port = free_port()
    with open(script, "w") as f:
      f.write(gdb_script(os.path.join(O, "octopos.elf"), port, cmds))
    argv = session.qemu_argv(SRCTREE, O, disk) + ["-S", "-gdb", "tcp:127.0.0.1:%d" % port]
    g = Guest(argv, os.path.join(outdir, tag + ".log"), 90)
    try:
      try:
        p = subprocess.run([GDB, "-nx", "-batch", "-x", script], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                           universal_newlines=True, timeout=60)
        gout = p.stdout
      except subprocess.TimeoutExpired as e:
        gout = (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        gout += "\n(gdb timed out)"
      with open(os.path.join(outdir, tag + ".gdb.log"), "w") as f:
        f.write(gout)
      if "baddtb: damaged" not in gout:
        g.drain(0.5)
        if "Failed to find an available port" in g.text or "Address already in use" in g.text:
          continue
        last = [l for l in gout.strip().split("\n") if l.strip()][-3:]
        return False, "gdb did not damage the blob: %s" % " | ".join(last)
      try:
        g.expect(INVALID, 30, fail=r"hart \d+ online", what="'%s'" % INVALID)
        if not re.search(want, g.text, re.M):   # the reason comes first
          g.expect(want, 10, what="/%s/" % want)
      except GuestError as e:
        return False, "%s; console: %s" % (e, session._short(g.text))
      g.drain(3)                 # anything a boot that went on would print
      g.check_panic()
      m = AFTER.search(g.text, g.text.find("cannot boot"))
      if m:
        return False, "the boot went on after the message: saw %r" % m.group(0)
      line = re.search(want, g.text).group(0)
      return True, "stopped: %r" % line
    except GuestError as e:
      return False, str(e)
    finally:
      g.close()
      if disk and os.path.exists(disk):
        os.unlink(disk)
  return False, "QEMU could not bind a gdb port in 3 attempts"


def find_build(args, config):
  """O for config: FROM/<config> if built there, else built in OUT/<config>.
  Returns (O, error)."""
  if args.from_:
    O = os.path.join(os.path.abspath(args.from_), config)
    if os.path.isfile(os.path.join(O, "octopos.elf")) and os.path.isfile(os.path.join(O, ".config")):
      return O, None
  O = os.path.join(os.path.abspath(args.out), config)
  sys.stderr.write("baddtb: building %s in %s\n" % (config, O))
  return O, build.build(SRCTREE, O, [config], os.path.join(O, "build.log"), args.jobs)


def main():
  ap = argparse.ArgumentParser(description="Boot on a devicetree damaged in guest memory through gdb.")
  ap.add_argument("--out", default="build/baddtb")
  ap.add_argument("--from", dest="from_", help="take builds from FROM/<config> when present")
  ap.add_argument("--config", action="append", help="defconfig (repeatable; default %s)" % " ".join(CONFIGS))
  ap.add_argument("--kind", action="append", help="only this damage (repeatable)")
  ap.add_argument("--boots", type=int, default=2)
  ap.add_argument("-j", "--jobs", type=int, default=2)
  args = ap.parse_args()
  if shutil.which(GDB) is None:
    say("SKIP: %s not installed (make deps installs it)" % GDB)
    return 0
  kinds = [k for k in KINDS if not args.kind or k[0] in args.kind]
  runs, passed, failed = [], 0, 0
  for config in args.config or CONFIGS:
    O, err = find_build(args, config)
    if err:
      say("FAIL %s build: %s" % (config, err))
      failed += 1
      continue
    outdir = os.path.join(os.path.abspath(args.out), config, "logs")
    os.makedirs(outdir, exist_ok=True)
    runs += [(config, k, O, outdir) for k in kinds]
  with ThreadPoolExecutor(max_workers=max(1, args.boots)) as pool:
    futs = [(c, k, pool.submit(one, O, c, k[0], k[1], k[2], d)) for c, k, O, d in runs]
    for config, k, fut in futs:
      try:
        ok, msg = fut.result()
      except Exception as e:
        ok, msg = False, "driver error: %r" % e
      say("%s %s %s: %s" % ("PASS" if ok else "FAIL", config, k[0], msg))
      if ok:
        passed += 1
      else:
        failed += 1
  say("%d passed, %d failed" % (passed, failed))
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
