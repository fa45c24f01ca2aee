/* SPDX-License-Identifier: MIT */
/*
 * nb.c: retreat and advance on a NET_BUFFER and a NET_BUFFER_LIST, and
 * NdisAdjustNetBufferCurrentMdl (spec sections 4 and 5).
 *
 * A NET_BUFFER's bytes, in chain-offset terms:
 *
 *   MdlChain: [ A ........ ][ B ................... ][ C ... ]
 *             |<- DataOffset ->|<------ DataLength ------>|
 *             unused space      used space (the packet)
 *                            ^ CurrentMdl = B, CurrentMdlOffset = DataOffset - |A|
 *
 * Retreat moves the start of the used space left (prepend a header), taking
 * from the unused space or, when that is too small, from a new MDL linked at
 * the head. Advance moves it right; with FreeMdl it also drops head MDLs
 * that end up wholly unused.
 *
 * These follow Windows' ndis.sys, including what it does not check: a
 * retreat or advance whose arithmetic wraps wraps here too. The verifier
 * reports such calls before they run.
 *
 * The common cases of NdisRetreatNetBufferDataStart and
 * NdisAdvanceNetBufferDataStart run inline in the caller (<ndis/nbinline.h>);
 * the exported functions at the end of this file do the rest: allocating
 * and freeing MDLs, walking across MDLs, the verifier's reports and level 2.
 * The gate (base/gate.c) tells the inline paths when they must not run.
 */
#include "base/check_after.h"
#include "base/verify.h"
#include "datapath/datapath.h"

/* Debug level 2: the NBL call that runs the NB calls, on this thread, so
 * that the structure check after each NB call names the call the driver
 * made. */
#if UNDIS_DEBUG >= 2
static UNDIS_THREAD_LOCAL const char *t_nbl_call;
#    define NB_CALL(name)        (t_nbl_call != NULL ? t_nbl_call : (name))
#    define NBL_CALL_BEGIN(name) (t_nbl_call = (name))
#    define NBL_CALL_END()       (t_nbl_call = NULL)
#else
#    define NBL_CALL_BEGIN(name) ((void)0)
#    define NBL_CALL_END()       ((void)0)
#endif

/* ---- NdisAdjustNetBufferCurrentMdl and the NBL-level calls ---------------- */

VOID
NdisAdjustNetBufferCurrentMdl(NET_BUFFER *NetBuffer)
{
    if (undis__verify_on() &&
        !undis__verify_irql("NdisAdjustNetBufferCurrentMdl", (const void *)(uintptr_t)NetBuffer)) {
        return;
    }
    undis__nb_locate(NetBuffer);
    UNDIS_CHECK_AFTER_NB("NdisAdjustNetBufferCurrentMdl", NetBuffer);
}

/* Every NB is checked before any is changed; the pair is learnt. */
static int
verify_nbl_retreat(const NET_BUFFER_LIST *nbl,
                   ULONG delta,
                   ULONG backfill,
                   NET_BUFFER_ALLOCATE_MDL *alloc_mdl,
                   NET_BUFFER_FREE_MDL *free_mdl)
{
    for (const NET_BUFFER *nb = nbl->FirstNetBuffer; nb != NULL; nb = nb->Next) {
        if (!undis__verify_retreat(nb, delta, backfill, nbl, "NdisRetreatNetBufferListDataStart")) {
            return 0;
        }
    }
    if (undis__verify_level(2)) {
        undis__ledger_learn_pair(alloc_mdl, free_mdl);
    }
    return 1;
}

