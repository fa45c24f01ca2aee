/* SPDX-License-Identifier: MIT */
/*
 * nbl.c: NDIS pools and the NET_BUFFER_LIST / NET_BUFFER lifecycle:
 * NdisAllocate/FreeNetBufferListPool, NdisAllocate/FreeNetBufferPool,
 * NdisAllocateNetBufferList, NdisAllocateNetBuffer,
 * NdisAllocateNetBufferAndNetBufferList, NdisAllocateNetBufferMdlAndData,
 * the frees, the pool and protocol-id getters, and the generic object
 * (spec 6.1-6.3).
 *
 * Each allocation is one pop from the calling thread's magazine (pool.h)
 * followed by the reset Windows performs, so that the object comes out in
 * exactly the state the spec gives.
 */
#include "datapath/nbl_pool.h"
#include "base/verify.h"

#include <string.h>

#define POOL_DATA_SIZE_MAX 0x100000u /* 1 MiB, Windows' undocumented cap */

static size_t
align_up(size_t v, size_t a)
{
    return (v + a - 1) & ~(a - 1);
}

#define RESET_INLINE UNDIS_ALWAYS_INLINE

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
#define CHUNK(off) (1ull << ((off) / 32))
#define NB_AT      sizeof(NET_BUFFER_LIST)
#define NBL_CHUNKS                                                                                \
    (CHUNK(offsetof(NET_BUFFER_LIST, FirstNetBuffer)) |                                           \
     CHUNK(offsetof(NET_BUFFER_LIST, NdisPoolHandle)) | CHUNK(offsetof(NET_BUFFER_LIST, Flags)) | \
     CHUNK(offsetof(NET_BUFFER_LIST, NetBufferListInfo) +                                         \
           NetBufferListProtocolId * sizeof(PVOID)))
#define NB_CHUNKS(at)                                       \
    (CHUNK((at) + offsetof(NET_BUFFER, CurrentMdl)) |       \
     CHUNK((at) + offsetof(NET_BUFFER, CurrentMdlOffset)) | \
     CHUNK((at) + offsetof(NET_BUFFER, MdlChain)) |         \
     CHUNK((at) + offsetof(NET_BUFFER, DataOffset)) |       \
     CHUNK((at) + offsetof(NET_BUFFER, NdisPoolHandle)))

/* The resets, one per block size and vector width (zero.h). */
#define RESETS(isa, zero)                                                                          \
    UNDIS__ZERO_TARGET_##isa static NET_BUFFER_LIST *nbl_reset_##isa(struct undis__nbl_pool *pool, \
                                                                     NET_BUFFER_LIST *nbl)         \
    {                                                                                              \
        zero(nbl, sizeof(NET_BUFFER_LIST), NBL_CHUNKS);                                            \
        return nbl_init(pool, nbl);                                                                \
    }                                                                                              \
    UNDIS__ZERO_TARGET_##isa static NET_BUFFER_LIST *nbl_nb_reset_##isa(                           \
        struct undis__nbl_pool *pool, NET_BUFFER_LIST *nbl)                                        \
    {                                                                                              \
        zero(nbl, NB_AT + sizeof(NET_BUFFER), NBL_CHUNKS | NB_CHUNKS(NB_AT));                      \
        return nbl_init(pool, nbl);                                                                \
    }                                                                                              \
    UNDIS__ZERO_TARGET_##isa static NET_BUFFER *nb_reset_##isa(const struct undis__nbl_pool *pool, \
                                                               NET_BUFFER *nb, PMDL mdl)           \
    {                                                                                              \
        zero(nb, sizeof(NET_BUFFER), NB_CHUNKS(0));                                                \
        return nb_init(pool, nb, mdl);                                                             \
    }

