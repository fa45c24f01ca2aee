/*
 * test_mdl_default.c - the default NetAllocateMdl / NetFreeMdl (the NULL
 * handlers of retreat and advance; spec 3.x "Defaults when the handler is
 * NULL"), as seen through retreat/advance and, where the public path cannot
 * reach (a zero-byte request, the Next field, the free of a large block),
 * through the two internal entry points directly.
 *
 * What the default promises:
 * - one block: the MDL, a header sized for the worst case
 *   (round_up8(MmSizeOfMdl(0xFFF, n))), then the buffer, where n is the size
 *   class that serves the request (64, 128, ..., 4096, 9216, 16384) or, above
 *   the largest class, the request itself;
 * - the MDL is exactly what MmInitializeMdl + MmBuildMdlForNonPagedPool make
 *   for the buffer and the requested size, whatever the previous user of the
 *   block did to its MDL, and *BufferSize is left unchanged;
 * - a block of a class is reused (the last one freed on this thread comes
 *   back first), so the class of a request is visible as block identity;
 * - each MDL counts as one outstanding allocation until it is freed, and the
 *   allocation fails (NDIS_STATUS_RESOURCES for the retreat) exactly on the
 *   call fault injection schedules, whichever path serves it.
 * The free's refusals of foreign MDLs are death tests (tests/death).
 */
#include "test.h"

#include "support/threads.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

/* The default handlers themselves (src/base/internal.h). */
NET_BUFFER_ALLOCATE_MDL undis__default_allocate_mdl;
NET_BUFFER_FREE_MDL undis__default_free_mdl;

#define CLASSES 9
static const ULONG g_class[CLASSES] = { 64, 128, 256, 512, 1024, 2048, 4096, 9216, 16384 };
#define LARGEST 16384u

/* ---- helpers ------------------------------------------------------------ */

/* Bytes from the MDL to its buffer for a block of n bytes. */
static size_t
header_for(ULONG n)
{
    return (MmSizeOfMdl((PVOID)(ULONG_PTR)0xFFF, n) + 7) & ~(size_t)7;
}

/* The block size that serves a request of size bytes. */
static ULONG
block_for(ULONG size)
{
    for (int i = 0; i < CLASSES; i++) {
        if (size <= g_class[i]) {
            return g_class[i];
        }
    }
    return size;
}

/* The MDL must be the one MmInitializeMdl + MmBuildMdlForNonPagedPool make
 * for its buffer (right after the header) and size, field by field, with
 * every PFN its Size counts; the buffer must be writable end to end. */
static void
expect_fresh(PMDL mdl, ULONG size)
{
    PUCHAR va = (PUCHAR)mdl + header_for(block_for(size));
    const PFN_NUMBER *pfn = MmGetMdlPfnArray(mdl);
    ULONG pages = ADDRESS_AND_SIZE_TO_SPAN_PAGES(va, size);
    PMDL ref = (PMDL)malloc(MmSizeOfMdl(va, size));
    const PFN_NUMBER *ref_pfn;
    char why[256];

    CHECK_NOT_NULL(ref);
    memset(ref, 0xA5, MmSizeOfMdl(va, size));
    MmInitializeMdl(ref, va, size);
    MmBuildMdlForNonPagedPool(ref);
    ref_pfn = MmGetMdlPfnArray(ref);

    CHECK_NULL(mdl->Next);
    CHECK_EQ_INT(mdl->Size, ref->Size);
    CHECK_EQ_SIZE((size_t)mdl->Size, sizeof(MDL) + pages * sizeof(PFN_NUMBER));
    CHECK_EQ_INT(mdl->MdlFlags, MDL_SOURCE_IS_NONPAGED_POOL);
    CHECK_NULL(mdl->Process);
    CHECK_PTR_EQ(mdl->MappedSystemVa, va);
    CHECK_PTR_EQ(mdl->StartVa, ref->StartVa);
    CHECK_PTR_EQ(mdl->StartVa, PAGE_ALIGN(va));
    CHECK_EQ_U32(mdl->ByteCount, size);
    CHECK_EQ_U32(mdl->ByteOffset, ref->ByteOffset);
    CHECK_EQ_U32(mdl->ByteOffset, (ULONG)BYTE_OFFSET(va));
    CHECK_PTR_EQ(MmGetMdlVirtualAddress(mdl), va);
    for (ULONG i = 0; i < pages; i++) {
        CHECK_EQ_U64(pfn[i], ref_pfn[i]);
        CHECK_EQ_U64(pfn[i], ((ULONG_PTR)va >> PAGE_SHIFT) + i);
    }
    free(ref);
    if (undis_mdl_chain_check(mdl, why, sizeof(why)) != UNDIS_CHECK_OK) {
        fprintf(stderr, "checker: %s\n", why);
        CHECK(0);
    }
    memset(va, 0x5C, size);
}

