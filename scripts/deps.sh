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
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq || exit 1
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
