/* SPDX-License-Identifier: MIT */
/*
 * mdl_default.c: NDIS's default NetAllocateMdl / NetFreeMdl, used when a
 * retreat or advance is given a NULL handler.
 *
 * As in Windows, the MDL and its buffer are one block: the MDL header (sized
 * for the worst-case page alignment, MmSizeOfMdl(0xFFF, size) rounded up to
 * 8) followed by the buffer. The blocks come from object caches (pool.h), one
 * per size class, so the usual retreat costs a magazine pop; requests above
 * the largest class get a block of their own. The hidden header in front of
 * each block lets the default free recognise its own blocks:
 *
 *   [ hidden: cache, state, kind ][ MDL + PFNs ][ buffer ]
 *
 * *BufferSize is left unchanged and the buffer is not initialised (Windows
 * returns uninitialised pool). Requests whose MDL Size would not fit the
 * 16-bit MDL.Size field (buffers of about 16 MiB or more) fail with NULL.
 *
 * Fast paths. Allocation picks the class with one table load, pops a block
 * and writes every MDL field (and the PFNs the buffer spans) directly: the
 * block's buffer address is fixed, so the values are a few shifts of it, and
 * whatever a driver did to the block's previous MDL is overwritten. The free
 * proves the block is one of the class caches' by looking its MDL address up
 * in a set of every class block ever carved (filled when a slab is carved),
 * which is undis's own memory: the memory around a foreign MDL is never read.
 * A miss takes the slow path: the slab walk (for a block the set could not
 * record because memory ran out), the large-block list, else the fatal
 * DEFAULT_FREE_FOREIGN_MDL report.
 */
#include "base/report.h"
#include "datapath/pool.h"

#include <string.h>

#define KIND_DEFAULT_MDL 0x4D444C44u /* "DLDM" */
#define CLASS_COUNT      9
#define CLASS_LARGEST    16384u
#define CLASS_GRAIN      64u /* every class size is a multiple of this */
#define CLASS_INDEXES    (CLASS_LARGEST / CLASS_GRAIN + 1)

static const ULONG class_size[CLASS_COUNT] = { 64, 128, 256, 512, 1024, 2048, 4096, 9216, 16384 };

struct mdl_class {
    struct undis__cache cache;
    SIZE_T header; /* bytes from the MDL to its buffer */
};

static struct {
    /* 0 until the caches are set up, then CLASS_LARGEST + 1: a request of
     * at least this many bytes takes the slow path (one compare for both) */
    volatile int bound;
    /* class_of[(size + 63) / 64]: the smallest class that holds size bytes */
    struct mdl_class *class_of[CLASS_INDEXES];
    struct mdl_class cls[CLASS_COUNT];
    undis__spinlock lock;
} g_default;

/* ---- the set of class blocks ------------------------------------------------
 *
 * Open addressing with linear probing over the MDL addresses of every block
 * the class caches ever carved (blocks live as long as the process, so
 * nothing is removed). Inserts happen under the lock, when a slab is carved;
 * lookups take no lock. A full table is replaced by one twice as large,
 * published with a release store; the old table stays valid (and reachable,
 * through `older`) for lookups that already loaded it, and holds every block
 * such a lookup can be asked about. At most half the slots are used (three
 * quarters when memory for a larger table runs out; past that blocks go
 * unrecorded): 16 to 32 bytes per block, plus at most as much in old tables. */

struct owned_table {
    struct owned_table *older;
    unsigned shift; /* 64 - log2(slots) */
    size_t mask;    /* slots - 1 */
    void *volatile slot[];
};

#define OWNED_FIRST_SLOTS 1024u

static struct {
    undis__spinlock lock;
    struct owned_table *volatile table;
    size_t count;
} g_owned;

static inline size_t
owned_hash(const struct owned_table *t, const void *key)
{
    return (size_t)((((uint64_t)(uintptr_t)key >> 4) * 0x9E3779B97F4A7C15u) >> t->shift);
}

static inline int
owned_find(const void *key)
{
    const struct owned_table *t = (const struct owned_table *)undis__atomic_load_acquire_ptr(
        (void *const volatile *)&g_owned.table);
    size_t i;
    if (UNDIS_UNLIKELY(t == NULL)) {
        return 0;
    }
    for (i = owned_hash(t, key);; i = (i + 1) & t->mask) {
        const void *v = undis__atomic_load_acquire_ptr(&t->slot[i]);
        if (v == key) {
            return 1;
        }
        if (v == NULL) {
            return 0;
        }
    }
}

