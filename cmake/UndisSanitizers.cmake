# undis_enable_sanitizers("<list>")
#
# Enables the given sanitizers (e.g. "address;undefined") for every target
# defined after the call, at compile and at link time.
include_guard(GLOBAL)

function(undis_enable_sanitizers sanitizers)
    if(sanitizers STREQUAL "")
        return()
    endif()
    if(MSVC)
        if(NOT sanitizers STREQUAL "address")
            message(FATAL_ERROR "UNDIS_SANITIZE: MSVC supports only \"address\" (got '${sanitizers}')")
        endif()
        add_compile_options(/fsanitize=address)
        return()
    endif()
    list(JOIN sanitizers "," _joined)
    set(_flags "-fsanitize=${_joined}" -fno-sanitize-recover=all -fno-omit-frame-pointer)
    message(STATUS "undis: sanitizers enabled: ${_joined}")
    add_compile_options(${_flags})
    add_link_options(${_flags})
endfunction()
