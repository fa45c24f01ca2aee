/* SPDX-License-Identifier: MIT */
/*
 * pool.c: the object cache of pool.h: the registry of caches, the slow
 * paths of get and put (batches to and from the depot, slab growth), and
 * the return of a thread's magazines when it exits.
 */
#include "datapath/pool.h"

#include <string.h>

struct undis__tcache undis__tcache_none;
UNDIS_THREAD_LOCAL struct undis__tcache *undis__t_cache = &undis__tcache_none;

/* Registry: which cache owns each slot, and that cache's generation. */
static struct {
    undis__spinlock lock;
    struct undis__cache *cache[UNDIS__MAX_CACHES];
    uint32_t gen[UNDIS__MAX_CACHES];
    uint32_t next_gen;
    /* objects taken by threads that exited, and by threads without cache
     * state (no memory for it, or no thread-exit callback to be had) */
    volatile uint64_t exited_gets;
    struct undis__cache *slotless; /* caches that got no slot (no magazines) */
} g_reg;

unsigned long long
undis__caches_gets(void)
{
    return undis__atomic_load_u64(&g_reg.exited_gets) + undis__t_cache->gets;
}

void
undis__cache_init(struct undis__cache *cache,
                  size_t obj_size,
                  uint32_t kind,
                  undis__obj_construct *construct)
{
    size_t per_slab;
    undis__process_init();
    memset(cache, 0, sizeof(*cache));
    /* Large objects (NBLs with their NB, MDL and data) start their body on
     * a cache line, so that the vector stores zeroing it never split. */
    cache->body_align = obj_size >= UNDIS__LINE_ALIGN_MIN ? 64 : 16;
    cache->obj_size = (obj_size + cache->body_align - 1) & ~(size_t)(cache->body_align - 1);
    per_slab = (256u * 1024u) / cache->obj_size;
    cache->slab_objs = (uint32_t)(per_slab < 4 ? 4 : per_slab > 256 ? 256 : per_slab);
    cache->kind = kind;
    cache->construct = construct;
    cache->slot = 0;
    cache->gen = UNDIS__GEN_NONE;
    undis__spin_lock(&g_reg.lock);
    for (uint32_t i = 0; i < UNDIS__MAX_CACHES; i++) {
        if (g_reg.cache[i] == NULL) {
            if (++g_reg.next_gen == 0 || g_reg.next_gen == UNDIS__GEN_NONE) {
                g_reg.next_gen = 1;
            }
            g_reg.cache[i] = cache;
            g_reg.gen[i] = g_reg.next_gen;
            cache->slot = i;
            cache->gen = g_reg.next_gen;
            break;
        }
    }
    if (cache->gen == UNDIS__GEN_NONE) {
        cache->next_slotless = g_reg.slotless;
        g_reg.slotless = cache;
    }
    undis__spin_unlock(&g_reg.lock);
}

/* Lock held. Objects handed out: carved, minus those in the depot and in
 * every thread's magazine. */
static size_t
outstanding_locked(const struct undis__cache *cache)
{
    size_t idle = cache->depot_count;
    for (const struct undis__magazine *m = cache->magazines; m != NULL; m = m->next) {
        idle += m->count;
    }
    return cache->total - idle;
}

void
undis__cache_stamp_idle(struct undis__cache *cache)
{
    undis__spin_lock(&cache->lock);
    for (size_t i = 0; i < cache->depot_count; i++) {
        cache->depot[i]->state = UNDIS__OBJ_FREE;
    }
    for (const struct undis__magazine *m = cache->magazines; m != NULL; m = m->next) {
        for (uint32_t i = 0; i < m->count; i++) {
            m->objs[i]->state = UNDIS__OBJ_FREE;
        }
    }
    undis__spin_unlock(&cache->lock);
}

size_t
undis__cache_outstanding(struct undis__cache *cache)
{
    size_t n;
    undis__spin_lock(&cache->lock);
    n = outstanding_locked(cache);
    undis__spin_unlock(&cache->lock);
    return n;
}

size_t
undis__caches_outstanding(void)
{
    size_t n = 0;
    undis__spin_lock(&g_reg.lock);
    for (uint32_t i = 0; i < UNDIS__MAX_CACHES; i++) {
        if (g_reg.cache[i] != NULL) {
            n += undis__cache_outstanding(g_reg.cache[i]);
        }
    }
    for (struct undis__cache *c = g_reg.slotless; c != NULL; c = c->next_slotless) {
        n += undis__cache_outstanding(c);
    }
    undis__spin_unlock(&g_reg.lock);
    return n;
}

