/* SPDX-License-Identifier: MIT */
/*
 * platform.h: every operating-system and compiler difference of undis's
 * library, behind one interface. No other file of src/ tests a compiler or
 * an operating system; they use what this header defines:
 *
 *   compiler   UNDIS_LIKELY, UNDIS_NOINLINE, UNDIS_ALWAYS_INLINE, UNDIS_COLD,
 *              UNDIS_NORETURN, UNDIS_PRINTF, UNDIS_THREAD_LOCAL,
 *              UNDIS_BIG_ENDIAN, UNDIS_FORMAT_NONLITERAL_OK
 *   atomics    undis__atomic_* (typed) and UNDIS_ATOMIC_* (any integer width)
 *   locks      undis__spinlock (slow paths), undis__mutex + undis__cond
 *              (the kernel runtime's waits)
 *   once       undis__once: run a function exactly once, whatever the
 *              number of threads racing to it
 *   threads    yield, a thread-exit callback, sleep, the processor count,
 *              starting a detached thread (the kernel runtime's workers)
 *              and ending the calling one (system threads)
 *   callers    UNDIS_RETURN_ADDRESS: where a call came from (leak sites)
 *   clocks     monotonic nanoseconds, the UTC system time in 100 ns units
 *   processor  undis__plat_cpu_features() and the UNDIS_TARGET_* attributes
 *              for code built for one x86 vector extension
 *   memory     undis__sys_alloc / undis__sys_free (alloc.c only)
 *
 * The out-of-line part is portable C in platform.c plus one file per
 * operating system, chosen when the build is configured: posix.c, or
 * win32.c on Windows (CMakeLists.txt). Threads and IRQL: everything here is
 * callable from any thread; nothing here knows about IRQL.
 */
#ifndef UNDIS_PLATFORM_H
#define UNDIS_PLATFORM_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* ---- compiler -------------------------------------------------------------- */

/* MinGW: the library is built with __USE_MINGW_ANSI_STDIO=1 (CMakeLists.txt),
 * so its printf family takes C99 conversions (%zu, %llu); the format checks
 * follow (GCC would check MinGW's printf against the Microsoft C runtime's
 * conversions otherwise). */
#if defined(__MINGW32__)
#    include <stdio.h>
#    define UNDIS__PRINTF_KIND __MINGW_PRINTF_FORMAT
#else
#    define UNDIS__PRINTF_KIND printf
#endif

#if defined(__GNUC__) || defined(__clang__)
#    define UNDIS_COLD                 __attribute__((cold, noinline))
#    define UNDIS_NOINLINE             __attribute__((noinline))
#    define UNDIS_NORETURN             __attribute__((noreturn))
#    define UNDIS_ALWAYS_INLINE        __attribute__((always_inline)) static inline
#    define UNDIS_LIKELY(x)            __builtin_expect(!!(x), 1)
#    define UNDIS_UNLIKELY(x)          __builtin_expect(!!(x), 0)
#    define UNDIS_PRINTF(f, a)         __attribute__((format(UNDIS__PRINTF_KIND, f, a)))
/* Put first in a file that hands printf a format it built itself. */
#    define UNDIS_FORMAT_NONLITERAL_OK _Pragma("GCC diagnostic ignored \"-Wformat-nonliteral\"")
#    define UNDIS__GNU_ATOMICS         1
#    define UNDIS_RETURN_ADDRESS()     __builtin_return_address(0)
#elif defined(_MSC_VER)
#    define UNDIS_COLD          __declspec(noinline)
#    define UNDIS_NOINLINE      __declspec(noinline)
#    define UNDIS_NORETURN      __declspec(noreturn)
#    define UNDIS_ALWAYS_INLINE static __forceinline
#    define UNDIS_LIKELY(x)     (x)
#    define UNDIS_UNLIKELY(x)   (x)
#    define UNDIS_PRINTF(f, a)
#    define UNDIS_FORMAT_NONLITERAL_OK
#    define UNDIS__GNU_ATOMICS 0
#    include <intrin.h>
#    define UNDIS_RETURN_ADDRESS() _ReturnAddress()
#else
#    error "undis needs GCC, Clang or MSVC (atomics and thread-local storage)"
#endif

#if defined(_MSC_VER) && !defined(__clang__)
#    define UNDIS_THREAD_LOCAL __declspec(thread)
#else
#    define UNDIS_THREAD_LOCAL _Thread_local
#endif

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#    define UNDIS_BIG_ENDIAN 1
#else
#    define UNDIS_BIG_ENDIAN 0
#endif

