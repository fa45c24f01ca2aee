/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/ntddndis.h>: the NDIS types shared by drivers and user mode
 * (ntddndis.h): media and physical media, link state and parameters,
 * device power and PnP capabilities, port numbers, interface statistics,
 * interrupt moderation, the task-offload descriptions (NDIS_OFFLOAD,
 * NDIS_OFFLOAD_PARAMETERS, checksum / LSO / IPsec / RSC), RSS capabilities
 * and parameters, PM capabilities, the request types, the object-type codes
 * of NDIS_OBJECT_HEADER.Type and the flag values, all with the WDK's names,
 * values and layouts, version-gated by NDIS_SUPPORT_NDISxxx.
 */
#ifndef UNDIS_NDIS_NTDDNDIS_H
#define UNDIS_NDIS_NTDDNDIS_H

#include "version.h"
#include "compiler.h"
#include "types.h"
#include "undis_assert.h"
#include "objectheader.h"
#include "ifdef.h"
#include "oids.h"

UNDIS_EXTERN_C_BEGIN
UNDIS_CXX_EXTENSIONS_BEGIN

typedef ULONG NDIS_PORT_NUMBER, *PNDIS_PORT_NUMBER;

#ifndef NDIS_IF_MAX_STRING_SIZE
#    define NDIS_IF_MAX_STRING_SIZE IF_MAX_STRING_SIZE
#endif
typedef NET_IF_MEDIA_CONNECT_STATE NDIS_MEDIA_CONNECT_STATE, *PNDIS_MEDIA_CONNECT_STATE;
typedef NET_IF_MEDIA_DUPLEX_STATE NDIS_MEDIA_DUPLEX_STATE, *PNDIS_MEDIA_DUPLEX_STATE;

#ifndef NDIS_OBJECT_TYPE_OID_REQUEST
#    define NDIS_OBJECT_TYPE_OID_REQUEST 0x96
#endif

/* ---- constants (flags, revisions, object types) -------------------------- */

