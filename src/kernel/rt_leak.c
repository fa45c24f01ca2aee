/* SPDX-License-Identifier: MIT */
/*
 * rt_leak.c: the list of objects drivers hold (pool blocks, timer objects,
 * work items, configuration handles), each with the call site that made it
 * and a sequence number, so that the driver host can list, at unload, what
 * the driver allocated since it was loaded and still holds, and reclaim it.
 * One doubly-linked list under one spin lock: these objects are allocated
 * on control paths, not per packet.
 */
#include "kernel/rt_services.h"

static struct {
    undis__spinlock lock;
    struct undis__rt_track head; /* circular; head.next is the oldest */
    uint64_t seq;
    int ready;
} g_track;

/* Lock held. */
static void
ensure_head(void)
{
    if (!g_track.ready) {
        g_track.head.next = &g_track.head;
        g_track.head.prev = &g_track.head;
        g_track.ready = 1;
    }
}

void
undis__rt_track_add(struct undis__rt_track *track)
{
    undis__spin_lock(&g_track.lock);
    ensure_head();
    track->seq = ++g_track.seq;
    track->next = &g_track.head;
    track->prev = g_track.head.prev;
    g_track.head.prev->next = track;
    g_track.head.prev = track;
    undis__spin_unlock(&g_track.lock);
}

void
undis__rt_track_remove(struct undis__rt_track *track)
{
    undis__spin_lock(&g_track.lock);
    if (track->next != NULL) {
        track->prev->next = track->next;
        track->next->prev = track->prev;
        track->next = NULL;
        track->prev = NULL;
    }
    undis__spin_unlock(&g_track.lock);
}

uint64_t
undis__rt_leak_mark(void)
{
    uint64_t seq;
    undis__spin_lock(&g_track.lock);
    seq = g_track.seq;
    undis__spin_unlock(&g_track.lock);
    return seq;
}

const char *
undis__rt_kind_name(undis__rt_kind kind)
{
    static const char *const names[UNDIS__RT_KIND_COUNT] = {
        "memory", "timer object", "work item", "configuration handle", "queued DPC", "set KTIMER",
    };
    return (unsigned)kind < UNDIS__RT_KIND_COUNT ? names[kind] : "object";
}

struct each_ctx {
    undis__rt_leak_fn *fn;
    void *context;
    ULONG count;
};

static void
on_dpc(void *context, PKDPC dpc)
{
    struct each_ctx *c = (struct each_ctx *)context;
    undis__rt_leak leak;
    if (undis__rt_timer_owns_dpc(dpc)) {
        return; /* listed with its timer object */
    }
    leak.kind = UNDIS__RT_DPC;
    leak.object = dpc;
    leak.site = (const void *)(ULONG_PTR)dpc->DeferredRoutine;
    leak.size = 0;
    leak.tag = 0;
    c->fn(c->context, &leak);
    c->count++;
}

static void
on_ktimer(void *context, PKTIMER timer)
{
    struct each_ctx *c = (struct each_ctx *)context;
    undis__rt_leak leak;
    leak.kind = UNDIS__RT_KTIMER;
    leak.object = timer;
    leak.site = timer->Dpc != NULL ? (const void *)(ULONG_PTR)timer->Dpc->DeferredRoutine : NULL;
    leak.size = 0;
    leak.tag = 0;
    c->fn(c->context, &leak);
    c->count++;
}

ULONG
undis__rt_leaks(uint64_t mark, undis__rt_leak_fn *fn, void *context)
{
    struct each_ctx c;
    struct undis__rt_track *t;
    c.fn = fn;
    c.context = context;
    c.count = 0;
    undis__spin_lock(&g_track.lock);
    ensure_head();
    for (t = g_track.head.next; t != &g_track.head; t = t->next) {
        undis__rt_leak leak;
        if (t->seq <= mark) {
            continue;
        }
        leak.kind = (undis__rt_kind)t->kind;
        leak.object = t->object;
        leak.site = t->site;
        leak.size = t->size;
        leak.tag = t->tag;
        fn(context, &leak);
        c.count++;
    }
    undis__spin_unlock(&g_track.lock);
    (void)undis__rt_dpc_each_queued(on_dpc, &c);
    (void)undis__rt_timer_each_set(on_ktimer, &c);
    return c.count;
}

/* The newest object after mark still held (timers first: a timer callback
 * may use memory the driver also leaked). */
static struct undis__rt_track *
take_one(uint64_t mark, BOOLEAN timers)
{
    struct undis__rt_track *t;
    struct undis__rt_track *found = NULL;
    undis__spin_lock(&g_track.lock);
    ensure_head();
    for (t = g_track.head.prev; t != &g_track.head; t = t->prev) {
        if (t->seq > mark && (!timers || t->kind == UNDIS__RT_TIMER)) {
            found = t;
            break;
        }
    }
    undis__spin_unlock(&g_track.lock);
    return found;
}

static void
remove_dpc(void *context, PKDPC dpc)
{
    /* The queue lock is held: remember it; the caller dequeues after. */
    *(PKDPC *)context = dpc;
}

static void
cancel_ktimer(void *context, PKTIMER timer)
{
    *(PKTIMER *)context = timer;
}

void
undis__rt_leaks_reclaim(uint64_t mark)
{
    struct undis__rt_track *t;
    PKTIMER timer = NULL;
    PKDPC dpc = NULL;
    while ((t = take_one(mark, TRUE)) != NULL || (t = take_one(mark, FALSE)) != NULL) {
        t->reclaim(t); /* unlinks t */
    }
    while (undis__rt_timer_each_set(cancel_ktimer, &timer) != 0 && timer != NULL) {
        (void)KeCancelTimer(timer);
        timer = NULL;
    }
    while (undis__rt_dpc_each_queued(remove_dpc, &dpc) != 0 && dpc != NULL) {
        (void)KeRemoveQueueDpc(dpc);
        undis__rt_dpc_wait_idle(dpc);
        dpc = NULL;
    }
}
