#!/bin/sh
# CMAKE_CROSSCOMPILING_EMULATOR of the MinGW toolchain files: runs one
# Windows program under Wine, for CTest.
#
# Wine's first program of a session starts wineserver and Wine's own
# services (services.exe, explorer.exe, ...), which inherit that program's
# stdout and stderr and keep them open long after it has exited: CTest, which
# waits for the end of a test's output, would see that test time out. So when
# no wineserver runs for this prefix, one is started here first, with the
# services' output detached, and kept 60 s after its last program.
prefix=${WINEPREFIX:-$HOME/.wine}
running=no
if [ -d "$prefix" ]; then
    # The server's socket: <tmp>/.wine-<uid>/ or <tmp>/wine-XXXXXX/ (Debian),
    # then server-<device>-<inode of the prefix>/socket.
    server=$(printf 'server-%x-%x' "$(stat -c %d "$prefix")" "$(stat -c %i "$prefix")")
    for sock in "/tmp/.wine-$(id -u)/$server/socket" /tmp/wine-*/"$server"/socket; do
        if [ -S "$sock" ]; then
            running=yes
        fi
    done
fi
if [ "$running" = no ]; then
    wineserver -p60 </dev/null >/dev/null 2>&1
    wine cmd /c exit 0 </dev/null >/dev/null 2>&1
fi
exec wine "$@"
