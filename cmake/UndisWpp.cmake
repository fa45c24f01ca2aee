# undis_wpp(<target> SOURCES <file>... [FUNCS <spec>...] [SCAN <file>...]
#           [INCLUDES <dir>...])
#
# Generates, at build time, the .tmh file each WPP-traced source includes
# (`undis wpp`, see docs/compat.md), into <binary dir>/<target>_wpp, and puts
# that folder on <target>'s include path. FUNCS are the trace functions of the
# project (as -func: / WppTraceFunction: "TraceEvents(LEVEL,FLAGS,MSG,...)"),
# SCAN the WppScanConfigurationData files, INCLUDES the folders searched for
# the files the sources include with quotes. The `undis` command is the
# undis_cli target of this build, or else the `undis` program on the PATH.
include_guard(GLOBAL)

function(undis_wpp target)
    cmake_parse_arguments(W "" "" "SOURCES;FUNCS;SCAN;INCLUDES" ${ARGN})
    if(NOT W_SOURCES)
        message(FATAL_ERROR "undis_wpp(${target}): no SOURCES")
    endif()
    if(TARGET undis_cli)
        set(tool undis_cli) # a target name: CMake runs it through the cross emulator (Wine)
        set(tool_dep undis_cli)
    else()
        find_program(UNDIS_WPP_TOOL undis REQUIRED)
        set(tool "${UNDIS_WPP_TOOL}")
        set(tool_dep "")
    endif()
    set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/${target}_wpp")
    file(MAKE_DIRECTORY "${out_dir}")
    set(options "")
    foreach(f IN LISTS W_FUNCS)
        list(APPEND options "-func:${f}")
    endforeach()
    foreach(f IN LISTS W_SCAN)
        get_filename_component(f "${f}" ABSOLUTE)
        list(APPEND options --scan "${f}")
    endforeach()
    foreach(d IN LISTS W_INCLUDES)
        get_filename_component(d "${d}" ABSOLUTE)
        list(APPEND options -I "${d}")
    endforeach()
    set(outputs "")
    foreach(src IN LISTS W_SOURCES)
        get_filename_component(abs "${src}" ABSOLUTE)
        get_filename_component(stem "${src}" NAME_WE)
        add_custom_command(OUTPUT "${out_dir}/${stem}.tmh"
            COMMAND ${tool} wpp "${abs}" ${options} --out "${out_dir}"
            DEPENDS "${abs}" ${W_SCAN} ${tool_dep}
            COMMENT "undis wpp: ${stem}.tmh"
            VERBATIM)
        list(APPEND outputs "${out_dir}/${stem}.tmh")
    endforeach()
    target_sources(${target} PRIVATE ${outputs})
    target_include_directories(${target} PRIVATE "${out_dir}")
endfunction()