/*
 * x86-64 vector code: UNDIS_HAVE_X86_SIMD is 1 where <immintrin.h> and
 * per-function target attributes are available; functions marked
 * UNDIS_TARGET_AVX2 or UNDIS_TARGET_AVX512 may use those instructions and
 * must run only when undis__plat_cpu_features() has the matching bit.
 * SSE2 is part of x86-64, so UNDIS_TARGET_SSE2 adds nothing.
 */
#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#    define UNDIS_HAVE_X86_SIMD 1
#    define UNDIS_TARGET_SSE2
#    define UNDIS_TARGET_AVX2   __attribute__((target("avx2")))
#    define UNDIS_TARGET_AVX512 __attribute__((target("avx512f")))
#else
#    define UNDIS_HAVE_X86_SIMD 0
#    define UNDIS_TARGET_SSE2
#    define UNDIS_TARGET_AVX2
#    define UNDIS_TARGET_AVX512
#endif

/* ---- processor ------------------------------------------------------------- */

#define UNDIS_CPU_SSE2    0x1u /* always set on x86-64 */
#define UNDIS_CPU_AVX2    0x2u
#define UNDIS_CPU_AVX512F 0x4u

/*
 * The vector extensions this processor has and the operating system saves
 * (UNDIS_CPU_* bits; 0 off x86-64). Found on the first call, then cached.
 * Any thread.
 */
unsigned undis__plat_cpu_features(void);

/* ---- atomics --------------------------------------------------------------- */

/*
 * UNDIS_ATOMIC_*: atomic operations on an integer object of 4 or 8 bytes,
 * of whichever type (Windows' LONG, ULONG, ULONG_PTR as well as C's). CAS
 * takes a pointer to the expected value, which it updates on failure, and
 * yields non-zero on success.
 */
#if UNDIS__GNU_ATOMICS
#    define UNDIS_ATOMIC_LOAD_RELAXED(p)         __atomic_load_n((p), __ATOMIC_RELAXED)
#    define UNDIS_ATOMIC_LOAD_ACQUIRE(p)         __atomic_load_n((p), __ATOMIC_ACQUIRE)
#    define UNDIS_ATOMIC_STORE_RELAXED(p, v)     __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#    define UNDIS_ATOMIC_STORE_RELEASE(p, v)     __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#    define UNDIS_ATOMIC_EXCHANGE_ACQUIRE(p, v)  __atomic_exchange_n((p), (v), __ATOMIC_ACQUIRE)
#    define UNDIS_ATOMIC_FETCH_ADD_RELAXED(p, v) __atomic_fetch_add((p), (v), __ATOMIC_RELAXED)
#    define UNDIS_ATOMIC_FETCH_SUB_RELEASE(p, v) __atomic_fetch_sub((p), (v), __ATOMIC_RELEASE)
/* a reference count's drop: the last one sees every earlier drop's writes */
#    define UNDIS_ATOMIC_FETCH_SUB_ACQ_REL(p, v) __atomic_fetch_sub((p), (v), __ATOMIC_ACQ_REL)
#    define UNDIS_ATOMIC_CAS_ACQUIRE(p, e, d) \
        __atomic_compare_exchange_n((p), (e), (d), 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)
#    define UNDIS_ATOMIC_CAS_RELAXED(p, e, d) \
        __atomic_compare_exchange_n((p), (e), (d), 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED)
