#!/usr/bin/env bash
# fuzz/run-bounded.sh - build every fuzz target the way OSS-Fuzz does
# (fuzz/build.sh with clang and libFuzzer) and run each for a bounded time.
#
#   fuzz/run-bounded.sh [--seconds N] [--jobs N] [--no-build] [TARGET...]
#   fuzz/run-bounded.sh --check      # exit 0 when clang can link libFuzzer
#
# TARGET is a name such as nb_ops (default: every fuzz/fuzz_*.c). The time
# per target is --seconds, else $UNDIS_FUZZ_SECONDS, else 30. Binaries go to
# build/fuzz-out/, the working corpus (seeds copied from fuzz/corpus/<name>
# plus what each run adds; never written back into the source tree) and any
# crash input to build/fuzz-run/<name>/. Prints, per target, executions per
# second and the edges covered (libFuzzer's "cov:") at the end of the run.
#
# Exit status: 0 when no target found anything; 1 when one did (the
# reproducer path and the command that replays it are printed); 2 on a usage
# or build error. Called near the end of .ci/run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${UNDIS_FUZZ_SECONDS:-30}"
jobs=1
build=1
targets=()

check_libfuzzer() {
    local tmp
    command -v "${CC:-clang}" >/dev/null 2>&1 || return 1
    tmp="$(mktemp -d)"
    printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' >"$tmp/t.c"
    if "${CC:-clang}" -fsanitize=fuzzer,address "$tmp/t.c" -o "$tmp/t" >/dev/null 2>&1; then
        rm -rf "$tmp"
        return 0
    fi
    rm -rf "$tmp"
    return 1
}

while [ $# -gt 0 ]; do
    case "$1" in
    --check)
        check_libfuzzer
        exit $?
        ;;
    --seconds)
        seconds="${2:?--seconds needs a number}"
        shift 2
        ;;
    --jobs)
        jobs="${2:?--jobs needs a number}"
        shift 2
        ;;
    --no-build)
        build=0
        shift
        ;;
    -h | --help)
        sed -n '2,20p' "${BASH_SOURCE[0]}"
        exit 0
        ;;
    -*)
        echo "run-bounded.sh: unknown option $1 (see --help)" >&2
        exit 2
        ;;
    *)
        targets+=("$1")
        shift
        ;;
    esac
done
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
    echo "run-bounded.sh: --seconds wants a positive whole number, not '$seconds'" >&2
    exit 2
fi

out="$root/build/fuzz-out"
if [ "$build" -eq 1 ]; then
    if ! check_libfuzzer; then
        echo "run-bounded.sh: ${CC:-clang} cannot link -fsanitize=fuzzer (install clang and libclang-rt-dev)" >&2
        exit 2
    fi
    echo "==> fuzz/build.sh (CC=${CC:-clang}, CFLAGS=-fsanitize=fuzzer-no-link,address,undefined)"
    CC="${CC:-clang}" CXX="${CXX:-clang++}" \
        CFLAGS="-O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
        CXXFLAGS="-fsanitize=address,undefined" \
        LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT="$out" "$root/fuzz/build.sh" || exit 2
fi
if [ "${#targets[@]}" -eq 0 ]; then
    for f in "$out"/fuzz_*; do
        case "$f" in *.dict | *.zip | *.options) continue ;; esac
        [ -x "$f" ] && targets+=("$(basename "$f")")
    done
fi

found=0
summary=()
for t in "${targets[@]}"; do
    name="fuzz_${t#fuzz_}"
    short="${name#fuzz_}"
    bin="$out/$name"
    if [ ! -x "$bin" ]; then
        echo "run-bounded.sh: no binary $bin (built targets: $(ls "$out" | grep -v '\.' | tr '\n' ' '))" >&2
        exit 2
    fi
    work="$root/build/fuzz-run/$short"
    mkdir -p "$work/corpus"
    rm -f "$work"/fuzz-*.log
    args=(-max_total_time="$seconds" -timeout=25 -rss_limit_mb=2560 -print_final_stats=1
        -artifact_prefix="$work/" -jobs="$jobs" -workers="$jobs")
    [ "$jobs" -gt 1 ] || args=("${args[@]:0:5}")
    [ -f "$out/$name.dict" ] && args+=(-dict="$out/$name.dict")
    echo "==> $name for ${seconds}s"
    log="$work/last.log"
    set +e
    # From the work folder: with --jobs, libFuzzer writes fuzz-<n>.log there.
    (cd "$work" && ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
        UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1}" \
        "$bin" "${args[@]}" "$work/corpus" "$root/fuzz/corpus/$short" >"$log" 2>&1)
    rc=$?
    set -e
    logs=("$log")
    if [ "$jobs" -gt 1 ]; then
        logs=("$work"/fuzz-*.log) # one per worker: rates add up, coverage is the best one
    fi
    execs="$(cat "${logs[@]}" | awk '/^stat::average_exec_per_sec:/ { s += $2; n++ } END { if (n) print s }')"
    cov="$(cat "${logs[@]}" | grep -o 'cov: [0-9]*' | cut -d' ' -f2 | sort -n | tail -1)"
    summary+=("$(printf '%-14s %8s exec/s %7s edges' "$name" "${execs:-?}" "${cov:-?}")")
    if [ "$rc" -ne 0 ]; then
        found=1
        echo "run-bounded.sh: $name FOUND something (exit $rc); the end of its log:" >&2
        tail -40 "$log" >&2
        for a in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
            [ -f "$a" ] && echo "  reproducer: $a   replay: $bin $a" >&2
        done
    fi
done
echo "==> fuzz summary (${seconds}s each)"
printf '%s\n' "${summary[@]}"
exit "$found"