size_t
undis__cache_destroy(struct undis__cache *cache)
{
    size_t outstanding;
    void *slab;
    undis__spin_lock(&g_reg.lock);
    if (cache->gen != UNDIS__GEN_NONE) {
        g_reg.cache[cache->slot] = NULL;
        g_reg.gen[cache->slot] = 0;
    } else {
        struct undis__cache **pp = &g_reg.slotless;
        while (*pp != NULL && *pp != cache) {
            pp = &(*pp)->next_slotless;
        }
        if (*pp != NULL) {
            *pp = cache->next_slotless;
        }
    }
    undis__spin_unlock(&g_reg.lock);
    outstanding = outstanding_locked(cache);
    while (cache->magazines != NULL) {
        struct undis__magazine *m = cache->magazines;
        cache->magazines = m->next;
        undis__mem_free_backing(m);
    }
    undis__mem_free_backing(cache->depot);
    while ((slab = cache->slabs) != NULL) {
        cache->slabs = *(void **)slab;
        undis__mem_free_backing(slab);
    }
    cache->depot = NULL;
    cache->depot_count = cache->depot_cap = cache->total = 0;
    return outstanding;
}

/* Lock held. Carve one more slab into the depot; 0 when memory runs out. */
static int
grow_locked(struct undis__cache *cache)
{
    size_t n = cache->slab_objs;
    size_t need = cache->total + n;
    char *slab = (char *)undis__mem_alloc_backing(16 + cache->body_align + n * cache->obj_size);
    if (slab == NULL) {
        return 0;
    }
    if (cache->depot_cap < need) {
        struct undis__obj **depot =
            (struct undis__obj **)undis__mem_alloc_backing(need * sizeof(*depot));
        if (depot == NULL) {
            undis__mem_free_backing(slab);
            return 0;
        }
        if (cache->depot_count != 0) {
            memcpy(depot, cache->depot, cache->depot_count * sizeof(*depot));
        }
        undis__mem_free_backing(cache->depot);
        cache->depot = depot;
        cache->depot_cap = need;
    }
    *(void **)slab = cache->slabs;
    for (size_t i = n; i-- > 0;) {
        struct undis__obj *obj =
            (struct undis__obj *)(undis__slab_first(cache, slab) + i * cache->obj_size);
        obj->cache = cache;
        obj->state = UNDIS__OBJ_FREE;
        obj->kind = cache->kind;
        if (cache->construct != NULL) {
            cache->construct(cache, obj);
        }
        cache->depot[cache->depot_count++] = obj;
    }
    cache->total = need;
    /* Published last: undis__cache_owns walks the list without the lock. */
    undis__atomic_store_release_ptr(&cache->slabs, slab);
    return 1;
}

int
undis__cache_owns(const struct undis__cache *cache, const void *obj)
{
    uintptr_t p = (uintptr_t)obj;
    const char *slab = (const char *)undis__atomic_load_acquire_ptr(&cache->slabs);
    for (; slab != NULL; slab = *(const char *const *)(const void *)slab) {
        uintptr_t first = undis__slab_first(cache, slab);
        if (p >= first && p < first + (uintptr_t)cache->slab_objs * cache->obj_size) {
            return (p - first) % cache->obj_size == 0;
        }
    }
    return 0;
}

/* This thread's cache state, created on first use with its thread-exit
 * callback; NULL when memory runs out or no callback can be registered
 * (the thread then works from the depots alone). */
static struct undis__tcache *
tcache_of_thread(void)
{
    struct undis__tcache *tc = undis__t_cache;
    if (tc != &undis__tcache_none) {
        return tc;
    }
    tc = (struct undis__tcache *)undis__mem_alloc_backing(sizeof(*tc));
    if (tc == NULL) {
        return NULL;
    }
    memset(tc, 0, sizeof(*tc));
    if (!undis__thread_exit_register(tc)) {
        undis__mem_free_backing(tc);
        return NULL;
    }
    undis__t_cache = tc;
    return tc;
}

/* This thread's magazine for the cache, created on first use; NULL when
 * the cache has no slot or memory runs out (callers then use the depot). */
static struct undis__magazine *
magazine_of(struct undis__cache *cache)
{
    struct undis__tcache *tc;
    struct undis__magazine *mag;
    uint32_t slot = cache->slot;
    if (cache->gen == UNDIS__GEN_NONE || (tc = tcache_of_thread()) == NULL) {
        return NULL;
    }
    if (tc->slot[slot].gen == cache->gen) {
        return tc->slot[slot].mag;
    }
    mag = (struct undis__magazine *)undis__mem_alloc_backing(sizeof(*mag));
    if (mag == NULL) {
        return NULL;
    }
    mag->count = 0;
    undis__spin_lock(&cache->lock);
    mag->next = cache->magazines;
    mag->prevp = &cache->magazines;
    if (mag->next != NULL) {
        mag->next->prevp = &mag->next;
    }
    cache->magazines = mag;
    undis__spin_unlock(&cache->lock);
    tc->slot[slot].mag = mag;
    tc->slot[slot].gen = cache->gen;
    return mag;
}