#define NDIS_OBJECT_TYPE_MINIPORT_INIT_PARAMETERS                         0x81
#define NDIS_OBJECT_TYPE_SG_DMA_DESCRIPTION                               0x83
#define NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT                               0x84
#define NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES                         0x85
#define NDIS_OBJECT_TYPE_BIND_PARAMETERS                                  0x86
#define NDIS_OBJECT_TYPE_OPEN_PARAMETERS                                  0x87
#define NDIS_OBJECT_TYPE_RSS_CAPABILITIES                                 0x88
#define NDIS_OBJECT_TYPE_RSS_PARAMETERS                                   0x89
#define NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS                  0x8a
#define NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS                    0x8b
#define NDIS_OBJECT_TYPE_FILTER_PARTIAL_CHARACTERISTICS                   0x8c
#define NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES                                0x8d
#define NDIS_OBJECT_TYPE_CLIENT_CHIMNEY_OFFLOAD_GENERIC_CHARACTERISTICS   0x8e
#define NDIS_OBJECT_TYPE_PROVIDER_CHIMNEY_OFFLOAD_GENERIC_CHARACTERISTICS 0x8f
#define NDIS_OBJECT_TYPE_CO_PROTOCOL_CHARACTERISTICS                      0x90
#define NDIS_OBJECT_TYPE_CO_MINIPORT_CHARACTERISTICS                      0x91
#define NDIS_OBJECT_TYPE_MINIPORT_PNP_CHARACTERISTICS                     0x92
#define NDIS_OBJECT_TYPE_CLIENT_CHIMNEY_OFFLOAD_CHARACTERISTICS           0x93
#define NDIS_OBJECT_TYPE_PROVIDER_CHIMNEY_OFFLOAD_CHARACTERISTICS         0x94
#define NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS                  0x95
#define NDIS_OBJECT_TYPE_REQUEST_EX                                       0x96
#define NDIS_OBJECT_TYPE_OID_REQUEST                                      0x96
#define NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS                            0x97
#define NDIS_OBJECT_TYPE_STATUS_INDICATION                                0x98
#define NDIS_OBJECT_TYPE_FILTER_ATTACH_PARAMETERS                         0x99
#define NDIS_OBJECT_TYPE_FILTER_PAUSE_PARAMETERS                          0x9a
#define NDIS_OBJECT_TYPE_FILTER_RESTART_PARAMETERS                        0x9b
#define NDIS_OBJECT_TYPE_PORT_CHARACTERISTICS                             0x9c
#define NDIS_OBJECT_TYPE_PORT_STATE                                       0x9d
#define NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES         0x9e
#define NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES              0x9f
#define NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES              0xa0
#define NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES        0xa1
#define NDIS_OBJECT_TYPE_RESTART_GENERAL_ATTRIBUTES                       0xa2
#define NDIS_OBJECT_TYPE_PROTOCOL_RESTART_PARAMETERS                      0xa3
#define NDIS_OBJECT_TYPE_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES      0xa4
#define NDIS_OBJECT_TYPE_CO_CALL_MANAGER_OPTIONAL_HANDLERS                0xa5
#define NDIS_OBJECT_TYPE_CO_CLIENT_OPTIONAL_HANDLERS                      0xa6
#define NDIS_OBJECT_TYPE_OFFLOAD                                          0xa7
#define NDIS_OBJECT_TYPE_OFFLOAD_ENCAPSULATION                            0xa8
#define NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT                             0xa9
#define NDIS_OBJECT_TYPE_DRIVER_WRAPPER_OBJECT                            0xaa
#define NDIS_OBJECT_TYPE_HD_SPLIT_ATTRIBUTES                              0xab
#define NDIS_OBJECT_TYPE_NSI_NETWORK_RW_STRUCT                            0xac
#define NDIS_OBJECT_TYPE_NSI_COMPARTMENT_RW_STRUCT                        0xad
#define NDIS_OBJECT_TYPE_NSI_INTERFACE_PERSIST_RW_STRUCT                  0xae
#define NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES      0xaf
#define NDIS_OBJECT_TYPE_SHARED_MEMORY_PROVIDER_CHARACTERISTICS           0xb0
#define NDIS_OBJECT_TYPE_RSS_PROCESSOR_INFO                               0xb1
#define NDIS_OBJECT_TYPE_NDK_PROVIDER_CHARACTERISTICS                     0xb2
#define NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_NDK_ATTRIBUTES                  0xb3
#define NDIS_OBJECT_TYPE_MINIPORT_SS_CHARACTERISTICS                      0xb4
#define NDIS_OBJECT_TYPE_QOS_CAPABILITIES                                 0xb5
#define NDIS_OBJECT_TYPE_QOS_PARAMETERS                                   0xb6
#define NDIS_OBJECT_TYPE_QOS_CLASSIFICATION_ELEMENT                       0xb7
#define NDIS_OBJECT_TYPE_SWITCH_OPTIONAL_HANDLERS                         0xb8
#define NDIS_OBJECT_TYPE_IOCTL_OID_INFO                                   0xb9
#define NDIS_OBJECT_TYPE_LBFO_DIAGNOSTIC_OID                              0xba
#define NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_RCV                   0x00000001
#define NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_RCV                  0x00000002
#define NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_RCV                  0x00000004
#define NDIS_STATISTICS_FLAGS_VALID_BYTES_RCV                             0x00000008
#define NDIS_STATISTICS_FLAGS_VALID_RCV_DISCARDS                          0x00000010
#define NDIS_STATISTICS_FLAGS_VALID_RCV_ERROR                             0x00000020
#define NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_XMIT                  0x00000040
#define NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_XMIT                 0x00000080
#define NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_XMIT                 0x00000100
#define NDIS_STATISTICS_FLAGS_VALID_BYTES_XMIT                            0x00000200
#define NDIS_STATISTICS_FLAGS_VALID_XMIT_ERROR                            0x00000400
#define NDIS_STATISTICS_FLAGS_VALID_XMIT_DISCARDS                         0x00008000
#define NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_RCV                    0x00010000
#define NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_RCV                   0x00020000
#define NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_RCV                   0x00040000
#define NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_XMIT                   0x00080000
#define NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_XMIT                  0x00100000
#define NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_XMIT                  0x00200000
#define NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_RESET                      0x00000001
#define NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_REINITIALIZE               0x00000002
#define NDIS_STATISTICS_INFO_REVISION_1                                   1
#define NDIS_INTERRUPT_MODERATION_PARAMETERS_REVISION_1                   1
#define NDIS_OBJECT_TYPE_PCI_DEVICE_CUSTOM_PROPERTIES_REVISION_1          1
#define NDIS_OBJECT_TYPE_PCI_DEVICE_CUSTOM_PROPERTIES_REVISION_2          2
#define NDIS_PNP_WAKE_UP_MAGIC_PACKET                                     0x00000001
#define NDIS_PNP_WAKE_UP_PATTERN_MATCH                                    0x00000002
#define NDIS_PNP_WAKE_UP_LINK_CHANGE                                      0x00000004
#define NDIS_DEVICE_WAKE_UP_ENABLE                                        0x00000001
#define NDIS_DEVICE_WAKE_ON_PATTERN_MATCH_ENABLE                          0x00000002
#define NDIS_DEVICE_WAKE_ON_MAGIC_PACKET_ENABLE                           0x00000004
#define NDIS_PACKET_TYPE_DIRECTED                                         0x00000001
#define NDIS_PACKET_TYPE_MULTICAST                                        0x00000002
#define NDIS_PACKET_TYPE_ALL_MULTICAST                                    0x00000004
#define NDIS_PACKET_TYPE_BROADCAST                                        0x00000008
#define NDIS_PACKET_TYPE_SOURCE_ROUTING                                   0x00000010
#define NDIS_PACKET_TYPE_PROMISCUOUS                                      0x00000020
#define NDIS_PACKET_TYPE_SMT                                              0x00000040
#define NDIS_PACKET_TYPE_ALL_LOCAL                                        0x00000080
#define NDIS_PACKET_TYPE_GROUP                                            0x00001000
#define NDIS_PACKET_TYPE_ALL_FUNCTIONAL                                   0x00002000
#define NDIS_PACKET_TYPE_FUNCTIONAL                                       0x00004000
#define NDIS_PACKET_TYPE_MAC_FRAME                                        0x00008000
#define NDIS_PACKET_TYPE_NO_LOCAL                                         0x00010000
#define NDIS_MAC_OPTION_COPY_LOOKAHEAD_DATA                               0x00000001
#define NDIS_MAC_OPTION_RECEIVE_SERIALIZED                                0x00000002
#define NDIS_MAC_OPTION_TRANSFERS_NOT_PEND                                0x00000004
#define NDIS_MAC_OPTION_NO_LOOPBACK                                       0x00000008
#define NDIS_MAC_OPTION_FULL_DUPLEX                                       0x00000010
#define NDIS_MAC_OPTION_EOTX_INDICATION                                   0x00000020
#define NDIS_MAC_OPTION_8021P_PRIORITY                                    0x00000040
#define NDIS_MAC_OPTION_SUPPORTS_MAC_ADDRESS_OVERWRITE                    0x00000080
#define NDIS_MAC_OPTION_RECEIVE_AT_DPC                                    0x00000100
#define NDIS_MAC_OPTION_8021Q_VLAN                                        0x00000200
#define NDIS_MAC_OPTION_RESERVED                                          0x80000000
#define NDIS_MAX_PHYS_ADDRESS_LENGTH                                      IF_MAX_PHYS_ADDRESS_LENGTH
#define NDIS_LINK_STATE_XMIT_LINK_SPEED_AUTO_NEGOTIATED                   0x00000001
#define NDIS_LINK_STATE_RCV_LINK_SPEED_AUTO_NEGOTIATED                    0x00000002
#define NDIS_LINK_STATE_DUPLEX_AUTO_NEGOTIATED                            0x00000004
#define NDIS_LINK_STATE_PAUSE_FUNCTIONS_AUTO_NEGOTIATED                   0x00000008
#define NDIS_LINK_STATE_REVISION_1                                        1
#define NDIS_LINK_PARAMETERS_REVISION_1                                   1
#define NDIS_OFFLOAD_PARAMETERS_NO_CHANGE                                 0
#define NDIS_OFFLOAD_PARAMETERS_TX_RX_DISABLED                            1
#define NDIS_OFFLOAD_PARAMETERS_TX_ENABLED_RX_DISABLED                    2
#define NDIS_OFFLOAD_PARAMETERS_RX_ENABLED_TX_DISABLED                    3
#define NDIS_OFFLOAD_PARAMETERS_TX_RX_ENABLED                             4
#define NDIS_OFFLOAD_PARAMETERS_LSOV1_DISABLED                            1
#define NDIS_OFFLOAD_PARAMETERS_LSOV1_ENABLED                             2
#define NDIS_OFFLOAD_PARAMETERS_IPSECV1_DISABLED                          1
#define NDIS_OFFLOAD_PARAMETERS_IPSECV1_AH_ENABLED                        2
#define NDIS_OFFLOAD_PARAMETERS_IPSECV1_ESP_ENABLED                       3
#define NDIS_OFFLOAD_PARAMETERS_IPSECV1_AH_AND_ESP_ENABLED                4
#define NDIS_OFFLOAD_PARAMETERS_LSOV2_DISABLED                            1
#define NDIS_OFFLOAD_PARAMETERS_LSOV2_ENABLED                             2
#define NDIS_OFFLOAD_PARAMETERS_IPSECV2_DISABLED                          1
#define NDIS_OFFLOAD_PARAMETERS_IPSECV2_AH_ENABLED                        2
#define NDIS_OFFLOAD_PARAMETERS_IPSECV2_ESP_ENABLED                       3
#define NDIS_OFFLOAD_PARAMETERS_IPSECV2_AH_AND_ESP_ENABLED                4
#define NDIS_OFFLOAD_PARAMETERS_RSC_DISABLED                              1
#define NDIS_OFFLOAD_PARAMETERS_RSC_ENABLED                               2
#define NDIS_ENCAPSULATION_TYPE_GRE_MAC                                   0x00000001
#define NDIS_ENCAPSULATION_TYPE_MAX                                       NDIS_ENCAPSULATION_TYPE_GRE_MAC
#define NDIS_OFFLOAD_PARAMETERS_CONNECTION_OFFLOAD_DISABLED               1
#define NDIS_OFFLOAD_PARAMETERS_CONNECTION_OFFLOAD_ENABLED                2
#define NDIS_OFFLOAD_PARAMETERS_REVISION_1                                1
#define NDIS_OFFLOAD_PARAMETERS_REVISION_2                                2
#define NDIS_OFFLOAD_PARAMETERS_REVISION_3                                3
#define NDIS_OFFLOAD_PARAMETERS_REVISION_4                                4
#define NDIS_OFFLOAD_PARAMETERS_REVISION_5                                5
#define NDIS_OFFLOAD_PARAMETERS_USO_DISABLED                              1
#define NDIS_OFFLOAD_PARAMETERS_USO_ENABLED                               2
#define NDIS_OFFLOAD_PARAMETERS_SKIP_REGISTRY_UPDATE                      0x00000001
#define NDIS_OFFLOAD_NOT_SUPPORTED                                        0
#define NDIS_OFFLOAD_SUPPORTED                                            1
#define NDIS_OFFLOAD_SET_NO_CHANGE                                        0
#define NDIS_OFFLOAD_SET_ON                                               1
#define NDIS_OFFLOAD_SET_OFF                                              2
#define NDIS_ENCAPSULATION_NOT_SUPPORTED                                  0x00000000
#define NDIS_ENCAPSULATION_NULL                                           0x00000001
#define NDIS_ENCAPSULATION_IEEE_802_3                                     0x00000002
#define NDIS_ENCAPSULATION_IEEE_802_3_P_AND_Q                             0x00000004
#define NDIS_ENCAPSULATION_IEEE_802_3_P_AND_Q_IN_OOB                      0x00000008
#define NDIS_ENCAPSULATION_IEEE_LLC_SNAP_ROUTED                           0x00000010
#define NDIS_OFFLOAD_FLAGS_GROUP_CHECKSUM_CAPABILITIES                    0x1
#define NDIS_DEFAULT_PORT_NUMBER                                          ((NDIS_PORT_NUMBER)0)
#define NDIS_OFFLOAD_REVISION_1                                           1
#define NDIS_OFFLOAD_REVISION_2                                           2
#define NDIS_OFFLOAD_REVISION_3                                           3
#define NDIS_OFFLOAD_REVISION_4                                           4
#define NDIS_OFFLOAD_REVISION_5                                           5
#define NDIS_OFFLOAD_REVISION_6                                           6
#define NDIS_OFFLOAD_REVISION_7                                           7
#define NDIS_PM_WOL_BITMAP_PATTERN_SUPPORTED                              0x00000001
#define NDIS_PM_WOL_MAGIC_PACKET_SUPPORTED                                0x00000002
#define NDIS_PM_WOL_IPV4_TCP_SYN_SUPPORTED                                0x00000004
#define NDIS_PM_WOL_IPV6_TCP_SYN_SUPPORTED                                0x00000008
#define NDIS_PM_WOL_IPV4_DEST_ADDR_WILDCARD_SUPPORTED                     0x00000200
#define NDIS_PM_WOL_IPV6_DEST_ADDR_WILDCARD_SUPPORTED                     0x00000800
#define NDIS_PM_WOL_EAPOL_REQUEST_ID_MESSAGE_SUPPORTED                    0x00010000
#define NDIS_PM_PROTOCOL_OFFLOAD_ARP_SUPPORTED                            0x00000001
#define NDIS_PM_PROTOCOL_OFFLOAD_NS_SUPPORTED                             0x00000002
#define NDIS_PM_PROTOCOL_OFFLOAD_80211_RSN_REKEY_SUPPORTED                0x00000080
#define NDIS_PM_WAKE_ON_MEDIA_CONNECT_SUPPORTED                           0x00000001
#define NDIS_PM_WAKE_ON_MEDIA_DISCONNECT_SUPPORTED                        0x00000002
#define NDIS_PM_WAKE_PACKET_INDICATION_SUPPORTED                          0x00000001
#define NDIS_PM_SELECTIVE_SUSPEND_SUPPORTED                               0x00000002
#define NDIS_PM_WOL_BITMAP_PATTERN_ENABLED                                0x00000001
#define NDIS_PM_WOL_MAGIC_PACKET_ENABLED                                  0x00000002
#define NDIS_PM_WOL_IPV4_TCP_SYN_ENABLED                                  0x00000004
#define NDIS_PM_WOL_IPV6_TCP_SYN_ENABLED                                  0x00000008
#define NDIS_PM_WOL_IPV4_DEST_ADDR_WILDCARD_ENABLED                       0x00000200
#define NDIS_PM_WOL_IPV6_DEST_ADDR_WILDCARD_ENABLED                       0x00000800
#define NDIS_PM_WOL_EAPOL_REQUEST_ID_MESSAGE_ENABLED                      0x00010000
#define NDIS_PM_CAPABILITIES_REVISION_1                                   1
#define NDIS_PM_CAPABILITIES_REVISION_2                                   2
#define NDIS_RSS_CAPS_MESSAGE_SIGNALED_INTERRUPTS                         0x01000000
#define NDIS_RSS_CAPS_CLASSIFICATION_AT_ISR                               0x02000000
#define NDIS_RSS_CAPS_CLASSIFICATION_AT_DPC                               0x04000000
#define NDIS_RSS_CAPS_USING_MSI_X                                         0x08000000
#define NDIS_RSS_CAPS_RSS_AVAILABLE_ON_PORTS                              0x10000000
#define NDIS_RSS_CAPS_SUPPORTS_MSI_X                                      0x20000000
#define NDIS_RSS_CAPS_HASH_TYPE_TCP_IPV4                                  0x00000100
#define NDIS_RSS_CAPS_HASH_TYPE_TCP_IPV6                                  0x00000200
#define NDIS_RSS_CAPS_HASH_TYPE_TCP_IPV6_EX                               0x00000400
#define NDIS_HASH_FUNCTION_MASK                                           0x000000ff
#define NDIS_HASH_TYPE_MASK                                               0x00ffff00
#define NDIS_HASH_IPV4                                                    0x00000100
#define NDIS_HASH_TCP_IPV4                                                0x00000200
#define NDIS_HASH_IPV6                                                    0x00000400
#define NDIS_HASH_IPV6_EX                                                 0x00000800
#define NDIS_HASH_TCP_IPV6                                                0x00001000
#define NDIS_HASH_TCP_IPV6_EX                                             0x00002000
#define NDIS_RSS_PARAM_FLAG_BASE_CPU_UNCHANGED                            0x0001
#define NDIS_RSS_PARAM_FLAG_HASH_INFO_UNCHANGED                           0x0002
#define NDIS_RSS_PARAM_FLAG_ITABLE_UNCHANGED                              0x0004
#define NDIS_RSS_PARAM_FLAG_HASH_KEY_UNCHANGED                            0x0008
#define NDIS_RSS_PARAM_FLAG_DISABLE_RSS                                   0x0010
#define NDIS_RSS_PARAM_FLAG_DEFAULT_PROCESSOR_UNCHANGED                   0x0020
#define NDIS_RSS_INDIRECTION_TABLE_SIZE_REVISION_1                        128
#define NDIS_RSS_HASH_SECRET_KEY_SIZE_REVISION_1                          40
#define NDIS_RSS_INDIRECTION_TABLE_MAX_SIZE_REVISION_1                    128
#define NDIS_RSS_HASH_SECRET_KEY_MAX_SIZE_REVISION_1                      40
#define NDIS_RSS_HASH_SECRET_KEY_MAX_SIZE_REVISION_2                      40
#define NDIS_PORT_CHAR_USE_DEFAULT_AUTH_SETTINGS                          0x00000001
#define NDIS_RECEIVE_SCALE_CAPABILITIES_REVISION_1                        1
#define NDIS_PORT_STATE_REVISION_1                                        1
#define NDIS_PORT_CHARACTERISTICS_REVISION_1                              1
#define NDIS_RECEIVE_SCALE_PARAMETERS_REVISION_1                          1
#define NDIS_RECEIVE_SCALE_PARAMETERS_REVISION_2                          2
#define NDIS_RECEIVE_SCALE_CAPABILITIES_REVISION_2                        2
#define NDIS_RECEIVE_SCALE_CAPABILITIES_REVISION_3                        3
#define NDIS_RECEIVE_SCALE_PARAMETERS_REVISION_3                          3

