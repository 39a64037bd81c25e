#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Coffer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# compare-list-with-awscli.sh [BUILD_DIR] [SECRETS]
#
# Whole-process comparison: the time and peak memory for coffer-cli and Debian's /usr/bin/aws to
# page through the same sandbox of SECRETS secrets (default 10,000), measured in one run, with the
# ratio. Use a release build (default build/release). Never run by CTest.
set -eu

build=${1:-build/release}
count=${2:-10000}
cli="$build/app/coffer-cli"
[ -x "$cli" ] || { echo "no $cli: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"$cli" serve --ephemeral --port "$port" --bulk "$count" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
    sleep 0.2
done

export AWS_ACCESS_KEY_ID=AKIDCOFFERSANDBOX
export AWS_SECRET_ACCESS_KEY='coffer+sandbox/DEMO/KEY/not+a+real+secret'
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER='' AWS_CONFIG_FILE=/dev/null
url="http://127.0.0.1:$port"

measure() {
    /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -n 1
}
coffer=$(measure "$cli" list --endpoint-url "$url" --json)
aws=$(measure /usr/bin/aws secretsmanager list-secrets --endpoint-url "$url" --output json)
set -- $coffer $aws
printf 'listing %s secrets from one sandbox\n' "$count"
printf '%-42s %8s s %8s KB\n' "coffer-cli list" "$1" "$2" "/usr/bin/aws secretsmanager list-secrets" "$3" "$4"
python3 -c "print(f'time ratio aws / coffer-cli: {float($3) / float($1):.2f}')"
