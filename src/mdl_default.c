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
 */
#include "pool.h"

#include <string.h>

#define KIND_DEFAULT_MDL 0x4D444C44u /* "DLDM" */
#define CLASS_COUNT      9

static const ULONG class_size[CLASS_COUNT] = { 64, 128, 256, 512, 1024, 2048, 4096, 9216, 16384 };

static struct {
    undis__spinlock lock;
    volatile int ready;
    struct undis__cache cache[CLASS_COUNT];
} g_default;

/* Blocks above the largest class: allocated one by one and kept on a list,
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

static void
caches_init(void)
{
    undis__spin_lock(&g_default.lock);
    if (!g_default.ready) {
        for (int i = 0; i < CLASS_COUNT; i++) {
            size_t bytes =
                sizeof(struct undis__obj) + mdl_header_bytes(class_size[i]) + class_size[i];
            undis__cache_init(&g_default.cache[i], bytes, KIND_DEFAULT_MDL, NULL);
        }
        undis__atomic_store_release_int(&g_default.ready, 1);
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

/* A block for a buffer of `size` bytes; *header_bytes receives where the
 * buffer starts after the MDL. */
static struct undis__obj *
block_get(ULONG size, SIZE_T *header_bytes)
{
    if (UNDIS_UNLIKELY(!undis__atomic_load_acquire_int(&g_default.ready))) {
        caches_init();
    }
    for (int i = 0; i < CLASS_COUNT; i++) {
        if (size <= class_size[i]) {
            *header_bytes = mdl_header_bytes(class_size[i]);
            return undis__cache_get(&g_default.cache[i]);
        }
    }
    *header_bytes = mdl_header_bytes(size);
    return *header_bytes <= 0x7FFF ? large_get(size, *header_bytes) : NULL;
}

PMDL
undis__default_allocate_mdl(PULONG BufferSize)
{
    ULONG size = *BufferSize;
    SIZE_T header_bytes;
    struct undis__obj *obj = block_get(size, &header_bytes);
    PMDL mdl;
    if (obj == NULL) {
        return NULL;
    }
    mdl = (PMDL)(void *)(obj + 1);
    MmInitializeMdl(mdl, (PCHAR)mdl + header_bytes, size);
    if (size != 0) {
        MmBuildMdlForNonPagedPool(mdl);
    } else {
        mdl->Process = NULL;
        mdl->MappedSystemVa = MmGetMdlVirtualAddress(mdl);
        mdl->MdlFlags = MDL_SOURCE_IS_NONPAGED_POOL;
    }
    return mdl;
}

/*
 * Whether Mdl is one of ours: an object of one of the class caches (the MDL's
 * ByteCount points at the likely class first), or a live large block. Only
 * undis's own bookkeeping is read, never the memory around a foreign MDL.
 */
static int
is_default_mdl(PMDL Mdl)
{
    const struct undis__obj *obj = (const struct undis__obj *)(void *)Mdl - 1;
    int first = CLASS_COUNT;
    if (!undis__atomic_load_acquire_int(&g_default.ready)) {
        return 0;
    }
    for (int i = 0; i < CLASS_COUNT; i++) {
        if (Mdl->ByteCount <= class_size[i]) {
            first = i;
            break;
        }
    }
    if (first < CLASS_COUNT && undis__cache_owns(&g_default.cache[first], obj)) {
        return 1;
    }
    for (int i = 0; i < CLASS_COUNT; i++) {
        if (i != first && undis__cache_owns(&g_default.cache[i], obj)) {
            return 1;
        }
    }
    return large_owns(obj);
}

VOID
undis__default_free_mdl(PMDL Mdl)
{
    struct undis__obj *obj = (struct undis__obj *)(void *)Mdl - 1;
    if (!is_default_mdl(Mdl)) {
        undis__fatal("DEFAULT_FREE_FOREIGN_MDL",
                     "the default NetFreeMdl (a NULL FreeMdlHandler) was given MDL %p, which the "
                     "default NetAllocateMdl did not allocate (pass the free handler that matches "
                     "the allocate handler used by the retreat)",
                     (void *)Mdl);
    }
    if (obj->state != UNDIS__OBJ_LIVE) {
        undis__fatal("DEFAULT_FREE_NOT_LIVE",
                     "the default NetFreeMdl was given MDL %p a second time (it is already free)",
                     (void *)Mdl);
    }
    if ((Mdl->MdlFlags & MDL_PARTIAL_HAS_BEEN_MAPPED) != 0) {
        MmUnmapLockedPages(Mdl->MappedSystemVa, Mdl);
    }
    if (obj->cache != NULL) {
        undis__cache_put(obj->cache, obj);
    } else {
        large_put(obj);
    }
}
