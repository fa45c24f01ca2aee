/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/ptrconv.h>: the pointer/integer conversions of basetsd.h
 * (ULongToPtr, PtrToUlong, HandleToULong, ...), with the WDK's meaning:
 * a pointer converted to a 32-bit type keeps its low 32 bits; a signed
 * 32-bit value converted to a pointer is sign-extended, an unsigned one
 * zero-extended. On Windows <windows.h> defines them and this header adds
 * nothing.
 */
#ifndef UNDIS_NDIS_PTRCONV_H
#define UNDIS_NDIS_PTRCONV_H

#include "types.h"

#if !UNDIS_HAVE_WINNT

#    define PtrToUlong(p)   ((ULONG)(ULONG_PTR)(p))
#    define PtrToUint(p)    ((UINT)(UINT_PTR)(p))
#    define PtrToUshort(p)  ((USHORT)(ULONG_PTR)(p))
#    define PtrToLong(p)    ((LONG)(LONG_PTR)(p))
#    define PtrToInt(p)     ((INT)(INT_PTR)(p))
#    define PtrToShort(p)   ((SHORT)(LONG_PTR)(p))
#    define PtrToUlong64(p) ((ULONG64)(ULONG_PTR)(p))
#    define PtrToLong64(p)  ((LONG64)(LONG_PTR)(p))

#    define IntToPtr(i)     ((VOID *)(INT_PTR)((INT)(i)))
#    define UIntToPtr(ui)   ((VOID *)(UINT_PTR)((UINT)(ui)))
#    define LongToPtr(l)    ((VOID *)(LONG_PTR)((LONG)(l)))
#    define ULongToPtr(ul)  ((VOID *)(ULONG_PTR)((ULONG)(ul)))
#    define ShortToPtr(s)   ((VOID *)(INT_PTR)((SHORT)(s)))
#    define UShortToPtr(us) ((VOID *)(UINT_PTR)((USHORT)(us)))
#    define UlongToPtr(ul)  ULongToPtr(ul)
#    define UintToPtr(ui)   UIntToPtr(ui)

#    define HandleToULong(h)  ((ULONG)(ULONG_PTR)(h))
#    define HandleToUlong(h)  HandleToULong(h)
#    define HandleToLong(h)   ((LONG)(LONG_PTR)(h))
#    define ULongToHandle(ul) ((HANDLE)(ULONG_PTR)(ul))
#    define UlongToHandle(ul) ULongToHandle(ul)
#    define LongToHandle(l)   ((HANDLE)(LONG_PTR)(l))

/* There are no 32-bit (__ptr32) or 64-bit (__ptr64) pointer kinds here:
 * those conversions keep the pointer. */
#    define PtrToPtr64(p)       ((VOID *)(p))
#    define Ptr64ToPtr(p)       ((VOID *)(p))
#    define PtrToPtr32(p)       ((VOID *)(p))
#    define Ptr32ToPtr(p)       ((VOID *)(p))
#    define HandleToHandle64(h) PtrToPtr64(h)
#    define Handle64ToHandle(h) Ptr64ToPtr(h)
#    define HandleToHandle32(h) PtrToPtr32(h)
#    define Handle32ToHandle(h) Ptr32ToPtr(h)

#endif /* !UNDIS_HAVE_WINNT */

#endif /* UNDIS_NDIS_PTRCONV_H */
