/* SPDX-License-Identifier: MIT */
/*
 * driver_names_b.c: the names issue12-compat-b added for virtio-win's NetKVM,
 * xdp-for-windows and npcap, with the WDK's values and layouts, through the
 * headers those drivers include (C11 and C++17, gcc and clang, -m32, MinGW).
 */
#include <ntifs.h>
#include <ndis.h>
#include <ntstatus.h>
#include <winerror.h>

/* NDIS Poll Mode */
C_ASSERT(NDIS_ANY_NUMBER_OF_NBLS == 0xffffffffu);
C_ASSERT(NDIS_POLL_CHARACTERISTICS_REVISION_1 == 1);
C_ASSERT(NDIS_SIZEOF_NDIS_POLL_CHARACTERISTICS_REVISION_1 == 3 * sizeof(void *));
C_ASSERT(FIELD_OFFSET(NDIS_POLL_DATA, Transmit) == sizeof(void *));
C_ASSERT(FIELD_OFFSET(NDIS_POLL_TRANSMIT_DATA, CompletedNblChain) == 16);

/* receive hash, RSS, throttle, oper state, addresses */
C_ASSERT(NDIS_HASH_UDP_IPV4 == 0x00004000 && NDIS_HASH_UDP_IPV6_EX == 0x00010000);
C_ASSERT(NDIS_RSS_CAPS_HASH_TYPE_UDP_IPV6 == 0x00001000);
C_ASSERT(NdisHashFunctionToeplitz == 1);
C_ASSERT(NDIS_RECEIVE_HASH_FLAG_HASH_KEY_UNCHANGED == 4);
C_ASSERT(FIELD_OFFSET(NDIS_RECEIVE_HASH_PARAMETERS, HashSecretKeyOffset) == 16);
C_ASSERT(sizeof(NDIS_OPER_STATE) == 12);
C_ASSERT(NDIS_PROTOCOL_ID_IP6 == 3);
C_ASSERT(sizeof(NETWORK_ADDRESS_IP) == 16);
C_ASSERT(sizeof(NDIS_PM_PACKET_PATTERN) == 24);
C_ASSERT(NDIS_STATUS_INDICATION_REQUIRED == (NDIS_STATUS)0x40230001L);
C_ASSERT(NDIS_RUNTIME_VERSION_685 == 0x00060055u);

/* NDIS_OFFLOAD_PARAMETERS: VXLAN port, then USO as a named struct */
C_ASSERT(FIELD_OFFSET(NDIS_OFFLOAD_PARAMETERS, EncapsulationProtocolParameters) == 28);
C_ASSERT(FIELD_OFFSET(NDIS_OFFLOAD_PARAMETERS, UdpSegmentation.IPv6) == 33);
C_ASSERT(NDIS_OFFLOAD_PARAMETERS_UDP_SEG_ENABLED == 2);

/* NBL timestamps */
C_ASSERT(sizeof(NET_BUFFER_LIST_TIMESTAMP) == 8);

/* push locks, run-down, files, winerror */
C_ASSERT(sizeof(EX_PUSH_LOCK) == sizeof(void *));
C_ASSERT(sizeof(EX_RUNDOWN_REF) == sizeof(void *));
C_ASSERT(FILE_OPEN_IF == 3 && FILE_DOES_NOT_EXIST == 5);
C_ASSERT(FileIoCompletionNotificationInformation == 41);
C_ASSERT(FIELD_OFFSET(FILE_FULL_EA_INFORMATION, EaName) == 8);
C_ASSERT(DelayedWorkQueue == 1 && CustomPriorityWorkQueue == 32);
C_ASSERT(INVALID_PROCESSOR_INDEX == 0xffffffffu);
#ifndef _WIN32 /* the SDK's may be an inline function */
C_ASSERT(HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED) == (HRESULT)0x80070032L);
#endif
C_ASSERT(ERROR_INSUFFICIENT_BUFFER == 122 && ERROR_IO_PENDING == 997);
C_ASSERT(STATUS_FWP_ALREADY_EXISTS == (NTSTATUS)0xC0220009L);

/* RTL bitmap */
C_ASSERT(FIELD_OFFSET(RTL_BITMAP, Buffer) == sizeof(void *));

/* PCI configuration and MSI information */
C_ASSERT(PCI_TYPE0_ADDRESSES == 6);
C_ASSERT(FIELD_OFFSET(PCI_COMMON_HEADER, u.type0.CapabilitiesPtr) == 0x34);
C_ASSERT(FIELD_OFFSET(PCI_COMMON_CONFIG, DeviceSpecific) == 64);
C_ASSERT(FIELD_OFFSET(IO_INTERRUPT_MESSAGE_INFO, MessageInfo) == 8);

typedef enum _FIXTURE_FLAGS { FixtureA = 1, FixtureB = 2 } FIXTURE_FLAGS;
DEFINE_ENUM_FLAG_OPERATORS(FIXTURE_FLAGS)

ULONG64 undis_fixture_driver_names_b(NET_BUFFER_LIST *nbl);

ULONG64
undis_fixture_driver_names_b(NET_BUFFER_LIST *nbl)
{
    NET_BUFFER_LIST_TIMESTAMP t;
    t.Timestamp = 0x0123456789abcdefull;
    NdisSetNblTimestampInfo(nbl, &t);
    NdisGetNblTimestampInfo(nbl, &t);
    return t.Timestamp + NET_BUFFER_LIST_COALESCED_SEG_COUNT(nbl);
}