/* Lock held; t has a free slot. */
static void
owned_put(struct owned_table *t, void *key)
{
    size_t i = owned_hash(t, key);
    while (t->slot[i] != NULL) {
        i = (i + 1) & t->mask;
    }
    undis__atomic_store_release_ptr(&t->slot[i], key);
}

/* Lock held. A table of `slots` slots (a power of two) holding old's keys;
 * NULL when memory runs out. */
static struct owned_table *
owned_table_new(size_t slots, struct owned_table *old)
{
    struct owned_table *t =
        (struct owned_table *)undis__mem_alloc_backing(sizeof(*t) + slots * sizeof(t->slot[0]));
    unsigned bits = 0;
    if (t == NULL) {
        return NULL;
    }
    while (((size_t)1 << bits) < slots) {
        bits++;
    }
    t->older = old;
    t->shift = 64u - bits;
    t->mask = slots - 1;
    for (size_t i = 0; i < slots; i++) {
        t->slot[i] = NULL;
    }
    if (old != NULL) {
        for (size_t i = 0; i <= old->mask; i++) {
            if (old->slot[i] != NULL) {
                owned_put(t, old->slot[i]);
            }
        }
    }
    return t;
}

/* Record a class block. If memory for the table runs out the block is not
 * recorded, and its free takes the slow path (the slab walk) instead. */
static void
owned_insert(void *key)
{
    struct owned_table *t;
    undis__spin_lock(&g_owned.lock);
    t = g_owned.table;
    if (t == NULL || (g_owned.count + 1) * 2 > t->mask + 1) {
        struct owned_table *bigger =
            owned_table_new(t == NULL ? OWNED_FIRST_SLOTS : 2 * (t->mask + 1), t);
        if (bigger != NULL) {
            undis__atomic_store_release_ptr((void *volatile *)&g_owned.table, bigger);
            t = bigger;
        }
    }
    if (t != NULL && (g_owned.count + 1) * 4 <= (t->mask + 1) * 3) {
        owned_put(t, key);
        g_owned.count++;
    }
    undis__spin_unlock(&g_owned.lock);
}

/* The cache's construct hook: called once per block when its slab is carved. */
static void
block_construct(struct undis__cache *cache, struct undis__obj *obj)
{
    (void)cache;
    owned_insert(obj + 1);
}

/* ---- large blocks ------------------------------------------------------------
 *
 * Blocks above the largest class: allocated one by one and kept on a list,
 * so that the default free can tell them from a driver's MDL without reading
 * memory it does not own. */

struct large_block {
    struct large_block *next;
    struct large_block *prev;
    struct undis__obj obj; /* the MDL follows */
};

static struct {
    undis__spinlock lock;
    struct large_block *head;
} g_large;

static SIZE_T
mdl_header_bytes(ULONG size)
{
    return (MmSizeOfMdl((PVOID)(ULONG_PTR)0xFFF, size) + 7) & ~(SIZE_T)7;
}

static UNDIS_COLD void
caches_init(void)
{
    undis__spin_lock(&g_default.lock);
    if (g_default.bound == 0) {
        unsigned c = 0;
        for (unsigned i = 0; i < CLASS_INDEXES; i++) {
            while (class_size[c] < i * CLASS_GRAIN) {
                c++;
            }
            g_default.class_of[i] = &g_default.cls[c];
        }
        for (int i = 0; i < CLASS_COUNT; i++) {
            struct mdl_class *k = &g_default.cls[i];
            k->header = mdl_header_bytes(class_size[i]);
            undis__cache_init(&k->cache, sizeof(struct undis__obj) + k->header + class_size[i],
                              KIND_DEFAULT_MDL, block_construct);
        }
        undis__atomic_store_release_int(&g_default.bound, (int)CLASS_LARGEST + 1);
    }
    undis__spin_unlock(&g_default.lock);
}

static struct undis__obj *
large_get(ULONG size, SIZE_T header_bytes)
{
    struct large_block *b =
        (struct large_block *)undis__mem_alloc(sizeof(*b) + header_bytes + size);
    if (b == NULL) {
        return NULL;
    }
    b->obj.cache = NULL;
    b->obj.state = UNDIS__OBJ_LIVE;
    b->obj.kind = KIND_DEFAULT_MDL;
    b->prev = NULL;
    undis__spin_lock(&g_large.lock);
    b->next = g_large.head;
    if (b->next != NULL) {
        b->next->prev = b;
    }
    g_large.head = b;
    undis__spin_unlock(&g_large.lock);
    return &b->obj;
}