/* sequentially consistent: a store-then-load handshake between two threads */
#    define UNDIS_ATOMIC_FETCH_ADD_SEQ_CST(p, v) __atomic_fetch_add((p), (v), __ATOMIC_SEQ_CST)
#    define UNDIS_ATOMIC_LOAD_SEQ_CST(p)         __atomic_load_n((p), __ATOMIC_SEQ_CST)
#    define UNDIS_ATOMIC_STORE_SEQ_CST(p, v)     __atomic_store_n((p), (v), __ATOMIC_SEQ_CST)
#else
/* MSVC: the Interlocked intrinsics (full barriers) chosen by the width. */
#    include <intrin.h>
#    include <string.h>
static inline int64_t
undis__msvc_add(volatile void *p, int64_t v, size_t size)
{
    return size == 8 ? _InterlockedExchangeAdd64((volatile __int64 *)p, v)
                     : (int64_t)_InterlockedExchangeAdd((volatile long *)p, (long)v);
}
static inline int64_t
undis__msvc_xchg(volatile void *p, int64_t v, size_t size)
{
    return size == 8 ? _InterlockedExchange64((volatile __int64 *)p, v)
                     : (int64_t)_InterlockedExchange((volatile long *)p, (long)v);
}
static inline int
undis__msvc_cas(volatile void *p, void *expected, int64_t desired, size_t size)
{
    if (size == 8) {
        __int64 e, old;
        memcpy(&e, expected, 8);
        old = _InterlockedCompareExchange64((volatile __int64 *)p, desired, e);
        memcpy(expected, &old, 8);
        return old == e;
    } else {
        long e, old;
        memcpy(&e, expected, 4);
        old = _InterlockedCompareExchange((volatile long *)p, (long)desired, e);
        memcpy(expected, &old, 4);
        return old == e;
    }
}
#    define UNDIS_ATOMIC_LOAD_RELAXED(p) (*(p))
#    define UNDIS_ATOMIC_LOAD_ACQUIRE(p) (_ReadWriteBarrier(), *(p))
#    define UNDIS_ATOMIC_STORE_RELAXED(p, v) \
        ((void)undis__msvc_xchg((p), (int64_t)(v), sizeof(*(p))))
#    define UNDIS_ATOMIC_STORE_RELEASE(p, v)     UNDIS_ATOMIC_STORE_RELAXED(p, v)
#    define UNDIS_ATOMIC_EXCHANGE_ACQUIRE(p, v)  undis__msvc_xchg((p), (int64_t)(v), sizeof(*(p)))
#    define UNDIS_ATOMIC_FETCH_ADD_RELAXED(p, v) undis__msvc_add((p), (int64_t)(v), sizeof(*(p)))
#    define UNDIS_ATOMIC_FETCH_SUB_RELEASE(p, v) undis__msvc_add((p), -(int64_t)(v), sizeof(*(p)))
#    define UNDIS_ATOMIC_FETCH_SUB_ACQ_REL(p, v) undis__msvc_add((p), -(int64_t)(v), sizeof(*(p)))
#    define UNDIS_ATOMIC_CAS_ACQUIRE(p, e, d)    undis__msvc_cas((p), (e), (int64_t)(d), sizeof(*(p)))
#    define UNDIS_ATOMIC_CAS_RELAXED(p, e, d)    UNDIS_ATOMIC_CAS_ACQUIRE(p, e, d)
/* the Interlocked calls are full barriers; a load is one by adding zero */
#    define UNDIS_ATOMIC_FETCH_ADD_SEQ_CST(p, v) undis__msvc_add((p), (int64_t)(v), sizeof(*(p)))
#    define UNDIS_ATOMIC_LOAD_SEQ_CST(p)         undis__msvc_add((p), 0, sizeof(*(p)))
#    define UNDIS_ATOMIC_STORE_SEQ_CST(p, v) \
        ((void)undis__msvc_xchg((p), (int64_t)(v), sizeof(*(p))))
#endif

/* Relaxed counters (statistics, fault countdowns); add returns the new value. */
static inline uint64_t
undis__atomic_add_u64(volatile uint64_t *p, uint64_t v)
{
    return (uint64_t)UNDIS_ATOMIC_FETCH_ADD_RELAXED(p, v) + v;
}
static inline uint64_t
undis__atomic_load_u64(volatile uint64_t *p)
{
    return (uint64_t)UNDIS_ATOMIC_LOAD_RELAXED(p);
}
static inline void
undis__atomic_store_u64(volatile uint64_t *p, uint64_t v)
{
    UNDIS_ATOMIC_STORE_RELAXED(p, v);
}
static inline int
undis__atomic_cas_u64(volatile uint64_t *p, uint64_t *expected, uint64_t desired)
{
    return UNDIS_ATOMIC_CAS_RELAXED(p, expected, desired);
}

/* Flags and levels read on hot paths: a relaxed load is a plain load. */
static inline int
undis__atomic_load_relaxed_int(const volatile int *p)
{
    return (int)UNDIS_ATOMIC_LOAD_RELAXED(p);
}
static inline void
undis__atomic_store_relaxed_int(volatile int *p, int v)
{
    UNDIS_ATOMIC_STORE_RELAXED(p, v);
}
static inline int
undis__atomic_exchange_int(volatile int *p, int v)
{
    return (int)UNDIS_ATOMIC_EXCHANGE_ACQUIRE(p, v);
}

/* A handshake (each side stores its word, then loads the other's): both
 * sequentially consistent, so that at least one side sees the other. */
