/* SPDX-License-Identifier: MIT */
/*
 * bench_os.c: undis-bench's OS calls (see bench_os.h). Each function picks
 * the implementation bench/CMakeLists.txt found at configure time:
 *
 *   pinning   pthread_setaffinity_np (Linux, glibc)  BENCH_HAVE_PTHREAD_SETAFFINITY_NP
 *             SetThreadAffinityMask (Windows)         BENCH_HAVE_SETTHREADAFFINITYMASK
 *             none (macOS and others: runs unpinned)
 *   CPUs      sysconf(_SC_NPROCESSORS_ONLN)           BENCH_HAVE_SC_NPROCESSORS_ONLN
 *             GetSystemInfo (Windows)
 *   clock     clock_gettime(CLOCK_MONOTONIC)          BENCH_HAVE_CLOCK_GETTIME
 *             QueryPerformanceCounter (Windows)
 *   aligned   aligned_alloc (C11)                     BENCH_HAVE_ALIGNED_ALLOC
 *             _aligned_malloc (Windows CRT)           BENCH_HAVE_ALIGNED_MALLOC
 *             posix_memalign                          BENCH_HAVE_POSIX_MEMALIGN
 */
#if defined(BENCH_HAVE_PTHREAD_SETAFFINITY_NP) && !defined(_GNU_SOURCE)
#    define _GNU_SOURCE /* pthread_setaffinity_np, CPU_SET */
#endif
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE) && !defined(_GNU_SOURCE)
#    define _POSIX_C_SOURCE 200809L /* clock_gettime, posix_memalign, sysconf */
#endif
#include "bench_os.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(_WIN32)
#    ifndef WIN32_LEAN_AND_MEAN
#        define WIN32_LEAN_AND_MEAN
#    endif
#    include <windows.h>
#endif
#if defined(BENCH_HAVE_ALIGNED_MALLOC)
#    include <malloc.h>
#endif
#if defined(BENCH_HAVE_PTHREAD_SETAFFINITY_NP)
#    include <pthread.h>
#    include <sched.h>
#endif
#if defined(BENCH_HAVE_CLOCK_GETTIME)
#    include <time.h>
#endif
#if defined(BENCH_HAVE_SC_NPROCESSORS_ONLN)
#    include <unistd.h>
#endif

uint64_t
bench_os_now_ns(void)
{
#if defined(BENCH_HAVE_CLOCK_GETTIME)
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
#elif defined(_WIN32)
    static LARGE_INTEGER freq;
    LARGE_INTEGER now;
    if (freq.QuadPart == 0) {
        QueryPerformanceFrequency(&freq);
    }
    QueryPerformanceCounter(&now);
    return (uint64_t)((double)now.QuadPart * 1e9 / (double)freq.QuadPart);
#else
#    error "bench_os.c: no monotonic clock (clock_gettime or QueryPerformanceCounter)"
#endif
}

uint64_t
bench_os_thread_cpu_ns(void)
{
#if defined(BENCH_HAVE_CLOCK_GETTIME) && defined(CLOCK_THREAD_CPUTIME_ID)
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0) {
        return 0;
    }
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
#else
    return 0; /* not available: callers show wall time only */
#endif
}

int
bench_os_cpu_count(void)
{
    long n = 1;
#if defined(BENCH_HAVE_SC_NPROCESSORS_ONLN)
    n = sysconf(_SC_NPROCESSORS_ONLN);
#elif defined(_WIN32)
    SYSTEM_INFO info;
    GetSystemInfo(&info);
    n = (long)info.dwNumberOfProcessors;
#endif
    return n < 1 ? 1 : (int)n;
}

int
bench_os_pin_self(int cpu)
{
#if defined(BENCH_HAVE_PTHREAD_SETAFFINITY_NP)
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET((size_t)cpu, &set);
    return pthread_setaffinity_np(pthread_self(), sizeof(set), &set) == 0 ? 0 : -1;
#elif defined(BENCH_HAVE_SETTHREADAFFINITYMASK)
    if (cpu < 0 || (size_t)cpu >= sizeof(DWORD_PTR) * 8) {
        return -1;
    }
    return SetThreadAffinityMask(GetCurrentThread(), (DWORD_PTR)1 << cpu) != 0 ? 0 : -1;
#else
    (void)cpu;
    return -1;
#endif
}

const char *
bench_os_pin_method(void)
{
#if defined(BENCH_HAVE_PTHREAD_SETAFFINITY_NP)
    return "pthread_setaffinity_np";
#elif defined(BENCH_HAVE_SETTHREADAFFINITYMASK)
    return "SetThreadAffinityMask";
#else
    return "none (this OS has no CPU affinity call undis-bench knows)";
#endif
}

void *
bench_os_aligned_alloc(size_t align, size_t size)
{
    /* Sizes rounded up to the alignment, as C11 aligned_alloc wants. */
    size_t rounded = (size + align - 1) & ~(align - 1);
#if defined(BENCH_HAVE_ALIGNED_MALLOC)
    return _aligned_malloc(rounded, align);
#elif defined(BENCH_HAVE_ALIGNED_ALLOC)
    return aligned_alloc(align, rounded);
#elif defined(BENCH_HAVE_POSIX_MEMALIGN)
    void *p = NULL;
    return posix_memalign(&p, align, rounded) == 0 ? p : NULL;
#else
#    error "bench_os.c: no aligned allocation (aligned_alloc, _aligned_malloc, posix_memalign)"
#endif
}

void
bench_os_aligned_free(void *p)
{
#if defined(BENCH_HAVE_ALIGNED_MALLOC)
    _aligned_free(p);
#else
    free(p);
#endif
}

void
bench_os_cpu_model(char *out, size_t len)
{
    FILE *f = fopen("/proc/cpuinfo", "r"); /* Linux; elsewhere absent */
    char line[512];
    snprintf(out, len, "unknown");
    if (f == NULL) {
        return;
    }
    while (fgets(line, sizeof(line), f) != NULL) {
        if (strncmp(line, "model name", 10) == 0) {
            char *c = strchr(line, ':');
            if (c != NULL) {
                snprintf(out, len, "%s", c + 2);
                out[strcspn(out, "\n")] = '\0';
            }
            break;
        }
    }
    fclose(f);
}
