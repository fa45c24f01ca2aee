/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/datapath.h>: the data-path vocabulary around the NBLs (ndis.h
 * in the WDK): port numbers, the send / send-complete / receive / return
 * flags and their NDIS_TEST_* / NDIS_SET_* helpers, the filter, miniport and
 * protocol data-path handler types, the prototypes of the NDIS send and
 * indicate hand-offs, and the Hyper-V switch forwarding detail.
 *
 * The hand-offs (NdisFSendNetBufferLists, NdisMIndicateReceiveNetBufferLists,
 * ...) are declared with the WDK's signatures but NOT defined by libundis:
 * undis does not host a binding stack (yet). A test harness that runs a
 * driver's data path defines the ones the driver calls: it plays NDIS and
 * the neighbouring drivers. See docs/porting.md.
 */
#ifndef UNDIS_NDIS_DATAPATH_H
#define UNDIS_NDIS_DATAPATH_H

#include "types.h"
#include "nbl.h"
#include "nblaccessors.h"
#include "ethernet.h"

UNDIS_EXTERN_C_BEGIN

typedef ULONG NDIS_PORT_NUMBER, *PNDIS_PORT_NUMBER;
#define NDIS_DEFAULT_PORT_NUMBER ((NDIS_PORT_NUMBER)0)

/* ---- flags ---------------------------------------------------------------- */

#define NDIS_SEND_FLAGS_DISPATCH_LEVEL           0x00000001
#define NDIS_SEND_FLAGS_CHECK_FOR_LOOPBACK       0x00000002
#define NDIS_SEND_FLAGS_SINGLE_QUEUE             0x00000004
#define NDIS_SEND_FLAGS_SWITCH_DESTINATION_GROUP 0x00000010
#define NDIS_SEND_FLAGS_SWITCH_SINGLE_SOURCE     0x00000020

#define NDIS_TEST_SEND_FLAG(_Flags, _Fl) (((_Flags) & (_Fl)) == (_Fl))
#define NDIS_SET_SEND_FLAG(_Flags, _Fl)  ((_Flags) |= (_Fl))
#define NDIS_TEST_SEND_AT_DISPATCH_LEVEL(_Flags) \
    NDIS_TEST_SEND_FLAG((_Flags), NDIS_SEND_FLAGS_DISPATCH_LEVEL)

#define NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL       0x00000001
#define NDIS_SEND_COMPLETE_FLAGS_SINGLE_QUEUE         0x00000002
#define NDIS_SEND_COMPLETE_FLAGS_SWITCH_SINGLE_SOURCE 0x00000004

#define NDIS_TEST_SEND_COMPLETE_FLAG(_Flags, _Fl) (((_Flags) & (_Fl)) == (_Fl))
#define NDIS_SET_SEND_COMPLETE_FLAG(_Flags, _Fl)  ((_Flags) |= (_Fl))
#define NDIS_TEST_SEND_COMPLETE_AT_DISPATCH_LEVEL(_Flags) \
    NDIS_TEST_SEND_COMPLETE_FLAG((_Flags), NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL)

#define NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL           0x00000001
#define NDIS_RECEIVE_FLAGS_RESOURCES                0x00000002
#define NDIS_RECEIVE_FLAGS_SINGLE_ETHER_TYPE        0x00000100
#define NDIS_RECEIVE_FLAGS_SINGLE_VLAN              0x00000200
#define NDIS_RECEIVE_FLAGS_PERFECT_FILTERED         0x00000400
#define NDIS_RECEIVE_FLAGS_SINGLE_QUEUE             0x00000800
#define NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID 0x00001000
#define NDIS_RECEIVE_FLAGS_MORE_NBLS                0x00002000
#define NDIS_RECEIVE_FLAGS_SWITCH_SINGLE_SOURCE     0x00004000
#define NDIS_RECEIVE_FLAGS_SWITCH_DESTINATION_GROUP 0x00008000

