#!/bin/sh
# configs/overlay/full.post-build.sh: full_defconfig's post-build script
# (CONFIG_ROOTFS_POST_BUILD), run as `full.post-build.sh STAGE_DIR` on the
# staged root file system just before fs.img is made.
#
# Records the image's build manifest in /etc/buildinfo: every staged file
# (the programs, README and the overlays; not the accounts and devices
# mkfs adds from the system manifest) with its
# size and the first 16 hex digits of its SHA-256, in sorted order, so that
# on the running system one can tell which build a program came from and
# two images can be compared file by file. Nothing in it depends on the
# time or the host, so the image stays reproducible.
set -eu
stage=${1:?usage: full.post-build.sh STAGE_DIR}
out=etc/buildinfo
cd "$stage"
mkdir -p etc
{
  echo "# octopos image manifest: size sha256[0:16] path"
  find . -type f ! -path "./$out" | LC_ALL=C sort | while read -r f; do
    printf '%s %s %s\n' "$(wc -c < "$f" | tr -d ' ')" "$(sha256sum "$f" | cut -c1-16)" "${f#.}"
  done
} > "$out.tmp"
mv "$out.tmp" "$out"
chmod 0644 "$out"
