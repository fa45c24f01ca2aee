/* SPDX-License-Identifier: MIT */
/*
 * nbl_reset.c: the resets of a reused pool object at allocation (what they
 * leave: nbl_reset.h), one set per instruction set -- the plain C
 * reference, SSE2, AVX2, AVX-512 (the last three on x86-64 only) -- and
 * the choice of one set for a pool when it is created.
 *
 * The vector resets zero the NBL (+ NB) block with the straight runs of
 * stores of zero.h and then write the fields; the AVX-512 one for the
 * usual data pool compares the block with an image of the result instead
 * and stores only the lines that differ. They are the largest part of
 * NdisAllocateNetBufferList, hence the care; the reference says what they
 * must leave, and is what they are compared with (tests/test_nbl_reset.c).
 */
#include "datapath/nbl_reset.h"

#include <string.h>

/* ---- the reference ------------------------------------------------------- */

/* The fields of a zeroed NB that a reset sets, and its MDL's. */
static void
nb_fields_reference(const struct undis__nbl_pool *pool, NET_BUFFER *nb, PMDL mdl)
{
    nb->NdisPoolHandle = (NDIS_HANDLE)(uintptr_t)pool;
    if (mdl != NULL) {
        mdl->ByteCount = pool->data_size;
        mdl->Next = NULL;
        nb->MdlChain = mdl;
        nb->CurrentMdl = mdl;
        nb->DataOffset = pool->data_size;
        nb->CurrentMdlOffset = pool->data_size;
    }
}

NET_BUFFER_LIST *
undis__nbl_reset_reference(struct undis__nbl_pool *pool, NET_BUFFER_LIST *nbl)
{
    char *body = (char *)nbl;
    if (pool->alloc_nb) {
        memset(body, 0, sizeof(NET_BUFFER_LIST) + sizeof(NET_BUFFER));
    } else {
        memset(body, 0, sizeof(NET_BUFFER_LIST));
    }
    nbl->NdisPoolHandle = pool;
    nbl->Flags = UNDIS__NBL_FLAG_ALLOCATED;
    nbl->NetBufferListInfo[NetBufferListProtocolId] = (PVOID)(ULONG_PTR)pool->protocol_id;
    if (pool->context_size != 0) {
        PNET_BUFFER_LIST_CONTEXT ctx = (PNET_BUFFER_LIST_CONTEXT)(void *)(body + pool->off_ctx);
        ctx->Next = NULL;
        ctx->Size = pool->context_size;
        ctx->Offset = pool->context_size;
        nbl->Context = ctx;
    }
    if (pool->alloc_nb) {
        NET_BUFFER *nb = (NET_BUFFER *)(void *)(body + pool->off_nb);
        nb_fields_reference(pool, nb,
                            pool->data_size != 0 ? (PMDL)(void *)(body + pool->off_mdl) : NULL);
        nbl->FirstNetBuffer = nb;
    }
    return nbl;
}

NET_BUFFER *
undis__nb_reset_reference(const struct undis__nbl_pool *pool, NET_BUFFER *nb, PMDL mdl)
{
    memset(nb, 0, sizeof(*nb));
    nb_fields_reference(pool, nb, mdl);
    return nb;
}

/* ---- the vector resets (x86-64) ------------------------------------------ */

#if UNDIS__ZERO_X86

#    define RESET_INLINE UNDIS_ALWAYS_INLINE

/* The embedded NB of a fresh pooled NBL (or a fresh NB of an NB pool),
 * already zeroed: owned by the pool, and with pool data claimed as all
 * backfill. */
RESET_INLINE NET_BUFFER *
nb_init(const struct undis__nbl_pool *pool, NET_BUFFER *nb, PMDL mdl)
{
    nb->NdisPoolHandle = (NDIS_HANDLE)(uintptr_t)pool;
    /* Already zero; stored again as a word of its own so that the check of
     * it at the free (verifier level 1) is served by store forwarding
     * instead of waiting on the wide store that zeroed its line. */
    nb->Next = NULL;
    if (mdl != NULL) {
        ULONG size = pool->data_size;
        mdl->ByteCount = size;
        mdl->Next = NULL;
        nb->MdlChain = mdl;
        nb->CurrentMdl = mdl;
        nb->DataOffset = size;
        nb->CurrentMdlOffset = size;
    }
    return nb;
}

/* A fresh pooled NBL, zeroed (together with its embedded NB, which follows
 * the NBL directly), as the spec gives it. */