NDIS_STATUS
NdisRetreatNetBufferListDataStart(NET_BUFFER_LIST *NetBufferList,
                                  ULONG DataOffsetDelta,
                                  ULONG DataBackFill,
                                  NET_BUFFER_ALLOCATE_MDL *AllocateMdlHandler,
                                  NET_BUFFER_FREE_MDL *FreeMdlHandler)
{
    NET_BUFFER *nb;
    if (undis__verify_on() &&
        !undis__verify_nbl_live("NdisRetreatNetBufferListDataStart", NetBufferList)) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if ((AllocateMdlHandler == NULL) != (FreeMdlHandler == NULL)) {
        if (undis__verify_on()) {
            undis__report(UNDIS_RULE_NBL_RETREAT_ONE_NULL_HANDLER,
                          "NdisRetreatNetBufferListDataStart", NetBufferList, NULL, NetBufferList,
                          "AllocateMdlHandler %p and FreeMdlHandler %p: one is NULL",
                          (void *)(uintptr_t)AllocateMdlHandler, (void *)(uintptr_t)FreeMdlHandler);
        }
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (undis__verify_on() && !verify_nbl_retreat(NetBufferList, DataOffsetDelta, DataBackFill,
                                                  AllocateMdlHandler, FreeMdlHandler)) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    NBL_CALL_BEGIN("NdisRetreatNetBufferListDataStart");
    for (nb = NetBufferList->FirstNetBuffer; nb != NULL; nb = nb->Next) {
        NDIS_STATUS status =
            NdisRetreatNetBufferDataStart(nb, DataOffsetDelta, DataBackFill, AllocateMdlHandler);
        if (status != NDIS_STATUS_SUCCESS) {
            /* Roll back the NET_BUFFERs already retreated, as Windows does. */
            NET_BUFFER *done;
            for (done = NetBufferList->FirstNetBuffer; done != nb; done = done->Next) {
                NdisAdvanceNetBufferDataStart(done, DataOffsetDelta, TRUE, FreeMdlHandler);
            }
            NBL_CALL_END();
            return status;
        }
    }
    NBL_CALL_END();
    UNDIS_CHECK_AFTER_NBL("NdisRetreatNetBufferListDataStart", NetBufferList);
    return NDIS_STATUS_SUCCESS;
}

VOID
NdisAdvanceNetBufferListDataStart(NET_BUFFER_LIST *NetBufferList,
                                  ULONG DataOffsetDelta,
                                  BOOLEAN FreeMdl,
                                  NET_BUFFER_FREE_MDL *FreeMdlMdlHandler)
{
    NET_BUFFER *nb;
    if (undis__verify_on()) {
        if (!undis__verify_nbl_live("NdisAdvanceNetBufferListDataStart", NetBufferList)) {
            return;
        }
        /* Every NB is checked before any is changed. */
        for (nb = NetBufferList->FirstNetBuffer; nb != NULL; nb = nb->Next) {
            if (!undis__verify_advance(nb, DataOffsetDelta, FreeMdl, FreeMdlMdlHandler,
                                       NetBufferList, "NdisAdvanceNetBufferListDataStart")) {
                return;
            }
        }
    }
    NBL_CALL_BEGIN("NdisAdvanceNetBufferListDataStart");
    for (nb = NetBufferList->FirstNetBuffer; nb != NULL; nb = nb->Next) {
        NdisAdvanceNetBufferDataStart(nb, DataOffsetDelta, FreeMdl, FreeMdlMdlHandler);
    }
    NBL_CALL_END();
    UNDIS_CHECK_AFTER_NBL("NdisAdvanceNetBufferListDataStart", NetBufferList);
}

/* ---- the exported NdisRetreat/AdvanceNetBufferDataStart ------------------- */

/* From here on the names are the exported functions, not the inline ones. */
#undef NdisRetreatNetBufferDataStart
#undef NdisAdvanceNetBufferDataStart

/* A retreat that does not fit in the unused space: a new MDL at the head. */
static NDIS_STATUS
retreat_alloc(NET_BUFFER *nb, ULONG delta, ULONG backfill, NET_BUFFER_ALLOCATE_MDL *alloc_mdl)
{
    ULONG shortfall = delta - nb->DataOffset;
    ULONG size = backfill + shortfall;
    const ULONG asked = size;
    PMDL mdl = alloc_mdl != NULL ? alloc_mdl(&size) : undis__default_allocate_mdl(&size);
    if (mdl == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    if (undis__verify_on()) {
        if (!undis__verify_retreat_mdl(nb, mdl, asked, size, alloc_mdl)) {
            return NDIS_STATUS_FAILURE;
        }
        if (undis__verify_level(2)) {
            undis__ledger_add(mdl, alloc_mdl, nb);
        }
    }
    /* The new MDL's last `shortfall` bytes become data, ahead of the old
     * unused space (which becomes data too); what comes before is backfill. */
    mdl->Next = nb->MdlChain;
    nb->MdlChain = mdl;
    nb->DataOffset = size - shortfall;
    nb->DataLength += delta;
    nb->CurrentMdl = mdl;
    nb->CurrentMdlOffset = nb->DataOffset;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
NdisRetreatNetBufferDataStart(NET_BUFFER *NetBuffer,
                              ULONG DataOffsetDelta,
                              ULONG DataBackFill,
                              NET_BUFFER_ALLOCATE_MDL *AllocateMdlHandler)
{
    NET_BUFFER *nb = NetBuffer;
    if (undis__verify_on() && !undis__verify_retreat(nb, DataOffsetDelta, DataBackFill, NULL,
                                                     "NdisRetreatNetBufferDataStart")) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (nb->DataOffset >= DataOffsetDelta) {
        nb->DataOffset -= DataOffsetDelta;
        nb->DataLength += DataOffsetDelta;
        undis__nb_locate(nb);
        UNDIS_CHECK_AFTER_NB(NB_CALL("NdisRetreatNetBufferDataStart"), nb);
        return NDIS_STATUS_SUCCESS;
    }
#if UNDIS_DEBUG >= 2
    {
        NDIS_STATUS status = retreat_alloc(nb, DataOffsetDelta, DataBackFill, AllocateMdlHandler);
        if (status == NDIS_STATUS_SUCCESS) {
            UNDIS_CHECK_AFTER_NB(NB_CALL("NdisRetreatNetBufferDataStart"), nb);
        }
        return status;
    }
#else
    return retreat_alloc(nb, DataOffsetDelta, DataBackFill, AllocateMdlHandler);
#endif
}

/* FreeMdl TRUE: drop every head MDL wholly inside the unused space, except
 * an MDL embedded right after the NET_BUFFER (pool data), head first. */
static void
advance_free_mdls(NET_BUFFER *nb, NET_BUFFER_FREE_MDL *free_mdl)
{
    const PMDL embedded = (PMDL)(void *)(nb + 1);
    PMDL mdl;
    if (free_mdl == NULL) {
        free_mdl = undis__default_free_mdl;
    }
    while ((mdl = nb->MdlChain) != NULL) {
        if (mdl->ByteCount > nb->DataOffset || mdl == embedded) {
            break;
        }
        nb->MdlChain = mdl->Next;
        nb->DataOffset -= mdl->ByteCount;
        /* Level 2 keeps the inline gate shut: test the gate (one compare with
         * memory) before reading the level. */
        if (UNDIS_UNLIKELY(undis__nb_inline_limit == 0) && undis__verify_level(2)) {
            undis__ledger_remove(mdl);
        }
        free_mdl(mdl);
    }
    nb->CurrentMdl = nb->MdlChain;
    nb->CurrentMdlOffset = nb->DataOffset;
}

VOID
NdisAdvanceNetBufferDataStart(NET_BUFFER *NetBuffer,
                              ULONG DataOffsetDelta,
                              BOOLEAN FreeMdl,
                              NET_BUFFER_FREE_MDL *FreeMdlHandler)
{
    NET_BUFFER *nb = NetBuffer;
    PMDL mdl;
    ULONG pos;
    if (undis__verify_on() && !undis__verify_advance(nb, DataOffsetDelta, FreeMdl, FreeMdlHandler,
                                                     NULL, "NdisAdvanceNetBufferDataStart")) {
        return;
    }
    nb->DataOffset += DataOffsetDelta;
    nb->DataLength -= DataOffsetDelta;
    if (FreeMdl) {
        advance_free_mdls(nb, FreeMdlHandler);
        UNDIS_CHECK_AFTER_NB(NB_CALL("NdisAdvanceNetBufferDataStart"), nb);
        return;
    }
    /* Walk on from the current position; the chain is left alone. */
    mdl = nb->CurrentMdl;
    pos = nb->CurrentMdlOffset + DataOffsetDelta;
    while (mdl != NULL && mdl->ByteCount <= pos) {
        pos -= mdl->ByteCount;
        mdl = mdl->Next;
    }
    nb->CurrentMdl = mdl;
    nb->CurrentMdlOffset = pos;
    UNDIS_CHECK_AFTER_NB(NB_CALL("NdisAdvanceNetBufferDataStart"), nb);
}
