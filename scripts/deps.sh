#!/bin/sh
# scripts/deps.sh PKG...: install the Debian packages octopos needs, only the
# missing ones, so that running it again does nothing.
missing=
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -z "$missing" ]; then
  echo "  DEPS    all present"
  exit 0
fi
echo "  DEPS    installing:$missing"
# apt-get needs root: as another user it goes through sudo, which asks for
# your password. Without sudo, say exactly what root must run.
SUDO=
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "error: installing packages needs root, and sudo is not installed. As root, run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
    exit 1
  fi
  SUDO=sudo
  echo "  DEPS    using sudo for apt-get (it may ask for your password)"
fi
$SUDO apt-get update -qq || exit 1
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
