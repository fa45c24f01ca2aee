/* SPDX-License-Identifier: MIT */
/*
 * undis <guiddef.h>: GUID, IsEqualGUID and DEFINE_GUID (issue 12, helper
 * compat-c, for npcap's WFP callouts). GUID itself comes from
 * <ndis/types.h>. As in the SDK, DEFINE_GUID is decided again at each
 * inclusion: a file that defines INITGUID and then includes <guiddef.h>
 * gets definitions from its DEFINE_GUID lines, even after an earlier header
 * declared them extern. On Windows it forwards to the SDK's own
 * <guiddef.h>, which <windows.h> itself includes.
 */
#ifdef _WIN32
/* #include_next is an extension: -Wpedantic is quiet about it in a system
 * header, which this forwarding file declares itself to be. */
#    if defined(__GNUC__) || defined(__clang__)
#        pragma GCC system_header
#        include_next <guiddef.h>
#    else
#        error "undis <guiddef.h>: on Windows, put the SDK's include folder before undis's"
#    endif
#else /* !_WIN32 */

#    ifndef UNDIS_SHADOW_GUIDDEF_H
#        define UNDIS_SHADOW_GUIDDEF_H
#        include "ndis/types.h"

#        include <string.h>

/* REFGUID arguments: pointers in C, references in C++ (as in the SDK). */
#        ifndef IsEqualGUID
#            ifdef __cplusplus
#                define IsEqualGUID(a, b) (memcmp(&(a), &(b), sizeof(GUID)) == 0)
#            else
#                define IsEqualGUID(a, b) (memcmp((a), (b), sizeof(GUID)) == 0)
#            endif
#        endif
#    endif /* UNDIS_SHADOW_GUIDDEF_H */

#    undef DEFINE_GUID
#    if defined(INITGUID) && defined(__cplusplus)
#        define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
            extern "C" const GUID name = { l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 } }
#    elif defined(INITGUID) /* C: a file-scope const object has external linkage */
#        define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
            const GUID name = { l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 } }
#    else
#        define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
            EXTERN_C const GUID name
#    endif
#endif /* !_WIN32 */