#if UNDIS__ZERO_X86
RESETS(avx512, undis__zero_avx512)
RESETS(avx2, undis__zero_avx2)
RESETS(sse2, undis__zero_sse2)
#    define PICK(name) \
        (undis__zero_isa == 2 ? name##_avx512 : undis__zero_isa == 1 ? name##_avx2 : name##_sse2)
#else
#    define UNDIS__ZERO_TARGET_any
RESETS(any, undis__zero_generic)
#    define PICK(name) name##_any
#endif

#if UNDIS__ZERO_X86
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

UNDIS__ZERO_TARGET_avx512 static NET_BUFFER_LIST *
tmpl_reset_avx512(struct undis__nbl_pool *pool, NET_BUFFER_LIST *nbl)
{
    char *q = (char *)nbl;
    const char *t = (const char *)pool->tmpl_bytes;
    const __m512i base = _mm512_set1_epi64((long long)(uintptr_t)nbl);
    const size_t tail_at = TMPL_LINES * 64 + TMPL_TAIL - 32;
    PMDL mdl = (PMDL)(void *)(q + pool->off_mdl);
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
        /* Something was written: store the lines that differ, whole. */
#    pragma GCC unroll 16
        for (unsigned i = 0; i < TMPL_LINES; i++) {
            __m512i want = TMPL_WANT(i);
            if (TMPL_STORED(i)) {
                continue;
            }
            if (_mm512_cmpneq_epi64_mask(_mm512_loadu_si512((const void *)(q + 64 * i)), want) !=
                0) {
                _mm512_storeu_si512((void *)(q + 64 * i), want);
            }
        }
        /* The last half line (the image's, like the others). */
        _mm256_storeu_si256((__m256i *)(void *)(q + tail_at), tail_want);
    }
    if (UNDIS_UNLIKELY(mdl->ByteCount != pool->data_size)) {
        mdl->ByteCount = pool->data_size;
    }
    if (UNDIS_UNLIKELY(mdl->Next != NULL)) {
        mdl->Next = NULL;
    }
    /* The NB's fields again, word by word over the line stores above: the
     * data path reads them right away, and a load is served from a store
     * of its own size at once, from a wide one only after a stall. */
    {
        NET_BUFFER *nb = (NET_BUFFER *)(void *)(q + NB_AT);
        nb->Next = NULL;
        nb->CurrentMdl = mdl;
        nb->CurrentMdlOffset = pool->data_size;
        nb->DataLength = 0;
        nb->MdlChain = mdl;
        nb->DataOffset = pool->data_size;
    }
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
#endif

static void
pick_resets(struct undis__nbl_pool *pool)
{
    pool->reset_nbl = pool->alloc_nb ? PICK(nbl_nb_reset) : PICK(nbl_reset);
    pool->reset_nb = PICK(nb_reset);
#if UNDIS__ZERO_X86
    if (undis__zero_isa == 2 && pool->alloc_nb && pool->context_size == 0 && pool->data_size != 0 &&
        TMPL_TAIL == 32) {
        if (tmpl_build(pool)) {
            pool->reset_nbl = tmpl_reset_avx512;
        }
    }
#endif
}

/* Carving: the descriptors start zeroed (the allocation's zeroing reads
 * the lines it does not have to write, so they must never hold garbage),
 * and a data pool object's MDL is built once; reuse resets only its
 * ByteCount and Next (as Windows does). */
static void
construct(struct undis__cache *cache, struct undis__obj *obj)
{
    struct undis__nbl_pool *pool = (struct undis__nbl_pool *)(void *)cache;
    char *body = (char *)(obj + 1);
    if (pool->data_size != 0) {
        PMDL mdl = (PMDL)(void *)(body + pool->off_mdl);
        memset(body, 0, pool->off_mdl);
        MmInitializeMdl(mdl, body + pool->off_data, pool->data_size);
        MmBuildMdlForNonPagedPool(mdl);
    } else {
        memset(body, 0, cache->obj_size - sizeof(*obj));
    }
}

/* Type, revision (1 or 2) and size of a pool parameter header. */
static int
header_ok(const NDIS_OBJECT_HEADER *h, USHORT size_rev1, USHORT size_rev2)
{
    if (h->Type != NDIS_OBJECT_TYPE_DEFAULT) {
        return 0;
    }
    return (h->Revision == 1 && h->Size >= size_rev1) || (h->Revision == 2 && h->Size >= size_rev2);
}

/* Creating a driver's pool counts as one allocation for fault injection;
 * undis's internal pools (fault_point 0) do not. */
/* What is wrong with pool parameters (NULL: nothing), as Windows checks
 * them plus the header size (spec 6.1, 6.2 and [REC] 14). */
static const char *
nbl_params_problem(const NET_BUFFER_LIST_POOL_PARAMETERS *p)
{
    if (p == NULL) {
        return "Parameters is NULL";
    }
    if (!header_ok(&p->Header, NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1,
                   NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2)) {
        return "Header must be Type NDIS_OBJECT_TYPE_DEFAULT, Revision 1 or 2 and Size at least "
               "NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_n";
    }
    if (p->Header.Revision >= 2 && (p->Flags & ~(ULONG)NET_BUFFER_LIST_POOL_FLAG_VERIFY) != 0) {
        return "Flags has a bit other than NET_BUFFER_LIST_POOL_FLAG_VERIFY (Windows bug-checks)";
    }
    if (p->ContextSize % 8 != 0) {
        return "ContextSize is not a multiple of 8";
    }
    if (p->DataSize != 0 && !p->fAllocateNetBuffer) {
        return "DataSize needs fAllocateNetBuffer TRUE";
    }
    if (p->DataSize > POOL_DATA_SIZE_MAX) {
        return "DataSize is above 1 MiB";
    }
    return NULL;
}

static const char *
nb_params_problem(const NET_BUFFER_POOL_PARAMETERS *p)
{
    if (p == NULL) {
        return "Parameters is NULL";
    }
    if (!header_ok(&p->Header, NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1,
                   NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2)) {
        return "Header must be Type NDIS_OBJECT_TYPE_DEFAULT, Revision 1 or 2 and Size at least "
               "NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_n";
    }
    if (p->Header.Revision >= 2 && (p->Flags & ~(ULONG)NET_BUFFER_POOL_FLAG_VERIFY) != 0) {
        return "Flags has a bit other than NET_BUFFER_POOL_FLAG_VERIFY (Windows bug-checks)";
    }
    if (p->DataSize > POOL_DATA_SIZE_MAX) {
        return "DataSize is above 1 MiB";
    }
    return NULL;
}

static void
report_params(const char *call, const void *params, const char *problem)
{
    if (undis__verify_on()) {
        undis__report(UNDIS_RULE_BAD_POOL_PARAMETERS, call, params, NULL, NULL, "%s", problem);
    }
}

static struct undis__nbl_pool *
pool_new(uint32_t magic, NDIS_HANDLE ndis_handle, ULONG tag, ULONG data_size, int fault_point)
{
    struct undis__nbl_pool *pool;
    undis__process_init(); /* the reset's vector width, before pick_resets */
    if (fault_point && undis__fault_refuse()) {
        return NULL;
    }
    pool = (struct undis__nbl_pool *)undis__mem_alloc_backing(sizeof(*pool));
    if (pool != NULL) {
        memset(pool, 0, sizeof(*pool));
        pool->magic = magic;
        pool->ndis_handle = ndis_handle;
        pool->tag = tag;
        pool->data_size = data_size;
    }
    return pool;
}

NDIS_HANDLE
NdisAllocateNetBufferListPool(NDIS_HANDLE NdisHandle,
                              NET_BUFFER_LIST_POOL_PARAMETERS const *Parameters)
{
    undis__process_init(); /* UNDIS_VERIFIER before the first check */
    if (undis__verify_on() &&
        !undis__verify_irql("NdisAllocateNetBufferListPool", (const void *)(uintptr_t)Parameters)) {
        return NULL;
    }
    return undis__nbl_pool_create(NdisHandle, Parameters, 1);
}

NDIS_HANDLE
NdisAllocateNetBufferPool(NDIS_HANDLE NdisHandle, NET_BUFFER_POOL_PARAMETERS const *Parameters)
{
    undis__process_init(); /* UNDIS_VERIFIER before the first check */
    if (undis__verify_on() &&
        !undis__verify_irql("NdisAllocateNetBufferPool", (const void *)(uintptr_t)Parameters)) {
        return NULL;
    }
    return undis__nb_pool_create(NdisHandle, Parameters, 1);
}

NDIS_HANDLE
undis__nbl_pool_create(NDIS_HANDLE NdisHandle,
                       NET_BUFFER_LIST_POOL_PARAMETERS const *Parameters,
                       int fault_point)
{
    const NET_BUFFER_LIST_POOL_PARAMETERS *p = Parameters;
    struct undis__nbl_pool *pool;
    size_t off = sizeof(NET_BUFFER_LIST);
    const char *problem = nbl_params_problem(p);
    if (problem != NULL) {
        report_params("NdisAllocateNetBufferListPool", p, problem);
        return NULL;
    }
    pool = pool_new(UNDIS__NBL_POOL_MAGIC, NdisHandle, p->PoolTag, p->DataSize, fault_point);
    if (pool == NULL) {
        return NULL;
    }
    pool->protocol_id = p->ProtocolId;
    pool->alloc_nb = p->fAllocateNetBuffer ? TRUE : FALSE;
    pool->context_size = p->ContextSize;
    pool->plain = pool->alloc_nb && pool->context_size == 0;
    pool->flags = p->Header.Revision >= 2 ? p->Flags : 0;
    if (pool->alloc_nb) {
        pool->off_nb = (uint32_t)off;
        off += sizeof(NET_BUFFER);
    }
    if (pool->data_size != 0) {
        /* Right after the NB, so that an advance with FreeMdl leaves it. */
        pool->off_mdl = (uint32_t)off;
        off += align_up(MmSizeOfMdl((PVOID)(ULONG_PTR)0xFFF, pool->data_size), 8);
    }
    if (pool->context_size != 0) {
        off = align_up(off, 16);
        pool->off_ctx = (uint32_t)off;
        off += sizeof(NET_BUFFER_LIST_CONTEXT) + pool->context_size;
    }
    if (pool->data_size != 0) {
        off = align_up(off, 16);
        pool->off_data = (uint32_t)off;
        off += pool->data_size;
    }
    pick_resets(pool);
    undis__cache_init(&pool->cache, sizeof(struct undis__obj) + off, UNDIS__KIND_NBL, construct);
    return pool;
}

NDIS_HANDLE
undis__nb_pool_create(NDIS_HANDLE NdisHandle,
                      NET_BUFFER_POOL_PARAMETERS const *Parameters,
                      int fault_point)
{
    const NET_BUFFER_POOL_PARAMETERS *p = Parameters;
    struct undis__nbl_pool *pool;
    size_t off = sizeof(NET_BUFFER);
    const char *problem = nb_params_problem(p);
    if (problem != NULL) {
        report_params("NdisAllocateNetBufferPool", p, problem);
        return NULL;
    }
    pool = pool_new(UNDIS__NB_POOL_MAGIC, NdisHandle, p->PoolTag, p->DataSize, fault_point);
    if (pool == NULL) {
        return NULL;
    }
    pool->flags = p->Header.Revision >= 2 ? p->Flags : 0;
    if (pool->data_size != 0) {
        pool->off_mdl = (uint32_t)off; /* right after the NB: (PMDL)(nb + 1) */
        off += align_up(MmSizeOfMdl((PVOID)(ULONG_PTR)0xFFF, pool->data_size), 8);
        pool->off_data = (uint32_t)off;
        off += pool->data_size;
    }
    pick_resets(pool);
    undis__cache_init(&pool->cache, sizeof(struct undis__obj) + off, UNDIS__KIND_NB, construct);
    return pool;
}

static void
pool_free(NDIS_HANDLE PoolHandle)
{
    struct undis__nbl_pool *pool = (struct undis__nbl_pool *)PoolHandle;
    size_t leaked;
    if (pool == NULL) {
        return;
    }
    if (undis__verify_on() && !undis__verify_pool_free(pool)) {
        return;
    }
    undis__quarantine_purge(&pool->cache);
    leaked = undis__cache_destroy(&pool->cache);
    if (leaked != 0) {
        undis__note_leaked(leaked);
    }
    pool->magic = 0;
    undis__mem_free_backing(pool);
}

VOID
NdisFreeNetBufferListPool(NDIS_HANDLE PoolHandle)
{
    pool_free(PoolHandle);
}

VOID
NdisFreeNetBufferPool(NDIS_HANDLE PoolHandle)
{
    pool_free(PoolHandle);
}

/* The context an allocation asks for: from the pool's inline block when it
 * fits, otherwise a pushed block (NBL Flags 0x400, freed with the NBL). */
static NDIS_STATUS
nbl_initial_context(NET_BUFFER_LIST *nbl, USHORT size, USHORT backfill, ULONG tag)
{
    NDIS_STATUS status;
    if (nbl->Context != NULL && size <= nbl->Context->Offset) {
        nbl->Context->Offset = (USHORT)(nbl->Context->Offset - size);
        return NDIS_STATUS_SUCCESS;
    }
    status = NdisAllocateNetBufferListContext(nbl, size, backfill, tag);
    if (status == NDIS_STATUS_SUCCESS) {
        nbl->Flags |= UNDIS__NBL_FLAG_CTX_PUSHED;
    }
    return status;
}

/* Every allocation the fast path of NdisAllocateNetBufferList leaves out:
 * bad arguments, contexts, verifier level 2 and up, IRQL above DISPATCH. */
UNDIS_NOINLINE static NET_BUFFER_LIST *
nbl_alloc_general(struct undis__nbl_pool *pool, USHORT ContextSize, USHORT ContextBackFill)
{
    struct undis__obj *obj;
    NET_BUFFER_LIST *nbl;
    if (undis__verify_on() &&
        !undis__verify_nbl_alloc(pool, ContextSize, ContextBackFill, "NdisAllocateNetBufferList")) {
        return NULL;
    }
    if (pool == NULL || pool->magic != UNDIS__NBL_POOL_MAGIC ||
        ((ContextSize | ContextBackFill) & 7) != 0) {
        return NULL;
    }
    obj = undis__cache_get(&pool->cache);
    if (obj == NULL) {
        return NULL;
    }
    nbl = pool->reset_nbl(pool, (NET_BUFFER_LIST *)(void *)(obj + 1));
    if (undis__verify_level(3)) {
        undis__history_note(nbl, "NdisAllocateNetBufferList");
    }
    if (ContextSize != 0 &&
        nbl_initial_context(nbl, ContextSize, ContextBackFill, pool->tag) != NDIS_STATUS_SUCCESS) {
        undis__cache_put(&pool->cache, obj);
        return NULL;
    }
    return nbl;
}

/* The usual call -- a valid pool, no context asked, the verifier below
 * level 2 and IRQL at most DISPATCH_LEVEL, where no level-1 rule can fire --
 * is a magazine pop and the reset; the same code at levels 0 and 1. */
NET_BUFFER_LIST *
NdisAllocateNetBufferList(NDIS_HANDLE PoolHandle, USHORT ContextSize, USHORT ContextBackFill)
{
    struct undis__nbl_pool *pool = (struct undis__nbl_pool *)PoolHandle;
    struct undis__obj *obj;
    /* (pool - 1 < limit): pool is not NULL and the gate of <ndis/nbinline.h>
     * is open (verifier below level 2, no thread above DISPATCH_LEVEL). */
    if (UNDIS_UNLIKELY((uintptr_t)pool - 1 >= undis__nb_inline_limit ||
                       pool->magic != UNDIS__NBL_POOL_MAGIC ||
                       (ContextSize | ContextBackFill) != 0)) {
        return nbl_alloc_general(pool, ContextSize, ContextBackFill);
    }
    obj = undis__cache_try_get(&pool->cache);
    if (UNDIS_UNLIKELY(obj == NULL)) {
        return nbl_alloc_general(pool, 0, 0);
    }
    return pool->reset_nbl(pool, (NET_BUFFER_LIST *)(void *)(obj + 1));
}

NET_BUFFER_LIST *
NdisAllocateNetBufferAndNetBufferList(NDIS_HANDLE PoolHandle,
                                      USHORT ContextSize,
                                      USHORT ContextBackFill,
                                      MDL *MdlChain,
                                      ULONG DataOffset,
                                      SIZE_T DataLength)
{
    struct undis__nbl_pool *pool = (struct undis__nbl_pool *)PoolHandle;
    NET_BUFFER_LIST *nbl;
    NET_BUFFER *nb;
    if (pool == NULL || pool->magic != UNDIS__NBL_POOL_MAGIC || !pool->alloc_nb ||
        pool->data_size != 0) {
        return NULL;
    }
    nbl = NdisAllocateNetBufferList(pool, ContextSize, ContextBackFill);
    if (nbl == NULL) {
        return NULL;
    }
    nb = nbl->FirstNetBuffer;
    nb->MdlChain = MdlChain;
    nb->DataOffset = DataOffset;
    nb->DataLength = (ULONG)DataLength;
    undis__nb_locate(nb);
    return nbl;
}

/* The shape of nearly every NBL at its free, tested in one go so that
 * verifier level 1 costs a few compares; anything else gets the full check
 * (which reports). */
RESET_INLINE int
nbl_free_looks_fine(const NET_BUFFER_LIST *nbl, const struct undis__obj *obj)
{
    const struct undis__nbl_pool *pool = (const struct undis__nbl_pool *)(void *)obj->cache;
    const char *body = (const char *)nbl;
    const NET_BUFFER *embedded =
        pool->alloc_nb ? (const NET_BUFFER *)(const void *)(body + pool->off_nb) : NULL;
    const NET_BUFFER_LIST_CONTEXT *inline_ctx =
        pool->context_size != 0
            ? (const NET_BUFFER_LIST_CONTEXT *)(const void *)(body + pool->off_ctx)
            : NULL;
    return undis__verifier_level < 2 && undis__t_irql <= DISPATCH_LEVEL &&
           obj->state == UNDIS__OBJ_LIVE && obj->kind == UNDIS__KIND_NBL &&
           nbl->ChildRefCount == 0 && nbl->FirstNetBuffer == embedded &&
           (embedded == NULL || embedded->Next == NULL) && nbl->Context == inline_ctx;
}

/* The same verdict for the usual pool (embedded NB, no inline context):
 * a run of compare-and-branch pairs, each predicted, with the object's
 * state and kind compared as one word. Level 1's whole price at a free. */
RESET_INLINE int
nbl_free_level1_fine(const NET_BUFFER_LIST *nbl, const struct undis__obj *obj)
{
    const struct undis__nbl_pool *pool = (const struct undis__nbl_pool *)(void *)obj->cache;
    const NET_BUFFER *embedded = (const NET_BUFFER *)(const void *)(nbl + 1);
    uint64_t state_kind;
    memcpy(&state_kind, &obj->state, sizeof(state_kind));
    if (UNDIS_UNLIKELY(!pool->plain)) {
        return nbl_free_looks_fine(nbl, obj);
    }
    return UNDIS_LIKELY(state_kind == UNDIS__OBJ_WORD(UNDIS__OBJ_LIVE, UNDIS__KIND_NBL)) &&
           UNDIS_LIKELY(nbl->NdisPoolHandle == (NDIS_HANDLE)(uintptr_t)pool) &&
           UNDIS_LIKELY(nbl->FirstNetBuffer == embedded) && UNDIS_LIKELY(embedded->Next == NULL) &&
           UNDIS_LIKELY(nbl->Context == NULL) && UNDIS_LIKELY(nbl->ChildRefCount == 0) &&
           UNDIS_LIKELY(undis__nb_inline_limit != 0);
}

UNDIS_NOINLINE static void
nbl_free_general(NET_BUFFER_LIST *nbl, struct undis__obj *obj)
{
    if (undis__verify_on() && !nbl_free_looks_fine(nbl, obj) && !undis__verify_nbl_free(nbl)) {
        return;
    }
    if (nbl->Context != NULL && (nbl->Flags & UNDIS__NBL_FLAG_CTX_PUSHED) != 0) {
        NdisFreeNetBufferListContext(nbl, (USHORT)(nbl->Context->Size - nbl->Context->Offset));
    }
    if (undis__verify_level(3)) {
        undis__history_note(nbl, "NdisFreeNetBufferList");
    }
    if (undis__verify_level(2)) {
        undis__quarantine_put(obj);
        return;
    }
    undis__cache_put(obj->cache, obj);
}

/* The usual free. At level 0 (a pool without an inline context, no context
 * pushed) it reads the NBL's first line only -- Context and NdisPoolHandle,
 * which is how Windows finds the pool too --, so that an NBL freed on another CPU than the one that
 * allocated it moves as few cache lines as possible between the two; the object's state word is not
 * stamped (undis__cache_push). At level 1 every check runs inline first and the state is stamped,
 * so that a second free is seen. */
VOID
NdisFreeNetBufferList(NET_BUFFER_LIST *NetBufferList)
{
    NET_BUFFER_LIST *nbl = NetBufferList;
    struct undis__obj *obj = undis__obj_of(nbl);
    if (UNDIS_UNLIKELY(undis__verifier_level != 0)) {
        if (UNDIS_UNLIKELY(!nbl_free_level1_fine(nbl, obj))) {
            nbl_free_general(nbl, obj);
            return;
        }
        undis__cache_put(obj->cache, obj);
        return;
    }
    if (UNDIS_UNLIKELY(nbl->Context != NULL)) {
        nbl_free_general(nbl, obj);
        return;
    }
    /* Windows clears the allocated bit (0x100) here; only a read after the
     * free could see it, and the next allocation sets it again. Left alone
     * (at every level): it is the one store that would pull the Flags line
     * into the freeing CPU's cache (B3). */
    undis__cache_push(&((struct undis__nbl_pool *)nbl->NdisPoolHandle)->cache, obj);
}

NET_BUFFER *
NdisAllocateNetBuffer(NDIS_HANDLE PoolHandle, MDL *MdlChain, ULONG DataOffset, SIZE_T DataLength)
{
    struct undis__nbl_pool *pool = (struct undis__nbl_pool *)PoolHandle;
    struct undis__obj *obj;
    NET_BUFFER *nb;
    if (undis__verify_on() &&
        !undis__verify_irql("NdisAllocateNetBuffer", (const void *)(uintptr_t)PoolHandle)) {
        return NULL;
    }
    if (pool == NULL || pool->magic != UNDIS__NB_POOL_MAGIC || pool->data_size != 0) {
        return NULL;
    }
    obj = undis__cache_get(&pool->cache);
    if (obj == NULL) {
        return NULL;
    }
    nb = pool->reset_nb(pool, (NET_BUFFER *)(void *)(obj + 1), NULL);
    nb->MdlChain = MdlChain;
    nb->DataOffset = DataOffset;
    nb->DataLength = (ULONG)DataLength;
    undis__nb_locate(nb);
    return nb;
}

NET_BUFFER *
NdisAllocateNetBufferMdlAndData(NDIS_HANDLE PoolHandle)
{
    struct undis__nbl_pool *pool = (struct undis__nbl_pool *)PoolHandle;
    struct undis__obj *obj;
    NET_BUFFER *nb;
    if (undis__verify_on() && !undis__verify_irql("NdisAllocateNetBufferMdlAndData",
                                                  (const void *)(uintptr_t)PoolHandle)) {
        return NULL;
    }
    if (pool == NULL || pool->magic != UNDIS__NB_POOL_MAGIC || pool->data_size == 0) {
        return NULL;
    }
    obj = undis__cache_get(&pool->cache);
    if (obj == NULL) {
        return NULL;
    }
    nb = (NET_BUFFER *)(void *)(obj + 1);
    return pool->reset_nb(pool, nb, (PMDL)(void *)((char *)nb + pool->off_mdl));
}

VOID
NdisFreeNetBuffer(NET_BUFFER *NetBuffer)
{
    struct undis__obj *obj = undis__obj_of(NetBuffer);
    struct undis__nbl_pool *pool;
    PMDL head = NetBuffer->MdlChain;
    if (undis__verify_on() && !undis__verify_nb_free(NetBuffer)) {
        return;
    }
    pool = (struct undis__nbl_pool *)(void *)obj->cache;
    /* As Windows: a data pool's NB unmaps a mapped partial MDL at its head. */
    if (pool->data_size != 0 && head != NULL &&
        (head->MdlFlags & MDL_PARTIAL_HAS_BEEN_MAPPED) != 0) {
        MmUnmapLockedPages(head->MappedSystemVa, head);
    }
    if (undis__verify_level(2)) {
        undis__quarantine_put(obj);
        return;
    }
    undis__cache_put(obj->cache, obj);
}

NDIS_HANDLE
NdisGetPoolFromNetBufferList(NET_BUFFER_LIST const *NetBufferList)
{
    return NetBufferList->NdisPoolHandle;
}

NDIS_HANDLE
NdisGetPoolFromNetBuffer(NET_BUFFER const *NetBuffer)
{
    return NetBuffer->NdisPoolHandle;
}

UCHAR
NdisGetNetBufferListProtocolId(NET_BUFFER_LIST const *NetBufferList)
{
    UCHAR id = (UCHAR)((ULONG_PTR)NetBufferList->NetBufferListInfo[NetBufferListProtocolId] &
                       NDIS_PROTOCOL_ID_MASK);
    const struct undis__nbl_pool *pool =
        (const struct undis__nbl_pool *)NetBufferList->NdisPoolHandle;
    if (id == 0 && pool != NULL) {
        id = pool->protocol_id;
    }
    return id;
}

PNDIS_GENERIC_OBJECT
NdisAllocateGenericObject(PDRIVER_OBJECT DriverObject, ULONG Tag, USHORT Size)
{
    PNDIS_GENERIC_OBJECT obj =
        (PNDIS_GENERIC_OBJECT)undis__mem_alloc(sizeof(NDIS_GENERIC_OBJECT) + Size);
    if (undis__verify_on() &&
        !undis__verify_irql("NdisAllocateGenericObject", (const void *)(uintptr_t)DriverObject)) {
        return NULL;
    }
    UNREFERENCED_PARAMETER(Tag);
    if (obj != NULL) {
        memset(obj, 0, sizeof(NDIS_GENERIC_OBJECT) + Size);
        obj->Header.Revision = NDIS_GENERIC_OBJECT_REVISION_1;
        obj->Header.Size = (USHORT)sizeof(NDIS_GENERIC_OBJECT);
        obj->DriverObject = DriverObject;
    }
    return obj;
}

VOID
NdisFreeGenericObject(PNDIS_GENERIC_OBJECT NdisObject)
{
    if (undis__verify_on() &&
        !undis__verify_irql("NdisFreeGenericObject", (const void *)(uintptr_t)NdisObject)) {
        return;
    }
    undis__mem_free(NdisObject);
}
