# NdisGetRoutineAddress's table (src/kernel/rt_routines.c): every function
# docs/compat-functions.txt lists as "real" or "host" becomes a row
# {name, address} of a generated C file compiled into libundis, so that the
# table and the list cannot drift apart (tests/test_rt_routines.c checks
# each row of the list against NdisGetRoutineAddress).
#
# In: UNDIS_ROUTINE_LIST (the list's path), UNDIS_ROUTINE_TABLE (the C file
# to write). Out: the file, rewritten only when its text changes.
file(STRINGS "${UNDIS_ROUTINE_LIST}" _rows REGEX "^[A-Za-z]")
set(_entries "")
foreach(_row IN LISTS _rows)
    string(REGEX MATCH "^([A-Za-z0-9_]+)[ ]+[A-Za-z0-9_]+[ ]+([a-z]+)" _ "${_row}")
    set(_name "${CMAKE_MATCH_1}")
    if(_name STREQUAL "" OR NOT CMAKE_MATCH_2 MATCHES "^(real|host)$")
        continue()
    endif()
    if(_name MATCHES "^RtlIpv")
        # Windows: ntdll's (the SDK declares them; undis does not define them).
        string(APPEND _entries "#if !UNDIS_HAVE_WINNT\n    ROW(${_name}),\n#endif\n")
    else()
        string(APPEND _entries "    ROW(${_name}),\n")
    endif()
endforeach()
set(_text "/* Generated from docs/compat-functions.txt by cmake/UndisRoutineTable.cmake. */
#include \"kernel/rt_internal.h\"

#include <ndis.h>
#if !UNDIS_HAVE_WINNT
#    include <ndis/ip2string.h>
#endif

#define ROW(name) { #name, (void (*)(void))name }

const struct undis__routine undis__routines[] = {
${_entries}};
const size_t undis__routine_count = sizeof(undis__routines) / sizeof(undis__routines[0]);
")
if(EXISTS "${UNDIS_ROUTINE_TABLE}")
    file(READ "${UNDIS_ROUTINE_TABLE}" _old)
else()
    set(_old "")
endif()
if(NOT _old STREQUAL _text)
    file(WRITE "${UNDIS_ROUTINE_TABLE}" "${_text}")
endif()
