/* SPDX-License-Identifier: MIT */
/* tests/support/mdl_pages.c: see mdl_pages.h. */
#include "support/mdl_pages.h"

#include <stdio.h>
#include <stdlib.h>

#include <undis/check.h>

#include "test.h"

PUCHAR
page_buf_alloc(struct page_buf *pb, size_t pages)
{
    size_t misalign;
    pb->raw = malloc((pages + 1) * PAGE_SIZE);
    CHECK_NOT_NULL(pb->raw);
    misalign = (size_t)((ULONG_PTR)pb->raw & (PAGE_SIZE - 1));
    pb->base = (PUCHAR)pb->raw + (misalign == 0 ? 0 : PAGE_SIZE - misalign);
    return pb->base;
}

void
page_buf_free(struct page_buf *pb)
{
    free(pb->raw);
    pb->raw = NULL;
    pb->base = NULL;
}

size_t
mdl_bytes(size_t pages)
{
    return sizeof(MDL) + pages * sizeof(PFN_NUMBER);
}

ULONG_PTR
pfn_of(const void *va)
{
    return (ULONG_PTR)va >> PAGE_SHIFT;
}

void
check_chain_ok(const MDL *mdl)
{
    char why[256];
    undis_check_rule rule = undis_mdl_chain_check(mdl, why, sizeof(why));
    if (rule != UNDIS_CHECK_OK) {
        fprintf(stderr, "checker: %s\n", why);
    }
    CHECK_EQ_INT(rule, UNDIS_CHECK_OK);
}
