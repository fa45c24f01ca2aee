/* SPDX-License-Identifier: MIT */
/*
 * rt_platform.h: the operating-system services the kernel runtime (rt_*.c)
 * needs: thread-local storage, a mutex and condition variable, clocks,
 * sleeping, yielding and the processor count. Every OS #ifdef of rt_*.c is
 * here (platform.h keeps those of the data path).
 */
#ifndef UNDIS_RT_PLATFORM_H
#define UNDIS_RT_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#include "platform/platform.h"

/* The runtime's thread-local storage is the library's (platform.h). */
#define UNDIS_RT_THREAD_LOCAL UNDIS_THREAD_LOCAL

#ifdef _WIN32
#    include <windows.h>
typedef SRWLOCK undis_rt_mutex;
typedef CONDITION_VARIABLE undis_rt_cond;
#    define UNDIS_RT_MUTEX_INIT SRWLOCK_INIT
#    define UNDIS_RT_COND_INIT  CONDITION_VARIABLE_INIT
static inline void
undis_rt_mutex_lock(undis_rt_mutex *m)
{
    AcquireSRWLockExclusive(m);
}
static inline void
undis_rt_mutex_unlock(undis_rt_mutex *m)
{
    ReleaseSRWLockExclusive(m);
}
/* Wait at most timeout_ns (UINT64_MAX: forever); spurious wake-ups allowed. */
static inline void
undis_rt_cond_wait(undis_rt_cond *c, undis_rt_mutex *m, uint64_t timeout_ns)
{
    DWORD ms = timeout_ns == UINT64_MAX ? INFINITE : (DWORD)((timeout_ns + 999999u) / 1000000u);
    (void)SleepConditionVariableSRW(c, m, ms, 0);
}
static inline void
undis_rt_cond_broadcast(undis_rt_cond *c)
{
    WakeAllConditionVariable(c);
}
static inline uint64_t
undis_rt_monotonic_ns(void)
{
    LARGE_INTEGER f, c;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (uint64_t)((double)c.QuadPart * 1e9 / (double)f.QuadPart);
}
/* 100 ns units since 1601-01-01 UTC. */
static inline uint64_t
undis_rt_system_time_100ns(void)
{
    FILETIME ft;
    GetSystemTimePreciseAsFileTime(&ft);
    return ((uint64_t)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
}
static inline void
undis_rt_sleep_ns(uint64_t ns)
{
    Sleep((DWORD)((ns + 999999u) / 1000000u));
}
static inline void
undis_rt_yield(void)
{
    SwitchToThread();
}
static inline unsigned
undis_rt_online_cpus(void)
{
    DWORD n = GetActiveProcessorCount(ALL_PROCESSOR_GROUPS);
    return n == 0 ? 1u : (unsigned)n;
}
#else
#    include <pthread.h>
#    include <sched.h>
#    include <time.h>
#    include <unistd.h>
typedef pthread_mutex_t undis_rt_mutex;
typedef pthread_cond_t undis_rt_cond;
#    define UNDIS_RT_MUTEX_INIT PTHREAD_MUTEX_INITIALIZER
#    define UNDIS_RT_COND_INIT  PTHREAD_COND_INITIALIZER
static inline void
undis_rt_mutex_lock(undis_rt_mutex *m)
{
    (void)pthread_mutex_lock(m);
}
static inline void
undis_rt_mutex_unlock(undis_rt_mutex *m)
{
    (void)pthread_mutex_unlock(m);
}
static inline void
undis_rt_cond_wait(undis_rt_cond *c, undis_rt_mutex *m, uint64_t timeout_ns)
{
    struct timespec ts;
    uint64_t ns;
    if (timeout_ns == UINT64_MAX) {
        (void)pthread_cond_wait(c, m);
        return;
    }
    (void)clock_gettime(CLOCK_REALTIME, &ts);
    ns = (uint64_t)ts.tv_nsec + timeout_ns % 1000000000u;
    ts.tv_sec += (time_t)(timeout_ns / 1000000000u + ns / 1000000000u);
    ts.tv_nsec = (long)(ns % 1000000000u);
    (void)pthread_cond_timedwait(c, m, &ts);
}
static inline void
undis_rt_cond_broadcast(undis_rt_cond *c)
{
    (void)pthread_cond_broadcast(c);
}
static inline uint64_t
undis_rt_monotonic_ns(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
static inline uint64_t
undis_rt_system_time_100ns(void)
{
    /* Seconds from 1601-01-01 to 1970-01-01. */
    const uint64_t epoch_delta = 11644473600u;
    struct timespec ts;
    (void)clock_gettime(CLOCK_REALTIME, &ts);
    return ((uint64_t)ts.tv_sec + epoch_delta) * 10000000u + (uint64_t)ts.tv_nsec / 100u;
}
static inline void
undis_rt_sleep_ns(uint64_t ns)
{
    struct timespec ts;
    ts.tv_sec = (time_t)(ns / 1000000000u);
    ts.tv_nsec = (long)(ns % 1000000000u);
    while (nanosleep(&ts, &ts) != 0) {
    }
}
static inline void
undis_rt_yield(void)
{
    (void)sched_yield();
}
static inline unsigned
undis_rt_online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1u : (unsigned)n;
}
#endif

#endif /* UNDIS_RT_PLATFORM_H */
