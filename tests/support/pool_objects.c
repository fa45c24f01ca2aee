/* SPDX-License-Identifier: MIT */
/* tests/support/pool_objects.c: see pool_objects.h. */
#include "support/pool_objects.h"

#include "support/checks.h"
#include "support/pools.h"
#include "test.h"

#include <string.h>

NET_BUFFER_LIST_POOL_PARAMETERS
nbl_params(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size)
{
    return test_nbl_pool_params(alloc_nb, context_size, data_size, NDIS_PROTOCOL_ID_DEFAULT,
                                POOL_OBJECTS_TAG);
}

NET_BUFFER_LIST_POOL_PARAMETERS
nbl_params_rev2(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size, ULONG flags)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(alloc_nb, context_size, data_size);
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2;
    p.Header.Size = (USHORT)NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2;
    p.Flags = flags;
    return p;
}

NET_BUFFER_POOL_PARAMETERS
nb_params(ULONG data_size)
{
    return test_nb_pool_params(data_size, POOL_OBJECTS_TAG);
}

NET_BUFFER_POOL_PARAMETERS
nb_params_rev2(ULONG data_size, ULONG flags)
{
    NET_BUFFER_POOL_PARAMETERS p = nb_params(data_size);
    p.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_2;
    p.Header.Size = (USHORT)NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2;
    p.Flags = flags;
    return p;
}

NDIS_HANDLE
nbl_pool_new(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(alloc_nb, context_size, data_size);
    NDIS_HANDLE pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK_NOT_NULL(pool);
    return pool;
}

NDIS_HANDLE
nb_pool_new(ULONG data_size)
{
    NET_BUFFER_POOL_PARAMETERS p = nb_params(data_size);
    NDIS_HANDLE pool = NdisAllocateNetBufferPool(NULL, &p);
    CHECK_NOT_NULL(pool);
    return pool;
}

void
check_nbl_header(const NET_BUFFER_LIST *nbl, NDIS_HANDLE pool, UCHAR protocol_id, ULONG flags)
{
    NET_BUFFER_LIST expect;
    memset(&expect, 0, sizeof(expect));
    expect.FirstNetBuffer = nbl->FirstNetBuffer;
    expect.Context = nbl->Context;
    expect.NdisPoolHandle = pool;
    expect.Flags = flags;
    *(PUCHAR)&expect.NetBufferListInfo[NetBufferListProtocolId] = protocol_id;
    CHECK_MEM_EQ(nbl, &expect, sizeof(expect));
}

void
check_nb_zero_but(const NET_BUFFER *nb,
                  NDIS_HANDLE pool,
                  PMDL chain,
                  ULONG off,
                  ULONG len,
                  PMDL cur,
                  ULONG cur_off)
{
    NET_BUFFER expect;
    memset(&expect, 0, sizeof(expect));
    expect.NdisPoolHandle = pool;
    expect.MdlChain = chain;
    expect.DataOffset = off;
    expect.DataLength = len;
    expect.CurrentMdl = cur;
    expect.CurrentMdlOffset = cur_off;
    CHECK_MEM_EQ(nb, &expect, sizeof(expect));
    CHECK_NB_OK(nb);
}

void
check_pool_data_mdl(PMDL mdl, ULONG size)
{
    PUCHAR va = (PUCHAR)MmGetMdlVirtualAddress(mdl);
    CHECK_NOT_NULL(mdl);
    CHECK_EQ_U32(mdl->ByteCount, size);
    CHECK_NULL(mdl->Next);
    CHECK((mdl->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL) != 0);
    CHECK_PTR_EQ(mdl->MappedSystemVa, va);
    CHECK(va >= (PUCHAR)mdl + mdl->Size);
    CHECK_EQ_INT(undis_mdl_chain_check(mdl, NULL, 0), UNDIS_CHECK_OK);
}

MDL g_foreign_mdl;

void
dirty_nbl(NET_BUFFER_LIST *nbl)
{
    NET_BUFFER *nb = nbl->FirstNetBuffer;
    for (int i = 0; i < MaxNetBufferListInfo; i++) {
        nbl->NetBufferListInfo[i] = (PVOID)(ULONG_PTR)(0xA000u + (unsigned)i);
    }
    nbl->Next = (PNET_BUFFER_LIST)(ULONG_PTR)0x10;
    nbl->ParentNetBufferList = (PNET_BUFFER_LIST)(ULONG_PTR)0x20;
    nbl->NdisReserved[0] = nbl->NdisReserved[1] = (PVOID)(ULONG_PTR)0x30;
    for (int i = 0; i < 4; i++) {
        nbl->ProtocolReserved[i] = (PVOID)(ULONG_PTR)0x40;
    }
    nbl->MiniportReserved[0] = nbl->MiniportReserved[1] = (PVOID)(ULONG_PTR)0x50;
    nbl->Scratch = (PVOID)(ULONG_PTR)0x60;
    nbl->SourceHandle = (NDIS_HANDLE)(ULONG_PTR)0x70;
    nbl->NblFlags = 0xFFFFFFFFu;
    nbl->ChildRefCount = 7;
    nbl->Flags |= NBL_FLAGS_PROTOCOL_RESERVED | NBL_FLAGS_MINIPORT_RESERVED | NBL_FLAGS_SCRATCH;
    nbl->Status = NDIS_STATUS_FAILURE;
    if (nbl->Context != NULL) {
        nbl->Context->Offset = 0;
        nbl->Context->Size = 8;
        nbl->Context->Next = (PNET_BUFFER_LIST_CONTEXT)(ULONG_PTR)0x80;
        nbl->Context = NULL;
    }
    if (nb != NULL) {
        nb->Next = (PNET_BUFFER)(ULONG_PTR)0x90;
        nb->ChecksumBias = 0x1234;
        nb->Reserved = 0x5678;
        nb->NdisReserved[0] = nb->NdisReserved[1] = (PVOID)(ULONG_PTR)0xA0;
        for (int i = 0; i < 6; i++) {
            nb->ProtocolReserved[i] = (PVOID)(ULONG_PTR)0xB0;
        }
        for (int i = 0; i < 4; i++) {
            nb->MiniportReserved[i] = (PVOID)(ULONG_PTR)0xC0;
        }
        nb->DataPhysicalAddress.QuadPart = 0x123456789LL;
        nb->SharedMemoryInfo = (PNET_BUFFER_SHARED_MEMORY)(ULONG_PTR)0xD0;
        if (nb->MdlChain != NULL) {
            PMDL mdl = nb->MdlChain;
            nb->DataOffset = 3;
            nb->DataLength = 5;
            nb->CurrentMdlOffset = 3;
            mdl->ByteCount = 7;
            mdl->Next = &g_foreign_mdl;
        }
        nb->MdlChain = NULL;
        nb->CurrentMdl = NULL;
    }
    nbl->FirstNetBuffer = NULL;
}
