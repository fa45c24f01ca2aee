/* SPDX-License-Identifier: MIT */
/*
 * rt_memory.c: tagged pool (ExAllocatePool2 and friends, NdisAllocateMemory*)
 * over undis__mem_alloc, so fault injection and leak accounting see every
 * block. A header in front of each block records its tag, size and the
 * allocation it came from, and a magic word that a free checks and clears.
 */
#include "kernel/rt_services.h"

#define POOL_MAGIC_LIVE 0x4C4F4F50U /* "POOL" */
#define POOL_MAGIC_DEAD 0x44414544U /* "DEAD" */
#define POOL_FILL       0xA5

/* Immediately before the caller's pointer, padded to keep 16-alignment. The
 * track links the block into the leak list (rt_leak.c) with its call site. */
struct pool_fields {
    void *raw;
    SIZE_T size;
    ULONG tag;
    ULONG magic;
    struct undis__rt_track track;
};
struct pool_header {
    struct pool_fields f;
    UCHAR pad[((sizeof(struct pool_fields) + 15) & ~(size_t)15) - sizeof(struct pool_fields)];
};
C_ASSERT(sizeof(struct pool_header) % 16 == 0);

static struct pool_header *
header_of(PVOID p)
{
    return (struct pool_header *)p - 1;
}

static void
pool_reclaim(struct undis__rt_track *track)
{
    struct pool_fields *f = CONTAINING_RECORD(track, struct pool_fields, track);
    undis__rt_track_remove(track);
    f->magic = POOL_MAGIC_DEAD;
    undis__mem_free(f->raw);
}

static PVOID
pool_alloc(SIZE_T size, ULONG tag, SIZE_T align, BOOLEAN zero, const void *site)
{
    /* The C library's malloc aligns to 2 * sizeof(void *) only (8 on 32-bit
     * Windows): the slack covers the rest of the way to `align`. */
    const SIZE_T malloc_align = 2 * sizeof(void *);
    SIZE_T extra = sizeof(struct pool_header) + (align > malloc_align ? align - malloc_align : 0);
    UCHAR *raw;
    UCHAR *user;
    struct pool_header *h;
    if (size >= PAGE_SIZE) {
        extra += PAGE_SIZE - (align > malloc_align ? align : malloc_align);
        align = PAGE_SIZE; /* Windows: a block of a page or more is page aligned */
    } else if (size >= 64 && align < 64) {
        /* Windows gives 16; a block that can hold a cache-aligned member
         * (DECLSPEC_CACHEALIGN, NPAGED_LOOKASIDE_LIST) gets 64, so that a
         * driver's struct is as aligned as its type says (UBSan checks it) */
        extra += 64 - (align > malloc_align ? align : malloc_align);
        align = 64;
    }
    if (size > (SIZE_T)-1 - extra) {
        return NULL;
    }
    raw = (UCHAR *)undis__mem_alloc(size + extra);
    if (raw == NULL) {
        return NULL;
    }
    user = (UCHAR *)ALIGN_UP_POINTER_BY(raw + sizeof(struct pool_header), align);
    h = header_of(user);
    memset(h, 0, sizeof(*h));
    h->f.raw = raw;
    h->f.size = size;
    h->f.tag = tag;
    h->f.magic = POOL_MAGIC_LIVE;
    h->f.track.kind = UNDIS__RT_MEMORY;
    h->f.track.site = site;
    h->f.track.object = user;
    h->f.track.size = size;
    h->f.track.tag = tag;
    h->f.track.reclaim = pool_reclaim;
    undis__rt_track_add(&h->f.track);
    memset(user, zero ? 0 : POOL_FILL, size);
    return user;
}

static void
pool_free(PVOID p, BOOLEAN check_tag, ULONG tag)
{
    struct pool_header *h;
    if (p == NULL || ((ULONG_PTR)p & 15) != 0) {
        undis__rt_bugcheck(BAD_POOL_CALLER, 7, "freeing an address that is not a pool block");
    }
    h = header_of(p);
    if (h->f.magic != POOL_MAGIC_LIVE) {
        undis__rt_bugcheck(BAD_POOL_CALLER, 7,
                           h->f.magic == POOL_MAGIC_DEAD
                               ? "pool block freed twice"
                               : "freeing an address that is not a pool block");
    }
    if (check_tag && (h->f.tag & 0x7FFFFFFFU) != (tag & 0x7FFFFFFFU)) {
        undis__rt_bugcheck(BAD_POOL_CALLER, 0xA,
                           "pool block freed with a tag it was not allocated with");
    }
    pool_reclaim(&h->f.track);
}

/* For the other allocators of the runtime (rt_hwio.c's shared memory): a
 * tracked block aligned to align, listed at unload with the caller's site. */
PVOID
undis__rt_pool_alloc(SIZE_T size, ULONG tag, SIZE_T align, const void *site)
{
    return pool_alloc(size, tag, align, FALSE, site);
}

/* The size a live pool block p was allocated with (a bug check if p is not one). */
SIZE_T
undis__rt_pool_size(PVOID p)
{
    if (p == NULL || ((ULONG_PTR)p & 15) != 0 || header_of(p)->f.magic != POOL_MAGIC_LIVE) {
        undis__rt_bugcheck(BAD_POOL_CALLER, 7, "freeing an address that is not a pool block");
    }
    return header_of(p)->f.size;
}

