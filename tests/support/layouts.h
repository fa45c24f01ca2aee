/*
 * layouts.h - the shared table of MDL-chain layouts for state-changing tests
 * (DESIGN.md house rule 6), a builder that puts a NET_BUFFER over one, and
 * the test's own NetAllocateMdl / NetFreeMdl pair.
 *
 * A layout is a list of MDL sizes plus DataOffset and DataLength. The
 * builder allocates every MDL and buffer with malloc (so ASan sees each one
 * as its own block and undis_alloc_outstanding() does not count them), fills
 * chain byte i with layout_byte(i), and computes CurrentMdl with
 * NdisAdjustNetBufferCurrentMdl. The NET_BUFFER is zeroed malloc'd memory
 * with padding after it, so no MDL ever sits at (PMDL)(nb + 1) and
 * FreeMdl=TRUE never meets the "embedded MDL" stop (spec 4.2).
 *
 * Test-owned MDLs. Every MDL the builder makes and every MDL the test
 * handler layout_allocate_mdl makes is recorded in one registry, tagged with
 * its origin. layout_free_mdl frees ANY registered MDL, whichever of the two
 * made it: Windows' FreeMdl=TRUE frees every leading MDL that lies wholly in
 * the unused space, the layout's own included (spec 4.2), so a test that
 * passes layout_free_mdl is a driver that allocates its MDLs with the same
 * mechanism as its NetFreeMdl and may use FreeMdl=TRUE without restriction.
 * layout_free_mdl fails the current case (CHECK) when given an MDL that is
 * not registered: a double free, or an MDL it did not make.
 *
 * Not thread-safe (the NDIS handlers have no context argument, so the
 * registry and the handler knobs are process globals); tests are
 * single-threaded.
 */
#ifndef UNDIS_TESTS_SUPPORT_LAYOUTS_H
#define UNDIS_TESTS_SUPPORT_LAYOUTS_H

#include <stddef.h>

#include <ndis.h>

#define LAYOUT_MAX_RUNS 8
/* layout_run.page_offset value: a plain malloc of exactly `size` bytes. */
#define LAYOUT_MALLOC   (-1)

/* `count` consecutive MDLs of `size` bytes each. */
struct layout_run {
    ULONG size;
    unsigned count;
    /* LAYOUT_MALLOC, or where in a page each buffer starts (0..4095): the
     * buffer is carved from a page-aligned block so it can span a page
     * boundary at a chosen point. */
    int page_offset;
};

struct layout {
    const char *name;                        /* snake_case; test case names are built from it */
    const char *why;                         /* the bug class or spec line that motivates it */
    struct layout_run runs[LAYOUT_MAX_RUNS]; /* ends at the first count 0 */
    ULONG data_offset;
    ULONG data_length;
    /* When non-zero, CurrentMdl is left at the end of the MDL before the
     * data (CurrentMdlOffset == its ByteCount, "not normalised", spec 8.9
     * and appendix A 16) instead of where NdisAdjustNetBufferCurrentMdl
     * puts it. Needs data_offset on an MDL boundary after a non-empty MDL. */
    int current_not_normalised;
};

extern const struct layout layout_table[];
extern const size_t layout_table_count;

/* The layout of that name; fails the current case if there is none. */
const struct layout *layout_find(const char *name);

/* Number of MDLs / chain bytes the layout describes. */
unsigned layout_mdl_count(const struct layout *layout);
ULONG layout_chain_length(const struct layout *layout);

/* The initial contents of chain byte i of every layout (0x00..0x7E). */
unsigned char layout_byte(ULONG i);

/* Contents of byte j of the buffer of the test handler's allocation number
 * `serial` (0x80..0xFF, so never equal to a layout byte). */
unsigned char layout_handler_byte(unsigned serial, ULONG j);

/* Where an MDL came from. */
enum layout_mdl_origin {
    LAYOUT_ORIGIN_LAYOUT = 1,  /* made by layout_nb_build */
    LAYOUT_ORIGIN_HANDLER = 2, /* made by layout_allocate_mdl */
    LAYOUT_ORIGIN_DEFAULT = 3  /* made by undis's default NetAllocateMdl */
};

/* A NET_BUFFER built over a layout. */
struct layout_nb {
    const struct layout *layout;
    NET_BUFFER *nb;
    unsigned mdl_count; /* MDLs the builder made */
    PMDL *mdls;         /* ... in chain order (some may be freed since) */
};

/*
 * layout_nb_build - build a NET_BUFFER over the layout: chain byte i is
 * layout_byte(i), DataOffset/DataLength as the layout says, CurrentMdl from
 * NdisAdjustNetBufferCurrentMdl (or not normalised, see above). Fails the
 * current case if memory runs out.
 */
void layout_nb_build(struct layout_nb *ln, const struct layout *layout);

/*
 * layout_nb_destroy - free the NET_BUFFER and every MDL still in its chain:
 * registered MDLs directly; MDLs the default NetAllocateMdl made (which
 * retreat only ever puts at the head) through NdisAdvanceNetBufferDataStart
 * with FreeMdl=TRUE and a NULL handler, on a chain cut just after them.
 * Fails the current case if the chain holds an MDL that is neither.
 */
void layout_nb_destroy(struct layout_nb *ln);

/* Registered MDLs not yet freed (0 when nothing leaked). */
size_t layout_mdls_live(void);

/* Free every registered MDL and forget it; returns how many there were.
 * For the start of a case, after an earlier case in the same process
 * failed half-way (a failed CHECK skips that case's cleanup). */
size_t layout_mdls_release_all(void);

/* Origin of a registered live MDL, or 0 if it is not registered. */
int layout_mdl_origin(const MDL *mdl);

/* ---- The test's NetAllocateMdl / NetFreeMdl pair ----------------------- */

#define LAYOUT_FREE_LOG_MAX 256

/* Knobs and counters of the handler pair; tests read and set them. */
struct layout_handler_state {
    unsigned long allocate_calls; /* every call, failed ones included */
    unsigned long free_calls;
    ULONG last_request; /* *BufferSize on entry to the last allocate call */
    ULONG enlarge_next; /* the next allocate adds this to *BufferSize; reset after */
    int fail_next;      /* the next allocate returns NULL; reset after */
    unsigned serial;    /* serial of the next successful allocation */
    PMDL last_mdl;      /* the last MDL allocated */
    PMDL free_log[LAYOUT_FREE_LOG_MAX]; /* MDLs freed, in order, since reset */
    unsigned free_log_count;
};

extern struct layout_handler_state layout_handler;

/* Zero the counters, knobs and free log (not the registry). */
void layout_handler_reset(void);

/* Allocates an MDL over a new malloc'd buffer of *BufferSize (+ enlarge_next)
 * bytes filled with layout_handler_byte(serial, j). */
NET_BUFFER_ALLOCATE_MDL layout_allocate_mdl;
/* Frees any registered MDL and its buffer; logs it. */
NET_BUFFER_FREE_MDL layout_free_mdl;

#endif /* UNDIS_TESTS_SUPPORT_LAYOUTS_H */
