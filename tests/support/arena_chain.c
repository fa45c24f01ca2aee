/* SPDX-License-Identifier: MIT */
/* tests/support/arena_chain.c: see arena_chain.h. */
#include "support/arena_chain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <undis/check.h>

PMDL
mdl_init(struct test_mdl *t, PVOID va, ULONG len, int mapped)
{
    memset(t, 0, sizeof(*t));
    MmInitializeMdl(&t->mdl, va, len);
    t->mdl.Process = NULL;
    t->mdl.MappedSystemVa = NULL;
    if (mapped && len != 0) {
        MmBuildMdlForNonPagedPool(&t->mdl);
    } else if (mapped) {
        t->mdl.MappedSystemVa = va;
        t->mdl.MdlFlags = MDL_SOURCE_IS_NONPAGED_POOL;
    }
    return &t->mdl;
}

PMDL
chain_build(struct chain *c, const ULONG *sizes, int count, int mapped, UCHAR seed)
{
    PUCHAR at;
    int i;
    CHECK(count >= 1 && count <= MAX_MDLS);
    at = page_buf_alloc(&c->pb, ARENA_PGS);
    memset(at, GUARD, ARENA_PGS * PAGE_SIZE);
    c->count = count;
    c->total = 0;
    for (i = 0; i < count; i++) {
        ULONG j;
        at += GAP;
        for (j = 0; j < sizes[i]; j++) {
            at[j] = (UCHAR)(seed + 37 * (c->total + j) + (c->total + j) / 251);
        }
        mdl_init(&c->m[i], at, sizes[i], mapped);
        if (i > 0) {
            c->m[i - 1].mdl.Next = &c->m[i].mdl;
        }
        c->size[i] = sizes[i];
        c->total += sizes[i];
        at += sizes[i];
    }
    CHECK((size_t)(at - c->pb.base) + GAP <= ARENA_PGS * PAGE_SIZE);
    return &c->m[0].mdl;
}

void
chain_free(struct chain *c)
{
    free(c->pb.raw);
    c->pb.raw = NULL;
}

void
chain_flat(const struct chain *c, PUCHAR out)
{
    int i;
    for (i = 0; i < c->count; i++) {
        memcpy(out, MmGetMdlVirtualAddress(&c->m[i].mdl), c->size[i]);
        out += c->size[i];
    }
}

void
chain_load(struct chain *c, const UCHAR *in)
{
    int i;
    for (i = 0; i < c->count; i++) {
        memcpy(MmGetMdlVirtualAddress(&c->m[i].mdl), in, c->size[i]);
        in += c->size[i];
    }
}

void
chain_check_guards(const struct chain *c)
{
    int i;
    for (i = 0; i <= c->count; i++) {
        const UCHAR *end = i < c->count ? (const UCHAR *)MmGetMdlVirtualAddress(&c->m[i].mdl)
                                        : (const UCHAR *)MmGetMdlVirtualAddress(&c->m[i - 1].mdl) +
                                              c->size[i - 1] + GAP;
        int k;
        for (k = 1; k <= GAP; k++) {
            CHECK_EQ_INT(end[-k], GUARD);
        }
    }
}

void
chain_set_unmapped(struct chain *c)
{
    int i;
    for (i = 0; i < c->count; i++) {
        c->m[i].mdl.MdlFlags = 0;
        c->m[i].mdl.MappedSystemVa = NULL;
    }
}

void
nb_init(NET_BUFFER *nb, PMDL chain, ULONG data_offset, ULONG data_length)
{
    memset(nb, 0, sizeof(*nb));
    nb->MdlChain = chain;
    nb->DataOffset = data_offset;
    nb->DataLength = data_length;
    NdisAdjustNetBufferCurrentMdl(nb);
}

void
check_nb_ok(const NET_BUFFER *nb)
{
    char why[256];
    undis_check_rule rule = undis_nb_check(nb, why, sizeof(why));
    if (rule != UNDIS_CHECK_OK) {
        fprintf(stderr, "checker: %s\n", why);
    }
    CHECK_EQ_INT(rule, UNDIS_CHECK_OK);
}

PUCHAR
va_of(struct chain *c, int i)
{
    return (PUCHAR)MmGetMdlVirtualAddress(&c->m[i].mdl);
}
