/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/vswitch.h>: the Hyper-V extensible switch objects as
 * ntddndis.h declares them (NDIS 6.30): switch, port and network-adapter
 * names, types, states and parameter structures, with the WDK's names,
 * values and layouts. The port and NIC identifiers and the forwarding
 * detail are in <ndis/datapath.h>. The switch context and the optional
 * handler table (NDIS_SWITCH_OPTIONAL_HANDLERS) are not declared yet.
 */
#ifndef UNDIS_NDIS_VSWITCH_H
#define UNDIS_NDIS_VSWITCH_H

#include "compiler.h"
#include "datapath.h"
#include "ifdef.h"
#include "ntddndis.h"
#include "objectheader.h"
#include "oidrequest.h"
#include "rxfilter.h"
#include "types.h"
#include "version.h"

#if NDIS_SUPPORT_NDIS630

UNDIS_EXTERN_C_BEGIN

typedef NDIS_IF_COUNTED_STRING NDIS_SWITCH_NAME, *PNDIS_SWITCH_NAME;
typedef NDIS_IF_COUNTED_STRING NDIS_SWITCH_FRIENDLYNAME, *PNDIS_SWITCH_FRIENDLYNAME;
typedef NDIS_IF_COUNTED_STRING NDIS_SWITCH_PORT_NAME, *PNDIS_SWITCH_PORT_NAME;
typedef NDIS_IF_COUNTED_STRING NDIS_SWITCH_PORT_FRIENDLYNAME, *PNDIS_SWITCH_PORT_FRIENDLYNAME;
typedef NDIS_IF_COUNTED_STRING NDIS_SWITCH_NIC_NAME, *PNDIS_SWITCH_NIC_NAME;
typedef NDIS_IF_COUNTED_STRING NDIS_SWITCH_NIC_FRIENDLYNAME, *PNDIS_SWITCH_NIC_FRIENDLYNAME;

typedef PVOID NDIS_SWITCH_CONTEXT, *PNDIS_SWITCH_CONTEXT;

#    define NDIS_SWITCH_DEFAULT_PORT_ID   0
#    define NDIS_SWITCH_DEFAULT_NIC_INDEX 0

#    define NDIS_SWITCH_PARAMETERS_REVISION_1      1
#    define NDIS_SWITCH_PORT_PARAMETERS_REVISION_1 1
#    define NDIS_SWITCH_PORT_ARRAY_REVISION_1      1
#    define NDIS_SWITCH_NIC_PARAMETERS_REVISION_1  1
#    define NDIS_SWITCH_NIC_ARRAY_REVISION_1       1

typedef struct _NDIS_SWITCH_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_SWITCH_NAME SwitchName;
    NDIS_SWITCH_FRIENDLYNAME SwitchFriendlyName;
    UINT32 NumSwitchPorts;
    BOOLEAN IsActive;
} NDIS_SWITCH_PARAMETERS, *PNDIS_SWITCH_PARAMETERS;

typedef enum _NDIS_SWITCH_PORT_TYPE {
    NdisSwitchPortTypeGeneric = 0,
    NdisSwitchPortTypeExternal = 1,
    NdisSwitchPortTypeSynthetic = 2,
    NdisSwitchPortTypeEmulated = 3,
    NdisSwitchPortTypeInternal = 4
} NDIS_SWITCH_PORT_TYPE;

typedef enum _NDIS_SWITCH_PORT_STATE {
    NdisSwitchPortStateUnknown = 0,
    NdisSwitchPortStateCreated = 1,
    NdisSwitchPortStateTeardown = 2,
    NdisSwitchPortStateDeleted = 3
} NDIS_SWITCH_PORT_STATE;

typedef struct _NDIS_SWITCH_PORT_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_SWITCH_PORT_ID PortId;
    NDIS_SWITCH_PORT_NAME PortName;
    NDIS_SWITCH_PORT_FRIENDLYNAME PortFriendlyName;
    NDIS_SWITCH_PORT_TYPE PortType;
    BOOLEAN IsValidationPort;
    NDIS_SWITCH_PORT_STATE PortState;
} NDIS_SWITCH_PORT_PARAMETERS, *PNDIS_SWITCH_PORT_PARAMETERS;

typedef struct _NDIS_SWITCH_PORT_ARRAY {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    USHORT FirstElementOffset;
    ULONG NumElements;
    ULONG ElementSize;
} NDIS_SWITCH_PORT_ARRAY, *PNDIS_SWITCH_PORT_ARRAY;

