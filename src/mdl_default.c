/* SPDX-License-Identifier: MIT */
/*
 * mdl_default.c: NDIS's default NetAllocateMdl / NetFreeMdl, used when a
 * retreat or advance is given a NULL handler.
 *
 * As in Windows, the MDL and its buffer are one block: the MDL header (sized
 * for the worst-case page alignment, MmSizeOfMdl(0xFFF, size) rounded up to
 * 8) followed by the buffer. undis adds a hidden 16-byte header in front,
 * which lets the default free recognise its own blocks:
 *
 *   [ hidden: magic, size ][ MDL + PFNs ][ buffer: size bytes ]
 *
 * The buffer is not initialised (Windows returns uninitialised pool).
 * Requests whose MDL Size would not fit the 16-bit MDL.Size field (buffers
 * of about 16 MiB or more) fail with NULL.
 *
 * This is a plain allocation per call, behind undis__default_allocate_mdl;
 * the pools issue replaces it with size classes and per-thread caches.
 */
#include "internal.h"

#define DEFAULT_MDL_MAGIC 0x646E444EU /* "NDnd", Windows' tag for these blocks */
#define DEFAULT_MDL_FREED 0x64656544U

struct default_mdl_hdr {
    ULONG magic;
    ULONG size;
    ULONG reserved[2];
};

static SIZE_T
mdl_header_bytes(ULONG size)
{
    return (MmSizeOfMdl((PVOID)(ULONG_PTR)0xFFF, size) + 7) & ~(SIZE_T)7;
}

PMDL
undis__default_allocate_mdl(PULONG BufferSize)
{
    ULONG size = *BufferSize;
    SIZE_T mdl_bytes = mdl_header_bytes(size);
    struct default_mdl_hdr *hdr;
    PMDL mdl;
    if (mdl_bytes > 0x7FFF) {
        return NULL;
    }
    hdr = (struct default_mdl_hdr *)undis__mem_alloc(sizeof(*hdr) + mdl_bytes + size);
    if (hdr == NULL) {
        return NULL;
    }
    hdr->magic = DEFAULT_MDL_MAGIC;
    hdr->size = size;
    mdl = (PMDL)(hdr + 1);
    MmInitializeMdl(mdl, (PCHAR)mdl + mdl_bytes, size);
    if (size != 0) {
        MmBuildMdlForNonPagedPool(mdl);
    } else {
        mdl->Process = NULL;
        mdl->MappedSystemVa = (PCHAR)mdl + mdl_bytes;
        mdl->MdlFlags = MDL_SOURCE_IS_NONPAGED_POOL;
    }
    return mdl;
}

/*
 * Whether Mdl can be one of ours. The geometry is checked first, from the
 * MDL's own fields, so that a foreign MDL is rejected without reading the
 * memory in front of it; only then is the hidden header's magic read.
 */
static int
is_default_mdl(PMDL Mdl)
{
    ULONG_PTR gap = (ULONG_PTR)((PCHAR)MmGetMdlVirtualAddress(Mdl) - (PCHAR)Mdl);
    const struct default_mdl_hdr *hdr = (const struct default_mdl_hdr *)(void *)Mdl - 1;
    if (gap < sizeof(MDL) + sizeof(PFN_NUMBER) || gap > 0x7FFF || (gap & 7) != 0) {
        return 0;
    }
    return hdr->magic == DEFAULT_MDL_MAGIC;
}

VOID
undis__default_free_mdl(PMDL Mdl)
{
    struct default_mdl_hdr *hdr = (struct default_mdl_hdr *)(void *)Mdl - 1;
    if (!is_default_mdl(Mdl)) {
        undis__fatal("DEFAULT_FREE_FOREIGN_MDL",
                     "the default NetFreeMdl (a NULL FreeMdlHandler) was given MDL %p, which the "
                     "default NetAllocateMdl did not allocate (pass the free handler that matches "
                     "the allocate handler used by the retreat)",
                     (void *)Mdl);
    }
    if ((Mdl->MdlFlags & MDL_PARTIAL_HAS_BEEN_MAPPED) != 0) {
        MmUnmapLockedPages(Mdl->MappedSystemVa, Mdl);
    }
    hdr->magic = DEFAULT_MDL_FREED;
    undis__mem_free(hdr);
}
