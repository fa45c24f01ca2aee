/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/lists.h>: doubly linked LIST_ENTRY lists and singly linked
 * SINGLE_LIST_ENTRY lists (wdm.h in the WDK), plus the interlocked list
 * forms that take a spin lock (ExInterlocked*List, NdisInterlocked*List).
 *
 * As in the WDK (unless NO_KERNEL_LIST_ENTRY_CHECKS is defined), inserting
 * and removing checks the neighbours' links first and fast-fails with
 * FAST_FAIL_CORRUPT_LIST_ENTRY when they do not point back: a double remove
 * or a list corrupted by a stray write is reported at once, with the call
 * site, through <undis/report.h>.
 *
 * Not thread-safe (except the Interlocked forms); any IRQL.
 */
#ifndef UNDIS_NDIS_LISTS_H
#define UNDIS_NDIS_LISTS_H

#include "types.h"
#include "debug.h"
#include "irql.h"

UNDIS_EXTERN_C_BEGIN

/* The call site of a list operation, for the corruption report. */
#define UNDIS_RT_SITE_ __FILE__, __LINE__, __func__

UNDIS_INLINE VOID
undis_rt_list_check(const LIST_ENTRY *Entry, const char *file, int line, const char *func)
{
#ifndef NO_KERNEL_LIST_ENTRY_CHECKS
    if (Entry->Flink->Blink != Entry || Entry->Blink->Flink != Entry) {
        undis_rt_fast_fail_at(FAST_FAIL_CORRUPT_LIST_ENTRY, file, line, func);
    }
#else
    (void)Entry;
    (void)file;
    (void)line;
    (void)func;
#endif
}

UNDIS_INLINE VOID
undis_rt_list_init(PLIST_ENTRY ListHead)
{
    ListHead->Flink = ListHead->Blink = ListHead;
}

/* TRUE when the list is empty afterwards. */
UNDIS_INLINE BOOLEAN
undis_rt_list_remove(PLIST_ENTRY Entry, const char *file, int line, const char *func)
{
    PLIST_ENTRY next;
    PLIST_ENTRY prev;
    undis_rt_list_check(Entry, file, line, func);
    next = Entry->Flink;
    prev = Entry->Blink;
    prev->Flink = next;
    next->Blink = prev;
    return (BOOLEAN)(prev == next);
}

UNDIS_INLINE PLIST_ENTRY
undis_rt_list_remove_head(PLIST_ENTRY ListHead, const char *file, int line, const char *func)
{
    PLIST_ENTRY entry = ListHead->Flink;
    (void)undis_rt_list_remove(entry, file, line, func);
    return entry;
}

UNDIS_INLINE PLIST_ENTRY
undis_rt_list_remove_tail(PLIST_ENTRY ListHead, const char *file, int line, const char *func)
{
    PLIST_ENTRY entry = ListHead->Blink;
    (void)undis_rt_list_remove(entry, file, line, func);
    return entry;
}

UNDIS_INLINE VOID
undis_rt_list_insert_head(
    PLIST_ENTRY ListHead, PLIST_ENTRY Entry, const char *file, int line, const char *func)
{
    PLIST_ENTRY next = ListHead->Flink;
    undis_rt_list_check(ListHead, file, line, func);
    Entry->Flink = next;
    Entry->Blink = ListHead;
    next->Blink = Entry;
    ListHead->Flink = Entry;
}

UNDIS_INLINE VOID
undis_rt_list_insert_tail(
    PLIST_ENTRY ListHead, PLIST_ENTRY Entry, const char *file, int line, const char *func)
{
    PLIST_ENTRY prev = ListHead->Blink;
    undis_rt_list_check(ListHead, file, line, func);
    Entry->Flink = ListHead;
    Entry->Blink = prev;
    prev->Flink = Entry;
    ListHead->Blink = Entry;
}

/* AppendTailList: splice the circular list that starts at ListToAppend (an
 * entry, not a head) onto the tail of ListHead. */
UNDIS_INLINE VOID
undis_rt_list_append_tail(PLIST_ENTRY ListHead, PLIST_ENTRY ListToAppend)
{
    PLIST_ENTRY end = ListHead->Blink;
    ListHead->Blink->Flink = ListToAppend;
    ListHead->Blink = ListToAppend->Blink;
    ListToAppend->Blink->Flink = ListHead;
    ListToAppend->Blink = end;
}

/* Each argument is evaluated once. RemoveHeadList / RemoveTailList on an
 * empty list return the head itself (as in Windows). */
