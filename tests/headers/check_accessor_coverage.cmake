# Script mode:
#   cmake -DHEADER=<include/ndis/nblaccessors.h> -DTEST_SOURCE=<accessors.c>
#         -P check_accessor_coverage.cmake
#
# Fails unless every macro nblaccessors.h defines (other than undis's own
# UNDIS_* ones) is named in TEST_SOURCE, so that an accessor added to the
# header cannot go untested.
foreach(var HEADER TEST_SOURCE)
    if(NOT EXISTS "${${var}}")
        message(FATAL_ERROR "${var} '${${var}}' does not exist")
    endif()
endforeach()

file(STRINGS "${HEADER}" define_lines REGEX "^#[ \t]*define[ \t]+[A-Za-z_]")
file(READ "${TEST_SOURCE}" test_text)

set(macros "")
set(missing "")
foreach(line IN LISTS define_lines)
    string(REGEX REPLACE "^#[ \t]*define[ \t]+([A-Za-z_][A-Za-z0-9_]*).*$" "\\1" name "${line}")
    if(name MATCHES "^UNDIS_")
        continue()
    endif()
    list(APPEND macros "${name}")
    if(NOT test_text MATCHES "(^|[^A-Za-z0-9_])${name}([^A-Za-z0-9_]|$)")
        list(APPEND missing "${name}")
    endif()
endforeach()

list(LENGTH macros count)
if(count EQUAL 0)
    message(FATAL_ERROR "no macros found in ${HEADER}")
endif()
if(missing)
    list(JOIN missing "\n  " missing_text)
    message(FATAL_ERROR "accessor macros of ${HEADER} not exercised by ${TEST_SOURCE}:\n  ${missing_text}")
endif()
message(STATUS "all ${count} macros of ${HEADER} are exercised")