/* ---- media ---------------------------------------------------------------- */

typedef enum _NDIS_MEDIUM {
    NdisMedium802_3,
    NdisMedium802_5,
    NdisMediumFddi,
    NdisMediumWan,
    NdisMediumLocalTalk,
    NdisMediumDix,
    NdisMediumArcnetRaw,
    NdisMediumArcnet878_2,
    NdisMediumAtm,
    NdisMediumWirelessWan,
    NdisMediumIrda,
    NdisMediumBpc,
    NdisMediumCoWan,
    NdisMedium1394,
    NdisMediumInfiniBand,
    NdisMediumTunnel,
    NdisMediumNative802_11,
    NdisMediumLoopback,
    NdisMediumWiMAX,
    NdisMediumIP,
    NdisMediumMax
} NDIS_MEDIUM,
    *PNDIS_MEDIUM;

typedef enum _NDIS_PHYSICAL_MEDIUM {
    NdisPhysicalMediumUnspecified,
    NdisPhysicalMediumWirelessLan,
    NdisPhysicalMediumCableModem,
    NdisPhysicalMediumPhoneLine,
    NdisPhysicalMediumPowerLine,
    NdisPhysicalMediumDSL,
    NdisPhysicalMediumFibreChannel,
    NdisPhysicalMedium1394,
    NdisPhysicalMediumWirelessWan,
    NdisPhysicalMediumNative802_11,
    NdisPhysicalMediumBluetooth,
    NdisPhysicalMediumInfiniband,
    NdisPhysicalMediumWiMax,
    NdisPhysicalMediumUWB,
    NdisPhysicalMedium802_3,
    NdisPhysicalMedium802_5,
    NdisPhysicalMediumIrda,
    NdisPhysicalMediumWiredWAN,
    NdisPhysicalMediumWiredCoWan,
    NdisPhysicalMediumOther,
    NdisPhysicalMediumNative802_15_4,
    NdisPhysicalMediumMax
} NDIS_PHYSICAL_MEDIUM,
    *PNDIS_PHYSICAL_MEDIUM;

