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

#include "datapath/datapath.h"

#define UNDIS__OBJ_LIVE 0x4C495645u /* handed out */
#define UNDIS__OBJ_FREE 0x46524545u /* in a magazine or the depot */

struct undis__cache;

/* The hidden header in front of every pooled object. */
struct undis__obj {
    struct undis__cache *cache;
    uint32_t state;
    uint32_t kind; /* owner-defined */
};

/* state and kind read as one 64-bit word (as memcpy of &obj->state gives it). */
#define UNDIS__OBJ_WORD(state, kind) ((uint64_t)(state) | ((uint64_t)(kind) << 32))
#if UNDIS_BIG_ENDIAN
#    undef UNDIS__OBJ_WORD
#    define UNDIS__OBJ_WORD(state, kind) (((uint64_t)(state) << 32) | (uint64_t)(kind))
#endif

/* Called once for each new object when a slab is carved (pre-assembly). */
typedef void undis__obj_construct(struct undis__cache *cache, struct undis__obj *obj);

struct undis__cache {
    size_t obj_size;    /* bytes per object, hidden header included */
    size_t body_align;  /* alignment of each object's body (16 or 64) */
    uint32_t slab_objs; /* objects per slab */
    uint32_t slot;      /* index in the cache registry (0 when it has none) */
    uint32_t gen;       /* generation of that slot; never 0; UINT32_MAX: no slot */
    uint32_t kind;      /* copied to every object's header */
    undis__obj_construct *construct;
    undis__spinlock lock; /* guards everything below */
    struct undis__obj **depot;
    size_t depot_count;
    size_t depot_cap;
    void *slabs;                        /* singly linked through their first word */
    size_t total;                       /* objects carved so far */
    struct undis__magazine *magazines;  /* every thread's magazine for this cache */
    struct undis__cache *next_slotless; /* registry list when gen is UINT32_MAX */
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

/* Stamp FREE every object in the depot and in every thread's magazine
 * (objects pushed without a stamp), before walking slabs for live ones. */
void undis__cache_stamp_idle(struct undis__cache *cache);

/* Objects currently handed out (exact only while no thread uses the cache). */
size_t undis__cache_outstanding(struct undis__cache *cache);

/*
 * undis__cache_owns - whether obj is an object of the cache (an object
 * boundary inside one of its slabs). Reads only the cache's own memory, never
 * obj's, so it is safe on any pointer. Lock-free; valid while the cache lives.
 */
int undis__cache_owns(const struct undis__cache *cache, const void *obj);

/* The first object of a slab: after the slab's link word, placed so that
 * its body (after the hidden header) is body_align-aligned. Object i of the
 * slab is at undis__slab_first(cache, slab) + i * cache->obj_size. */
static inline uintptr_t
undis__slab_first(const struct undis__cache *cache, const void *slab)
{
    uintptr_t a = cache->body_align;
    uintptr_t body = ((uintptr_t)slab + 16 + sizeof(struct undis__obj) + a - 1) & ~(a - 1);
    return body - sizeof(struct undis__obj);
}

struct undis__obj *undis__cache_get_slow(struct undis__cache *cache);
void undis__cache_put_slow(struct undis__cache *cache, struct undis__obj *obj);

#define UNDIS__MAX_CACHES     256
/* Objects of at least this size get cache-line-aligned bodies. */
#define UNDIS__LINE_ALIGN_MIN 256
#define UNDIS__GEN_NONE       UINT32_MAX /* generation of a cache without a slot */
#define UNDIS__MAG_CAP        128
#define UNDIS__MAG_BATCH      64

/* A magazine is written by its thread on every get and put (count, objs),
 * and is allocated next to other memory -- a pool read by every thread, an
 * other thread's magazine. The guards, a cache line at each end, keep the
 * written words off any line a neighbouring allocation uses (B4 doubled
 * when a magazine came to share a line with a pool's image). */
struct undis__magazine {
    unsigned char guard_front[64];
    struct undis__magazine *next; /* in the cache's list */
    struct undis__magazine **prevp;
    uint32_t count;
    uint32_t pad;
    struct undis__obj *objs[UNDIS__MAG_CAP];
    unsigned char guard_back[64];
};

/* A thread's view of one registry slot: its magazine for the cache that
 * holds the slot, valid while gen equals that cache's generation (0: none).
 * Both in one 16-byte entry, so the fast path reads one line of the
 * thread's state. */
struct undis__tslot {
    struct undis__magazine *mag;
    uint32_t gen;
    uint32_t pad;
};

struct undis__tcache {
    /* The two caches this thread last freed to, and its magazines there
     * (each valid while its gen equals the cache's generation). A free that
     * matches finds its magazine at a fixed place in the thread's state
     * instead of through loads that start at the object, which keeps those
     * loads off the chain of dependent memory accesses that runs from one
     * allocation to the next. Two, because frees often alternate between two caches (a clone's
     * MDL then its NBL). */
    struct undis__hot {
        struct undis__cache *cache;
        struct undis__magazine *mag;
        uint32_t gen;
    } hot[2];
    struct undis__tslot slot[UNDIS__MAX_CACHES];
    unsigned long long gets; /* objects this thread took (undis_alloc_count) */
};

/*
 * The calling thread's cache state. Heap memory, made by the thread's first
 * slow path and handed to the thread-exit callback, which returns its
 * magazines and frees it: the callback never needs the thread's TLS, which
 * some platforms tear down first. Until then the pointer holds
 * &undis__tcache_none, whose slots match no cache (every generation is 0),
 * so the fast paths need no NULL test; nothing ever writes that one.
 */
extern UNDIS_THREAD_LOCAL struct undis__tcache *undis__t_cache;
extern struct undis__tcache undis__tcache_none;

/* try_get: the fast path alone -- a pop from this thread's magazine --, or
 * NULL when it cannot serve (magazine empty or missing, fault injection
 * armed); the caller then goes to undis__cache_get. No call inside, so a
 * caller that tail-calls its slow path needs no stack frame. */
static inline struct undis__obj *
undis__cache_try_get(struct undis__cache *cache)
{
    struct undis__tcache *tc = undis__t_cache;
    const struct undis__tslot *ts = &tc->slot[cache->slot];
    if (UNDIS_LIKELY(ts->gen == cache->gen && undis__fault_is_armed() == 0)) {
        struct undis__magazine *mag = ts->mag;
        if (UNDIS_LIKELY(mag->count != 0)) {
            struct undis__obj *obj = mag->objs[--mag->count];
            obj->state = UNDIS__OBJ_LIVE;
            tc->gets++;
            return obj;
        }
    }
    return NULL;
}

/* get: pop from this thread's magazine; NULL when memory runs out (or a
 * test injected an allocation failure). A cache without a registry slot has
 * slot 0 and generation UNDIS__GEN_NONE, which no thread entry ever holds.
 * The slow path counts the objects it hands out itself. */
static inline struct undis__obj *
undis__cache_get(struct undis__cache *cache)
{
    struct undis__obj *obj;
    if (undis__fault_refuse()) {
        return NULL;
    }
    obj = undis__cache_try_get(cache);
    if (UNDIS_LIKELY(obj != NULL)) {
        return obj;
    }
    return undis__cache_get_slow(cache);
}

/* push: onto this thread's magazine, without stamping the object's state
 * FREE (its header line is not written). For frees at verifier level 0
 * that are called on another CPU than the allocation: the object's lines
 * stay untouched there. A state left LIVE on an idle object only hides a
 * later double free from the verifier; idle objects are found through the
 * magazines and the depot (undis__cache_stamp_idle), never by their state. */
static inline void
undis__cache_push(struct undis__cache *cache, struct undis__obj *obj)
{
    struct undis__tcache *tc = undis__t_cache;
    struct undis__magazine *mag;
    if (UNDIS_LIKELY(cache == tc->hot[0].cache && cache->gen == tc->hot[0].gen)) {
        mag = tc->hot[0].mag;
    } else if (UNDIS_LIKELY(cache == tc->hot[1].cache && cache->gen == tc->hot[1].gen)) {
        mag = tc->hot[1].mag;
    } else {
        const struct undis__tslot *ts = &tc->slot[cache->slot];
        if (UNDIS_UNLIKELY(ts->gen != cache->gen)) {
            undis__cache_put_slow(cache, obj);
            return;
        }
        mag = ts->mag;
        tc->hot[1] = tc->hot[0];
        tc->hot[0].cache = cache;
        tc->hot[0].mag = mag;
        tc->hot[0].gen = ts->gen;
    }
    if (UNDIS_LIKELY(mag->count < UNDIS__MAG_CAP)) {
        mag->objs[mag->count++] = obj;
        return;
    }
    undis__cache_put_slow(cache, obj);
}

/* put: push onto this thread's magazine, the object stamped FREE. */
static inline void
undis__cache_put(struct undis__cache *cache, struct undis__obj *obj)
{
    obj->state = UNDIS__OBJ_FREE;
    undis__cache_push(cache, obj);
}

#endif /* UNDIS_POOL_H */
