# Script mode, one step of the install contract (see CMakeLists.txt here):
#
#   cmake -DSTEP=prefix|files|pkg_config|find_package -DBUILD_DIR=... -DSOURCE_DIR=...
#         -DWORK_DIR=... -DCONFIG=... -DLIBDIR=... -DINCLUDEDIR=... -DLIBRARY_FILE=...
#         -DPROJECT_VERSION=... -DC_COMPILER=... -DGENERATOR=... -DMAKE_PROGRAM=...
#         -DPKG_CONFIG=... -DEXTRA_FLAGS="..." [-DTOOLCHAIN_FILE=...] [-DEMULATOR=wine]
#         [-DEXE_SUFFIX=.exe] -P install_test.cmake
#
# The installed tree is WORK_DIR/prefix (made by STEP=prefix).
cmake_minimum_required(VERSION 3.20)

foreach(var STEP BUILD_DIR SOURCE_DIR WORK_DIR LIBDIR INCLUDEDIR LIBRARY_FILE PROJECT_VERSION
            C_COMPILER GENERATOR)
    if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
        message(FATAL_ERROR "install_test.cmake: -D${var}=... is required")
    endif()
endforeach()

set(prefix "${WORK_DIR}/prefix")
set(example_source "${SOURCE_DIR}/examples/driver_style_path.c")
separate_arguments(extra_flags UNIX_COMMAND "${EXTRA_FLAGS}")

# Runs a command; fails the step with its output unless it exits 0.
# Sets <out_var> to its stdout.
function(run out_var)
    execute_process(COMMAND ${ARGN}
        RESULT_VARIABLE rc
        OUTPUT_VARIABLE out
        ERROR_VARIABLE err)
    if(NOT rc STREQUAL "0")
        string(REPLACE ";" " " cmd "${ARGN}")
        message(FATAL_ERROR "command failed (${rc}): ${cmd}\n--- stdout:\n${out}\n--- stderr:\n${err}")
    endif()
    set(${out_var} "${out}" PARENT_SCOPE)
endfunction()

function(require_file path)
    if(NOT EXISTS "${path}" OR IS_DIRECTORY "${path}")
        message(FATAL_ERROR "not installed: ${path}")
    endif()
endfunction()

function(require_prefix)
    if(NOT EXISTS "${prefix}/${INCLUDEDIR}/ndis.h")
        message(FATAL_ERROR "no installed tree at ${prefix} (run install.prefix first)")
    endif()
endfunction()

# Runs a program built against the installed tree: exit 0 and the line that
# says the frames came back.
function(run_example exe)
    run(out ${EMULATOR} "${exe}")
    message(STATUS "${exe}:\n${out}")
    if(NOT out MATCHES "all frames restored byte for byte")
        message(FATAL_ERROR "${exe} did not report success")
    endif()
endfunction()

if(STEP STREQUAL "prefix")
    # Install into a staging directory, then move it: nothing may depend on
    # the prefix given at install time.
    set(stage "${WORK_DIR}/stage")
    file(REMOVE_RECURSE "${WORK_DIR}")
    file(MAKE_DIRECTORY "${WORK_DIR}")
    set(config_args "")
    if(CONFIG)
        set(config_args --config "${CONFIG}")
    endif()
    run(out "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${stage}" ${config_args})
    file(RENAME "${stage}" "${prefix}")
    message(STATUS "installed into ${stage}, moved to ${prefix}")

