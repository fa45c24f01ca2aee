/* SPDX-License-Identifier: MIT */
/*
 * rt_slist.c: SLIST_HEADER operations and the spin-lock-protected list
 * routines (ExInterlocked*List, NdisInterlockedAddUlong).
 *
 * An SList is made atomic by one of 64 locks chosen by the header's address
 * (it is not lock-free; no operation blocks for long). The header keeps the
 * first entry and the depth in Windows' fields.
 */
#include "kernel/rt_internal.h"

#if !UNDIS_HAVE_WINNT

static volatile int g_slist_locks[64];

static volatile int *
lock_for(const void *header)
{
    ULONG_PTR h = (ULONG_PTR)header;
    return &g_slist_locks[(h >> 4 ^ h >> 10) & 63];
}

static void
slist_lock(volatile int *l)
{
    while (UNDIS_ATOMIC_EXCHANGE_ACQUIRE(l, 1) != 0) {
        while (UNDIS_ATOMIC_LOAD_RELAXED(l) != 0) {
            undis__thread_yield();
        }
    }
}

static void
slist_unlock(volatile int *l)
{
    UNDIS_ATOMIC_STORE_RELEASE(l, 0);
}

#    if UNDIS_PTR64
#        define SL_FIRST(h)        ((PSLIST_ENTRY)(ULONG_PTR)(h)->Alignment)
#        define SL_SET_FIRST(h, e) ((h)->Alignment = (ULONGLONG)(ULONG_PTR)(e))
#        define SL_DEPTH(h)        ((USHORT)((h)->Region & 0xFFFFU))
#        define SL_SET_DEPTH(h, d) ((h)->Region = (ULONGLONG)(d))
#    else
#        define SL_FIRST(h)        ((h)->s.Next.Next)
#        define SL_SET_FIRST(h, e) ((h)->s.Next.Next = (e))
#        define SL_DEPTH(h)        ((h)->s.Depth)
#        define SL_SET_DEPTH(h, d) ((h)->s.Depth = (USHORT)(d))
#    endif

VOID NTAPI
InitializeSListHead(PSLIST_HEADER SListHead)
{
    memset(SListHead, 0, sizeof(*SListHead));
}

PSLIST_ENTRY NTAPI
InterlockedPushEntrySList(PSLIST_HEADER ListHead, PSLIST_ENTRY ListEntry)
{
    volatile int *l = lock_for(ListHead);
    PSLIST_ENTRY first;
    slist_lock(l);
    first = SL_FIRST(ListHead);
    ListEntry->Next = first;
    SL_SET_FIRST(ListHead, ListEntry);
    SL_SET_DEPTH(ListHead, (USHORT)(SL_DEPTH(ListHead) + 1U));
    slist_unlock(l);
    return first;
}

PSLIST_ENTRY NTAPI
InterlockedPushListSListEx(PSLIST_HEADER ListHead,
                           PSLIST_ENTRY List,
                           PSLIST_ENTRY ListEnd,
                           ULONG Count)
{
    volatile int *l = lock_for(ListHead);
    PSLIST_ENTRY first;
    slist_lock(l);
    first = SL_FIRST(ListHead);
    ListEnd->Next = first;
    SL_SET_FIRST(ListHead, List);
    SL_SET_DEPTH(ListHead, (USHORT)(SL_DEPTH(ListHead) + Count));
    slist_unlock(l);
    return first;
}

PSLIST_ENTRY NTAPI
InterlockedPopEntrySList(PSLIST_HEADER ListHead)
{
    volatile int *l = lock_for(ListHead);
    PSLIST_ENTRY first;
    slist_lock(l);
    first = SL_FIRST(ListHead);
    if (first != NULL) {
        SL_SET_FIRST(ListHead, first->Next);
        SL_SET_DEPTH(ListHead, (USHORT)(SL_DEPTH(ListHead) - 1U));
    }
    slist_unlock(l);
    return first;
}

PSLIST_ENTRY NTAPI
InterlockedFlushSList(PSLIST_HEADER ListHead)
{
    volatile int *l = lock_for(ListHead);
    PSLIST_ENTRY first;
    slist_lock(l);
    first = SL_FIRST(ListHead);
    SL_SET_FIRST(ListHead, NULL);
    SL_SET_DEPTH(ListHead, 0);
    slist_unlock(l);
    return first;
}

USHORT NTAPI
QueryDepthSList(PSLIST_HEADER SListHead)
{
    volatile int *l = lock_for(SListHead);
    USHORT depth;
    slist_lock(l);
    depth = SL_DEPTH(SListHead);
    slist_unlock(l);
    return depth;
}

PSLIST_ENTRY
undis_rt_first_entry_slist(const SLIST_HEADER *SListHead)
{
    return SL_FIRST(SListHead);
}

#endif /* !UNDIS_HAVE_WINNT */

/* ---- spin-lock-protected lists --------------------------------------------- */

PLIST_ENTRY NTAPI
ExInterlockedInsertHeadList(PLIST_ENTRY ListHead, PLIST_ENTRY ListEntry, PKSPIN_LOCK Lock)
{
    KIRQL old;
    PLIST_ENTRY first;
    KeAcquireSpinLock(Lock, &old);
    first = IsListEmpty(ListHead) ? NULL : ListHead->Flink;
    InsertHeadList(ListHead, ListEntry);
    KeReleaseSpinLock(Lock, old);
    return first;
}

PLIST_ENTRY NTAPI
ExInterlockedInsertTailList(PLIST_ENTRY ListHead, PLIST_ENTRY ListEntry, PKSPIN_LOCK Lock)
{
    KIRQL old;
    PLIST_ENTRY last;
    KeAcquireSpinLock(Lock, &old);
    last = IsListEmpty(ListHead) ? NULL : ListHead->Blink;
    InsertTailList(ListHead, ListEntry);
    KeReleaseSpinLock(Lock, old);
    return last;
}

PLIST_ENTRY NTAPI
ExInterlockedRemoveHeadList(PLIST_ENTRY ListHead, PKSPIN_LOCK Lock)
{
    KIRQL old;
    PLIST_ENTRY entry = NULL;
    KeAcquireSpinLock(Lock, &old);
    if (!IsListEmpty(ListHead)) {
        entry = RemoveHeadList(ListHead);
    }
    KeReleaseSpinLock(Lock, old);
    return entry;
}

PSINGLE_LIST_ENTRY NTAPI
ExInterlockedPopEntryList(PSINGLE_LIST_ENTRY ListHead, PKSPIN_LOCK Lock)
{
    KIRQL old;
    PSINGLE_LIST_ENTRY entry;
    KeAcquireSpinLock(Lock, &old);
    entry = PopEntryList(ListHead);
    KeReleaseSpinLock(Lock, old);
    return entry;
}

PSINGLE_LIST_ENTRY NTAPI
ExInterlockedPushEntryList(PSINGLE_LIST_ENTRY ListHead,
                           PSINGLE_LIST_ENTRY ListEntry,
                           PKSPIN_LOCK Lock)
{
    KIRQL old;
    PSINGLE_LIST_ENTRY first;
    KeAcquireSpinLock(Lock, &old);
    first = ListHead->Next;
    PushEntryList(ListHead, ListEntry);
    KeReleaseSpinLock(Lock, old);
    return first;
}

VOID
NdisInterlockedAddUlong(PULONG Addend, ULONG Increment, PNDIS_SPIN_LOCK SpinLock)
{
    NdisAcquireSpinLock(SpinLock);
    *Addend += Increment;
    NdisReleaseSpinLock(SpinLock);
}
