/* SPDX-License-Identifier: MIT */
/*
 * rt_bitmap.c: the RTL bitmap (<ndis/rtlbitmap.h>), bit by bit over the
 * caller's ULONG array; counting ignores the bits past SizeOfBitMap.
 */
#include "kernel/rt_internal.h"

#include <ndis.h>

#define WORD_OF(n) ((n) / 32u)
#define MASK_OF(n) (1u << ((n) % 32u))

VOID NTAPI
RtlInitializeBitMap(PRTL_BITMAP BitMapHeader, PULONG BitMapBuffer, ULONG SizeOfBitMap)
{
    BitMapHeader->SizeOfBitMap = SizeOfBitMap;
    BitMapHeader->Buffer = BitMapBuffer;
}

VOID NTAPI
RtlSetBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber)
{
    BitMapHeader->Buffer[WORD_OF(BitNumber)] |= MASK_OF(BitNumber);
}

VOID NTAPI
RtlClearBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber)
{
    BitMapHeader->Buffer[WORD_OF(BitNumber)] &= ~MASK_OF(BitNumber);
}

BOOLEAN NTAPI
RtlTestBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber)
{
    return (BitMapHeader->Buffer[WORD_OF(BitNumber)] & MASK_OF(BitNumber)) != 0 ? TRUE : FALSE;
}

static void
fill(PRTL_BITMAP map, ULONG value)
{
    ULONG words = (map->SizeOfBitMap + 31u) / 32u;
    for (ULONG i = 0; i < words; i++) {
        map->Buffer[i] = value;
    }
}

VOID NTAPI
RtlSetAllBits(PRTL_BITMAP BitMapHeader)
{
    fill(BitMapHeader, 0xffffffffu);
}

VOID NTAPI
RtlClearAllBits(PRTL_BITMAP BitMapHeader)
{
    fill(BitMapHeader, 0);
}

ULONG NTAPI
RtlNumberOfSetBits(PRTL_BITMAP BitMapHeader)
{
    ULONG count = 0;
    for (ULONG n = 0; n < BitMapHeader->SizeOfBitMap; n++) {
        count += RtlTestBit(BitMapHeader, n) ? 1u : 0u;
    }
    return count;
}

ULONG NTAPI
RtlNumberOfClearBits(PRTL_BITMAP BitMapHeader)
{
    return BitMapHeader->SizeOfBitMap - RtlNumberOfSetBits(BitMapHeader);
}

static BOOLEAN
all_are(PRTL_BITMAP map, ULONG start, ULONG length, BOOLEAN set)
{
    if (length == 0 || start >= map->SizeOfBitMap || length > map->SizeOfBitMap - start) {
        return FALSE;
    }
    for (ULONG n = start; n < start + length; n++) {
        if (RtlTestBit(map, n) != set) {
            return FALSE;
        }
    }
    return TRUE;
}

BOOLEAN NTAPI
RtlAreBitsSet(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG Length)
{
    return all_are(BitMapHeader, StartingIndex, Length, TRUE);
}

BOOLEAN NTAPI
RtlAreBitsClear(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG Length)
{
    return all_are(BitMapHeader, StartingIndex, Length, FALSE);
}