typedef enum _NDIS_HARDWARE_STATUS {
    NdisHardwareStatusReady,
    NdisHardwareStatusInitializing,
    NdisHardwareStatusReset,
    NdisHardwareStatusClosing,
    NdisHardwareStatusNotReady
} NDIS_HARDWARE_STATUS,
    *PNDIS_HARDWARE_STATUS;

typedef enum _NDIS_MEDIA_STATE {
    NdisMediaStateConnected,
    NdisMediaStateDisconnected
} NDIS_MEDIA_STATE,
    *PNDIS_MEDIA_STATE;

typedef struct _NDIS_LINK_SPEED {
    ULONG64 XmitLinkSpeed;
    ULONG64 RcvLinkSpeed;
} NDIS_LINK_SPEED, *PNDIS_LINK_SPEED;

typedef enum _NDIS_SUPPORTED_PAUSE_FUNCTIONS {
    NdisPauseFunctionsUnsupported,
    NdisPauseFunctionsSendOnly,
    NdisPauseFunctionsReceiveOnly,
    NdisPauseFunctionsSendAndReceive,
    NdisPauseFunctionsUnknown
} NDIS_SUPPORTED_PAUSE_FUNCTIONS,
    *PNDIS_SUPPORTED_PAUSE_FUNCTIONS;

