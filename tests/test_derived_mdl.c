/*
 * test_derived_mdl.c - the partial MDLs of clones, fragments and
 * reassemblies (spec 6.7, src/datapath/derived.c): each is the MDL IoAllocateMdl +
 * IoBuildPartialMdl would make over the same bytes, field by field (those of
 * at most four pages come from undis's fixed-size cache and also carry
 * MDL_ALLOCATED_FIXED_SIZE, as Windows' lookaside MDLs do; longer ones come
 * from IoAllocateMdl); the frees give each MDL back where it came from and
 * hand anything else on the chain (an MDL a retreat prepended) to IoFreeMdl,
 * even when it carries MDL_ALLOCATED_FIXED_SIZE; fragments cut along a
 * multi-MDL chain describe consecutive source bytes; and every allocating
 * step of a mixed chain (cache MDLs, IoAllocateMdl MDLs, NBs, NBLs, retreat
 * MDLs) can fail with nothing leaked and the source untouched.
 *
 * Sources stand on MDLs in test storage over a page-aligned test buffer, so
 * undis_alloc_outstanding() counts exactly what the library allocates.
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/pools.h"

#include <string.h>

#define PAGES     12
#define CACHE_MAX 4 /* partial MDLs of up to this many pages come from the cache */

static UCHAR g_raw[(PAGES + 1) * PAGE_SIZE];

/* The page-aligned test buffer, filled with a pattern. */
static PUCHAR
buffer(void)
{
    PUCHAR b = (PUCHAR)(((uintptr_t)g_raw + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1));
    for (ULONG i = 0; i < PAGES * PAGE_SIZE; i++) {
        b[i] = (UCHAR)(i * 13u + i / 4093u);
    }
    return b;
}

/* An MDL in test storage, room for every PFN of the buffer. */
struct tmdl {
    MDL mdl;
    PFN_NUMBER pfn[PAGES + 1];
};

/* How a source MDL is described. */
enum kind { NONPAGED, MAPPED, UNMAPPED, IO_READ_PROCESS };

static void
tmdl_init(struct tmdl *t, PVOID va, ULONG len, enum kind k)
{
    memset(t, 0, sizeof(*t));
    MmInitializeMdl(&t->mdl, va, len);
    switch (k) {
    case NONPAGED:
        MmBuildMdlForNonPagedPool(&t->mdl);
        break;
    case MAPPED:
        t->mdl.MappedSystemVa = va;
        t->mdl.MdlFlags = MDL_MAPPED_TO_SYSTEM_VA | MDL_PAGES_LOCKED;
        break;
    case UNMAPPED:
        break;
    case IO_READ_PROCESS:
        t->mdl.MappedSystemVa = va;
        t->mdl.MdlFlags = MDL_MAPPED_TO_SYSTEM_VA | MDL_IO_PAGE_READ | MDL_WRITE_OPERATION;
        t->mdl.Process = (struct _EPROCESS *)(uintptr_t)0x1000;
        break;
    }
}

static NDIS_HANDLE
nbl_pool(void)
{
    NDIS_HANDLE h = test_nbl_pool(TRUE, 0, 0, 0, 0);
    CHECK_NOT_NULL(h);
    return h;
}

static NDIS_HANDLE
nb_pool(void)
{
    NDIS_HANDLE h = test_nb_pool(0, 0);
    CHECK_NOT_NULL(h);
    return h;
}

/* The partial MDL IoAllocateMdl + IoBuildPartialMdl make over the same
 * bytes: every field equal, MDL_ALLOCATED_FIXED_SIZE added for a cache MDL. */