/* What a driver may leave behind in an MDL it was given: every header field
 * and every PFN changed, a partial mapping recorded (the free must unmap it).
 * Next and ByteCount are kept when the MDL goes back through an advance,
 * which reads them. */
static void
scribble(PMDL mdl, int keep_chain_fields)
{
    PPFN_NUMBER pfn = MmGetMdlPfnArray(mdl);
    ULONG pages = ((ULONG)mdl->Size - (ULONG)sizeof(MDL)) / (ULONG)sizeof(PFN_NUMBER);
    for (ULONG i = 0; i < pages; i++) {
        pfn[i] = (PFN_NUMBER)0xDEAD0000u + i;
    }
    if (!keep_chain_fields) {
        mdl->Next = (PMDL)(uintptr_t)0x1234560u;
        mdl->ByteCount = 7;
    }
    mdl->Size = 0x1230;
    mdl->MdlFlags = (CSHORT)(MDL_MAPPED_TO_SYSTEM_VA | MDL_PARTIAL | MDL_PARTIAL_HAS_BEEN_MAPPED |
                             MDL_NETWORK_HEADER | MDL_WRITE_OPERATION);
    mdl->Process = (struct _EPROCESS *)(uintptr_t)0x777770u;
    mdl->MappedSystemVa = (PVOID)(uintptr_t)0x888880u;
    mdl->StartVa = (PVOID)(uintptr_t)0x999000u;
    mdl->ByteOffset = 0x321;
}

/* An empty NB retreated by size bytes with the default allocator: its one
 * MDL is exactly size bytes long (backfill 0, DataOffset 0). */
static PMDL
retreat_default(NET_BUFFER *nb, ULONG size)
{
    memset(nb, 0, sizeof(*nb));
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, size, 0, NULL), NDIS_STATUS_SUCCESS);
    CHECK_NOT_NULL(nb->MdlChain);
    CHECK_NULL(nb->MdlChain->Next);
    CHECK_PTR_EQ(nb->CurrentMdl, nb->MdlChain);
    CHECK_EQ_U32(nb->DataOffset, 0);
    CHECK_EQ_U32(nb->DataLength, size);
    CHECK_EQ_U32(nb->MdlChain->ByteCount, size);
    return nb->MdlChain;
}

/* The advance that frees it with the default free. */
static void
advance_default(NET_BUFFER *nb)
{
    NdisAdvanceNetBufferDataStart(nb, nb->DataLength, TRUE, NULL);
    CHECK_NULL(nb->MdlChain);
    CHECK_NULL(nb->CurrentMdl);
    CHECK_EQ_U32(nb->DataLength, 0);
}

static PMDL
alloc_direct(ULONG size)
{
    ULONG asked = size;
    PMDL mdl = undis__default_allocate_mdl(&asked);
    CHECK_NOT_NULL(mdl);
    CHECK_EQ_U32(asked, size); /* *BufferSize unchanged */
    return mdl;
}

/* ---- size classes ------------------------------------------------------- */

/* At every class edge: the edge and the smallest size of the class are
 * served by the same block (the one just freed comes back) with the class's
 * header; one byte more goes to the next class (or, past the largest, to a
 * block of its own with a header for exactly that size). */
TEST(every_class_edge_and_the_byte_past_it)
{
    unsigned long long out0 = undis_alloc_outstanding();
    NET_BUFFER nb;
    for (int i = 0; i < CLASSES; i++) {
        ULONG edge = g_class[i];
        ULONG lowest = i == 0 ? 1 : g_class[i - 1] + 1;
        PMDL at_edge, at_lowest, past;

        at_edge = retreat_default(&nb, edge);
        expect_fresh(at_edge, edge);
        CHECK_PTR_EQ(MmGetMdlVirtualAddress(at_edge), (PUCHAR)at_edge + header_for(edge));
        advance_default(&nb);

        at_lowest = retreat_default(&nb, lowest);
        CHECK_PTR_EQ(at_lowest, at_edge);
        expect_fresh(at_lowest, lowest);
        CHECK_PTR_EQ(MmGetMdlVirtualAddress(at_lowest), (PUCHAR)at_lowest + header_for(edge));
        advance_default(&nb);

        past = retreat_default(&nb, edge + 1);
        CHECK(past != at_edge);
        expect_fresh(past, edge + 1);
        CHECK_PTR_EQ(MmGetMdlVirtualAddress(past),
                     (PUCHAR)past + header_for(i + 1 < CLASSES ? g_class[i + 1] : edge + 1));
        advance_default(&nb);
        CHECK_EQ_U64(undis_alloc_outstanding(), out0);
    }
}

