#!/usr/bin/env python3
# scripts/mkinitramfs.py: pack files into a newc cpio archive, the initramfs.
#
#   mkinitramfs.py OUT [HOST=/guest/path | HOST ...]
#
# A plain HOST goes in / under its basename; HOST=/guest/path puts it
# anywhere (the split is at the last '='), with the missing directories
# made as entries of their own. The archive is the one fs/ramfs/initramfs.c
# unpacks at boot (CONFIG_INITRAMFS): `cpio -H newc` format, entries sorted
# by path, every mtime, uid and gid 0, inode numbers counted from 1, so the
# same inputs always give the same bytes (reproducible kernels). Files keep
# their host execute bits only as 0755 or 0644. OUT is replaced only when
# its bytes change, so an unchanged archive does not relink the kernel.
import os
import stat
import sys

MAXPATH = 128       # the kernel's path limit (include/uapi/octopos/fs.h)
S_IFDIR = 0o040000
S_IFREG = 0o100000


def pad4(b):
  return b + b"\0" * (-len(b) % 4)


def entry(ino, mode, name, data=b""):
  fields = [ino, mode, 0, 0, 2 if mode & S_IFDIR else 1, 0, len(data),
            0, 0, 0, 0, len(name) + 1, 0]
  hdr = b"070701" + b"".join(b"%08x" % f for f in fields)
  return pad4(hdr + name.encode() + b"\0") + pad4(data)


def main(argv):
  if len(argv) < 2:
    sys.stderr.write("usage: mkinitramfs.py OUT [HOST=/guest/path | HOST ...]\n")
    return 2
  out, specs = argv[1], argv[2:]
  files = {}                        # guest path (no leading /) -> host path
  for spec in specs:
    host, sep, guest = spec.rpartition("=")
    if not sep:
      host, guest = spec, os.path.basename(spec)
    guest = "/".join(p for p in guest.split("/") if p and p != ".")
    if not guest or ".." in guest.split("/"):
      sys.stderr.write("mkinitramfs: bad guest path in '%s'\n" % spec)
      return 1
    if len(guest) + 1 >= MAXPATH:
      sys.stderr.write("mkinitramfs: '%s' is longer than the kernel's MAXPATH\n" % guest)
      return 1
    if guest in files:
      sys.stderr.write("mkinitramfs: '%s' given twice\n" % guest)
      return 1
    files[guest] = host

  dirs = set()
  for guest in files:
    parts = guest.split("/")[:-1]
    for i in range(1, len(parts) + 1):
      dirs.add("/".join(parts[:i]))
  clash = dirs & set(files)
  if clash:
    sys.stderr.write("mkinitramfs: '%s' is both a file and a directory\n" % sorted(clash)[0])
    return 1

  blob = b""
  ino = 1
  for path in sorted(dirs | set(files)):
    if path in dirs:
      blob += entry(ino, S_IFDIR | 0o755, path)
    else:
      with open(files[path], "rb") as f:
        data = f.read()
      exe = os.stat(files[path]).st_mode & stat.S_IXUSR
      blob += entry(ino, S_IFREG | (0o755 if exe else 0o644), path, data)
    ino += 1
  blob += entry(0, 0, "TRAILER!!!")

  try:
    with open(out, "rb") as f:
      if f.read() == blob:
        return 0
  except OSError:
    pass
  tmp = out + ".tmp"
  with open(tmp, "wb") as f:
    f.write(blob)
  os.replace(tmp, out)
  return 0


if __name__ == "__main__":
  sys.exit(main(sys.argv))
