#!/usr/bin/env python3
# tests/bootchain.py: the boot chain a board uses (issue 19; docs/boot.md):
# OpenSBI -> U-Boot distro boot -> extlinux.conf -> the Image on a GPT disk.
#
#   python3 tests/bootchain.py --out build/bootchain [--from build/test] [--no-rebuild]
#
# On full_defconfig (taken from FROM/full_defconfig when --from holds a
# build, else built in OUT/full_defconfig):
#   tarball       `make image`'s tarball, unpacked elsewhere, its run-qemu.sh
#                 started from yet another directory: U-Boot boots the card,
#                 the kernel gets root=PARTLABEL=octopos-root from
#                 extlinux.conf, and `usertests -q` passes
#   root-uboot    a card with two root partitions whose /README differ in
#                 their first line (#ROOT-A!! / #ROOT-B!!, patched into copies
#                 of fs.img); extlinux.conf says root=PARTLABEL=octopos-rootB
#                 and the shell sees B
#   root-number   the same card booted with -kernel and -append root=2: A
#   reproducible  a second build from a clean output directory gives a
#                 byte-identical Image and sdcard.img (--no-rebuild skips it)
# Needs U-Boot (u-boot-qemu) and the disk tools (fdisk, dosfstools,
# mtools; make deps installs them); without them it says SKIP. Last line:
# `N passed, N failed`.

import argparse
import filecmp
import glob
import os
import shutil
import subprocess
import sys
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True

from lib import build, session  # noqa: E402
from lib.cases import Step  # noqa: E402
from lib.guest import Guest, GuestError  # noqa: E402

SRCTREE = os.path.dirname(HERE)
CONFIG = "full_defconfig"
UBOOT = "/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf"
TOOLS = ["sfdisk", "mkfs.vfat", "mcopy", "mmd"]
# The first line of README.md as mkfs stores it in /README, and the
# same-length markers the root-selection tests put in its place.
README_HEAD = b"# octopos\n"


def say(msg):
  print(msg)
  sys.stdout.flush()


def have(tool):
  return any(os.access(os.path.join(d, tool), os.X_OK)
             for d in os.environ.get("PATH", "").split(":") + ["/usr/sbin", "/sbin"])


def marked(src, dst, marker):
  """Copy fs.img src to dst with /README's first line replaced by marker."""
  with open(src, "rb") as f:
    data = bytearray(f.read())
  i = data.find(README_HEAD + b"\noctopos is")
  if i < 0:
    raise GuestError("setup", "%s: /README's first line %r not found" % (src, README_HEAD))
  assert len(marker) == len(README_HEAD) - 1
  data[i:i + len(marker)] = marker
  with open(dst, "wb") as f:
    f.write(data)


