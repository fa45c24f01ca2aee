# Reads a capture with tshark and checks one line per frame (used by tests/tool).
#
#   cmake -DTSHARK=<path> -DPCAP=<file> -DFIELDS=<f1;f2...> -DEXPECT=<line regex>
#         -DFRAMES=<n> [-DOPTIONS=<tshark -o settings;...>] -P tshark_fields.cmake
#
# Each field's first occurrence (the outermost header) is printed, tab
# separated; every line must match EXPECT and there must be FRAMES lines.
cmake_minimum_required(VERSION 3.20)

set(args -r "${PCAP}" -T fields -E occurrence=f -E separator=/t)
foreach(o IN LISTS OPTIONS)
    list(APPEND args -o "${o}")
endforeach()
foreach(f IN LISTS FIELDS)
    list(APPEND args -e "${f}")
endforeach()
execute_process(COMMAND "${TSHARK}" ${args} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "tshark failed (${rc}): ${err}")
endif()
string(REGEX REPLACE "\n$" "" out "${out}")
string(REPLACE "\n" ";" lines "${out}")
list(LENGTH lines n)
if(NOT n EQUAL FRAMES)
    message(FATAL_ERROR "tshark read ${n} frames from ${PCAP}, expected ${FRAMES}:\n${out}")
endif()
set(i 0)
foreach(line IN LISTS lines)
    math(EXPR i "${i} + 1")
    if(NOT line MATCHES "^${EXPECT}$")
        message(FATAL_ERROR "frame ${i} of ${PCAP}: tshark read '${line}', expected '${EXPECT}' "
                            "(fields ${FIELDS})")
    endif()
endforeach()
message(STATUS "tshark: ${n} frames of ${PCAP} read as '${EXPECT}'")
