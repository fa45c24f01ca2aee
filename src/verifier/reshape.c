/* SPDX-License-Identifier: MIT */
/*
 * reshape.c: undis_nb_reshape and friends (<undis/reshape.h>).
 *
 * Each new MDL is one block from undis__mem_alloc:
 *
 *   [ hidden: next block, magic ][ MDL + PFNs ][ buffer ]
 *
 * The hidden headers link the blocks of one reshape together, so the blocks
 * can be freed whatever the driver code did to the Next links.
 *
 * The geometry comes from cut points over the bytes kept (unused space,
 * data, slack): random ones, sometimes one exactly at the data start (the
 * data then starts in a later MDL), sometimes a run of one-byte MDLs over
 * the first data bytes (headers split byte by byte), and repeated cuts for
 * zero-length MDLs.
 */
#include "base/internal.h"

#include <string.h>

#include <undis/check.h>
#include <undis/reshape.h>

#define RESHAPE_MAGIC      0x52534850u /* "RSHP" */
#define DEFAULT_MAX_MDLS   16
#define LIMIT_MAX_MDLS     256
#define DEFAULT_MAX_SLACK  64
#define BLOCK_HEADER_BYTES 16
#define MAX_CUTS           (LIMIT_MAX_MDLS + 4)

struct block {
    struct block *next;
    uint32_t magic;
};

typedef char block_header_fits[sizeof(struct block) <= BLOCK_HEADER_BYTES ? 1 : -1];

struct rng {
    uint64_t s;
};

