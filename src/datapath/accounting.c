/* SPDX-License-Identifier: MIT */
/*
 * accounting.c: the public allocation totals (<undis/fault.h>). They add the
 * memory base's blocks to the objects the data path's caches hand out, less
 * the objects the verifier holds in quarantine (freed by the caller, not yet
 * back in a cache), so they live here, above both.
 */
#include "base/verify.h"
#include "datapath/datapath.h"

#include <undis/fault.h>

unsigned long long
undis_alloc_count(void)
{
    return undis__mem_allocs() + undis__caches_gets();
}

unsigned long long
undis_alloc_outstanding(void)
{
    return undis__mem_outstanding() + undis__caches_outstanding() - undis__quarantine_count();
}
