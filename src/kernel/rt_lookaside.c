/* SPDX-License-Identifier: MIT */
/*
 * rt_lookaside.c: lookaside lists. Cached entries sit on the list's SLIST;
 * misses go to the Allocate routine (driver's or pool) and frees beyond the
 * depth to the Free routine. The Ex (LOOKASIDE_LIST_EX) callbacks also get
 * the list, told apart by the Future[0] marker.
 */
#include "kernel/rt_internal.h"

#define LOOKASIDE_EX_MARK 0x5845U /* "EX" */

static USHORT g_depth = EX_MAXIMUM_LOOKASIDE_DEPTH_BASE;

void
undis_rt_set_lookaside_depth(USHORT depth)
{
    g_depth = depth;
}

static PVOID NTAPI
default_allocate(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    return ExAllocatePoolWithTag(PoolType, NumberOfBytes, Tag);
}

static VOID NTAPI
default_free(PVOID Buffer)
{
    ExFreePool(Buffer);
}

static void
init_general(PGENERAL_LOOKASIDE L, POOL_TYPE type, SIZE_T size, ULONG tag)
{
    memset(L, 0, sizeof(*L));
    InitializeSListHead(&L->ListHead);
    L->Depth = g_depth;
    L->MaximumDepth = g_depth;
    L->Type = type;
    L->Tag = tag;
    L->Size = (ULONG)(size < sizeof(SLIST_ENTRY) ? sizeof(SLIST_ENTRY) : size);
    InitializeListHead(&L->ListEntry);
}

static PVOID
miss_allocate(PGENERAL_LOOKASIDE L)
{
    if (L->Future[0] == LOOKASIDE_EX_MARK) {
        return L->AllocateEx(L->Type, L->Size, L->Tag, (PLOOKASIDE_LIST_EX)(void *)L);
    }
    return L->Allocate(L->Type, L->Size, L->Tag);
}

static void
miss_free(PGENERAL_LOOKASIDE L, PVOID entry)
{
    if (L->Future[0] == LOOKASIDE_EX_MARK) {
        L->FreeEx(entry, (PLOOKASIDE_LIST_EX)(void *)L);
    } else {
        L->Free(entry);
    }
}

static PVOID
general_allocate(PGENERAL_LOOKASIDE L)
{
    PVOID entry;
    UNDIS_ATOMIC_FETCH_ADD_RELAXED(&L->TotalAllocates, 1U);
    entry = InterlockedPopEntrySList(&L->ListHead);
    if (entry == NULL) {
        UNDIS_ATOMIC_FETCH_ADD_RELAXED(&L->AllocateMisses, 1U);
        entry = miss_allocate(L);
    }
    return entry;
}

static void
general_free(PGENERAL_LOOKASIDE L, PVOID entry)
{
    UNDIS_ATOMIC_FETCH_ADD_RELAXED(&L->TotalFrees, 1U);
    if (QueryDepthSList(&L->ListHead) >= L->Depth) {
        UNDIS_ATOMIC_FETCH_ADD_RELAXED(&L->FreeMisses, 1U);
        miss_free(L, entry);
    } else {
        (void)InterlockedPushEntrySList(&L->ListHead, (PSLIST_ENTRY)entry);
    }
}

static void
general_flush(PGENERAL_LOOKASIDE L)
{
    PSLIST_ENTRY e = InterlockedFlushSList(&L->ListHead);
    while (e != NULL) {
        PSLIST_ENTRY next = e->Next;
        miss_free(L, e);
        e = next;
    }
}

VOID NTAPI
ExInitializeNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside,
                                PALLOCATE_FUNCTION Allocate,
                                PFREE_FUNCTION Free,
                                ULONG Flags,
                                SIZE_T Size,
                                ULONG Tag,
                                USHORT Depth)
{
    (void)Flags;
    (void)Depth; /* reserved in Windows: the system sizes the list */
    init_general(&Lookaside->L, NonPagedPoolNx, Size, Tag);
    Lookaside->L.Allocate = Allocate != NULL ? Allocate : default_allocate;
    Lookaside->L.Free = Free != NULL ? Free : default_free;
}

VOID NTAPI
ExDeleteNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside)
{
    general_flush(&Lookaside->L);
}

PVOID NTAPI
ExAllocateFromNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside)
{
    return general_allocate(&Lookaside->L);
}

VOID NTAPI
ExFreeToNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside, PVOID Entry)
{
    general_free(&Lookaside->L, Entry);
}

VOID NTAPI
ExInitializePagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside,
                               PALLOCATE_FUNCTION Allocate,
                               PFREE_FUNCTION Free,
                               ULONG Flags,
                               SIZE_T Size,
                               ULONG Tag,
                               USHORT Depth)
{
    (void)Flags;
    (void)Depth;
    init_general(&Lookaside->L, PagedPool, Size, Tag);
    Lookaside->L.Allocate = Allocate != NULL ? Allocate : default_allocate;
    Lookaside->L.Free = Free != NULL ? Free : default_free;
}

VOID NTAPI
ExDeletePagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside)
{
    general_flush(&Lookaside->L);
}

PVOID NTAPI
ExAllocateFromPagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside)
{
    return general_allocate(&Lookaside->L);
}

VOID NTAPI
ExFreeToPagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside, PVOID Entry)
{
    general_free(&Lookaside->L, Entry);
}

static PVOID NTAPI
default_allocate_ex(POOL_TYPE PoolType,
                    SIZE_T NumberOfBytes,
                    ULONG Tag,
                    PLOOKASIDE_LIST_EX Lookaside)
{
    (void)Lookaside;
    return ExAllocatePoolWithTag(PoolType, NumberOfBytes, Tag);
}

static VOID NTAPI
default_free_ex(PVOID Buffer, PLOOKASIDE_LIST_EX Lookaside)
{
    (void)Lookaside;
    ExFreePool(Buffer);
}

NTSTATUS NTAPI
ExInitializeLookasideListEx(PLOOKASIDE_LIST_EX Lookaside,
                            PALLOCATE_FUNCTION_EX Allocate,
                            PFREE_FUNCTION_EX Free,
                            POOL_TYPE PoolType,
                            ULONG Flags,
                            SIZE_T Size,
                            ULONG Tag,
                            USHORT Depth)
{
    (void)Depth;
    if ((Flags & ~(EX_LOOKASIDE_LIST_EX_FLAGS_RAISE_ON_FAIL |
                   EX_LOOKASIDE_LIST_EX_FLAGS_FAIL_NO_RAISE)) != 0) {
        return STATUS_INVALID_PARAMETER_5;
    }
    init_general(&Lookaside->L, PoolType, Size, Tag);
    Lookaside->L.AllocateEx = Allocate != NULL ? Allocate : default_allocate_ex;
    Lookaside->L.FreeEx = Free != NULL ? Free : default_free_ex;
    Lookaside->L.Future[0] = LOOKASIDE_EX_MARK;
    return STATUS_SUCCESS;
}

VOID NTAPI
ExDeleteLookasideListEx(PLOOKASIDE_LIST_EX Lookaside)
{
    general_flush(&Lookaside->L);
}

PVOID NTAPI
ExAllocateFromLookasideListEx(PLOOKASIDE_LIST_EX Lookaside)
{
    return general_allocate(&Lookaside->L);
}

VOID NTAPI
ExFreeToLookasideListEx(PLOOKASIDE_LIST_EX Lookaside, PVOID Entry)
{
    general_free(&Lookaside->L, Entry);
}

VOID NTAPI
ExFlushLookasideListEx(PLOOKASIDE_LIST_EX Lookaside)
{
    general_flush(&Lookaside->L);
}
