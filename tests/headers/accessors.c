/* SPDX-License-Identifier: MIT */
/*
 * accessors.c: the accessor macros of <ndis/nblaccessors.h> (and the MDL
 * linkage macro) are lvalues naming the right field: drivers assign through
 * them and take their address. Built twice, as C (headers_accessors_c) and
 * as C++ (headers_accessors_cxx, from accessors_cxx.cpp): the fields are
 * the same anonymous members in both; only the legacy NET_BUFFER_DATA view
 * names its length NbDataLength in C++.
 *
 * tests/headers/CMakeLists.txt checks that every function-like macro defined
 * in nblaccessors.h is named in this file.
 */
#include "test.h"

#include <ndis.h>

/* Assign `value` through the accessor, read it back through the field, and
 * check the accessor's address is the field's. */
#define CHECK_LVALUE(accessor, field, value)               \
    do {                                                   \
        (accessor) = (value);                              \
        CHECK((field) == (value));                         \
        CHECK_PTR_EQ((const void *)&(accessor), &(field)); \
    } while (0)

/* The same for an array field: element assignment and array address. */
#define CHECK_ARRAY_LVALUE(accessor, field, value)         \
    do {                                                   \
        (accessor)[1] = (value);                           \
        CHECK((field)[1] == (value));                      \
        CHECK_PTR_EQ((const void *)&(accessor), &(field)); \
        CHECK_EQ_SIZE(sizeof(accessor), sizeof(field));    \
    } while (0)

static NET_BUFFER *
new_nb(void)
{
    NET_BUFFER *nb = (NET_BUFFER *)calloc(1, sizeof(NET_BUFFER));
    CHECK_NOT_NULL(nb);
    return nb;
}

static NET_BUFFER_LIST *
new_nbl(void)
{
    NET_BUFFER_LIST *nbl = (NET_BUFFER_LIST *)calloc(1, sizeof(NET_BUFFER_LIST));
    CHECK_NOT_NULL(nbl);
    return nbl;
}

TEST(nb_data_length_is_the_ulong_view)
{
    NET_BUFFER *nb = new_nb();

    NET_BUFFER_DATA_LENGTH(nb) = 1514;
    /* The anonymous union in C and in C++, as in the WDK. */
    CHECK_EQ_U32(nb->DataLength, 1514);
    CHECK_PTR_EQ(&NET_BUFFER_DATA_LENGTH(nb), &nb->DataLength);
    CHECK_PTR_EQ(&nb->stDataLength, &nb->DataLength);
    nb->DataLength = 60;
    CHECK_EQ_SIZE(sizeof(NET_BUFFER_DATA_LENGTH(nb)), sizeof(ULONG));
    CHECK_EQ_U32(NET_BUFFER_DATA_LENGTH(nb), 60);
    CHECK_EQ_SIZE((size_t)((PUCHAR)&NET_BUFFER_DATA_LENGTH(nb) - (PUCHAR)nb),
                  sizeof(void *) == 8 ? 24 : 12);
    /* The legacy NET_BUFFER_DATA view (<ndis.h> gives it) overlays the same
     * bytes; its length is the named member NbDataLength in C++. */
    CHECK_PTR_EQ(&nb->NetBufferHeader.NetBufferData.MdlChain, &nb->MdlChain);
#ifdef __cplusplus
    CHECK_PTR_EQ(&nb->NetBufferHeader.NetBufferData.NbDataLength.DataLength, &nb->DataLength);
    CHECK_EQ_SIZE(sizeof(nb->NetBufferHeader.NetBufferData.NbDataLength), sizeof(SIZE_T));
#else
    CHECK_PTR_EQ(&nb->NetBufferHeader.NetBufferData.DataLength, &nb->DataLength);
#endif
    free(nb);
}

