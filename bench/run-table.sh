#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# bench/run-table.sh: install what the benchmarks need, build undis-bench
# (Release, -O2, UNDIS_DEBUG=0) and print the whole table of issue 4:
#
#   1. B1..B9 for undis, DPDK and malloc (glibc), ns per operation, ratios, goals;
#      B11: B1 and B5 with the verifier at levels 0, 1, 2 (goal level 1 <= 1.15x)
#   2. B3 and B3c against every general allocator installed (LD_PRELOAD), goal <= 0.3
#   3. instructions per operation under callgrind (goals B1 <= 130, B5 <= 30),
#      and B1/B5 at verifier levels 0 and 1
#   4. per-packet memory of the pools (goal: public layout + 64 bytes)
#   5. undis-bench-host (issue 14): Mpps per processor through the driver host,
#      the example pass-through filter and none (bypass), send and receive,
#      batches of 32 chained 64-byte frames (goal >= 20 Mpps through the filter),
#      and instructions per packet under callgrind
#
# Usage: bench/run-table.sh [--quick] [--no-install] [--rounds N]
#   --quick       3 rounds x 5 repetitions (a check, not figures to publish)
#   --no-install  do not run apt-get (the DPDK / allocator columns then need
#                 the packages to be there already)
# Environment: BUILD_DIR (default build/bench-table).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="${BUILD_DIR:-$root/build/bench-table}"
rounds=7
reps=11
install=1
while [ $# -gt 0 ]; do
    case "$1" in
    --quick) rounds=3 reps=5 ;;
    --no-install) install=0 ;;
    --rounds) rounds="$2"; shift ;;
    -h | --help) sed -n '3,23p' "$0"; exit 0 ;;
    *) echo "run-table.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

# ---- 0. packages -------------------------------------------------------------
need=()
for p in cmake gcc make pkg-config valgrind libdpdk-dev libmimalloc-dev libjemalloc-dev \
    libgoogle-perftools-dev; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ "$install" = 1 ] && [ "${#need[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "# installing: ${need[*]}" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q >&2
        # One by one: a missing allocator package must not stop the others.
        for p in "${need[@]}"; do
            apt-get install -y -q "$p" >&2 || echo "# could not install $p" >&2
        done
    else
        echo "# not root (or no apt-get): missing ${need[*]}; install them for the full table" >&2
    fi
fi

# ---- build ---------------------------------------------------------------------
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" \
    -DUNDIS_DEBUG=0 >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
bin="$build/undis-bench"
hostbin="$build/undis-bench-host"

commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$root" status --porcelain -- src include 2>/dev/null)" ]; then
    commit="$commit + uncommitted changes in src/ or include/"
fi
echo "# command: bench/run-table.sh $([ "$rounds" = 3 ] && echo --quick)"
echo "# date: $(date -u '+%Y-%m-%d %H:%M UTC')  nproc: $(nproc)  cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "# kernel: $(uname -r)  compiler: $(gcc --version | head -1)  undis: $commit"
echo

# ---- 1. the main table -----------------------------------------------------------
echo "## 1. ns per operation (median of $rounds round medians; p10-p90 of all repetitions)"
main_out="$("$bin" --rounds "$rounds" --reps "$reps")"
echo "$main_out" | grep -v '^RESULT'
echo

# ---- 2. B3 against the general allocators ------------------------------------------
echo "## 2. B3 and B3c (alloc on one CPU, free on the other) against the general allocators"
echo "#    each allocator via LD_PRELOAD in its own process, undis measured in the same process"
b3_lines="$(echo "$main_out" | grep -E '^RESULT B3c? ' || true)"
libdir=/usr/lib/x86_64-linux-gnu
for spec in mimalloc:libmimalloc.so.2 jemalloc:libjemalloc.so.2 tcmalloc:libtcmalloc_minimal.so.4; do
    name="${spec%%:*}"
    so="$libdir/${spec#*:}"
    if [ ! -e "$so" ]; then
        echo "#    $name: not installed"
        continue
    fi
    b3_lines="$b3_lines
$(LD_PRELOAD="$so" "$bin" --only B3,B3c --systems undis,malloc --malloc-name "$name" \
        --rounds "$rounds" --reps "$reps" | grep -E '^RESULT B3c? ' |
        sed -E "s/^RESULT (B3c?) undis undis/RESULT \1 undis undis@$name/")"
