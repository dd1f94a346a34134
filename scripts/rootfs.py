#!/usr/bin/env python3
# scripts/rootfs.py: root-file-system overlays and the post-build script
# (CONFIG_ROOTFS_OVERLAY, CONFIG_ROOTFS_DEVICE_TABLE, CONFIG_ROOTFS_POST_BUILD).
#
#   rootfs.py mkfs      --stage DIR [common options] --manifest-in M --manifest-out OUT
#                       --blocks N --inodes N [--multiuser] [--large] HOST=/guest ...
#   rootfs.py initramfs --stage DIR [common options] --list-out OUT HOST=/guest ...
#   common: --srctree T [--overlay "DIR ..."] [--device-table F] [--post-build S]
#
# Builds the root file system in a staging directory, in Buildroot's order:
# the system's own files (the HOST=/guest arguments), then each overlay
# directory copied over them with its files' modes (a file that replaces a
# system program gets a warning; the overlay wins), then the post-build
# script, run as `SCRIPT STAGE` (a failure stops the build, naming it).
# From the stage it writes what the image tools read: a mkfs manifest
# (the system's manifest, the staged tree with modes, uid/gid 0 unless the
# device table, in user/dev.manifest's format, says otherwise) or the file
# list for mkinitramfs.py. Everything is walked in sorted order, so the
# same inputs give the same image. Before mkfs runs, the staged files are
# measured against the image's data blocks and inodes so that an overlay too
# large fails with both numbers.
import argparse
import os
import shutil
import stat
import subprocess
import sys

BSIZE = 1024
NDIRECT = 12
NINDIRECT = BSIZE // 4


def die(msg):
  sys.stderr.write("rootfs: %s\n" % msg)
  sys.exit(1)


def warn(msg):
  sys.stderr.write("rootfs: warning: %s\n" % msg)


def guest_of(spec):
  host, sep, guest = spec.rpartition("=")
  if not sep:
    host, guest = spec, os.path.basename(spec)
  return host, "/" + "/".join(p for p in guest.split("/") if p and p != ".")


def stage_system(stage, specs):
  system = set()
  for spec in specs:
    host, guest = guest_of(spec)
    dst = stage + guest
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copyfile(host, dst)
    os.chmod(dst, 0o755 if os.stat(host).st_mode & stat.S_IXUSR else 0o644)
    system.add(guest)
  return system


def stage_overlays(stage, srctree, overlays, system, manifest_files):
  for d in overlays:
    src = d if os.path.isabs(d) else os.path.join(srctree, d)
    if not os.path.isdir(src):
      die("overlay directory '%s' (CONFIG_ROOTFS_OVERLAY) does not exist" % d)
    for root, dirs, files in os.walk(src, followlinks=True):
      dirs.sort()
      rel = os.path.relpath(root, src)
      gdir = "" if rel == "." else "/" + rel.replace(os.sep, "/")
      os.makedirs(stage + gdir, exist_ok=True)
      if gdir:
        os.chmod(stage + gdir, os.stat(root).st_mode & 0o7777)
      for name in sorted(files):
        h = os.path.join(root, name)
        g = gdir + "/" + name
        if not os.path.isfile(h):
          warn("overlay '%s': %s is not a regular file; left out" % (d, g))
          continue
        if g in system or g in manifest_files:
          warn("overlay '%s' replaces the system's %s" % (d, g))
        if os.path.isdir(stage + g):
          die("overlay '%s': %s is a file here but a directory in the image" % (d, g))
        shutil.copyfile(h, stage + g)
        os.chmod(stage + g, os.stat(h).st_mode & 0o7777)


def post_build(script, stage, srctree):
  path = script if os.path.isabs(script) else os.path.join(srctree, script)
  if not os.path.isfile(path):
    die("post-build script '%s' (CONFIG_ROOTFS_POST_BUILD) does not exist" % script)
  argv = [path, stage] if os.access(path, os.X_OK) else ["sh", path, stage]
  rc = subprocess.run(argv, cwd=srctree).returncode
  if rc != 0:
    die("post-build script '%s' failed (exit status %d); image not made" % (script, rc))


def walk_stage(stage):
  """(guest path, host path, is_dir) for everything staged, parents first."""
  out = []
  for root, dirs, files in os.walk(stage):
    dirs.sort()
    rel = os.path.relpath(root, stage)
    g = "" if rel == "." else "/" + rel.replace(os.sep, "/")
    if g:
      out.append((g, root, True))
    for name in sorted(files):
      out.append((g + "/" + name, os.path.join(root, name), False))
  return sorted(out)


def parse_manifest(path):
  """Manifest lines as (kind, words, attrs, guest)."""
  entries = []
  with open(path) as f:
    for line in f:
      line = line.split("#", 1)[0].split()
      if not line:
        continue
      attrs = dict(w.split("=", 1) for w in line if w.split("=", 1)[0] in ("mode", "uid", "gid"))
      words = [w for w in line if w.split("=", 1)[0] not in attrs]
      kind = words[0]
      guest = {"file": 2, "dir": 1, "device": 1, "symlink": 2}.get(kind)
      if guest is None or guest >= len(words):
        die("%s: cannot read the line '%s'" % (path, " ".join(line)))
      entries.append((kind, words, attrs, words[guest]))
  return entries