TEST(nb_accessors_are_lvalues)
{
    NET_BUFFER *nb = new_nb();
    NET_BUFFER *other = new_nb();
    MDL mdl;
    PHYSICAL_ADDRESS pa;
    NET_BUFFER_SHARED_MEMORY shm;

    memset(&mdl, 0, sizeof(mdl));
    memset(&shm, 0, sizeof(shm));
    CHECK_LVALUE(NET_BUFFER_NEXT_NB(nb), nb->Next, other);
    CHECK_LVALUE(NET_BUFFER_FIRST_MDL(nb), nb->MdlChain, &mdl);
    CHECK_LVALUE(NET_BUFFER_DATA_OFFSET(nb), nb->DataOffset, 38U);
    CHECK_LVALUE(NET_BUFFER_CURRENT_MDL(nb), nb->CurrentMdl, &mdl);
    CHECK_LVALUE(NET_BUFFER_CURRENT_MDL_OFFSET(nb), nb->CurrentMdlOffset, 38U);
    CHECK_LVALUE(NET_BUFFER_CHECKSUM_BIAS(nb), nb->ChecksumBias, (USHORT)14);
    CHECK_LVALUE(NET_BUFFER_FIRST_SHARED_MEM_INFO(nb), nb->SharedMemoryInfo, &shm);
    CHECK_LVALUE(NET_BUFFER_SCATTER_GATHER_LIST(nb), nb->ScatterGatherList,
                 (PSCATTER_GATHER_LIST)(void *)&shm);
    CHECK_ARRAY_LVALUE(NET_BUFFER_PROTOCOL_RESERVED(nb), nb->ProtocolReserved, (PVOID)other);
    CHECK_ARRAY_LVALUE(NET_BUFFER_MINIPORT_RESERVED(nb), nb->MiniportReserved, (PVOID)other);

    pa.QuadPart = 0x123456789LL;
    NET_BUFFER_DATA_PHYSICAL_ADDRESS(nb) = pa;
    CHECK(nb->DataPhysicalAddress.QuadPart == 0x123456789LL);
    CHECK_PTR_EQ(&NET_BUFFER_DATA_PHYSICAL_ADDRESS(nb), &nb->DataPhysicalAddress);

    /* Each accessor evaluates its argument exactly once. */
    {
        NET_BUFFER *array[2];
        int i = 0;
        array[0] = nb;
        array[1] = other;
        NET_BUFFER_DATA_OFFSET(array[i++]) += 2;
        CHECK_EQ_INT(i, 1);
        CHECK_EQ_U32(nb->DataOffset, 40);
    }
    free(other);
    free(nb);
}

TEST(shared_memory_accessors_are_lvalues)
{
    NET_BUFFER_SHARED_MEMORY shm;
    NET_BUFFER_SHARED_MEMORY next;
    NET_BUFFER_SHARED_MEMORY *p = &shm;

    memset(&shm, 0, sizeof(shm));
    memset(&next, 0, sizeof(next));
    CHECK_LVALUE(NET_BUFFER_SHARED_MEM_NEXT_SEGMENT(p), shm.NextSharedMemorySegment, &next);
    CHECK_LVALUE(NET_BUFFER_SHARED_MEM_FLAGS(p), shm.SharedMemoryFlags, 3U);
    CHECK_LVALUE(NET_BUFFER_SHARED_MEM_HANDLE(p), shm.SharedMemoryHandle, (NDIS_HANDLE)&next);
    CHECK_LVALUE(NET_BUFFER_SHARED_MEM_OFFSET(p), shm.SharedMemoryOffset, 4096U);
    CHECK_LVALUE(NET_BUFFER_SHARED_MEM_LENGTH(p), shm.SharedMemoryLength, 1500U);
}

