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
# clang links this build's libundis.a as it is: not when it is sanitized
# (another compiler's runtime), 32-bit or for another system.
if(UNDIS_SANITIZE OR CMAKE_CROSSCOMPILING OR NOT CMAKE_SIZEOF_VOID_P EQUAL 8
   OR CMAKE_C_FLAGS MATCHES "-m32")
    message(STATUS "undis: undis-fuzz-driver is not built in this configuration (sanitized, "
        "32-bit or cross); the dev preset builds it")
elseif(UNDIS_FUZZ_CLANG AND UNDIS_FUZZ_CLANG_LIBFUZZER)
    set(_fz_ok ON)
    message(STATUS "undis: ${UNDIS_FUZZ_CLANG} links libFuzzer: building undis-fuzz-driver")
else()
    message(STATUS "undis: no clang with libFuzzer: `undis fuzz` is built but has no runner "
        "(install clang and libclang-rt-14-dev, then configure again)")
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

# Each planted bug, replayed from the seed that reaches it (the same inputs
# are in fuzz/corpus/host_passthru/, where the example filter plays them
# clean), and the bug-free copy on the same input.
set(_seeds "${_fz}/corpus/host_passthru")
set(_t_1 seed-receive-runt "CRASH: signal 11 .* in the driver's FilterReceiveNetBufferLists")
set(_t_2 seed-send-ipv6-two-nbs "HOST_NBL_NOT_OUTSTANDING.*FOUND: a report")
set(_t_3 seed-send-lso-two-nbs "NBL_NOT_RESTORED in undis_nbl_expect_restored.*retreat:default.*FOUND")
set(_t_4 seed-receive-resources-arp "HOST_KEPT_PAST_RESOURCES.*FOUND: a report")
foreach(_bug 1 2 3 4)
    list(GET _t_${_bug} 0 _seed)
    list(GET _t_${_bug} 1 _expect)
    add_test(NAME tool.undis_replay_planted_${_bug}
        COMMAND undis_cli run --replay "${_seeds}/${_seed}" --driver $<TARGET_FILE:undis_planted_${_bug}>)
    set_tests_properties(tool.undis_replay_planted_${_bug} PROPERTIES LABELS tool TIMEOUT 60
        PASS_REGULAR_EXPRESSION "${_expect}")
    add_test(NAME tool.undis_replay_planted_none_${_bug}
        COMMAND undis_cli run --replay "${_seeds}/${_seed}" --driver $<TARGET_FILE:undis_planted_0>:filter)
    set_tests_properties(tool.undis_replay_planted_none_${_bug} PROPERTIES LABELS tool TIMEOUT 60
        PASS_REGULAR_EXPRESSION "replay: no finding")
endforeach()
add_test(NAME tool.undis_replay_usage COMMAND undis_cli run --replay "${_seeds}/seed-life")
set_tests_properties(tool.undis_replay_usage PROPERTIES LABELS tool TIMEOUT 60
    PASS_REGULAR_EXPRESSION "usage: undis run --replay FILE --driver")
add_test(NAME tool.undis_replay_role_not_hosted
    COMMAND undis_cli run --replay "${_seeds}/seed-life" --driver $<TARGET_FILE:undis_planted_0>:protocol)
set_tests_properties(tool.undis_replay_role_not_hosted PROPERTIES LABELS tool TIMEOUT 60
    PASS_REGULAR_EXPRESSION "role 'protocol' is not hosted yet")

# The per-site sweep: the example recovers everywhere; the leak and the
# crash planted on error paths are found, with the site and the handler.
add_test(NAME tool.undis_fail_each_site_passthru
    COMMAND undis_cli run --fail-each-site --driver $<TARGET_FILE:undis_driver_passthru>)
set_tests_properties(tool.undis_fail_each_site_passthru PROPERTIES LABELS tool TIMEOUT 120
    PASS_REGULAR_EXPRESSION "learning run \\(no site failing\\): [1-9][0-9]* site.*every site recovered cleanly")
# The other filter examples recover everywhere too. devctl_filter once read
# its chains after handing them back (a crash the sweep found in its receive).
foreach(_ex devctl filter_vlan_ok tunnel_send_ok)
    if(TARGET undis_driver_${_ex})
        add_test(NAME tool.undis_fail_each_site_${_ex}
            COMMAND undis_cli run --fail-each-site --driver $<TARGET_FILE:undis_driver_${_ex}>)
        set_tests_properties(tool.undis_fail_each_site_${_ex} PROPERTIES LABELS tool TIMEOUT 180
            PASS_REGULAR_EXPRESSION "learning run \\(no site failing\\): [1-9][0-9]* site.*every site recovered cleanly")
    endif()
endforeach()
add_test(NAME tool.undis_fail_each_site_planted_leak
    COMMAND undis_cli run --fail-each-site --driver $<TARGET_FILE:undis_planted_5>)
set_tests_properties(tool.undis_fail_each_site_planted_leak PROPERTIES LABELS tool TIMEOUT 120
    PASS_REGULAR_EXPRESSION "PassthruMakeProbe[^\n]*\n[^\n]*PassthruAttach[^\n]*\n[^\n]*\n[^\n]*\n *-> LEAKED 1 object")
add_test(NAME tool.undis_fail_each_site_planted_crash
    COMMAND undis_cli run --fail-each-site --driver $<TARGET_FILE:undis_planted_6>)
set_tests_properties(tool.undis_fail_each_site_planted_crash PROPERTIES LABELS tool TIMEOUT 120
    PASS_REGULAR_EXPRESSION "PassthruOidRequest[^\n]*\n[^\n]*\n[^\n]*\n[^\n]*\n *-> CRASHED: [^\n]* in the driver's FilterOidRequest")
add_test(NAME tool.undis_fail_each_site_scenario_file
    COMMAND undis_cli run --fail-each-site --driver $<TARGET_FILE:undis_planted_0>
            --scenario "${_seeds}/seed-send-ipv6-two-nbs" --max-runs 3)
set_tests_properties(tool.undis_fail_each_site_scenario_file PROPERTIES LABELS tool TIMEOUT 120
    PASS_REGULAR_EXPRESSION "seed-send-ipv6-two-nbs.*3 run\\(s\\)")

# `undis fuzz`: without a runner it says how to get one; with one, it finds
# the runt bug from an empty corpus and says how to replay the finding.
add_test(NAME tool.undis_fuzz_no_runner
    COMMAND undis_cli fuzz --driver $<TARGET_FILE:undis_planted_1> --runner /nonexistent/runner)
set_tests_properties(tool.undis_fuzz_no_runner PROPERTIES LABELS tool TIMEOUT 60
    PASS_REGULAR_EXPRESSION "no undis-fuzz-driver")
if(_fz_ok)
    set(_w "${CMAKE_BINARY_DIR}/fuzz-test")
    add_test(NAME tool.undis_fuzz_finds_planted_1
        COMMAND sh -c "rm -rf '${_w}' && mkdir -p '${_w}' && cd '${_w}' && \"$0\" fuzz --driver \"$1\" --seconds 120 --seed 1"
            $<TARGET_FILE:undis_cli> "${PROJECT_BINARY_DIR}/planted_1_cov.so")
    set_tests_properties(tool.undis_fuzz_finds_planted_1 PROPERTIES LABELS tool TIMEOUT 180
        PASS_REGULAR_EXPRESSION "FINDING saved as undis-fuzz-findings/crash-.*replay: .*undis run --replay")
endif()