typedef enum _NDIS_SWITCH_NIC_TYPE {
    NdisSwitchNicTypeExternal = 0,
    NdisSwitchNicTypeSynthetic = 1,
    NdisSwitchNicTypeEmulated = 2,
    NdisSwitchNicTypeInternal = 3
} NDIS_SWITCH_NIC_TYPE;

typedef enum _NDIS_SWITCH_NIC_STATE {
    NdisSwitchNicStateUnknown = 0,
    NdisSwitchNicStateCreated = 1,
    NdisSwitchNicStateConnected = 2,
    NdisSwitchNicStateDisconnected = 3,
    NdisSwitchNicStateDeleted = 4
} NDIS_SWITCH_NIC_STATE;

typedef struct _NDIS_SWITCH_NIC_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_SWITCH_NIC_NAME NicName;
    NDIS_SWITCH_NIC_FRIENDLYNAME NicFriendlyName;
    NDIS_SWITCH_PORT_ID PortId;
    NDIS_SWITCH_NIC_INDEX NicIndex;
    NDIS_SWITCH_NIC_TYPE NicType;
    NDIS_SWITCH_NIC_STATE NicState;
    NDIS_VM_NAME VmName;
    NDIS_VM_FRIENDLYNAME VmFriendlyName;
    GUID NetCfgInstanceId;
    ULONG MTU;
    USHORT NumaNodeId;
    UCHAR PermanentMacAddress[NDIS_MAX_PHYS_ADDRESS_LENGTH];
    UCHAR VMMacAddress[NDIS_MAX_PHYS_ADDRESS_LENGTH];
    UCHAR CurrentMacAddress[NDIS_MAX_PHYS_ADDRESS_LENGTH];
    BOOLEAN VFAssigned;
} NDIS_SWITCH_NIC_PARAMETERS, *PNDIS_SWITCH_NIC_PARAMETERS;

typedef struct _NDIS_SWITCH_NIC_ARRAY {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    USHORT FirstElementOffset;
    ULONG NumElements;
    ULONG ElementSize;
} NDIS_SWITCH_NIC_ARRAY, *PNDIS_SWITCH_NIC_ARRAY;

typedef struct _NDIS_SWITCH_NIC_OID_REQUEST {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_SWITCH_PORT_ID SourcePortId;
    NDIS_SWITCH_NIC_INDEX SourceNicIndex;
    NDIS_SWITCH_PORT_ID DestinationPortId;
    NDIS_SWITCH_NIC_INDEX DestinationNicIndex;
    PNDIS_OID_REQUEST OidRequest;
} NDIS_SWITCH_NIC_OID_REQUEST, *PNDIS_SWITCH_NIC_OID_REQUEST;

#    define NDIS_SIZEOF_NDIS_SWITCH_PARAMETERS_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_SWITCH_PARAMETERS, IsActive)
#    define NDIS_SIZEOF_NDIS_SWITCH_PORT_PARAMETERS_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_SWITCH_PORT_PARAMETERS, PortState)
#    define NDIS_SIZEOF_NDIS_SWITCH_PORT_ARRAY_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_SWITCH_PORT_ARRAY, ElementSize)
#    define NDIS_SIZEOF_NDIS_SWITCH_NIC_PARAMETERS_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_SWITCH_NIC_PARAMETERS, VFAssigned)
#    define NDIS_SIZEOF_NDIS_SWITCH_NIC_ARRAY_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_SWITCH_NIC_ARRAY, ElementSize)
#    define NDIS_SIZEOF_NDIS_SWITCH_NIC_OID_REQUEST_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_SWITCH_NIC_OID_REQUEST, OidRequest)

/* The n-th element of a port or NIC array. */
#    define NDIS_SWITCH_PORT_AT_ARRAY_INDEX(_PortArray_, _Index_)           \
        ((PNDIS_SWITCH_PORT_PARAMETERS)((PUCHAR)(_PortArray_) +             \
                                        (_PortArray_)->FirstElementOffset + \
                                        (_PortArray_)->ElementSize * (_Index_)))
#    define NDIS_SWITCH_NIC_AT_ARRAY_INDEX(_NicArray_, _Index_)                                  \
        ((PNDIS_SWITCH_NIC_PARAMETERS)((PUCHAR)(_NicArray_) + (_NicArray_)->FirstElementOffset + \
                                       (_NicArray_)->ElementSize * (_Index_)))

/* ---- switch and port properties (OID_SWITCH_PROPERTY_*, OID_SWITCH_PORT_PROPERTY_*) ---- */

