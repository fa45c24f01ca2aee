# `undis compat` (libclang + libxml2) and `undis wpp` (no dependency): the
# sources of both, and undis_compat_link(<target>) for the libraries.
# Without libclang or libxml2, `undis compat` says so and exits 2; `undis wpp`
# is always built.
set(UNDIS_COMPAT_SOURCES compat_util.c wpp_gen.c wpp_main.c)

file(GLOB _undis_llvm_dirs LIST_DIRECTORIES true /usr/lib/llvm-* /usr/local/opt/llvm /opt/homebrew/opt/llvm)
list(SORT _undis_llvm_dirs ORDER DESCENDING)
set(_undis_llvm_include_hints "")
set(_undis_llvm_lib_hints "")
foreach(_d IN LISTS _undis_llvm_dirs)
    list(APPEND _undis_llvm_include_hints "${_d}/include")
    list(APPEND _undis_llvm_lib_hints "${_d}/lib")
endforeach()
find_path(UNDIS_LIBCLANG_INCLUDE_DIR NAMES clang-c/Index.h HINTS ${_undis_llvm_include_hints})
find_library(UNDIS_LIBCLANG_LIBRARY NAMES clang libclang HINTS ${_undis_llvm_lib_hints})
find_package(LibXml2 QUIET)

# Found is not enough: a -m32 or cross build finds the host's 64-bit
# libraries, which it cannot link. Link a call of each to be sure.
set(_undis_compat_links OFF)
if(UNDIS_LIBCLANG_INCLUDE_DIR AND UNDIS_LIBCLANG_LIBRARY AND LibXml2_FOUND)
    include(CheckCSourceCompiles)
    include(CMakePushCheckState)
    cmake_push_check_state(RESET)
    set(CMAKE_REQUIRED_INCLUDES "${UNDIS_LIBCLANG_INCLUDE_DIR}" ${LIBXML2_INCLUDE_DIRS})
    set(CMAKE_REQUIRED_LIBRARIES "${UNDIS_LIBCLANG_LIBRARY}" ${LIBXML2_LIBRARIES})
    set(CMAKE_REQUIRED_QUIET ON)
    check_c_source_compiles("#include <clang-c/Index.h>\n#include <libxml/parser.h>\nint main(void) { CXIndex i = clang_createIndex(0, 0); xmlDocPtr d = xmlReadMemory(\"<a/>\", 4, 0, 0, 0); clang_disposeIndex(i); xmlFreeDoc(d); return 0; }\n"
        UNDIS_COMPAT_LIBS_LINK)
    cmake_pop_check_state()
    set(_undis_compat_links ${UNDIS_COMPAT_LIBS_LINK})
    if(NOT UNDIS_COMPAT_LIBS_LINK)
        message(STATUS "undis: libclang and libxml2 were found but do not link for this target "
                       "(a -m32 or cross build finds the host's): `undis compat` is built to say so")
    endif()
endif()

if(_undis_compat_links)
    set(UNDIS_HAVE_COMPAT ON)
    message(STATUS "undis: libclang (${UNDIS_LIBCLANG_LIBRARY}) and libxml2 found: building `undis compat`")
    list(APPEND UNDIS_COMPAT_SOURCES compat_main.c compat_report.c compat_clang.c compat_gcc.c compat_tree.c compat_names.c
        compat_vcxproj.c compat_repo.c)
else()
    set(UNDIS_HAVE_COMPAT OFF)
    if(NOT (UNDIS_LIBCLANG_INCLUDE_DIR AND UNDIS_LIBCLANG_LIBRARY AND LibXml2_FOUND))
    message(WARNING
        "undis: `undis compat` needs libclang and libxml2, and "
        "${UNDIS_LIBCLANG_INCLUDE_DIR} ${UNDIS_LIBCLANG_LIBRARY} LibXml2_FOUND=${LibXml2_FOUND} "
        "is not both: the command is built to say so, and its tests are not registered.\n"
        "Install them and configure again:\n"
        "    Debian/Ubuntu:  apt-get install -y libclang-dev libxml2-dev\n"
        "    Fedora:         dnf install clang-devel libxml2-devel\n")
    endif()
    list(APPEND UNDIS_COMPAT_SOURCES compat_none.c)
endif()
set(UNDIS_HAVE_COMPAT ${UNDIS_HAVE_COMPAT} PARENT_SCOPE)

function(undis_compat_link target)
    if(UNDIS_HAVE_COMPAT)
        target_include_directories(${target} SYSTEM PRIVATE "${UNDIS_LIBCLANG_INCLUDE_DIR}")
        target_link_libraries(${target} PRIVATE "${UNDIS_LIBCLANG_LIBRARY}" LibXml2::LibXml2)
        target_compile_definitions(${target} PRIVATE
            "UNDIS_COMPAT_INCLUDE=\"${PROJECT_SOURCE_DIR}/include\"")
    endif()
endfunction()
