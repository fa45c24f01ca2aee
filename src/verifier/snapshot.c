/* SPDX-License-Identifier: MIT */
/*
 * snapshot.c: ownership hand-off checks (<undis/verifier.h>). A snapshot
 * records, for every NET_BUFFER of an NBL, its five position fields and its
 * MDL chain (address, buffer address and byte count of each MDL); the check
 * compares the NBL with it when the code under test gives it back.
 */
#include "base/verify.h"

#include <stdio.h>
#include <string.h>

struct snap_mdl {
    const MDL *mdl;
    const void *va;
    ULONG byte_count;
};

struct snap_nb {
    const NET_BUFFER *nb;
    const MDL *chain;
    const MDL *current;
    ULONG current_offset;
    ULONG data_offset;
    ULONG data_length;
    size_t first_mdl; /* index into mdls */
    size_t mdl_count;
};

struct undis_nbl_geometry {
    const NET_BUFFER_LIST *nbl;
    size_t nb_count;
    size_t mdl_count;
    struct snap_nb *nbs;
    struct snap_mdl *mdls;
};

static void
count(const NET_BUFFER_LIST *nbl, size_t *nbs, size_t *mdls)
{
    *nbs = *mdls = 0;
    for (const NET_BUFFER *nb = nbl->FirstNetBuffer; nb != NULL; nb = nb->Next) {
        (*nbs)++;
        for (const MDL *m = nb->MdlChain; m != NULL; m = m->Next) {
            (*mdls)++;
        }
    }
}

undis_nbl_geometry *
undis_nbl_snapshot(const NET_BUFFER_LIST *NetBufferList)
{
    undis_nbl_geometry *g;
    size_t nbs, mdls, i = 0, k = 0;
    count(NetBufferList, &nbs, &mdls);
    g = (undis_nbl_geometry *)undis__mem_alloc(sizeof(*g) + nbs * sizeof(struct snap_nb) +
                                               mdls * sizeof(struct snap_mdl));
    if (g == NULL) {
        return NULL;
    }
    g->nbl = NetBufferList;
    g->nb_count = nbs;
    g->mdl_count = mdls;
    g->nbs = (struct snap_nb *)(void *)(g + 1);
    g->mdls = (struct snap_mdl *)(void *)(g->nbs + nbs);
    for (const NET_BUFFER *nb = NetBufferList->FirstNetBuffer; nb != NULL; nb = nb->Next, i++) {
        struct snap_nb *s = &g->nbs[i];
        s->nb = nb;
        s->chain = nb->MdlChain;
        s->current = nb->CurrentMdl;
        s->current_offset = nb->CurrentMdlOffset;
        s->data_offset = nb->DataOffset;
        s->data_length = nb->DataLength;
        s->first_mdl = k;
        for (const MDL *m = nb->MdlChain; m != NULL; m = m->Next, k++) {
            g->mdls[k].mdl = m;
            g->mdls[k].va = MmGetMdlVirtualAddress(m);
            g->mdls[k].byte_count = m->ByteCount;
        }
        s->mdl_count = k - s->first_mdl;
    }
    return g;
}

/* The first difference between a recorded NB and the NB now, or NULL. */
static const char *
nb_difference(const undis_nbl_geometry *g, const struct snap_nb *s, char *why, size_t len)
{
    const NET_BUFFER *nb = s->nb;
    const MDL *m = nb->MdlChain;
    if (nb->DataOffset != s->data_offset || nb->DataLength != s->data_length) {
        snprintf(why, len, "NET_BUFFER %p: DataOffset/DataLength %u/%u, recorded %u/%u",
                 (const void *)nb, nb->DataOffset, nb->DataLength, s->data_offset, s->data_length);
        return why;
    }
    if (nb->CurrentMdl != s->current || nb->CurrentMdlOffset != s->current_offset) {
        snprintf(why, len, "NET_BUFFER %p: CurrentMdl %p@%u, recorded %p@%u", (const void *)nb,
                 (const void *)nb->CurrentMdl, nb->CurrentMdlOffset, (const void *)s->current,
                 s->current_offset);
        return why;
    }
    for (size_t i = 0; i < s->mdl_count; i++, m = m->Next) {
        const struct snap_mdl *r = &g->mdls[s->first_mdl + i];
        if (m != r->mdl || MmGetMdlVirtualAddress(m) != r->va || m->ByteCount != r->byte_count) {
            snprintf(why, len, "NET_BUFFER %p: MDL #%zu is %p (%u bytes), recorded %p (%u bytes)",
                     (const void *)nb, i, (const void *)m, m != NULL ? m->ByteCount : 0,
                     (const void *)r->mdl, r->byte_count);
            return why;
        }
    }
    if (m != NULL) {
        snprintf(why, len, "NET_BUFFER %p: the MDL chain has more MDLs than recorded",
                 (const void *)nb);
        return why;
    }
    return NULL;
}

int
undis_nbl_expect_restored(undis_nbl_geometry *snapshot, const NET_BUFFER_LIST *NetBufferList)
{
    char why[256];
    const char *diff = NULL;
    const NET_BUFFER *nb = NetBufferList->FirstNetBuffer;
    size_t i = 0;
    for (; i < snapshot->nb_count && diff == NULL; i++, nb = nb != NULL ? nb->Next : NULL) {
        if (nb != snapshot->nbs[i].nb) {
            snprintf(why, sizeof(why), "NET_BUFFER #%zu is %p, recorded %p", i, (const void *)nb,
                     (const void *)snapshot->nbs[i].nb);
            diff = why;
        } else {
            diff = nb_difference(snapshot, &snapshot->nbs[i], why, sizeof(why));
        }
    }
    if (diff == NULL && nb != NULL) {
        snprintf(why, sizeof(why), "the NBL has more NET_BUFFERs than recorded");
        diff = why;
    }
    undis__mem_free(snapshot);
    if (diff != NULL) {
        undis__report(UNDIS_RULE_NBL_NOT_RESTORED, "undis_nbl_expect_restored", NetBufferList, NULL,
                      NetBufferList, "%s", diff);
        return 0;
    }
    return 1;
}
