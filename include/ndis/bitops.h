/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/bitops.h>: byte swaps (RtlUshortByteSwap, RtlUlongByteSwap,
 * RtlUlonglongByteSwap, _byteswap_*), BitScanForward / BitScanReverse and
 * their 64-bit forms (wdm.h and the compiler intrinsics in the WDK).
 * Pure functions; any IRQL.
 */
#ifndef UNDIS_NDIS_BITOPS_H
#define UNDIS_NDIS_BITOPS_H

#include "types.h"

UNDIS_EXTERN_C_BEGIN

UNDIS_INLINE USHORT
undis_rt_bswap16(USHORT v)
{
    return (USHORT)((USHORT)(v << 8) | (USHORT)(v >> 8));
}

UNDIS_INLINE ULONG
undis_rt_bswap32(ULONG v)
{
    return ((v & 0x000000FFU) << 24) | ((v & 0x0000FF00U) << 8) | ((v & 0x00FF0000U) >> 8) |
           ((v & 0xFF000000U) >> 24);
}

UNDIS_INLINE ULONGLONG
undis_rt_bswap64(ULONGLONG v)
{
    return ((ULONGLONG)undis_rt_bswap32((ULONG)(v & 0xFFFFFFFFU)) << 32) |
           (ULONGLONG)undis_rt_bswap32((ULONG)(v >> 32));
}

#define RtlUshortByteSwap(_x)    undis_rt_bswap16((USHORT)(_x))
#define RtlUlongByteSwap(_x)     undis_rt_bswap32((ULONG)(_x))
#define RtlUlonglongByteSwap(_x) undis_rt_bswap64((ULONGLONG)(_x))
/* On Windows the C library declares the _byteswap_* functions (MinGW in
 * <stdlib.h>): a macro of that name would break a later #include of it. */
#if UNDIS_HAVE_WINNT
#    include <stdlib.h>
#else
#    define _byteswap_ushort(_x) undis_rt_bswap16((USHORT)(_x))
#    define _byteswap_ulong(_x)  undis_rt_bswap32((ULONG)(_x))
#    define _byteswap_uint64(_x) undis_rt_bswap64((ULONGLONG)(_x))
#endif

#if !UNDIS_HAVE_WINNT
/* *Index = position of the lowest (Forward) or highest (Reverse) set bit;
 * returns 0, with *Index unspecified, when Mask is 0. */
UNDIS_INLINE BOOLEAN
BitScanForward(ULONG *Index, ULONG Mask)
{
    ULONG i = 0;
    if (Mask == 0) {
        return FALSE;
    }
    while ((Mask & 1U) == 0) {
        Mask >>= 1;
        i++;
    }
    *Index = i;
    return TRUE;
}

UNDIS_INLINE BOOLEAN
BitScanReverse(ULONG *Index, ULONG Mask)
{
    ULONG i = 31;
    if (Mask == 0) {
        return FALSE;
    }
    while ((Mask & 0x80000000U) == 0) {
        Mask <<= 1;
        i--;
    }
    *Index = i;
    return TRUE;
}

UNDIS_INLINE BOOLEAN
BitScanForward64(ULONG *Index, ULONG64 Mask)
{
    if ((Mask & 0xFFFFFFFFU) != 0) {
        return BitScanForward(Index, (ULONG)(Mask & 0xFFFFFFFFU));
    }
    if (BitScanForward(Index, (ULONG)(Mask >> 32))) {
        *Index += 32;
        return TRUE;
    }
    return FALSE;
}

UNDIS_INLINE BOOLEAN
BitScanReverse64(ULONG *Index, ULONG64 Mask)
{
    if ((Mask >> 32) != 0) {
        (void)BitScanReverse(Index, (ULONG)(Mask >> 32));
        *Index += 32;
        return TRUE;
    }
    return BitScanReverse(Index, (ULONG)(Mask & 0xFFFFFFFFU));
}

#    define _BitScanForward   BitScanForward
#    define _BitScanReverse   BitScanReverse
#    define _BitScanForward64 BitScanForward64
#    define _BitScanReverse64 BitScanReverse64
#endif

/* RtlFindLeastSignificantBit / RtlFindMostSignificantBit: -1 for 0. */
UNDIS_INLINE CCHAR
RtlFindLeastSignificantBit(ULONGLONG Set)
{
    CCHAR i = 0;
    if (Set == 0) {
        return (CCHAR)-1;
    }
    while ((Set & 1U) == 0) {
        Set >>= 1;
        i++;
    }
    return i;
}

UNDIS_INLINE CCHAR
RtlFindMostSignificantBit(ULONGLONG Set)
{
    CCHAR i = -1;
    while (Set != 0) {
        Set >>= 1;
        i++;
    }
    return i;
}

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_BITOPS_H */
