#!/bin/bash -eu
# fuzz/build.sh - build every libFuzzer target of fuzz/ into $OUT.
#
# Called the way OSS-Fuzz and ClusterFuzzLite call a project's build script:
#
#   CC=clang CFLAGS=-fsanitize=fuzzer-no-link,address \
#   LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT=/tmp/out fuzz/build.sh
#
# It reads only CC, CXX, CFLAGS, CXXFLAGS, LIB_FUZZING_ENGINE and OUT, and
# compiles the library's sources directly (every src/**/*.c, wherever they
# sit under src/, save src/platform/win32.c), the test support
# (tests/support/*.c: the flat-buffer model and the layouts), the parts of
# the undis tool that are fuzzed (its capture reader and writer and its
# link-type conversions: tools/undis/capfile.c, linktype.c) and each
# fuzz/fuzz_<name>.c, then links one binary per target: $OUT/fuzz_<name>.
# Next to each binary it puts what the
# fuzzing infrastructure picks up by name: fuzz_<name>.dict (the protocol
# header dictionary) and fuzz_<name>_seed_corpus.zip (fuzz/corpus/<name>/).
# Objects go to a temporary folder; the source tree is not written.
#
# No library beyond libc and the fuzzing engine: the tool reads captures
# with its own code, not libpcap.

: "${CC:=clang}"
: "${CFLAGS:=}"
: "${CXXFLAGS:=}"
: "${LIB_FUZZING_ENGINE:=-fsanitize=fuzzer}"
: "${OUT:?OUT must name the folder for the fuzzer binaries}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
obj="$(mktemp -d "${TMPDIR:-/tmp}/undis-fuzz-build.XXXXXX")"
trap 'rm -rf "$obj"' EXIT
mkdir -p "$OUT"

# The library's own include folders: include/, src/ and every folder under it.
incs=(-I"$root/include")
while IFS= read -r d; do
    incs+=(-I"$d")
done < <(find "$root/src" -type d | sort)

# UNDIS_DEBUG=1: undis's internal asserts are on (a finding, not a crash later).
# shellcheck disable=SC2206  # CFLAGS is a list of flags, split on purpose
cflags=($CFLAGS -std=c11 -g -pthread -DUNDIS_DEBUG=1 -D_DEFAULT_SOURCE)

compile_all() { # <archive> <source>... (include flags in the global array extra)
    local archive="$1"
    shift
    local objs=()
    for src in "$@"; do
        local o
        o="$obj/$(echo "${src#"$root"/}" | tr '/' '_').o"
        "$CC" "${cflags[@]}" "${incs[@]}" "${extra[@]}" -c "$src" -o "$o"
        objs+=("$o")
    done
    ar rcs "$archive" "${objs[@]}"
}

# src/platform/ holds one file per operating system behind platform.h (as in
# CMakeLists.txt); OSS-Fuzz and ClusterFuzzLite build on Linux: posix.c.
mapfile -t lib_sources < <(find "$root/src" -name '*.c' ! -path "$root/src/platform/win32.c" | sort)
if [ "${#lib_sources[@]}" -eq 0 ]; then
    echo "fuzz/build.sh: no library sources under $root/src" >&2
    exit 1
fi
extra=()
compile_all "$obj/libundis.a" "${lib_sources[@]}"
extra=(-I"$root/tests")
compile_all "$obj/libsupport.a" "$root"/tests/support/*.c
extra=(-I"$root/tools/undis")
compile_all "$obj/libtool.a" "$root/tools/undis/capfile.c" "$root/tools/undis/linktype.c"

# Link with the C++ driver when there is one (libFuzzer and the other
# engines are C++); clang alone links libFuzzer's runtime too.
link="${CXX:-$CC}"
# shellcheck disable=SC2206
link_flags=(${CXXFLAGS:-$CFLAGS})
# shellcheck disable=SC2206
engine=($LIB_FUZZING_ENGINE)

built=()
for src in "$root"/fuzz/fuzz_*.c; do
    name="$(basename "$src" .c)"
    short="${name#fuzz_}"
    extra=(-I"$root/tests" -I"$root/fuzz" -I"$root/tools/undis")
    "$CC" "${cflags[@]}" "${incs[@]}" "${extra[@]}" -c "$src" -o "$obj/$name.o"
    "$link" "${link_flags[@]}" "${engine[@]}" -pthread "$obj/$name.o" \
        "$obj/libtool.a" "$obj/libsupport.a" "$obj/libundis.a" -ldl -o "$OUT/$name"
    if [ -f "$root/fuzz/$short.dict" ]; then
        cp "$root/fuzz/$short.dict" "$OUT/$name.dict"
    fi
    if [ -d "$root/fuzz/corpus/$short" ] && command -v zip >/dev/null 2>&1; then
        rm -f "$OUT/${name}_seed_corpus.zip"
        (cd "$root/fuzz/corpus/$short" && zip -q -j "$OUT/${name}_seed_corpus.zip" ./*)
    fi
    built+=("$name")
done
echo "fuzz/build.sh: built ${built[*]} in $OUT"
