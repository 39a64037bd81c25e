#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Coffer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-all.sh BUILD_DIR SECONDS_PER_TARGET [TARGET...]
#
# Runs each libFuzzer target built in BUILD_DIR (the fuzz preset: build/fuzz) for
# SECONDS_PER_TARGET seconds, one after the other, on a copy of its seed corpus (fuzz/corpus/<name>,
# so new inputs never land in the source tree) with its dictionary (fuzz/dict/<name>.dict) when
# there is one. Prints the executions per target; exits 1 if any target crashed, leaked, timed
# out or ran out of memory. The input that did it is kept in the work folder (FUZZ_WORK_DIR,
# default: a new folder under /tmp), to be added under tests/data/fuzz/<name>/ once fixed.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 BUILD_DIR SECONDS_PER_TARGET [TARGET...]" >&2
    exit 2
fi
build_dir=$(cd "$1" && pwd)
seconds=$2
shift 2
source_dir=$(cd "$(dirname "$0")" && pwd)
work_dir=${FUZZ_WORK_DIR:-$(mktemp -d /tmp/coffer-fuzz.XXXXXX)}
mkdir -p "$work_dir"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for corpus in "$source_dir"/corpus/*/; do
        targets+=("$(basename "$corpus")")
    done
fi

# Leaks are findings too; a sanitizer report stops the run at once.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$source_dir/../tests/support/lsan.supp:print_suppressions=0}
export QT_QPA_PLATFORM=offscreen

failed=()
printf '%-22s %12s %8s  %s\n' target executions exec/s result
for name in "${targets[@]}"; do
    binary="$build_dir/fuzz/fuzz_$name"
    if [ ! -x "$binary" ]; then
        echo "run-all: $binary is not built (cmake --build --preset fuzz)" >&2
        failed+=("$name")
        continue
    fi
    corpus="$work_dir/$name/corpus"
    artifacts="$work_dir/$name/artifacts"
    mkdir -p "$corpus" "$artifacts"
    cp -n "$source_dir/corpus/$name"/* "$corpus"/ 2>/dev/null || true
    dict=()
    [ -f "$source_dir/dict/$name.dict" ] && dict=("-dict=$source_dir/dict/$name.dict")
    log="$work_dir/$name/fuzz.log"
    status=0
    "$binary" "$corpus" "${dict[@]}" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    if [ "$status" -eq 0 ]; then
        result=ok
    else
        result="FAILED (exit $status; see $log, inputs in $artifacts)"
        failed+=("$name")
    fi
    printf '%-22s %12s %8s  %s\n' "$name" "${executions:-?}" "${speed:-?}" "$result"
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "run-all: failed: ${failed[*]}" >&2
    for name in "${failed[@]}"; do
        [ -f "$work_dir/$name/fuzz.log" ] && grep -m5 -E 'ERROR|SUMMARY|invariant|==[0-9]+==' "$work_dir/$name/fuzz.log" >&2 || true
    done
    exit 1
fi
echo "run-all: every target ran ${seconds} s without a finding (work folder: $work_dir)"