static void
check_like_io_partial(PMDL got, PMDL src, PUCHAR va, ULONG len)
{
    PMDL ref = IoAllocateMdl(va, len, FALSE, FALSE, NULL);
    ULONG pages = ADDRESS_AND_SIZE_TO_SPAN_PAGES(va, len);
    CSHORT fixed = (CSHORT)(pages <= CACHE_MAX ? MDL_ALLOCATED_FIXED_SIZE : 0);
    CHECK_NOT_NULL(ref);
    IoBuildPartialMdl(src, ref, va, len);
    CHECK_EQ_INT(got->Size, ref->Size);
    CHECK_EQ_INT(got->MdlFlags, ref->MdlFlags | fixed);
    CHECK_PTR_EQ(got->Process, ref->Process);
    CHECK_PTR_EQ(got->MappedSystemVa, ref->MappedSystemVa);
    CHECK_PTR_EQ(got->StartVa, ref->StartVa);
    CHECK_EQ_U32(got->ByteCount, ref->ByteCount);
    CHECK_EQ_U32(got->ByteOffset, ref->ByteOffset);
    CHECK_MEM_EQ(MmGetMdlPfnArray(got), MmGetMdlPfnArray(ref), pages * sizeof(PFN_NUMBER));
    IoFreeMdl(ref);
}

/* Clones (flags 0) of one-MDL sources of every kind, at offsets that cross
 * page boundaries, of 1 to 6 pages: each clone MDL is the IoBuildPartialMdl
 * MDL (plus the cache flag up to four pages), and the clone's free gives
 * back everything. */
TEST(derived_mdl_clone_mdl_is_io_build_partial_mdl)
{
    static const ULONG offsets[] = { 0, 1, 100, 4000, 4095 };
    static const ULONG lengths[] = { 1, 60, 1514, 4096, 9000, 12000, 16384, 20000 };
    PUCHAR b = buffer();
    NDIS_HANDLE pool = nbl_pool();
    unsigned long long base = undis_alloc_outstanding();
    for (int k = NONPAGED; k <= IO_READ_PROCESS; k++) {
        for (size_t o = 0; o < sizeof(offsets) / sizeof(offsets[0]); o++) {
            for (size_t l = 0; l < sizeof(lengths) / sizeof(lengths[0]); l++) {
                struct tmdl src;
                ULONG head = 7; /* source bytes before the data */
                NET_BUFFER_LIST *nbl, *clone;
                NET_BUFFER *nb;
                tmdl_init(&src, b + offsets[o], head + lengths[l] + 3, (enum kind)k);
                nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, &src.mdl, head, lengths[l]);
                CHECK_NOT_NULL(nbl);
                clone = NdisAllocateCloneNetBufferList(nbl, pool, NULL, 0);
                CHECK_NOT_NULL(clone);
                nb = clone->FirstNetBuffer;
                CHECK_NOT_NULL(nb->MdlChain);
                CHECK_NULL(nb->MdlChain->Next);
                CHECK_PTR_EQ(nb->CurrentMdl, nb->MdlChain);
                CHECK_EQ_U32(nb->DataOffset, 0);
                CHECK_EQ_U32(nb->DataLength, lengths[l]);
                check_like_io_partial(nb->MdlChain, &src.mdl, b + offsets[o] + head, lengths[l]);
                CHECK_EQ_INT(undis_nbl_check(clone, NULL, 0), UNDIS_CHECK_OK);
                CHECK_EQ_U64(undis_alloc_outstanding(), base + 3); /* NBL, clone, MDL */
                NdisFreeCloneNetBufferList(clone, 0);
                NdisFreeNetBufferList(nbl);
                CHECK_EQ_U64(undis_alloc_outstanding(), base);
            }
        }
    }
    NdisFreeNetBufferListPool(pool);
}

/* A chain mixing short MDLs, a zero-length one and a long one: the clone's
 * chain has one partial MDL per source MDL with used bytes, each like
 * IoBuildPartialMdl's; cache and IoAllocateMdl MDLs are freed each their
 * own way. */