static uint64_t
rng_next(struct rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Uniform in [0, n] (n + 1 values). */
static ULONG
rng_upto(struct rng *r, ULONG n)
{
    return (ULONG)(rng_next(r) % ((uint64_t)n + 1));
}

static MDL *
block_mdl(struct block *b)
{
    return (MDL *)(void *)((char *)b + BLOCK_HEADER_BYTES);
}

static size_t
mdl_header_bytes(ULONG len)
{
    return (MmSizeOfMdl((PVOID)(ULONG_PTR)0xFFF, len) + 15) & ~(size_t)15;
}

static void
blocks_free(struct block *b)
{
    while (b != NULL) {
        struct block *next = b->next;
        b->magic = 0;
        undis__mem_free(b);
        b = next;
    }
}

/* One MDL over a fresh len-byte buffer; NULL when memory runs out. */
static struct block *
block_new(ULONG len)
{
    size_t header = mdl_header_bytes(len);
    struct block *b = (struct block *)undis__mem_alloc(BLOCK_HEADER_BYTES + header + len);
    MDL *mdl;
    if (b == NULL) {
        return NULL;
    }
    b->next = NULL;
    b->magic = RESHAPE_MAGIC;
    mdl = block_mdl(b);
    MmInitializeMdl(mdl, (char *)mdl + header, len);
    if (len != 0) {
        MmBuildMdlForNonPagedPool(mdl);
    } else {
        mdl->Process = NULL;
        mdl->MappedSystemVa = MmGetMdlVirtualAddress(mdl);
        mdl->MdlFlags = MDL_SOURCE_IS_NONPAGED_POOL;
    }
    return b;
}

static void
sort_cuts(ULONG *cut, unsigned n)
{
    for (unsigned i = 1; i < n; i++) {
        ULONG v = cut[i];
        unsigned j = i;
        while (j > 0 && cut[j - 1] > v) {
            cut[j] = cut[j - 1];
            j--;
        }
        cut[j] = v;
    }
}

/* Cut points in [0, total] for at most max_mdls pieces; returns how many. */
static unsigned
make_cuts(struct rng *r, ULONG *cut, ULONG d, ULONG len, ULONG total, unsigned max_mdls)
{
    unsigned want = (unsigned)rng_upto(r, max_mdls - 1); /* cuts: pieces - 1 */
    unsigned n = 0;
    int zero_ok = 1;
    if (want != 0 && rng_upto(r, 1) == 0) {
        cut[n++] = d; /* the data starts on an MDL boundary */
    }
    if (want > n && len > 1 && rng_upto(r, 3) == 0) {
        for (ULONG i = 1; i < len && n < want; i++) { /* one-byte MDLs at the data start */
            cut[n++] = d + i;
        }
    }
    while (n < want) {
        cut[n++] = rng_upto(r, total);
        if (zero_ok && n < want && rng_upto(r, 3) == 0) {
            cut[n] = cut[n - 1]; /* a zero-length MDL */
            n++;
        }
    }
    sort_cuts(cut, n);
    return n;
}

/* Copies bytes of the old chain in order; 0 when a mapping fails. */
struct reader {
    PMDL mdl;
    ULONG offset;
};

static int
reader_copy(struct reader *rd, PUCHAR dst, ULONG len)
{
    while (len != 0) {
        PUCHAR va;
        ULONG chunk;
        while (rd->mdl != NULL && rd->offset >= rd->mdl->ByteCount) {
            rd->offset -= rd->mdl->ByteCount;
            rd->mdl = rd->mdl->Next;
        }
        if (rd->mdl == NULL) {
            return 0;
        }
        va = (PUCHAR)MmGetSystemAddressForMdlSafe(rd->mdl, NormalPagePriority);
        if (va == NULL) {
            return 0;
        }
        chunk = rd->mdl->ByteCount - rd->offset;
        chunk = chunk < len ? chunk : len;
        memcpy(dst, va + rd->offset, chunk);
        dst += chunk;
        rd->offset += chunk;
        len -= chunk;
    }
    return 1;
}

static ULONG64
chain_bytes(const MDL *m)
{
    ULONG64 n = 0;
    for (; m != NULL; m = m->Next) {
        n += m->ByteCount;
    }
    return n;
}

/* Builds the new chain over pieces between the cuts; NULL head on failure. */
static NDIS_STATUS
build_chain(NET_BUFFER *nb,
            const ULONG *cut,
            unsigned ncut,
            ULONG total,
            int no_zero,
            struct block **blocks,
            MDL **head,
            unsigned *count)
{
    struct reader rd = { nb->MdlChain, 0 };
    struct block *last = NULL;
    MDL *tail = NULL;
    ULONG prev = 0;
    *blocks = NULL;
    *head = NULL;
    *count = 0;
    for (unsigned i = 0; i <= ncut; i++) {
        ULONG end = i < ncut ? cut[i] : total;
        ULONG len = end - prev;
        struct block *b;
        if (len == 0 && no_zero) {
            continue;
        }
        b = block_new(len);
        if (b == NULL) {
            return NDIS_STATUS_RESOURCES;
        }
        if (last == NULL) {
            *blocks = b;
        } else {
            last->next = b;
        }
        last = b;
        if (len != 0 && !reader_copy(&rd, (PUCHAR)block_mdl(b)->MappedSystemVa, len)) {
            return NDIS_STATUS_RESOURCES;
        }
        if (tail == NULL) {
            *head = block_mdl(b);
        } else {
            tail->Next = block_mdl(b);
        }
        tail = block_mdl(b);
        (*count)++;
        prev = end;
    }
    return NDIS_STATUS_SUCCESS;
}

/* CurrentMdl for DataOffset by the NDIS rule, or (sometimes) the MDL that
 * ends exactly at the data start, at its end. */
static void
place_current(NET_BUFFER *nb, struct rng *r, int denormalise)
{
    PMDL m = nb->MdlChain;
    PMDL ends_at_start = NULL;
    ULONG pos = nb->DataOffset;
    while (m != NULL && pos >= m->ByteCount) {
        pos -= m->ByteCount;
        if (pos == 0 && m->ByteCount != 0) {
            ends_at_start = m;
        }
        m = m->Next;
    }
    nb->CurrentMdl = m;
    nb->CurrentMdlOffset = pos;
    if (denormalise && pos == 0 && ends_at_start != NULL && rng_upto(r, 1) == 0) {
        nb->CurrentMdl = ends_at_start;
        nb->CurrentMdlOffset = ends_at_start->ByteCount;
    }
}

NDIS_STATUS
undis_nb_reshape(NET_BUFFER *nb,
                 unsigned long long seed,
                 const undis_reshape_opts *opts,
                 undis_reshape_saved *saved)
{
    static const undis_reshape_opts defaults = { 0, 0, 0 };
    const undis_reshape_opts *o = opts != NULL ? opts : &defaults;
    unsigned max_mdls = o->max_mdls == 0 ? DEFAULT_MAX_MDLS : o->max_mdls;
    ULONG max_slack = o->max_slack == 0 ? DEFAULT_MAX_SLACK : o->max_slack;
    ULONG cut[MAX_CUTS];
    struct rng r;
    ULONG64 have;
    ULONG d = nb->DataOffset;
    ULONG len = nb->DataLength;
    ULONG slack;
    ULONG total;
    unsigned ncut;
    struct block *blocks;
    MDL *head;
    unsigned count;
    NDIS_STATUS status;

    memset(saved, 0, sizeof(*saved));
    max_mdls = max_mdls > LIMIT_MAX_MDLS ? LIMIT_MAX_MDLS : max_mdls;
    if (undis_nb_check(nb, NULL, 0) != UNDIS_CHECK_OK || (ULONG64)d + len > 0xFFFFFFFFu) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    r.s = (uint64_t)seed ^ ((uint64_t)d << 32 | len) * 0xD6E8FEB86659FD93u;
    have = chain_bytes(nb->MdlChain) - d - len;
    slack = rng_upto(&r, max_slack);
    slack = (ULONG64)slack > have ? (ULONG)have : slack;
    if ((ULONG64)d + len + slack > 0xFFFFFFFFu) {
        slack = 0;
    }
    total = d + len + slack;
    ncut = make_cuts(&r, cut, d, len, total, max_mdls);
    status = build_chain(nb, cut, ncut, total, (o->flags & UNDIS_RESHAPE_NO_ZERO_LENGTH) != 0,
                         &blocks, &head, &count);
    if (status != NDIS_STATUS_SUCCESS) {
        blocks_free(blocks);
        return status;
    }
    saved->mdl_chain = nb->MdlChain;
    saved->current_mdl = nb->CurrentMdl;
    saved->current_mdl_offset = nb->CurrentMdlOffset;
    saved->data_offset = d;
    saved->data_length = len;
    saved->mdl_count = count;
    saved->blocks = blocks;
    nb->MdlChain = head;
    place_current(nb, &r, (o->flags & UNDIS_RESHAPE_NO_DENORMALISE) == 0);
    UNDIS_ASSERT(undis_nb_check(nb, NULL, 0) == UNDIS_CHECK_OK);
    return NDIS_STATUS_SUCCESS;
}

void
undis_nb_reshape_restore(NET_BUFFER *nb, undis_reshape_saved *saved)
{
    nb->MdlChain = saved->mdl_chain;
    nb->CurrentMdl = saved->current_mdl;
    nb->CurrentMdlOffset = saved->current_mdl_offset;
    nb->DataOffset = saved->data_offset;
    nb->DataLength = saved->data_length;
    undis_reshape_free(saved);
}

void
undis_reshape_free(undis_reshape_saved *saved)
{
    struct block *b = (struct block *)saved->blocks;
    UNDIS_ASSERT(b == NULL || b->magic == RESHAPE_MAGIC);
    blocks_free(b);
    memset(saved, 0, sizeof(*saved));
}

int
undis_reshape_owns(const undis_reshape_saved *saved, const MDL *mdl)
{
    for (struct block *b = (struct block *)saved->blocks; b != NULL; b = b->next) {
        if (block_mdl(b) == mdl) {
            return 1;
        }
    }
    return 0;
}
