/* SPDX-License-Identifier: MIT */
/*
 * rt_services.h: what the kernel services share (DPCs rt_dpc.c, timers
 * rt_timer.c, work items rt_workitem.c, waits rt_sync.c / rt_wait.c,
 * configuration rt_config*.c, pool rt_memory.c) and what the driver host
 * reads from them at unload (rt_leak.c: the objects a driver still holds).
 *
 * Threads: the DPC workers (one per processor of the model, at
 * DISPATCH_LEVEL), the timer thread and the work-item workers (PASSIVE_LEVEL)
 * are started on first use by undis__thread_start and live as long as the
 * process; a driver's system threads (rt_thread.c, PASSIVE_LEVEL) as long as
 * their routines. Everything here may be called from any thread.
 */
#ifndef UNDIS_RT_SERVICES_H
#define UNDIS_RT_SERVICES_H

#include "kernel/rt_internal.h"

#include <ndis.h>

/* ---- the objects a driver holds (rt_leak.c) ---------------------------------- */

typedef enum undis__rt_kind {
    UNDIS__RT_MEMORY = 0, /* ExAllocatePool*, NdisAllocateMemory* */
    UNDIS__RT_TIMER,      /* NdisAllocateTimerObject */
    UNDIS__RT_WORKITEM,   /* NdisAllocateIoWorkItem, IoAllocateWorkItem */
    UNDIS__RT_CONFIG,     /* NdisOpenConfigurationEx, a sub-key handle */
    UNDIS__RT_DPC,        /* a KDPC still queued (not tracked: found in the queues) */
    UNDIS__RT_KTIMER,     /* a KTIMER still set (found in the timer queue) */
    UNDIS__RT_THREAD,     /* a system thread running, or its handle or a reference held */
    UNDIS__RT_KIND_COUNT
} undis__rt_kind;

/* Embedded in each tracked object; the tracker owns prev/next/seq. */
struct undis__rt_track {
    struct undis__rt_track *prev, *next;
    const void *site;                               /* the caller's return address */
    void (*reclaim)(struct undis__rt_track *track); /* frees the object at unload */
    const void *object;                             /* what the driver holds */
    SIZE_T size;                                    /* memory: bytes asked for */
    uint64_t seq;
    ULONG kind;
    ULONG tag;
};

/* Links track (kind, site, object, reclaim set by the caller) into the list. */
void undis__rt_track_add(struct undis__rt_track *track);
/* Unlinks it (the object is freed by its owner). */
void undis__rt_track_remove(struct undis__rt_track *track);

/* One object still held, as the leak listing gives it. */
typedef struct undis__rt_leak {
    undis__rt_kind kind;
    const void *object;
    const void *site; /* allocation site (return address) or the routine */
    SIZE_T size;
    ULONG tag;
} undis__rt_leak;

typedef void undis__rt_leak_fn(void *context, const undis__rt_leak *leak);

/* The mark of "now": objects tracked after it are newer. */
uint64_t undis__rt_leak_mark(void);
/*
 * Calls fn for each object tracked after mark and still held, then for each
 * KDPC still queued and each KTIMER still set (whoever queued them); returns
 * how many. Does not change anything.
 */
ULONG undis__rt_leaks(uint64_t mark, undis__rt_leak_fn *fn, void *context);
/*
 * Frees what undis__rt_leaks lists: timers are cancelled (their callbacks
 * waited for) and freed, DPCs dequeued, KTIMERs cancelled, work items waited
 * for and freed, configuration handles closed, memory freed. PASSIVE_LEVEL,
 * when the driver that held them is gone.
 */
void undis__rt_leaks_reclaim(uint64_t mark);
/* "memory", "timer object", ... */
const char *undis__rt_kind_name(undis__rt_kind kind);

/* ---- pool (rt_memory.c) ----------------------------------------------------- */

/* A tracked pool block of size bytes aligned to align (a power of two, at
 * least 16), contents filled; NULL when memory runs out. Freed by
 * ExFreePoolWithTag(p, tag). */
PVOID undis__rt_pool_alloc(SIZE_T size, ULONG tag, SIZE_T align, const void *site);
/* The size p was allocated with; bug check BAD_POOL_CALLER if p is not a live block. */
SIZE_T undis__rt_pool_size(PVOID p);

/* ---- DPCs (rt_dpc.c) ---------------------------------------------------------- */

/* Calls fn for every KDPC queued on any processor (the queue lock held: fn
 * must not call back into the DPC functions). */
ULONG undis__rt_dpc_each_queued(void (*fn)(void *context, PKDPC dpc), void *context);
/* TRUE while dpc's routine runs on a worker (used by timer frees). */
BOOLEAN undis__rt_dpc_running(const KDPC *dpc);
/* Waits until dpc is neither queued nor running. PASSIVE_LEVEL. */
void undis__rt_dpc_wait_idle(PKDPC dpc);

/* ---- timers (rt_timer.c) ------------------------------------------------------- */

/* Calls fn for each KTIMER set, except the NDIS timer objects' (listed as
 * objects); fn runs with the timer lock held. */
ULONG undis__rt_timer_each_set(void (*fn)(void *context, PKTIMER timer), void *context);
/* Is dpc an NDIS timer object's (listed with its timer object)? */
BOOLEAN undis__rt_timer_owns_dpc(const KDPC *dpc);

/* ---- waits (rt_sync.c) --------------------------------------------------------- */

/* Signal a dispatcher object (SignalState = 1) and wake its waiters. */
void undis__rt_object_signal(DISPATCHER_HEADER *header);
/* Set SignalState to 0 under the object's lock. */
void undis__rt_object_reset(DISPATCHER_HEADER *header);

/* DISPATCHER_HEADER.Type of a system thread (the WDK's ThreadObject). */
#define UNDIS__THREAD_OBJECT_TYPE 6

/*
 * The waits over several objects (rt_wait.c) use the objects' locks of
 * rt_sync.c: an object's state is read and changed under the lock of its
 * stripe (undis__rt_wait_stripe: 0..15), stripes are taken in increasing
 * order. ready / take: that lock held; ready bug-checks an object of an
 * unknown type, so callers check undis__rt_wait_known first (no lock).
 */
unsigned undis__rt_wait_stripe(const void *object);
void undis__rt_wait_lock(unsigned stripe);
void undis__rt_wait_unlock(unsigned stripe);
BOOLEAN undis__rt_wait_known(const DISPATCHER_HEADER *header);
BOOLEAN undis__rt_wait_ready(const DISPATCHER_HEADER *header);
void undis__rt_wait_take(DISPATCHER_HEADER *header);
/* Wakes every wait over several objects to look again (rt_wait.c); every
 * signal calls it after releasing the object's lock. Cheap while none waits. */
void undis__rt_wait_wake(void);

/* ---- system threads (rt_thread.c) ---------------------------------------------- */

/* The system thread object of the calling thread, NULL on any other thread. */
PKTHREAD undis__rt_kthread_self(void);

#endif /* UNDIS_RT_SERVICES_H */
