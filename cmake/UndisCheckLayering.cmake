# Script mode: cmake -DROOT=<source tree> -P UndisCheckLayering.cmake
#
# Fails when a file includes across the floors of docs/design.md's map:
#   src/<wing>/ may include only "<wing>/..." and the wings below it:
#     platform <- base <- {datapath, kernel} <- verifier <- host
#   (datapath and kernel are siblings: neither includes the other; the data
#   path reaches the verifier only through base/verify.h, whose functions the
#   verifier wing implements);
#   the NDIS face (include/ndis/*.h and the kernel shadows include/*.h) never
#   includes <undis/...>, our extras.
# Each offending line is printed as file:line: what it includes, and why not.
cmake_minimum_required(VERSION 3.25)
set(_allowed_platform "platform")
set(_allowed_base "platform;base")
set(_allowed_datapath "platform;base;datapath")
set(_allowed_kernel "platform;base;kernel")
set(_allowed_verifier "platform;base;datapath;kernel;verifier")
set(_allowed_host "platform;base;datapath;kernel;verifier;host")
set(_wings platform base datapath kernel verifier host)

set(_bad "")
foreach(_wing IN LISTS _wings)
    file(GLOB_RECURSE _files "${ROOT}/src/${_wing}/*.c" "${ROOT}/src/${_wing}/*.h")
    foreach(_f IN LISTS _files)
        file(STRINGS "${_f}" _lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
        foreach(_l IN LISTS _lines)
            string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]*)\".*" "\\1" _inc "${_l}")
            string(REGEX MATCH "^[a-z]+/" _to "${_inc}")
            string(REPLACE "/" "" _to "${_to}")
            file(RELATIVE_PATH _rel "${ROOT}" "${_f}")
            if(_to STREQUAL "")
                list(APPEND _bad "${_rel}: \"${_inc}\" does not name its wing (write \"<wing>/file.h\")")
            elseif(NOT _to IN_LIST _allowed_${_wing})
                list(JOIN _allowed_${_wing} ", " _may)
                list(APPEND _bad "${_rel}: \"${_inc}\": ${_wing}/ may include only ${_may}")
            endif()
        endforeach()
    endforeach()
endforeach()

file(GLOB _face "${ROOT}/include/*.h" "${ROOT}/include/ndis/*.h")
foreach(_f IN LISTS _face)
    file(STRINGS "${_f}" _lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](\\.\\./)?undis/")
    foreach(_l IN LISTS _lines)
        file(RELATIVE_PATH _rel "${ROOT}" "${_f}")
        string(STRIP "${_l}" _l)
        list(APPEND _bad "${_rel}: ${_l}: the NDIS face never includes our extras (include/undis/)")
    endforeach()
endforeach()

if(_bad)
    list(LENGTH _bad _n)
    list(JOIN _bad "\n  " _text)
    message(FATAL_ERROR "layering: ${_n} include(s) cross the floors:\n  ${_text}")
endif()
message(STATUS "layering ok: every include in ${ROOT} points down")
