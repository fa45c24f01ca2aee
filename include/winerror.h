/* SPDX-License-Identifier: MIT */
/*
 * undis <winerror.h>: shadow of the SDK header of that name (issue 12,
 * helper compat-b; xdp-for-windows includes it in kernel mode): the Win32
 * error codes drivers translate NTSTATUS values to, HRESULT values and the
 * macros that build and test them, with the SDK's values. A subset: the
 * common ERROR_* codes, not all of them. On Windows it forwards to the SDK's
 * own <winerror.h>.
 */
#ifndef UNDIS_SHADOW_WINERROR_H
#define UNDIS_SHADOW_WINERROR_H

#include "ndis/types.h"

#if UNDIS_HAVE_WINNT
#    if UNDIS_GNU_ATTRIBUTES
#        pragma GCC system_header
#        include_next <winerror.h>
#    else
#        error "undis <winerror.h>: on Windows, put the SDK's include folder before undis's"
#    endif
#else

/* ---- HRESULT structure ---------------------------------------------------- */

#    define SEVERITY_SUCCESS 0
#    define SEVERITY_ERROR   1

#    define FACILITY_NULL    0
#    define FACILITY_RPC     1
#    define FACILITY_ITF     4
#    define FACILITY_WIN32   7
#    define FACILITY_WINDOWS 8
#    define FACILITY_NT_BIT  0x10000000

#    ifndef SUCCEEDED
#        define SUCCEEDED(hr) (((HRESULT)(hr)) >= 0)
#    endif
#    ifndef FAILED
#        define FAILED(hr) (((HRESULT)(hr)) < 0)
#    endif
#    define IS_ERROR(Status)     (((unsigned long)(Status)) >> 31 == SEVERITY_ERROR)
#    define HRESULT_CODE(hr)     ((hr)&0xFFFF)
#    define HRESULT_FACILITY(hr) (((hr) >> 16) & 0x1fff)
#    define HRESULT_SEVERITY(hr) (((hr) >> 31) & 0x1)
#    define MAKE_HRESULT(sev, fac, code)                                         \
        ((HRESULT)(((unsigned long)(sev) << 31) | ((unsigned long)(fac) << 16) | \
                   ((unsigned long)(code))))
#    define HRESULT_FROM_WIN32(x)           \
        ((HRESULT)(x) <= 0 ? ((HRESULT)(x)) \
                           : ((HRESULT)(((x)&0x0000FFFF) | (FACILITY_WIN32 << 16) | 0x80000000)))
#    define HRESULT_FROM_NT(x) ((HRESULT)((x) | FACILITY_NT_BIT))

/* ---- HRESULT values -------------------------------------------------------- */

#    ifndef S_OK
#        define S_OK ((HRESULT)0L)
#    endif
#    define S_FALSE        ((HRESULT)1L)
#    define E_NOTIMPL      ((HRESULT)0x80004001L)
#    define E_NOINTERFACE  ((HRESULT)0x80004002L)
#    define E_POINTER      ((HRESULT)0x80004003L)
#    define E_ABORT        ((HRESULT)0x80004004L)
#    define E_FAIL         ((HRESULT)0x80004005L)
#    define E_UNEXPECTED   ((HRESULT)0x8000FFFFL)
#    define E_ACCESSDENIED ((HRESULT)0x80070005L)
#    define E_HANDLE       ((HRESULT)0x80070006L)
#    define E_OUTOFMEMORY  ((HRESULT)0x8007000EL)
#    define E_INVALIDARG   ((HRESULT)0x80070057L)
#    define E_PENDING      ((HRESULT)0x8000000AL)

/* ---- Win32 error codes ----------------------------------------------------- */

#    define ERROR_SUCCESS             0L
#    define NO_ERROR                  0L
#    define ERROR_INVALID_FUNCTION    1L
#    define ERROR_FILE_NOT_FOUND      2L
#    define ERROR_PATH_NOT_FOUND      3L
#    define ERROR_TOO_MANY_OPEN_FILES 4L
#    define ERROR_ACCESS_DENIED       5L
#    define ERROR_INVALID_HANDLE      6L
#    define ERROR_NOT_ENOUGH_MEMORY   8L
#    define ERROR_INVALID_DATA        13L
#    define ERROR_OUTOFMEMORY         14L
#    define ERROR_NOT_READY           21L
#    define ERROR_BAD_LENGTH          24L
#    define ERROR_GEN_FAILURE         31L
#    define ERROR_SHARING_VIOLATION   32L
#    define ERROR_HANDLE_EOF          38L
#    define ERROR_NOT_SUPPORTED       50L
#    define ERROR_DEV_NOT_EXIST       55L
#    define ERROR_FILE_EXISTS         80L
#    define ERROR_INVALID_PARAMETER   87L
#    define ERROR_BROKEN_PIPE         109L
#    define ERROR_INSUFFICIENT_BUFFER 122L
#    define ERROR_INVALID_NAME        123L
#    define ERROR_BUSY                170L
#    define ERROR_MR_MID_NOT_FOUND    317L
#    define ERROR_ALREADY_EXISTS      183L
#    define ERROR_MORE_DATA           234L
#    define ERROR_NO_MORE_ITEMS       259L
#    define ERROR_OPERATION_ABORTED   995L
#    define ERROR_IO_INCOMPLETE       996L
#    define ERROR_IO_PENDING          997L
#    define ERROR_NOACCESS            998L
#    define ERROR_NOT_FOUND           1168L
#    define ERROR_CANCELLED           1223L
#    define ERROR_INTERNAL_ERROR      1359L
#    define ERROR_NO_SYSTEM_RESOURCES 1450L
#    define ERROR_TIMEOUT             1460L
#    define ERROR_INVALID_STATE       5023L

#endif /* UNDIS_HAVE_WINNT */

#endif /* UNDIS_SHADOW_WINERROR_H */
