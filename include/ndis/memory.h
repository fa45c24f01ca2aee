/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/memory.h>: memory copies and tagged pool (wdm.h, ntddk.h and
 * ndis.h in the WDK).
 *
 * RtlCopyMemory and NdisMoveMemory tolerate overlapping ranges (they are
 * memmove): drivers move headers over themselves with them, and the WDK's
 * memcpy happens to cope on x64. The pool routines allocate through undis's
 * allocation hook, so <undis/fault.h> can make them fail and count what is
 * outstanding; every block is MEMORY_ALLOCATION_ALIGNMENT-aligned (64 for the
 * cache-aligned forms) and remembers its tag and size.
 *
 * Checks (reported through <undis/report.h>, as BAD_POOL_CALLER 0xC2):
 * freeing a block that is not a live pool block (double free, foreign
 * pointer) - P1 7; freeing with a tag other than the one it was allocated
 * with (ExFreePoolWithTag, NdisFreeMemoryWithTagPriority) - P1 0xA; paged
 * pool at IRQL > APC_LEVEL - P1 8. Uninitialised allocations are filled with
 * 0xA5 so that reads of memory never written show up.
 *
 * IRQL: <= DISPATCH_LEVEL (paged pool: <= APC_LEVEL). Any thread.
 */
#ifndef UNDIS_NDIS_MEMORY_H
#define UNDIS_NDIS_MEMORY_H

#include <string.h>

#include "types.h"
#include "status.h"

UNDIS_EXTERN_C_BEGIN

/* ---- Rtl memory ---------------------------------------------------------- */

#undef RtlCopyMemory
#undef RtlMoveMemory
#undef RtlZeroMemory
#undef RtlFillMemory
#undef RtlEqualMemory
#define RtlCopyMemory(Destination, Source, Length)  memmove((Destination), (Source), (Length))
#define RtlMoveMemory(Destination, Source, Length)  memmove((Destination), (Source), (Length))
#define RtlCopyBytes                                RtlCopyMemory
#define RtlZeroMemory(Destination, Length)          memset((Destination), 0, (Length))
#define RtlZeroBytes                                RtlZeroMemory
#define RtlFillMemory(Destination, Length, Fill)    memset((Destination), (int)(UCHAR)(Fill), (Length))
#define RtlFillBytes                                RtlFillMemory
#define RtlEqualMemory(Destination, Source, Length) (!memcmp((Destination), (Source), (Length)))
#define RtlCopyMemoryNonTemporal(Destination, Source, Length) \
    memmove((Destination), (Source), (Length))
/* Non-temporal stores are a cache hint only: the bytes are the same. */
#define RtlFillMemoryNonTemporal(Destination, Length, Fill) \
    memset((Destination), (int)(UCHAR)(Fill), (Length))

#if !UNDIS_HAVE_WINNT
/** The number of leading bytes that are equal (0..Length). (ntdll on Windows.) */
SIZE_T NTAPI RtlCompareMemory(_In_ const VOID *Source1,
                              _In_ const VOID *Source2,
                              _In_ SIZE_T Length);

/* Zeroes memory with stores the compiler may not remove. */
UNDIS_INLINE PVOID
RtlSecureZeroMemory(PVOID ptr, SIZE_T cnt)
{
    volatile UCHAR *p = (volatile UCHAR *)ptr;
    while (cnt-- != 0) {
        *p++ = 0;
    }
    return ptr;
}
#endif

#define NdisMoveMemory(Destination, Source, Length) RtlCopyMemory(Destination, Source, Length)
#define NdisZeroMemory(Destination, Length)         RtlZeroMemory(Destination, Length)
#define NdisFillMemory(Destination, Length, Fill)   RtlFillMemory(Destination, Length, Fill)
#define NdisEqualMemory(Source1, Source2, Length)   RtlEqualMemory(Source1, Source2, Length)
#define NdisRetrieveUlong(Destination, Source)      RtlCopyMemory(Destination, Source, sizeof(ULONG))
#define NdisStoreUlong(Destination, Value)                         \
    do {                                                           \
        ULONG undis_v_ = (ULONG)(Value);                           \
        RtlCopyMemory((Destination), &undis_v_, sizeof(undis_v_)); \
    } while (0)

/* ---- pool ---------------------------------------------------------------- */

typedef enum _POOL_TYPE {
    NonPagedPool = 0,
    NonPagedPoolExecute = NonPagedPool,
    PagedPool = 1,
    NonPagedPoolMustSucceed = 2,
    DontUseThisType = 3,
    NonPagedPoolCacheAligned = 4,
    PagedPoolCacheAligned = 5,
    NonPagedPoolCacheAlignedMustS = 6,
    MaxPoolType = 7,
    NonPagedPoolBase = 0,
    NonPagedPoolSession = 32,
    PagedPoolSession = 33,
    NonPagedPoolNx = 512,
    NonPagedPoolNxCacheAligned = 516,
    NonPagedPoolSessionNx = 544
} POOL_TYPE;

#define POOL_COLD_ALLOCATION             256
#define POOL_NX_ALLOCATION               512
#define POOL_ZERO_ALLOCATION             1024
#define POOL_QUOTA_FAIL_INSTEAD_OF_RAISE 8
#define POOL_RAISE_IF_ALLOCATION_FAILURE 16

