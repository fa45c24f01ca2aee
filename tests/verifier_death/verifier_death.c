/* SPDX-License-Identifier: MIT */
/*
 * verifier_death.c - the verifier's default report function: each mode
 * makes one classic driver mistake with the verifier on and no report
 * function set, so the default prints the report (rule, call, rationale,
 * object, the NET_BUFFER picture with the MDLs a retreat allocated marked)
 * to stderr and aborts. expect_report.cmake checks the abnormal exit and
 * the text.
 *
 * usage: verifier_death MODE
 *   advance-past-data        level 1: advance by more than DataLength
 *   free-driver-mdl          level 2: FreeMdl TRUE over the driver's own MDL
 *   filter-default-free      level 2: a filter retreats with its own
 *                            NetAllocateMdl and advances with a NULL
 *                            NetFreeMdl (the worked example of
 *                            docs/verifier.md)
 *   nb-freed-with-retreat    level 2: NdisFreeNetBuffer while a retreat's
 *                            MDL is still in the chain
 *   double-free              level 3: an NBL freed twice (with history)
 *   get-data-beyond          level 1: NdisGetDataBuffer past DataLength
 *   control                  level 2: the filter done right; must survive
 *
 * Prints "death: advancing" before the fatal call and "death: survived" if
 * it returns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ndis.h>
#include <undis/verifier.h>

static UCHAR g_frame[256];

/* The filter's own MDL allocator, as drivers write it. */
static PMDL
FilterAllocateMdl(PULONG BufferSize)
{
    PUCHAR buffer = (PUCHAR)malloc(*BufferSize);
    PMDL mdl;
    if (buffer == NULL) {
        return NULL;
    }
    mdl = NdisAllocateMdl(NULL, buffer, (UINT)*BufferSize);
    if (mdl == NULL) {
        free(buffer);
    }
    return mdl;
}

static VOID
FilterFreeMdl(PMDL Mdl)
{
    PVOID buffer = MmGetMdlVirtualAddress(Mdl);
    NdisFreeMdl(Mdl);
    free(buffer);
}

/* An NB over two MDLs of the frame: a 14-byte header and the payload. */
static void
two_mdl_nb(NET_BUFFER *nb)
{
    PMDL hdr = NdisAllocateMdl(NULL, g_frame, 14);
    PMDL payload = NdisAllocateMdl(NULL, g_frame + 14, 86);
    if (hdr == NULL || payload == NULL) {
        fprintf(stderr, "death: setup failed\n");
        exit(3);
    }
    memset(nb, 0, sizeof(*nb));
    hdr->Next = payload;
    nb->MdlChain = hdr;
    nb->DataLength = 100;
    NdisAdjustNetBufferCurrentMdl(nb);
}

static void
advancing(void)
{
    printf("death: advancing\n");
    fflush(stdout);
}

static NDIS_HANDLE
pool_of(int nbl)
{
    if (nbl) {
        NET_BUFFER_LIST_POOL_PARAMETERS p;
        memset(&p, 0, sizeof(p));
        p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
        p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
        p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
        p.fAllocateNetBuffer = TRUE;
        return NdisAllocateNetBufferListPool(NULL, &p);
    } else {
        NET_BUFFER_POOL_PARAMETERS p;
        memset(&p, 0, sizeof(p));
        p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
        p.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
        p.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
        return NdisAllocateNetBufferPool(NULL, &p);
    }
}

/*
 * The worked example: push an 8-byte header in front of the frame, send,
 * and pop it again when the send completes.
 */
#define SHIM_HEADER 8

static NDIS_STATUS
FilterPushShim(NET_BUFFER_LIST *Nbl)
{
    return NdisRetreatNetBufferListDataStart(Nbl, SHIM_HEADER, 0, FilterAllocateMdl, FilterFreeMdl);
}

static VOID
FilterPopShim(NET_BUFFER_LIST *Nbl, int right)
{
    /* The bug: FreeMdl TRUE with a NULL handler hands the filter's MDL to
     * NDIS's default NetFreeMdl. The fix passes FilterFreeMdl. */
    NdisAdvanceNetBufferListDataStart(Nbl, SHIM_HEADER, TRUE, right ? FilterFreeMdl : NULL);
}

static int
filter(int right)
{
    NDIS_HANDLE pool = pool_of(1);
    PMDL frame = NdisAllocateMdl(NULL, g_frame, 64);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, frame, 0, 64);
    if (nbl == NULL || FilterPushShim(nbl) != NDIS_STATUS_SUCCESS) {
        fprintf(stderr, "death: setup failed\n");
        return 3;
    }
    advancing();
    FilterPopShim(nbl, right);
    printf("death: survived\n");
    fflush(stdout);
    NdisFreeNetBufferList(nbl);
    NdisFreeMdl(frame);
    NdisFreeNetBufferListPool(pool);
    return right ? 0 : 4;
}

int
main(int argc, char **argv)
{
    NET_BUFFER nb;
    const char *mode = argc == 2 ? argv[1] : "";

    if (strcmp(mode, "advance-past-data") == 0) {
        undis_verifier_set_level(1);
        two_mdl_nb(&nb);
        advancing();
        NdisAdvanceNetBufferDataStart(&nb, 101, FALSE, NULL);
    } else if (strcmp(mode, "free-driver-mdl") == 0) {
        undis_verifier_set_level(2);
        two_mdl_nb(&nb);
        advancing();
        NdisAdvanceNetBufferDataStart(&nb, 14, TRUE, FilterFreeMdl);
    } else if (strcmp(mode, "filter-default-free") == 0) {
        undis_verifier_set_level(2);
        return filter(0);
    } else if (strcmp(mode, "control") == 0) {
        undis_verifier_set_level(2);
        return filter(1);
    } else if (strcmp(mode, "nb-freed-with-retreat") == 0) {
        NET_BUFFER *pnb;
        undis_verifier_set_level(2);
        pnb = NdisAllocateNetBuffer(pool_of(0), NdisAllocateMdl(NULL, g_frame, 64), 0, 64);
        if (pnb == NULL || NdisRetreatNetBufferDataStart(pnb, 14, 0, NULL) != NDIS_STATUS_SUCCESS) {
            fprintf(stderr, "death: setup failed\n");
            return 3;
        }
        advancing();
        NdisFreeNetBuffer(pnb);
    } else if (strcmp(mode, "double-free") == 0) {
        NET_BUFFER_LIST *nbl;
        undis_verifier_set_level(3);
        nbl = NdisAllocateNetBufferList(pool_of(1), 0, 0);
        NdisFreeNetBufferList(nbl);
        advancing();
        NdisFreeNetBufferList(nbl);
    } else if (strcmp(mode, "get-data-beyond") == 0) {
        UCHAR storage[128];
        undis_verifier_set_level(1);
        two_mdl_nb(&nb);
        advancing();
        (void)NdisGetDataBuffer(&nb, 101, storage, 1, 0);
    } else {
        fprintf(stderr, "usage: %s MODE (see the source)\n", argv[0]);
        return 2;
    }
    printf("death: survived\n");
    fflush(stdout);
    return 0;
}
