# Test registration helpers.
#
# undis_add_test(<file.c> [LABELS <label>...] [TIMEOUT <seconds>])
#
#   Builds one executable per test source (named after the file, e.g.
#   tests/test_foo.c -> test_foo), linked to undis (and undis_test_support when
#   tests/support/*.c exist), and registers one CTest entry per
#   `TEST_CASE(name)` line found in the file:
#
#       <exe>.<name>   runs   <exe> --run <name>
#
#   Defaults: LABELS unit, TIMEOUT 60. Cases whose name starts with
#   `deliberately_fails` are registered WILL_FAIL. The source is added to
#   CMAKE_CONFIGURE_DEPENDS, so adding a case re-runs configure automatically.
#   An extra entry <exe>.case_list checks that `<exe> --list` prints exactly
#   the cases CMake found, so a case the regex misses cannot go unnoticed.
include_guard(GLOBAL)

set(UNDIS_TEST_DEFAULT_TIMEOUT 60)

# Cross builds (MinGW + Wine): CTest runs test programs through
# CMAKE_CROSSCOMPILING_EMULATOR by itself; the script-mode entries (cmake -P)
# that run a program get it as -DEMULATOR=<program> (empty: run directly).
if(CMAKE_CROSSCOMPILING AND CMAKE_CROSSCOMPILING_EMULATOR)
    set(UNDIS_TEST_EMULATOR "${CMAKE_CROSSCOMPILING_EMULATOR}")
    # Wine creates its prefix ($WINEPREFIX, else ~/.wine) on first use, which
    # takes longer than a test's timeout: do it once, at configure time.
    if(CMAKE_CROSSCOMPILING_EMULATOR MATCHES "wine[^/]*$" AND NOT UNDIS_WINE_READY)
        message(STATUS "undis: preparing the Wine prefix (${CMAKE_CROSSCOMPILING_EMULATOR} wineboot --init; "
                       "WINEPREFIX=$ENV{WINEPREFIX})")
        execute_process(COMMAND ${CMAKE_CROSSCOMPILING_EMULATOR} wineboot --init
            RESULT_VARIABLE _undis_wine_rc OUTPUT_QUIET ERROR_QUIET TIMEOUT 300)
        if(_undis_wine_rc EQUAL 0)
            set(UNDIS_WINE_READY ON CACHE INTERNAL "The Wine prefix was initialised")
        else()
            message(WARNING "undis: '${CMAKE_CROSSCOMPILING_EMULATOR} wineboot --init' failed "
                            "(${_undis_wine_rc}); the tests may time out on first use")
        endif()
    endif()
else()
    set(UNDIS_TEST_EMULATOR "")
endif()
set(_UNDIS_TEST_CHECK_LIST_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/UndisCheckTestList.cmake")

function(undis_add_test file)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "TIMEOUT" "LABELS")
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "undis_add_test: unexpected arguments: ${arg_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT arg_LABELS)
        set(arg_LABELS unit)
    endif()
    if(NOT arg_TIMEOUT)
        set(arg_TIMEOUT ${UNDIS_TEST_DEFAULT_TIMEOUT})
    endif()

    get_filename_component(src "${file}" ABSOLUTE)
    get_filename_component(exe "${src}" NAME_WE)

    add_executable(${exe} "${src}")
    target_include_directories(${exe} PRIVATE "${PROJECT_SOURCE_DIR}/tests")
    if(TARGET undis_test_support)
        target_link_libraries(${exe} PRIVATE undis_test_support)
    endif()
    target_link_libraries(${exe} PRIVATE undis::undis)
    undis_set_warnings(${exe})

    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${src}")

    file(STRINGS "${src}" case_lines REGEX "^[ \t]*TEST_CASE[ \t]*\\([ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*\\)")
    set(cases "")
    foreach(line IN LISTS case_lines)
        string(REGEX REPLACE "^[ \t]*TEST_CASE[ \t]*\\([ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*\\).*$" "\\1" name "${line}")
        list(APPEND cases "${name}")
    endforeach()
    if(NOT cases)
        message(WARNING "undis_add_test: no TEST_CASE(...) lines found in ${file}")
    endif()

    foreach(name IN LISTS cases)
        add_test(NAME ${exe}.${name} COMMAND ${exe} --run ${name})
        set_tests_properties(${exe}.${name} PROPERTIES
            TIMEOUT ${arg_TIMEOUT}
            LABELS "${arg_LABELS}")
        if(name MATCHES "^deliberately_fails")
            set_tests_properties(${exe}.${name} PROPERTIES WILL_FAIL TRUE)
        endif()
    endforeach()

    list(JOIN cases "," cases_csv)
    add_test(NAME ${exe}.case_list
        COMMAND "${CMAKE_COMMAND}" "-DEXE=$<TARGET_FILE:${exe}>" "-DEXPECTED=${cases_csv}"
                "-DEMULATOR=${UNDIS_TEST_EMULATOR}"
                -P "${_UNDIS_TEST_CHECK_LIST_SCRIPT}")
    set_tests_properties(${exe}.case_list PROPERTIES
        TIMEOUT ${arg_TIMEOUT}
        LABELS "${arg_LABELS}")
endfunction()
