/* SPDX-License-Identifier: MIT */
/*
 * bench_os.h: the operating-system calls of undis-bench, behind one small
 * interface (bench_os.c). Which implementation each one uses is decided at
 * configure time (bench/CMakeLists.txt checks the symbols and defines
 * BENCH_HAVE_*); the harness itself has no OS #ifdef.
 */
#ifndef UNDIS_BENCH_OS_H
#define UNDIS_BENCH_OS_H

#include <stddef.h>
#include <stdint.h>

/* Monotonic nanoseconds. */
uint64_t bench_os_now_ns(void);

/* CPU time the calling thread has had, in nanoseconds (0 when the platform
 * has no per-thread CPU clock): with the machine loaded, wall time counts
 * the time the thread waited for a CPU; this does not. */
uint64_t bench_os_thread_cpu_ns(void);

/* Logical CPUs online (at least 1). */
int bench_os_cpu_count(void);

/* Pin the calling thread to logical CPU `cpu` (0 <= cpu < bench_os_cpu_count()).
 * 0 on success; -1 when the OS refused or cannot pin (macOS: no CPU affinity,
 * only affinity hints), in which case the thread runs unpinned. */
int bench_os_pin_self(int cpu);

/* Names the pinning mechanism, for the table's header line. */
const char *bench_os_pin_method(void);

/* `size` bytes aligned to `align` (a power of two, a multiple of
 * sizeof(void *)); NULL on failure. Released with bench_os_aligned_free. */
void *bench_os_aligned_alloc(size_t align, size_t size);
void bench_os_aligned_free(void *p);

/* The CPU's model name ("unknown" when the OS does not say), into out. */
void bench_os_cpu_model(char *out, size_t len);

#endif
