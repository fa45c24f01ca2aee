/* SPDX-License-Identifier: MIT */
/* tests/support/pools.c: see pools.h. */
#include "support/pools.h"

#include <string.h>

NET_BUFFER_LIST_POOL_PARAMETERS
test_nbl_pool_params(
    BOOLEAN alloc_nb, USHORT context_size, ULONG data_size, UCHAR protocol_id, ULONG tag)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.ProtocolId = protocol_id;
    p.fAllocateNetBuffer = alloc_nb;
    p.ContextSize = context_size;
    p.PoolTag = tag;
    p.DataSize = data_size;
    return p;
}

NET_BUFFER_POOL_PARAMETERS
test_nb_pool_params(ULONG data_size, ULONG tag)
{
    NET_BUFFER_POOL_PARAMETERS p;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    p.PoolTag = tag;
    p.DataSize = data_size;
    return p;
}

NDIS_HANDLE
test_nbl_pool(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size, UCHAR protocol_id, ULONG tag)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p =
        test_nbl_pool_params(alloc_nb, context_size, data_size, protocol_id, tag);
    return NdisAllocateNetBufferListPool(NULL, &p);
}

NDIS_HANDLE
test_nb_pool(ULONG data_size, ULONG tag)
{
    NET_BUFFER_POOL_PARAMETERS p = test_nb_pool_params(data_size, tag);
    return NdisAllocateNetBufferPool(NULL, &p);
}