typedef struct _NDIS_LINK_STATE {
    NDIS_OBJECT_HEADER Header;
    NDIS_MEDIA_CONNECT_STATE MediaConnectState;
    NDIS_MEDIA_DUPLEX_STATE MediaDuplexState;
    ULONG64 XmitLinkSpeed;
    ULONG64 RcvLinkSpeed;
    NDIS_SUPPORTED_PAUSE_FUNCTIONS PauseFunctions;
    ULONG AutoNegotiationFlags;
} NDIS_LINK_STATE, *PNDIS_LINK_STATE;
#define NDIS_SIZEOF_LINK_STATE_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_LINK_STATE, AutoNegotiationFlags)

typedef struct _NDIS_LINK_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    NDIS_MEDIA_DUPLEX_STATE MediaDuplexState;
    ULONG64 XmitLinkSpeed;
    ULONG64 RcvLinkSpeed;
    NDIS_SUPPORTED_PAUSE_FUNCTIONS PauseFunctions;
    ULONG AutoNegotiationFlags;
} NDIS_LINK_PARAMETERS, *PNDIS_LINK_PARAMETERS;
#define NDIS_SIZEOF_LINK_PARAMETERS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_LINK_PARAMETERS, AutoNegotiationFlags)

#define NDIS_LINK_SPEED_UNKNOWN NET_IF_LINK_SPEED_UNKNOWN

/* ---- power and PnP ------------------------------------------------------------ */

typedef enum _NDIS_DEVICE_POWER_STATE {
    NdisDeviceStateUnspecified = 0,
    NdisDeviceStateD0,
    NdisDeviceStateD1,
    NdisDeviceStateD2,
    NdisDeviceStateD3,
    NdisDeviceStateMaximum
} NDIS_DEVICE_POWER_STATE,
    *PNDIS_DEVICE_POWER_STATE;

typedef struct _NDIS_PM_WAKE_UP_CAPABILITIES {
    NDIS_DEVICE_POWER_STATE MinMagicPacketWakeUp;
    NDIS_DEVICE_POWER_STATE MinPatternWakeUp;
    NDIS_DEVICE_POWER_STATE MinLinkChangeWakeUp;
} NDIS_PM_WAKE_UP_CAPABILITIES, *PNDIS_PM_WAKE_UP_CAPABILITIES;

typedef struct _NDIS_PNP_CAPABILITIES {
    ULONG Flags;
    NDIS_PM_WAKE_UP_CAPABILITIES WakeUpCapabilities;
} NDIS_PNP_CAPABILITIES, *PNDIS_PNP_CAPABILITIES;

typedef struct _NDIS_PM_CAPABILITIES {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG SupportedWoLPacketPatterns;
    ULONG NumTotalWoLPatterns;
    ULONG MaxWoLPatternSize;
    ULONG MaxWoLPatternOffset;
    ULONG MaxWoLPacketSaveBuffer;
    ULONG SupportedProtocolOffloads;
    ULONG NumArpOffloadIPv4Addresses;
    ULONG NumNSOffloadIPv6Addresses;
    NDIS_DEVICE_POWER_STATE MinMagicPacketWakeUp;
    NDIS_DEVICE_POWER_STATE MinPatternWakeUp;
    NDIS_DEVICE_POWER_STATE MinLinkChangeWakeUp;
#if NDIS_SUPPORT_NDIS630
    ULONG SupportedWakeUpEvents;
    ULONG MediaSpecificWakeUpEvents;
#endif
} NDIS_PM_CAPABILITIES, *PNDIS_PM_CAPABILITIES;
#define NDIS_SIZEOF_NDIS_PM_CAPABILITIES_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_PM_CAPABILITIES, MinLinkChangeWakeUp)
#if NDIS_SUPPORT_NDIS630
#    define NDIS_SIZEOF_NDIS_PM_CAPABILITIES_REVISION_2 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_PM_CAPABILITIES, MediaSpecificWakeUpEvents)
#endif

/* ---- requests, ports, network changes -------------------------------------- */

typedef enum _NDIS_REQUEST_TYPE {
    NdisRequestQueryInformation,
    NdisRequestSetInformation,
    NdisRequestQueryStatistics,
    NdisRequestOpen,
    NdisRequestClose,
    NdisRequestSend,
    NdisRequestTransferData,
    NdisRequestReset,
    NdisRequestGeneric1,
    NdisRequestGeneric2,
    NdisRequestGeneric3,
    NdisRequestGeneric4,
#if NDIS_SUPPORT_NDIS6
    NdisRequestMethod,
#endif
    NdisRequestMaximum
} NDIS_REQUEST_TYPE,
    *PNDIS_REQUEST_TYPE;

typedef enum _NDIS_PORT_TYPE {
    NdisPortTypeUndefined,
    NdisPortTypeBridge,
    NdisPortTypeRasConnection,
    NdisPortType8021xSupplicant,
#if NDIS_SUPPORT_NDIS630
    NdisPortTypeNdisImPlatform,
#endif
    NdisPortTypeMax
} NDIS_PORT_TYPE,
    *PNDIS_PORT_TYPE;

typedef enum _NDIS_PORT_AUTHORIZATION_STATE {
    NdisPortAuthorizationUnknown,
    NdisPortAuthorized,
    NdisPortUnauthorized,
    NdisPortReauthorizing
} NDIS_PORT_AUTHORIZATION_STATE,
    *PNDIS_PORT_AUTHORIZATION_STATE;

typedef enum _NDIS_PORT_CONTROL_STATE {
    NdisPortControlStateUnknown,
    NdisPortControlStateControlled,
    NdisPortControlStateUncontrolled
} NDIS_PORT_CONTROL_STATE,
    *PNDIS_PORT_CONTROL_STATE;

typedef enum _NDIS_NETWORK_CHANGE_TYPE {
    NdisPossibleNetworkChange = 1,
    NdisDefinitelyNetworkChange,
    NdisNetworkChangeFromMediaConnect,
    NdisNetworkChangeMax
} NDIS_NETWORK_CHANGE_TYPE,
    *PNDIS_NETWORK_CHANGE_TYPE;

/* ---- statistics and interrupt moderation ------------------------------------- */

