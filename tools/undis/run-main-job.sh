#!/usr/bin/env sh
# The main job on a fresh machine: make sure libpcap's development package is
# there (installing it with apt-get when run as root on Debian/Ubuntu, or
# saying exactly what to install), build undis (release preset) and run
# `undis` with no arguments: the bundled sample capture through
# vlan-tag:100 vxlan-encap vxlan-decap vlan-untag, every frame checked, the
# report printed. Extra arguments go to `undis run --main-job`.
set -eu

cd "$(dirname "$0")/../.."

have_pcap() {
    for dir in /usr/include /usr/local/include /opt/homebrew/include; do
        [ -f "$dir/pcap/pcap.h" ] && return 0
    done
    return 1
}

if ! have_pcap; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "==> installing libpcap-dev (reads and writes the captures)"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpcap-dev
    else
        echo "error: libpcap's development files are missing. Install them, then run this again:" >&2
        echo "    Debian/Ubuntu:  sudo apt-get install -y libpcap-dev" >&2
        echo "    Fedora:         sudo dnf install libpcap-devel" >&2
        exit 1
    fi
fi

cmake --preset release >/dev/null
cmake --build --preset release --target undis_cli --parallel >/dev/null
if [ "$#" -eq 0 ]; then
    exec ./build/release/undis
fi
exec ./build/release/undis run --main-job "$@"