static void
large_put(struct undis__obj *obj)
{
    struct large_block *b = (struct large_block *)(void *)((char *)obj - 2 * sizeof(void *));
    undis__spin_lock(&g_large.lock);
    if (b->prev != NULL) {
        b->prev->next = b->next;
    } else {
        g_large.head = b->next;
    }
    if (b->next != NULL) {
        b->next->prev = b->prev;
    }
    undis__spin_unlock(&g_large.lock);
    obj->state = UNDIS__OBJ_FREE;
    undis__mem_free(b);
}

static int
large_owns(const struct undis__obj *obj)
{
    int found = 0;
    undis__spin_lock(&g_large.lock);
    for (const struct large_block *b = g_large.head; b != NULL && !found; b = b->next) {
        found = &b->obj == obj;
    }
    undis__spin_unlock(&g_large.lock);
    return found;
}

/* The smallest class that holds size bytes; pre: size <= CLASS_LARGEST. */
static inline struct mdl_class *
class_for(ULONG size)
{
    return g_default.class_of[(size + CLASS_GRAIN - 1) / CLASS_GRAIN];
}

/*
 * The MDL of a class block for `size` bytes, as MmInitializeMdl followed by
 * MmBuildMdlForNonPagedPool make it (the spec's default NetAllocateMdl):
 * Next NULL, Size for the pages the buffer spans, MdlFlags
 * MDL_SOURCE_IS_NONPAGED_POOL, Process NULL, MappedSystemVa the buffer,
 * StartVa/ByteOffset from the buffer, ByteCount size, and the PFN array.
 * Every field is written, whatever the block's previous MDL became. Every
 * class header has room for at least two PFNs (it is sized for a buffer
 * starting at offset 0xFFF), so the first two are written unconditionally;
 * a PFN past the ones Size counts is slack no MDL reader looks at.
 */
static inline PMDL
class_mdl(struct undis__obj *obj, SIZE_T header, ULONG size)
{
    PMDL mdl = (PMDL)(void *)(obj + 1);
    uintptr_t va = (uintptr_t)mdl + header;
    ULONG_PTR page = (ULONG_PTR)(va >> PAGE_SHIFT);
    ULONG offset = (ULONG)(va & (PAGE_SIZE - 1));
    ULONG pages = (offset + size + PAGE_SIZE - 1) >> PAGE_SHIFT;
    PPFN_NUMBER pfn = MmGetMdlPfnArray(mdl);
    mdl->Next = NULL;
    mdl->Size = (CSHORT)(sizeof(MDL) + sizeof(PFN_NUMBER) * pages);
    mdl->MdlFlags = MDL_SOURCE_IS_NONPAGED_POOL;
    mdl->Process = NULL;
    mdl->MappedSystemVa = (PVOID)va;
    mdl->StartVa = (PVOID)(page << PAGE_SHIFT);
    mdl->ByteCount = size;
    mdl->ByteOffset = offset;
    pfn[0] = page;
    pfn[1] = page + 1;
    for (ULONG i = 2; i < pages; i++) {
        pfn[i] = page + i;
    }
    return mdl;
}

/*
 * The object cache's fast path alone (a pop from this thread's magazine,
 * with the same bookkeeping as undis__cache_get), or NULL when it cannot
 * serve: no magazine yet, magazine empty, or fault injection armed. It has
 * no call inside, so the allocation needs no stack frame; everything else
 * goes through undis__cache_get in allocate_slow.
 */
static inline struct undis__obj *
class_try_get(struct undis__cache *cache)
{
    return undis__cache_try_get(cache);
}

/* Everything but a magazine pop: the caches are made on first use, a class
 * block comes through undis__cache_get (refill, fault injection), requests
 * above the largest class get a block of their own. */
