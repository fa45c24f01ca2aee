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

/* A block for a buffer of `size` bytes; *header_bytes receives where the
 * buffer starts after the MDL. */
static struct undis__obj *
block_get(ULONG size, SIZE_T *header_bytes)
{
    struct undis__obj *obj;
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
    if (*header_bytes > 0x7FFF) {
        return NULL;
    }
    obj = (struct undis__obj *)undis__mem_alloc(sizeof(*obj) + *header_bytes + size);
    if (obj != NULL) {
        obj->cache = NULL;
        obj->state = UNDIS__OBJ_LIVE;
        obj->kind = KIND_DEFAULT_MDL;
    }
    return obj;
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
 * Whether Mdl can be one of ours. The geometry is checked first, from the
 * MDL's own fields, so that a foreign MDL is rejected without reading the
 * memory in front of it; only then is the hidden header read.
 */
static int
is_default_mdl(PMDL Mdl)
{
    ULONG_PTR gap = (ULONG_PTR)((PCHAR)MmGetMdlVirtualAddress(Mdl) - (PCHAR)Mdl);
    const struct undis__obj *obj = (const struct undis__obj *)(void *)Mdl - 1;
    if (gap < sizeof(MDL) + sizeof(PFN_NUMBER) || gap > 0x7FFF || (gap & 7) != 0) {
        return 0;
    }
    return obj->kind == KIND_DEFAULT_MDL;
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
        obj->state = UNDIS__OBJ_FREE;
        undis__mem_free(obj);
    }
}
