# Installs the build to a prefix of its own and runs the installed `undis`
# (the main job): it must find share/undis/sample.pcap beside itself and
# pass, and the binary must not hold the source or build path of the sample.
#
#   cmake -DBUILD=<build dir> -DPREFIX=<dir> -DSOURCE=<source dir> -P install.cmake
cmake_minimum_required(VERSION 3.20)

file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD}" --prefix "${PREFIX}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}\n${err}")
endif()
if(NOT EXISTS "${PREFIX}/share/undis/sample.pcap")
    message(FATAL_ERROR "the sample was not installed to ${PREFIX}/share/undis/sample.pcap")
endif()
file(GLOB exe "${PREFIX}/bin/undis" "${PREFIX}/bin/undis.exe")
if(NOT exe)
    message(FATAL_ERROR "no undis in ${PREFIX}/bin")
endif()
file(READ "${exe}" bytes HEX)
foreach(path "${SOURCE}/data/sample.pcap" "${BUILD}/share/undis/sample.pcap")
    string(HEX "${path}" hex)
    string(TOLOWER "${hex}" hex)
    string(FIND "${bytes}" "${hex}" at)
    if(NOT at EQUAL -1)
        message(FATAL_ERROR "${exe} holds the path ${path}")
    endif()
endforeach()
execute_process(COMMAND "${exe}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
    WORKING_DIRECTORY "${PREFIX}")
if(NOT rc EQUAL 0 OR NOT out MATCHES "run \\(main job\\): ${PREFIX}/bin/\\.\\./share/undis/sample\\.pcap.*result +PASS")
    message(FATAL_ERROR "the installed undis (${rc}):\n${out}\n${err}")
endif()
message(STATUS "installed undis found ${PREFIX}/share/undis/sample.pcap and passed")
