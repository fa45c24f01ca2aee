/* SPDX-License-Identifier: MIT */
/* tests/support/fault_sweep.c: see fault_sweep.h. */
#include "support/fault_sweep.h"

#include <stdlib.h>
#include <string.h>

#include <undis/fault.h>

#include "support/checks.h"
#include "support/pools.h"

#define MAX_K 200

void
run_sweep(const struct sweep *s, unsigned long long allocs)
{
    unsigned long long base = undis_alloc_outstanding();
    unsigned long long failures = 0;
    unsigned long long k;
    for (k = 1; k <= MAX_K; k++) {
        unsigned long long refused;
        int ok, hit;
        undis_fault_clear();
        s->setup();
        refused = undis_alloc_failed_count();
        undis_fault_alloc_fail_nth(k);
        ok = s->call();
        undis_fault_clear();
        hit = undis_alloc_failed_count() != refused;
        if (hit) {
            /* The k-th allocation was refused: the call must report it. */
            CHECK_EQ_U64(undis_alloc_failed_count(), refused + 1);
            if (ok) {
                ut_fail_(__FILE__, __LINE__, "allocation %llu was refused but the call succeeded",
                         k);
            }
            failures++;
            s->on_failure();
        } else {
            if (!ok) {
                ut_fail_(__FILE__, __LINE__, "the call failed at k=%llu with no refusal", k);
            }
            s->on_success();
        }
        s->cleanup();
        CHECK_EQ_U64(undis_alloc_outstanding(), base);
        if (!hit) {
            break;
        }
    }
    CHECK(k <= MAX_K);
    /* k - 1 allocations were made; each of them was failed once. */
    CHECK_EQ_U64(k - 1, allocs);
    CHECK_EQ_U64(failures, allocs);
}

NDIS_HANDLE
sweep_nbl_pool(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size)
{
    NDIS_HANDLE pool =
        test_nbl_pool(alloc_nb, context_size, data_size, NDIS_PROTOCOL_ID_TCP_IP, SWEEP_TAG);
    CHECK_NOT_NULL(pool);
    return pool;
}

NDIS_HANDLE
sweep_nb_pool(ULONG data_size)
{
    NDIS_HANDLE pool = test_nb_pool(data_size, SWEEP_TAG);
    CHECK_NOT_NULL(pool);
    return pool;
}

ULONG
nb_read(const NET_BUFFER *nb, PUCHAR out, ULONG max)
{
    const MDL *m = nb->MdlChain;
    ULONG skip = nb->DataOffset;
    ULONG left = nb->DataLength;
    ULONG n = 0;
    for (; m != NULL && left != 0; m = m->Next) {
        ULONG take;
        if (skip >= m->ByteCount) {
            skip -= m->ByteCount;
            continue;
        }
        take = m->ByteCount - skip;
        if (take > left) {
            take = left;
        }
        CHECK(n + take <= max);
        memcpy(out + n, (const UCHAR *)MmGetMdlVirtualAddress(m) + skip, take);
        n += take;
        left -= take;
        skip = 0;
    }
    return n;
}

ULONG
chain_length(const MDL *m)
{
    ULONG n = 0;
    for (; m != NULL; m = m->Next) {
        n++;
    }
    return n;
}

static PMDL
mdl_new(PUCHAR va, ULONG len)
{
    PMDL m;
    if (len != 0) {
        m = NdisAllocateMdl(NULL, va, len);
        CHECK_NOT_NULL(m);
    } else {
        m = IoAllocateMdl(va, 0, FALSE, FALSE, NULL);
        CHECK_NOT_NULL(m);
        memset(m + 1, 0, (size_t)m->Size - sizeof(MDL)); /* no PFN to build */
        m->Process = NULL;
        m->MappedSystemVa = va;
        m->MdlFlags = (CSHORT)(m->MdlFlags | MDL_SOURCE_IS_NONPAGED_POOL);
    }
    CHECK((size_t)m->Size <= sizeof(struct mdl_snap));
    return m;
}

