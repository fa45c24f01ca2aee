/* SPDX-License-Identifier: MIT */
/*
 * verify_nbl.c: the verifier's checks of pools and of NBL / NB allocation
 * and free, and the quarantine (level 2): a freed NBL or NB is poisoned
 * (0xDF) and held back from reuse for a while; when it leaves the
 * quarantine, a byte that is no longer 0xDF shows a write after free.
 * Also the record of derived NBLs (level 2, verify_derived.h).
 */
#include "datapath/nbl_free.h"
#include "datapath/nbl_pool.h"
#include "base/verify.h"
#include "base/verify_derived.h"

#include <stdio.h>
#include <string.h>

#define POISON          0xDF
#define QUARANTINE_SIZE 256u

static struct {
    undis__spinlock lock;
    struct undis__obj *ring[QUARANTINE_SIZE];
    size_t head; /* oldest */
    size_t count;
} g_quarantine;

static const char *
kind_name(uint32_t kind)
{
    return kind == UNDIS__KIND_NBL  ? "NET_BUFFER_LIST"
           : kind == UNDIS__KIND_NB ? "NET_BUFFER"
                                    : "object";
}

int
undis__verify_nbl_alloc(const struct undis__nbl_pool *pool,
                        USHORT context_size,
                        USHORT backfill,
                        const char *call)
{
    if (!undis__verify_irql(call, pool)) {
        return 0;
    }
    if (pool == NULL) {
        undis__report(UNDIS_RULE_NULL_ARGUMENT, call, NULL, NULL, NULL, "PoolHandle is NULL");
        return 0;
    }
    if (pool->magic != UNDIS__NBL_POOL_MAGIC) {
        undis__report(UNDIS_RULE_WRONG_POOL, call, pool, NULL, NULL,
                      "PoolHandle %p is not a NET_BUFFER_LIST pool", (const void *)pool);
        return 0;
    }
    if (((context_size | backfill) & 7) != 0) {
        undis__report(UNDIS_RULE_CONTEXT_SIZE, call, pool, NULL, NULL,
                      "ContextSize %u / ContextBackFill %u: not multiples of 8", context_size,
                      backfill);
        return 0;
    }
    return 1;
}

/* A pooled object's state: double free and wrong kind. */
static int
verify_obj(struct undis__obj *obj, uint32_t kind, const char *call, const NET_BUFFER_LIST *nbl)
{
    if (obj->state == UNDIS__OBJ_FREE) {
        undis__report(UNDIS_RULE_DOUBLE_FREE, call, obj + 1, NULL, NULL, "%s %p was already freed",
                      kind_name(kind), (void *)(obj + 1));
        return 0;
    }
    if (obj->state != UNDIS__OBJ_LIVE || obj->kind != kind) {
        undis__report(UNDIS_RULE_WRONG_POOL, call, obj + 1, NULL, nbl,
                      "%p is not a %s that a pool handed out (for an NET_BUFFER that came with an "
                      "NBL, free the NBL)",
                      (void *)(obj + 1), kind_name(kind));
        return 0;
    }
    return 1;
}

/* Pushed context blocks other than the one allocation pushed. */
static int
extra_contexts(const NET_BUFFER_LIST *nbl, const struct undis__nbl_pool *pool)
{
    const NET_BUFFER_LIST_CONTEXT *inline_ctx =
        pool->context_size != 0
            ? (const NET_BUFFER_LIST_CONTEXT *)(const void *)((const char *)nbl + pool->off_ctx)
            : NULL;
    int pushed = 0;
    for (const NET_BUFFER_LIST_CONTEXT *c = nbl->Context; c != NULL && c != inline_ctx;
         c = c->Next) {
        pushed++;
    }
    return pushed - ((nbl->Flags & UNDIS__NBL_FLAG_CTX_PUSHED) != 0 ? 1 : 0);
}

/* ------------------------------------------------------------------ */
/* Derived NBLs (level 2)                                              */
/* ------------------------------------------------------------------ */

#define DERIVED_BUCKETS 1024u

/* A record: for a live clone or fragment (keyed by it) its parent and kind;
 * for a parent (keyed by it) how many of each kind live. */
struct derived {
    struct derived *next;
    const NET_BUFFER_LIST *key;
    const NET_BUFFER_LIST *parent;
    uint32_t kind;
    uint32_t count[2];
};

static struct {
    undis__spinlock lock;
    struct derived *child[DERIVED_BUCKETS];
    struct derived *parent[DERIVED_BUCKETS];
} g_derived;

volatile uint64_t undis__derived_live;

