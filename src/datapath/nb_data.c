/* SPDX-License-Identifier: MIT */
/*
 * nb_data.c: reading and copying a NET_BUFFER's bytes: NdisGetDataBuffer,
 * NdisCopyFromNetBufferToNetBuffer, NdisQueryNetBufferPhysicalCount
 * (spec 6.4 and 6.5). None of them allocates.
 */
#include "base/check_after.h"
#include "base/verify.h"
#include "datapath/datapath.h"

#include <string.h>

#define MAP_PRIORITY ((ULONG)LowPagePriority | MdlMappingNoExecute)

/* A position in an MDL chain: `off` bytes into `mdl`. */
struct chain_pos {
    PMDL mdl;
    ULONG off;
};

/* Step past MDLs the position does not lie in (offset >= ByteCount; so
 * zero-length MDLs are skipped too). */
static void
pos_normalize(struct chain_pos *p)
{
    while (p->mdl != NULL && p->off >= p->mdl->ByteCount) {
        p->off -= p->mdl->ByteCount;
        p->mdl = p->mdl->Next;
    }
}

/* Copy `len` bytes from the position into out; the position must be
 * normalised. Returns 0 when a mapping fails or the chain ends early. */
static int
copy_from_chain(struct chain_pos p, PUCHAR out, ULONG len)
{
    while (len > 0) {
        PUCHAR va;
        ULONG chunk;
        pos_normalize(&p);
        if (p.mdl == NULL) {
            return 0;
        }
        va = (PUCHAR)MmGetSystemAddressForMdlSafe(p.mdl, MAP_PRIORITY);
        if (va == NULL) {
            return 0;
        }
        chunk = p.mdl->ByteCount - p.off;
        if (chunk > len) {
            chunk = len;
        }
        memcpy(out, va + p.off, chunk);
        out += chunk;
        len -= chunk;
        p.off += chunk;
    }
    return 1;
}

static UNDIS_COLD PVOID
get_data_copy(NET_BUFFER *nb, ULONG len, PVOID storage)
{
    struct chain_pos p = { nb->CurrentMdl, nb->CurrentMdlOffset };
    if (storage == NULL) {
        return NULL;
    }
    pos_normalize(&p);
    return copy_from_chain(p, (PUCHAR)storage, len) ? storage : NULL;
}

/* The exported NdisGetDataBuffer; <ndis/nbinline.h> returns the direct
 * pointer inline in the common case and calls this for the rest. */
#undef NdisGetDataBuffer

PVOID
NdisGetDataBuffer(
    NET_BUFFER *NetBuffer, ULONG BytesNeeded, PVOID Storage, ULONG AlignMultiple, ULONG AlignOffset)
{
    NET_BUFFER *nb = NetBuffer;
    PMDL mdl;
    if (undis__verify_on() &&
        !undis__verify_get_data(nb, BytesNeeded, AlignMultiple, AlignOffset)) {
        return NULL;
    }
    mdl = nb->CurrentMdl; /* after the checks: a NULL nb is reported, not read */
    if (BytesNeeded == 0 || mdl == NULL || nb->DataLength < BytesNeeded) {
        return NULL;
    }
    /* Direct pointer: only inside CurrentMdl as stored, and only when the
     * address meets the alignment. */
    if ((ULONGLONG)nb->CurrentMdlOffset + BytesNeeded <= mdl->ByteCount) {
        PUCHAR va = (PUCHAR)MmGetSystemAddressForMdlSafe(mdl, MAP_PRIORITY);
        if (va != NULL) {
            PUCHAR p = va + nb->CurrentMdlOffset;
            if (((ULONG)(ULONG_PTR)p & (AlignMultiple - 1)) == AlignOffset) {
                return p;
            }
        }
    }
    return get_data_copy(nb, BytesNeeded, Storage);
}

/* Map the position's MDL; NULL if mapping fails. */
static PUCHAR
pos_map(const struct chain_pos *p)
{
    PUCHAR va = (PUCHAR)MmGetSystemAddressForMdlSafe(p->mdl, MAP_PRIORITY);
    return va != NULL ? va + p->off : NULL;
}

NDIS_STATUS
NdisCopyFromNetBufferToNetBuffer(NET_BUFFER *Destination,
                                 ULONG DestinationOffset,
                                 ULONG BytesToCopy,
                                 NET_BUFFER const *Source,
                                 ULONG SourceOffset,
                                 ULONG *BytesCopied)
{
    struct chain_pos dst = { Destination->CurrentMdl,
                             Destination->CurrentMdlOffset + DestinationOffset };
    struct chain_pos src = { Source->CurrentMdl, Source->CurrentMdlOffset + SourceOffset };
    ULONG copied = 0;
    if (undis__verify_on() && !undis__verify_irql("NdisCopyFromNetBufferToNetBuffer",
                                                  (const void *)(uintptr_t)Destination)) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    pos_normalize(&dst);
    pos_normalize(&src);
    while (copied < BytesToCopy && dst.mdl != NULL && src.mdl != NULL) {
        PUCHAR d = pos_map(&dst);
        PUCHAR s = pos_map(&src);
        ULONG chunk = BytesToCopy - copied;
        if (d == NULL || s == NULL) {
            return NDIS_STATUS_RESOURCES;
        }
        if (chunk > dst.mdl->ByteCount - dst.off) {
            chunk = dst.mdl->ByteCount - dst.off;
        }
        if (chunk > src.mdl->ByteCount - src.off) {
            chunk = src.mdl->ByteCount - src.off;
        }
        memmove(d, s, chunk);
        copied += chunk;
        dst.off += chunk;
        src.off += chunk;
        pos_normalize(&dst);
        pos_normalize(&src);
    }
    *BytesCopied = copied;
    UNDIS_CHECK_AFTER_NB("NdisCopyFromNetBufferToNetBuffer", Destination);
    return NDIS_STATUS_SUCCESS;
}

ULONG
NdisQueryNetBufferPhysicalCount(NET_BUFFER *NetBuffer)
{
    NET_BUFFER *nb = NetBuffer;
    ULONG left = nb->DataLength;
    ULONG count = 0;
    ULONG off;
    PMDL mdl;
    if (undis__verify_on() && !undis__verify_irql("NdisQueryNetBufferPhysicalCount",
                                                  (const void *)(uintptr_t)NetBuffer)) {
        return 0;
    }
    undis__nb_locate(nb); /* Windows rewrites CurrentMdl first */
    mdl = nb->CurrentMdl;
    off = nb->CurrentMdlOffset;
    for (; mdl != NULL && left > 0; mdl = mdl->Next, off = 0) {
        ULONG use = mdl->ByteCount - off;
        if (mdl->ByteCount == 0) {
            count += 1;
            continue;
        }
        if (use > left) {
            use = left;
        }
        /* Pages from the MDL's start to its last byte of data. */
        count += ADDRESS_AND_SIZE_TO_SPAN_PAGES(MmGetMdlVirtualAddress(mdl), off + use);
        left -= use;
    }
    return count;
}
