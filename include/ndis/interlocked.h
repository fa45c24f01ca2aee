/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/interlocked.h>: the Interlocked* family (16/32/64-bit and
 * pointer forms, full barrier), ReadAcquire / WriteRelease and the NoFence
 * reads and writes, memory barriers, SLIST_HEADER operations and the
 * NdisInterlocked* forms (winnt.h, wdm.h and ndis.h in the WDK).
 *
 * On Windows <windows.h> provides the Interlocked* and SList routines; this
 * header then adds only what <windows.h> lacks. Elsewhere they are inline
 * functions over the compiler's __atomic builtins (GCC and Clang). Every
 * Interlocked* operation is a full barrier (sequentially consistent); the
 * Acquire / Release / NoFence variants are at least as strong as named.
 * Returned values follow the WDK: Increment/Decrement/Add return the new
 * value; Exchange, ExchangeAdd, CompareExchange, And, Or, Xor the old one.
 *
 * SList operations are atomic with respect to each other (a lock striped by
 * header address, not a lock-free list); the header stays 16 bytes
 * (8 on 32-bit) and must be initialised with InitializeSListHead.
 */
#ifndef UNDIS_NDIS_INTERLOCKED_H
#define UNDIS_NDIS_INTERLOCKED_H

#include "types.h"

UNDIS_EXTERN_C_BEGIN

#if !UNDIS_HAVE_WINNT
#    if !defined(__GNUC__) && !defined(__clang__)
#        error "undis: <ndis/interlocked.h> needs GCC or Clang atomics outside Windows"
#    endif

#    define UNDIS_SC_ __ATOMIC_SEQ_CST

/* The target of a 64-bit interlocked operation must be 8-byte aligned (as
 * on Windows); on x86 the C type LONG64 is only 4-byte aligned, so the
 * operations see the pointer as what it must be (else Clang warns of a
 * misaligned atomic, -Watomic-alignment). */
typedef LONG64 undis_long64_a8_ __attribute__((__aligned__(8)));
#    define UNDIS_A64_(p) ((undis_long64_a8_ volatile *)(p))

