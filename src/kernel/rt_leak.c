/* SPDX-License-Identifier: MIT */
/*
 * rt_leak.c: the list of objects drivers hold (pool blocks, timer objects,
 * work items, configuration handles), each with the call site that made it
 * and a sequence number, so that the driver host can list, at unload, what
 * the driver allocated since it was loaded and still holds, and reclaim it.
 * Doubly-linked lists in 16 shards chosen by the object's address, each
 * under its own spin lock, and one atomic sequence counter: a host that
 * allocates frame memory per send from several threads
 * (NdisAllocateMemoryWithTagPriority) meets little contention here.
 */
#include "kernel/rt_services.h"

#define SHARDS 16u

struct shard {
    undis__spinlock lock;
    struct undis__rt_track head; /* circular; head.next is the oldest */
    int ready;
};

static struct shard g_shards[SHARDS];
static volatile uint64_t g_seq;

static struct shard *
shard_of(const struct undis__rt_track *track)
{
    ULONG_PTR a = (ULONG_PTR)track;
    return &g_shards[(a >> 6 ^ a >> 12) & (SHARDS - 1)];
}

/* Lock held. */
static void
ensure_head(struct shard *s)
{
    if (!s->ready) {
        s->head.next = &s->head;
        s->head.prev = &s->head;
        s->ready = 1;
    }
}

void
undis__rt_track_add(struct undis__rt_track *track)
{
    struct shard *s = shard_of(track);
    track->seq = undis__atomic_add_u64(&g_seq, 1);
    undis__spin_lock(&s->lock);
    ensure_head(s);
    track->next = &s->head;
    track->prev = s->head.prev;
    s->head.prev->next = track;
    s->head.prev = track;
    undis__spin_unlock(&s->lock);
}

void
undis__rt_track_remove(struct undis__rt_track *track)
{
    struct shard *s = shard_of(track);
    undis__spin_lock(&s->lock);
    if (track->next != NULL) {
        track->prev->next = track->next;
        track->next->prev = track->prev;
        track->next = NULL;
        track->prev = NULL;
    }
    undis__spin_unlock(&s->lock);
}

uint64_t
undis__rt_leak_mark(void)
{
    return undis__atomic_load_u64(&g_seq);
}

const char *
undis__rt_kind_name(undis__rt_kind kind)
{
    static const char *const names[UNDIS__RT_KIND_COUNT] = {
        "memory",     "timer object", "work item",     "configuration handle",
        "queued DPC", "set KTIMER",   "system thread",
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
    unsigned i;
    c.fn = fn;
    c.context = context;
    c.count = 0;
    for (i = 0; i < SHARDS; i++) {
        struct shard *s = &g_shards[i];
        undis__spin_lock(&s->lock);
        ensure_head(s);
        for (t = s->head.next; t != &s->head; t = t->next) {
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
        undis__spin_unlock(&s->lock);
    }
    (void)undis__rt_dpc_each_queued(on_dpc, &c);
    (void)undis__rt_timer_each_set(on_ktimer, &c);
    return c.count;
}

/* An object after mark still held (timers first: a timer callback may use
 * memory the driver also leaked). */
static struct undis__rt_track *
take_one(uint64_t mark, BOOLEAN timers)
{
    struct undis__rt_track *t;
    struct undis__rt_track *found = NULL;
    unsigned i;
    for (i = 0; i < SHARDS && found == NULL; i++) {
        struct shard *s = &g_shards[i];
        undis__spin_lock(&s->lock);
        ensure_head(s);
        for (t = s->head.prev; t != &s->head; t = t->prev) {
            if (t->seq > mark && (!timers || t->kind == UNDIS__RT_TIMER)) {
                found = t;
                break;
            }
        }
        undis__spin_unlock(&s->lock);
    }
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
