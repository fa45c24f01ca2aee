#!/usr/bin/env bash
# fuzz/time-to-find.sh - how long `undis fuzz` takes to find each bug planted
# in fuzz/planted/planted_filter.c, over several seeds, from an empty corpus,
# and whether each reproducer replays with `undis run --replay` (on the
# driver built without sanitizers, guarded buffers in place of ASan).
#
#   fuzz/time-to-find.sh [BUILD_DIR] [SEEDS] [MAX_SECONDS]
#
# BUILD_DIR is a build of the dev preset with clang and libFuzzer present
# (build/dev: undis, undis-fuzz-driver, planted_<n>.so and planted_<n>_cov.so).
# Prints one line per bug and seed, then the median per bug.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:-$root/build/dev}" && pwd)"
seeds="${2:-5}"
max="${3:-300}"
work="$(mktemp -d "${TMPDIR:-/tmp}/undis-ttf.XXXXXX")"
trap 'rm -rf "$work"' EXIT
for bug in 1 2 3 4; do
    times=()
    for seed in $(seq 1 "$seeds"); do
        dir="$work/$bug-$seed"
        mkdir -p "$dir"
        out="$(cd "$dir" && "$build/undis" fuzz --driver "$build/planted_${bug}_cov.so" \
            --seconds "$max" --seed "$seed" 2>"$dir/log" || true)"
        t="$(printf '%s\n' "$out" | sed -n 's/^undis fuzz: first finding after \([0-9.]*\) s$/\1/p')"
        repro="$(printf '%s\n' "$out" | sed -n 's/^undis fuzz: FINDING saved as \(.*\)$/\1/p' | head -1)"
        replay="-"
        what="$(grep -m1 -oE 'undis verifier: [A-Z_]+|undis: [A-Z_]+:|AddressSanitizer: [a-z-]+' "$dir/log" || true)"
        if [ -n "$repro" ]; then
            if "$build/undis" run --replay "$dir/$repro" --driver "$build/planted_${bug}.so" -q \
                >"$dir/replay" 2>&1; then
                replay="no"
            else
                replay="yes"
            fi
        fi
        echo "bug $bug seed $seed: ${t:-none in ${max}s} s  found: ${what:-?}  replays: $replay"
        [ -n "$t" ] && times+=("$t")
    done
    if [ "${#times[@]}" -gt 0 ]; then
        median="$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')"
        echo "bug $bug: median ${median} s over ${#times[@]} finding run(s) of $seeds"
    fi
done
