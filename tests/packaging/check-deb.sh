#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Coffer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-deb.sh PACKAGE_DIR: unpacks the one coffer_*.deb in PACKAGE_DIR into a temporary root
# (dpkg-deb -x, no installation) and checks that what a user would get works: coffer-cli runs and
# prints its version, the desktop integration files sit where desktops look for them, and the man
# pages (from --help), the bash completion and the copyright file are there and work.
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
check_file usr/share/man/man1/coffer-cli.1.gz
check_file usr/share/man/man1/coffer.1.gz
check_file usr/share/bash-completion/completions/coffer-cli
check_file usr/share/doc/coffer/copyright

# The man page is the program's own help: every command --help lists has its section.
if [ -f "$root/usr/share/man/man1/coffer-cli.1.gz" ]; then
    page=$(gzip -dc "$root/usr/share/man/man1/coffer-cli.1.gz")
    for command in $("$root/usr/bin/coffer-cli" --help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p'); do
        printf '%s\n' "$page" | grep -qx ".SS $command" || { echo "FAIL: coffer-cli.1 has no section for $command"; fail=1; }
    done
    printf '%s\n' "$page" | grep -q -- '--expect-version' || { echo "FAIL: coffer-cli.1 lacks the commands' options"; fail=1; }
    echo "ok: coffer-cli.1 has a section for every command"
fi

# The completion offers the commands and a command's options, from the packaged program.
if command -v bash >/dev/null 2>&1; then
    completions=$(PATH="$root/usr/bin:$PATH" bash -c '
        . "$1/usr/share/bash-completion/completions/coffer-cli"
        COMP_WORDS=(coffer-cli se); COMP_CWORD=1; _coffer_cli; echo "${COMPREPLY[*]}"
        COMP_WORDS=(coffer-cli set --ex); COMP_CWORD=2; _coffer_cli; echo "${COMPREPLY[*]}"' _ "$root")
    echo "completion: $completions"
    case "$completions" in
        *serve*) case "$completions" in
            *set*--expect-version*) echo "ok: completion of commands and options" ;;
            *) echo "FAIL: bash completion did not offer 'set' and '--expect-version'"; fail=1 ;;
            esac ;;
        *) echo "FAIL: bash completion did not offer 'serve'"; fail=1 ;;
    esac
fi
grep -q "^License: GPL-3.0-or-later" "$root/usr/share/doc/coffer/copyright" 2>/dev/null \
    || { echo "FAIL: copyright does not name the licence"; fail=1; }

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