TEST(nbl_accessors_are_lvalues)
{
    NET_BUFFER_LIST *nbl = new_nbl();
    NET_BUFFER_LIST *other = new_nbl();
    NET_BUFFER *nb = new_nb();

    CHECK_LVALUE(NET_BUFFER_LIST_NEXT_NBL(nbl), nbl->Next, other);
    CHECK_LVALUE(NET_BUFFER_LIST_FIRST_NB(nbl), nbl->FirstNetBuffer, nb);
    CHECK_LVALUE(NET_BUFFER_LIST_FLAGS(nbl), nbl->Flags, 0x00100000U);
    CHECK_LVALUE(NET_BUFFER_LIST_NBL_FLAGS(nbl), nbl->NblFlags, 0x00000200U);
    CHECK_LVALUE(NET_BUFFER_LIST_STATUS(nbl), nbl->Status, NDIS_STATUS_RESOURCES);
    CHECK_ARRAY_LVALUE(NET_BUFFER_LIST_PROTOCOL_RESERVED(nbl), nbl->ProtocolReserved, (PVOID)nb);
    CHECK_ARRAY_LVALUE(NET_BUFFER_LIST_MINIPORT_RESERVED(nbl), nbl->MiniportReserved, (PVOID)nb);
    CHECK_LVALUE(NET_BUFFER_LIST_INFO(nbl, NetBufferListHashValue),
                 nbl->NetBufferListInfo[NetBufferListHashValue], (PVOID)nb);
    CHECK_LVALUE(NET_BUFFER_LIST_INFO(nbl, MaxNetBufferListInfo - 1),
                 nbl->NetBufferListInfo[MaxNetBufferListInfo - 1], (PVOID)other);
    /* The NBL's Next/FirstNetBuffer overlay the named header view. */
    CHECK_PTR_EQ(&nbl->NetBufferListHeader.NetBufferListData.FirstNetBuffer, &nbl->FirstNetBuffer);
    free(nb);
    free(other);
    free(nbl);
}

TEST(nbl_context_accessors)
{
    NET_BUFFER_LIST *nbl = new_nbl();
    NET_BUFFER_LIST_CONTEXT *ctx =
        (NET_BUFFER_LIST_CONTEXT *)calloc(1, sizeof(NET_BUFFER_LIST_CONTEXT) + 64);

    CHECK_NOT_NULL(ctx);
    nbl->Context = ctx;
    CHECK_LVALUE(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), ctx->Size, (USHORT)64);
    ctx->Offset = 48;
    /* DATA_START is a computed pointer (not an lvalue): the first used byte
     * of the top block, after the header and the unused prefix. */
    CHECK_PTR_EQ(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl), (PUCHAR)(ctx + 1) + 48);
    CHECK_PTR_EQ(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl), &ctx->ContextData[48]);
    free(ctx);
    free(nbl);
}

TEST(nbl_oob_accessors)
{
    NET_BUFFER_LIST *nbl = new_nbl();
    NDIS_NET_BUFFER_LIST_8021Q_INFO info;

    NDIS_SET_NET_BUFFER_LIST_CANCEL_ID(nbl, (PVOID)nbl);
    CHECK_PTR_EQ(nbl->NetBufferListInfo[NetBufferListCancelId], nbl);
    CHECK_PTR_EQ(NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(nbl), nbl);
    CHECK_PTR_EQ(&NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(nbl),
                 &nbl->NetBufferListInfo[NetBufferListCancelId]);

    /* The VLAN id is a bit field of the 802.1Q overlay: assignable, and
     * neighbouring bits stay as they were. */
    info.Value = NULL;
    info.TagHeader.UserPriority = 5;
    NET_BUFFER_LIST_INFO(nbl, Ieee8021QNetBufferListInfo) = info.Value;
    NDIS_SET_NET_BUFFER_LIST_VLAN_ID(nbl, 4094U);
    CHECK_EQ_U32(NDIS_GET_NET_BUFFER_LIST_VLAN_ID(nbl), 4094);
    NDIS_GET_NET_BUFFER_LIST_VLAN_ID(nbl) = 7U;
    info.Value = NET_BUFFER_LIST_INFO(nbl, Ieee8021QNetBufferListInfo);
    CHECK_EQ_U32(info.TagHeader.VlanId, 7);
    CHECK_EQ_U32(info.TagHeader.UserPriority, 5);
    CHECK_EQ_U32(info.TagHeader.CanonicalFormatId, 0);
    free(nbl);
}