typedef ULONG64 POOL_FLAGS;
#define POOL_FLAG_REQUIRED_START    0x0000000000000001ULL
#define POOL_FLAG_USE_QUOTA         0x0000000000000001ULL
#define POOL_FLAG_UNINITIALIZED     0x0000000000000002ULL
#define POOL_FLAG_SESSION           0x0000000000000004ULL
#define POOL_FLAG_CACHE_ALIGNED     0x0000000000000008ULL
#define POOL_FLAG_RESERVED1         0x0000000000000010ULL
#define POOL_FLAG_RAISE_ON_FAILURE  0x0000000000000020ULL
#define POOL_FLAG_NON_PAGED         0x0000000000000040ULL
#define POOL_FLAG_NON_PAGED_EXECUTE 0x0000000000000080ULL
#define POOL_FLAG_PAGED             0x0000000000000100ULL
#define POOL_FLAG_REQUIRED_END      0x0000000080000000ULL
#define POOL_FLAG_OPTIONAL_START    0x0000000100000000ULL
#define POOL_FLAG_SPECIAL_POOL      0x0000000100000000ULL
#define POOL_FLAG_OPTIONAL_END      0x8000000000000000ULL

typedef enum _EX_POOL_PRIORITY {
    LowPoolPriority,
    LowPoolPrioritySpecialPoolOverrun = 8,
    LowPoolPrioritySpecialPoolUnderrun = 9,
    NormalPoolPriority = 16,
    NormalPoolPrioritySpecialPoolOverrun = 24,
    NormalPoolPrioritySpecialPoolUnderrun = 25,
    HighPoolPriority = 32,
    HighPoolPrioritySpecialPoolOverrun = 40,
    HighPoolPrioritySpecialPoolUnderrun = 41
} EX_POOL_PRIORITY;

/** Zeroed unless Flags has POOL_FLAG_UNINITIALIZED; NULL when memory runs out
 *  (POOL_FLAG_RAISE_ON_FAILURE: reported as a bug check instead). */
_IRQL_requires_max_(DISPATCH_LEVEL) PVOID NTAPI
    ExAllocatePool2(_In_ POOL_FLAGS Flags, _In_ SIZE_T NumberOfBytes, _In_ ULONG Tag);
/** Zeroed. */
_IRQL_requires_max_(DISPATCH_LEVEL) PVOID NTAPI
    ExAllocatePoolZero(_In_ POOL_TYPE PoolType, _In_ SIZE_T NumberOfBytes, _In_ ULONG Tag);
/** Not zeroed (filled with 0xA5). */
_IRQL_requires_max_(DISPATCH_LEVEL) PVOID NTAPI
    ExAllocatePoolUninitialized(_In_ POOL_TYPE PoolType, _In_ SIZE_T NumberOfBytes, _In_ ULONG Tag);
/** The classic form: not zeroed unless PoolType has POOL_ZERO_ALLOCATION. */
_IRQL_requires_max_(DISPATCH_LEVEL) PVOID NTAPI
    ExAllocatePoolWithTag(_In_ POOL_TYPE PoolType, _In_ SIZE_T NumberOfBytes, _In_ ULONG Tag);
_IRQL_requires_max_(DISPATCH_LEVEL) PVOID NTAPI
    ExAllocatePoolWithTagPriority(_In_ POOL_TYPE PoolType,
                                  _In_ SIZE_T NumberOfBytes,
                                  _In_ ULONG Tag,
                                  _In_ EX_POOL_PRIORITY Priority);
/** Free a pool block; Tag must be the allocation's. */
_IRQL_requires_max_(DISPATCH_LEVEL) VOID NTAPI ExFreePoolWithTag(_In_ PVOID P, _In_ ULONG Tag);
/** Free a pool block whatever its tag. */
_IRQL_requires_max_(DISPATCH_LEVEL) VOID NTAPI ExFreePool(_In_ PVOID P);
#define ExFreePool2(P, Tag, ExtParams, ExtParamsCount) ExFreePoolWithTag(P, Tag)

/* ---- NDIS memory ---------------------------------------------------------- */

/** Not zeroed (filled with 0xA5); NULL when memory runs out. NdisHandle unused. */
_IRQL_requires_max_(DISPATCH_LEVEL) PVOID NdisAllocateMemoryWithTagPriority(
    _In_ NDIS_HANDLE NdisHandle, _In_ UINT Length, _In_ ULONG Tag, _In_ EX_POOL_PRIORITY Priority);
/** Free from NdisAllocateMemoryWithTagPriority; Length and MemoryFlags are ignored. */
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisFreeMemory(_In_ PVOID VirtualAddress, _In_ UINT Length, _In_ UINT MemoryFlags);
/** Free with the allocation's tag (checked). */
_IRQL_requires_max_(DISPATCH_LEVEL) VOID NdisFreeMemoryWithTagPriority(_In_ NDIS_HANDLE NdisHandle,
                                                                       _In_ PVOID VirtualAddress,
                                                                       _In_ ULONG Tag);
/** Legacy form: NDIS_STATUS_SUCCESS, or NDIS_STATUS_FAILURE and NULL. */
_IRQL_requires_max_(DISPATCH_LEVEL) NDIS_STATUS
    NdisAllocateMemoryWithTag(_Out_ PVOID *VirtualAddress, _In_ UINT Length, _In_ ULONG Tag);

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_MEMORY_H */