UNDIS_INLINE SHORT
InterlockedIncrement16(SHORT volatile *Target)
{
    return __atomic_add_fetch(Target, 1, UNDIS_SC_);
}
UNDIS_INLINE SHORT
InterlockedDecrement16(SHORT volatile *Target)
{
    return __atomic_sub_fetch(Target, 1, UNDIS_SC_);
}
UNDIS_INLINE SHORT
InterlockedExchange16(SHORT volatile *Target, SHORT Value)
{
    return __atomic_exchange_n(Target, Value, UNDIS_SC_);
}
UNDIS_INLINE SHORT
InterlockedCompareExchange16(SHORT volatile *Target, SHORT Exchange, SHORT Comparand)
{
    return (__atomic_compare_exchange_n(Target, &Comparand, Exchange, 0, UNDIS_SC_, UNDIS_SC_),
            Comparand);
}
UNDIS_INLINE SHORT
InterlockedAnd16(SHORT volatile *Target, SHORT Value)
{
    return __atomic_fetch_and(Target, Value, UNDIS_SC_);
}
UNDIS_INLINE SHORT
InterlockedOr16(SHORT volatile *Target, SHORT Value)
{
    return __atomic_fetch_or(Target, Value, UNDIS_SC_);
}
UNDIS_INLINE SHORT
InterlockedXor16(SHORT volatile *Target, SHORT Value)
{
    return __atomic_fetch_xor(Target, Value, UNDIS_SC_);
}
UNDIS_INLINE LONG
InterlockedIncrement(LONG volatile *Target)
{
    return __atomic_add_fetch(Target, 1, UNDIS_SC_);
}
UNDIS_INLINE LONG
InterlockedDecrement(LONG volatile *Target)
{
    return __atomic_sub_fetch(Target, 1, UNDIS_SC_);
}
UNDIS_INLINE LONG
InterlockedExchange(LONG volatile *Target, LONG Value)
{
    return __atomic_exchange_n(Target, Value, UNDIS_SC_);
}
UNDIS_INLINE LONG
InterlockedCompareExchange(LONG volatile *Target, LONG Exchange, LONG Comparand)
{
    return (__atomic_compare_exchange_n(Target, &Comparand, Exchange, 0, UNDIS_SC_, UNDIS_SC_),
            Comparand);
}
UNDIS_INLINE LONG
InterlockedAnd(LONG volatile *Target, LONG Value)
{
    return __atomic_fetch_and(Target, Value, UNDIS_SC_);
}
UNDIS_INLINE LONG
InterlockedOr(LONG volatile *Target, LONG Value)
{
    return __atomic_fetch_or(Target, Value, UNDIS_SC_);
}
UNDIS_INLINE LONG
InterlockedXor(LONG volatile *Target, LONG Value)
{
    return __atomic_fetch_xor(Target, Value, UNDIS_SC_);
}
UNDIS_INLINE LONG
InterlockedExchangeAdd(LONG volatile *Target, LONG Value)
{
    return __atomic_fetch_add(Target, Value, UNDIS_SC_);
}
UNDIS_INLINE LONG
InterlockedAdd(LONG volatile *Target, LONG Value)
{
    return __atomic_add_fetch(Target, Value, UNDIS_SC_);
}
UNDIS_INLINE LONG64
InterlockedIncrement64(LONG64 volatile *Target)
{
    return __atomic_add_fetch(UNDIS_A64_(Target), 1, UNDIS_SC_);
}
UNDIS_INLINE LONG64
InterlockedDecrement64(LONG64 volatile *Target)
{
    return __atomic_sub_fetch(UNDIS_A64_(Target), 1, UNDIS_SC_);
}
UNDIS_INLINE LONG64
InterlockedExchange64(LONG64 volatile *Target, LONG64 Value)
{
    return __atomic_exchange_n(UNDIS_A64_(Target), Value, UNDIS_SC_);
}
UNDIS_INLINE LONG64
InterlockedCompareExchange64(LONG64 volatile *Target, LONG64 Exchange, LONG64 Comparand)
{
    return (__atomic_compare_exchange_n(UNDIS_A64_(Target), &Comparand, Exchange, 0, UNDIS_SC_,
                                        UNDIS_SC_),
            Comparand);
}
UNDIS_INLINE LONG64
InterlockedAnd64(LONG64 volatile *Target, LONG64 Value)
{
    return __atomic_fetch_and(UNDIS_A64_(Target), Value, UNDIS_SC_);
}
UNDIS_INLINE LONG64
InterlockedOr64(LONG64 volatile *Target, LONG64 Value)
{
    return __atomic_fetch_or(UNDIS_A64_(Target), Value, UNDIS_SC_);
}
UNDIS_INLINE LONG64
InterlockedXor64(LONG64 volatile *Target, LONG64 Value)
{
    return __atomic_fetch_xor(UNDIS_A64_(Target), Value, UNDIS_SC_);
}
UNDIS_INLINE LONG64
InterlockedExchangeAdd64(LONG64 volatile *Target, LONG64 Value)
{
    return __atomic_fetch_add(UNDIS_A64_(Target), Value, UNDIS_SC_);
}
UNDIS_INLINE LONG64
InterlockedAdd64(LONG64 volatile *Target, LONG64 Value)
{
    return __atomic_add_fetch(UNDIS_A64_(Target), Value, UNDIS_SC_);
}
UNDIS_INLINE CHAR
InterlockedExchange8(CHAR volatile *Target, CHAR Value)
{
    return __atomic_exchange_n(Target, Value, UNDIS_SC_);
}
UNDIS_INLINE CHAR
InterlockedAnd8(CHAR volatile *Target, CHAR Value)
{
    return __atomic_fetch_and(Target, Value, UNDIS_SC_);
}
UNDIS_INLINE CHAR
InterlockedOr8(CHAR volatile *Target, CHAR Value)
{
    return __atomic_fetch_or(Target, Value, UNDIS_SC_);
}
UNDIS_INLINE CHAR
InterlockedXor8(CHAR volatile *Target, CHAR Value)
{
    return __atomic_fetch_xor(Target, Value, UNDIS_SC_);
}
UNDIS_INLINE CHAR
InterlockedCompareExchange8(CHAR volatile *Target, CHAR Exchange, CHAR Comparand)
{
    return (__atomic_compare_exchange_n(Target, &Comparand, Exchange, 0, UNDIS_SC_, UNDIS_SC_),
            Comparand);
}
UNDIS_INLINE PVOID
InterlockedExchangePointer(PVOID volatile *Target, PVOID Value)
{
    return __atomic_exchange_n(Target, Value, UNDIS_SC_);
}
UNDIS_INLINE PVOID
InterlockedCompareExchangePointer(PVOID volatile *Destination, PVOID Exchange, PVOID Comparand)
{
    return (__atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, UNDIS_SC_, UNDIS_SC_),
            Comparand);
}
UNDIS_INLINE BOOLEAN
InterlockedBitTestAndSet(LONG volatile *Base, LONG Offset)
{
    return (BOOLEAN)((__atomic_fetch_or(Base, (LONG)(1U << (Offset & 31)), UNDIS_SC_) >>
                      (Offset & 31)) &
                     1);
}
UNDIS_INLINE BOOLEAN
InterlockedBitTestAndReset(LONG volatile *Base, LONG Offset)
{
    return (BOOLEAN)((__atomic_fetch_and(Base, (LONG) ~(1U << (Offset & 31)), UNDIS_SC_) >>
                      (Offset & 31)) &
                     1);
}
UNDIS_INLINE BOOLEAN
InterlockedBitTestAndSet64(LONG64 volatile *Base, LONG64 Offset)
{
    return (
        BOOLEAN)((__atomic_fetch_or(UNDIS_A64_(Base), (LONG64)(1ULL << (Offset & 63)), UNDIS_SC_) >>
                  (Offset & 63)) &
                 1);
}
UNDIS_INLINE BOOLEAN
InterlockedBitTestAndReset64(LONG64 volatile *Base, LONG64 Offset)
{
    return (BOOLEAN)((__atomic_fetch_and(UNDIS_A64_(Base), (LONG64) ~(1ULL << (Offset & 63)),
                                         UNDIS_SC_) >>
                      (Offset & 63)) &
                     1);
}
UNDIS_INLINE BOOLEAN
BitTest(const LONG *Base, LONG Offset)
{
    return (BOOLEAN)((*Base >> (Offset & 31)) & 1);
}
UNDIS_INLINE BOOLEAN
BitTest64(const LONG64 *Base, LONG64 Offset)
{
    return (BOOLEAN)((*Base >> (Offset & 63)) & 1);
}

