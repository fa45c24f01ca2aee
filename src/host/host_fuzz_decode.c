/* SPDX-License-Identifier: MIT */
/*
 * host_fuzz_decode.c: a fuzzer's bytes read as the batches of a scenario
 * (<undis/fuzz.h>, docs/fuzzing.md "The scenario format"). Every read past
 * the end gives 0, so a prefix is a shorter scenario.
 */
#include "host/host_fuzz.h"

#include <stdlib.h>
#include <string.h>

uint32_t
undis__fuzz_u8(struct fuzz_in *in)
{
    if (in->n == 0) {
        return 0;
    }
    in->n--;
    return *in->p++;
}

uint32_t
undis__fuzz_u16(struct fuzz_in *in)
{
    uint32_t hi = undis__fuzz_u8(in);
    return (hi << 8) | undis__fuzz_u8(in);
}

enum fuzz_op
undis__fuzz_op_of(uint32_t byte)
{
    static const enum fuzz_op ops[16] = {
        FUZZ_OP_RECEIVE,  FUZZ_OP_RECEIVE, FUZZ_OP_RECEIVE, FUZZ_OP_RECEIVE,
        FUZZ_OP_SEND,     FUZZ_OP_SEND,    FUZZ_OP_SEND,    FUZZ_OP_SEND,
        FUZZ_OP_PAUSE,    FUZZ_OP_OID,     FUZZ_OP_OID,     FUZZ_OP_LINK,
        FUZZ_OP_REATTACH, FUZZ_OP_FAIL,    FUZZ_OP_RECEIVE, FUZZ_OP_SEND,
    };
    return ops[byte & 15u];
}

/* A frame length: runts, ordinary, the edges, jumbo and LSO sizes. */
static ULONG
read_length(struct fuzz_in *in)
{
    uint32_t sel = undis__fuzz_u8(in);
    switch (sel & 7u) {
    case 0:
        return 1u + undis__fuzz_u8(in) % 13u; /* a runt: 1-13, shorter than an Ethernet header */
    case 1:
        return 14u + undis__fuzz_u8(in) % 51u; /* 14-64 */
    case 2:
    case 3:
        return 14u + undis__fuzz_u16(in) % 1501u; /* 14-1514 */
    case 4:
        return (sel & 8u) != 0 ? 1514u : 60u; /* the edges of a frame */
    case 5:
        return 1515u + undis__fuzz_u16(in) % (9018u - 1514u); /* jumbo */
    case 6:
        return 9019u + undis__fuzz_u16(in) % (FUZZ_MAX_LENGTH - 9018u); /* LSO */
    default:
        return 14u + undis__fuzz_u8(in) % 115u; /* 14-128: all from the input */
    }
}

/* MDL geometry: the count, the split points and the backfill in front. */
static void
read_geometry(struct fuzz_in *in, undis_host_frame *f, ULONG *splits)
{
    static const ULONG offsets[4] = { 0, 4, 14, 64 };
    uint32_t g = undis__fuzz_u8(in);
    ULONG count = (g & 7u) + 1u;
    f->data_offset = offsets[(g >> 3) & 3u];
    f->mdl_count = count;
    f->mdl_bytes = splits;
    for (ULONG i = 0; i + 1 < count; i++) {
        uint32_t s = undis__fuzz_u8(in);
        splits[i] = (s & 0x80u) != 0 ? (s & 0x7fu) << 4 : s; /* 0-127, or 0-2032 by 16 */
    }
    if (count > 1 && splits[0] == 0) {
        splits[0] = 1; /* no miniport hands over a NET_BUFFER whose first MDL is empty */
    }
    if (count == 1) {
        f->mdl_bytes = NULL;
        f->mdl_count = 0;
    }
}

