# Cross build for 64-bit Windows with MinGW-w64 (Debian: gcc-mingw-w64-x86-64,
# g++-mingw-w64-x86-64); the test programs run through Wine.
#
#   cmake --preset mingw-x64     (or -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-mingw-x64.cmake)
set(UNDIS_MINGW_TRIPLE x86_64-w64-mingw32)
include("${CMAKE_CURRENT_LIST_DIR}/toolchain-mingw-common.cmake")
