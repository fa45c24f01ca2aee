/* SPDX-License-Identifier: MIT */
/*
 * nbl_pool.c: NET_BUFFER_LIST and NET_BUFFER pools (spec 6.1, 6.2):
 * NdisAllocate/FreeNetBufferListPool, NdisAllocate/FreeNetBufferPool --
 * the parameter checks, each pool object's layout (nbl_pool.h), carving
 * and the choice of the pool's reset (nbl_reset.h).
 */
#include "datapath/nbl_pool.h"
#include "datapath/nbl_reset.h"
#include "base/verify.h"

#include <string.h>

#define POOL_DATA_SIZE_MAX 0x100000u /* 1 MiB, Windows' undocumented cap */

static size_t
align_up(size_t v, size_t a)
{
    return (v + a - 1) & ~(a - 1);
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

/* Creating a driver's pool counts as one allocation for fault injection;
 * undis's internal pools (fault_point 0) do not. */
static struct undis__nbl_pool *
pool_new(uint32_t magic, NDIS_HANDLE ndis_handle, ULONG tag, ULONG data_size, int fault_point)
{
    struct undis__nbl_pool *pool;
    undis__process_init(); /* UNDIS_CPU_CAP before the reset is picked */
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

/* Offsets of an NBL pool object's parts (nbl_pool.h); returns the body's
 * size. */
static size_t
nbl_pool_layout(struct undis__nbl_pool *pool)
{
    size_t off = sizeof(NET_BUFFER_LIST);
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
    return off;
}

NDIS_HANDLE
undis__nbl_pool_create(NDIS_HANDLE NdisHandle,
                       NET_BUFFER_LIST_POOL_PARAMETERS const *Parameters,
                       int fault_point)
{
    const NET_BUFFER_LIST_POOL_PARAMETERS *p = Parameters;
    struct undis__nbl_pool *pool;
    size_t body;
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
    body = nbl_pool_layout(pool);
    undis__nbl_reset_pick(pool, undis_cpu_cap_effective());
    undis__cache_init(&pool->cache, sizeof(struct undis__obj) + body, UNDIS__KIND_NBL, construct);
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
    undis__nbl_reset_pick(pool, undis_cpu_cap_effective());
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
