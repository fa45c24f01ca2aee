# Script mode:
#   cmake -DEXE=<program> -DARGS=<mode> -DEXPECT=<text|text|...> -P expect_report.cmake
#
# The approach of tests/death/expect_abort.cmake, for the verifier's default
# report: runs EXE ARGS and passes only if the program ended abnormally,
# printed "death: advancing" (it reached the fatal call) and not "death:
# survived", no sanitizer spoke, and stderr holds every '|'-separated piece
# of EXPECT (the report line, the rationale, the picture...).
foreach(var EXE EXPECT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "expect_report.cmake: -D${var}=... is required")
    endif()
endforeach()

execute_process(COMMAND ${EMULATOR} "${EXE}" ${ARGS}
    RESULT_VARIABLE rc
    OUTPUT_VARIABLE out
    ERROR_VARIABLE err)

set(report "exit: ${rc}\n--- stdout ---\n${out}\n--- stderr ---\n${err}")
if("${rc}" STREQUAL "0")
    message(FATAL_ERROR "expected an abnormal exit, but the program exited 0\n${report}")
endif()
string(REPLACE "|" ";" pieces "${EXPECT}")
foreach(piece IN LISTS pieces)
    string(FIND "${err}" "${piece}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "expected \"${piece}\" on stderr\n${report}")
    endif()
endforeach()
if(NOT out MATCHES "death: advancing")
    message(FATAL_ERROR "the program did not reach the fatal call\n${report}")
endif()
if(out MATCHES "death: survived")
    message(FATAL_ERROR "the program survived the fatal call\n${report}")
endif()
if(err MATCHES "AddressSanitizer|LeakSanitizer|runtime error:")
    message(FATAL_ERROR "a sanitizer reported an error\n${report}")
endif()
message(STATUS "died as expected (${rc}) with the report:\n${err}")
