#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Coffer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# with-keyring.sh COMMAND [ARGS...]: inside a (private) D-Bus session, starts gnome-keyring-daemon
# as the Secret Service with its login keyring created and unlocked (in the private
# XDG_DATA_HOME), runs COMMAND, then stops the daemon. Used by run-isolated.sh.
set -eu

if [ "${COFFER_TEST_NO_KEYRING:-0}" != "1" ]; then
    # --unlock reads the password from stdin and creates the login keyring when missing. An
    # empty password does not create it (writes then need an interactive prompt), so the
    # throwaway keyring gets a throwaway password.
    eval "$(printf 'coffer-test-keyring' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
    export GNOME_KEYRING_CONTROL
    keyring_pid=$(pgrep -u "$(id -u)" -n -f "gnome-keyring-daemon --unlock" || true)
fi

set +e
"$@"
status=$?
set -e

if [ -n "${keyring_pid:-}" ]; then
    kill "$keyring_pid" 2>/dev/null || true
fi
exit "$status"