/* Ordering variants: the full-barrier operation is at least as strong. */
#    define InterlockedIncrementAcquire              InterlockedIncrement
#    define InterlockedIncrementRelease              InterlockedIncrement
#    define InterlockedIncrementNoFence              InterlockedIncrement
#    define InterlockedDecrementAcquire              InterlockedDecrement
#    define InterlockedDecrementRelease              InterlockedDecrement
#    define InterlockedDecrementNoFence              InterlockedDecrement
#    define InterlockedIncrement64Acquire            InterlockedIncrement64
#    define InterlockedIncrementNoFence64            InterlockedIncrement64
#    define InterlockedDecrementNoFence64            InterlockedDecrement64
#    define InterlockedAddNoFence                    InterlockedAdd
#    define InterlockedAddNoFence64                  InterlockedAdd64
#    define InterlockedExchangeAddNoFence            InterlockedExchangeAdd
#    define InterlockedExchangeAddNoFence64          InterlockedExchangeAdd64
#    define InterlockedExchangeNoFence               InterlockedExchange
#    define InterlockedExchangeAcquire               InterlockedExchange
#    define InterlockedExchangeNoFence64             InterlockedExchange64
#    define InterlockedExchangeAcquire64             InterlockedExchange64
#    define InterlockedExchangePointerAcquire        InterlockedExchangePointer
#    define InterlockedExchangePointerNoFence        InterlockedExchangePointer
#    define InterlockedCompareExchangeAcquire        InterlockedCompareExchange
#    define InterlockedCompareExchangeRelease        InterlockedCompareExchange
#    define InterlockedCompareExchangeNoFence        InterlockedCompareExchange
#    define InterlockedCompareExchangeAcquire64      InterlockedCompareExchange64
#    define InterlockedCompareExchangeRelease64      InterlockedCompareExchange64
#    define InterlockedCompareExchangeNoFence64      InterlockedCompareExchange64
#    define InterlockedCompareExchangePointerAcquire InterlockedCompareExchangePointer
#    define InterlockedCompareExchangePointerRelease InterlockedCompareExchangePointer
#    define InterlockedCompareExchangePointerNoFence InterlockedCompareExchangePointer
#    define InterlockedOrNoFence                     InterlockedOr
#    define InterlockedAndNoFence                    InterlockedAnd
#    define InterlockedXorNoFence                    InterlockedXor
#    define InterlockedOr64NoFence                   InterlockedOr64
#    define InterlockedAnd64NoFence                  InterlockedAnd64

