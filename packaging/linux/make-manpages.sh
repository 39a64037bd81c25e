#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Coffer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# make-manpages.sh COFFER_CLI COFFER OUTDIR: writes OUTDIR/coffer-cli.1.gz and OUTDIR/coffer.1.gz with
# help2man from the programs' own --help and --version, and a COMMANDS section from
# `coffer-cli help COMMAND` for every command --help lists, so the pages cannot drift from the
# code. The GUI is asked on the offscreen platform, so no display is needed.
set -eu

cli=$1
gui=$2
out=$3
mkdir -p "$out"
include=$(mktemp)
trap 'rm -f "$include"' EXIT

# roff: a backslash is \e; a line starting with . or ' would be a request.
escape() {
    sed -e 's/\\/\\e/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\\&'/"
}

commands=$("$cli" --help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')
[ -n "$commands" ] || { echo "make-manpages: no commands found in '$cli --help'" >&2; exit 1; }
{
    echo "[COMMANDS]"
    for command in $commands; do
        echo ".SS $command"
        echo ".nf"
        # The global options close every command's help; the page lists them once.
        "$cli" help "$command" | sed '/^Global options/,$d' | escape
        echo ".fi"
    done
} > "$include"

export QT_QPA_PLATFORM=offscreen
# "coffer-cli 0.1.0 (Qt ..., OpenSSL ... 27 Jan 2026)": the version is the second word.
version=$("$cli" --version 2>/dev/null | head -n 1 | cut -d' ' -f2)
help2man --no-info --section=1 --version-string="$version" \
    --name="command-line companion for AWS Secrets Manager" \
    --include="$include" --output="$out/coffer-cli.1" "$cli"
help2man --no-info --section=1 --version-string="$version" \
    --name="desktop administration for AWS Secrets Manager" \
    --output="$out/coffer.1" "$gui"
gzip -9 -n -f "$out/coffer-cli.1" "$out/coffer.1"