typedef struct _NDIS_STATISTICS_INFO {
    NDIS_OBJECT_HEADER Header;
    ULONG SupportedStatistics;
    ULONG64 ifInDiscards;
    ULONG64 ifInErrors;
    ULONG64 ifHCInOctets;
    ULONG64 ifHCInUcastPkts;
    ULONG64 ifHCInMulticastPkts;
    ULONG64 ifHCInBroadcastPkts;
    ULONG64 ifHCOutOctets;
    ULONG64 ifHCOutUcastPkts;
    ULONG64 ifHCOutMulticastPkts;
    ULONG64 ifHCOutBroadcastPkts;
    ULONG64 ifOutErrors;
    ULONG64 ifOutDiscards;
    ULONG64 ifHCInUcastOctets;
    ULONG64 ifHCInMulticastOctets;
    ULONG64 ifHCInBroadcastOctets;
    ULONG64 ifHCOutUcastOctets;
    ULONG64 ifHCOutMulticastOctets;
    ULONG64 ifHCOutBroadcastOctets;
} NDIS_STATISTICS_INFO, *PNDIS_STATISTICS_INFO;
#define NDIS_SIZEOF_STATISTICS_INFO_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_STATISTICS_INFO, ifHCOutBroadcastOctets)

typedef enum _NDIS_INTERRUPT_MODERATION {
    NdisInterruptModerationUnknown,
    NdisInterruptModerationNotSupported,
    NdisInterruptModerationEnabled,
    NdisInterruptModerationDisabled
} NDIS_INTERRUPT_MODERATION,
    *PNDIS_INTERRUPT_MODERATION;

typedef struct _NDIS_INTERRUPT_MODERATION_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_INTERRUPT_MODERATION InterruptModeration;
} NDIS_INTERRUPT_MODERATION_PARAMETERS, *PNDIS_INTERRUPT_MODERATION_PARAMETERS;
#define NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_INTERRUPT_MODERATION_PARAMETERS, InterruptModeration)

/* ---- task offload ----------------------------------------------------------- */

typedef struct _NDIS_OFFLOAD_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    UCHAR IPv4Checksum;
    UCHAR TCPIPv4Checksum;
    UCHAR UDPIPv4Checksum;
    UCHAR TCPIPv6Checksum;
    UCHAR UDPIPv6Checksum;
    UCHAR LsoV1;
    UCHAR IPsecV1;
    UCHAR LsoV2IPv4;
    UCHAR LsoV2IPv6;
    UCHAR TcpConnectionIPv4;
    UCHAR TcpConnectionIPv6;
    ULONG Flags;
#if NDIS_SUPPORT_NDIS61
    UCHAR IPsecV2;
    UCHAR IPsecV2IPv4;
#endif
#if NDIS_SUPPORT_NDIS630
    struct {
        UCHAR RscIPv4;
        UCHAR RscIPv6;
    };
    struct {
        UCHAR EncapsulatedPacketTaskOffload;
        UCHAR EncapsulationTypes;
    };
#endif
#if NDIS_SUPPORT_NDIS680
    /* compat-b: VXLAN's port (NDIS 6.80), then USO (6.83) as a named struct,
     * as the WDK declares them (NetKVM writes UdpSegmentation.IPv4). */
    union _ENCAPSULATION_PROTOCOL_PARAMETERS {
        struct {
            USHORT VxlanUDPPortNumber;
        } VxlanParameters;
        ULONG Value;
    } EncapsulationProtocolParameters;
#endif
#if NDIS_SUPPORT_NDIS683
    struct {
        UCHAR IPv4; /* NDIS_OFFLOAD_PARAMETERS_UDP_SEG_* */
        UCHAR IPv6;
    } UdpSegmentation;
#endif
} NDIS_OFFLOAD_PARAMETERS, *PNDIS_OFFLOAD_PARAMETERS;
#define NDIS_OFFLOAD_PARAMETERS_UDP_SEG_DISABLED 1
#define NDIS_OFFLOAD_PARAMETERS_UDP_SEG_ENABLED  2
#define NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD_PARAMETERS, Flags)
#if NDIS_SUPPORT_NDIS61
#    define NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_2 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD_PARAMETERS, IPsecV2IPv4)
#endif
#if NDIS_SUPPORT_NDIS630
#    define NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_3 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD_PARAMETERS, EncapsulationTypes)
#endif
#if NDIS_SUPPORT_NDIS680
#    define NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_4 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD_PARAMETERS, EncapsulationProtocolParameters)
#endif
#if NDIS_SUPPORT_NDIS683
#    define NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_5 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD_PARAMETERS, UdpSegmentation)
#endif

typedef struct _NDIS_TCP_LARGE_SEND_OFFLOAD_V1 {
    struct {
        ULONG Encapsulation;
        ULONG MaxOffLoadSize;
        ULONG MinSegmentCount;
        ULONG TcpOptions : 2;
        ULONG IpOptions : 2;
    } IPv4;
} NDIS_TCP_LARGE_SEND_OFFLOAD_V1, *PNDIS_TCP_LARGE_SEND_OFFLOAD_V1;

typedef struct _NDIS_TCP_IP_CHECKSUM_OFFLOAD {
    struct {
        ULONG Encapsulation;
        ULONG IpOptionsSupported : 2;
        ULONG TcpOptionsSupported : 2;
        ULONG TcpChecksum : 2;
        ULONG UdpChecksum : 2;
        ULONG IpChecksum : 2;
    } IPv4Transmit;
    struct {
        ULONG Encapsulation;
        ULONG IpOptionsSupported : 2;
        ULONG TcpOptionsSupported : 2;
        ULONG TcpChecksum : 2;
        ULONG UdpChecksum : 2;
        ULONG IpChecksum : 2;
    } IPv4Receive;
    struct {
        ULONG Encapsulation;
        ULONG IpExtensionHeadersSupported : 2;
        ULONG TcpOptionsSupported : 2;
        ULONG TcpChecksum : 2;
        ULONG UdpChecksum : 2;
    } IPv6Transmit;
    struct {
        ULONG Encapsulation;
        ULONG IpExtensionHeadersSupported : 2;
        ULONG TcpOptionsSupported : 2;
        ULONG TcpChecksum : 2;
        ULONG UdpChecksum : 2;
    } IPv6Receive;
} NDIS_TCP_IP_CHECKSUM_OFFLOAD, *PNDIS_TCP_IP_CHECKSUM_OFFLOAD;

