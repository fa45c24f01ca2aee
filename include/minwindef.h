/* SPDX-License-Identifier: MIT */
/*
 * undis <minwindef.h>: the SDK's basic Windows definitions as a kernel
 * driver sees them (issue 12, helper compat-c, for npcap): the base types
 * of <ndis/types.h> and the word/long packing macros. On Windows it
 * forwards to the SDK's own.
 */
#ifdef _WIN32
#    if defined(__GNUC__) || defined(__clang__)
#        pragma GCC system_header
#        include_next <minwindef.h>
#    else
#        error "undis <minwindef.h>: on Windows, put the SDK's include folder before undis's"
#    endif
#else
#    ifndef UNDIS_SHADOW_MINWINDEF_H
#        define UNDIS_SHADOW_MINWINDEF_H
#        include "ndis/types.h"
#        include "ndis/kmisc.h"

#        ifndef MAKEWORD
#            define MAKEWORD(a, b)                          \
                ((WORD)(((BYTE)(((DWORD_PTR)(a)) & 0xff)) | \
                        ((WORD)((BYTE)(((DWORD_PTR)(b)) & 0xff))) << 8))
#        endif
#        ifndef MAKELONG
#            define MAKELONG(a, b)                            \
                ((LONG)(((WORD)(((DWORD_PTR)(a)) & 0xffff)) | \
                        ((DWORD)((WORD)(((DWORD_PTR)(b)) & 0xffff))) << 16))
#        endif
#        ifndef LOWORD
#            define LOWORD(l) ((WORD)(((DWORD_PTR)(l)) & 0xffff))
#        endif
#        ifndef HIWORD
#            define HIWORD(l) ((WORD)((((DWORD_PTR)(l)) >> 16) & 0xffff))
#        endif
#        ifndef LOBYTE
#            define LOBYTE(w) ((BYTE)(((DWORD_PTR)(w)) & 0xff))
#        endif
#        ifndef HIBYTE
#            define HIBYTE(w) ((BYTE)((((DWORD_PTR)(w)) >> 8) & 0xff))
#        endif
#    endif
#endif
