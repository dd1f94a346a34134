#!/bin/sh
# scripts/merge-config.sh CONFIG FRAGMENT: apply a config fragment over a
# .config, as Linux's merge_config.sh does: every symbol the fragment sets (or
# unsets with "# CONFIG_X is not set") replaces the .config's line for it.
# kconfig-conf --olddefconfig afterwards resolves dependencies.
set -e
cfg=$1 frag=$2
syms=$(sed -n 's/^\(CONFIG_[A-Za-z0-9_]*\)=.*/\1/p; s/^# \(CONFIG_[A-Za-z0-9_]*\) is not set.*/\1/p' "$frag")
tmp=$cfg.merge
cp "$cfg" "$tmp"
for s in $syms; do
  grep -v -e "^$s=" -e "^# $s is not set" "$tmp" > "$tmp.1" || true
  mv "$tmp.1" "$tmp"
done
grep -e '^CONFIG_' -e '^# CONFIG_.* is not set' "$frag" >> "$tmp" || true   # a fragment may set nothing
mv "$tmp" "$cfg"