typedef struct _NDIS_IPSEC_OFFLOAD_V1 {
    struct {
        ULONG Encapsulation;
        ULONG AhEspCombined;
        ULONG TransportTunnelCombined;
        ULONG IPv4Options;
        ULONG Flags;
    } Supported;
    struct {
        ULONG Md5 : 2;
        ULONG Sha_1 : 2;
        ULONG Transport : 2;
        ULONG Tunnel : 2;
        ULONG Send : 2;
        ULONG Receive : 2;
    } IPv4AH;
    struct {
        ULONG Des : 2;
        ULONG Reserved : 2;
        ULONG TripleDes : 2;
        ULONG NullEsp : 2;
        ULONG Transport : 2;
        ULONG Tunnel : 2;
        ULONG Send : 2;
        ULONG Receive : 2;
    } IPv4ESP;
} NDIS_IPSEC_OFFLOAD_V1, *PNDIS_IPSEC_OFFLOAD_V1;

typedef struct _NDIS_TCP_LARGE_SEND_OFFLOAD_V2 {
    struct {
        ULONG Encapsulation;
        ULONG MaxOffLoadSize;
        ULONG MinSegmentCount;
    } IPv4;
    struct {
        ULONG Encapsulation;
        ULONG MaxOffLoadSize;
        ULONG MinSegmentCount;
        ULONG IpExtensionHeadersSupported : 2;
        ULONG TcpOptionsSupported : 2;
    } IPv6;
} NDIS_TCP_LARGE_SEND_OFFLOAD_V2, *PNDIS_TCP_LARGE_SEND_OFFLOAD_V2;

#if NDIS_SUPPORT_NDIS61
typedef struct _NDIS_IPSEC_OFFLOAD_V2 {
    ULONG Encapsulation;
    BOOLEAN IPv6Supported;
    BOOLEAN IPv4Options;
    BOOLEAN IPv6NonIPsecExtensionHeaders;
    BOOLEAN Ah;
    BOOLEAN Esp;
    BOOLEAN AhEspCombined;
    BOOLEAN Transport;
    BOOLEAN Tunnel;
    BOOLEAN TransportTunnelCombined;
    BOOLEAN LsoSupported;
    BOOLEAN ExtendedSequenceNumbers;
    ULONG UdpEsp;
    ULONG AuthenticationAlgorithms;
    ULONG EncryptionAlgorithms;
    ULONG SaOffloadCapacity;
} NDIS_IPSEC_OFFLOAD_V2, *PNDIS_IPSEC_OFFLOAD_V2;
#endif

#if NDIS_SUPPORT_NDIS630
typedef struct _NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD {
    struct {
        BOOLEAN Enabled;
    } IPv4;
    struct {
        BOOLEAN Enabled;
    } IPv6;
} NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD, *PNDIS_TCP_RECV_SEG_COALESCE_OFFLOAD;

typedef struct _NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD {
    ULONG TransmitChecksumOffloadSupported : 4;
    ULONG ReceiveChecksumOffloadSupported : 4;
    ULONG LsoV2Supported : 4;
    ULONG RssSupported : 4;
    ULONG VmqSupported : 4;
    ULONG MaxHeaderSizeSupported;
} NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD, *PNDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD;
#endif

#if NDIS_SUPPORT_NDIS650
/* compat-d: what NDIS_OFFLOAD gained after 6.30 (VXLAN in 6.50, 464XLAT in
 * 6.70, USO in 6.83), with the WDK's layout. */
typedef struct _NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2 {
    ULONG TransmitChecksumOffloadSupported : 4;
    ULONG ReceiveChecksumOffloadSupported : 4;
    ULONG LsoV2Supported : 4;
    ULONG RssSupported : 4;
    ULONG VmqSupported : 4;
    ULONG UsoSupported : 4;
    ULONG Reserved : 8;
    ULONG MaxHeaderSizeSupported;
    union _ENCAPSULATION_PROTOCOL_INFO {
        struct {
            USHORT VxlanUDPPortNumber;
            USHORT VxlanUDPPortNumberConfigurable : 1;
        } VxlanInfo;
        ULONG Value;
    } EncapsulationProtocolInfo;
    ULONG Reserved1;
    ULONG Reserved2;
} NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2, *PNDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2;
#endif
#if NDIS_SUPPORT_NDIS670
typedef enum _NDIS_RFC6877_464XLAT_OFFLOAD_OPTIONS {
    NDIS_RFC6877_464XLAT_OFFLOAD_NOT_SUPPORTED = 0,
    NDIS_RFC6877_464XLAT_OFFLOAD_DISABLED,
    NDIS_RFC6877_464XLAT_OFFLOAD_ENABLED,
    NDIS_RFC6877_464XLAT_OFFLOAD_ON_DEMAND
} NDIS_RFC6877_464XLAT_OFFLOAD_OPTIONS;
typedef struct _NDIS_RFC6877_464XLAT_OFFLOAD {
    NDIS_RFC6877_464XLAT_OFFLOAD_OPTIONS XlatOffload;
    ULONG Flags; /* reserved, 0 */
} NDIS_RFC6877_464XLAT_OFFLOAD, *PNDIS_RFC6877_464XLAT_OFFLOAD;
#endif
#if NDIS_SUPPORT_NDIS683
typedef struct _NDIS_UDP_SEGMENTATION_OFFLOAD {
    struct {
        ULONG Encapsulation;
        ULONG MaxOffLoadSize;
        ULONG MinSegmentCount : 6;
        ULONG SubMssFinalSegmentSupported : 1;
        ULONG Reserved : 25;
    } IPv4;
    struct {
        ULONG Encapsulation;
        ULONG MaxOffLoadSize;
        ULONG MinSegmentCount : 6;
        ULONG SubMssFinalSegmentSupported : 1;
        ULONG Reserved1 : 25;
        ULONG IpExtensionHeadersSupported : 2;
        ULONG Reserved2 : 30;
    } IPv6;
} NDIS_UDP_SEGMENTATION_OFFLOAD, *PNDIS_UDP_SEGMENTATION_OFFLOAD;
#endif

