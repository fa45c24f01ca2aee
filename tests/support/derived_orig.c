/* SPDX-License-Identifier: MIT */
/* tests/support/derived_orig.c: see derived_orig.h. */
#include "support/derived_orig.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <undis/check.h>

#include "support/pools.h"

NDIS_HANDLE
nbl_pool_make(BOOLEAN alloc_nb, USHORT ctx, ULONG data, UCHAR protocol_id)
{
    NDIS_HANDLE h = test_nbl_pool(alloc_nb, ctx, data, protocol_id, TEST_TAG);
    CHECK_NOT_NULL(h);
    return h;
}

NDIS_HANDLE
nb_pool_make(ULONG data)
{
    NDIS_HANDLE h = test_nb_pool(data, TEST_TAG);
    CHECK_NOT_NULL(h);
    return h;
}

void
orig_init(struct orig *o)
{
    ULONG i;
    memset(o, 0, sizeof(*o));
    o->arena = (PUCHAR)malloc(ARENA_SIZE);
    CHECK_NOT_NULL(o->arena);
    for (i = 0; i < ARENA_SIZE; i++) {
        o->arena[i] = (UCHAR)(3u + 7u * i + i / 251u);
    }
    o->nbl_pool = nbl_pool_make(TRUE, 0, 0, 0);
    o->nb_pool = nb_pool_make(0);
}

PMDL
orig_chain(struct orig *o, const ULONG *sizes, int count)
{
    PMDL head = NULL;
    PMDL *link = &head;
    int i;
    for (i = 0; i < count; i++) {
        struct tmdl *t;
        PUCHAR va;
        CHECK(o->nm < MAX_MDLS);
        CHECK(o->arena_used + 8 + sizes[i] <= ARENA_SIZE);
        t = &o->m[o->nm++];
        va = o->arena + o->arena_used + 8;
        o->arena_used += 8 + sizes[i];
        memset(t, 0, sizeof(*t));
        MmInitializeMdl(&t->mdl, va, sizes[i]);
        if (sizes[i] != 0) {
            MmBuildMdlForNonPagedPool(&t->mdl);
        } else {
            t->mdl.Process = NULL;
            t->mdl.MappedSystemVa = va;
            t->mdl.MdlFlags = MDL_SOURCE_IS_NONPAGED_POOL;
        }
        *link = &t->mdl;
        link = &t->mdl.Next;
    }
    return head;
}

NET_BUFFER *
orig_add_nb(struct orig *o, PMDL chain, ULONG offset, ULONG length)
{
    NET_BUFFER *nb;
    CHECK(o->nnb < MAX_NBS);
    if (o->nbl == NULL) {
        o->nbl = NdisAllocateNetBufferAndNetBufferList(o->nbl_pool, 0, 0, chain, offset, length);
        CHECK_NOT_NULL(o->nbl);
        nb = o->nbl->FirstNetBuffer;
    } else {
        nb = NdisAllocateNetBuffer(o->nb_pool, chain, offset, length);
        CHECK_NOT_NULL(nb);
        o->nb[o->nnb - 1]->Next = nb;
    }
    CHECK_NOT_NULL(nb);
    o->nb[o->nnb++] = nb;
    return nb;
}

void
orig_standard(struct orig *o)
{
    static const ULONG c0[] = { 10, 0, 50, 30 };
    static const ULONG c1[] = { 100 };
    static const ULONG c2[] = { 7, 33, 64 };
    NET_BUFFER *nb;
    orig_init(o);
    nb = orig_add_nb(o, orig_chain(o, c0, 4), 25, 60);
    CHECK_PTR_EQ(nb->CurrentMdl, &o->m[2].mdl);
    CHECK_EQ_U32(nb->CurrentMdlOffset, 15);
    orig_add_nb(o, orig_chain(o, c1, 1), 0, 100);
    nb = orig_add_nb(o, orig_chain(o, c2, 3), 7, 90);
    CHECK_PTR_EQ(nb->CurrentMdl, &o->m[6].mdl);
    CHECK_EQ_U32(nb->CurrentMdlOffset, 0);
    CHECK_EQ_INT(undis_nbl_check(o->nbl, NULL, 0), UNDIS_CHECK_OK);
}

void
orig_free(struct orig *o)
{
    int i;
    for (i = 1; i < o->nnb; i++) {
        NdisFreeNetBuffer(o->nb[i]);
    }
    if (o->nbl != NULL) {
        o->nbl->FirstNetBuffer->Next = NULL;
        NdisFreeNetBufferList(o->nbl);
    }
    NdisFreeNetBufferPool(o->nb_pool);
    NdisFreeNetBufferListPool(o->nbl_pool);
    free(o->arena);
    memset(o, 0, sizeof(*o));
}

