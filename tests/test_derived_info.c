/*
 * test_derived_info.c - NdisCopySendNetBufferListInfo and
 * NdisCopyReceiveNetBufferListInfo (spec 6.8, the x64 slot lists): which
 * out-of-band info slots each copies from one NBL to another, and that the
 * rest of the destination is left alone.
 */
#include "test.h"

#include <ndis.h>
#include <undis/verifier.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/derived_orig.h"

/* ---- NdisCopySend/ReceiveNetBufferListInfo (spec 6.8, x64 lists) ------- */

#if UNDIS_PTR64
/* The slot numbers the spec gives for x64. */
C_ASSERT(TcpIpChecksumNetBufferListInfo == 0 && IPsecOffloadV1NetBufferListInfo == 1);
C_ASSERT(TcpLargeSendNetBufferListInfo == 2 && ClassificationHandleNetBufferListInfo == 3);
C_ASSERT(Ieee8021QNetBufferListInfo == 4 && NetBufferListCancelId == 5);
C_ASSERT(MediaSpecificInformation == 6 && NetBufferListProtocolId == 7);
C_ASSERT(NetBufferListHashValue == 8 && NetBufferListHashInfo == 9);
C_ASSERT(WfpNetBufferListInfo == 10 && IPsecOffloadV2TunnelNetBufferListInfo == 11);
C_ASSERT(IPsecOffloadV2HeaderNetBufferListInfo == 12 && NetBufferListCorrelationId == 13);
C_ASSERT(NetBufferListFilteringInfo == 14 && NblOriginalInterfaceIfIndex == 16);
C_ASSERT(VirtualSubnetInfo == 20 && TcpRecvSegCoalesceInfo == 22);
C_ASSERT(RscTcpTimestampDelta == 23 && GftOffloadInformation == 24 && GftFlowEntryId == 25);
C_ASSERT(NetBufferListInfoReserved3 == 26 && MaxNetBufferListInfo == 27);

/* Send: 0-6, 8, 11, 12, 14, 20, 22-25, plus WFP (10) and correlation (13). */
static const int send_slots[] = {
    TcpIpChecksumNetBufferListInfo,
    IPsecOffloadV1NetBufferListInfo,
    TcpLargeSendNetBufferListInfo,
    ClassificationHandleNetBufferListInfo,
    Ieee8021QNetBufferListInfo,
    NetBufferListCancelId,
    MediaSpecificInformation,
    NetBufferListHashValue,
    WfpNetBufferListInfo,
    IPsecOffloadV2TunnelNetBufferListInfo,
    IPsecOffloadV2HeaderNetBufferListInfo,
    NetBufferListCorrelationId,
    NetBufferListFilteringInfo,
    VirtualSubnetInfo,
    TcpRecvSegCoalesceInfo,
    RscTcpTimestampDelta,
    GftOffloadInformation,
    GftFlowEntryId,
};

/* Receive: 0, 1, 2, 4, 6-9, 11, 12, 14, 16, 20, 22-26, plus 10 and 13
 * (slot 5 only for a loopback source). */
static const int receive_slots[] = {
    TcpIpChecksumNetBufferListInfo,
    IPsecOffloadV1NetBufferListInfo,
    TcpReceiveNoPush,
    Ieee8021QNetBufferListInfo,
    MediaSpecificInformation,
    NetBufferListFrameType,
    NetBufferListHashValue,
    NetBufferListHashInfo,
    WfpNetBufferListInfo,
    IPsecOffloadV2TunnelNetBufferListInfo,
    IPsecOffloadV2HeaderNetBufferListInfo,
    NetBufferListCorrelationId,
    NetBufferListFilteringInfo,
    NblOriginalInterfaceIfIndex,
    VirtualSubnetInfo,
    TcpRecvSegCoalesceInfo,
    RscTcpTimestampDelta,
    GftOffloadInformation,
    GftFlowEntryId,
    NetBufferListInfoReserved3,
};

/* Two NBLs from pools with the given protocol ids, every slot filled with
 * distinct values (the destination's differ from the source's). */
struct info_pair {
    NDIS_HANDLE src_pool, dst_pool;
    NET_BUFFER_LIST *src, *dst;
    NET_BUFFER_LIST before; /* dst before the copy */
};