/* The bytes: the first ones from the input, the rest a fixed pattern. */
static void
read_bytes(struct fuzz_in *in, UCHAR *to, ULONG length)
{
    ULONG head = length < FUZZ_HEAD_BYTES ? length : FUZZ_HEAD_BYTES;
    for (ULONG i = 0; i < head; i++) {
        to[i] = (UCHAR)undis__fuzz_u8(in);
    }
    for (ULONG i = head; i < length; i++) {
        to[i] = (UCHAR)(i * 131u + 7u);
    }
}

/* The shape of the chain: NBLs, NET_BUFFERs in each, frame lengths. */
static ULONG
read_shape(struct fuzz_in *in, struct fuzz_batch *b, size_t *total)
{
    ULONG nbls = (undis__fuzz_u8(in) & 3u) + 1u;
    ULONG frames = 0;
    *total = 0;
    for (ULONG i = 0; i < nbls; i++) {
        b->nbs_per_nbl[i] = (undis__fuzz_u8(in) & 3u) + 1u;
        for (ULONG j = 0; j < b->nbs_per_nbl[i]; j++) {
            b->frames[frames].length = read_length(in);
            read_geometry(in, &b->frames[frames], b->splits[frames]);
            *total += b->frames[frames].length;
            frames++;
        }
    }
    b->batch.nbl_count = nbls;
    b->batch.frame_count = frames;
    return frames;
}

BOOLEAN
undis__fuzz_batch_read(struct fuzz_in *in, struct fuzz_batch *b, BOOLEAN receive)
{
    uint32_t flags = undis__fuzz_u8(in);
    size_t total;
    size_t at = 0;
    ULONG frames;
    memset(b, 0, sizeof(*b));
    b->batch.flags = UNDIS_HOST_BATCH_RESTORED;
    if (receive && (flags & 1u) != 0) {
        b->batch.flags |= UNDIS_HOST_BATCH_RESOURCES;
    }
    b->dispatch = (flags & 2u) != 0;
    frames = read_shape(in, b, &total);
    b->bytes = (UCHAR *)malloc(total != 0 ? total : 1);
    if (b->bytes == NULL) {
        return FALSE;
    }
    for (ULONG i = 0; i < frames; i++) {
        read_bytes(in, b->bytes + at, b->frames[i].length);
        b->frames[i].data = b->bytes + at;
        at += b->frames[i].length;
    }
    b->batch.frames = b->frames;
    b->batch.nbs_per_nbl = b->nbs_per_nbl;
    return TRUE;
}

void
undis__fuzz_batch_free(struct fuzz_batch *b)
{
    free(b->bytes);
    b->bytes = NULL;
}

void
undis__fuzz_batch_print(FILE *out, const struct fuzz_batch *b)
{
    ULONG k = 0;
    fprintf(out, "%lu NBL(s)%s%s:", (unsigned long)b->batch.nbl_count,
            (b->batch.flags & UNDIS_HOST_BATCH_RESOURCES) != 0 ? " RESOURCES" : "",
            b->dispatch ? " DISPATCH_LEVEL" : "");
    for (ULONG i = 0; i < b->batch.nbl_count; i++) {
        fprintf(out, " [");
        for (ULONG j = 0; j < b->nbs_per_nbl[i]; j++, k++) {
            const undis_host_frame *f = &b->frames[k];
            fprintf(out, "%s%lu B", j != 0 ? ", " : "", (unsigned long)f->length);
            if (f->mdl_count > 1 || f->data_offset != 0) {
                fprintf(out, " in %lu MDL(s)",
                        (unsigned long)(f->mdl_count > 1 ? f->mdl_count : 1));
                for (ULONG m = 0; m + 1 < f->mdl_count; m++) {
                    fprintf(out, "%s%lu", m == 0 ? " split " : "/", (unsigned long)f->mdl_bytes[m]);
                }
                if (f->data_offset != 0) {
                    fprintf(out, " offset %lu", (unsigned long)f->data_offset);
                }
            }
        }
        fprintf(out, "]");
    }
    fprintf(out, "\n");
}