typedef GUID NDIS_SWITCH_OBJECT_INSTANCE_ID, *PNDIS_SWITCH_OBJECT_INSTANCE_ID;
typedef GUID NDIS_SWITCH_OBJECT_ID, *PNDIS_SWITCH_OBJECT_ID;
typedef USHORT NDIS_SWITCH_OBJECT_VERSION, *PNDIS_SWITCH_OBJECT_VERSION;
typedef USHORT NDIS_SWITCH_OBJECT_SERIALIZATION_VERSION, *PNDIS_SWITCH_OBJECT_SERIALIZATION_VERSION;

typedef enum _NDIS_SWITCH_PORT_PROPERTY_TYPE {
    NdisSwitchPortPropertyTypeUndefined,
    NdisSwitchPortPropertyTypeCustom,
    NdisSwitchPortPropertyTypeSecurity,
    NdisSwitchPortPropertyTypeVlan,
    NdisSwitchPortPropertyTypeProfile,
    NdisSwitchPortPropertyTypeMaximum
} NDIS_SWITCH_PORT_PROPERTY_TYPE,
    *PNDIS_SWITCH_PORT_PROPERTY_TYPE;

typedef enum _NDIS_SWITCH_PROPERTY_TYPE {
    NdisSwitchPropertyTypeUndefined,
    NdisSwitchPropertyTypeCustom,
    NdisSwitchPropertyTypeMaximum
} NDIS_SWITCH_PROPERTY_TYPE,
    *PNDIS_SWITCH_PROPERTY_TYPE;

#    define NDIS_SWITCH_PORT_PROPERTY_PARAMETERS_REVISION_1 1
/* A port's policy property: PropertyBufferLength bytes at PropertyBufferOffset
 * from the start of this structure. */
typedef struct _NDIS_SWITCH_PORT_PROPERTY_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_SWITCH_PORT_ID PortId;
    NDIS_SWITCH_PORT_PROPERTY_TYPE PropertyType;
    NDIS_SWITCH_OBJECT_ID PropertyId;
    NDIS_SWITCH_OBJECT_VERSION PropertyVersion;
    NDIS_SWITCH_OBJECT_SERIALIZATION_VERSION SerializationVersion;
    NDIS_SWITCH_OBJECT_INSTANCE_ID PropertyInstanceId;
    ULONG PropertyBufferLength;
    ULONG PropertyBufferOffset;
    ULONG Reserved;
} NDIS_SWITCH_PORT_PROPERTY_PARAMETERS, *PNDIS_SWITCH_PORT_PROPERTY_PARAMETERS;
#    define NDIS_SIZEOF_NDIS_SWITCH_PORT_PROPERTY_PARAMETERS_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_SWITCH_PORT_PROPERTY_PARAMETERS, Reserved)
#    define NDIS_SWITCH_PORT_PROPERTY_PARAMETERS_GET_PROPERTY(_Parameters_) \
        ((PVOID)((PUCHAR)(_Parameters_) + (_Parameters_)->PropertyBufferOffset))

#    define NDIS_SWITCH_PROPERTY_PARAMETERS_REVISION_1 1
/* A switch's policy property, laid out as the port one without PortId. */
typedef struct _NDIS_SWITCH_PROPERTY_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_SWITCH_PROPERTY_TYPE PropertyType;
    NDIS_SWITCH_OBJECT_ID PropertyId;
    NDIS_SWITCH_OBJECT_VERSION PropertyVersion;
    NDIS_SWITCH_OBJECT_SERIALIZATION_VERSION SerializationVersion;
    NDIS_SWITCH_OBJECT_INSTANCE_ID PropertyInstanceId;
    ULONG PropertyBufferLength;
    ULONG PropertyBufferOffset;
} NDIS_SWITCH_PROPERTY_PARAMETERS, *PNDIS_SWITCH_PROPERTY_PARAMETERS;
#    define NDIS_SIZEOF_NDIS_SWITCH_PROPERTY_PARAMETERS_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_SWITCH_PROPERTY_PARAMETERS, PropertyBufferOffset)
#    define NDIS_SWITCH_PROPERTY_PARAMETERS_GET_PROPERTY(_Parameters_) \
        ((PVOID)((PUCHAR)(_Parameters_) + (_Parameters_)->PropertyBufferOffset))

UNDIS_EXTERN_C_END

#endif /* NDIS_SUPPORT_NDIS630 */

#endif /* UNDIS_NDIS_VSWITCH_H */