def mksdcard(O, out, env):
  e = build.clean_env(env)
  p = subprocess.run(["sh", os.path.join(SRCTREE, "scripts/mksdcard.sh"), O, out], env=e,
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
  if p.returncode != 0:
    raise GuestError("setup", "mksdcard.sh: %s" % p.stdout.strip())


def interact(g, scale, steps, expect_boot=()):
  """Log in if asked, check the boot output, run (cmd, regex, timeout) steps."""
  session.wait_prompt(g, 90 * scale)
  import re
  for rx in expect_boot:
    if not re.search(rx, g.text, re.M):
      raise GuestError("check", "expected /%s/ in the boot output" % rx)
  for cmd, rx, timeout in steps:
    step = Step(cmd, expect=rx, fail=r"SOME TESTS FAILED[^\n]*" if "usertests" in cmd else None,
                timeout=timeout)
    out = session.run_step(g, step, scale)
    err = session.check_step(step, out)
    if err:
      raise GuestError("check", err)


def boot(name, argv, outdir, scale, steps, expect_boot=(), deadline=200):
  g = Guest(argv, os.path.join(outdir, name + ".log"), deadline * scale)
  try:
    interact(g, scale, steps, expect_boot)
    g.send("poweroff\n")
    rc = g.wait_exit(20 * scale)
    if rc != 0:
      raise GuestError("exit", "poweroff: QEMU exited with status %s" % rc)
  finally:
    g.close()


UBOOT_BOOT = [r"^Retrieving file: /extlinux/extlinux\.conf$", r"^Starting kernel \.\.\.$"]


def t_tarball(O, outdir, scale):
  log = open(os.path.join(outdir, "image.log"), "w")
  rc = build.make(SRCTREE, O, ["image"], log)
  log.close()
  if rc != 0:
    raise GuestError("setup", "make image exited %d (%s/image.log)" % (rc, outdir))
  tars = glob.glob(os.path.join(O, "images", "octopos-*-full.tar.gz"))
  if len(tars) != 1:
    raise GuestError("setup", "expected one tarball in %s/images, found %s" % (O, tars))
  unpack = os.path.join(outdir, "unpacked")
  shutil.rmtree(unpack, ignore_errors=True)
  with tarfile.open(tars[0]) as t:
    t.extractall(unpack)
  (top,) = os.listdir(unpack)
  script = os.path.abspath(os.path.join(unpack, top, "run-qemu.sh"))
  elsewhere = os.path.join(outdir, "elsewhere")
  os.makedirs(elsewhere, exist_ok=True)
  argv = ["sh", "-c", 'cd "$1" && exec "$2"', "sh", elsewhere, script]
  boot("tarball", argv, outdir, scale, [("usertests -q", r"ALL TESTS PASSED", 400)],
       UBOOT_BOOT + [r"^cmdline \(bootloader\): root=PARTLABEL=octopos-root$",
                     r"^xv6fs: dev 2: "], deadline=600)


def two_roots(O, outdir):
  a = os.path.join(outdir, "rootA.img")
  b = os.path.join(outdir, "rootB.img")
  marked(os.path.join(O, "fs.img"), a, b"#ROOT-A!!")
  marked(os.path.join(O, "fs.img"), b, b"#ROOT-B!!")
  # mksdcard.sh takes partition 2 from O/fs.img: give it a staging O.
  stage = os.path.join(outdir, "O")
  os.makedirs(stage, exist_ok=True)
  for f in (".config", "Image"):
    shutil.copyfile(os.path.join(O, f), os.path.join(stage, f))
  shutil.copyfile(a, os.path.join(stage, "fs.img"))
  card = os.path.join(outdir, "two-roots.img")
  mksdcard(stage, card, {"ROOTB": b, "APPEND": "root=PARTLABEL=octopos-rootB"})
  return card


def t_root_uboot(O, outdir, scale, card):
  env = {"BOOT": "uboot", "DISK": card}
  argv = session.qemu_argv(SRCTREE, O, None, None, env)
  boot("root-uboot", argv, outdir, scale, [("grep ROOT- /README", r"^#ROOT-B!!$", 30)],
       UBOOT_BOOT + [r"^cmdline \(bootloader\): root=PARTLABEL=octopos-rootB$",
                     r"^part: virtio-blk0p3 is partition 3 of virtio-blk0, named octopos-rootB$"])


def t_root_number(O, outdir, scale, card):
  argv = session.qemu_argv(SRCTREE, O, card) + ["-append", "root=2"]
  boot("root-number", argv, outdir, scale, [("grep ROOT- /README", r"^#ROOT-A!!$", 30)],
       [r"^cmdline \(bootloader\): root=2$"])


def t_reproducible(O, outdir, scale):
  del scale
  again = os.path.join(outdir, "rebuild")
  shutil.rmtree(again, ignore_errors=True)
  err = build.build(SRCTREE, again, [CONFIG], os.path.join(outdir, "rebuild.log"))
  if err:
    raise GuestError("setup", "second build: %s" % err)
  c1, c2 = os.path.join(outdir, "sd1.img"), os.path.join(outdir, "sd2.img")
  mksdcard(O, c1, {})
  mksdcard(again, c2, {})
  for a, b in ((os.path.join(O, "Image"), os.path.join(again, "Image")), (c1, c2)):
    if not filecmp.cmp(a, b, shallow=False):
      raise GuestError("check", "%s and %s differ" % (a, b))
  shutil.rmtree(again)
  os.unlink(c1)
  os.unlink(c2)


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("--out", default="build/bootchain")
  ap.add_argument("--from", dest="frm")
  ap.add_argument("--no-rebuild", action="store_true")
  ap.add_argument("--timeout-scale", type=float,
                  default=float(os.environ.get("TEST_TIMEOUT_SCALE", "1")))
  args = ap.parse_args()
  missing = [t for t in TOOLS if not have(t)]
  if not os.path.isfile(UBOOT):
    missing.append(UBOOT)
  if missing:
    say("SKIP: not installed (make deps): %s" % " ".join(missing))
    return 0
  out = os.path.abspath(args.out)
  os.makedirs(out, exist_ok=True)
  O = os.path.join(os.path.abspath(args.frm), CONFIG) if args.frm else None
  if not O or not os.path.isfile(os.path.join(O, "Image")):
    O = os.path.join(out, CONFIG)
    err = build.build(SRCTREE, O, [CONFIG], os.path.join(out, "build.log"))
    if err:
      say("FAIL %s build: %s" % (CONFIG, err))
      say("0 passed, 1 failed")
      return 1
  passed = failed = 0
  tests = [("tarball", lambda: t_tarball(O, out, args.timeout_scale))]
  card = []
  def roots(fn):
    def run():
      if not card:
        card.append(two_roots(O, out))
      fn(O, out, args.timeout_scale, card[0])
    return run
  tests += [("root-uboot", roots(t_root_uboot)), ("root-number", roots(t_root_number))]
  if not args.no_rebuild:
    tests.append(("reproducible", lambda: t_reproducible(O, out, args.timeout_scale)))
  for name, fn in tests:
    try:
      fn()
      say("PASS bootchain %s %s" % (CONFIG, name))
      passed += 1
    except (GuestError, OSError) as e:
      say("FAIL bootchain %s %s: %s (logs in %s)" % (CONFIG, name, e, out))
      failed += 1
  say("%d passed, %d failed" % (passed, failed))
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
