/*
 * test_nbl_reset.c - every reset variant the processor supports, compared
 * byte for byte with the plain C reference (src/datapath/nbl_reset.h) over
 * every pool shape that selects a different reset; and the cap of
 * <undis/cpu.h> and UNDIS_CPU_CAP.
 *
 * White-box: it reads the pool structure and calls a pool's reset directly
 * (an allocation is a magazine pop and that call), so that the object can
 * be dirtied in any way first -- a driver may write anything into an NBL
 * before freeing it -- without the free path reading the dirt.
 *
 * Each comparison: dirty the object, keep a copy, run the variant, keep the
 * result; put the copy back, run the reference; the whole object body (NBL,
 * NB, MDL, context, data) must be the same. The object is a stand-in of the
 * pool's object size with every byte defined; the pool still allocates and
 * frees one real object under each cap. The dirt: none (the state an
 * allocation leaves), every byte, and each 8-byte word of the descriptors
 * alone (the vector resets skip lines that are clean already, and the
 * AVX-512 image compare stores only the lines that differ).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ndis.h>
#include <undis/cpu.h>

#include "datapath/nbl_reset.h"
#include "support/pools.h"
#include "test.h"

/* Large enough for the largest body below (data 9000 + descriptors). */
#define BODY_MAX 16384u

static unsigned char g_dirty[BODY_MAX];
static unsigned char g_got[BODY_MAX];
static unsigned char g_want[BODY_MAX];
/* The object the comparisons run on: a stand-in for a pool object, every
 * byte of it defined (a pool's data area is never initialised, which
 * memcheck would rightly flag when compared). The resets read only the
 * pool's layout and the bytes they own, so any memory of the size will do. */
static _Alignas(64) unsigned char g_obj[BODY_MAX];
static unsigned long long g_rng = 0x9E3779B97F4A7C15ull;

static unsigned char
rng_byte(void)
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 7;
    g_rng ^= g_rng << 17;
    return (unsigned char)(g_rng >> 24);
}

static size_t
body_size(const struct undis__nbl_pool *pool)
{
    size_t n = pool->cache.obj_size - sizeof(struct undis__obj);
    CHECK(n <= BODY_MAX);
    return n;
}

/* The bytes that hold descriptors (not packet data): what the per-word
 * dirt walks. */
static size_t
descriptor_size(const struct undis__nbl_pool *pool, size_t body)
{
    return pool->data_size != 0 ? pool->off_data : body;
}

/* One comparison on the object at body, already dirtied. is_nb: an NB pool
 * object (its MDL, if any, right after the NB). */
static void
compare_once(struct undis__nbl_pool *pool, void *body, size_t size, int is_nb, const char *what)
{
    PMDL mdl = is_nb && pool->data_size != 0 ? (PMDL)(void *)((char *)body + pool->off_mdl) : NULL;
    memcpy(g_dirty, body, size);
    if (is_nb) {
        (void)pool->reset_nb(pool, (NET_BUFFER *)body, mdl);
    } else {
        (void)pool->reset_nbl(pool, (NET_BUFFER_LIST *)body);
    }
    memcpy(g_got, body, size);
    memcpy(body, g_dirty, size);
    if (is_nb) {
        (void)undis__nb_reset_reference(pool, (NET_BUFFER *)body, mdl);
    } else {
        (void)undis__nbl_reset_reference(pool, (NET_BUFFER_LIST *)body);
    }
    memcpy(g_want, body, size);
    if (memcmp(g_got, g_want, size) != 0) {
        size_t at = 0;
        while (g_got[at] == g_want[at]) {
            at++;
        }
        printf("  differs after %s: first at body offset %zu (0x%02x, reference 0x%02x)\n", what,
               at, g_got[at], g_want[at]);
    }
    CHECK_MEM_EQ(g_got, g_want, size);
}

/* Every kind of dirt on a stand-in object of the pool (g_obj), first
 * filled with noise and reset by the reference; returns the comparisons
 * made. */
