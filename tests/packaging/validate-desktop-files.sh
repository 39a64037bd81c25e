#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Coffer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# validate-desktop-files.sh DIR: validates the .desktop file with desktop-file-validate and the
# AppStream metainfo with appstreamcli (offline). Exits 77 (skipped) when neither tool exists.
set -eu

dir=$1
ran=0
if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate "$dir"/*.desktop
    echo "ok: desktop-file-validate"
    ran=1
fi
if command -v appstreamcli >/dev/null 2>&1; then
    appstreamcli validate --no-net --pedantic "$dir"/*.metainfo.xml
    echo "ok: appstreamcli validate"
    ran=1
fi
[ "$ran" = 1 ] || { echo "SKIP: neither desktop-file-validate nor appstreamcli is installed"; exit 77; }