/* Requests above the largest class: a block of their own, exactly sized
 * (the header for that size, not for a class), counted while held. */
TEST(largest_class_plus_one_and_beyond_take_the_large_path)
{
    static const ULONG sizes[] = { LARGEST + 1, LARGEST + 64, 65536, 100000, 1u << 20 };
    unsigned long long out0 = undis_alloc_outstanding();
    PMDL held[sizeof(sizes) / sizeof(sizes[0])];
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        held[i] = alloc_direct(sizes[i]);
        expect_fresh(held[i], sizes[i]);
        CHECK_PTR_EQ(MmGetMdlVirtualAddress(held[i]), (PUCHAR)held[i] + header_for(sizes[i]));
        CHECK_EQ_U64(undis_alloc_outstanding(), out0 + i + 1);
    }
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        undis__default_free_mdl(held[i]);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), out0);
}

/* A request whose MDL Size would not fit the 16-bit field fails cleanly. */
TEST(request_too_large_for_an_mdl_fails)
{
    unsigned long long out0 = undis_alloc_outstanding();
    NET_BUFFER nb;
    ULONG size = 0x10000000u;
    memset(&nb, 0, sizeof(nb));
    CHECK_NULL(undis__default_allocate_mdl(&size));
    CHECK_EQ_U32(size, 0x10000000u);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 0x10000000u, 0, NULL), NDIS_STATUS_RESOURCES);
    CHECK_NULL(nb.MdlChain);
    CHECK_EQ_U32(nb.DataLength, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), out0);
}

/* A zero-byte request (the public path never makes one) still gets a
 * well-formed MDL of the first class. */
TEST(zero_bytes_get_a_fresh_empty_mdl)
{
    unsigned long long out0 = undis_alloc_outstanding();
    PMDL mdl = alloc_direct(0);
    expect_fresh(mdl, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), out0 + 1);
    undis__default_free_mdl(mdl);
    CHECK_EQ_U64(undis_alloc_outstanding(), out0);
}

/* ---- reuse: a fresh MDL whatever the previous user did ------------------ */

/* Through the handlers directly, so that Next and ByteCount can be
 * scribbled too: for every class, a block whose MDL was changed in every
 * field and PFN comes back, for another size of the class, exactly fresh. */
TEST(reused_block_is_fresh_after_a_driver_changed_its_mdl)
{
    unsigned long long out0 = undis_alloc_outstanding();
    for (int i = 0; i < CLASSES; i++) {
        ULONG lowest = i == 0 ? 1 : g_class[i - 1] + 1;
        ULONG sizes[4];
        sizes[0] = g_class[i];
        sizes[1] = lowest;
        sizes[2] = lowest + (g_class[i] - lowest) / 2;
        sizes[3] = g_class[i];
        PMDL first = alloc_direct(sizes[0]);
        expect_fresh(first, sizes[0]);
        for (int k = 1; k < 4; k++) {
            PMDL again;
            scribble(first, 0);
            undis__default_free_mdl(first);
            again = alloc_direct(sizes[k]);
            CHECK_PTR_EQ(again, first);
            expect_fresh(again, sizes[k]);
        }
        undis__default_free_mdl(first);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), out0);
}

/* The same through retreat and advance, with sizes that put the end of
 * the buffer on either side of a page boundary where the block allows it. */
TEST(retreat_after_reuse_gets_a_fresh_mdl)
{
    unsigned long long out0 = undis_alloc_outstanding();
    NET_BUFFER nb;
    for (int i = 0; i < CLASSES; i++) {
        PMDL mdl = retreat_default(&nb, g_class[i]);
        PUCHAR va = (PUCHAR)MmGetMdlVirtualAddress(mdl);
        ULONG to_page_end = (ULONG)(PAGE_SIZE - BYTE_OFFSET(va));
        ULONG lowest = i == 0 ? 1 : g_class[i - 1] + 1;
        ULONG sizes[3] = { lowest, g_class[i], g_class[i] };
        if (to_page_end >= lowest && to_page_end < g_class[i]) {
            sizes[1] = to_page_end;     /* ends exactly at the page end */
            sizes[2] = to_page_end + 1; /* one byte into the next page */
        }
        for (int k = 0; k < 3; k++) {
            scribble(mdl, 1);
            advance_default(&nb);
            CHECK_PTR_EQ(retreat_default(&nb, sizes[k]), mdl);
            expect_fresh(mdl, sizes[k]);
        }
        advance_default(&nb);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), out0);
}