done
echo "$b3_lines" | awk '
    $1 == "RESULT" && $3 == "undis" { u[$2 " " $4] = $5 }
    $1 == "RESULT" && $3 == "malloc" { m[$2 " " $4] = $5; ids[$2] = 1 }
    END {
        printf "%-5s %-12s %14s %14s %10s\n", "id", "allocator", "malloc ns/op", "undis ns/op", "undis/alloc"
        for (id in ids) {
            best = ""
            for (k in m) {
                split(k, f, " ")
                if (f[1] != id) continue
                a = f[2]
                uk = id " " ((a == "glibc") ? "undis" : "undis@" a)
                r = u[uk] / m[k]
                printf "%-5s %-12s %14.2f %14.2f %10.3f\n", id, a, m[k], u[uk], r
                if (best == "" || m[k] < bestm) { best = a; bestm = m[k]; bestr = r }
            }
            if (best != "")
                printf "%s: best general allocator %s; undis/%s = %.3f; goal <= 0.3: %s\n",
                    id, best, best, bestr, (bestr <= 0.3 ? "MET" : "MISSED")
        }
    }'
echo

# ---- 3. instruction counts ---------------------------------------------------------
echo "## 3. instructions per operation (callgrind, --toggle-collect=bench_icount_region, loop included)"
if command -v valgrind >/dev/null; then
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    icount() { # key -> instructions per op, or "-"
        local key="$1" iters=20000 out ops ir
        out="$(valgrind --tool=callgrind --toggle-collect=bench_icount_region \
            --callgrind-out-file="$tmp/$key.cg" "$bin" --icount "$key" --iters "$iters" 2>/dev/null)" ||
            { echo "-"; return; }
        ops="$(echo "$out" | awk '/^ICOUNT/ { print $NF }')"
        ir="$(awk '/^summary:/ { print $2 }' "$tmp/$key.cg")"
        awk -v ir="$ir" -v ops="$ops" 'BEGIN { printf "%.1f", ir / ops }'
    }
    printf "%-5s %10s %10s %8s  %s\n" id undis DPDK u/DPDK goal
    for b in B1 B2 B5 B6 B6m B7c B7s B8 B8o B9; do
        u="$(icount "undis.$b")"
        if "$bin" --list | grep -q "^dpdk\.$b\b"; then d="$(icount "dpdk.$b")"; else d="-"; fi
        goal=""
        case "$b" in
        B1) lim=130 ;;
        B5) lim=30 ;;
        *) lim="" ;;
        esac
        ratio="$(awk -v u="$u" -v d="$d" 'BEGIN { if (d + 0 > 0 && u + 0 > 0) printf "%.2f", u / d; else print "-" }')"
        if [ -n "$lim" ] && [ "$u" != "-" ]; then
            goal="$(awk -v u="$u" -v l="$lim" 'BEGIN { printf "<= %d: %s (%.0f)", l, (u <= l ? "MET" : "MISSED"), u }')"
        fi
        printf "%-5s %10s %10s %8s  %s\n" "$b" "$u" "$d" "$ratio" "$goal"
    done
    echo
    echo "# B11: instructions per operation with the verifier at levels 0 and 1"
    printf "%-5s %10s %10s %8s\n" id level0 level1 L1/L0
    for b in B1 B5; do
        l0="$(icount "undis.${b}v0")"
        l1="$(icount "undis.${b}v1")"
        ratio="$(awk -v a="$l1" -v b="$l0" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-" }')"
        printf "%-5s %10s %10s %8s\n" "$b" "$l0" "$l1" "$ratio"
    done
else
    echo "valgrind not installed: instruction counts skipped"
fi
echo

# ---- 4. memory ---------------------------------------------------------------------
echo "## 4. memory per packet"
"$bin" --memory | sed 's/^MEMORY //'
echo

# ---- 5. the driver host --------------------------------------------------------------
echo "## 5. packets per second per processor through the driver host (undis-bench-host)"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
if [ "$rounds" = 3 ]; then "$hostbin" --quick; else "$hostbin"; fi | grep -v '^RESULT'
if command -v valgrind >/dev/null; then
    echo "# instructions per packet (callgrind, --toggle-collect=bench_host_icount_region, 2000 batches of 32)"
    for key in send send-bypass receive receive-bypass; do
        cg="$(mktemp)"
        valgrind --tool=callgrind --toggle-collect=bench_host_icount_region \
            --callgrind-out-file="$cg" "$hostbin" --icount "$key" --iters 2000 >/dev/null 2>&1 &&
            awk -v k="$key" '/^summary:/ { printf "%-15s %8.1f\n", k, $2 / 64000 }' "$cg"
        rm -f "$cg"
    done
fi