TEST(nbl_flag_helpers)
{
    NET_BUFFER_LIST *nbl = new_nbl();

    NBL_SET_FLAG(nbl, 0x00100000U);
    CHECK(NBL_TEST_FLAG(nbl, 0x00100000U));
    NBL_CLEAR_FLAG(nbl, 0x00100000U);
    CHECK(!NBL_TEST_FLAG(nbl, 0x00100000U));

    /* The protocol-reserved helpers drop bits outside 0xFFF00003. */
    NBL_SET_PROTOCOL_RSVD_FLAG(nbl, 0x00200104U);
    CHECK_EQ_U32(nbl->Flags, 0x00200000U);
    CHECK(NBL_TEST_PROTOCOL_RSVD_FLAG(nbl, 0x00200000U));
    CHECK(!NBL_TEST_PROTOCOL_RSVD_FLAG(nbl, 0x00000104U));
    NBL_SET_PROT_RSVD_FLAG(nbl, 0x00000001U);
    CHECK(NBL_TEST_PROT_RSVD_FLAG(nbl, 0x00000001U));
    CHECK_EQ_U32(NBL_PROT_RSVD_FLAGS, NBL_FLAGS_PROTOCOL_RESERVED);
    NBL_CLEAR_PROT_RSVD_FLAG(nbl, 0x00000001U);
    nbl->Flags |= 0x00000100U; /* an NDIS bit */
    NBL_CLEAR_PROTOCOL_RSVD_FLAG(nbl, 0xFFFFFFFFU);
    CHECK_EQ_U32(nbl->Flags, 0x00000100U);

    /* NdisTestNblFlag: any bit; NdisTestNblFlags: all bits. */
    NdisSetNblFlag(nbl, NDIS_NBL_FLAGS_IS_IPV4 | NDIS_NBL_FLAGS_IS_TCP);
    CHECK(NdisTestNblFlag(nbl, NDIS_NBL_FLAGS_IS_IPV4 | NDIS_NBL_FLAGS_IS_UDP));
    CHECK(!NdisTestNblFlags(nbl, NDIS_NBL_FLAGS_IS_IPV4 | NDIS_NBL_FLAGS_IS_UDP));
    CHECK(NdisTestNblFlags(nbl, NDIS_NBL_FLAGS_IS_IPV4 | NDIS_NBL_FLAGS_IS_TCP));
    NdisClearNblFlag(nbl, NDIS_NBL_FLAGS_IS_TCP);
    CHECK_EQ_U32(nbl->NblFlags, NDIS_NBL_FLAGS_IS_IPV4);
    free(nbl);
}

TEST(mdl_linkage_is_an_lvalue)
{
    MDL a;
    MDL b;
    PMDL next = NULL;

    memset(&a, 0, sizeof(a));
    memset(&b, 0, sizeof(b));
    CHECK_LVALUE(NDIS_MDL_LINKAGE(&a), a.Next, &b);
    NdisGetNextMdl(&a, &next);
    CHECK_PTR_EQ(next, &b);
    CHECK_LVALUE(MmGetMdlByteCount(&a), a.ByteCount, 100U);
}

TEST_MAIN_BEGIN
TEST_CASE(nb_data_length_is_the_ulong_view)
TEST_CASE(nb_accessors_are_lvalues)
TEST_CASE(shared_memory_accessors_are_lvalues)
TEST_CASE(nbl_accessors_are_lvalues)
TEST_CASE(nbl_context_accessors)
TEST_CASE(nbl_oob_accessors)
TEST_CASE(nbl_flag_helpers)
TEST_CASE(mdl_linkage_is_an_lvalue)
TEST_MAIN_END
