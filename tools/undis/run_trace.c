/* SPDX-License-Identifier: MIT */
/*
 * run_trace.c: the --trace pictures of `undis run`: each NET_BUFFER of the
 * first N packets as indicated, after every stage and back at undis, with
 * labels for the MDLs undis knows and the first bytes of the data in hex.
 */
#include "run.h"

#include <string.h>

#include <undis/dump.h>

#include "verifier.h"

/* The packet record of a tool NBL, or of a clone's original. */
struct packet *
run_packet_of(PNET_BUFFER_LIST nbl)
{
    while (nbl->ParentNetBufferList != NULL) {
        nbl = nbl->ParentNetBufferList;
    }
    return (struct packet *)nbl->ProtocolReserved[0];
}

struct mark_ctx {
    struct packet *pkt;
};

static int
mark_mdl(void *ctx, const NET_BUFFER *nb, const MDL *mdl, char *tag, size_t tag_len)
{
    struct mark_ctx *m = (struct mark_ctx *)ctx;
    if (tool_verifier_mark(nb, mdl, tag, tag_len)) {
        return 1;
    }
    if (m->pkt != NULL && m->pkt->reshaped && undis_reshape_owns(&m->pkt->shape, mdl)) {
        snprintf(tag, tag_len, "reshaped");
        return 1;
    }
    if (mdl == (const MDL *)(nb + 1)) {
        snprintf(tag, tag_len, "receive buffer");
        return 1;
    }
    return 0;
}

/* The first bytes of a NET_BUFFER's data, in hex, under its picture. */
static void
trace_bytes(PNET_BUFFER nb)
{
    UCHAR storage[32];
    ULONG n = nb != NULL ? NET_BUFFER_DATA_LENGTH(nb) : 0;
    ULONG show = n < sizeof(storage) ? n : (ULONG)sizeof(storage);
    const UCHAR *p = show != 0 ? (const UCHAR *)NdisGetDataBuffer(nb, show, storage, 1, 0) : NULL;
    if (p == NULL) {
        return;
    }
    printf("    bytes:");
    for (ULONG i = 0; i < show; i++) {
        printf("%s%02x", i == 16 ? "\n           " : " ", p[i]);
    }
    printf("%s (first %lu of %lu)\n", show == 16 ? "" : "", (unsigned long)show, (unsigned long)n);
}

void
run_trace(struct run *r, PNET_BUFFER_LIST nbls, const char *where)
{
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = nbl->Next) {
        struct packet *pkt = run_packet_of(nbl);
        struct mark_ctx m = { pkt };
        undis_dump_opts o = { 0, 0, "    ", mark_mdl, &m };
        if (pkt == NULL || pkt->number > r->o.trace) {
            continue;
        }
        if (r->o.json) {
            continue;
        }
        printf("packet %llu%s %s:\n", (unsigned long long)pkt->number,
               nbl->ParentNetBufferList != NULL ? " (clone)" : "", where);
        (void)undis_nbl_dump_file(nbl, &o, stdout);
        trace_bytes(nbl->FirstNetBuffer);
    }
}
