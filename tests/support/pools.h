/* SPDX-License-Identifier: MIT */
/*
 * tests/support/pools.h: NDIS pools as tests make them, with a valid
 * revision-1 parameter header, so that each test names only what it cares
 * about. NULL when NDIS refuses the pool (the caller checks).
 */
#ifndef UNDIS_TEST_SUPPORT_POOLS_H
#define UNDIS_TEST_SUPPORT_POOLS_H

#include <ndis.h>

NDIS_HANDLE
test_nbl_pool(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size, UCHAR protocol_id, ULONG tag);
NDIS_HANDLE test_nb_pool(ULONG data_size, ULONG tag);

#endif /* UNDIS_TEST_SUPPORT_POOLS_H */