static inline int
undis__atomic_add_seq_cst_int(volatile int *p, int v)
{
    return (int)UNDIS_ATOMIC_FETCH_ADD_SEQ_CST(p, v) + v;
}
static inline int
undis__atomic_load_seq_cst_int(volatile int *p)
{
    return (int)UNDIS_ATOMIC_LOAD_SEQ_CST(p);
}
static inline void
undis__atomic_store_seq_cst_int(volatile int *p, int v)
{
    UNDIS_ATOMIC_STORE_SEQ_CST(p, v);
}

/* Publication: a release store pairs with an acquire load of the same word. */
static inline int
undis__atomic_load_acquire_int(volatile int *p)
{
    return (int)UNDIS_ATOMIC_LOAD_ACQUIRE(p);
}
static inline void
undis__atomic_store_release_int(volatile int *p, int v)
{
    UNDIS_ATOMIC_STORE_RELEASE(p, v);
}
static inline void *
undis__atomic_load_acquire_ptr(void *const volatile *p)
{
    return (void *)UNDIS_ATOMIC_LOAD_ACQUIRE(p);
}
static inline void
undis__atomic_store_release_ptr(void *volatile *p, void *v)
{
#if UNDIS__GNU_ATOMICS
    __atomic_store_n(p, v, __ATOMIC_RELEASE);
#else
    (void)_InterlockedExchangePointer((void *volatile *)p, v);
#endif
}
static inline void
undis__atomic_store_relaxed_uptr(volatile uintptr_t *p, uintptr_t v)
{
    UNDIS_ATOMIC_STORE_RELAXED(p, v);
}

/* ---- spin lock --------------------------------------------------------------- */

/* For the slow paths (depot exchange, pool registry). Held for a bounded
 * number of instructions; a waiter spins, then yields. Zero is unlocked. */
typedef struct undis__spinlock {
    volatile int locked;
} undis__spinlock;

void undis__spin_lock_slow(undis__spinlock *lock);

static inline int
undis__spin_try(undis__spinlock *lock)
{
    return UNDIS_ATOMIC_EXCHANGE_ACQUIRE(&lock->locked, 1) == 0;
}

static inline void
undis__spin_unlock(undis__spinlock *lock)
{
    UNDIS_ATOMIC_STORE_RELEASE(&lock->locked, 0);
}

static inline void
undis__spin_lock(undis__spinlock *lock)
{
    if (!undis__spin_try(lock)) {
        undis__spin_lock_slow(lock);
    }
}

/* ---- once -------------------------------------------------------------------- */

/* Zero-initialised (UNDIS__ONCE_INIT); 1 while running, 2 when done. */
typedef struct undis__once {
    volatile int state;
} undis__once;
#define UNDIS__ONCE_INIT \
    {                    \
        0                \
    }

void undis__once_run_slow(undis__once *once, void (*fn)(void));

/*
 * undis__once_run - call fn exactly once for `once`. Every caller returns
 * after fn has returned (in whichever thread ran it) and sees what fn
 * wrote. Costs one acquire load (a plain load on x86) once done. fn must
 * not call undis__once_run on the same `once` (it would wait for itself).
 */
static inline void
undis__once_run(undis__once *once, void (*fn)(void))
{
    if (UNDIS_UNLIKELY(undis__atomic_load_acquire_int(&once->state) != 2)) {
        undis__once_run_slow(once, fn);
    }
}

/* ---- threads ----------------------------------------------------------------- */

/* Gives the processor to another thread (used by spinning waiters). */
void undis__thread_yield(void);

/* undis__process_id - the operating system's id of this process (compat-a:
 * PsGetCurrentProcessId). */
unsigned long undis__process_id(void);

/*
 * undis__thread_exit_register - arrange for undis__thread_exit(state, ...)
 * to run when the calling thread exits (a pthread key destructor on POSIX,
 * a fiber-local-storage callback on Windows). state must be heap memory, not
 * thread-local storage: on some platforms (MinGW's emulated TLS, macOS) the
 * thread's TLS may be gone when the callback runs. A later call on the same
 * thread replaces state. Returns 0 when it cannot be registered.
 */
int undis__thread_exit_register(void *state);

/*
 * Defined by the per-thread caches (pool.c). tls_alive is non-zero when the
 * calling thread's thread-local variables may still be read and written
 * (POSIX), 0 when they may already be gone (Windows).
 */
void undis__thread_exit(void *state, int tls_alive);

/* Sleeps at least ns nanoseconds. */
void undis__sleep_ns(uint64_t ns);