/* ---- accounting and fault injection ------------------------------------ */

/* Every default MDL is one outstanding allocation and one in the count of
 * allocations, on every path; freeing gives them all back. */
TEST(each_default_mdl_is_counted_until_freed)
{
    static const ULONG sizes[] = { 1, 64, 65, 700, 4096, 4097, 9216, 16384, 16385, 50000 };
    enum { N = sizeof(sizes) / sizeof(sizes[0]) };
    unsigned long long out0 = undis_alloc_outstanding();
    unsigned long long count0 = undis_alloc_count();
    PMDL held[N];
    for (int i = 0; i < N; i++) {
        held[i] = alloc_direct(sizes[i]);
        CHECK_EQ_U64(undis_alloc_outstanding(), out0 + (unsigned long long)i + 1);
        CHECK_EQ_U64(undis_alloc_count(), count0 + (unsigned long long)i + 1);
    }
    for (int i = N; i-- > 0;) {
        undis__default_free_mdl(held[i]);
        CHECK_EQ_U64(undis_alloc_outstanding(), out0 + (unsigned long long)i);
    }
    CHECK_EQ_U64(undis_alloc_count(), count0 + N);
}

/* A scheduled failure hits the default allocation on each path: a class
 * whose block is waiting on this thread (the fast path), a class not used
 * before (the caches' slow path, when the case runs alone) and a large block; the
 * retreat reports NDIS_STATUS_RESOURCES, leaves the NB alone, counts
 * nothing, and the next call succeeds. */
TEST(scheduled_failure_hits_every_allocation_path)
{
    static const ULONG sizes[] = { 100, 3000, 20000 };
    unsigned long long out0, count0;
    NET_BUFFER nb;
    /* 100 bytes: warm its class so that a block waits in the magazine. */
    retreat_default(&nb, 100);
    advance_default(&nb);
    out0 = undis_alloc_outstanding();
    count0 = undis_alloc_count();
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        memset(&nb, 0, sizeof(nb));
        undis_fault_alloc_fail_nth(1);
        CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, sizes[i], 0, NULL), NDIS_STATUS_RESOURCES);
        CHECK_NULL(nb.MdlChain);
        CHECK_EQ_U32(nb.DataOffset, 0);
        CHECK_EQ_U32(nb.DataLength, 0);
        CHECK_EQ_U64(undis_alloc_outstanding(), out0);
        CHECK_EQ_U64(undis_alloc_count(), count0);
        expect_fresh(retreat_default(&nb, sizes[i]), sizes[i]);
        advance_default(&nb);
        count0++;
        CHECK_EQ_U64(undis_alloc_count(), count0);
        CHECK_EQ_U64(undis_alloc_outstanding(), out0);
    }
    /* The second of two default allocations fails, the first does not. */
    undis_fault_alloc_fail_nth(2);
    {
        PMDL a = alloc_direct(100);
        ULONG size = 100;
        CHECK_NULL(undis__default_allocate_mdl(&size));
        undis__default_free_mdl(a);
    }
    undis_fault_alloc_fail_nth(0);
    CHECK_EQ_U64(undis_alloc_outstanding(), out0);
}

/* ---- many blocks, many slabs, several threads --------------------------- */

#define MANY 6000

/* Thousands of MDLs held at once (many slabs per class, the free's set of
 * blocks grown several times), freed in an interleaved order; each is
 * recognised, and a second round reuses the blocks. */
TEST(thousands_of_mdls_over_many_slabs)
{
    static PMDL held[MANY];
    static ULONG size_of[MANY];
    unsigned long long out0 = undis_alloc_outstanding();
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < MANY; i++) {
            /* Mostly small, some of every class, a few large. */
            ULONG size = i % 97 == 0  ? LARGEST + 1 + (ULONG)i
                         : i % 7 == 0 ? g_class[(i / 7) % CLASSES]
                         : i % 3 == 0 ? 1 + (ULONG)(i % 1500)
                                      : 14 + (ULONG)(i % 50);
            size_of[i] = size;
            held[i] = alloc_direct(size);
            CHECK_EQ_U32(held[i]->ByteCount, size);
        }
        CHECK_EQ_U64(undis_alloc_outstanding(), out0 + MANY);
        for (int i = 0; i < MANY; i++) {
            CHECK_EQ_U32(held[i]->ByteCount, size_of[i]);
            CHECK_PTR_EQ(MmGetMdlVirtualAddress(held[i]),
                         (PUCHAR)held[i] + header_for(block_for(size_of[i])));
        }
        for (int i = 0; i < MANY; i += 2) {
            undis__default_free_mdl(held[i]);
        }
        for (int i = MANY - 1; i > 0; i -= 2) {
            undis__default_free_mdl(held[i]);
        }
        CHECK_EQ_U64(undis_alloc_outstanding(), out0);
    }
}

