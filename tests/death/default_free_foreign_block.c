/*
 * default_free_foreign_block.c - death tests: the default NetFreeMdl (an
 * advance with FreeMdl TRUE and a NULL handler) must stop the process with
 * "undis: DEFAULT_FREE_FOREIGN_MDL" for an MDL that is not one of its
 * blocks, without reading memory around the MDL that it does not own.
 *
 * usage: default_free_foreign_block MODE
 *   guard-page        a driver's MDL at the very start of a page whose
 *                     previous page is inaccessible: reading in front of the
 *                     MDL (where the default keeps its hidden header) would
 *                     crash instead of reporting
 *   inside-block      a driver's MDL built inside the buffer of an MDL the
 *                     default did allocate (memory of the default's own
 *                     blocks, but not one of its MDLs)
 *   large-twice       an MDL above the largest size class, freed by the
 *                     default free twice: the second free must be refused
 *                     (the block is gone) without touching it
 *
 * Prints "death: advancing" before the fatal call and "death: survived" if
 * it returns; expect_abort.cmake checks the exit, the message and the
 * markers. The guard page comes from mmap/mprotect (VirtualAlloc/VirtualProtect
 * on Windows).
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS under -std=c11 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#    include <windows.h>
#else
#    include <sys/mman.h>
#    include <unistd.h>
#endif

#include <ndis.h>
#include <undis/check.h>

/* The default handlers themselves (src/base/internal.h). */
NET_BUFFER_ALLOCATE_MDL undis__default_allocate_mdl;
NET_BUFFER_FREE_MDL undis__default_free_mdl;

static PMDL g_driver_mdl;

/* A NetAllocateMdl that hands out the MDL the mode prepared. */
static PMDL
driver_allocate_mdl(PULONG BufferSize)
{
    UNREFERENCED_PARAMETER(BufferSize);
    return g_driver_mdl;
}

/* Retreat an empty NB with the driver's handler (the MDL becomes its chain),
 * then advance over it with the default free. */
static int
free_through_default(PMDL mdl, ULONG size)
{
    NET_BUFFER nb;
    g_driver_mdl = mdl;
    memset(&nb, 0, sizeof(nb));
    if (NdisRetreatNetBufferDataStart(&nb, size, 0, driver_allocate_mdl) != NDIS_STATUS_SUCCESS ||
        nb.MdlChain != mdl || undis_nb_check(&nb, NULL, 0) != UNDIS_CHECK_OK) {
        fprintf(stderr, "death: setup failed\n");
        return 3;
    }
    printf("death: advancing\n");
    fflush(stdout);
    NdisAdvanceNetBufferDataStart(&nb, size, TRUE, NULL);
    printf("death: survived\n");
    fflush(stdout);
    return 0;
}

/* Two pages, the first inaccessible; NULL on failure. */
static char *
two_pages_first_guarded(size_t *page)
{
#ifdef _WIN32
    SYSTEM_INFO info;
    DWORD old;
    char *area;
    GetSystemInfo(&info);
    *page = info.dwPageSize;
    area = (char *)VirtualAlloc(NULL, *page * 2, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    if (area == NULL || !VirtualProtect(area, *page, PAGE_NOACCESS, &old)) {
        return NULL;
    }
    return area;
#else
    char *area;
    *page = (size_t)sysconf(_SC_PAGESIZE);
    area =
        (char *)mmap(NULL, *page * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (area == MAP_FAILED || mprotect(area, *page, PROT_NONE) != 0) {
        return NULL;
    }
    return area;
#endif
}

static int
guard_page(void)
{
    size_t page = 0;
    static UCHAR buffer[64];
    char *area = two_pages_first_guarded(&page);
    PMDL mdl;
    if (area == NULL) {
        fprintf(stderr, "death: setup failed (guard page)\n");
        return 3;
    }
    mdl = (PMDL)(void *)(area + page);
    MmInitializeMdl(mdl, buffer, sizeof(buffer));
    MmBuildMdlForNonPagedPool(mdl);
    return free_through_default(mdl, sizeof(buffer));
}

static int
inside_block(void)
{
    static UCHAR buffer[32];
    ULONG size = 1000;
    PMDL own = undis__default_allocate_mdl(&size);
    PMDL mdl;
    if (own == NULL) {
        fprintf(stderr, "death: setup failed (default allocation)\n");
        return 3;
    }
    /* The driver's MDL lives in the default block's buffer. */
    mdl = (PMDL)MmGetMdlVirtualAddress(own);
    MmInitializeMdl(mdl, buffer, sizeof(buffer));
    MmBuildMdlForNonPagedPool(mdl);
    return free_through_default(mdl, sizeof(buffer));
}

static int
large_twice(void)
{
    ULONG size = 100000;
    PMDL mdl = undis__default_allocate_mdl(&size);
    if (mdl == NULL) {
        fprintf(stderr, "death: setup failed (default allocation)\n");
        return 3;
    }
    undis__default_free_mdl(mdl);
    printf("death: advancing\n");
    fflush(stdout);
    undis__default_free_mdl(mdl);
    printf("death: survived\n");
    fflush(stdout);
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "guard-page") == 0) {
        return guard_page();
    }
    if (argc == 2 && strcmp(argv[1], "inside-block") == 0) {
        return inside_block();
    }
    if (argc == 2 && strcmp(argv[1], "large-twice") == 0) {
        return large_twice();
    }
    fprintf(stderr, "usage: %s guard-page|inside-block|large-twice\n", argv[0]);
    return 2;
}
