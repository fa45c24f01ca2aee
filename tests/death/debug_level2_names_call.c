/*
 * debug_level2_names_call.c - a death test of debug level 2 (UNDIS_DEBUG=2,
 * docs/design.md "Debug levels"): linked against a copy of the library
 * built at that level (tests/death/CMakeLists.txt), whatever the build
 * tree's own level. A NET_BUFFER whose DataOffset is moved behind undis's
 * back (a driver bug, or memory damage) must be caught by the structure
 * checker right after the next mutating call, at verifier level 0, and the
 * report must name that call:
 *   "undis verifier: NB_STRUCTURE in <the call>: after the call: <rule>..."
 *
 * usage: debug_level2_names_call MODE
 *   advance      NdisAdvanceNetBufferDataStart after the damage
 *   retreat      NdisRetreatNetBufferDataStart after the damage
 *   nbl-advance  NdisAdvanceNetBufferListDataStart after the damage
 *   nbl-retreat  NdisRetreatNetBufferListDataStart after the damage
 *   control      the same calls without the damage: the program must
 *                survive (the harness must reject this)
 *
 * Prints "death: advancing" before the call and "death: survived" if it
 * returns; expect_abort.cmake checks the exit, the message and the markers.
 */
#include <stdio.h>
#include <string.h>

#include <ndis.h>
#include <undis/verifier.h>

/* The damage: DataOffset moves, CurrentMdlOffset does not. */
static void
break_data_offset(NET_BUFFER *nb)
{
    nb->DataOffset += 8;
}

static int
usage(const char *argv0)
{
    fprintf(stderr, "usage: %s advance|retreat|nbl-advance|nbl-retreat|control\n", argv0);
    return 2;
}

static void
call(const char *mode, NET_BUFFER_LIST *nbl)
{
    NET_BUFFER *nb = nbl->FirstNetBuffer;
    if (strcmp(mode, "advance") == 0 || strcmp(mode, "control") == 0) {
        NdisAdvanceNetBufferDataStart(nb, 14, FALSE, NULL);
    }
    if (strcmp(mode, "retreat") == 0 || strcmp(mode, "control") == 0) {
        (void)NdisRetreatNetBufferDataStart(nb, 14, 0, NULL);
    }
    if (strcmp(mode, "nbl-advance") == 0 || strcmp(mode, "control") == 0) {
        NdisAdvanceNetBufferListDataStart(nbl, 14, FALSE, NULL);
    }
    if (strcmp(mode, "nbl-retreat") == 0 || strcmp(mode, "control") == 0) {
        (void)NdisRetreatNetBufferListDataStart(nbl, 14, 0, NULL, NULL);
    }
}

int
main(int argc, char **argv)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *nbl;
    static const char *const modes[] = { "advance", "retreat", "nbl-advance", "nbl-retreat",
                                         "control" };
    int known = 0;
    for (size_t i = 0; argc == 2 && i < sizeof(modes) / sizeof(modes[0]); i++) {
        known |= strcmp(argv[1], modes[i]) == 0;
    }
    if (!known) {
        return usage(argv[0]);
    }
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.fAllocateNetBuffer = TRUE;
    p.DataSize = 2048;
    pool = NdisAllocateNetBufferListPool(NULL, &p);
    nbl = pool != NULL ? NdisAllocateNetBufferList(pool, 0, 0) : NULL;
    if (nbl == NULL || undis_verifier_level() != 0 ||
        NdisRetreatNetBufferDataStart(nbl->FirstNetBuffer, 64, 0, NULL) != NDIS_STATUS_SUCCESS) {
        fprintf(stderr, "death: setup failed\n");
        return 1;
    }
    if (strcmp(argv[1], "control") != 0) {
        break_data_offset(nbl->FirstNetBuffer);
    }
    printf("death: advancing\n");
    fflush(stdout);
    call(argv[1], nbl);
    printf("death: survived\n");
    fflush(stdout);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    return 0;
}
