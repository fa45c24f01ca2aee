#!/usr/bin/env sh
# The main job on a fresh machine: make sure libpcap's development package is
# there (installing it with apt-get when run as root on Debian/Ubuntu, waiting
# for another apt-get or dpkg to let go of the lock, or saying exactly what to
# install), build undis (release preset) showing the build's progress, and run
# `undis` with no arguments: the bundled sample capture through
# vlan-tag:100 vxlan-encap vxlan-decap vlan-untag, every frame checked, the
# report printed. Extra arguments go to `undis run --main-job`.
#
# UNDIS_APT_WAIT: seconds to wait for a busy apt/dpkg lock (default 300).
set -eu

cd "$(dirname "$0")/../.."
APT_WAIT="${UNDIS_APT_WAIT:-300}"

have_pcap() {
    for dir in /usr/include /usr/local/include /opt/homebrew/include; do
        [ -f "$dir/pcap/pcap.h" ] && return 0
    done
    return 1
}

# Runs apt-get "$@", retrying while another package manager holds the lock,
# for at most APT_WAIT seconds in all.
apt_get() {
    waited=0
    while :; do
        if DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=10 "$@" \
            >/tmp/undis-apt.$$ 2>&1; then
            rm -f /tmp/undis-apt.$$
            return 0
        fi
        if ! grep -qi "lock" /tmp/undis-apt.$$; then
            cat /tmp/undis-apt.$$ >&2
            rm -f /tmp/undis-apt.$$
            return 1
        fi
        waited=$((waited + 10))
        if [ "$waited" -ge "$APT_WAIT" ]; then
            echo "error: another apt-get or dpkg has held the package lock for ${APT_WAIT} s;" >&2
            echo "       let it finish (or set UNDIS_APT_WAIT=SECONDS) and run this again." >&2
            rm -f /tmp/undis-apt.$$
            return 1
        fi
        echo "==> waiting for another apt-get/dpkg to release the lock (${waited}/${APT_WAIT} s)"
    done
}

if ! have_pcap; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "==> installing libpcap-dev (reads and writes the captures)"
        apt_get update -qq
        apt_get install -y -qq libpcap-dev
    else
        echo "error: libpcap's development files are missing. Install them, then run this again:" >&2
        echo "    Debian/Ubuntu:  sudo apt-get install -y libpcap-dev" >&2
        echo "    Fedora:         sudo dnf install libpcap-devel" >&2
        exit 1
    fi
fi

echo "==> configuring (cmake --preset release)"
if ! cmake --preset release >/tmp/undis-configure.$$ 2>&1; then
    cat /tmp/undis-configure.$$ >&2
    rm -f /tmp/undis-configure.$$
    exit 1
fi
grep -E "^-- (undis|Build files)" /tmp/undis-configure.$$ || true
rm -f /tmp/undis-configure.$$
echo "==> building undis (cmake --build --preset release --target undis_cli)"
cmake --build --preset release --target undis_cli --parallel
echo "==> running build/release/undis"
if [ "$#" -eq 0 ]; then
    exec ./build/release/undis
fi
exec ./build/release/undis run --main-job "$@"
