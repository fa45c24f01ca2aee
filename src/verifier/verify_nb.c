/* SPDX-License-Identifier: MIT */
/*
 * verify_nb.c: the verifier's checks of retreat, advance and
 * NdisGetDataBuffer (rules in <undis/verifier.h>), run before the call
 * changes anything.
 */
#include "base/verify.h"

int
undis__verify_retreat_slow(
    const NET_BUFFER *nb, ULONG delta, ULONG backfill, const NET_BUFFER_LIST *nbl, const char *call)
{
    if (!undis__verify_nb(call, nb, nbl)) {
        return 0;
    }
    if (undis__verify_level(3)) {
        undis__history_note(nb, call);
    }
    if ((ULONGLONG)nb->DataLength + delta > MAXULONG) {
        undis__report(UNDIS_RULE_RETREAT_WRAP, call, nb, nb, nbl,
                      "DataLength %u + DataOffsetDelta %u passes 32 bits", nb->DataLength, delta);
        return 0;
    }
    if (nb->DataOffset < delta && (ULONGLONG)backfill + (delta - nb->DataOffset) > MAXULONG) {
        undis__report(UNDIS_RULE_RETREAT_SIZE_WRAP, call, nb, nb, nbl,
                      "DataBackFill %u + shortfall %u passes 32 bits", backfill,
                      delta - nb->DataOffset);
        return 0;
    }
    return 1;
}

int
undis__verify_retreat_mdl(
    const NET_BUFFER *nb, const MDL *mdl, ULONG asked, ULONG got, NET_BUFFER_ALLOCATE_MDL *alloc)
{
    static const char call[] = "NdisRetreatNetBufferDataStart";
    if (got < asked) {
        undis__report(UNDIS_RULE_HANDLER_SIZE_TOO_SMALL, call, mdl, nb, NULL,
                      "NetAllocateMdl %p was asked for %u bytes and set *BufferSize to %u",
                      (void *)(uintptr_t)alloc, asked, got);
        return 0;
    }
    if (mdl->ByteCount != got) {
        undis__report(UNDIS_RULE_HANDLER_BYTECOUNT_MISMATCH, call, mdl, nb, NULL,
                      "NetAllocateMdl %p returned MDL %p with ByteCount %u but *BufferSize %u "
                      "(the MDL is not freed: the matching NetFreeMdl is unknown here)",
                      (void *)(uintptr_t)alloc, (const void *)mdl, mdl->ByteCount, got);
        return 0;
    }
    return 1;
}

/* Level 2: every MDL an advance with FreeMdl would free must be one a
 * retreat allocated, and free_fn must pair with its allocator. */
static int
verify_mdls_to_free(const NET_BUFFER *nb,
                    ULONG delta,
                    NET_BUFFER_FREE_MDL *free_fn,
                    const NET_BUFFER_LIST *nbl,
                    const char *call)
{
    const MDL *embedded = (const MDL *)(const void *)(nb + 1);
    ULONG offset = nb->DataOffset + delta;
    for (const MDL *m = nb->MdlChain; m != NULL && m->ByteCount <= offset && m != embedded;
         m = m->Next) {
        NET_BUFFER_ALLOCATE_MDL *alloc = NULL;
        if (!undis__ledger_find(m, &alloc)) {
            undis__report(UNDIS_RULE_FREE_MDL_NOT_RETREAT_ALLOCATED, call, m, nb, nbl,
                          "MDL %p (%u bytes) lies wholly in the unused space and would be freed, "
                          "but no retreat allocated it",
                          (const void *)m, m->ByteCount);
            return 0;
        }
        if (!undis__ledger_pair_ok(alloc, free_fn)) {
            undis__report(UNDIS_RULE_FREE_MDL_WRONG_HANDLER, call, m, nb, nbl,
                          "MDL %p came from %s %p but would be freed by %s %p", (const void *)m,
                          alloc == NULL ? "the default NetAllocateMdl" : "NetAllocateMdl",
                          (void *)(uintptr_t)alloc,
                          free_fn == NULL ? "the default NetFreeMdl" : "NetFreeMdl",
                          (void *)(uintptr_t)free_fn);
            return 0;
        }
        offset -= m->ByteCount;
    }
    return 1;
}

int
undis__verify_advance_slow(const NET_BUFFER *nb,
                           ULONG delta,
                           BOOLEAN free_mdl,
                           NET_BUFFER_FREE_MDL *free_fn,
                           const NET_BUFFER_LIST *nbl,
                           const char *call)
{
    if (!undis__verify_nb(call, nb, nbl)) {
        return 0;
    }
    if (undis__verify_level(3)) {
        undis__history_note(nb, call);
    }
    if (delta > nb->DataLength) {
        undis__report(UNDIS_RULE_ADVANCE_PAST_DATA, call, nb, nb, nbl,
                      "DataOffsetDelta %u is more than DataLength %u", delta, nb->DataLength);
        return 0;
    }
    if ((ULONGLONG)nb->DataOffset + delta > MAXULONG) {
        undis__report(UNDIS_RULE_ADVANCE_WRAP, call, nb, nb, nbl,
                      "DataOffset %u + DataOffsetDelta %u passes 32 bits", nb->DataOffset, delta);
        return 0;
    }
    if (free_mdl && undis__verify_level(2)) {
        return verify_mdls_to_free(nb, delta, free_fn, nbl, call);
    }
    return 1;
}

int
undis__verify_get_data(const NET_BUFFER *nb, ULONG needed, ULONG align_multiple, ULONG align_offset)
{
    static const char call[] = "NdisGetDataBuffer";
    if (!undis__verify_nb(call, nb, NULL)) {
        return 0;
    }
    if (needed > nb->DataLength) {
        undis__report(UNDIS_RULE_GET_DATA_BEYOND_LENGTH, call, nb, nb, NULL,
                      "BytesNeeded %u is more than DataLength %u", needed, nb->DataLength);
        return 0;
    }
    if (align_multiple == 0 || (align_multiple & (align_multiple - 1)) != 0 ||
        align_offset >= align_multiple) {
        undis__report(UNDIS_RULE_GET_DATA_BAD_ALIGNMENT, call, nb, nb, NULL,
                      "AlignMultiple %u must be a power of two and AlignOffset %u below it",
                      align_multiple, align_offset);
        return 0;
    }
    return 1;
}