elseif(STEP STREQUAL "files")
    require_prefix()
    # Every public header of the source tree, at the same relative path.
    file(GLOB_RECURSE source_headers RELATIVE "${SOURCE_DIR}/include" "${SOURCE_DIR}/include/*.h")
    list(SORT source_headers)
    foreach(header IN LISTS source_headers ITEMS ndis.h)
        require_file("${prefix}/${INCLUDEDIR}/${header}")
    endforeach()
    file(GLOB installed_ndis RELATIVE "${prefix}/${INCLUDEDIR}" "${prefix}/${INCLUDEDIR}/ndis/*.h")
    file(GLOB installed_undis RELATIVE "${prefix}/${INCLUDEDIR}" "${prefix}/${INCLUDEDIR}/undis/*.h")
    if(NOT installed_ndis OR NOT installed_undis)
        message(FATAL_ERROR "no ndis/*.h or undis/*.h under ${prefix}/${INCLUDEDIR}")
    endif()
    set(cmake_dir "${prefix}/${LIBDIR}/cmake/undis")
    foreach(file
            "${LIBDIR}/${LIBRARY_FILE}"
            "${LIBDIR}/pkgconfig/undis.pc"
            "${LIBDIR}/cmake/undis/undisConfig.cmake"
            "${LIBDIR}/cmake/undis/undisConfigVersion.cmake"
            "${LIBDIR}/cmake/undis/undisTargets.cmake")
        require_file("${prefix}/${file}")
    endforeach()
    if(NOT LIBRARY_FILE STREQUAL "libundis.a" AND NOT LIBRARY_FILE STREQUAL "undis.lib")
        message(FATAL_ERROR "unexpected library file name ${LIBRARY_FILE}")
    endif()

    # No installed text file may point into the source or build tree (the
    # prefix itself lives in the build tree, so its path is masked first).
    file(GLOB text_files "${prefix}/${LIBDIR}/pkgconfig/*.pc" "${cmake_dir}/*.cmake")
    foreach(file IN LISTS text_files)
        file(READ "${file}" text)
        string(REPLACE "${prefix}" "<prefix>" text "${text}")
        string(REPLACE "${WORK_DIR}/stage" "<stage>" text "${text}")
        foreach(tree "${SOURCE_DIR}" "${BUILD_DIR}" "<stage>")
            string(FIND "${text}" "${tree}" at)
            if(NOT at EQUAL -1)
                message(FATAL_ERROR "${file} names ${tree}:\n${text}")
            endif()
        endforeach()
    endforeach()
    list(LENGTH installed_ndis n_ndis)
    list(LENGTH installed_undis n_undis)
    message(STATUS "installed: ndis.h, ${n_ndis} ndis/*.h, ${n_undis} undis/*.h, "
                   "${LIBRARY_FILE}, undis.pc, undisConfig.cmake")

elseif(STEP STREQUAL "pkg_config")
    require_prefix()
    if(NOT PKG_CONFIG)
        message(FATAL_ERROR "no pkg-config")
    endif()
    set(out_dir "${WORK_DIR}/pkg_config")
    file(REMOVE_RECURSE "${out_dir}")
    file(MAKE_DIRECTORY "${out_dir}")
    set(ENV{PKG_CONFIG_PATH} "${prefix}/${LIBDIR}/pkgconfig")

    run(version "${PKG_CONFIG}" --modversion undis)
    string(STRIP "${version}" version)
    if(NOT version STREQUAL PROJECT_VERSION)
        message(FATAL_ERROR "pkg-config --modversion undis: '${version}', expected '${PROJECT_VERSION}'")
    endif()
    run(cflags "${PKG_CONFIG}" --cflags undis)
    run(libs "${PKG_CONFIG}" --libs undis)
    string(STRIP "${cflags}" cflags)
    string(STRIP "${libs}" libs)
    separate_arguments(cflags_list UNIX_COMMAND "${cflags}")
    separate_arguments(libs_list UNIX_COMMAND "${libs}")

    # The -I must lead to the installed headers (the .pc is relocatable:
    # its prefix comes from ${pcfiledir}).
    set(found_include OFF)
    file(REAL_PATH "${prefix}/${INCLUDEDIR}" want_include)
    foreach(flag IN LISTS cflags_list)
        if(flag MATCHES "^-I(.+)$")
            file(REAL_PATH "${CMAKE_MATCH_1}" dir)
            if(dir STREQUAL want_include)
                set(found_include ON)
            endif()
        endif()
    endforeach()
    if(NOT found_include)
        message(FATAL_ERROR "pkg-config --cflags undis is '${cflags}', which does not lead to ${want_include}")
    endif()

    # cc $(pkg-config --cflags undis) file.c $(pkg-config --libs undis)
    set(exe "${out_dir}/driver_style_path${EXE_SUFFIX}")
    run(out "${C_COMPILER}" -std=c11 -Wall -Wextra -Werror ${extra_flags}
        ${cflags_list} "${example_source}" ${libs_list} -o "${exe}")
    run_example("${exe}")
    # The three WDK-style example drivers, unchanged, against the installed
    # headers: as C11 and as C++17, with their project's NDIS defines.
    set(drivers_dir "${SOURCE_DIR}/examples/drivers")
    set(defines_filter_vlan -DNDIS630=1 -DNDIS_WDM=1 -DDBG=1)
    set(defines_miniport_rx -DNDIS_MINIPORT_DRIVER=1 -DNDIS680_MINIPORT=1 -DNDIS_WDM=1 -DDBG=1)
    set(defines_tunnel_send -DNDIS660=1 -DNDIS_WDM=1 -DDBG=1)
    foreach(driver filter_vlan miniport_rx tunnel_send)
        run(out "${C_COMPILER}" -std=c11 -Wall -Wextra -Werror -Wno-multichar ${extra_flags}
            ${defines_${driver}} ${cflags_list} -c "${drivers_dir}/${driver}.c"
            -o "${out_dir}/${driver}.o")
        if(CXX_COMPILER)
            run(out "${CXX_COMPILER}" -x c++ -std=c++17 -Wall -Wextra -Werror -Wno-multichar
                ${extra_flags} ${defines_${driver}} ${cflags_list} -c "${drivers_dir}/${driver}.c"
                -o "${out_dir}/${driver}_cxx.o")
        endif()
    endforeach()
    message(STATUS "pkg-config: cflags '${cflags}', libs '${libs}'; the example drivers compile")