static unsigned
compare_all(struct undis__nbl_pool *pool, int is_nb)
{
    size_t size = body_size(pool);
    size_t desc = descriptor_size(pool, size);
    void *body = g_obj;
    unsigned count = 0;
    for (size_t i = 0; i < size; i++) {
        g_obj[i] = rng_byte();
    }
    if (is_nb) {
        (void)undis__nb_reset_reference(pool, (NET_BUFFER *)body,
                                        pool->data_size != 0 ? (PMDL)(void *)(g_obj + pool->off_mdl)
                                                             : NULL);
    } else {
        (void)undis__nbl_reset_reference(pool, (NET_BUFFER_LIST *)body);
    }
    compare_once(pool, body, size, is_nb, "no dirt");
    count++;
    for (size_t i = 0; i < size; i++) {
        g_obj[i] = rng_byte();
    }
    compare_once(pool, body, size, is_nb, "every byte dirty");
    count++;
    for (size_t w = 0; w + 8 <= desc; w += 8) {
        /* From the clean state (the reference's result), one word dirty. */
        for (size_t i = 0; i < 8; i++) {
            g_obj[w + i] ^= (unsigned char)(rng_byte() | 1u);
        }
        compare_once(pool, body, size, is_nb, "one word dirty");
        count++;
    }
    return count;
}

/* The NBL pool shapes: each combination of the choices a pool's reset
 * depends on (embedded NB or not, context or not, data or not), with more
 * than one size where the layout moves (context sizes, data sizes that
 * change the MDL's PFN count). */
static const struct {
    BOOLEAN alloc_nb;
    USHORT context;
    ULONG data;
} g_nbl_shapes[] = {
    { FALSE, 0, 0 },    { FALSE, 8, 0 },   { FALSE, 64, 0 },    { TRUE, 0, 0 },
    { TRUE, 16, 0 },    { TRUE, 0, 2176 }, { TRUE, 0, 64 },     { TRUE, 0, 9000 },
    { TRUE, 24, 2176 }, { TRUE, 8, 64 },   { TRUE, 128, 9000 },
};

static const ULONG g_nb_shapes[] = { 0, 64, 2176, 9000 };

/* Runs `fn` for every variant the processor supports, under the cap, and
 * prints which ran and which were skipped. */
static void
each_variant(unsigned (*fn)(void), const char *label)
{
    int old = undis_cpu_cap_set(UNDIS_CPU_CAP_AVX512);
    for (int v = 0; v < (int)UNDIS_CPU_CAP_COUNT; v++) {
        if (!undis_cpu_cap_supported((undis_cpu_cap)v)) {
            printf("%s: skipped %s (this processor or build lacks it)\n", label,
                   undis_cpu_cap_name((undis_cpu_cap)v));
            continue;
        }
        CHECK_EQ_INT(undis_cpu_cap_set(v) >= 0, 1);
        CHECK_EQ_INT(undis_cpu_cap_effective(), v);
        printf("%s: ran %s: %u comparisons\n", label, undis_cpu_cap_name((undis_cpu_cap)v), fn());
    }
    (void)undis_cpu_cap_set(old);
}

static unsigned
nbl_pools_once(void)
{
    unsigned count = 0;
    for (size_t s = 0; s < sizeof(g_nbl_shapes) / sizeof(g_nbl_shapes[0]); s++) {
        NDIS_HANDLE h = test_nbl_pool(g_nbl_shapes[s].alloc_nb, g_nbl_shapes[s].context,
                                      g_nbl_shapes[s].data, 0x5A, 0x74736572u);
        NET_BUFFER_LIST *nbl;
        CHECK_NOT_NULL(h);
        nbl = NdisAllocateNetBufferList(h, 0, 0);
        CHECK_NOT_NULL(nbl);
        count += compare_all((struct undis__nbl_pool *)h, 0);
        NdisFreeNetBufferList(nbl);
        NdisFreeNetBufferListPool(h);
    }
    return count;
}

static unsigned
nb_pools_once(void)
{
    unsigned count = 0;
    for (size_t s = 0; s < sizeof(g_nb_shapes) / sizeof(g_nb_shapes[0]); s++) {
        NDIS_HANDLE h = test_nb_pool(g_nb_shapes[s], 0x74736572u);
        struct undis__nbl_pool *pool = (struct undis__nbl_pool *)h;
        NET_BUFFER *nb;
        CHECK_NOT_NULL(h);
        nb = g_nb_shapes[s] != 0 ? NdisAllocateNetBufferMdlAndData(h)
                                 : NdisAllocateNetBuffer(h, NULL, 0, 0);
        CHECK_NOT_NULL(nb);
        count += compare_all(pool, 1);
        NdisFreeNetBuffer(nb);
        NdisFreeNetBufferPool(h);
    }
    return count;
}

TEST(every_variant_matches_reference_nbl_pools)
{
    each_variant(nbl_pools_once, "NBL pools");
}

TEST(every_variant_matches_reference_nb_pools)
{
    each_variant(nb_pools_once, "NB pools");
}

/* A pool takes the reset of the cap in force when it is created and keeps
 * it; the reference cap gives the reference functions themselves. */
