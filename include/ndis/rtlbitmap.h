/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/rtlbitmap.h>: the RTL bitmap of wdm.h (issue 12, helper
 * compat-b; xdp-for-windows counts RSS processors with it): RTL_BITMAP over
 * a caller's ULONG buffer, bit n being bit (n % 32) of Buffer[n / 32], and
 * the calls that set, clear, test and count its bits. Real
 * (src/kernel/rt_bitmap.c).
 */
#ifndef UNDIS_NDIS_RTLBITMAP_H
#define UNDIS_NDIS_RTLBITMAP_H

#include "compiler.h"
#include "types.h"

UNDIS_EXTERN_C_BEGIN

typedef struct _RTL_BITMAP {
    ULONG SizeOfBitMap; /* bits */
    PULONG Buffer;      /* (SizeOfBitMap + 31) / 32 ULONGs, the caller's */
} RTL_BITMAP, *PRTL_BITMAP;

/* Bitmap calls. Pre: BitMapHeader initialized over a buffer of at least
 * (SizeOfBitMap + 31) / 32 ULONGs; bit numbers and ranges inside the map
 * (as in Windows, not checked). RtlInitializeBitMap leaves the bits as they
 * are. The bits past SizeOfBitMap in the last ULONG are not counted.
 * IRQL: any, for a map in non-paged memory. Real. */
VOID NTAPI RtlInitializeBitMap(_Out_ PRTL_BITMAP BitMapHeader,
                               _In_opt_ PULONG BitMapBuffer,
                               _In_ ULONG SizeOfBitMap);
VOID NTAPI RtlSetBit(_In_ PRTL_BITMAP BitMapHeader, _In_ ULONG BitNumber);
VOID NTAPI RtlClearBit(_In_ PRTL_BITMAP BitMapHeader, _In_ ULONG BitNumber);
BOOLEAN NTAPI RtlTestBit(_In_ PRTL_BITMAP BitMapHeader, _In_ ULONG BitNumber);
VOID NTAPI RtlSetAllBits(_In_ PRTL_BITMAP BitMapHeader);
VOID NTAPI RtlClearAllBits(_In_ PRTL_BITMAP BitMapHeader);
ULONG NTAPI RtlNumberOfSetBits(_In_ PRTL_BITMAP BitMapHeader);
ULONG NTAPI RtlNumberOfClearBits(_In_ PRTL_BITMAP BitMapHeader);
BOOLEAN NTAPI RtlAreBitsSet(_In_ PRTL_BITMAP BitMapHeader,
                            _In_ ULONG StartingIndex,
                            _In_ ULONG Length);
BOOLEAN NTAPI RtlAreBitsClear(_In_ PRTL_BITMAP BitMapHeader,
                              _In_ ULONG StartingIndex,
                              _In_ ULONG Length);

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_RTLBITMAP_H */