def file_blocks(size, large):
  n = (size + BSIZE - 1) // BSIZE
  extra = 0
  if n > NDIRECT - (1 if large else 0):
    extra += 1
  if large and n > NDIRECT - 1 + NINDIRECT:
    extra += 1 + (n - (NDIRECT - 1 + NINDIRECT) + NINDIRECT - 1) // NINDIRECT
  return n + extra


def cmd_mkfs(a, stage, system):
  base = parse_manifest(a.manifest_in)
  table = parse_manifest(a.device_table) if a.device_table else []
  staged = walk_stage(stage)
  in_stage = {g for g, _, _ in staged}
  if table and not a.multiuser:
    if any(attrs for _, _, attrs, _ in table):
      warn("CONFIG_ROOTFS_DEVICE_TABLE: modes and owners need CONFIG_MULTIUSER; ignored")
  over = {g: attrs for kind, _, attrs, g in table if g in in_stage}

  lines, made = [], set()

  def emit(words, attrs):
    if a.multiuser:
      words = words + ["%s=%s" % kv for kv in sorted(attrs.items())]
    lines.append(" ".join(words))

  # The system's manifest first (accounts, devices, set-user-id programs);
  # a file the overlay also has is the overlay's.
  for kind, words, attrs, g in base:
    if kind == "file" and g in in_stage:
      continue
    if kind == "dir":
      made.add(g)
    emit(words, dict(attrs, **over.get(g, {})))
  blocks = inodes = 1
  for g, host, is_dir in staged:
    mode = os.stat(host).st_mode & 0o7777
    attrs = dict({"mode": "0%o" % mode, "uid": "0", "gid": "0"}, **over.get(g, {}))
    inodes += 1
    if is_dir:
      blocks += 1
      if g not in made:
        emit(["dir", g], attrs)
    else:
      blocks += file_blocks(os.path.getsize(host), a.large)
      emit(["file", host, g], attrs)
  for kind, words, attrs, g in table:
    if g not in in_stage:
      emit(words, attrs)

  ipb = BSIZE // (128 if a.multiuser else 64)
  data = a.blocks - (2 + a.log + a.inodes // ipb + 1 + a.blocks // (BSIZE * 8) + 1)
  if blocks > data:
    die("the root file system needs about %d KiB (%d blocks) but fs.img has %d data blocks "
        "(CONFIG_FS_IMAGE_BLOCKS=%d); raise it or shrink the overlay"
        % (blocks, blocks, data, a.blocks))
  if inodes > a.inodes:
    die("the root file system has %d files and directories but fs.img has %d inodes "
        "(CONFIG_FS_IMAGE_INODES); raise it" % (inodes, a.inodes))
  with open(a.manifest_out, "w") as f:
    f.write("# made by scripts/rootfs.py from %s and %s\n" % (a.manifest_in, stage))
    f.write("\n".join(lines) + "\n")


def cmd_initramfs(a, stage, system):
  if a.device_table:
    warn("CONFIG_ROOTFS_DEVICE_TABLE is not applied to an initramfs (no owners or devices there)")
  specs = []
  for g, host, is_dir in walk_stage(stage):
    if is_dir:
      if not os.listdir(host):
        warn("empty directory %s left out of the initramfs" % g)
      continue
    specs.append("%s=%s" % (host, g))
  with open(a.list_out, "w") as f:
    f.write("\n".join(specs) + "\n")


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("kind", choices=["mkfs", "initramfs"])
  ap.add_argument("--stage", required=True)
  ap.add_argument("--srctree", default=".")
  ap.add_argument("--overlay", default="")
  ap.add_argument("--device-table", default="")
  ap.add_argument("--post-build", default="")
  ap.add_argument("--manifest-in")
  ap.add_argument("--manifest-out")
  ap.add_argument("--list-out")
  ap.add_argument("--blocks", type=int, default=2000)
  ap.add_argument("--inodes", type=int, default=200)
  ap.add_argument("--log", type=int, default=30)
  ap.add_argument("--multiuser", action="store_true")
  ap.add_argument("--large", action="store_true")
  ap.add_argument("files", nargs="*")
  a = ap.parse_intermixed_args()
  if a.device_table and not os.path.isabs(a.device_table):
    a.device_table = os.path.join(a.srctree, a.device_table)
  if a.device_table and not os.path.isfile(a.device_table):
    die("device table '%s' (CONFIG_ROOTFS_DEVICE_TABLE) does not exist" % a.device_table)

  stage = os.path.abspath(a.stage)
  shutil.rmtree(stage, ignore_errors=True)
  os.makedirs(stage)
  system = stage_system(stage, a.files)
  manifest_files = set()
  if a.kind == "mkfs":
    manifest_files = {g for kind, _, _, g in parse_manifest(a.manifest_in) if kind == "file"}
  stage_overlays(stage, a.srctree, a.overlay.split(), system, manifest_files)
  if a.post_build:
    post_build(a.post_build, stage, a.srctree)
  if a.kind == "mkfs":
    cmd_mkfs(a, stage, system)
  else:
    cmd_initramfs(a, stage, system)


if __name__ == "__main__":
  main()
