# Reads two captures with tshark and checks that every frame kept what it
# had (used by tests/tool):
#
#   cmake -DTSHARK=<path> -DIN=<file> -DOUT=<file> -DFRAMES=<n>
#         [-DIN_FILTER=<display filter>] [-DOUT_FILTER=<display filter>]
#         [-DFIELDS_CARET=<f1^f2...>] -P tshark_same.cmake
#
# FRAMES frames (0: as many as IN has) must come out of OUT (those OUT_FILTER
# keeps); the frames of IN (those IN_FILTER
# keeps) must be read from OUT with the same fields, in order. By default
# the fields are the wire and captured lengths, the timestamp to the
# nanosecond, the direction flags, the comment and the interface name.
cmake_minimum_required(VERSION 3.20)

if(DEFINED FIELDS_CARET)
    string(REPLACE "^" ";" FIELDS "${FIELDS_CARET}")
endif()
if(NOT DEFINED FIELDS)
    set(FIELDS frame.len frame.cap_len frame.time_epoch frame.packet_flags_direction
        frame.comment frame.interface_name)
endif()
set(args -T fields -E separator=/t -E occurrence=a)
foreach(f IN LISTS FIELDS)
    list(APPEND args -e "${f}")
endforeach()

function(read_fields file filter result)
    set(cmd "${TSHARK}" -r "${file}" ${args})
    if(filter)
        list(APPEND cmd -Y "${filter}")
    endif()
    execute_process(COMMAND ${cmd} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    string(REGEX REPLACE "Running as user[^\n]*\n?" "" err "${err}")
    if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
        message(FATAL_ERROR "tshark on ${file} failed (${rc}): ${err}")
    endif()
    set(${result} "${out}" PARENT_SCOPE)
endfunction()

read_fields("${IN}" "${IN_FILTER}" want)
read_fields("${OUT}" "${OUT_FILTER}" got)
string(REGEX MATCHALL "\n" lines "${got}")
list(LENGTH lines n)
if(FRAMES EQUAL 0)
    string(REGEX MATCHALL "\n" in_lines "${want}")
    list(LENGTH in_lines FRAMES)
endif()
if(FRAMES GREATER 0 AND NOT n EQUAL FRAMES)
    message(FATAL_ERROR "tshark read ${n} frames from ${OUT}, expected ${FRAMES}:\n${got}")
endif()
if(NOT want STREQUAL got)
    message(FATAL_ERROR "the frames of ${OUT} differ from those of ${IN} (fields ${FIELDS}):\n"
                        "--- in ---\n${want}--- out ---\n${got}")
endif()
message(STATUS "tshark: ${n} frames of ${OUT} have the ${FIELDS} of ${IN}")