/* Lock held. Where key's record is (or would be linked) in a table. */
static struct derived **
derived_slot(struct derived **table, const NET_BUFFER_LIST *key)
{
    uintptr_t k = (uintptr_t)key;
    struct derived **pp = &table[((k >> 4) ^ (k >> 14)) % DERIVED_BUCKETS];
    while (*pp != NULL && (*pp)->key != key) {
        pp = &(*pp)->next;
    }
    return pp;
}

/* Lock held. Unlink child's record and count it off its parent; returns
 * the records to free (the child's, and the parent's when it reached 0). */
static void
derived_unlink_locked(struct derived **cp, struct derived **gone)
{
    struct derived *c = *cp;
    struct derived **pp = derived_slot(g_derived.parent, c->parent);
    struct derived *p = *pp;
    *cp = c->next;
    gone[0] = c;
    if (p != NULL) {
        p->count[c->kind]--;
        if (p->count[0] == 0 && p->count[1] == 0) {
            *pp = p->next;
            gone[1] = p;
        }
    }
    (void)undis__atomic_add_u64(&undis__derived_live, (uint64_t)-1);
}

void
undis__derived_note(const NET_BUFFER_LIST *parent, const NET_BUFFER_LIST *child, unsigned kind)
{
    struct derived *c = (struct derived *)undis__mem_alloc_backing(sizeof(*c));
    struct derived *p = (struct derived *)undis__mem_alloc_backing(sizeof(*p));
    struct derived *gone[2] = { NULL, NULL };
    struct derived **cp, **pp;
    if (c == NULL || p == NULL) {
        undis__mem_free_backing(c);
        undis__mem_free_backing(p);
        return;
    }
    memset(c, 0, sizeof(*c));
    memset(p, 0, sizeof(*p));
    c->key = child;
    c->parent = parent;
    c->kind = kind;
    p->key = parent;
    undis__spin_lock(&g_derived.lock);
    cp = derived_slot(g_derived.child, child);
    if (*cp != NULL) {
        /* A stale record: that NBL was freed unseen (at a lower level). */
        derived_unlink_locked(cp, gone);
        cp = derived_slot(g_derived.child, child);
    }
    *cp = c;
    pp = derived_slot(g_derived.parent, parent);
    if (*pp == NULL) {
        *pp = p;
        p = NULL;
    }
    (*pp)->count[kind]++;
    (void)undis__atomic_add_u64(&undis__derived_live, 1);
    undis__spin_unlock(&g_derived.lock);
    undis__mem_free_backing(p);
    undis__mem_free_backing(gone[0]);
    undis__mem_free_backing(gone[1]);
}

void
undis__derived_forget(const NET_BUFFER_LIST *child)
{
    struct derived *gone[2] = { NULL, NULL };
    struct derived **cp;
    undis__spin_lock(&g_derived.lock);
    cp = derived_slot(g_derived.child, child);
    if (*cp != NULL) {
        derived_unlink_locked(cp, gone);
    }
    undis__spin_unlock(&g_derived.lock);
    undis__mem_free_backing(gone[0]);
    undis__mem_free_backing(gone[1]);
}

/* Level 2: no clone or fragment made from nbl still lives. */
static int
verify_no_derived(const char *call, const NET_BUFFER_LIST *nbl)
{
    uint32_t clones = 0, fragments = 0;
    const struct derived *p;
    if (!undis__derived_tracked()) {
        return 1;
    }
    undis__spin_lock(&g_derived.lock);
    p = *derived_slot(g_derived.parent, nbl);
    if (p != NULL) {
        clones = p->count[UNDIS__DERIVED_CLONE];
        fragments = p->count[UNDIS__DERIVED_FRAGMENT];
    }
    undis__spin_unlock(&g_derived.lock);
    if (clones + fragments == 0) {
        return 1;
    }
    undis__report(UNDIS_RULE_PARENT_FREED_WITH_CLONES, call, nbl, NULL, nbl,
                  "%u NBL(s) made from it still live (%u clone(s), %u fragment(s)); free them "
                  "first",
                  clones + fragments, clones, fragments);
    return 0;
}

int
undis__derived_free_slow(const char *call, const NET_BUFFER_LIST *nbl)
{
    if (undis__verify_on() && (!undis__verify_nbl_live(call, nbl) ||
                               (undis__verify_level(2) && !verify_no_derived(call, nbl)))) {
        return 0;
    }
    if (undis__derived_tracked()) {
        undis__derived_forget(nbl);
    }
    return 1;
}