RESET_INLINE NET_BUFFER_LIST *
nbl_init(struct undis__nbl_pool *pool, NET_BUFFER_LIST *nbl)
{
    char *body = (char *)nbl;
    nbl->NdisPoolHandle = pool;
    nbl->Flags = UNDIS__NBL_FLAG_ALLOCATED;
    *(PUCHAR)&nbl->NetBufferListInfo[NetBufferListProtocolId] = pool->protocol_id;
    if (pool->context_size != 0) {
        PNET_BUFFER_LIST_CONTEXT ctx = (PNET_BUFFER_LIST_CONTEXT)(void *)(body + pool->off_ctx);
        ctx->Next = NULL;
        ctx->Size = pool->context_size;
        ctx->Offset = pool->context_size;
        nbl->Context = ctx;
    }
    if (pool->alloc_nb) {
        PMDL mdl = pool->data_size != 0 ? (PMDL)(void *)(body + pool->off_mdl) : NULL;
        nbl->FirstNetBuffer = nb_init(pool, (NET_BUFFER *)(void *)(body + sizeof(*nbl)), mdl);
    }
    return nbl;
}

/* The 32-byte chunks of an NBL block the resets write fields into (zero.h:
 * stored without being tested first). The embedded NB follows the NBL. */
#    define CHUNK(off) (1ull << ((off) / 32))
#    define NB_AT      sizeof(NET_BUFFER_LIST)
#    define NBL_CHUNKS                                        \
        (CHUNK(offsetof(NET_BUFFER_LIST, FirstNetBuffer)) |   \
         CHUNK(offsetof(NET_BUFFER_LIST, NdisPoolHandle)) |   \
         CHUNK(offsetof(NET_BUFFER_LIST, Flags)) |            \
         CHUNK(offsetof(NET_BUFFER_LIST, NetBufferListInfo) + \
               NetBufferListProtocolId * sizeof(PVOID)))
#    define NB_CHUNKS(at)                                       \
        (CHUNK((at) + offsetof(NET_BUFFER, CurrentMdl)) |       \
         CHUNK((at) + offsetof(NET_BUFFER, CurrentMdlOffset)) | \
         CHUNK((at) + offsetof(NET_BUFFER, MdlChain)) |         \
         CHUNK((at) + offsetof(NET_BUFFER, DataOffset)) |       \
         CHUNK((at) + offsetof(NET_BUFFER, NdisPoolHandle)))

/* The vector resets, one per block size and vector width (zero.h): the
 * zeroing, then the fields (nbl_init, nb_init). */
#    define RESETS(isa, zero)                                                     \
        UNDIS__ZERO_TARGET_##isa static NET_BUFFER_LIST *nbl_reset_##isa(         \
            struct undis__nbl_pool *pool, NET_BUFFER_LIST *nbl)                   \
        {                                                                         \
            zero(nbl, sizeof(NET_BUFFER_LIST), NBL_CHUNKS);                       \
            return nbl_init(pool, nbl);                                           \
        }                                                                         \
        UNDIS__ZERO_TARGET_##isa static NET_BUFFER_LIST *nbl_nb_reset_##isa(      \
            struct undis__nbl_pool *pool, NET_BUFFER_LIST *nbl)                   \
        {                                                                         \
            zero(nbl, NB_AT + sizeof(NET_BUFFER), NBL_CHUNKS | NB_CHUNKS(NB_AT)); \
            return nbl_init(pool, nbl);                                           \
        }                                                                         \
        UNDIS__ZERO_TARGET_##isa static NET_BUFFER *nb_reset_##isa(               \
            const struct undis__nbl_pool *pool, NET_BUFFER *nb, PMDL mdl)         \
        {                                                                         \
            zero(nb, sizeof(NET_BUFFER), NB_CHUNKS(0));                           \
            return nb_init(pool, nb, mdl);                                        \
        }

RESETS(avx512, undis__zero_avx512)
RESETS(avx2, undis__zero_avx2)
RESETS(sse2, undis__zero_sse2)

/* The usual data pool (embedded NB, data, no context) on AVX-512: each
 * 64-byte line of the NBL + NB is compared with what the reset would leave
 * there (the pool's image, plus the NBL's address in the three pointer
 * fields) and stored, whole, only when it differs. A line nobody wrote since
 * the last allocation -- most of them, usually all -- is read, not written:
 * no zeroing stores and no field stores. */