TEST(derived_mdl_clone_of_mixed_chain)
{
    PUCHAR b = buffer();
    NDIS_HANDLE pool = nbl_pool();
    struct tmdl m[4];
    NET_BUFFER_LIST *nbl, *clone;
    unsigned long long base;
    PMDL part;
    tmdl_init(&m[0], b + 10, 100, NONPAGED);
    tmdl_init(&m[1], b + 200, 0, UNMAPPED);
    tmdl_init(&m[2], b + 300, 6 * PAGE_SIZE, NONPAGED);
    tmdl_init(&m[3], b + 7 * PAGE_SIZE, 64, MAPPED);
    m[0].mdl.Next = &m[1].mdl;
    m[1].mdl.Next = &m[2].mdl;
    m[2].mdl.Next = &m[3].mdl;
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, &m[0].mdl, 40, 60 + 6 * PAGE_SIZE + 20);
    CHECK_NOT_NULL(nbl);
    base = undis_alloc_outstanding();
    clone = NdisAllocateCloneNetBufferList(nbl, NULL, NULL, 0);
    CHECK_NOT_NULL(clone);
    part = clone->FirstNetBuffer->MdlChain;
    check_like_io_partial(part, &m[0].mdl, b + 50, 60);
    part = part->Next;
    check_like_io_partial(part, &m[2].mdl, b + 300, 6 * PAGE_SIZE);
    CHECK_EQ_INT(part->MdlFlags & MDL_ALLOCATED_FIXED_SIZE, 0);
    part = part->Next;
    check_like_io_partial(part, &m[3].mdl, b + 7 * PAGE_SIZE, 20);
    CHECK_NULL(part->Next);
    CHECK_EQ_INT(undis_nbl_check(clone, NULL, 0), UNDIS_CHECK_OK);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1 + 3);
    NdisFreeCloneNetBufferList(clone, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
}

/* A driver's NetAllocateMdl: IoAllocateMdl over a test buffer, marked
 * MDL_ALLOCATED_FIXED_SIZE to look like a lookaside MDL. */
static UCHAR g_hdr[256];

static PMDL
driver_alloc_mdl(PULONG size)
{
    PMDL mdl;
    if (*size > sizeof(g_hdr)) {
        return NULL;
    }
    mdl = IoAllocateMdl(g_hdr, *size, FALSE, FALSE, NULL);
    if (mdl != NULL) {
        MmBuildMdlForNonPagedPool(mdl);
        mdl->MdlFlags |= MDL_ALLOCATED_FIXED_SIZE;
    }
    return mdl;
}

/* Spec 6.7: without NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS the clone's free
 * IoFreeMdl's every MDL of the chain, a retreat's included. An IoAllocateMdl
 * MDL that carries MDL_ALLOCATED_FIXED_SIZE still goes to IoFreeMdl, never
 * to the cache: nothing leaks, nothing is counted twice. */
TEST(derived_mdl_clone_free_io_frees_retreat_mdl)
{
    PUCHAR b = buffer();
    NDIS_HANDLE pool = nbl_pool();
    struct tmdl src;
    NET_BUFFER_LIST *nbl, *clone;
    NET_BUFFER *nb;
    unsigned long long base;
    tmdl_init(&src, b, 200, NONPAGED);
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, &src.mdl, 14, 186);
    CHECK_NOT_NULL(nbl);
    base = undis_alloc_outstanding();
    clone = NdisAllocateCloneNetBufferList(nbl, pool, NULL, 0);
    CHECK_NOT_NULL(clone);
    nb = clone->FirstNetBuffer;
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 14, 0, driver_alloc_mdl), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(nb->DataLength, 200);
    CHECK((nb->MdlChain->MdlFlags & MDL_ALLOCATED_FIXED_SIZE) != 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1 + 2);
    NdisFreeCloneNetBufferList(clone, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
}

/* Fragments of a chain of odd-sized MDLs, cut smaller and larger than the
 * MDLs: fragment after fragment describes the next source bytes, by
 * address, and each partial MDL is IoBuildPartialMdl's. */