static void
source_snapshot(struct source *s)
{
    memcpy(&s->snap_nbl, s->nbl, sizeof(NET_BUFFER_LIST));
    for (int i = 0; i < s->nnb; i++) {
        memcpy(&s->snap_nb[i], s->nb[i], sizeof(NET_BUFFER));
    }
    for (int i = 0; i < s->nmdl; i++) {
        memcpy(&s->snap_mdl[i], s->mdl[i], (size_t)s->mdl[i]->Size);
    }
}

void
source_check_unchanged(const struct source *s)
{
    CHECK_MEM_EQ(s->nbl, &s->snap_nbl, sizeof(NET_BUFFER_LIST));
    for (int i = 0; i < s->nnb; i++) {
        CHECK_MEM_EQ(s->nb[i], &s->snap_nb[i], sizeof(NET_BUFFER));
        CHECK_NB_OK(s->nb[i]);
    }
    for (int i = 0; i < s->nmdl; i++) {
        check_mdl_same(s->mdl[i], &s->snap_mdl[i].mdl);
    }
}

void
source_build(struct source *s, const struct nb_spec *spec, int nnb)
{
    ULONG total = 0, at = 0;
    NET_BUFFER **link;
    memset(s, 0, sizeof(*s));
    for (int i = 0; i < nnb; i++) {
        for (int j = 0; j < spec[i].nmdl; j++) {
            total += spec[i].mdl_len[j];
        }
    }
    s->buf = (PUCHAR)malloc(total + 1);
    CHECK_NOT_NULL(s->buf);
    for (ULONG i = 0; i <= total; i++) {
        s->buf[i] = (UCHAR)(i * 7u + i / 251u);
    }
    s->nbl_pool = sweep_nbl_pool(FALSE, 0, 0);
    s->nb_pool = sweep_nb_pool(0);
    s->nbl = NdisAllocateNetBufferList(s->nbl_pool, 0, 0);
    CHECK_NOT_NULL(s->nbl);
    s->nbl->SourceHandle = (NDIS_HANDLE)(ULONG_PTR)0x5151;
    link = &s->nbl->FirstNetBuffer;
    for (int i = 0; i < nnb; i++) {
        PMDL head = NULL, *tail = &head;
        for (int j = 0; j < spec[i].nmdl; j++) {
            PMDL m = mdl_new(s->buf + at, spec[i].mdl_len[j]);
            at += spec[i].mdl_len[j];
            CHECK(s->nmdl < MAX_MDL);
            s->mdl[s->nmdl++] = m;
            *tail = m;
            tail = &m->Next;
        }
        CHECK(s->nnb < MAX_NB);
        s->nb[s->nnb] = NdisAllocateNetBuffer(s->nb_pool, head, spec[i].off, spec[i].len);
        CHECK_NOT_NULL(s->nb[s->nnb]);
        *link = s->nb[s->nnb];
        link = &s->nb[s->nnb]->Next;
        s->nnb++;
    }
    CHECK_NBL_OK(s->nbl);
    source_snapshot(s);
}

void
source_free(struct source *s)
{
    for (int i = 0; i < s->nnb; i++) {
        NdisFreeNetBuffer(s->nb[i]);
    }
    for (int i = 0; i < s->nmdl; i++) {
        NdisFreeMdl(s->mdl[i]);
    }
    NdisFreeNetBufferList(s->nbl);
    NdisFreeNetBufferPool(s->nb_pool);
    NdisFreeNetBufferListPool(s->nbl_pool);
    free(s->buf);
    memset(s, 0, sizeof(*s));
}

ULONG
mdls_spanned(const NET_BUFFER *nb, ULONG skip, ULONG len)
{
    const MDL *m = nb->MdlChain;
    ULONG pos = nb->DataOffset + skip;
    ULONG n = 0;
    while (m != NULL && pos >= m->ByteCount) {
        pos -= m->ByteCount;
        m = m->Next;
    }
    for (; m != NULL && len != 0; m = m->Next, pos = 0) {
        ULONG piece = m->ByteCount - pos;
        if (piece == 0) {
            continue;
        }
        if (piece > len) {
            piece = len;
        }
        len -= piece;
        n++;
    }
    return n;
}

const struct nb_spec k_multi[] = {
    { { 100, 200, 300 }, 3, 50, 500 },
    { { 1000 }, 1, 0, 1000 },
    { { 0, 64, 64 }, 3, 0, 100 },
};
