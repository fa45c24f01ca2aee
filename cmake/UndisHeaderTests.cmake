# Compile-only checks of the public headers (used by tests/headers).
#
# undis_add_compile_check(NAME <ctest name> SOURCE <file> LANGUAGE C|CXX
#                         [COMPILER <path>] [OPTIONS <flag>...]
#                         [DEFINITIONS <macro[=value]>...]
#                         [BUILD_TARGET <target>] [EXPECT_ERROR <regex>]
#                         [SKIP_REGEX <regex>] [LABELS <label>...])
#
#   Registers one CTest entry that compiles SOURCE with -fsyntax-only as C11
#   (LANGUAGE C) or C++17 (LANGUAGE CXX), with include/ on the include path,
#   UNDIS_HEADER_CHECK_WARNINGS (plus the C-only ones for C) and -Werror.
#   The compiler defaults to the project's C or C++ compiler; COMPILER names
#   another one (a cross compiler), and OPTIONS adds flags such as -m32.
#
#   EXPECT_ERROR: the compile must FAIL. Two entries are made: <NAME>, marked
#   WILL_FAIL, and <NAME>.message, which passes only if the compiler output
#   matches the regex (so the failure is the expected one, not any error).
#
#   SKIP_REGEX: report the entry as skipped (not failed) when the compiler
#   output matches, e.g. a -m32 check on a host without 32-bit libc headers
#   reaching a header that includes <string.h>.
#
#   BUILD_TARGET: also build SOURCE as an OBJECT library of that name in the
#   normal build (same definitions, the project's warnings and -Werror when
#   UNDIS_WERROR is ON, as for every target), so that a header that stops
#   compiling breaks the build itself. With EXPECT_ERROR the target is
#   EXCLUDE_FROM_ALL.
#
#   The test entries need a GCC-style driver (GCC, Clang and the MinGW
#   cross compilers); with any other compiler only BUILD_TARGET is made.
include_guard(GLOBAL)
include(UndisWarnings)

set(UNDIS_HEADER_CHECK_WARNINGS
    -Wall
    -Wextra
    -Wpedantic
    -Wconversion
    -Wsign-conversion
    -Wshadow
    -Wcast-qual
    -Wundef
    -Wwrite-strings
    -Wvla
    -Wformat=2
    -Wimplicit-fallthrough)
set(UNDIS_HEADER_CHECK_C_WARNINGS -Wstrict-prototypes -Wmissing-prototypes)
set(UNDIS_HEADER_CHECK_TIMEOUT 60)

# A system header the compiler cannot find under -m32 (no 32-bit libc
# headers, e.g. Debian without gcc-multilib), as GCC and Clang word it.
set(UNDIS_HEADER_CHECK_NO_M32_LIBC
    "fatal error: '?(bits|gnu|asm|sys)/[^ ':]*'?(: No such file or directory| file not found)")

