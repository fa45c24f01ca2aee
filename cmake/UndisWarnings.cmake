# undis_set_warnings(<target>)
#
# Applies the project warning set to <target> (PRIVATE, so it never leaks to
# consumers). Adds -Werror / /WX when UNDIS_WERROR is ON.
include_guard(GLOBAL)

function(undis_set_warnings target)
    if(MSVC)
        set(_flags /W4 /wd4201)
        if(UNDIS_WERROR)
            list(APPEND _flags /WX)
        endif()
    elseif(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang" OR CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        set(_flags
            -Wall
            -Wextra
            -Wpedantic
            -Wshadow
            -Wconversion
            -Wsign-conversion
            $<$<COMPILE_LANGUAGE:C>:-Wstrict-prototypes>
            $<$<COMPILE_LANGUAGE:C>:-Wmissing-prototypes>
            -Wvla
            -Wformat=2
            -Wundef
            -Wcast-qual
            -Wwrite-strings
            -Wimplicit-fallthrough)
        if(UNDIS_WERROR)
            list(APPEND _flags -Werror)
        endif()
    else()
        set(_flags "")
    endif()
    target_compile_options(${target} PRIVATE ${_flags})
endfunction()