/* The NBL-free contract is broken (undis__nbl_free_ok said so): report the
 * part that is, in the order of nbl_free.h; the NET_BUFFERs by elimination. */
static void
nbl_free_report(const char *call, NET_BUFFER_LIST *nbl, struct undis__obj *obj)
{
    const struct undis__nbl_pool *pool;
    const NET_BUFFER *embedded;
    const NET_BUFFER *foreign;
    if (!verify_obj(obj, UNDIS__KIND_NBL, call, nbl)) {
        return;
    }
    if (nbl->ChildRefCount != 0) {
        undis__report(UNDIS_RULE_NBL_FREED_WITH_CHILDREN, call, nbl, NULL, nbl,
                      "ChildRefCount is %d", (int)nbl->ChildRefCount);
        return;
    }
    pool = (const struct undis__nbl_pool *)(void *)obj->cache;
    embedded = undis__nbl_embedded_nb(pool, nbl);
    if (undis__nbl_free_ctx(nbl, undis__nbl_inline_ctx(pool, nbl)) == UNDIS__NBL_FREE_BROKEN) {
        undis__report(UNDIS_RULE_NBL_FREED_WITH_CONTEXT, call, nbl, NULL, nbl,
                      "%d context block(s) pushed with NdisAllocateNetBufferListContext are "
                      "still on the stack",
                      extra_contexts(nbl, pool));
        return;
    }
    foreign = nbl->FirstNetBuffer == embedded ? embedded->Next : nbl->FirstNetBuffer;
    undis__report(UNDIS_RULE_NBL_FREED_WITH_FOREIGN_NB, call, nbl, foreign, nbl,
                  "NET_BUFFER %p did not come with this NBL and would not be freed",
                  (const void *)foreign);
}

int
undis__verify_nbl_free(NET_BUFFER_LIST *nbl)
{
    static const char call[] = "NdisFreeNetBufferList";
    struct undis__obj *obj = undis__obj_of(nbl);
    const NET_BUFFER *nb;
    if (!undis__verify_irql(call, nbl)) {
        return 0;
    }
    if (undis__nbl_free_ok(nbl, obj) == UNDIS__NBL_FREE_BROKEN) {
        nbl_free_report(call, nbl, obj);
        return 0;
    }
    if (!undis__verify_level(2)) {
        return 1;
    }
    if (!verify_no_derived(call, nbl)) {
        return 0;
    }
    nb = nbl->FirstNetBuffer; /* the embedded NB or NULL (the contract) */
    if (nb != NULL && undis__ledger_count_owned(nb) != 0) {
        undis__report(UNDIS_RULE_NB_FREED_WITH_RETREAT_MDLS, call, nbl, nb, nbl,
                      "its NET_BUFFER %p holds %zu MDL(s) a retreat allocated", (const void *)nb,
                      undis__ledger_count_owned(nb));
        return 0;
    }
    /* A clone or fragment freed with NdisFreeNetBufferList is gone too. */
    if (undis__derived_tracked()) {
        undis__derived_forget(nbl);
    }
    return 1;
}

int
undis__verify_nb_free(NET_BUFFER *nb)
{
    static const char call[] = "NdisFreeNetBuffer";
    if (!undis__verify_irql(call, nb) ||
        !verify_obj(undis__obj_of(nb), UNDIS__KIND_NB, call, NULL)) {
        return 0;
    }
    if (undis__verify_level(2) && undis__ledger_count_owned(nb) != 0) {
        undis__report(UNDIS_RULE_NB_FREED_WITH_RETREAT_MDLS, call, nb, nb, NULL,
                      "it holds %zu MDL(s) a retreat allocated (advance with FreeMdl first)",
                      undis__ledger_count_owned(nb));
        return 0;
    }
    return 1;
}

/* List up to 8 objects still out, for the report. */
static void
live_objects(struct undis__cache *cache, char *out, size_t len)
{
    size_t n = 0, shown = 0;
    out[0] = '\0';
    undis__cache_stamp_idle(cache);
    for (char *slab = (char *)cache->slabs; slab != NULL && shown < 8; slab = *(char **)slab) {
        for (uint32_t i = 0; i < cache->slab_objs && shown < 8 && n < len; i++) {
            struct undis__obj *obj =
                (struct undis__obj *)(undis__slab_first(cache, slab) + (size_t)i * cache->obj_size);
            if (obj->state == UNDIS__OBJ_LIVE) {
                char history[200];
                int w;
                undis__history_text(obj + 1, history, sizeof(history));
                w = snprintf(out + n, len - n, history[0] != '\0' ? " %p (%s)" : " %p%s",
                             (void *)(obj + 1), history);
                n += w > 0 ? (size_t)w : 0;
                shown++;
            }
        }
    }
}