typedef struct _NDIS_OFFLOAD {
    NDIS_OBJECT_HEADER Header;
    NDIS_TCP_IP_CHECKSUM_OFFLOAD Checksum;
    NDIS_TCP_LARGE_SEND_OFFLOAD_V1 LsoV1;
    NDIS_IPSEC_OFFLOAD_V1 IPsecV1;
    NDIS_TCP_LARGE_SEND_OFFLOAD_V2 LsoV2;
    ULONG Flags;
#if NDIS_SUPPORT_NDIS61
    NDIS_IPSEC_OFFLOAD_V2 IPsecV2;
#endif
#if NDIS_SUPPORT_NDIS630
    NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD Rsc;
    NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD EncapsulatedPacketTaskOffloadGre;
#endif
#if NDIS_SUPPORT_NDIS650
    NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2 EncapsulatedPacketTaskOffloadVxlan;
    UCHAR EncapsulationTypes;
#endif
#if NDIS_SUPPORT_NDIS670
    NDIS_RFC6877_464XLAT_OFFLOAD Rfc6877Xlat;
#endif
#if NDIS_SUPPORT_NDIS683
    NDIS_UDP_SEGMENTATION_OFFLOAD UdpSegmentation;
#endif
} NDIS_OFFLOAD, *PNDIS_OFFLOAD;
#define NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD, Flags)
#if NDIS_SUPPORT_NDIS61
#    define NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD, IPsecV2)
#endif
#if NDIS_SUPPORT_NDIS630
#    define NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_3 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD, EncapsulatedPacketTaskOffloadGre)
#endif
#if NDIS_SUPPORT_NDIS650
#    define NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_4 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD, EncapsulationTypes)
#endif
#if NDIS_SUPPORT_NDIS670
#    define NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_5 RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD, Rfc6877Xlat)
#endif
#if NDIS_SUPPORT_NDIS683
/* Revision 7 (NDIS 6.85) adds no member: its size is revision 6's. */
#    define NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_6 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD, UdpSegmentation)
#    define NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_7 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD, UdpSegmentation)
#endif

typedef struct _NDIS_OFFLOAD_ENCAPSULATION {
    NDIS_OBJECT_HEADER Header;
    struct {
        ULONG Enabled;
        ULONG EncapsulationType;
        ULONG HeaderSize;
    } IPv4;
    struct {
        ULONG Enabled;
        ULONG EncapsulationType;
        ULONG HeaderSize;
    } IPv6;
} NDIS_OFFLOAD_ENCAPSULATION, *PNDIS_OFFLOAD_ENCAPSULATION;
#define NDIS_OFFLOAD_ENCAPSULATION_REVISION_1 1
#define NDIS_SIZEOF_OFFLOAD_ENCAPSULATION_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD_ENCAPSULATION, IPv6.HeaderSize)

/* ---- receive-side scaling ------------------------------------------------------ */

typedef struct _NDIS_RECEIVE_SCALE_CAPABILITIES {
    NDIS_OBJECT_HEADER Header;
    ULONG CapabilitiesFlags;
    ULONG NumberOfInterruptMessages;
    ULONG NumberOfReceiveQueues;
#if NDIS_SUPPORT_NDIS630
    USHORT NumberOfIndirectionTableEntries;
#endif
} NDIS_RECEIVE_SCALE_CAPABILITIES, *PNDIS_RECEIVE_SCALE_CAPABILITIES;
#define NDIS_SIZEOF_RECEIVE_SCALE_CAPABILITIES_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_SCALE_CAPABILITIES, NumberOfReceiveQueues)
#if NDIS_SUPPORT_NDIS630
#    define NDIS_SIZEOF_RECEIVE_SCALE_CAPABILITIES_REVISION_2 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_SCALE_CAPABILITIES, NumberOfIndirectionTableEntries)
/* Revision 3 (NDIS 6.60) adds no member. */
#    define NDIS_SIZEOF_RECEIVE_SCALE_CAPABILITIES_REVISION_3 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_SCALE_CAPABILITIES, NumberOfIndirectionTableEntries)
#endif

typedef struct _NDIS_RECEIVE_SCALE_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    USHORT Flags;
    USHORT BaseCpuNumber;
    ULONG HashInformation;
    USHORT IndirectionTableSize;
    ULONG IndirectionTableOffset;
    USHORT HashSecretKeySize;
    ULONG HashSecretKeyOffset;
#if NDIS_SUPPORT_NDIS620
    ULONG ProcessorMasksOffset;
    ULONG NumberOfProcessorMasks;
    ULONG ProcessorMasksEntrySize;
#endif
#if NDIS_SUPPORT_NDIS660
    PROCESSOR_NUMBER DefaultProcessorNumber; /* revision 3 (compat-d) */
#endif
} NDIS_RECEIVE_SCALE_PARAMETERS, *PNDIS_RECEIVE_SCALE_PARAMETERS;
#define NDIS_SIZEOF_RECEIVE_SCALE_PARAMETERS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_SCALE_PARAMETERS, HashSecretKeyOffset)
#if NDIS_SUPPORT_NDIS620
#    define NDIS_SIZEOF_RECEIVE_SCALE_PARAMETERS_REVISION_2 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_SCALE_PARAMETERS, ProcessorMasksEntrySize)
#endif
#if NDIS_SUPPORT_NDIS660
#    define NDIS_SIZEOF_RECEIVE_SCALE_PARAMETERS_REVISION_3 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_SCALE_PARAMETERS, DefaultProcessorNumber)
#endif

/* RSS hash: the function in the low byte, the types above it. */
#define NDIS_RSS_HASH_FUNC_FROM_HASH_INFO(HashInfo)                   ((HashInfo)&0x000000FF)
#define NDIS_RSS_HASH_TYPE_FROM_HASH_INFO(HashInfo)                   ((HashInfo)&0x00FFFF00)
#define NDIS_RSS_HASH_INFO_FROM_TYPE_AND_FUNC(HashType, HashFunction) ((HashType) | (HashFunction))

/* ---- layout checks (sizes as the WDK's) --------------------------------------- */

UNDIS_C_ASSERT(sizeof(NDIS_LINK_STATE) == 40);
UNDIS_C_ASSERT(NDIS_SIZEOF_STATISTICS_INFO_REVISION_1 == 152);
UNDIS_C_ASSERT(sizeof(NDIS_TCP_IP_CHECKSUM_OFFLOAD) == 32);
UNDIS_C_ASSERT(sizeof(NDIS_TCP_LARGE_SEND_OFFLOAD_V1) == 16);
UNDIS_C_ASSERT(sizeof(NDIS_TCP_LARGE_SEND_OFFLOAD_V2) == 28);
UNDIS_C_ASSERT(NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_1 == 20);
UNDIS_C_ASSERT(NDIS_SIZEOF_RECEIVE_SCALE_PARAMETERS_REVISION_1 == 28);

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_NTDDNDIS_H */