/* Pointer-sized integer forms (winnt.h). */
#    define InterlockedExchangeAddSizeT(a, b) \
        ((SIZE_T)InterlockedExchangeAdd64((LONG64 volatile *)(a), (LONG64)(b)))
#    define InterlockedIncrementSizeT(a) ((SIZE_T)InterlockedIncrement64((LONG64 volatile *)(a)))
#    define InterlockedDecrementSizeT(a) ((SIZE_T)InterlockedDecrement64((LONG64 volatile *)(a)))

#    if defined(__SANITIZE_THREAD__)
/* ThreadSanitizer does not model fences (gcc rejects them under -Werror);
 * a sequentially consistent read-modify-write is a full barrier it sees. */
static inline void
undis_rt_full_barrier(void)
{
    static volatile long word;
    (void)__atomic_fetch_add(&word, 0, __ATOMIC_SEQ_CST);
}
#        define MemoryBarrier() undis_rt_full_barrier()
#    else
#        define MemoryBarrier() __atomic_thread_fence(UNDIS_SC_)
#    endif
#    define _ReadWriteBarrier() __atomic_signal_fence(UNDIS_SC_)
#    define _ReadBarrier()      __atomic_signal_fence(UNDIS_SC_)
#    define _WriteBarrier()     __atomic_signal_fence(UNDIS_SC_)
#    if defined(__x86_64__) || defined(__i386__)
#        define YieldProcessor() __builtin_ia32_pause()
#    else
#        define YieldProcessor() __atomic_signal_fence(UNDIS_SC_)
#    endif
#    define PreFetchCacheLine(l, a)   __builtin_prefetch((const void *)(a), 0, 3)
#    define PF_TEMPORAL_LEVEL_1       0
#    define PF_NON_TEMPORAL_LEVEL_ALL 0
#    define ReadForWriteAccess(p)     (*(p))

/* ---- SLIST (out of line: src/rt_slist.c) -------------------------------- */
VOID NTAPI InitializeSListHead(_Out_ PSLIST_HEADER SListHead);
PSLIST_ENTRY NTAPI InterlockedPushEntrySList(_Inout_ PSLIST_HEADER ListHead,
                                             _Inout_ PSLIST_ENTRY ListEntry);
PSLIST_ENTRY NTAPI InterlockedPopEntrySList(_Inout_ PSLIST_HEADER ListHead);
PSLIST_ENTRY NTAPI InterlockedFlushSList(_Inout_ PSLIST_HEADER ListHead);
USHORT NTAPI QueryDepthSList(_In_ PSLIST_HEADER SListHead);
PSLIST_ENTRY NTAPI InterlockedPushListSListEx(_Inout_ PSLIST_HEADER ListHead,
                                              _Inout_ PSLIST_ENTRY List,
                                              _Inout_ PSLIST_ENTRY ListEnd,
                                              _In_ ULONG Count);
#    define FirstEntrySList(SListHead) undis_rt_first_entry_slist(SListHead)
PSLIST_ENTRY undis_rt_first_entry_slist(_In_ const SLIST_HEADER *SListHead);

#endif /* !UNDIS_HAVE_WINNT */

#define KeMemoryBarrier()                  MemoryBarrier()
#define KeMemoryBarrierWithoutFence()      _ReadWriteBarrier()
#define ExInitializeSListHead(h)           InitializeSListHead(h)
#define ExQueryDepthSList(h)               QueryDepthSList(h)
#define ExInterlockedFlushSList(h)         InterlockedFlushSList(h)
#define ExpInterlockedPushEntrySList(h, e) InterlockedPushEntrySList(h, e)
#define ExpInterlockedPopEntrySList(h)     InterlockedPopEntrySList(h)

/* ---- ReadAcquire / WriteRelease / NoFence -------------------------------- */
/* (Defined as macros over undis_rt_* inlines, so they coexist with the
 * versions some Windows SDKs provide.) */