static UNDIS_COLD PMDL
allocate_slow(ULONG size)
{
    SIZE_T header_bytes;
    struct undis__obj *obj;
    PMDL mdl;
    if (undis__atomic_load_acquire_int(&g_default.bound) == 0) {
        caches_init();
    }
    if (size <= CLASS_LARGEST) {
        struct mdl_class *k = class_for(size);
        obj = undis__cache_get(&k->cache);
        return obj != NULL ? class_mdl(obj, k->header, size) : NULL;
    }
    header_bytes = mdl_header_bytes(size);
    if (header_bytes > 0x7FFF) {
        return NULL;
    }
    obj = large_get(size, header_bytes);
    if (obj == NULL) {
        return NULL;
    }
    mdl = (PMDL)(void *)(obj + 1);
    MmInitializeMdl(mdl, (PCHAR)mdl + header_bytes, size);
    MmBuildMdlForNonPagedPool(mdl);
    return mdl;
}

PMDL
undis__default_allocate_mdl(PULONG BufferSize)
{
    ULONG size = *BufferSize;
    struct mdl_class *k;
    struct undis__obj *obj;
    if (UNDIS_UNLIKELY(size >= (ULONG)undis__atomic_load_acquire_int(&g_default.bound))) {
        return allocate_slow(size);
    }
    k = class_for(size);
    obj = class_try_get(&k->cache);
    if (UNDIS_UNLIKELY(obj == NULL)) {
        return allocate_slow(size);
    }
    return class_mdl(obj, k->header, size);
}

static UNDIS_COLD UNDIS_NORETURN void
free_not_live(PMDL Mdl)
{
    undis__report_fatal(
        UNDIS_RULE_DEFAULT_FREE_NOT_LIVE, "NetFreeMdl", Mdl,
        "the default NetFreeMdl was given MDL %p a second time (it is already free)", (void *)Mdl);
}

/*
 * Not in the set: a class block the set could not record (memory ran out
 * when its slab was carved), a large block, or not the default's at all.
 * Only undis's own bookkeeping is read, never the memory around Mdl.
 */
static UNDIS_COLD void
free_slow(PMDL Mdl)
{
    struct undis__obj *obj = (struct undis__obj *)(void *)Mdl - 1;
    int owned = 0;
    if (undis__atomic_load_acquire_int(&g_default.bound) != 0) {
        for (int i = 0; i < CLASS_COUNT && !owned; i++) {
            owned = undis__cache_owns(&g_default.cls[i].cache, obj);
        }
        if (!owned && large_owns(obj)) {
            owned = 2;
        }
    }
    if (!owned) {
        undis__report_fatal(
            UNDIS_RULE_DEFAULT_FREE_FOREIGN_MDL, "NetFreeMdl", Mdl,
            "the default NetFreeMdl (a NULL FreeMdlHandler) was given MDL %p, which "
            "the default NetAllocateMdl did not allocate (pass the free handler "
            "that matches the allocate handler used by the retreat)",
            (void *)Mdl);
    }
    if (obj->state != UNDIS__OBJ_LIVE) {
        free_not_live(Mdl);
    }
    if ((Mdl->MdlFlags & MDL_PARTIAL_HAS_BEEN_MAPPED) != 0) {
        MmUnmapLockedPages(Mdl->MappedSystemVa, Mdl);
    }
    if (owned == 2) {
        large_put(obj);
    } else {
        undis__cache_put(obj->cache, obj);
    }
}

/* A class block whose MDL was mapped as a partial MDL: unmapped first, as
 * Windows' default free does. */
static UNDIS_COLD void
free_mapped(PMDL Mdl)
{
    struct undis__obj *obj = (struct undis__obj *)(void *)Mdl - 1;
    MmUnmapLockedPages(Mdl->MappedSystemVa, Mdl);
    undis__cache_put(obj->cache, obj);
}

VOID
undis__default_free_mdl(PMDL Mdl)
{
    struct undis__obj *obj = (struct undis__obj *)(void *)Mdl - 1;
    UNDIS_ASSERT(Mdl != NULL); /* nb.c frees only the MDLs of a chain */
    if (UNDIS_UNLIKELY(!owned_find(Mdl))) {
        free_slow(Mdl);
        return;
    }
    UNDIS_ASSERT(obj->kind == KIND_DEFAULT_MDL && obj->cache != NULL);
    if (UNDIS_UNLIKELY(obj->state != UNDIS__OBJ_LIVE)) {
        free_not_live(Mdl);
    }
    if (UNDIS_UNLIKELY((Mdl->MdlFlags & MDL_PARTIAL_HAS_BEEN_MAPPED) != 0)) {
        free_mapped(Mdl);
        return;
    }
    undis__cache_put(obj->cache, obj);
}
