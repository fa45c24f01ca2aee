/* SPDX-License-Identifier: MIT */
/*
 * tests/support/mdl_pages.h: page-aligned test buffers, so that the
 * expected Size, ByteOffset and PFN values of an MDL over them are exact,
 * and the page arithmetic the MDL tests check against.
 */
#ifndef UNDIS_TEST_SUPPORT_MDL_PAGES_H
#define UNDIS_TEST_SUPPORT_MDL_PAGES_H

#include <stddef.h>

#include <ndis.h>

/* A page-aligned region carved from a malloc block. */
struct page_buf {
    void *raw;
    PUCHAR base;
};

/* `pages` page-aligned pages (fails the case if memory runs out); returns
 * pb->base. Free with page_buf_free (or free(pb->raw)). */
PUCHAR page_buf_alloc(struct page_buf *pb, size_t pages);
void page_buf_free(struct page_buf *pb);

/* Bytes of an MDL with `pages` PFN entries. */
size_t mdl_bytes(size_t pages);

/* The PFN undis gives the page of va. */
ULONG_PTR pfn_of(const void *va);

/* The structure checker accepts the MDL chain (its reason printed if not). */
void check_chain_ok(const MDL *mdl);

/* Caller storage for MmInitializeMdl: the header, room for `PFNS` entries,
 * and a guard entry right after them. */
#define PFNS      4
#define PFN_GUARD ((PFN_NUMBER)0x5A5A5A5Au)

struct mdl_storage {
    MDL mdl;
    PFN_NUMBER pfn[PFNS + 1];
};

#endif /* UNDIS_TEST_SUPPORT_MDL_PAGES_H */