#define InitializeListHead(ListHead)           undis_rt_list_init(ListHead)
#define IsListEmpty(ListHead)                  ((BOOLEAN)((ListHead)->Flink == (ListHead)))
#define RemoveEntryList(Entry)                 undis_rt_list_remove(Entry, UNDIS_RT_SITE_)
#define RemoveHeadList(ListHead)               undis_rt_list_remove_head(ListHead, UNDIS_RT_SITE_)
#define RemoveTailList(ListHead)               undis_rt_list_remove_tail(ListHead, UNDIS_RT_SITE_)
#define InsertHeadList(ListHead, Entry)        undis_rt_list_insert_head(ListHead, Entry, UNDIS_RT_SITE_)
#define InsertTailList(ListHead, Entry)        undis_rt_list_insert_tail(ListHead, Entry, UNDIS_RT_SITE_)
#define AppendTailList(ListHead, ListToAppend) undis_rt_list_append_tail(ListHead, ListToAppend)

/* Singly linked lists. */
UNDIS_INLINE PSINGLE_LIST_ENTRY
undis_rt_pop_entry_list(PSINGLE_LIST_ENTRY ListHead)
{
    PSINGLE_LIST_ENTRY first = ListHead->Next;
    if (first != NULL) {
        ListHead->Next = first->Next;
    }
    return first;
}

UNDIS_INLINE VOID
undis_rt_push_entry_list(PSINGLE_LIST_ENTRY ListHead, PSINGLE_LIST_ENTRY Entry)
{
    Entry->Next = ListHead->Next;
    ListHead->Next = Entry;
}

#define PopEntryList(ListHead)         undis_rt_pop_entry_list(ListHead)
#define PushEntryList(ListHead, Entry) undis_rt_push_entry_list(ListHead, Entry)

#define NdisInitializeListHead(_ListHead) InitializeListHead(_ListHead)

/* ---- interlocked lists (the spin lock serialises; raises to DISPATCH) ---- */

PLIST_ENTRY NTAPI ExInterlockedInsertHeadList(_Inout_ PLIST_ENTRY ListHead,
                                              _Inout_ PLIST_ENTRY ListEntry,
                                              _Inout_ PKSPIN_LOCK Lock);
PLIST_ENTRY NTAPI ExInterlockedInsertTailList(_Inout_ PLIST_ENTRY ListHead,
                                              _Inout_ PLIST_ENTRY ListEntry,
                                              _Inout_ PKSPIN_LOCK Lock);
PLIST_ENTRY NTAPI ExInterlockedRemoveHeadList(_Inout_ PLIST_ENTRY ListHead,
                                              _Inout_ PKSPIN_LOCK Lock);
PSINGLE_LIST_ENTRY NTAPI ExInterlockedPopEntryList(_Inout_ PSINGLE_LIST_ENTRY ListHead,
                                                   _Inout_ PKSPIN_LOCK Lock);
PSINGLE_LIST_ENTRY NTAPI ExInterlockedPushEntryList(_Inout_ PSINGLE_LIST_ENTRY ListHead,
                                                    _Inout_ PSINGLE_LIST_ENTRY ListEntry,
                                                    _Inout_ PKSPIN_LOCK Lock);

/* The Ex forms return the previous first entry (NULL when the list was empty). */
#define NdisInterlockedInsertHeadList(_ListHead, _ListEntry, _SpinLock) \
    ExInterlockedInsertHeadList(_ListHead, _ListEntry, &(_SpinLock)->SpinLock)
#define NdisInterlockedInsertTailList(_ListHead, _ListEntry, _SpinLock) \
    ExInterlockedInsertTailList(_ListHead, _ListEntry, &(_SpinLock)->SpinLock)
#define NdisInterlockedRemoveHeadList(_ListHead, _SpinLock) \
    ExInterlockedRemoveHeadList(_ListHead, &(_SpinLock)->SpinLock)
#define NdisInterlockedPushEntryList(_ListHead, _ListEntry, _Lock) \
    ExInterlockedPushEntryList(_ListHead, _ListEntry, &(_Lock)->SpinLock)
#define NdisInterlockedPopEntryList(_ListHead, _Lock) \
    ExInterlockedPopEntryList(_ListHead, &(_Lock)->SpinLock)

/* NdisInterlockedAddUlong: *Addend += Increment under the lock. */
VOID NdisInterlockedAddUlong(_Inout_ PULONG Addend,
                             _In_ ULONG Increment,
                             _Inout_ PNDIS_SPIN_LOCK SpinLock);

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_LISTS_H */