#    define TMPL_LINES         ((sizeof(NET_BUFFER_LIST) + sizeof(NET_BUFFER)) / 64)
#    define TMPL_TAIL          ((sizeof(NET_BUFFER_LIST) + sizeof(NET_BUFFER)) % 64)
#    define QWORD_IN_LINE(off) (1u << (((off) % 64) / 8))
/* The bit of the 8-byte word at block offset off in line's mask, or 0. */
#    define REL_BIT(off, line) ((off) / 64 == (line) ? QWORD_IN_LINE(off) : 0u)
/* The pointer fields of line `line` (they hold offsets in the image). */
#    define REL_MASK(line)                                          \
        (REL_BIT(offsetof(NET_BUFFER_LIST, FirstNetBuffer), line) | \
         REL_BIT(NB_AT + offsetof(NET_BUFFER, CurrentMdl), line) |  \
         REL_BIT(NB_AT + offsetof(NET_BUFFER, MdlChain), line))

/* The lines holding the NB's position (CurrentMdl, CurrentMdlOffset,
 * DataLength, MdlChain, DataOffset), which every use of a packet changes
 * just before its free: stored from the image without being compared, since
 * loading them right after those small stores would wait on store
 * forwarding. */
#    define TMPL_STORED(i)                                         \
        ((NB_AT + offsetof(NET_BUFFER, CurrentMdl)) / 64 == (i) || \
         (NB_AT + offsetof(NET_BUFFER, DataOffset)) / 64 == (i))

/* What the reset leaves in line i of the block at q: the pool's image with
 * the block's address added to the pointer fields of that line. */
#    define TMPL_WANT(i)                                                                     \
        (REL_MASK(i) != 0                                                                    \
             ? _mm512_mask_add_epi64(_mm512_loadu_si512((const void *)(t + 64 * (i))),       \
                                     (__mmask8)REL_MASK(i),                                  \
                                     _mm512_loadu_si512((const void *)(t + 64 * (i))), base) \
             : _mm512_loadu_si512((const void *)(t + 64 * (i))))

/* Something was written since the block's last reset: store the lines
 * that differ from the image, whole, and the last half line. */
UNDIS__ZERO_TARGET_avx512 RESET_INLINE void
tmpl_store_differing(char *q, const char *t, __m512i base, size_t tail_at, __m256i tail_want)
{
#    pragma GCC unroll 16
    for (unsigned i = 0; i < TMPL_LINES; i++) {
        __m512i want = TMPL_WANT(i);
        if (TMPL_STORED(i)) {
            continue;
        }
        if (_mm512_cmpneq_epi64_mask(_mm512_loadu_si512((const void *)(q + 64 * i)), want) != 0) {
            _mm512_storeu_si512((void *)(q + 64 * i), want);
        }
    }
    _mm256_storeu_si256((__m256i *)(void *)(q + tail_at), tail_want);
}

/* The MDL's and the NB's fields, word by word over the line stores: the
 * data path reads the NB's right away, and a load is served from a store
 * of its own size at once, from a wide one only after a stall. */
RESET_INLINE void
tmpl_fields(const struct undis__nbl_pool *pool, NET_BUFFER *nb, PMDL mdl)
{
    if (UNDIS_UNLIKELY(mdl->ByteCount != pool->data_size)) {
        mdl->ByteCount = pool->data_size;
    }
    if (UNDIS_UNLIKELY(mdl->Next != NULL)) {
        mdl->Next = NULL;
    }
    nb->Next = NULL;
    nb->CurrentMdl = mdl;
    nb->CurrentMdlOffset = pool->data_size;
    nb->DataLength = 0;
    nb->MdlChain = mdl;
    nb->DataOffset = pool->data_size;
}

