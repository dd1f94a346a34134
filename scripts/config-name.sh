#!/bin/sh
# scripts/config-name.sh O: the configuration's name, as the boot banner,
# uname and the image name show it.
#
# CONFIG_DEFCONFIG_NAME says which defconfig `make <name>_defconfig` started
# from; that target also keeps the .config it wrote as
# O/include/config/defconfig.config. When the options differ from that
# copy now (menuconfig, a fragment, a hand edit), the name gets
# "+modified", so a changed configuration is never shown as the shipped one.
O=${1:-build}
cfg=$O/.config
base=$O/include/config/defconfig.config
name_of() { sed -n 's/^CONFIG_DEFCONFIG_NAME="\(.*\)"$/\1/p' "$1"; }
options() { grep -E '^CONFIG_|^# CONFIG_[A-Za-z0-9_]+ is not set$' "$1" | grep -v '^CONFIG_DEFCONFIG_NAME=' | sort; }
name=$(name_of "$cfg")
if [ -f "$base" ] && [ "$(name_of "$base")" = "$name" ] && [ "$(options "$base")" != "$(options "$cfg")" ]; then
  name="$name+modified"
fi
echo "${name:-custom}"
