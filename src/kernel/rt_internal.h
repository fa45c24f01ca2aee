/* SPDX-License-Identifier: MIT */
/*
 * rt_internal.h: what the kernel-runtime sources (rt_*.c) share.
 */
#ifndef UNDIS_RT_INTERNAL_H
#define UNDIS_RT_INTERNAL_H

#include "base/internal.h"

#include <stdarg.h>

#include <ndis/rt.h>
#include <undis/rt.h>

/* A runtime check failed: report bug check `code` (P1 = p1) and abort. */
UNDIS_NORETURN void undis__rt_bugcheck(ULONG code, ULONG_PTR p1, const char *message);

/*
 * Format with the Windows printf conversions (%ws, %wZ, %Z, %hs, %S, %I64d,
 * %Id, ...; %ld is 32-bit as on Windows) into out[0..cap), always
 * NUL-terminated when cap > 0. wide_default: a bare %s / %c takes a wide
 * argument (the W string functions). Returns the length the whole output
 * needs (excluding the NUL), or -1 for a malformed format.
 */
long undis__rt_vformat(char *out, size_t cap, const char *fmt, va_list ap, int wide_default);

/* The calling thread's IRQL. */
KIRQL undis__rt_irql(void);

/* Processor index of the calling thread. */
ULONG undis__rt_processor(void);

/* Processors of the model (1..64; undis_rt_set_processor_count). */
ULONG undis__rt_processor_count(void);

/* NdisGetRoutineAddress's table (generated: cmake/UndisRoutineTable.cmake). */
struct undis__routine {
    const char *name;
    void (*address)(void);
};
extern const struct undis__routine undis__routines[];
extern const size_t undis__routine_count;

/* A per-thread identity (a KTHREAD stand-in: KMUTEX owners). */
PKTHREAD undis__rt_thread(void);

/* The calling thread is processor `index` from now on (the DPC workers). */
void undis__rt_processor_bind(ULONG index);

#endif /* UNDIS_RT_INTERNAL_H */