UNDIS__ZERO_TARGET_avx512 static NET_BUFFER_LIST *
tmpl_reset_avx512(struct undis__nbl_pool *pool, NET_BUFFER_LIST *nbl)
{
    char *q = (char *)nbl;
    const char *t = (const char *)pool->tmpl_bytes;
    const __m512i base = _mm512_set1_epi64((long long)(uintptr_t)nbl);
    const size_t tail_at = TMPL_LINES * 64 + TMPL_TAIL - 32;
    __m512i diff = _mm512_setzero_si512();
    const __m256i tail_want = _mm256_loadu_si256((const __m256i *)(const void *)(t + tail_at));
    __m256i tail = _mm256_xor_si256(
        _mm256_loadu_si256((const __m256i *)(const void *)(q + tail_at)), tail_want);
    /* First one verdict for the whole block: diff |= have ^ want per line
     * (one ternary-logic instruction each; 0xF6 is a | (b ^ c)). */
#    pragma GCC unroll 16
    for (unsigned i = 0; i < TMPL_LINES; i++) {
        if (TMPL_STORED(i)) {
            _mm512_storeu_si512((void *)(q + 64 * i), TMPL_WANT(i));
        } else {
            diff = _mm512_ternarylogic_epi64(diff, _mm512_loadu_si512((const void *)(q + 64 * i)),
                                             TMPL_WANT(i), 0xF6);
        }
    }
    if (UNDIS_UNLIKELY(_mm512_test_epi64_mask(diff, diff) != 0 ||
                       !_mm256_testz_si256(tail, tail))) {
        tmpl_store_differing(q, t, base, tail_at, tail_want);
    }
    tmpl_fields(pool, (NET_BUFFER *)(void *)(q + NB_AT), (PMDL)(void *)(q + pool->off_mdl));
    return nbl;
}

/* The image tmpl_reset compares with: what nbl_init leaves in a zeroed
 * block, its pointer fields turned into offsets from the block. 0 when the
 * scratch block cannot be had (the pool then keeps the plain reset). */
static int
tmpl_build(struct undis__nbl_pool *pool)
{
    char *scratch = (char *)undis__mem_alloc_backing(pool->off_mdl + sizeof(MDL));
    NET_BUFFER *nb = (NET_BUFFER *)(void *)(pool->tmpl_bytes + NB_AT);
    NET_BUFFER_LIST *img = (NET_BUFFER_LIST *)(void *)pool->tmpl_bytes;
    if (scratch == NULL) {
        return 0;
    }
    memset(scratch, 0, pool->off_mdl + sizeof(MDL));
    (void)nbl_init(pool, (NET_BUFFER_LIST *)(void *)scratch);
    memcpy(pool->tmpl_bytes, scratch, sizeof(pool->tmpl_bytes));
    undis__mem_free_backing(scratch);
    img->FirstNetBuffer = (PNET_BUFFER)((uintptr_t)img->FirstNetBuffer - (uintptr_t)scratch);
    nb->CurrentMdl = (PMDL)((uintptr_t)nb->CurrentMdl - (uintptr_t)scratch);
    nb->MdlChain = (PMDL)((uintptr_t)nb->MdlChain - (uintptr_t)scratch);
    return 1;
}
#endif /* UNDIS__ZERO_X86 */

/* ---- the choice ---------------------------------------------------------- */

typedef NET_BUFFER_LIST *reset_nbl_fn(struct undis__nbl_pool *pool, NET_BUFFER_LIST *nbl);
typedef NET_BUFFER *reset_nb_fn(const struct undis__nbl_pool *pool, NET_BUFFER *nb, PMDL mdl);

/* One set per instruction set: NBL pools without and with an embedded NB,
 * and NB pools. The sets a build does not have are NULL. */
static const struct {
    reset_nbl_fn *nbl;
    reset_nbl_fn *nbl_nb;
    reset_nb_fn *nb;
} g_variants[UNDIS_CPU_CAP_COUNT] = {
    { undis__nbl_reset_reference, undis__nbl_reset_reference, undis__nb_reset_reference },
#if UNDIS__ZERO_X86
    { nbl_reset_sse2, nbl_nb_reset_sse2, nb_reset_sse2 },
    { nbl_reset_avx2, nbl_nb_reset_avx2, nb_reset_avx2 },
    { nbl_reset_avx512, nbl_nb_reset_avx512, nb_reset_avx512 },
#endif
};

void
undis__nbl_reset_pick(struct undis__nbl_pool *pool, undis_cpu_cap isa)
{
    unsigned i = (unsigned)isa;
    if (i >= UNDIS_CPU_CAP_COUNT || g_variants[i].nb == NULL) {
        i = UNDIS_CPU_CAP_REFERENCE;
    }
    pool->reset_nbl = pool->alloc_nb ? g_variants[i].nbl_nb : g_variants[i].nbl;
    pool->reset_nb = g_variants[i].nb;
#if UNDIS__ZERO_X86
    if (i == UNDIS_CPU_CAP_AVX512 && pool->alloc_nb && pool->context_size == 0 &&
        pool->data_size != 0 && TMPL_TAIL == 32 && tmpl_build(pool)) {
        pool->reset_nbl = tmpl_reset_avx512;
    }
#endif
}