TEST(derived_mdl_fragments_follow_the_chain)
{
    static const ULONG sizes[] = { 5, 0, 33, 1, 64, 0, 200, 4096, 17 };
    static const ULONG cuts[] = { 1, 3, 7, 32, 100, 5000 };
    enum { N = sizeof(sizes) / sizeof(sizes[0]) };
    PUCHAR b = buffer();
    NDIS_HANDLE pool = nbl_pool();
    NDIS_HANDLE nbp = nb_pool();
    struct tmdl m[N];
    ULONG at = 0, total = 0;
    NET_BUFFER_LIST *nbl;
    unsigned long long base;
    for (int i = 0; i < N; i++) {
        tmdl_init(&m[i], b + at, sizes[i], i % 2 == 0 ? NONPAGED : MAPPED);
        m[i].mdl.Next = i + 1 < N ? &m[i + 1].mdl : NULL;
        at += sizes[i] + 11;
        total += sizes[i];
    }
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, &m[0].mdl, 2, total - 2 - 4);
    CHECK_NOT_NULL(nbl);
    base = undis_alloc_outstanding();
    for (size_t c = 0; c < sizeof(cuts) / sizeof(cuts[0]); c++) {
        for (ULONG start = 0; start < 40; start += 13) {
            NET_BUFFER_LIST *frag =
                NdisAllocateFragmentNetBufferList(nbl, pool, nbp, start, cuts[c], 0, 0, 0);
            const NET_BUFFER *src = nbl->FirstNetBuffer;
            PMDL sm = src->CurrentMdl;
            ULONG soff = src->CurrentMdlOffset + start;
            CHECK_NOT_NULL(frag);
            CHECK_EQ_INT(undis_nbl_check(frag, NULL, 0), UNDIS_CHECK_OK);
            for (const NET_BUFFER *nb = frag->FirstNetBuffer; nb != NULL; nb = nb->Next) {
                ULONG seen = 0;
                CHECK(nb->DataLength <= cuts[c]);
                for (PMDL p = nb->MdlChain; p != NULL; p = p->Next) {
                    while (soff >= sm->ByteCount) {
                        soff -= sm->ByteCount;
                        sm = sm->Next;
                    }
                    check_like_io_partial(p, sm, (PUCHAR)MmGetMdlVirtualAddress(sm) + soff,
                                          p->ByteCount);
                    soff += p->ByteCount;
                    seen += p->ByteCount;
                }
                CHECK_EQ_U32(seen, nb->DataLength);
            }
            NdisFreeFragmentNetBufferList(frag, 0, 0);
            CHECK_EQ_U64(undis_alloc_outstanding(), base);
        }
    }
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferPool(nbp);
    NdisFreeNetBufferListPool(pool);
}

/* A source of two NBs over a mixed chain (cache MDLs, a long MDL, a
 * zero-length MDL). */
struct mixed {
    struct tmdl m[5];
    NDIS_HANDLE pool, nbp;
    NET_BUFFER_LIST *nbl;
    NET_BUFFER *second;
    NET_BUFFER_LIST before;
    NET_BUFFER nb0, nb1;
};

static void
mixed_build(struct mixed *x)
{
    PUCHAR b = buffer();
    tmdl_init(&x->m[0], b + 3, 90, NONPAGED);
    tmdl_init(&x->m[1], b + 100, 0, UNMAPPED);
    tmdl_init(&x->m[2], b + 200, 5 * PAGE_SIZE + 100, NONPAGED);
    x->m[0].mdl.Next = &x->m[1].mdl;
    x->m[1].mdl.Next = &x->m[2].mdl;
    tmdl_init(&x->m[3], b + 8 * PAGE_SIZE, 700, MAPPED);
    tmdl_init(&x->m[4], b + 9 * PAGE_SIZE, 300, NONPAGED);
    x->m[3].mdl.Next = &x->m[4].mdl;
    x->pool = nbl_pool();
    x->nbp = nb_pool();
    x->nbl = NdisAllocateNetBufferAndNetBufferList(x->pool, 0, 0, &x->m[0].mdl, 20,
                                                   70 + 5 * PAGE_SIZE + 50);
    x->second = NdisAllocateNetBuffer(x->nbp, &x->m[3].mdl, 100, 850);
    CHECK(x->nbl != NULL && x->second != NULL);
    x->nbl->FirstNetBuffer->Next = x->second;
    memcpy(&x->before, x->nbl, sizeof(x->before));
    memcpy(&x->nb0, x->nbl->FirstNetBuffer, sizeof(x->nb0));
    memcpy(&x->nb1, x->second, sizeof(x->nb1));
}