#define NDIS_TEST_RECEIVE_FLAG(_Flags, _Fl) (((_Flags) & (_Fl)) == (_Fl))
#define NDIS_SET_RECEIVE_FLAG(_Flags, _Fl)  ((_Flags) |= (_Fl))
#define NDIS_TEST_RECEIVE_AT_DISPATCH_LEVEL(_Flags) \
    NDIS_TEST_RECEIVE_FLAG((_Flags), NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL)
#define NDIS_TEST_RECEIVE_CANNOT_PEND(_Flags) \
    NDIS_TEST_RECEIVE_FLAG((_Flags), NDIS_RECEIVE_FLAGS_RESOURCES)
#define NDIS_TEST_RECEIVE_CAN_PEND(_Flags) (((_Flags)&NDIS_RECEIVE_FLAGS_RESOURCES) == 0)

#define NDIS_RETURN_FLAGS_DISPATCH_LEVEL       0x00000001
#define NDIS_RETURN_FLAGS_SWITCH_SINGLE_SOURCE 0x00000002
#define NDIS_RETURN_FLAGS_SINGLE_QUEUE         0x00000004

#define NDIS_TEST_RETURN_FLAG(_Flags, _Fl) (((_Flags) & (_Fl)) == (_Fl))
#define NDIS_SET_RETURN_FLAG(_Flags, _Fl)  ((_Flags) |= (_Fl))
#define NDIS_TEST_RETURN_AT_DISPATCH_LEVEL(_Flags) \
    NDIS_TEST_RETURN_FLAG((_Flags), NDIS_RETURN_FLAGS_DISPATCH_LEVEL)

/* ---- filter handlers ------------------------------------------------------- */

typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(FILTER_SEND_NET_BUFFER_LISTS) VOID
    FILTER_SEND_NET_BUFFER_LISTS(_In_ NDIS_HANDLE FilterModuleContext,
                                 _In_ PNET_BUFFER_LIST NetBufferList,
                                 _In_ NDIS_PORT_NUMBER PortNumber,
                                 _In_ ULONG SendFlags);
typedef FILTER_SEND_NET_BUFFER_LISTS(*FILTER_SEND_NET_BUFFER_LISTS_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL)
    _Function_class_(FILTER_SEND_NET_BUFFER_LISTS_COMPLETE) VOID
    FILTER_SEND_NET_BUFFER_LISTS_COMPLETE(_In_ NDIS_HANDLE FilterModuleContext,
                                          _In_ PNET_BUFFER_LIST NetBufferList,
                                          _In_ ULONG SendCompleteFlags);
typedef FILTER_SEND_NET_BUFFER_LISTS_COMPLETE(*FILTER_SEND_NET_BUFFER_LISTS_COMPLETE_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL)
    _Function_class_(FILTER_CANCEL_SEND_NET_BUFFER_LISTS) VOID
    FILTER_CANCEL_SEND_NET_BUFFER_LISTS(_In_ NDIS_HANDLE FilterModuleContext, _In_ PVOID CancelId);
