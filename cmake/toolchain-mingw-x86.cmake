# Cross build for 32-bit Windows with MinGW-w64 (Debian: gcc-mingw-w64-i686,
# g++-mingw-w64-i686); the test programs run through Wine (wine32).
#
#   cmake --preset mingw-x86     (or -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-mingw-x86.cmake)
set(UNDIS_MINGW_TRIPLE i686-w64-mingw32)
include("${CMAKE_CURRENT_LIST_DIR}/toolchain-mingw-common.cmake")