TEST(cap_applies_to_pools_created_after_it)
{
    NDIS_HANDLE before, after;
    struct undis__nbl_pool *b, *a;
    CHECK_EQ_INT(undis_cpu_cap_set(UNDIS_CPU_CAP_AVX512), UNDIS_CPU_CAP_AVX512);
    before = test_nbl_pool(TRUE, 0, 2176, 0, 0x74736572u);
    CHECK_EQ_INT(undis_cpu_cap_set(UNDIS_CPU_CAP_REFERENCE), UNDIS_CPU_CAP_AVX512);
    after = test_nbl_pool(TRUE, 0, 2176, 0, 0x74736572u);
    CHECK_NOT_NULL(before);
    CHECK_NOT_NULL(after);
    b = (struct undis__nbl_pool *)before;
    a = (struct undis__nbl_pool *)after;
    CHECK(a->reset_nbl == undis__nbl_reset_reference);
    CHECK(a->reset_nb == undis__nb_reset_reference);
    if (undis_cpu_cap_supported(UNDIS_CPU_CAP_SSE2)) {
        CHECK(b->reset_nbl != undis__nbl_reset_reference);
    } else {
        CHECK(b->reset_nbl == undis__nbl_reset_reference);
    }
    CHECK_EQ_INT(undis_cpu_cap_get(), UNDIS_CPU_CAP_REFERENCE);
    CHECK_EQ_INT(undis_cpu_cap_effective(), UNDIS_CPU_CAP_REFERENCE);
    NdisFreeNetBufferListPool(before);
    NdisFreeNetBufferListPool(after);
}

TEST(cap_api_values)
{
    CHECK_EQ_INT(undis_cpu_cap_set(-1), -1);
    CHECK_EQ_INT(undis_cpu_cap_set((int)UNDIS_CPU_CAP_COUNT), -1);
    CHECK_EQ_INT(undis_cpu_cap_supported(UNDIS_CPU_CAP_REFERENCE), 1);
    CHECK_EQ_INT(undis_cpu_cap_supported(UNDIS_CPU_CAP_COUNT), 0);
    CHECK_STR_EQ(undis_cpu_cap_name(UNDIS_CPU_CAP_REFERENCE), "reference");
    CHECK_STR_EQ(undis_cpu_cap_name(UNDIS_CPU_CAP_SSE2), "sse2");
    CHECK_STR_EQ(undis_cpu_cap_name(UNDIS_CPU_CAP_AVX2), "avx2");
    CHECK_STR_EQ(undis_cpu_cap_name(UNDIS_CPU_CAP_AVX512), "avx512");
    CHECK_STR_EQ(undis_cpu_cap_name(UNDIS_CPU_CAP_COUNT), "unknown");
    for (int v = 0; v < (int)UNDIS_CPU_CAP_COUNT; v++) {
        int supported = undis_cpu_cap_supported((undis_cpu_cap)v);
        (void)undis_cpu_cap_set(v);
        CHECK_EQ_INT(undis_cpu_cap_get(), v);
        /* Lowered to what the processor has, never raised. */
        CHECK(undis_cpu_cap_effective() <= (undis_cpu_cap)v);
        CHECK_EQ_INT(undis_cpu_cap_effective() == (undis_cpu_cap)v, supported);
    }
}

/* UNDIS_CPU_CAP, read before the first use of the cap. CTest runs this case
 * without it and with "sse2", "reference" and an unknown value
 * (tests/CMakeLists.txt); an unknown value leaves no cap. */
TEST(env_cap_is_read)
{
    const char *env = getenv("UNDIS_CPU_CAP");
    undis_cpu_cap want = UNDIS_CPU_CAP_AVX512;
    for (int v = 0; env != NULL && v < (int)UNDIS_CPU_CAP_COUNT; v++) {
        if (strcmp(env, undis_cpu_cap_name((undis_cpu_cap)v)) == 0) {
            want = (undis_cpu_cap)v;
        }
    }
    printf("UNDIS_CPU_CAP=%s: cap %s\n", env != NULL ? env : "(unset)",
           undis_cpu_cap_name(undis_cpu_cap_get()));
    CHECK_EQ_INT(undis_cpu_cap_get(), want);
}

TEST_MAIN_BEGIN
TEST_CASE(every_variant_matches_reference_nbl_pools)
TEST_CASE(every_variant_matches_reference_nb_pools)
TEST_CASE(cap_applies_to_pools_created_after_it)
TEST_CASE(cap_api_values)
TEST_CASE(env_cap_is_read)
TEST_MAIN_END