static void
pair_make(struct info_pair *p, UCHAR src_protocol_id, ULONG_PTR src_slot7)
{
    p->src_pool = nbl_pool_make(FALSE, 0, 0, src_protocol_id);
    p->dst_pool = nbl_pool_make(FALSE, 0, 0, NDIS_PROTOCOL_ID_NBF);
    p->src = NdisAllocateNetBufferList(p->src_pool, 0, 0);
    p->dst = NdisAllocateNetBufferList(p->dst_pool, 0, 0);
    CHECK_NOT_NULL(p->src);
    CHECK_NOT_NULL(p->dst);
    info_fill(p->src, 0x40000);
    info_fill(p->dst, 0xD0000);
    p->src->NetBufferListInfo[NetBufferListProtocolId] = (PVOID)src_slot7;
    p->src->NblFlags = NDIS_NBL_FLAGS_IS_IPV6 | NDIS_NBL_FLAGS_IS_TCP;
    p->dst->NblFlags = NDIS_NBL_FLAGS_IS_UDP | NDIS_NBL_FLAGS_RECV_READ_ONLY;
    memcpy(&p->before, p->dst, sizeof(p->before));
}

static void
pair_free(struct info_pair *p)
{
    NdisFreeNetBufferList(p->src);
    NdisFreeNetBufferList(p->dst);
    NdisFreeNetBufferListPool(p->src_pool);
    NdisFreeNetBufferListPool(p->dst_pool);
}

/* Every slot of dst: copied ones equal src's, the protocol-id slot (when
 * not copied whole) has its low byte set to `protocol_id` and the rest as
 * before, every other slot as before. */
static void
check_slots(const struct info_pair *p, const int *copied, size_t count, int protocol_id)
{
    int i;
    for (i = 0; i < MaxNetBufferListInfo; i++) {
        if (in_list(i, copied, count)) {
            CHECK_PTR_EQ(p->dst->NetBufferListInfo[i], p->src->NetBufferListInfo[i]);
        } else if (i == NetBufferListProtocolId && protocol_id >= 0) {
            ULONG_PTR was = (ULONG_PTR)p->before.NetBufferListInfo[i];
            ULONG_PTR want = (was & ~(ULONG_PTR)0xFF) | (ULONG_PTR)protocol_id;
            CHECK_EQ_U64((uint64_t)(ULONG_PTR)p->dst->NetBufferListInfo[i], (uint64_t)want);
        } else {
            CHECK_PTR_EQ(p->dst->NetBufferListInfo[i], p->before.NetBufferListInfo[i]);
        }
    }
}

/* The rest of dst is left alone. */
static void
check_rest_untouched(const struct info_pair *p)
{
    CHECK_MEM_EQ(p->dst, &p->before, offsetof(NET_BUFFER_LIST, NblFlags));
    CHECK_EQ_INT(p->dst->ChildRefCount, p->before.ChildRefCount);
    CHECK_EQ_U32(p->dst->Flags, p->before.Flags);
    CHECK_STATUS(p->dst->Status, p->before.Status);
}

#endif /* UNDIS_PTR64 */

TEST(copy_send_info_copies_exactly_the_send_slots)
{
#if UNDIS_PTR64
    struct info_pair p;
    /* Slot 7 of the source: low nibble 5, other bits set too. */
    pair_make(&p, NDIS_PROTOCOL_ID_TCP_IP, (ULONG_PTR)0xABCDE1F5u);
    p.src->NblFlags |= NDIS_NBL_FLAGS_CAPTURE_TIMESTAMP_ON_TRANSMIT;
    NdisCopySendNetBufferListInfo(p.dst, p.src);
    check_slots(&p, send_slots, sizeof(send_slots) / sizeof(send_slots[0]), 0x05);
    CHECK_EQ_U32(p.dst->NblFlags, p.before.NblFlags | NDIS_NBL_FLAGS_CAPTURE_TIMESTAMP_ON_TRANSMIT);
    check_rest_untouched(&p);
    pair_free(&p);
#endif
}

TEST(copy_send_info_protocol_id_from_pool_when_slot_is_zero)
{
#if UNDIS_PTR64
    struct info_pair p;
    /* Low nibble 0 (other bits set): the source pool's ProtocolId. */
    pair_make(&p, NDIS_PROTOCOL_ID_IPX, (ULONG_PTR)0x12340F30u);
    NdisCopySendNetBufferListInfo(p.dst, p.src);
    check_slots(&p, send_slots, sizeof(send_slots) / sizeof(send_slots[0]), NDIS_PROTOCOL_ID_IPX);
    /* The source has no CAPTURE_TIMESTAMP flag: dst's flags stay. */
    CHECK_EQ_U32(p.dst->NblFlags, p.before.NblFlags);
    check_rest_untouched(&p);
    pair_free(&p);
    /* Slot 0 and pool 0: the id is 0. */
    pair_make(&p, NDIS_PROTOCOL_ID_DEFAULT, 0);
    NdisCopySendNetBufferListInfo(p.dst, p.src);
    check_slots(&p, send_slots, sizeof(send_slots) / sizeof(send_slots[0]), 0);
    pair_free(&p);
#endif
}