#if defined(__GNUC__) || defined(__clang__)
#    define UNDIS_RT_LOAD_(p, o)     __atomic_load_n(p, o)
#    define UNDIS_RT_STORE_(p, v, o) __atomic_store_n(p, v, o)
#    define UNDIS_RT_ACQ_            __ATOMIC_ACQUIRE
#    define UNDIS_RT_REL_            __ATOMIC_RELEASE
#    define UNDIS_RT_RLX_            __ATOMIC_RELAXED
#else
#    define UNDIS_RT_LOAD_(p, o)     (MemoryBarrier(), *(p))
#    define UNDIS_RT_STORE_(p, v, o) (MemoryBarrier(), (void)(*(p) = (v)), MemoryBarrier())
#    define UNDIS_RT_ACQ_            0
#    define UNDIS_RT_REL_            0
#    define UNDIS_RT_RLX_            0
#endif
UNDIS_INLINE LONG
undis_rt_long_acquire(LONG const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_ACQ_);
}
UNDIS_INLINE LONG
undis_rt_long_nofence(LONG const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_RLX_);
}
UNDIS_INLINE VOID
undis_rt_long_release(LONG volatile *Destination, LONG Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_REL_);
}
UNDIS_INLINE VOID
undis_rt_long_nofence_store(LONG volatile *Destination, LONG Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_RLX_);
}
#undef ReadAcquire
#define ReadAcquire undis_rt_long_acquire
#undef ReadNoFence
#define ReadNoFence undis_rt_long_nofence
#undef WriteRelease
#define WriteRelease undis_rt_long_release
#undef WriteNoFence
#define WriteNoFence undis_rt_long_nofence_store
UNDIS_INLINE LONG64
undis_rt_long64_acquire(LONG64 const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_ACQ_);
}
UNDIS_INLINE LONG64
undis_rt_long64_nofence(LONG64 const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_RLX_);
}
UNDIS_INLINE VOID
undis_rt_long64_release(LONG64 volatile *Destination, LONG64 Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_REL_);
}
UNDIS_INLINE VOID
undis_rt_long64_nofence_store(LONG64 volatile *Destination, LONG64 Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_RLX_);
}
#undef ReadAcquire64
#define ReadAcquire64 undis_rt_long64_acquire
#undef ReadNoFence64
#define ReadNoFence64 undis_rt_long64_nofence
#undef WriteRelease64
#define WriteRelease64 undis_rt_long64_release
#undef WriteNoFence64
#define WriteNoFence64 undis_rt_long64_nofence_store
UNDIS_INLINE PVOID
undis_rt_pointer_acquire(PVOID const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_ACQ_);
}
UNDIS_INLINE PVOID
undis_rt_pointer_nofence(PVOID const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_RLX_);
}
UNDIS_INLINE VOID
undis_rt_pointer_release(PVOID volatile *Destination, PVOID Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_REL_);
}
UNDIS_INLINE VOID
undis_rt_pointer_nofence_store(PVOID volatile *Destination, PVOID Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_RLX_);
}
#undef ReadPointerAcquire
#define ReadPointerAcquire undis_rt_pointer_acquire
#undef ReadPointerNoFence
#define ReadPointerNoFence undis_rt_pointer_nofence
#undef WritePointerRelease
#define WritePointerRelease undis_rt_pointer_release
#undef WritePointerNoFence
#define WritePointerNoFence undis_rt_pointer_nofence_store
UNDIS_INLINE ULONG
undis_rt_ulong_acquire(ULONG const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_ACQ_);
}
UNDIS_INLINE ULONG
undis_rt_ulong_nofence(ULONG const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_RLX_);
}
UNDIS_INLINE VOID
undis_rt_ulong_release(ULONG volatile *Destination, ULONG Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_REL_);
}
UNDIS_INLINE VOID
undis_rt_ulong_nofence_store(ULONG volatile *Destination, ULONG Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_RLX_);
}
#undef ReadULongAcquire
#define ReadULongAcquire undis_rt_ulong_acquire
#undef ReadULongNoFence
#define ReadULongNoFence undis_rt_ulong_nofence
#undef WriteULongRelease
#define WriteULongRelease undis_rt_ulong_release
#undef WriteULongNoFence
#define WriteULongNoFence undis_rt_ulong_nofence_store
UNDIS_INLINE ULONG64
undis_rt_ulong64_acquire(ULONG64 const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_ACQ_);
}
UNDIS_INLINE ULONG64
undis_rt_ulong64_nofence(ULONG64 const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_RLX_);
}
UNDIS_INLINE VOID
undis_rt_ulong64_release(ULONG64 volatile *Destination, ULONG64 Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_REL_);
}
UNDIS_INLINE VOID
undis_rt_ulong64_nofence_store(ULONG64 volatile *Destination, ULONG64 Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_RLX_);
}
#undef ReadULong64Acquire
#define ReadULong64Acquire undis_rt_ulong64_acquire
#undef ReadULong64NoFence
#define ReadULong64NoFence undis_rt_ulong64_nofence
#undef WriteULong64Release
#define WriteULong64Release undis_rt_ulong64_release
#undef WriteULong64NoFence
#define WriteULong64NoFence undis_rt_ulong64_nofence_store
UNDIS_INLINE BOOLEAN
undis_rt_boolean_acquire(BOOLEAN const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_ACQ_);
}
UNDIS_INLINE BOOLEAN
undis_rt_boolean_nofence(BOOLEAN const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_RLX_);
}
UNDIS_INLINE VOID
undis_rt_boolean_release(BOOLEAN volatile *Destination, BOOLEAN Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_REL_);
}
UNDIS_INLINE VOID
undis_rt_boolean_nofence_store(BOOLEAN volatile *Destination, BOOLEAN Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_RLX_);
}
#undef ReadBooleanAcquire
#define ReadBooleanAcquire undis_rt_boolean_acquire
#undef ReadBooleanNoFence
#define ReadBooleanNoFence undis_rt_boolean_nofence
#undef WriteBooleanRelease
#define WriteBooleanRelease undis_rt_boolean_release
#undef WriteBooleanNoFence
#define WriteBooleanNoFence undis_rt_boolean_nofence_store
UNDIS_INLINE UCHAR
undis_rt_uchar_acquire(UCHAR const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_ACQ_);
}
UNDIS_INLINE UCHAR
undis_rt_uchar_nofence(UCHAR const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_RLX_);
}
UNDIS_INLINE VOID
undis_rt_uchar_release(UCHAR volatile *Destination, UCHAR Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_REL_);
}
UNDIS_INLINE VOID
undis_rt_uchar_nofence_store(UCHAR volatile *Destination, UCHAR Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_RLX_);
}
#undef ReadUCharAcquire
#define ReadUCharAcquire undis_rt_uchar_acquire
#undef ReadUCharNoFence
#define ReadUCharNoFence undis_rt_uchar_nofence
#undef WriteUCharRelease
#define WriteUCharRelease undis_rt_uchar_release
#undef WriteUCharNoFence
#define WriteUCharNoFence undis_rt_uchar_nofence_store
UNDIS_INLINE USHORT
undis_rt_ushort_acquire(USHORT const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_ACQ_);
}
UNDIS_INLINE USHORT
undis_rt_ushort_nofence(USHORT const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_RLX_);
}
UNDIS_INLINE VOID
undis_rt_ushort_release(USHORT volatile *Destination, USHORT Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_REL_);
}
UNDIS_INLINE VOID
undis_rt_ushort_nofence_store(USHORT volatile *Destination, USHORT Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_RLX_);
}
#undef ReadUShortAcquire
#define ReadUShortAcquire undis_rt_ushort_acquire
#undef ReadUShortNoFence
#define ReadUShortNoFence undis_rt_ushort_nofence
#undef WriteUShortRelease
#define WriteUShortRelease undis_rt_ushort_release
#undef WriteUShortNoFence
#define WriteUShortNoFence undis_rt_ushort_nofence_store
UNDIS_INLINE SHORT
undis_rt_short_acquire(SHORT const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_ACQ_);
}
UNDIS_INLINE SHORT
undis_rt_short_nofence(SHORT const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_RLX_);
}
UNDIS_INLINE VOID
undis_rt_short_release(SHORT volatile *Destination, SHORT Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_REL_);
}
UNDIS_INLINE VOID
undis_rt_short_nofence_store(SHORT volatile *Destination, SHORT Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_RLX_);
}
#undef ReadShortAcquire
#define ReadShortAcquire undis_rt_short_acquire
#undef ReadShortNoFence
#define ReadShortNoFence undis_rt_short_nofence
#undef WriteShortRelease
#define WriteShortRelease undis_rt_short_release
#undef WriteShortNoFence
#define WriteShortNoFence undis_rt_short_nofence_store
UNDIS_INLINE SIZE_T
undis_rt_sizet_acquire(SIZE_T const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_ACQ_);
}
UNDIS_INLINE SIZE_T
undis_rt_sizet_nofence(SIZE_T const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_RLX_);
}
UNDIS_INLINE VOID
undis_rt_sizet_release(SIZE_T volatile *Destination, SIZE_T Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_REL_);
}
UNDIS_INLINE VOID
undis_rt_sizet_nofence_store(SIZE_T volatile *Destination, SIZE_T Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_RLX_);
}
#undef ReadSizeTAcquire
#define ReadSizeTAcquire undis_rt_sizet_acquire
#undef ReadSizeTNoFence
#define ReadSizeTNoFence undis_rt_sizet_nofence
#undef WriteSizeTRelease
#define WriteSizeTRelease undis_rt_sizet_release
#undef WriteSizeTNoFence
#define WriteSizeTNoFence undis_rt_sizet_nofence_store
UNDIS_INLINE LONG_PTR
undis_rt_longptr_acquire(LONG_PTR const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_ACQ_);
}
UNDIS_INLINE LONG_PTR
undis_rt_longptr_nofence(LONG_PTR const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_RLX_);
}
UNDIS_INLINE VOID
undis_rt_longptr_release(LONG_PTR volatile *Destination, LONG_PTR Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_REL_);
}
UNDIS_INLINE VOID
undis_rt_longptr_nofence_store(LONG_PTR volatile *Destination, LONG_PTR Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_RLX_);
}
#undef ReadLongPtrAcquire
#define ReadLongPtrAcquire undis_rt_longptr_acquire
#undef ReadLongPtrNoFence
#define ReadLongPtrNoFence undis_rt_longptr_nofence
#undef WriteLongPtrRelease
#define WriteLongPtrRelease undis_rt_longptr_release
#undef WriteLongPtrNoFence
#define WriteLongPtrNoFence undis_rt_longptr_nofence_store
UNDIS_INLINE ULONG_PTR
undis_rt_ulongptr_acquire(ULONG_PTR const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_ACQ_);
}
UNDIS_INLINE ULONG_PTR
undis_rt_ulongptr_nofence(ULONG_PTR const volatile *Source)
{
    return UNDIS_RT_LOAD_(Source, UNDIS_RT_RLX_);
}
UNDIS_INLINE VOID
undis_rt_ulongptr_release(ULONG_PTR volatile *Destination, ULONG_PTR Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_REL_);
}
UNDIS_INLINE VOID
undis_rt_ulongptr_nofence_store(ULONG_PTR volatile *Destination, ULONG_PTR Value)
{
    UNDIS_RT_STORE_(Destination, Value, UNDIS_RT_RLX_);
}
#undef ReadULongPtrAcquire
#define ReadULongPtrAcquire undis_rt_ulongptr_acquire
#undef ReadULongPtrNoFence
#define ReadULongPtrNoFence undis_rt_ulongptr_nofence
#undef WriteULongPtrRelease
#define WriteULongPtrRelease undis_rt_ulongptr_release
#undef WriteULongPtrNoFence
#define WriteULongPtrNoFence undis_rt_ulongptr_nofence_store
#undef ReadRaw
#define ReadRaw(Source) (*(Source))
#undef WriteRaw
#define WriteRaw(Destination, Value) ((void)(*(Destination) = (Value)))

/* ---- NDIS forms ------------------------------------------------------------ */
#define NdisInterlockedIncrement(Addend) InterlockedIncrement(Addend)
#define NdisInterlockedDecrement(Addend) InterlockedDecrement(Addend)
#define NdisInterlockedAddLargeStatistic(_Addend, _Increment) \
    ((void)InterlockedExchangeAdd64((LONG64 volatile *)&(_Addend)->QuadPart, (LONG64)(_Increment)))
#define NdisInterlockedExchange(Target, Value) InterlockedExchange(Target, Value)
#define NdisInterlockedCompareExchange(Destination, Exchange, Comparand) \
    InterlockedCompareExchange(Destination, Exchange, Comparand)
#define NdisInitializeSListHead(SListHead) InitializeSListHead(SListHead)
#define NdisQueryDepthSList(SListHead)     QueryDepthSList(SListHead)
#define NdisInterlockedPushEntrySList(SListHead, SListEntry, Lock) \
    InterlockedPushEntrySList(SListHead, SListEntry)
#define NdisInterlockedPopEntrySList(SListHead, Lock) InterlockedPopEntrySList(SListHead)
#define NdisInterlockedFlushSList(SListHead)          InterlockedFlushSList(SListHead)

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_INTERLOCKED_H */