static void
check_pool_irql(BOOLEAN paged)
{
    KIRQL irql = undis__rt_irql();
    if (irql > DISPATCH_LEVEL || (paged && irql > APC_LEVEL)) {
        undis__rt_bugcheck(BAD_POOL_CALLER, 8, "pool allocated at an IRQL too high for its type");
    }
}

/* POOL_TYPE: bit 0 paged, bit 2 cache-aligned (the other bits are modifiers). */
static BOOLEAN
type_is_paged(POOL_TYPE t)
{
    return (BOOLEAN)(((ULONG)t & 1U) != 0);
}

static SIZE_T
type_align(POOL_TYPE t)
{
    return ((ULONG)t & 4U) != 0 ? 64 : 16;
}

PVOID NTAPI
ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag)
{
    PVOID p;
    check_pool_irql((BOOLEAN)((Flags & POOL_FLAG_PAGED) != 0));
    p = pool_alloc(NumberOfBytes, Tag, (Flags & POOL_FLAG_CACHE_ALIGNED) != 0 ? 64 : 16,
                   (BOOLEAN)((Flags & POOL_FLAG_UNINITIALIZED) == 0), UNDIS_RETURN_ADDRESS());
    if (p == NULL && (Flags & POOL_FLAG_RAISE_ON_FAILURE) != 0) {
        undis__rt_bugcheck(BAD_POOL_CALLER, 0,
                           "allocation with POOL_FLAG_RAISE_ON_FAILURE failed (Windows raises "
                           "STATUS_INSUFFICIENT_RESOURCES)");
    }
    return p;
}

static PVOID
alloc_typed(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag, BOOLEAN zero, const void *site)
{
    check_pool_irql(type_is_paged(PoolType));
    return pool_alloc(NumberOfBytes, Tag, type_align(PoolType),
                      (BOOLEAN)(zero || ((ULONG)PoolType & POOL_ZERO_ALLOCATION) != 0), site);
}

PVOID NTAPI
ExAllocatePoolZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    return alloc_typed(PoolType, NumberOfBytes, Tag, TRUE, UNDIS_RETURN_ADDRESS());
}

PVOID NTAPI
ExAllocatePoolUninitialized(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    return alloc_typed(PoolType, NumberOfBytes, Tag, FALSE, UNDIS_RETURN_ADDRESS());
}

PVOID NTAPI
ExAllocatePoolWithTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    return alloc_typed(PoolType, NumberOfBytes, Tag, FALSE, UNDIS_RETURN_ADDRESS());
}

PVOID NTAPI
ExAllocatePoolWithTagPriority(POOL_TYPE PoolType,
                              SIZE_T NumberOfBytes,
                              ULONG Tag,
                              EX_POOL_PRIORITY Priority)
{
    (void)Priority;
    return alloc_typed(PoolType, NumberOfBytes, Tag, FALSE, UNDIS_RETURN_ADDRESS());
}

VOID NTAPI
ExFreePoolWithTag(PVOID P, ULONG Tag)
{
    pool_free(P, TRUE, Tag);
}

VOID NTAPI
ExFreePool(PVOID P)
{
    pool_free(P, FALSE, 0);
}

PVOID
NdisAllocateMemoryWithTagPriority(NDIS_HANDLE NdisHandle,
                                  UINT Length,
                                  ULONG Tag,
                                  EX_POOL_PRIORITY Priority)
{
    (void)NdisHandle;
    (void)Priority;
    check_pool_irql(FALSE);
    return pool_alloc(Length, Tag, 16, FALSE, UNDIS_RETURN_ADDRESS());
}

VOID
NdisFreeMemory(PVOID VirtualAddress, UINT Length, UINT MemoryFlags)
{
    (void)Length;
    (void)MemoryFlags;
    pool_free(VirtualAddress, FALSE, 0);
}

VOID
NdisFreeMemoryWithTagPriority(NDIS_HANDLE NdisHandle, PVOID VirtualAddress, ULONG Tag)
{
    (void)NdisHandle;
    pool_free(VirtualAddress, TRUE, Tag);
}

NDIS_STATUS
NdisAllocateMemoryWithTag(PVOID *VirtualAddress, UINT Length, ULONG Tag)
{
    check_pool_irql(FALSE);
    *VirtualAddress = pool_alloc(Length, Tag, 16, FALSE, UNDIS_RETURN_ADDRESS());
    return *VirtualAddress != NULL ? NDIS_STATUS_SUCCESS : NDIS_STATUS_FAILURE;
}

#if !UNDIS_HAVE_WINNT
SIZE_T NTAPI
RtlCompareMemory(const VOID *Source1, const VOID *Source2, SIZE_T Length)
{
    const UCHAR *a = (const UCHAR *)Source1;
    const UCHAR *b = (const UCHAR *)Source2;
    SIZE_T i = 0;
    while (i < Length && a[i] == b[i]) {
        i++;
    }
    return i;
}
#endif
