/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/lookaside.h>: nonpaged lookaside lists (wdm.h and ndis.h in
 * the WDK): NPAGED_LOOKASIDE_LIST with the Ex* and Ndis* calls, and
 * LOOKASIDE_LIST_EX with the Ex*LookasideListEx calls.
 *
 * A lookaside list hands out fixed-size entries. Allocate pops a cached entry
 * or calls the Allocate routine (the driver's, or ExAllocatePoolWithTag with
 * the list's tag when NULL); Free pushes the entry back while the list holds
 * fewer than its depth (256 by default, see undis_rt_set_lookaside_depth) and
 * otherwise calls the Free routine (the driver's, or ExFreePool). Delete calls
 * the Free routine on every cached entry. Entries still out at Delete are the
 * driver's leak. Allocate returns NULL when the Allocate routine does.
 *
 * Thread-safe; IRQL <= DISPATCH_LEVEL. Counters (TotalAllocates,
 * AllocateMisses, TotalFrees, FreeMisses) are kept as Windows keeps them.
 */
#ifndef UNDIS_NDIS_LOOKASIDE_H
#define UNDIS_NDIS_LOOKASIDE_H

#include "types.h"
#include "memory.h"

UNDIS_EXTERN_C_BEGIN

typedef _IRQL_requires_same_
_Function_class_(ALLOCATE_FUNCTION)
PVOID NTAPI ALLOCATE_FUNCTION(_In_ POOL_TYPE PoolType, _In_ SIZE_T NumberOfBytes, _In_ ULONG Tag);
typedef ALLOCATE_FUNCTION *PALLOCATE_FUNCTION;

typedef _IRQL_requires_same_
_Function_class_(FREE_FUNCTION)
VOID NTAPI FREE_FUNCTION(_In_ PVOID Buffer);
typedef FREE_FUNCTION *PFREE_FUNCTION;

typedef struct _LOOKASIDE_LIST_EX *PLOOKASIDE_LIST_EX;

typedef _IRQL_requires_same_
_Function_class_(ALLOCATE_FUNCTION_EX)
PVOID NTAPI ALLOCATE_FUNCTION_EX(_In_ POOL_TYPE PoolType,
                                 _In_ SIZE_T NumberOfBytes,
                                 _In_ ULONG Tag,
                                 _Inout_ PLOOKASIDE_LIST_EX Lookaside);
typedef ALLOCATE_FUNCTION_EX *PALLOCATE_FUNCTION_EX;

typedef _IRQL_requires_same_
_Function_class_(FREE_FUNCTION_EX)
VOID NTAPI FREE_FUNCTION_EX(_In_ PVOID Buffer, _Inout_ PLOOKASIDE_LIST_EX Lookaside);
typedef FREE_FUNCTION_EX *PFREE_FUNCTION_EX;

/* The common part (GENERAL_LOOKASIDE's fields; drivers never touch them). */
typedef struct _GENERAL_LOOKASIDE {
    DECLSPEC_CACHEALIGN SLIST_HEADER ListHead;
    USHORT Depth;
    USHORT MaximumDepth;
    ULONG TotalAllocates;
    ULONG AllocateMisses;
    ULONG TotalFrees;
    ULONG FreeMisses;
    POOL_TYPE Type;
    ULONG Tag;
    ULONG Size;
    union {
        PALLOCATE_FUNCTION_EX AllocateEx;
        PALLOCATE_FUNCTION Allocate;
    };
    union {
        PFREE_FUNCTION_EX FreeEx;
        PFREE_FUNCTION Free;
    };
    LIST_ENTRY ListEntry;
    ULONG LastTotalAllocates;
    ULONG LastAllocateMisses;
    ULONG Future[2];
} GENERAL_LOOKASIDE, *PGENERAL_LOOKASIDE;

typedef struct _NPAGED_LOOKASIDE_LIST {
    GENERAL_LOOKASIDE L;
} NPAGED_LOOKASIDE_LIST, *PNPAGED_LOOKASIDE_LIST;

typedef struct _PAGED_LOOKASIDE_LIST {
    GENERAL_LOOKASIDE L;
} PAGED_LOOKASIDE_LIST, *PPAGED_LOOKASIDE_LIST;

typedef struct _LOOKASIDE_LIST_EX {
    GENERAL_LOOKASIDE L;
} LOOKASIDE_LIST_EX;

#define LOOKASIDE_MINIMUM_BLOCK_SIZE             (RTL_SIZEOF_THROUGH_FIELD(SLIST_ENTRY, Next))
#define EX_LOOKASIDE_LIST_EX_FLAGS_RAISE_ON_FAIL 0x00000001UL
#define EX_LOOKASIDE_LIST_EX_FLAGS_FAIL_NO_RAISE 0x00000002UL
#define EX_MAXIMUM_LOOKASIDE_DEPTH_BASE          256
#define EX_MAXIMUM_LOOKASIDE_DEPTH_LIMIT         1024

/* Flags for NdisInitializeNPagedLookasideList (must be 0 before NDIS 6.30). */
#define NDIS_LOOKASIDE_FLAGS_NONE 0

VOID NTAPI ExInitializeNPagedLookasideList(_Out_ PNPAGED_LOOKASIDE_LIST Lookaside,
                                           _In_opt_ PALLOCATE_FUNCTION Allocate,
                                           _In_opt_ PFREE_FUNCTION Free,
                                           _In_ ULONG Flags,
                                           _In_ SIZE_T Size,
                                           _In_ ULONG Tag,
                                           _In_ USHORT Depth);
VOID NTAPI ExDeleteNPagedLookasideList(_Inout_ PNPAGED_LOOKASIDE_LIST Lookaside);
PVOID NTAPI ExAllocateFromNPagedLookasideList(_Inout_ PNPAGED_LOOKASIDE_LIST Lookaside);
VOID NTAPI ExFreeToNPagedLookasideList(_Inout_ PNPAGED_LOOKASIDE_LIST Lookaside, _In_ PVOID Entry);

/* Paged lookaside lists behave the same in user mode. */
VOID NTAPI ExInitializePagedLookasideList(_Out_ PPAGED_LOOKASIDE_LIST Lookaside,
                                          _In_opt_ PALLOCATE_FUNCTION Allocate,
                                          _In_opt_ PFREE_FUNCTION Free,
                                          _In_ ULONG Flags,
                                          _In_ SIZE_T Size,
                                          _In_ ULONG Tag,
                                          _In_ USHORT Depth);
VOID NTAPI ExDeletePagedLookasideList(_Inout_ PPAGED_LOOKASIDE_LIST Lookaside);
PVOID NTAPI ExAllocateFromPagedLookasideList(_Inout_ PPAGED_LOOKASIDE_LIST Lookaside);
VOID NTAPI ExFreeToPagedLookasideList(_Inout_ PPAGED_LOOKASIDE_LIST Lookaside, _In_ PVOID Entry);

/** STATUS_SUCCESS, or STATUS_INVALID_PARAMETER_5 for an unknown flag. */
NTSTATUS NTAPI ExInitializeLookasideListEx(_Out_ PLOOKASIDE_LIST_EX Lookaside,
                                           _In_opt_ PALLOCATE_FUNCTION_EX Allocate,
                                           _In_opt_ PFREE_FUNCTION_EX Free,
                                           _In_ POOL_TYPE PoolType,
                                           _In_ ULONG Flags,
                                           _In_ SIZE_T Size,
                                           _In_ ULONG Tag,
                                           _In_ USHORT Depth);
VOID NTAPI ExDeleteLookasideListEx(_Inout_ PLOOKASIDE_LIST_EX Lookaside);
PVOID NTAPI ExAllocateFromLookasideListEx(_Inout_ PLOOKASIDE_LIST_EX Lookaside);
VOID NTAPI ExFreeToLookasideListEx(_Inout_ PLOOKASIDE_LIST_EX Lookaside, _In_ PVOID Entry);
VOID NTAPI ExFlushLookasideListEx(_Inout_ PLOOKASIDE_LIST_EX Lookaside);

#define NdisInitializeNPagedLookasideList(_L, _AllocateRoutine, _FreeRoutine, _Flag, _Size, _Tag, \
                                          _Depth)                                                 \
    ExInitializeNPagedLookasideList(_L, _AllocateRoutine, _FreeRoutine, _Flag, _Size, _Tag, _Depth)
#define NdisDeleteNPagedLookasideList(_L)       ExDeleteNPagedLookasideList(_L)
#define NdisAllocateFromNPagedLookasideList(_L) ExAllocateFromNPagedLookasideList(_L)
#define NdisFreeToNPagedLookasideList(_L, _E)   ExFreeToNPagedLookasideList(_L, _E)

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_LOOKASIDE_H */
