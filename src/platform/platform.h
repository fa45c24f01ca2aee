/* SPDX-License-Identifier: MIT */
/*
 * platform.h: every operating-system and compiler difference undis needs,
 * in one place. Nothing else in src/ has an OS #ifdef.
 */
#ifndef UNDIS_PLATFORM_H
#define UNDIS_PLATFORM_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__GNUC__) || defined(__clang__)
#    define UNDIS_COLD         __attribute__((cold, noinline))
#    define UNDIS_NOINLINE     __attribute__((noinline))
#    define UNDIS_NORETURN     __attribute__((noreturn))
#    define UNDIS_LIKELY(x)    __builtin_expect(!!(x), 1)
#    define UNDIS_UNLIKELY(x)  __builtin_expect(!!(x), 0)
#    define UNDIS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#elif defined(_MSC_VER)
#    define UNDIS_COLD        __declspec(noinline)
#    define UNDIS_NOINLINE    __declspec(noinline)
#    define UNDIS_NORETURN    __declspec(noreturn)
#    define UNDIS_LIKELY(x)   (x)
#    define UNDIS_UNLIKELY(x) (x)
#    define UNDIS_PRINTF(f, a)
#else
#    define UNDIS_COLD
#    define UNDIS_NOINLINE
#    define UNDIS_NORETURN
#    define UNDIS_LIKELY(x)   (x)
#    define UNDIS_UNLIKELY(x) (x)
#    define UNDIS_PRINTF(f, a)
#endif

/* MinGW: formats are checked against the C99 printf of
 * __USE_MINGW_ANSI_STDIO=1 (set by the build: %zu, %llu), not msvcrt's. */
#if defined(__MINGW32__) && defined(__GNUC__) && !defined(__clang__)
#    undef UNDIS_PRINTF
#    define UNDIS_PRINTF(f, a) __attribute__((format(gnu_printf, f, a)))
#endif

/* Relaxed atomic counters (statistics and fault-injection counters). */
#if defined(_MSC_VER) && !defined(__clang__)
#    include <intrin.h>
static inline uint64_t
undis__atomic_add_u64(volatile uint64_t *p, uint64_t v)
{
    return (uint64_t)_InterlockedExchangeAdd64((volatile long long *)p, (long long)v) + v;
}
static inline uint64_t
undis__atomic_load_u64(volatile uint64_t *p)
{
    return (uint64_t)_InterlockedOr64((volatile long long *)p, 0);
}
static inline int
undis__atomic_load_acquire_int(volatile int *p)
{
    return (int)_InterlockedOr((volatile long *)p, 0);
}
static inline void *
undis__atomic_load_acquire_ptr(void *const volatile *p)
{
    void *v = *p;
    _ReadWriteBarrier();
    return v;
}
static inline void
undis__atomic_store_release_ptr(void *volatile *p, void *v)
{
    _InterlockedExchangePointer((void *volatile *)p, v);
}
static inline int
undis__atomic_cas_u64(volatile uint64_t *p, uint64_t *expected, uint64_t desired)
{
    uint64_t old = (uint64_t)_InterlockedCompareExchange64(
        (volatile long long *)p, (long long)desired, (long long)*expected);
    if (old == *expected) {
        return 1;
    }
    *expected = old;
    return 0;
}
static inline void
undis__atomic_store_release_int(volatile int *p, int v)
{
    _InterlockedExchange((volatile long *)p, v);
}
#else
static inline uint64_t
undis__atomic_add_u64(volatile uint64_t *p, uint64_t v)
{
    return __atomic_add_fetch(p, v, __ATOMIC_RELAXED);
}
static inline uint64_t
undis__atomic_load_u64(volatile uint64_t *p)
{
    return __atomic_load_n(p, __ATOMIC_RELAXED);
}
static inline int
undis__atomic_load_acquire_int(volatile int *p)
{
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}
static inline int
undis__atomic_cas_u64(volatile uint64_t *p, uint64_t *expected, uint64_t desired)
{
    return __atomic_compare_exchange_n(p, expected, desired, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}
static inline void *
undis__atomic_load_acquire_ptr(void *const volatile *p)
{
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}
static inline void
undis__atomic_store_release_ptr(void *volatile *p, void *v)
{
    __atomic_store_n(p, v, __ATOMIC_RELEASE);
}
static inline void
undis__atomic_store_release_int(volatile int *p, int v)
{
    __atomic_store_n(p, v, __ATOMIC_RELEASE);
}
#endif

/* Thread-local storage for the per-thread caches. */
#if defined(_MSC_VER) && !defined(__clang__)
#    define UNDIS_THREAD_LOCAL __declspec(thread)
#else
#    define UNDIS_THREAD_LOCAL _Thread_local
#endif

/* Spin lock for the slow paths (depot exchange, pool registry). Held for a
 * bounded number of instructions; a waiter spins, then yields. */
typedef struct undis__spinlock {
    volatile int locked;
} undis__spinlock;

void undis__spin_lock_slow(undis__spinlock *lock);

#if defined(_MSC_VER) && !defined(__clang__)
static inline int
undis__spin_try(undis__spinlock *lock)
{
    return _InterlockedExchange((volatile long *)&lock->locked, 1) == 0;
}
static inline void
undis__spin_unlock(undis__spinlock *lock)
{
    _InterlockedExchange((volatile long *)&lock->locked, 0);
}
#else
static inline int
undis__spin_try(undis__spinlock *lock)
{
    return __atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE) == 0;
}
static inline void
undis__spin_unlock(undis__spinlock *lock)
{
    __atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}
#endif

static inline void
undis__spin_lock(undis__spinlock *lock)
{
    if (!undis__spin_try(lock)) {
        undis__spin_lock_slow(lock);
    }
}

/* Gives the processor to another thread (used only by a spinning waiter). */
void undis__thread_yield(void);

/*
 * Arranges for undis__thread_exit(arg) to run when the calling thread exits
 * (registered once per thread by the per-thread caches, which define
 * undis__thread_exit). Returns 0 when it cannot be registered.
 */
int undis__thread_exit_register(void *arg);
void undis__thread_exit(void *arg);

/* Raw system memory; only alloc.c calls these. Blocks are 16-aligned. */
static inline void *
undis__sys_alloc(size_t size)
{
    return malloc(size);
}

static inline void
undis__sys_free(void *p)
{
    free(p);
}

#endif /* UNDIS_PLATFORM_H */
