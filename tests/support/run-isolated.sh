#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Coffer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-isolated.sh COMMAND [ARGS...]
#
# Runs COMMAND the way every Coffer test runs: with a private HOME and XDG folders, the offscreen
# Qt platform, and a private D-Bus session bus whose Secret Service is a gnome-keyring-daemon with
# an unlocked keyring. Nothing the command does can reach the user's own keyring, settings or
# ~/.aws. The folders are removed afterwards; the command's exit code is returned.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(mktemp -d "${TMPDIR:-/tmp}/coffer-test.XXXXXX")
trap 'rm -rf "$root"' EXIT INT TERM

mkdir -p "$root/home" "$root/config" "$root/data" "$root/cache" "$root/runtime"
chmod 700 "$root/runtime"
export HOME="$root/home"
export XDG_CONFIG_HOME="$root/config"
export XDG_DATA_HOME="$root/data"
export XDG_CACHE_HOME="$root/cache"
export XDG_RUNTIME_DIR="$root/runtime"
export COFFER_TEST_ROOT="$root"
export QT_QPA_PLATFORM="${COFFER_TEST_QPA_PLATFORM:-offscreen}"
# Never let a developer's real AWS setup leak into a test.
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN \
      AWS_REGION AWS_DEFAULT_REGION AWS_ENDPOINT_URL AWS_ENDPOINT_URL_SECRETS_MANAGER \
      AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE DISPLAY WAYLAND_DISPLAY 2>/dev/null || true
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true

set +e
dbus-run-session -- "$here/with-keyring.sh" "$@"
status=$?
set -e
exit "$status"
