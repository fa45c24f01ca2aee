/*
 * default_free_foreign_mdl.c - a death test: the default NetFreeMdl (an
 * advance with FreeMdl TRUE and a NULL handler) given an MDL that a driver's
 * own NetAllocateMdl made must stop the process with
 * "undis: DEFAULT_FREE_FOREIGN_MDL" on stderr instead of freeing it.
 *
 * usage: default_free_foreign_mdl MODE
 *   separate    the driver's MDL and its buffer are two allocations
 *   same-block  the driver's MDL is followed by its buffer in one block (the
 *               layout NDIS's own default uses, and many drivers copy)
 *   double-free the MDL is the default's own, freed once by an advance and
 *               then handed to the default free again: it must stop with
 *               "undis: DEFAULT_FREE_NOT_LIVE" instead
 *   matching    control: the advance passes the matching free handler, so
 *               the program must survive (the harness must reject this)
 *
 * Prints "death: advancing" before the advance and "death: survived" if it
 * returns; expect_abort.cmake checks the exit, the message and the markers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ndis.h>
#include <undis/check.h>

/* One block: MDL header with room for the PFNs, then the buffer. */
#define SAME_BLOCK_HEADER 64

static int g_same_block;

static PMDL
driver_allocate_mdl(PULONG BufferSize)
{
    ULONG size = *BufferSize;
    PUCHAR buffer;
    PMDL mdl;

    if (g_same_block) {
        PUCHAR block = (PUCHAR)malloc(SAME_BLOCK_HEADER + (size_t)size);
        if (block == NULL) {
            return NULL;
        }
        mdl = (PMDL)(void *)block;
        buffer = block + SAME_BLOCK_HEADER;
        if (MmSizeOfMdl(buffer, size) > SAME_BLOCK_HEADER) {
            free(block);
            return NULL;
        }
    } else {
        buffer = (PUCHAR)malloc(size);
        mdl = (PMDL)malloc(MmSizeOfMdl(buffer, size));
        if (buffer == NULL || mdl == NULL) {
            free(buffer);
            free(mdl);
            return NULL;
        }
    }
    memset(buffer, 0, size);
    MmInitializeMdl(mdl, buffer, size);
    MmBuildMdlForNonPagedPool(mdl);
    return mdl;
}

static VOID
driver_free_mdl(PMDL Mdl)
{
    if (!g_same_block) {
        free(MmGetMdlVirtualAddress(Mdl));
    }
    free(Mdl);
}

static int
usage(const char *argv0)
{
    fprintf(stderr, "usage: %s separate|same-block|double-free|matching\n", argv0);
    return 2;
}

/* Retreat an empty NB with the default allocator, give the MDL back with
 * the default free, then make the default free see it a second time. */
static int
double_free(void)
{
    NET_BUFFER nb;
    PMDL mdl;

    memset(&nb, 0, sizeof(nb));
    if (NdisRetreatNetBufferDataStart(&nb, 100, 0, NULL) != NDIS_STATUS_SUCCESS ||
        undis_nb_check(&nb, NULL, 0) != UNDIS_CHECK_OK) {
        fprintf(stderr, "death: setup failed\n");
        return 3;
    }
    mdl = nb.MdlChain;
    NdisAdvanceNetBufferDataStart(&nb, 100, TRUE, NULL);
    if (nb.MdlChain != NULL) {
        fprintf(stderr, "death: the first free did not happen\n");
        return 3;
    }
    /* The freed MDL is linked back in front of the data, as a driver that
     * kept a stale pointer would do. */
    nb.MdlChain = mdl;
    nb.CurrentMdl = mdl;
    nb.DataOffset = 0xFFFFFFFFu;
    nb.CurrentMdlOffset = 0xFFFFFFFFu;
    printf("death: advancing\n");
    fflush(stdout);
    NdisAdvanceNetBufferDataStart(&nb, 0, TRUE, NULL);
    printf("death: survived\n");
    fflush(stdout);
    return 0;
}

int
main(int argc, char **argv)
{
    NET_BUFFER nb;
    int matching = 0;
    char why[256];

    if (argc != 2) {
        return usage(argv[0]);
    }
    if (strcmp(argv[1], "double-free") == 0) {
        return double_free();
    }
    if (strcmp(argv[1], "same-block") == 0) {
        g_same_block = 1;
    } else if (strcmp(argv[1], "matching") == 0) {
        matching = 1;
    } else if (strcmp(argv[1], "separate") != 0) {
        return usage(argv[0]);
    }

    /* An empty NB retreated with the driver's handler: one driver MDL. */
    memset(&nb, 0, sizeof(nb));
    if (NdisRetreatNetBufferDataStart(&nb, 100, 28, driver_allocate_mdl) != NDIS_STATUS_SUCCESS ||
        nb.MdlChain == NULL || nb.DataOffset != 28 || nb.DataLength != 100 ||
        undis_nb_check(&nb, why, sizeof(why)) != UNDIS_CHECK_OK) {
        fprintf(stderr, "death: setup failed\n");
        return 3;
    }

    printf("death: advancing\n");
    fflush(stdout);
    /* The mistake: the default free for an MDL the default did not make. */
    NdisAdvanceNetBufferDataStart(&nb, 100, TRUE, matching ? driver_free_mdl : NULL);
    printf("death: survived\n");
    fflush(stdout);
    return nb.MdlChain == NULL ? 0 : 4;
}
