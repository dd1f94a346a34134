#!/bin/sh
# tests/sdkapp/post-build.sh STAGE: CONFIG_ROOTFS_POST_BUILD for tests/sdk.py.
# Writes the configuration sdkapp reads, so the test sees that the script
# ran on the staged root file system before the image was made.
set -e
mkdir -p "$1/etc"
echo "greeting=written-by-post-build" > "$1/etc/sdkapp.conf"