int
undis__verify_pool_free(struct undis__nbl_pool *pool)
{
    const char *call =
        pool->magic == UNDIS__NB_POOL_MAGIC ? "NdisFreeNetBufferPool" : "NdisFreeNetBufferListPool";
    size_t out;
    char list[1024];
    if (!undis__verify_irql(call, pool)) {
        return 0;
    }
    if (pool->magic != UNDIS__NBL_POOL_MAGIC && pool->magic != UNDIS__NB_POOL_MAGIC) {
        undis__report(UNDIS_RULE_WRONG_POOL, call, pool, NULL, NULL,
                      "%p is not a pool handle (or the pool was already freed)", (void *)pool);
        return 0;
    }
    undis__quarantine_purge(&pool->cache);
    out = undis__cache_outstanding(&pool->cache);
    if (out != 0) {
        live_objects(&pool->cache, list, sizeof(list));
        undis__report(UNDIS_RULE_POOL_FREED_WITH_OBJECTS, call, pool, NULL, NULL,
                      "%zu object(s) still out:%s%s", out, list, out > 8 ? " ..." : "");
        return 0;
    }
    return 1;
}

/* ------------------------------------------------------------------ */
/* Quarantine (level 2)                                                */
/* ------------------------------------------------------------------ */

static size_t
body_size(const struct undis__obj *obj)
{
    return obj->cache->obj_size - sizeof(*obj);
}

/* Lock held. Leave the quarantine: check the poison, then back to the cache. */
static struct undis__obj *
evict_locked(void)
{
    struct undis__obj *obj = g_quarantine.ring[g_quarantine.head];
    g_quarantine.head = (g_quarantine.head + 1) % QUARANTINE_SIZE;
    g_quarantine.count--;
    return obj;
}

static void
release(struct undis__obj *obj)
{
    const unsigned char *p = (const unsigned char *)(obj + 1);
    size_t n = body_size(obj);
    size_t i = 0;
    /* Word by word first (objects are 16-aligned and sized), then find the
     * byte that differs for the report. */
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, sizeof(w));
        if (w != (uint64_t)UNDIS__POISON_WORD) {
            break;
        }
    }
    for (; i < n; i++) {
        if (p[i] != POISON) {
            undis__report(UNDIS_RULE_USE_AFTER_FREE, "(quarantine)", obj + 1, NULL, NULL,
                          "%s %p was written after it was freed (byte %zu is 0x%02x, not 0x%02x)",
                          kind_name(obj->kind), (void *)(obj + 1), i, p[i], POISON);
            break;
        }
    }
    /* The poison also covered what was built once when the object was carved
     * (a data pool's MDL): build it again before the object is reused. */
    if (obj->cache->construct != NULL) {
        obj->cache->construct(obj->cache, obj);
    }
    undis__cache_put(obj->cache, obj);
}

void
undis__quarantine_put(struct undis__obj *obj)
{
    struct undis__obj *out = NULL;
    memset(obj + 1, POISON, body_size(obj));
    obj->state = UNDIS__OBJ_FREE;
    undis__spin_lock(&g_quarantine.lock);
    if (g_quarantine.count == QUARANTINE_SIZE) {
        out = evict_locked();
    }
    g_quarantine.ring[(g_quarantine.head + g_quarantine.count) % QUARANTINE_SIZE] = obj;
    g_quarantine.count++;
    undis__spin_unlock(&g_quarantine.lock);
    if (out != NULL) {
        release(out);
    }
}

void
undis__quarantine_purge(struct undis__cache *cache)
{
    struct undis__obj *keep[QUARANTINE_SIZE];
    struct undis__obj *drop[QUARANTINE_SIZE];
    size_t nk = 0, nd = 0;
    undis__spin_lock(&g_quarantine.lock);
    while (g_quarantine.count != 0) {
        struct undis__obj *obj = evict_locked();
        if (obj->cache == cache) {
            drop[nd++] = obj;
        } else {
            keep[nk++] = obj;
        }
    }
    for (size_t i = 0; i < nk; i++) {
        g_quarantine.ring[i] = keep[i];
    }
    g_quarantine.head = 0;
    g_quarantine.count = nk;
    undis__spin_unlock(&g_quarantine.lock);
    for (size_t i = 0; i < nd; i++) {
        release(drop[i]);
    }
}

size_t
undis__quarantine_count(void)
{
    return g_quarantine.count;
}
