/* SPDX-License-Identifier: MIT */
/*
 * pool.h: undis's fixed-size object cache, the machinery under every NDIS
 * pool and the default NetAllocateMdl.
 *
 * Every object is preceded by a 16-byte hidden header (struct undis__obj)
 * that holds the owning cache and a state word; the header is the same in
 * every build mode. Objects are carved from slabs that live as long as the
 * cache (memory is reused, never handed back while the cache lives).
 *
 * Fast path: each thread has, per cache, a magazine (a LIFO array of free
 * objects). get pops, put pushes: no atomics, no locks, no system calls.
 * A put goes to the putting thread's magazine whichever thread got the
 * object. Slow path: a magazine that runs empty takes a batch from the
 * cache's depot (under a spin lock); one that overflows gives a batch back.
 * An empty depot grows by one slab; if memory runs out, get returns NULL.
 * A thread's magazines go back to their depots when the thread exits.
 */
#ifndef UNDIS_POOL_H
#define UNDIS_POOL_H

#include "internal.h"

#define UNDIS__OBJ_LIVE 0x4C495645u /* handed out */
#define UNDIS__OBJ_FREE 0x46524545u /* in a magazine or the depot */

struct undis__cache;

/* The hidden header in front of every pooled object. */
struct undis__obj {
    struct undis__cache *cache;
    uint32_t state;
    uint32_t kind; /* owner-defined */
};

/* Called once for each new object when a slab is carved (pre-assembly). */
typedef void undis__obj_construct(struct undis__cache *cache, struct undis__obj *obj);

struct undis__cache {
    size_t obj_size;    /* bytes per object, hidden header included */
    uint32_t slab_objs; /* objects per slab */
    uint32_t slot;      /* index in the cache registry */
    uint32_t gen;       /* generation of that slot; never 0 */
    uint32_t kind;      /* copied to every object's header */
    undis__obj_construct *construct;
    undis__spinlock lock; /* guards everything below */
    struct undis__obj **depot;
    size_t depot_count;
    size_t depot_cap;
    void *slabs;                        /* singly linked through their first word */
    size_t total;                       /* objects carved so far */
    struct undis__magazine *magazines;  /* every thread's magazine for this cache */
    struct undis__cache *next_slotless; /* registry list when slot is UINT32_MAX */
};

/*
 * undis__cache_init - prepare a cache of objects of obj_size bytes (hidden
 * header included; rounded up to 16). Returns 0 when no registry slot could
 * be had; the cache then still works, without per-thread magazines.
 */
void undis__cache_init(struct undis__cache *cache,
                       size_t obj_size,
                       uint32_t kind,
                       undis__obj_construct *construct);

/*
 * undis__cache_destroy - free every slab and magazine of the cache.
 * pre: no thread uses the cache any more. Returns the number of objects
 * still handed out (0 when everything came back).
 */
size_t undis__cache_destroy(struct undis__cache *cache);

/* Objects currently handed out (exact only while no thread uses the cache). */
size_t undis__cache_outstanding(struct undis__cache *cache);

/*
 * undis__cache_owns - whether obj is an object of the cache (an object
 * boundary inside one of its slabs). Reads only the cache's own memory, never
 * obj's, so it is safe on any pointer. Lock-free; valid while the cache lives.
 */
int undis__cache_owns(const struct undis__cache *cache, const void *obj);

struct undis__obj *undis__cache_get_slow(struct undis__cache *cache);
void undis__cache_put_slow(struct undis__cache *cache, struct undis__obj *obj);

#define UNDIS__MAX_CACHES 256
#define UNDIS__MAG_CAP    128
#define UNDIS__MAG_BATCH  64

struct undis__magazine {
    struct undis__magazine *next; /* in the cache's list */
    struct undis__magazine **prevp;
    uint32_t count;
    uint32_t pad;
    struct undis__obj *objs[UNDIS__MAG_CAP];
};

struct undis__tcache {
    struct undis__magazine *mag[UNDIS__MAX_CACHES];
    uint32_t gen[UNDIS__MAX_CACHES];
    unsigned long long gets; /* objects this thread took (undis_alloc_count) */
    int registered;
};

extern UNDIS_THREAD_LOCAL struct undis__tcache undis__t_cache;

/* get: pop from this thread's magazine; NULL when memory runs out (or a
 * test injected an allocation failure). */
static inline struct undis__obj *
undis__cache_get(struct undis__cache *cache)
{
    uint32_t slot = cache->slot;
    struct undis__obj *obj;
    if (undis__fault_refuse()) {
        return NULL;
    }
    if (UNDIS_LIKELY(slot < UNDIS__MAX_CACHES && undis__t_cache.gen[slot] == cache->gen)) {
        struct undis__magazine *mag = undis__t_cache.mag[slot];
        if (UNDIS_LIKELY(mag->count != 0)) {
            obj = mag->objs[--mag->count];
            obj->state = UNDIS__OBJ_LIVE;
            undis__t_cache.gets++;
            return obj;
        }
    }
    obj = undis__cache_get_slow(cache);
    if (obj != NULL) {
        undis__t_cache.gets++;
    }
    return obj;
}

/* put: push onto this thread's magazine. */
static inline void
undis__cache_put(struct undis__cache *cache, struct undis__obj *obj)
{
    uint32_t slot = cache->slot;
    obj->state = UNDIS__OBJ_FREE;
    if (UNDIS_LIKELY(slot < UNDIS__MAX_CACHES && undis__t_cache.gen[slot] == cache->gen)) {
        struct undis__magazine *mag = undis__t_cache.mag[slot];
        if (UNDIS_LIKELY(mag->count < UNDIS__MAG_CAP)) {
            mag->objs[mag->count++] = obj;
            return;
        }
    }
    undis__cache_put_slow(cache, obj);
}

#endif /* UNDIS_POOL_H */
