/* SPDX-License-Identifier: MIT */
/*
 * driver_idioms.c: what driver sources write, compiled as C11 and as C++17
 * (gcc and clang, -m32 and MinGW too): the anonymous NET_BUFFER and
 * NET_BUFFER_LIST members written directly (nb->DataLength,
 * nbl->FirstNetBuffer), LARGE_INTEGER's direct LowPart/HighPart, and a
 * DECLSPEC_CACHEALIGN / DECLSPEC_ALIGN structure typedef. Each use is also
 * checked for where it lands, so a member that compiles but overlays the
 * wrong bytes fails too.
 */
#include <ndis.h>

#define X64_X86(x64, x86) (sizeof(void *) == 8 ? (x64) : (x86))

/* The adapter context of a miniport: cache-line aligned, as drivers write it. */
typedef struct DECLSPEC_CACHEALIGN _IDIOM_ADAPTER {
    NDIS_HANDLE MiniportAdapterHandle;
    LARGE_INTEGER LastTick;
    ULONG Flags;
} IDIOM_ADAPTER, *PIDIOM_ADAPTER;

typedef struct DECLSPEC_ALIGN(16) _IDIOM_RING_ENTRY {
    ULONG Length;
} IDIOM_RING_ENTRY;

/* A member aligned where it stands. */
typedef struct _IDIOM_QUEUE {
    UCHAR Tag;
    DECLSPEC_CACHEALIGN ULONG Producer;
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID Reserved[2];
} IDIOM_QUEUE;

C_ASSERT(TYPE_ALIGNMENT(IDIOM_ADAPTER) == SYSTEM_CACHE_ALIGNMENT_SIZE);
C_ASSERT(sizeof(IDIOM_ADAPTER) % SYSTEM_CACHE_ALIGNMENT_SIZE == 0);
C_ASSERT(TYPE_ALIGNMENT(IDIOM_RING_ENTRY) == 16);
C_ASSERT(sizeof(IDIOM_RING_ENTRY) == 16);
C_ASSERT(FIELD_OFFSET(IDIOM_QUEUE, Producer) == SYSTEM_CACHE_ALIGNMENT_SIZE);
C_ASSERT(FIELD_OFFSET(IDIOM_QUEUE, Reserved) % MEMORY_ALLOCATION_ALIGNMENT == 0);

/* LARGE_INTEGER / ULARGE_INTEGER: LowPart and HighPart directly, beside u. */
C_ASSERT(FIELD_OFFSET(LARGE_INTEGER, LowPart) == 0);
C_ASSERT(FIELD_OFFSET(LARGE_INTEGER, HighPart) == 4);
C_ASSERT(FIELD_OFFSET(LARGE_INTEGER, u.HighPart) == 4);
C_ASSERT(sizeof(LARGE_INTEGER) == 8);
C_ASSERT(FIELD_OFFSET(ULARGE_INTEGER, LowPart) == 0);
C_ASSERT(FIELD_OFFSET(ULARGE_INTEGER, HighPart) == 4);
C_ASSERT(sizeof(ULARGE_INTEGER) == 8);

/* The anonymous members, at the WDK's offsets. */
C_ASSERT(FIELD_OFFSET(NET_BUFFER, DataLength) == X64_X86(24, 12));
C_ASSERT(FIELD_OFFSET(NET_BUFFER, stDataLength) == X64_X86(24, 12));
C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, FirstNetBuffer) == X64_X86(8, 4));

ULONG idiom_frame_length(PNET_BUFFER_LIST Nbl);
VOID idiom_trim(PNET_BUFFER Nb, ULONG Bytes);
ULONG idiom_split(LARGE_INTEGER Time, PULARGE_INTEGER Out);
VOID idiom_link(PNET_BUFFER_LIST Nbl, PNET_BUFFER Nb, PIDIOM_ADAPTER Adapter);

ULONG
idiom_frame_length(PNET_BUFFER_LIST Nbl)
{
    ULONG Total = 0;
    PNET_BUFFER Nb;

    for (Nb = Nbl->FirstNetBuffer; Nb != NULL; Nb = Nb->Next) {
        Total += Nb->DataLength;
    }
    return Total;
}

VOID
idiom_trim(PNET_BUFFER Nb, ULONG Bytes)
{
    Nb->DataLength -= Bytes;
    Nb->DataOffset += Bytes;
    Nb->CurrentMdlOffset += Bytes;
    Nb->stDataLength = Nb->DataLength;
    Nb->CurrentMdl = Nb->MdlChain;
}

ULONG
idiom_split(LARGE_INTEGER Time, PULARGE_INTEGER Out)
{
    Out->LowPart = Time.LowPart;
    Out->HighPart = (ULONG)Time.HighPart;
    Time.u.LowPart = 0;
    return Out->LowPart ^ Time.LowPart;
}

VOID
idiom_link(PNET_BUFFER_LIST Nbl, PNET_BUFFER Nb, PIDIOM_ADAPTER Adapter)
{
    Nbl->FirstNetBuffer = Nb;
    Nbl->Next = NULL;
    Nb->Next = NULL;
    Adapter->LastTick.LowPart = Nb->DataLength;
    Adapter->LastTick.HighPart = 0;
}
