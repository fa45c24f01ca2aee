# Script mode:
#   cmake -DEXE=<program> -DARGS=<a;b> -DEXPECT=<text> -P expect_abort.cmake
#
# Runs EXE ARGS and passes only if the program ended abnormally (a non-zero
# exit: on POSIX an abort shows as a signal, on Windows as exit code 3),
# printed EXPECT on stderr, printed the marker "death: advancing" on stdout
# (so the setup before the fatal call succeeded), did not print
# "death: survived", and no sanitizer reported anything instead.
foreach(var EXE EXPECT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "expect_abort.cmake: -D${var}=... is required")
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
string(FIND "${err}" "${EXPECT}" at)
if(at EQUAL -1)
    message(FATAL_ERROR "expected \"${EXPECT}\" on stderr\n${report}")
endif()
if(NOT out MATCHES "death: advancing")
    message(FATAL_ERROR "the program did not reach the fatal call\n${report}")
endif()
if(out MATCHES "death: survived")
    message(FATAL_ERROR "the program survived the fatal call\n${report}")
endif()
if(err MATCHES "AddressSanitizer|LeakSanitizer|runtime error:")
    message(FATAL_ERROR "a sanitizer reported an error\n${report}")
endif()
message(STATUS "died as expected (${rc}): ${EXPECT}")