/* The address of every used byte of nb, walking from the chain head past
 * DataOffset; returns DataLength (and checks the chain holds that much). */
static ULONG
nb_addrs(const NET_BUFFER *nb, PUCHAR *out, ULONG cap)
{
    ULONG skip = nb->DataOffset;
    ULONG n = 0;
    PMDL m;
    CHECK(nb->DataLength <= cap);
    for (m = nb->MdlChain; m != NULL && n < nb->DataLength; m = m->Next) {
        PUCHAR va = (PUCHAR)MmGetMdlVirtualAddress(m);
        ULONG i;
        for (i = 0; i < m->ByteCount && n < nb->DataLength; i++) {
            if (skip != 0) {
                skip--;
            } else {
                out[n++] = va + i;
            }
        }
    }
    CHECK_EQ_U32(n, nb->DataLength);
    return n;
}

void
check_shares(const NET_BUFFER *d, ULONG d_pos, const NET_BUFFER *src, ULONG src_pos, ULONG len)
{
    static PUCHAR da[MAX_BYTES];
    static PUCHAR sa[MAX_BYTES];
    ULONG i;
    nb_addrs(d, da, MAX_BYTES);
    nb_addrs(src, sa, MAX_BYTES);
    CHECK(d_pos + len <= d->DataLength);
    CHECK(src_pos + len <= src->DataLength);
    for (i = 0; i < len; i++) {
        if (da[d_pos + i] != sa[src_pos + i]) {
            CHECK_EQ_U64((uint64_t)(uintptr_t)da[d_pos + i], (uint64_t)(uintptr_t)sa[src_pos + i]);
        }
    }
}

int
is_orig_mdl(const struct orig *o, const MDL *m)
{
    int i;
    for (i = 0; i < o->nm; i++) {
        if (m == &o->m[i].mdl) {
            return 1;
        }
    }
    return 0;
}

ULONG
check_partial_mdls(const struct orig *o, PMDL from)
{
    ULONG total = 0;
    PMDL m;
    for (m = from; m != NULL; m = m->Next) {
        CHECK(!is_orig_mdl(o, m));
        CHECK((m->MdlFlags & MDL_PARTIAL) != 0);
        CHECK(m->ByteCount != 0);
        total += m->ByteCount;
    }
    return total;
}

void
check_nbl_ok(const NET_BUFFER_LIST *nbl)
{
    char why[256];
    undis_check_rule rule = undis_nbl_check(nbl, why, sizeof(why));
    if (rule != UNDIS_CHECK_OK) {
        fprintf(stderr, "undis_nbl_check: %s: %s\n", undis_check_rule_name(rule), why);
    }
    CHECK_EQ_INT(rule, UNDIS_CHECK_OK);
}

ULONG
nb_count(const NET_BUFFER_LIST *nbl)
{
    ULONG n = 0;
    const NET_BUFFER *nb;
    for (nb = nbl->FirstNetBuffer; nb != NULL; nb = nb->Next) {
        n++;
    }
    return n;
}

void
info_fill(NET_BUFFER_LIST *nbl, ULONG_PTR base)
{
    int i;
    for (i = 0; i < MaxNetBufferListInfo; i++) {
        nbl->NetBufferListInfo[i] = (PVOID)(base + 0x101u * (ULONG_PTR)(i + 1));
    }
}

int
in_list(int slot, const int *list, size_t count)
{
    size_t i;
    for (i = 0; i < count; i++) {
        if (list[i] == slot) {
            return 1;
        }
    }
    return 0;
}

void
check_info_copied(const NET_BUFFER_LIST *d,
                  const NET_BUFFER_LIST *src,
                  const int *copied,
                  size_t count,
                  UCHAR pool_protocol_id)
{
    int i;
    for (i = 0; i < MaxNetBufferListInfo; i++) {
        if (in_list(i, copied, count)) {
            CHECK_PTR_EQ(d->NetBufferListInfo[i], src->NetBufferListInfo[i]);
        } else if (i == NetBufferListProtocolId) {
            CHECK_EQ_U64((uint64_t)(ULONG_PTR)d->NetBufferListInfo[i], pool_protocol_id);
        } else {
            CHECK_NULL(d->NetBufferListInfo[i]);
        }
    }
}