static void
mixed_unchanged(const struct mixed *x)
{
    CHECK_MEM_EQ(x->nbl, &x->before, sizeof(x->before));
    CHECK_MEM_EQ(x->nbl->FirstNetBuffer, &x->nb0, sizeof(x->nb0));
    CHECK_MEM_EQ(x->second, &x->nb1, sizeof(x->nb1));
}

static void
mixed_free(struct mixed *x)
{
    x->nbl->FirstNetBuffer->Next = NULL;
    NdisFreeNetBuffer(x->second);
    NdisFreeNetBufferList(x->nbl);
    NdisFreeNetBufferPool(x->nbp);
    NdisFreeNetBufferListPool(x->pool);
}

enum op { CLONE, CLONE_INTERNAL, FRAGMENT, REASSEMBLE };

static NET_BUFFER_LIST *
derive(struct mixed *x, enum op op)
{
    switch (op) {
    case CLONE:
        return NdisAllocateCloneNetBufferList(x->nbl, x->pool, x->nbp, 0);
    case CLONE_INTERNAL:
        return NdisAllocateCloneNetBufferList(x->nbl, NULL, NULL, 0);
    case FRAGMENT:
        return NdisAllocateFragmentNetBufferList(x->nbl, NULL, NULL, 10, 1000, 14, 8, 0);
    case REASSEMBLE:
        return NdisAllocateReassembledNetBufferList(x->nbl, NULL, 5, 14, 8, 0);
    }
    return NULL;
}

static void
underive(NET_BUFFER_LIST *d, enum op op)
{
    if (op == FRAGMENT) {
        NdisFreeFragmentNetBufferList(d, 14, 0);
    } else if (op == REASSEMBLE) {
        NdisFreeReassembledNetBufferList(d, 14, 0);
    } else {
        NdisFreeCloneNetBufferList(d, 0);
    }
}

/* Every allocating step fails in turn (undis_fault_alloc_fail_nth): the
 * call returns NULL with nothing leaked and the source untouched, until the
 * step count is passed and it succeeds. */
TEST(derived_mdl_every_allocation_can_fail)
{
    for (int op = CLONE; op <= REASSEMBLE; op++) {
        struct mixed x;
        unsigned long long base, failed;
        NET_BUFFER_LIST *d = NULL;
        unsigned long long n;
        mixed_build(&x);
        /* Warm up: the internal pools and every cache exist. */
        d = derive(&x, (enum op)op);
        CHECK_NOT_NULL(d);
        underive(d, (enum op)op);
        base = undis_alloc_outstanding();
        for (n = 1; n < 100; n++) {
            failed = undis_alloc_failed_count();
            undis_fault_alloc_fail_nth(n);
            d = derive(&x, (enum op)op);
            undis_fault_clear();
            if (d != NULL) {
                CHECK_EQ_U64(undis_alloc_failed_count(), failed);
                break;
            }
            CHECK_EQ_U64(undis_alloc_failed_count(), failed + 1);
            CHECK_EQ_U64(undis_alloc_outstanding(), base);
            mixed_unchanged(&x);
        }
        CHECK_NOT_NULL(d);
        CHECK(n > 4); /* the NBL, an NB and several MDLs were each failed */
        CHECK_EQ_INT(undis_nbl_check(d, NULL, 0), UNDIS_CHECK_OK);
        underive(d, (enum op)op);
        CHECK_EQ_U64(undis_alloc_outstanding(), base);
        mixed_unchanged(&x);
        mixed_free(&x);
    }
}

TEST_MAIN_BEGIN
TEST_CASE(derived_mdl_clone_mdl_is_io_build_partial_mdl)
TEST_CASE(derived_mdl_clone_of_mixed_chain)
TEST_CASE(derived_mdl_clone_free_io_frees_retreat_mdl)
TEST_CASE(derived_mdl_fragments_follow_the_chain)
TEST_CASE(derived_mdl_every_allocation_can_fail)
TEST_MAIN_END
