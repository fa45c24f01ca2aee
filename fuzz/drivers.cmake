# fuzz/drivers.cmake (included from tools/undis/CMakeLists.txt): driver
# fuzzing around the `undis` command (POSIX, with libpcap, gcc or clang).
#
# - fuzz/planted/planted_filter.c built as planted_<n>.so, n = 0..5 (0: no
#   bug; docs/fuzzing.md lists the bugs), a driver shared object as
#   docs/host.md builds one;
# - with clang able to link libFuzzer: undis-fuzz-driver beside `undis`
#   (the runner of `undis fuzz`: clang links fuzz/undis_fuzz_driver.c with
#   this build's libundis.a, exported) and planted_<n>_cov.so, the same
#   drivers built with clang -fsanitize=fuzzer-no-link,address (coverage);
# - share/undis/driver.dict, the dictionary `undis fuzz` gives libFuzzer;
# - the tests: `undis run --fail-each-site` and `--replay` on the planted
#   drivers and on the example.
if(NOT (UNDIS_HAVE_PCAP AND NOT WIN32 AND CMAKE_C_COMPILER_ID MATCHES "GNU|Clang"))
    return()
endif()
set(_fz "${PROJECT_SOURCE_DIR}/fuzz")
configure_file("${_fz}/driver.dict" "${PROJECT_BINARY_DIR}/share/undis/driver.dict" COPYONLY)
install(FILES "${_fz}/driver.dict" DESTINATION "${CMAKE_INSTALL_DATADIR}/undis")

foreach(_bug 0 1 2 3 4 5 6)
    add_library(undis_planted_${_bug} MODULE "${_fz}/planted/planted_filter.c")
    set_target_properties(undis_planted_${_bug} PROPERTIES
        PREFIX "" OUTPUT_NAME planted_${_bug} LIBRARY_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}")
    target_include_directories(undis_planted_${_bug} PRIVATE "${PROJECT_SOURCE_DIR}/include")
    target_compile_options(undis_planted_${_bug} PRIVATE -Wall -Wextra -Werror -Wno-multichar)
    target_compile_definitions(undis_planted_${_bug} PRIVATE NDIS630=1 NDIS_WDM=1 PLANTED_BUG=${_bug})
endforeach()

# clang and libFuzzer: found once at configure time (a C file linked).
find_program(UNDIS_FUZZ_CLANG NAMES clang clang-14 clang-15 clang-16)
set(_fz_ok OFF)
if(UNDIS_FUZZ_CLANG AND NOT DEFINED UNDIS_FUZZ_CLANG_LIBFUZZER)
    file(WRITE "${CMAKE_BINARY_DIR}/fuzzcheck/t.c"
        "#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n")
    execute_process(COMMAND "${UNDIS_FUZZ_CLANG}" -fsanitize=fuzzer,address
        "${CMAKE_BINARY_DIR}/fuzzcheck/t.c" -o "${CMAKE_BINARY_DIR}/fuzzcheck/t"
        RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_QUIET)
    if(_rc EQUAL 0)
        set(UNDIS_FUZZ_CLANG_LIBFUZZER ON CACHE INTERNAL "clang links libFuzzer")
    else()
        set(UNDIS_FUZZ_CLANG_LIBFUZZER OFF CACHE INTERNAL "clang links libFuzzer")
    endif()
endif()
if(UNDIS_FUZZ_CLANG AND UNDIS_FUZZ_CLANG_LIBFUZZER)
    set(_fz_ok ON)
    message(STATUS "undis: ${UNDIS_FUZZ_CLANG} links libFuzzer: building undis-fuzz-driver")
else()
    message(STATUS "undis: no clang with libFuzzer: `undis fuzz` is built but has no runner "
        "(install clang and libclang-rt-dev, or use the fuzz preset's)")
endif()

if(_fz_ok)
    set(_runner "${PROJECT_BINARY_DIR}/undis-fuzz-driver")
    set(_san -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined)
    add_custom_command(OUTPUT "${_runner}"
        COMMAND "${UNDIS_FUZZ_CLANG}" -std=c11 -g -O1 ${_san} -D_DEFAULT_SOURCE
            -I "${PROJECT_SOURCE_DIR}/include" -I "${PROJECT_SOURCE_DIR}/tools/undis"
            "${_fz}/undis_fuzz_driver.c" "${PROJECT_SOURCE_DIR}/tools/undis/driver_so.c"
            -rdynamic -Wl,--whole-archive $<TARGET_FILE:undis> -Wl,--no-whole-archive
            -pthread -ldl -o "${_runner}"
        DEPENDS undis "${_fz}/undis_fuzz_driver.c" "${PROJECT_SOURCE_DIR}/tools/undis/driver_so.c"
            "${PROJECT_SOURCE_DIR}/tools/undis/driver_so.h"
        COMMENT "undis-fuzz-driver: the libFuzzer runner of undis fuzz (clang)" VERBATIM)
    set(_cov_outputs "${_runner}")
    foreach(_bug 0 1 2 3 4 5 6)
        set(_so "${PROJECT_BINARY_DIR}/planted_${_bug}_cov.so")
        add_custom_command(OUTPUT "${_so}"
            COMMAND "${UNDIS_FUZZ_CLANG}" -shared -fPIC -g -O1 -fsanitize=fuzzer-no-link,address
                -I "${PROJECT_SOURCE_DIR}/include" -DNDIS630=1 -DNDIS_WDM=1 -DPLANTED_BUG=${_bug}
                -Wno-multichar "${_fz}/planted/planted_filter.c" -o "${_so}"
            DEPENDS "${_fz}/planted/planted_filter.c"
            COMMENT "planted_${_bug}_cov.so (clang, coverage for libFuzzer)" VERBATIM)
        list(APPEND _cov_outputs "${_so}")
    endforeach()
    add_custom_target(undis_fuzz_runner ALL DEPENDS ${_cov_outputs})
    install(PROGRAMS "${_runner}" DESTINATION "${CMAKE_INSTALL_LIBEXECDIR}/undis")
endif()

if(NOT UNDIS_BUILD_TESTS)
    return()
endif()
