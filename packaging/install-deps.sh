#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Coffer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# install-deps.sh [--check]
#
# Installs every Debian 12 package that building, running and testing Coffer needs, and only the
# ones that are missing: a machine that has them all is left alone (no apt-get update, no root
# needed). Works as root and, for other users, through sudo. With --check it only lists what is
# missing and exits 1 if anything is.
set -eu

packages="
    build-essential cmake ninja-build pkg-config git dpkg-dev file
    clang-16 libclang-rt-16-dev
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-l10n-tools
    libqt6svg6 qt6-image-formats-plugins
    qtkeychain-qt6-dev libsecret-1-0 libsecret-tools
    libssl-dev nlohmann-json3-dev libbenchmark-dev
    libgl-dev libvulkan-dev libxkbcommon-dev
    fonts-dejavu-core time
    gnome-keyring dbus dbus-bin procps
    awscli python3 python3-botocore python3-cryptography
    json-schema-test-suite python3-jsonschema python3-rfc3987
    desktop-file-utils appstream help2man
"

missing=""
for package in $packages; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    [ "$status" = "installed" ] || missing="$missing $package"
done

if [ -z "$missing" ]; then
    echo "install-deps: all $(echo $packages | wc -w) packages are installed."
    exit 0
fi

echo "install-deps: missing:$missing"
if [ "${1:-}" = "--check" ]; then
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    echo "install-deps: run as root, or install sudo, to install:$missing" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -q
# shellcheck disable=SC2086 # word splitting of the package list is intended
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
echo "install-deps: done."
