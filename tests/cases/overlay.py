# tests/cases/overlay.py: full_defconfig's root-file-system overlay, device
# table and post-build script (configs/overlay/full*; CONFIG_ROOTFS_*) are
# in the booted system: login shows the overlay's /etc/motd, the device
# table's /dev/console is the console, and /etc/buildinfo is exactly what
# the post-build script wrote into the build's stage.
import os

OVERLAY = "CONFIG_ROOTFS_OVERLAY=configs/overlay/full"


def _buildinfo_as_built(out, target, inst):
  with open(os.path.join(target.O, "rootfs.stage", "etc", "buildinfo")) as f:
    want = f.read().strip().splitlines()
  got = [l.rstrip("\r") for l in out.strip().splitlines()]
  if got != want:
    diff = [l for l in want if l not in got][:3] or got[:3]
    return "/etc/buildinfo differs from the build's stage (%d lines, want %d; first difference near %r)" \
        % (len(got), len(want), diff)
  return None


CASES = [
  dict(name="rootfs-overlay",
       help="full's overlay /etc/motd is shown at login, /dev/console (device table) works, "
            "/etc/buildinfo (post-build script) is what the build staged",
       requires=[OVERLAY, "CONFIG_USER_MULTIUSER"],
       programs=["cat", "echo", "login"],
       boot_expect=[r"^Welcome to octopos \(full_defconfig\)\.\r?$"],
       steps=[
         ("cat /etc/motd", r"This is /etc/motd, from configs/overlay/full/"),
         ("echo console-ok > /dev/console", r"^console-ok\r?$"),
         dict(cmd="cat /etc/buildinfo",
              expect=[r"^\d+ [0-9a-f]{16} /init\r?$", r"^\d+ [0-9a-f]{16} /etc/motd\r?$"],
              check=_buildinfo_as_built),
       ]),
]
