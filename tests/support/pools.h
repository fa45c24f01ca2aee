/* SPDX-License-Identifier: MIT */
/*
 * tests/support/pools.h: NDIS pools as tests make them, with a valid
 * revision-1 parameter header, so that each test names only what it cares
 * about. test_nbl_pool / test_nb_pool return NULL when NDIS refuses the pool
 * (the caller checks).
 */
#ifndef UNDIS_TEST_SUPPORT_POOLS_H
#define UNDIS_TEST_SUPPORT_POOLS_H

#include <ndis.h>

/* Revision-1 parameters, everything not named zero. */
NET_BUFFER_LIST_POOL_PARAMETERS test_nbl_pool_params(
    BOOLEAN alloc_nb, USHORT context_size, ULONG data_size, UCHAR protocol_id, ULONG tag);
NET_BUFFER_POOL_PARAMETERS test_nb_pool_params(ULONG data_size, ULONG tag);

NDIS_HANDLE
test_nbl_pool(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size, UCHAR protocol_id, ULONG tag);
NDIS_HANDLE test_nb_pool(ULONG data_size, ULONG tag);

#endif /* UNDIS_TEST_SUPPORT_POOLS_H */
