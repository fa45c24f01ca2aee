/* SPDX-License-Identifier: MIT */
/*
 * tests/support/pool_objects.h: the pool parameters of the pool tests
 * (tests/test_pools*.c: tag "Pool", protocol id default) and checks of the
 * objects a pool hands out, as spec 6.3 states them. Every check fails the
 * current case.
 */
#ifndef UNDIS_TEST_SUPPORT_POOL_OBJECTS_H
#define UNDIS_TEST_SUPPORT_POOL_OBJECTS_H

#include <ndis.h>

#define POOL_OBJECTS_TAG 0x6C6F6F50u /* "Pool" */

/* Revision-1 / revision-2 parameters with the tag above. */
NET_BUFFER_LIST_POOL_PARAMETERS nbl_params(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size);
NET_BUFFER_LIST_POOL_PARAMETERS
nbl_params_rev2(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size, ULONG flags);
NET_BUFFER_POOL_PARAMETERS nb_params(ULONG data_size);
NET_BUFFER_POOL_PARAMETERS nb_params_rev2(ULONG data_size, ULONG flags);

/* A pool from nbl_params / nb_params; fails the case if NDIS refuses it. */
NDIS_HANDLE nbl_pool_new(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size);
NDIS_HANDLE nb_pool_new(ULONG data_size);

/* The NBL is all zero but the pool handle, Flags and the protocol id's low
 * byte; Context and FirstNetBuffer as the object has them (checked
 * separately). */
void check_nbl_header(const NET_BUFFER_LIST *nbl, NDIS_HANDLE pool, UCHAR protocol_id, ULONG flags);

/* The NB is all zero but its pool handle and the five data fields, and the
 * structure checker accepts it. */
void check_nb_zero_but(const NET_BUFFER *nb,
                       NDIS_HANDLE pool,
                       PMDL chain,
                       ULONG off,
                       ULONG len,
                       PMDL cur,
                       ULONG cur_off);

/* A pool data MDL: describes `size` mapped bytes that lie after the MDL. */
void check_pool_data_mdl(PMDL mdl, ULONG size);

/* An MDL that is only ever pointed at (a "foreign" Next), never used. */
extern MDL g_foreign_mdl;

/* Writes junk into every field a driver may write (and some it may not),
 * detaches the context and the NB's MDL chain, as a careless driver might
 * before freeing the NBL. */
void dirty_nbl(NET_BUFFER_LIST *nbl);

#endif /* UNDIS_TEST_SUPPORT_POOL_OBJECTS_H */