elseif(STEP STREQUAL "find_package")
    require_prefix()
    set(src "${CMAKE_CURRENT_LIST_DIR}/consumer")
    set(bin "${WORK_DIR}/find_package")
    file(REMOVE_RECURSE "${bin}")
    set(generator_args -G "${GENERATOR}")
    if(MAKE_PROGRAM)
        list(APPEND generator_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
    endif()
    set(build_type_args "")
    set(config_args "")
    if(CONFIG)
        set(build_type_args "-DCMAKE_BUILD_TYPE=${CONFIG}")
        set(config_args --config "${CONFIG}")
    endif()
    set(toolchain_args "")
    if(TOOLCHAIN_FILE)
        set(toolchain_args "-DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN_FILE}")
    endif()
    run(out "${CMAKE_COMMAND}" -S "${src}" -B "${bin}" ${generator_args} ${build_type_args}
        ${toolchain_args}
        "-DCMAKE_C_COMPILER=${C_COMPILER}"
        "-DCMAKE_C_FLAGS=${EXTRA_FLAGS}"
        "-DCMAKE_EXE_LINKER_FLAGS=${EXTRA_FLAGS}"
        "-DCMAKE_PREFIX_PATH=${prefix}"
        -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
        -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF
        "-DUNDIS_EXPECTED_DIR=${prefix}/${LIBDIR}/cmake/undis"
        "-DUNDIS_EXPECTED_VERSION=${PROJECT_VERSION}"
        "-DUNDIS_EXAMPLE_SOURCE=${example_source}")
    run(out "${CMAKE_COMMAND}" --build "${bin}" ${config_args})

    # Single- and multi-config generators put the programs in different places.
    foreach(name undis_consumer driver_style_path)
        set(exe "")
        foreach(candidate "${bin}/${name}" "${bin}/${CONFIG}/${name}"
                          "${bin}/${name}.exe" "${bin}/${CONFIG}/${name}.exe")
            if(NOT exe AND EXISTS "${candidate}" AND NOT IS_DIRECTORY "${candidate}")
                set(exe "${candidate}")
            endif()
        endforeach()
        if(NOT exe)
            message(FATAL_ERROR "the consumer build made no ${name}")
        endif()
        if(name STREQUAL "undis_consumer")
            run(out ${EMULATOR} "${exe}")
            message(STATUS "${exe}:\n${out}")
            if(NOT out MATCHES "undis_consumer: ok")
                message(FATAL_ERROR "${exe} did not report success")
            endif()
        else()
            run_example("${exe}")
        endif()
    endforeach()

else()
    message(FATAL_ERROR "install_test.cmake: unknown STEP '${STEP}'")
endif()
