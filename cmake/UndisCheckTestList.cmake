# Script mode: cmake -DEXE=<test exe> -DEXPECTED=<a,b,c> [-DEMULATOR=<wine>] -P UndisCheckTestList.cmake
#
# Fails unless `<EXE> --list` prints exactly the comma-separated EXPECTED case
# names (in order), i.e. unless the TEST_CASE lines CMake registered match the
# case table compiled into the executable.
execute_process(COMMAND ${EMULATOR} "${EXE}" --list
    RESULT_VARIABLE rc
    OUTPUT_VARIABLE out
    ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "'${EXE} --list' failed (${rc}): ${err}")
endif()
string(REPLACE "\r" "" out "${out}")
string(STRIP "${out}" out)
string(REPLACE "\n" "," actual "${out}")
if(NOT actual STREQUAL EXPECTED)
    message(FATAL_ERROR "test case list mismatch for ${EXE}\n"
        "  registered with CTest: ${EXPECTED}\n"
        "  compiled into binary:  ${actual}\n"
        "Put each TEST_CASE(name) on its own line between TEST_MAIN_BEGIN and TEST_MAIN_END.")
endif()
message(STATUS "case list ok: ${actual}")