/* One object handed out by the slow path: counted in this thread's state,
 * or, for a thread that has none, with the exited threads' objects. */
static void
count_get(void)
{
    struct undis__tcache *tc = undis__t_cache;
    if (tc != &undis__tcache_none) {
        tc->gets++;
    } else {
        undis__atomic_add_u64(&g_reg.exited_gets, 1);
    }
}

struct undis__obj *
undis__cache_get_slow(struct undis__cache *cache)
{
    struct undis__magazine *mag = magazine_of(cache);
    struct undis__obj *obj = NULL;
    if (mag != NULL && mag->count != 0) {
        /* Here only because fault injection is armed (try_get stands back). */
        obj = mag->objs[--mag->count];
        obj->state = UNDIS__OBJ_LIVE;
        count_get();
        return obj;
    }
    undis__spin_lock(&cache->lock);
    if (cache->depot_count != 0 || grow_locked(cache)) {
        if (mag != NULL) {
            uint32_t take = (uint32_t)(cache->depot_count < UNDIS__MAG_BATCH ? cache->depot_count
                                                                             : UNDIS__MAG_BATCH);
            cache->depot_count -= take;
            memcpy(mag->objs + mag->count, cache->depot + cache->depot_count,
                   take * sizeof(*mag->objs));
            mag->count += take;
            obj = mag->objs[--mag->count];
        } else {
            obj = cache->depot[--cache->depot_count];
        }
    }
    undis__spin_unlock(&cache->lock);
    if (obj != NULL) {
        obj->state = UNDIS__OBJ_LIVE;
        count_get();
    }
    return obj;
}

void
undis__cache_put_slow(struct undis__cache *cache, struct undis__obj *obj)
{
    struct undis__magazine *mag = magazine_of(cache);
    if (mag != NULL && mag->count < UNDIS__MAG_CAP) {
        mag->objs[mag->count++] = obj;
        return;
    }
    undis__spin_lock(&cache->lock);
    if (mag != NULL) {
        /* Full: the oldest half goes to the depot, the hot half stays. */
        memcpy(cache->depot + cache->depot_count, mag->objs, UNDIS__MAG_BATCH * sizeof(*mag->objs));
        cache->depot_count += UNDIS__MAG_BATCH;
        mag->count -= UNDIS__MAG_BATCH;
        memmove(mag->objs, mag->objs + UNDIS__MAG_BATCH, mag->count * sizeof(*mag->objs));
        mag->objs[mag->count++] = obj;
    } else {
        cache->depot[cache->depot_count++] = obj;
    }
    undis__spin_unlock(&cache->lock);
}

/* Thread exit: every magazine of a live cache goes back to its depot, and
 * the thread's cache state (heap memory, never its TLS) is freed. */
void
undis__thread_exit(void *state, int tls_alive)
{
    struct undis__tcache *tc = (struct undis__tcache *)state;
    undis__spin_lock(&g_reg.lock);
    for (uint32_t s = 0; s < UNDIS__MAX_CACHES; s++) {
        struct undis__cache *cache = g_reg.cache[s];
        struct undis__magazine *mag = tc->slot[s].mag;
        if (tc->slot[s].gen == 0 || cache == NULL || g_reg.gen[s] != tc->slot[s].gen) {
            continue;
        }
        undis__spin_lock(&cache->lock);
        memcpy(cache->depot + cache->depot_count, mag->objs, mag->count * sizeof(*mag->objs));
        cache->depot_count += mag->count;
        *mag->prevp = mag->next;
        if (mag->next != NULL) {
            mag->next->prevp = mag->prevp;
        }
        undis__spin_unlock(&cache->lock);
        undis__mem_free_backing(mag);
        tc->slot[s].gen = 0;
        tc->slot[s].mag = NULL;
    }
    undis__spin_unlock(&g_reg.lock);
    undis__atomic_add_u64(&g_reg.exited_gets, tc->gets);
    undis__mem_free_backing(tc);
    if (tls_alive) {
        /* Code that runs later in this thread's exit (another library's
         * destructor) starts afresh instead of using freed memory. */
        undis__t_cache = &undis__tcache_none;
    }
}
