# Shared part of toolchain-mingw-x64.cmake and toolchain-mingw-x86.cmake:
# they set UNDIS_MINGW_TRIPLE and include this file.
#
# Compilers: <triple>-gcc / <triple>-g++ (the POSIX-threads variant when
# Debian's alternatives offer both; either works, undis uses Win32 threads
# on Windows). Tests: CMAKE_CROSSCOMPILING_EMULATOR is Wine when found, so
# CTest runs every test program under it; without Wine the build still
# works and the tests cannot run.
if(NOT UNDIS_MINGW_TRIPLE)
    message(FATAL_ERROR "toolchain-mingw-common.cmake: include it from toolchain-mingw-x64/x86.cmake")
endif()

set(CMAKE_SYSTEM_NAME Windows)
if(UNDIS_MINGW_TRIPLE MATCHES "^x86_64")
    set(CMAKE_SYSTEM_PROCESSOR AMD64)
else()
    set(CMAKE_SYSTEM_PROCESSOR x86)
endif()

find_program(UNDIS_MINGW_CC NAMES ${UNDIS_MINGW_TRIPLE}-gcc-posix ${UNDIS_MINGW_TRIPLE}-gcc)
find_program(UNDIS_MINGW_CXX NAMES ${UNDIS_MINGW_TRIPLE}-g++-posix ${UNDIS_MINGW_TRIPLE}-g++)
find_program(UNDIS_MINGW_RC NAMES ${UNDIS_MINGW_TRIPLE}-windres)
if(NOT UNDIS_MINGW_CC OR NOT UNDIS_MINGW_CXX)
    message(FATAL_ERROR "no ${UNDIS_MINGW_TRIPLE}-gcc / -g++ found "
        "(Debian: apt-get install gcc-mingw-w64 g++-mingw-w64)")
endif()
set(CMAKE_C_COMPILER "${UNDIS_MINGW_CC}")
set(CMAKE_CXX_COMPILER "${UNDIS_MINGW_CXX}")
if(UNDIS_MINGW_RC)
    set(CMAKE_RC_COMPILER "${UNDIS_MINGW_RC}")
endif()

# Static runtime: the .exe files run under Wine without the MinGW DLLs
# (libgcc_s, libstdc++, libwinpthread) on its path.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

# Look for libraries and headers in the MinGW sysroot only (not the host's:
# no host libpcap or DPDK in a Windows build); programs come from the host.
set(CMAKE_FIND_ROOT_PATH "/usr/${UNDIS_MINGW_TRIPLE}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# CMake packages: also outside the sysroot (an undis installed into some
# prefix for this target, as tests/install does, is found there).
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
# pkg-config must not report the host's .pc files either.
set(ENV{PKG_CONFIG_LIBDIR} "/usr/${UNDIS_MINGW_TRIPLE}/lib/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")

# Wine, through cmake/undis-wine.sh (which starts Wine's server and services
# away from CTest's output pipes before the first test).
find_program(UNDIS_WINE NAMES wine)
if(UNDIS_WINE)
    set(CMAKE_CROSSCOMPILING_EMULATOR "${CMAKE_CURRENT_LIST_DIR}/undis-wine.sh")
endif()