TEST(copy_receive_info_copies_exactly_the_receive_slots)
{
#if UNDIS_PTR64
    struct info_pair p;
    pair_make(&p, NDIS_PROTOCOL_ID_TCP_IP, (ULONG_PTR)0xABCDE1F5u);
    p.src->NblFlags |= NDIS_NBL_FLAGS_CAPTURE_TIMESTAMP_ON_TRANSMIT;
    NdisCopyReceiveNetBufferListInfo(p.dst, p.src);
    /* The frame-type slot is copied whole; no cancel id, no flags. */
    check_slots(&p, receive_slots, sizeof(receive_slots) / sizeof(receive_slots[0]), -1);
    CHECK_PTR_EQ(p.dst->NetBufferListInfo[NetBufferListCancelId],
                 p.before.NetBufferListInfo[NetBufferListCancelId]);
    CHECK_EQ_U32(p.dst->NblFlags, p.before.NblFlags);
    check_rest_untouched(&p);
    pair_free(&p);
#endif
}

TEST(copy_receive_info_loopback_copies_flag_and_cancel_id)
{
#if UNDIS_PTR64
    static int with_cancel[sizeof(receive_slots) / sizeof(receive_slots[0]) + 1];
    struct info_pair p;
    size_t n = sizeof(receive_slots) / sizeof(receive_slots[0]);
    memcpy(with_cancel, receive_slots, sizeof(receive_slots));
    with_cancel[n] = NetBufferListCancelId;
    pair_make(&p, NDIS_PROTOCOL_ID_TCP_IP, (ULONG_PTR)0x77u);
    p.src->NblFlags |= NDIS_NBL_FLAGS_IS_LOOPBACK_PACKET;
    NdisCopyReceiveNetBufferListInfo(p.dst, p.src);
    check_slots(&p, with_cancel, n + 1, -1);
    CHECK_EQ_U32(p.dst->NblFlags, p.before.NblFlags | NDIS_NBL_FLAGS_IS_LOOPBACK_PACKET);
    check_rest_untouched(&p);
    pair_free(&p);
#endif
}

/* Regression: freeing a derived NBL with several NBs used to leave the freed
 * NBs attached to the NBL, which the verifier (level >= 1) then reported as
 * NBL_FREED_WITH_FOREIGN_NB (and level 2 walked into freed memory). */
TEST(derived_multi_nb_free_is_clean_under_verifier)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    NET_BUFFER_POOL_PARAMETERS q;
    static UCHAR buf[200];
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool, nbp;
    NET_BUFFER_LIST *nbl, *clone, *frag;
    NET_BUFFER *nb2;
    PMDL mdl;
    undis_verifier_set_level(2);
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.fAllocateNetBuffer = TRUE;
    memset(&q, 0, sizeof(q));
    q.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    q.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    q.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    pool = NdisAllocateNetBufferListPool(NULL, &p);
    nbp = NdisAllocateNetBufferPool(NULL, &q);
    mdl = NdisAllocateMdl(NULL, buf, sizeof(buf));
    CHECK_NOT_NULL(pool);
    CHECK_NOT_NULL(nbp);
    CHECK_NOT_NULL(mdl);
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl, 0, 100);
    nb2 = NdisAllocateNetBuffer(nbp, mdl, 100, 100);
    CHECK_NOT_NULL(nbl);
    CHECK_NOT_NULL(nb2);
    nbl->FirstNetBuffer->Next = nb2;
    clone = NdisAllocateCloneNetBufferList(nbl, NULL, NULL, 0);
    CHECK_NOT_NULL(clone);
    NdisFreeCloneNetBufferList(clone, 0);
    frag = NdisAllocateFragmentNetBufferList(nbl, NULL, NULL, 0, 40, 14, 0, 0);
    CHECK_NOT_NULL(frag);
    NdisFreeFragmentNetBufferList(frag, 14, 0);
    nbl->FirstNetBuffer->Next = NULL;
    NdisFreeNetBuffer(nb2);
    NdisFreeNetBufferList(nbl);
    NdisFreeMdl(mdl);
    NdisFreeNetBufferListPool(pool);
    NdisFreeNetBufferPool(nbp);
    CHECK_EQ_U64(undis_verifier_report_count(), 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    undis_verifier_set_level(0);
}

TEST_MAIN_BEGIN
TEST_CASE(derived_multi_nb_free_is_clean_under_verifier)
TEST_CASE(copy_send_info_copies_exactly_the_send_slots)
TEST_CASE(copy_send_info_protocol_id_from_pool_when_slot_is_zero)
TEST_CASE(copy_receive_info_copies_exactly_the_receive_slots)
TEST_CASE(copy_receive_info_loopback_copies_flag_and_cancel_id)
TEST_MAIN_END
