#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Coffer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# cold-start-sso.sh [BUILD_DIR] [RUNS]
#
# Whole-process timing: how long `coffer-cli --profile P list` takes from a cold process to the
# first listed secret on an IAM Identity Center profile whose token is cached (it reads the
# token, calls GetRoleCredentials, then ListSecrets), beside the same listing with plain keys.
# One sandbox serves both; the sign-in is done once with the device flow, approved over HTTP.
# Prints the median and the slowest of RUNS (default 20) runs of each. Use a release build
# (default build/release). Never run by CTest.
set -eu

build=${1:-build/release}
runs=${2:-20}
cli=$(realpath "$build/app/coffer-cli")
[ -x "$cli" ] || { echo "no $cli: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
home=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"

"$cli" serve --ephemeral --port "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$home"' EXIT INT TERM
for _ in $(seq 1 100); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
    sleep 0.2
done

mkdir -p "$home/.aws"
cat > "$home/.aws/config" <<CONFIG
[profile sso]
sso_session = bench
sso_account_id = 123456789012
sso_role_name = AdministratorAccess
region = us-east-1
endpoint_url = $url

[sso-session bench]
sso_start_url = https://bench.example.com/start
sso_region = us-east-1

[profile keys]
aws_access_key_id = AKIDCOFFERSANDBOX
aws_secret_access_key = coffer+sandbox/DEMO/KEY/not+a+real+secret
region = us-east-1
endpoint_url = $url
CONFIG
export HOME="$home"
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE

# Sign in once (the sandbox's demo SSO user alice approves through the verification page).
"$cli" --profile sso --json sso login --no-browser > "$home/login.out" &
login=$!
for _ in $(seq 1 100); do
    code=$(python3 -c "import json,sys; t=open('$home/login.out').read(); i=t.find('\n}\n'); print(json.loads(t[:i+2])['UserCode'] if i >= 0 else '')" 2>/dev/null || true)
    [ -n "$code" ] && break
    sleep 0.1
done
python3 - "$url" "$code" <<'PY'
import sys, urllib.parse, urllib.request
url, code = sys.argv[1], sys.argv[2]
data = urllib.parse.urlencode({"user_code": code, "user": "alice"}).encode()
urllib.request.urlopen(urllib.request.Request(url + "/start/device", data=data)).read()
PY
wait $login

measure() {
    profile=$1
    for _ in $(seq 1 "$runs"); do
        start=$(date +%s%N)
        "$cli" --profile "$profile" list >/dev/null
        end=$(date +%s%N)
        echo $(( (end - start) / 1000 ))
    done | sort -n | awk '{ v[NR] = $1 } END { printf "median %7.1f ms   slowest %7.1f ms\n", v[int((NR + 1) / 2)] / 1000, v[NR] / 1000 }'
}
printf 'cold coffer-cli list, %s runs each, token cached\n' "$runs"
printf '%-32s %s\n' "IAM Identity Center profile" "$(measure sso)"
printf '%-32s %s\n' "access-key profile" "$(measure keys)"