typedef FILTER_CANCEL_SEND_NET_BUFFER_LISTS(*FILTER_CANCEL_SEND_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(FILTER_RECEIVE_NET_BUFFER_LISTS) VOID
    FILTER_RECEIVE_NET_BUFFER_LISTS(_In_ NDIS_HANDLE FilterModuleContext,
                                    _In_ PNET_BUFFER_LIST NetBufferLists,
                                    _In_ NDIS_PORT_NUMBER PortNumber,
                                    _In_ ULONG NumberOfNetBufferLists,
                                    _In_ ULONG ReceiveFlags);
typedef FILTER_RECEIVE_NET_BUFFER_LISTS(*FILTER_RECEIVE_NET_BUFFER_LISTS_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(FILTER_RETURN_NET_BUFFER_LISTS) VOID
    FILTER_RETURN_NET_BUFFER_LISTS(_In_ NDIS_HANDLE FilterModuleContext,
                                   _In_ PNET_BUFFER_LIST NetBufferLists,
                                   _In_ ULONG ReturnFlags);
typedef FILTER_RETURN_NET_BUFFER_LISTS(*FILTER_RETURN_NET_BUFFER_LISTS_HANDLER);

/* ---- miniport handlers ------------------------------------------------------ */

typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(MINIPORT_SEND_NET_BUFFER_LISTS) VOID
    MINIPORT_SEND_NET_BUFFER_LISTS(_In_ NDIS_HANDLE MiniportAdapterContext,
                                   _In_ PNET_BUFFER_LIST NetBufferList,
                                   _In_ NDIS_PORT_NUMBER PortNumber,
                                   _In_ ULONG SendFlags);
typedef MINIPORT_SEND_NET_BUFFER_LISTS(*MINIPORT_SEND_NET_BUFFER_LISTS_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(MINIPORT_RETURN_NET_BUFFER_LISTS) VOID
    MINIPORT_RETURN_NET_BUFFER_LISTS(_In_ NDIS_HANDLE MiniportAdapterContext,
                                     _In_ PNET_BUFFER_LIST NetBufferLists,
                                     _In_ ULONG ReturnFlags);
typedef MINIPORT_RETURN_NET_BUFFER_LISTS(*MINIPORT_RETURN_NET_BUFFER_LISTS_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(MINIPORT_CANCEL_SEND) VOID
    MINIPORT_CANCEL_SEND(_In_ NDIS_HANDLE MiniportAdapterContext, _In_ PVOID CancelId);
typedef MINIPORT_CANCEL_SEND(*MINIPORT_CANCEL_SEND_HANDLER);

/* ---- protocol handlers ------------------------------------------------------ */

typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(PROTOCOL_RECEIVE_NET_BUFFER_LISTS) VOID
    PROTOCOL_RECEIVE_NET_BUFFER_LISTS(_In_ NDIS_HANDLE ProtocolBindingContext,
                                      _In_ PNET_BUFFER_LIST NetBufferLists,
                                      _In_ NDIS_PORT_NUMBER PortNumber,
                                      _In_ ULONG NumberOfNetBufferLists,
                                      _In_ ULONG ReceiveFlags);
typedef PROTOCOL_RECEIVE_NET_BUFFER_LISTS(*RECEIVE_NET_BUFFER_LISTS_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL)
    _Function_class_(PROTOCOL_SEND_NET_BUFFER_LISTS_COMPLETE) VOID
    PROTOCOL_SEND_NET_BUFFER_LISTS_COMPLETE(_In_ NDIS_HANDLE ProtocolBindingContext,
                                            _In_ PNET_BUFFER_LIST NetBufferList,
                                            _In_ ULONG SendCompleteFlags);
typedef PROTOCOL_SEND_NET_BUFFER_LISTS_COMPLETE(*SEND_NET_BUFFER_LISTS_COMPLETE_HANDLER);

/* ---- the NDIS hand-offs: declared here, defined by the test harness -------- */

_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisFSendNetBufferLists(_In_ NDIS_HANDLE NdisFilterHandle,
                            _In_ PNET_BUFFER_LIST NetBufferList,
                            _In_ NDIS_PORT_NUMBER PortNumber,
                            _In_ ULONG SendFlags);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisFSendNetBufferListsComplete(_In_ NDIS_HANDLE NdisFilterHandle,
                                    _In_ PNET_BUFFER_LIST NetBufferList,
                                    _In_ ULONG SendCompleteFlags);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisFIndicateReceiveNetBufferLists(_In_ NDIS_HANDLE NdisFilterHandle,
                                       _In_ PNET_BUFFER_LIST NetBufferLists,
                                       _In_ NDIS_PORT_NUMBER PortNumber,
                                       _In_ ULONG NumberOfNetBufferLists,
                                       _In_ ULONG ReceiveFlags);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisFReturnNetBufferLists(_In_ NDIS_HANDLE NdisFilterHandle,
                              _In_ PNET_BUFFER_LIST NetBufferLists,
                              _In_ ULONG ReturnFlags);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisFCancelSendNetBufferLists(_In_ NDIS_HANDLE NdisFilterHandle, _In_ PVOID CancelId);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisMIndicateReceiveNetBufferLists(_In_ NDIS_HANDLE MiniportAdapterHandle,
                                       _In_ PNET_BUFFER_LIST NetBufferList,
                                       _In_ NDIS_PORT_NUMBER PortNumber,
                                       _In_ ULONG NumberOfNetBufferLists,
                                       _In_ ULONG ReceiveFlags);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisMSendNetBufferListsComplete(_In_ NDIS_HANDLE MiniportAdapterHandle,
                                    _In_ PNET_BUFFER_LIST NetBufferList,
                                    _In_ ULONG SendCompleteFlags);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisSendNetBufferLists(_In_ NDIS_HANDLE NdisBindingHandle,
                           _In_ PNET_BUFFER_LIST NetBufferLists,
                           _In_ NDIS_PORT_NUMBER PortNumber,
                           _In_ ULONG SendFlags);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisReturnNetBufferLists(_In_ NDIS_HANDLE NdisBindingHandle,
                             _In_ PNET_BUFFER_LIST NetBufferLists,
                             _In_ ULONG ReturnFlags);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisCancelSendNetBufferLists(_In_ NDIS_HANDLE NdisBindingHandle, _In_ PVOID CancelId);

/* ---- Hyper-V extensible switch forwarding detail ---------------------------- */

#if NDIS_SUPPORT_NDIS630
typedef UINT32 NDIS_SWITCH_PORT_ID, *PNDIS_SWITCH_PORT_ID;
typedef USHORT NDIS_SWITCH_NIC_INDEX, *PNDIS_SWITCH_NIC_INDEX;

#    if defined(__cplusplus) && defined(__GNUC__)
#        pragma GCC diagnostic push
#        pragma GCC diagnostic ignored "-Wpedantic"
#    endif
typedef union _NDIS_SWITCH_FORWARDING_DETAIL_NET_BUFFER_LIST_INFO {
    UINT64 AsUINT64;
    struct {
        UINT32 NumAvailableDestinations : 16;
        UINT32 SourcePortId : 16;
        UINT32 SourceNicIndex : 8;
        UINT32 NativeForwardingRequired : 1;
        UINT32 Reserved1 : 1;
        UINT32 IsPacketDataSafe : 1;
        UINT32 SafePacketDataSize : 12;
        UINT32 Reserved2 : 9;
    };
} NDIS_SWITCH_FORWARDING_DETAIL_NET_BUFFER_LIST_INFO,
    *PNDIS_SWITCH_FORWARDING_DETAIL_NET_BUFFER_LIST_INFO;
#    if defined(__cplusplus) && defined(__GNUC__)
#        pragma GCC diagnostic pop
#    endif

#    ifdef __cplusplus
static_assert(sizeof(NDIS_SWITCH_FORWARDING_DETAIL_NET_BUFFER_LIST_INFO) == 8, "layout");
#    else
_Static_assert(sizeof(NDIS_SWITCH_FORWARDING_DETAIL_NET_BUFFER_LIST_INFO) == 8, "layout");
#    endif

/* The 8-byte detail lives in NetBufferListInfo[SwitchForwardingDetail] on
 * 64-bit and across the two 32-bit slots from
 * SwitchForwardingDetail_b0_to_b31 on 32-bit. */
#    if UNDIS_PTR64
#        define NET_BUFFER_LIST_SWITCH_FORWARDING_DETAIL(_NBL)                           \
            ((PNDIS_SWITCH_FORWARDING_DETAIL_NET_BUFFER_LIST_INFO)&NET_BUFFER_LIST_INFO( \
                (_NBL), SwitchForwardingDetail))
#    else
#        define NET_BUFFER_LIST_SWITCH_FORWARDING_DETAIL(_NBL)                           \
            ((PNDIS_SWITCH_FORWARDING_DETAIL_NET_BUFFER_LIST_INFO)&NET_BUFFER_LIST_INFO( \
                (_NBL), SwitchForwardingDetail_b0_to_b31))
#    endif
#endif

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_DATAPATH_H */
