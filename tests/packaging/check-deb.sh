#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Coffer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-deb.sh PACKAGE_DIR: unpacks the one coffer_*.deb in PACKAGE_DIR into a temporary root
# (dpkg-deb -x, no installation) and checks that what a user would get works: coffer-cli runs and
# prints its version, and the desktop integration files sit where desktops look for them.
set -eu

package_dir=$1
deb=$(find "$package_dir" -maxdepth 1 -name 'coffer_*.deb' | head -n 1)
[ -n "$deb" ] || { echo "FAIL: no coffer_*.deb in $package_dir"; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"

fail=0
check_file() {
    if [ -f "$root/$1" ]; then echo "ok: /$1"; else echo "FAIL: /$1 missing from $deb"; fail=1; fi
}
check_file usr/bin/coffer
check_file usr/bin/coffer-cli
check_file usr/share/applications/io.github.coffer_app.Coffer.desktop
check_file usr/share/metainfo/io.github.coffer_app.Coffer.metainfo.xml
check_file usr/share/icons/hicolor/scalable/apps/io.github.coffer_app.Coffer.svg

version=$("$root/usr/bin/coffer-cli" --version)
echo "packaged coffer-cli --version: $version"
case "$version" in
    "coffer-cli "[0-9]*) ;;
    *) echo "FAIL: unexpected version output"; fail=1 ;;
esac

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
case "$depends" in
    *libqt6core6*) ;;
    *) echo "FAIL: Depends does not name Qt"; fail=1 ;;
esac
exit "$fail"