/*
 * undis__thread_start - run fn(arg) on a new detached thread (it is never
 * joined: the kernel runtime's DPC, timer and work-item workers live as
 * long as the process). Returns 0 when the system refuses a thread.
 */
int undis__thread_start(void (*fn)(void *arg), void *arg);

/*
 * undis__thread_end_self - end the calling thread at once, from any depth of
 * its calls (pthread_exit on POSIX, ExitThread on Windows): the frames above
 * are abandoned, the thread-exit callbacks (undis__thread_exit_register) run.
 * Only for a thread undis__thread_start started (PsTerminateSystemThread);
 * the caller has finished its own bookkeeping first. Never returns.
 */
UNDIS_NORETURN void undis__thread_end_self(void);

/*
 * undis__plat_describe_address - where code at addr lives, for reports:
 * "module+0xoffset (symbol+0xoffset)" as far as the system knows it (an
 * exported symbol only), else "" . Writes at most cap bytes, NUL-terminated.
 */
void undis__plat_describe_address(const void *addr, char *out, size_t cap);

/* Processors online (at least 1). */
unsigned undis__online_cpus(void);

/*
 * undis__thread_spawn - run fn(arg) on a new, joinable thread of its own
 * (the driver host's completion worker: a pended operation completes from
 * another thread, as NDIS's workers complete it). Returns 1 and *out, or 0
 * when no thread could be made (*out NULL). undis__thread_join waits for fn
 * to return and frees the thread; each spawned thread is joined once.
 */
typedef struct undis__thread undis__thread;
int undis__thread_spawn(undis__thread **out, void (*fn)(void *), void *arg);
void undis__thread_join(undis__thread *thread);

/* ---- clocks ------------------------------------------------------------------ */

/* A monotonic clock in nanoseconds (arbitrary origin). */
uint64_t undis__clock_monotonic_ns(void);

/* UTC, in 100 ns units since 1601-01-01 (Windows' system time). */
uint64_t undis__clock_system_100ns(void);

/* ---- call stacks (stack.c) ------------------------------------------------ */

/* Up to max return addresses of the caller's stack, skipping the skip
 * innermost frames above the caller; the count (0 where unsupported). */
int undis__stack_capture(void **frames, int max, int skip);
/* The base of the loaded module (executable or shared object) holding pc,
 * NULL when unknown. */
const void *undis__stack_module(const void *pc);
/* "module+0xoffset (symbol+0xoffset)" for pc into buf; snprintf's result. */
int undis__stack_describe(const void *pc, char *buf, size_t size);

/* ---- guarded buffers (guard.c) -------------------------------------------- */

/* size bytes that end where an inaccessible page begins (a read or write
 * past them faults); NULL when memory runs out. Free with undis__guard_free
 * and the same size. */
void *undis__guard_alloc(size_t size);
void undis__guard_free(void *p, size_t size);

/* ---- mutex and condition variable -------------------------------------------- */

/*
 * Blocking locks for the kernel runtime's waits (rt_sync.c). Statically
 * initialised with UNDIS__MUTEX_INIT / UNDIS__COND_INIT; never destroyed.
 */
#if defined(_WIN32)
typedef struct undis__mutex {
    void *opaque; /* an SRWLOCK */
} undis__mutex;
typedef struct undis__cond {
    void *opaque; /* a CONDITION_VARIABLE */
} undis__cond;
#    define UNDIS__MUTEX_INIT \
        {                     \
            NULL              \
        }
#    define UNDIS__COND_INIT \
        {                    \
            NULL             \
        }
#else
#    include <pthread.h>
typedef pthread_mutex_t undis__mutex;
typedef pthread_cond_t undis__cond;
#    define UNDIS__MUTEX_INIT PTHREAD_MUTEX_INITIALIZER
#    define UNDIS__COND_INIT  PTHREAD_COND_INITIALIZER
#endif

/* For a mutex or condition variable not statically initialised (an array). */
void undis__mutex_init(undis__mutex *m);
void undis__cond_init(undis__cond *c);
void undis__mutex_lock(undis__mutex *m);
void undis__mutex_unlock(undis__mutex *m);
/* Waits at most timeout_ns (UINT64_MAX: forever); spurious wake-ups happen. */
void undis__cond_wait(undis__cond *c, undis__mutex *m, uint64_t timeout_ns);
void undis__cond_broadcast(undis__cond *c);

/* ---- raw memory ---------------------------------------------------------------- */

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
