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
#    define UNDIS_NORETURN     __attribute__((noreturn))
#    define UNDIS_LIKELY(x)    __builtin_expect(!!(x), 1)
#    define UNDIS_UNLIKELY(x)  __builtin_expect(!!(x), 0)
#    define UNDIS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#elif defined(_MSC_VER)
#    define UNDIS_COLD        __declspec(noinline)
#    define UNDIS_NORETURN    __declspec(noreturn)
#    define UNDIS_LIKELY(x)   (x)
#    define UNDIS_UNLIKELY(x) (x)
#    define UNDIS_PRINTF(f, a)
#else
#    define UNDIS_COLD
#    define UNDIS_NORETURN
#    define UNDIS_LIKELY(x)   (x)
#    define UNDIS_UNLIKELY(x) (x)
#    define UNDIS_PRINTF(f, a)
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
#endif

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