/* Two threads, each allocating and handing half of what it allocates to
 * the other to free: frees on another thread than the allocation, while
 * the other thread carves new slabs (and grows the set of blocks). */
#define XT_OPS  20000
#define XT_RING 512

struct xt_ring {
    test_mutex mu;
    PMDL slot[XT_RING];
    int head, count;
};

struct xt_arg {
    struct xt_ring *in, *out;
    unsigned seed;
    int failed;
};

static int
xt_push(struct xt_ring *r, PMDL m)
{
    int ok = 0;
    test_mutex_lock(&r->mu);
    if (r->count < XT_RING) {
        r->slot[(r->head + r->count) % XT_RING] = m;
        r->count++;
        ok = 1;
    }
    test_mutex_unlock(&r->mu);
    return ok;
}

static PMDL
xt_pop(struct xt_ring *r)
{
    PMDL m = NULL;
    test_mutex_lock(&r->mu);
    if (r->count != 0) {
        m = r->slot[r->head];
        r->head = (r->head + 1) % XT_RING;
        r->count--;
    }
    test_mutex_unlock(&r->mu);
    return m;
}

static void *
xt_worker(void *p)
{
    struct xt_arg *a = (struct xt_arg *)p;
    unsigned x = a->seed;
    for (int i = 0; i < XT_OPS; i++) {
        ULONG size;
        ULONG asked;
        PMDL m;
        x = x * 1103515245u + 12345u;
        size = 1 + (x >> 8) % (i % 64 == 0 ? LARGEST + 2000 : 2000);
        asked = size;
        m = undis__default_allocate_mdl(&asked);
        if (m == NULL || m->ByteCount != size || asked != size) {
            a->failed = 1;
            return NULL;
        }
        memset(MmGetMdlVirtualAddress(m), (int)(x & 0xFF), size);
        if ((x & 0x100) == 0 || !xt_push(a->out, m)) {
            undis__default_free_mdl(m);
        }
        if ((m = xt_pop(a->in)) != NULL) {
            undis__default_free_mdl(m);
        }
    }
    return NULL;
}

TEST(frees_on_another_thread_while_slabs_grow)
{
    unsigned long long out0 = undis_alloc_outstanding();
    struct xt_ring ring[2];
    struct xt_arg arg[2];
    test_thread th[2];
    PMDL m;
    for (int i = 0; i < 2; i++) {
        memset(&ring[i], 0, sizeof(ring[i]));
        CHECK_EQ_INT(test_mutex_init(&ring[i].mu), 0);
    }
    for (int i = 0; i < 2; i++) {
        arg[i].in = &ring[i];
        arg[i].out = &ring[1 - i];
        arg[i].seed = 0x1234u + 77u * (unsigned)i;
        arg[i].failed = 0;
        CHECK_EQ_INT(test_thread_create(&th[i], xt_worker, &arg[i]), 0);
    }
    for (int i = 0; i < 2; i++) {
        CHECK_EQ_INT(test_thread_join(&th[i], NULL), 0);
        CHECK_EQ_INT(arg[i].failed, 0);
    }
    for (int i = 0; i < 2; i++) {
        while ((m = xt_pop(&ring[i])) != NULL) {
            undis__default_free_mdl(m);
        }
        test_mutex_destroy(&ring[i].mu);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), out0);
}

TEST_MAIN_BEGIN
TEST_CASE(every_class_edge_and_the_byte_past_it)
TEST_CASE(largest_class_plus_one_and_beyond_take_the_large_path)
TEST_CASE(request_too_large_for_an_mdl_fails)
TEST_CASE(zero_bytes_get_a_fresh_empty_mdl)
TEST_CASE(reused_block_is_fresh_after_a_driver_changed_its_mdl)
TEST_CASE(retreat_after_reuse_gets_a_fresh_mdl)
TEST_CASE(each_default_mdl_is_counted_until_freed)
TEST_CASE(scheduled_failure_hits_every_allocation_path)
TEST_CASE(thousands_of_mdls_over_many_slabs)
TEST_CASE(frees_on_another_thread_while_slabs_grow)
TEST_MAIN_END