function(undis_add_compile_check)
    cmake_parse_arguments(PARSE_ARGV 0 arg ""
        "NAME;SOURCE;LANGUAGE;COMPILER;BUILD_TARGET;EXPECT_ERROR;SKIP_REGEX"
        "OPTIONS;DEFINITIONS;LABELS")
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "undis_add_compile_check: unexpected arguments: ${arg_UNPARSED_ARGUMENTS}")
    endif()
    if("COMPILER" IN_LIST arg_KEYWORDS_MISSING_VALUES)
        message(FATAL_ERROR "undis_add_compile_check: COMPILER given without a value")
    endif()
    foreach(required NAME SOURCE LANGUAGE)
        if(NOT arg_${required})
            message(FATAL_ERROR "undis_add_compile_check: ${required} is required")
        endif()
    endforeach()
    if(NOT arg_LABELS)
        set(arg_LABELS headers)
    endif()

    if(arg_LANGUAGE STREQUAL "C")
        set(std -std=c11)
        set(lang_flag -x c)
        set(default_compiler "${CMAKE_C_COMPILER}")
        set(compiler_id "${CMAKE_C_COMPILER_ID}")
    elseif(arg_LANGUAGE STREQUAL "CXX")
        set(std -std=c++17)
        set(lang_flag -x c++)
        set(default_compiler "${CMAKE_CXX_COMPILER}")
        set(compiler_id "${CMAKE_CXX_COMPILER_ID}")
    else()
        message(FATAL_ERROR "undis_add_compile_check: LANGUAGE must be C or CXX")
    endif()

    set(warnings ${UNDIS_HEADER_CHECK_WARNINGS})
    if(arg_LANGUAGE STREQUAL "C")
        list(APPEND warnings ${UNDIS_HEADER_CHECK_C_WARNINGS})
    endif()

    set(defines "")
    foreach(def IN LISTS arg_DEFINITIONS)
        list(APPEND defines "-D${def}")
    endforeach()

    # The test entries.
    if(arg_COMPILER)
        set(compiler "${arg_COMPILER}")
        set(gcc_style ON)
    else()
        set(compiler "${default_compiler}")
        if(compiler_id MATCHES "GNU|Clang")
            set(gcc_style ON)
        else()
            set(gcc_style OFF)
        endif()
    endif()
    if(gcc_style)
        set(command "${compiler}" ${std} ${arg_OPTIONS} ${warnings} -Werror
            "-I${PROJECT_SOURCE_DIR}/include" ${defines} -fsyntax-only ${lang_flag} "${arg_SOURCE}")
        add_test(NAME ${arg_NAME} COMMAND ${command})
        set_tests_properties(${arg_NAME} PROPERTIES
            LABELS "${arg_LABELS}"
            TIMEOUT ${UNDIS_HEADER_CHECK_TIMEOUT})
        if(arg_SKIP_REGEX)
            set_tests_properties(${arg_NAME} PROPERTIES SKIP_REGULAR_EXPRESSION "${arg_SKIP_REGEX}")
        endif()
        if(arg_EXPECT_ERROR)
            set_tests_properties(${arg_NAME} PROPERTIES WILL_FAIL TRUE)
            add_test(NAME ${arg_NAME}.message COMMAND ${command})
            set_tests_properties(${arg_NAME}.message PROPERTIES
                PASS_REGULAR_EXPRESSION "${arg_EXPECT_ERROR}"
                LABELS "${arg_LABELS}"
                TIMEOUT ${UNDIS_HEADER_CHECK_TIMEOUT})
        endif()
    endif()

    # The object library in the normal build.
    if(arg_BUILD_TARGET)
        if(arg_COMPILER)
            message(FATAL_ERROR "undis_add_compile_check: BUILD_TARGET needs the project's compiler")
        endif()
        set(build_source "${arg_SOURCE}")
        get_filename_component(ext "${arg_SOURCE}" LAST_EXT)
        if(arg_LANGUAGE STREQUAL "CXX" AND NOT ext MATCHES "^\\.(cpp|cxx|cc)$")
            # One source file cannot be both C and C++ in one directory: wrap it.
            set(build_source "${CMAKE_CURRENT_BINARY_DIR}/cxx/${arg_BUILD_TARGET}.cpp")
            file(CONFIGURE OUTPUT "${build_source}"
                CONTENT "#include \"${arg_SOURCE}\"\n" @ONLY)
        endif()
        set(exclude "")
        if(arg_EXPECT_ERROR)
            set(exclude EXCLUDE_FROM_ALL)
        endif()
        add_library(${arg_BUILD_TARGET} OBJECT ${exclude} "${build_source}")
        target_include_directories(${arg_BUILD_TARGET} PRIVATE "${PROJECT_SOURCE_DIR}/include")
        target_compile_definitions(${arg_BUILD_TARGET} PRIVATE ${arg_DEFINITIONS})
        target_compile_options(${arg_BUILD_TARGET} PRIVATE ${arg_OPTIONS})
        # The project's warning set (the same flags on GCC/Clang, /W4 on
        # MSVC), with -Werror only when UNDIS_WERROR is ON.
        undis_set_warnings(${arg_BUILD_TARGET})
        if(arg_LANGUAGE STREQUAL "C")
            set_target_properties(${arg_BUILD_TARGET} PROPERTIES
                C_STANDARD 11 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
        else()
            set_target_properties(${arg_BUILD_TARGET} PROPERTIES
                CXX_STANDARD 17 CXX_STANDARD_REQUIRED ON CXX_EXTENSIONS OFF)
        endif()
    endif()
endfunction()
