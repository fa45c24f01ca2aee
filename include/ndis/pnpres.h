/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/pnpres.h>: what a miniport that takes part in Plug and Play
 * declares (issue 12, helper compat-d, for virtio-win's NetKVM): the
 * add-device and PnP IRP handlers with NDIS_MINIPORT_PNP_CHARACTERISTICS,
 * the resource requirement lists of IRP_MN_FILTER_RESOURCE_REQUIREMENTS
 * with the interrupt affinity policy, bug-check reason callbacks, device
 * registry properties, and a few ndis.h odds (NDIS_GUID, NETWORK_ADDRESS_IP6,
 * NdisInitializeString, NdisProcessorNumberToIndex), with the WDK's names,
 * values, prototypes and layouts on x64 and x86.
 *
 * undis's host registers no PnP handlers and sends no PnP IRP: the types
 * exist so that a driver that sets them compiles and its other paths run.
 * IoGetDeviceProperty fails as for a device object that is not a PDO and
 * names itself once (src/kernel/unsupported_hwio.c); NdisInitializeString
 * and NdisProcessorNumberToIndex work (src/kernel/rt_hwio.c).
 */
#ifndef UNDIS_NDIS_PNPRES_H
#define UNDIS_NDIS_PNPRES_H

#include "compiler.h"
#include "types.h"
#include "status.h"
#include "objectheader.h"
#include "undis_assert.h"
#include "hwres.h"
#include "miniport.h"

UNDIS_EXTERN_C_BEGIN
UNDIS_CXX_EXTENSIONS_BEGIN

/* ---- add-device and PnP handlers --------------------------------------------- */

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(MINIPORT_ADD_DEVICE) NDIS_STATUS
    MINIPORT_ADD_DEVICE(_In_ NDIS_HANDLE NdisMiniportHandle,
                        _In_ NDIS_HANDLE MiniportDriverContext);
typedef MINIPORT_ADD_DEVICE(*MINIPORT_ADD_DEVICE_HANDLER);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(MINIPORT_REMOVE_DEVICE) VOID
    MINIPORT_REMOVE_DEVICE(_In_ NDIS_HANDLE MiniportAddDeviceContext);
typedef MINIPORT_REMOVE_DEVICE(*MINIPORT_REMOVE_DEVICE_HANDLER);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(MINIPORT_PNP_IRP) NDIS_STATUS
    MINIPORT_PNP_IRP(_In_ NDIS_HANDLE MiniportAddDeviceContext, _In_ PIRP Irp);
typedef MINIPORT_PNP_IRP(*MINIPORT_PNP_IRP_HANDLER);
typedef MINIPORT_PNP_IRP MINIPORT_FILTER_RESOURCE_REQUIREMENTS;
typedef MINIPORT_PNP_IRP_HANDLER MINIPORT_FILTER_RESOURCE_REQUIREMENTS_HANDLER;
typedef MINIPORT_PNP_IRP MINIPORT_START_DEVICE;
typedef MINIPORT_PNP_IRP_HANDLER MINIPORT_START_DEVICE_HANDLER;

#define NDIS_MINIPORT_PNP_CHARACTERISTICS_REVISION_1 1

/* Given to NdisSetOptionalHandlers from MiniportSetOptions. */
typedef struct _NDIS_MINIPORT_PNP_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header; /* NDIS_OBJECT_TYPE_MINIPORT_PNP_CHARACTERISTICS */
    MINIPORT_ADD_DEVICE_HANDLER MiniportAddDeviceHandler;
    MINIPORT_REMOVE_DEVICE_HANDLER MiniportRemoveDeviceHandler;
    MINIPORT_FILTER_RESOURCE_REQUIREMENTS_HANDLER MiniportFilterResourceRequirementsHandler;
    MINIPORT_START_DEVICE_HANDLER MiniportStartDeviceHandler;
    ULONG Flags; /* reserved */
} NDIS_MINIPORT_PNP_CHARACTERISTICS, *PNDIS_MINIPORT_PNP_CHARACTERISTICS;
#define NDIS_SIZEOF_MINIPORT_PNP_CHARACTERISTICS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_PNP_CHARACTERISTICS, Flags)

#define NDIS_SIZEOF_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES, Flags)

/* ---- resource requirement lists ------------------------------------------------ */

/* IO_RESOURCE_DESCRIPTOR.Option */
#define IO_RESOURCE_PREFERRED   0x01
#define IO_RESOURCE_DEFAULT     0x02
#define IO_RESOURCE_ALTERNATIVE 0x08

/* CM/IO descriptor Flags of an interrupt: the affinity policy is given. */
#define CM_RESOURCE_INTERRUPT_POLICY_INCLUDED 0x0004

/* The interrupt affinity policy: a USHORT with processor groups (the WDK's
 * NT_PROCESSOR_GROUPS), an enum without; both take 4 bytes with Group. */
#if defined(NT_PROCESSOR_GROUPS)
typedef USHORT IRQ_DEVICE_POLICY, *PIRQ_DEVICE_POLICY;
enum _IRQ_DEVICE_POLICY_USHORT {
#else
typedef enum _IRQ_DEVICE_POLICY {
#endif
    IrqPolicyMachineDefault = 0,
    IrqPolicyAllCloseProcessors = 1,
    IrqPolicyOneCloseProcessor = 2,
    IrqPolicyAllProcessorsInMachine = 3,
    IrqPolicyAllProcessorsInGroup = 3,
    IrqPolicySpecifiedProcessors = 4,
    IrqPolicySpreadMessagesAcrossAllProcessors = 5,
    IrqPolicyAllProcessorsInMachineWhenSteered = 6,
    IrqPolicyAllProcessorsInGroupWhenSteered = 6
#if defined(NT_PROCESSOR_GROUPS)
};
#else
} IRQ_DEVICE_POLICY,
    *PIRQ_DEVICE_POLICY;
#endif

typedef enum _IRQ_PRIORITY {
    IrqPriorityUndefined = 0,
    IrqPriorityLow,
    IrqPriorityNormal,
    IrqPriorityHigh
} IRQ_PRIORITY,
    *PIRQ_PRIORITY;

typedef struct _IO_RESOURCE_DESCRIPTOR {
    UCHAR Option;           /* IO_RESOURCE_* */
    UCHAR Type;             /* CmResourceType* */
    UCHAR ShareDisposition; /* CM_SHARE_DISPOSITION */
    UCHAR Spare1;
    USHORT Flags;
    USHORT Spare2;
    union {
        struct {
            ULONG Length;
            ULONG Alignment;
            PHYSICAL_ADDRESS MinimumAddress;
            PHYSICAL_ADDRESS MaximumAddress;
        } Port;
        struct {
            ULONG Length;
            ULONG Alignment;
            PHYSICAL_ADDRESS MinimumAddress;
            PHYSICAL_ADDRESS MaximumAddress;
        } Memory;
        struct {
            ULONG MinimumVector;
            ULONG MaximumVector;
            IRQ_DEVICE_POLICY AffinityPolicy;
#if defined(NT_PROCESSOR_GROUPS)
            USHORT Group;
#endif
            IRQ_PRIORITY PriorityPolicy;
            KAFFINITY TargetedProcessors;
        } Interrupt;
        struct {
            ULONG MinimumChannel;
            ULONG MaximumChannel;
        } Dma;
        struct {
            ULONG RequestLine;
            ULONG Reserved;
            ULONG Channel;
            ULONG TransferWidth;
        } DmaV3;
        struct {
            ULONG Length;
            ULONG Alignment;
            PHYSICAL_ADDRESS MinimumAddress;
            PHYSICAL_ADDRESS MaximumAddress;
        } Generic;
        struct {
            ULONG Data[3];
        } DevicePrivate;
        struct {
            ULONG Length;
            ULONG MinBusNumber;
            ULONG MaxBusNumber;
            ULONG Reserved;
        } BusNumber;
        struct {
            ULONG Priority;
            ULONG Reserved1;
            ULONG Reserved2;
        } ConfigData;
        struct {
            ULONG Length40;
            ULONG Alignment40;
            PHYSICAL_ADDRESS MinimumAddress;
            PHYSICAL_ADDRESS MaximumAddress;
        } Memory40;
        struct {
            ULONG Length48;
            ULONG Alignment48;
            PHYSICAL_ADDRESS MinimumAddress;
            PHYSICAL_ADDRESS MaximumAddress;
        } Memory48;
        struct {
            ULONG Length64;
            ULONG Alignment64;
            PHYSICAL_ADDRESS MinimumAddress;
            PHYSICAL_ADDRESS MaximumAddress;
        } Memory64;
        struct {
            UCHAR Class;
            UCHAR Type;
            UCHAR Reserved1;
            UCHAR Reserved2;
            ULONG IdLowPart;
            ULONG IdHighPart;
        } Connection;
    } u;
} IO_RESOURCE_DESCRIPTOR, *PIO_RESOURCE_DESCRIPTOR;

/* One alternative: Count descriptors follow, as a flexible tail. */
typedef struct _IO_RESOURCE_LIST {
    USHORT Version;
    USHORT Revision;
    ULONG Count;
    IO_RESOURCE_DESCRIPTOR Descriptors[1];
} IO_RESOURCE_LIST, *PIO_RESOURCE_LIST;

/* ListSize bytes in all; AlternativeLists IO_RESOURCE_LISTs, each as long
 * as its Count makes it. */
typedef struct _IO_RESOURCE_REQUIREMENTS_LIST {
    ULONG ListSize;
    INTERFACE_TYPE InterfaceType;
    ULONG BusNumber;
    ULONG SlotNumber;
    ULONG Reserved[3];
    ULONG AlternativeLists;
    IO_RESOURCE_LIST List[1];
} IO_RESOURCE_REQUIREMENTS_LIST, *PIO_RESOURCE_REQUIREMENTS_LIST;

/* ---- bug-check reason callbacks ---------------------------------------------- */

typedef enum _KBUGCHECK_CALLBACK_REASON {
    KbCallbackInvalid,
    KbCallbackReserved1,
    KbCallbackSecondaryDumpData,
    KbCallbackDumpIo,
    KbCallbackAddPages,
    KbCallbackSecondaryMultiPartDumpData,
    KbCallbackRemovePages,
    KbCallbackTriageDumpData
} KBUGCHECK_CALLBACK_REASON;

struct _KBUGCHECK_REASON_CALLBACK_RECORD;

typedef _Function_class_(KBUGCHECK_REASON_CALLBACK_ROUTINE) _IRQL_requires_same_ VOID
    KBUGCHECK_REASON_CALLBACK_ROUTINE(_In_ KBUGCHECK_CALLBACK_REASON Reason,
                                      _In_ struct _KBUGCHECK_REASON_CALLBACK_RECORD *Record,
                                      _Inout_ PVOID ReasonSpecificData,
                                      _In_ ULONG ReasonSpecificDataLength);
typedef KBUGCHECK_REASON_CALLBACK_ROUTINE *PKBUGCHECK_REASON_CALLBACK_ROUTINE;

/* Filled by KeRegisterBugCheckReasonCallback (which undis does not export:
 * MmGetSystemRoutineAddress finds no such routine, and a driver that looks
 * it up goes without a dump callback). */
typedef struct _KBUGCHECK_REASON_CALLBACK_RECORD {
    LIST_ENTRY Entry;
    PKBUGCHECK_REASON_CALLBACK_ROUTINE CallbackRoutine;
    PUCHAR Component;
    ULONG_PTR Checksum;
    KBUGCHECK_CALLBACK_REASON Reason;
    UCHAR State;
} KBUGCHECK_REASON_CALLBACK_RECORD, *PKBUGCHECK_REASON_CALLBACK_RECORD;

/* KBUGCHECK_REASON_CALLBACK_RECORD.State */
typedef enum _KBUGCHECK_BUFFER_DUMP_STATE {
    BufferEmpty,
    BufferInserted,
    BufferStarted,
    BufferFinished,
    BufferIncomplete
} KBUGCHECK_BUFFER_DUMP_STATE;

/* Before registering a record: not yet inserted. */
#define KeInitializeCallbackRecord(CallbackRecord) \
    ((void)((CallbackRecord)->State = (UCHAR)BufferEmpty))

/* ReasonSpecificData of KbCallbackSecondaryDumpData. */
typedef struct _KBUGCHECK_SECONDARY_DUMP_DATA {
    PVOID InBuffer;
    ULONG InBufferLength;
    ULONG MaximumAllowed;
    GUID Guid;
    PVOID OutBuffer;
    ULONG OutBufferLength;
} KBUGCHECK_SECONDARY_DUMP_DATA, *PKBUGCHECK_SECONDARY_DUMP_DATA;

/* ---- device registry properties ----------------------------------------------- */

typedef enum {
    DevicePropertyDeviceDescription = 0x0,
    DevicePropertyHardwareID = 0x1,
    DevicePropertyCompatibleIDs = 0x2,
    DevicePropertyBootConfiguration = 0x3,
    DevicePropertyBootConfigurationTranslated = 0x4,
    DevicePropertyClassName = 0x5,
    DevicePropertyClassGuid = 0x6,
    DevicePropertyDriverKeyName = 0x7,
    DevicePropertyManufacturer = 0x8,
    DevicePropertyFriendlyName = 0x9,
    DevicePropertyLocationInformation = 0xa,
    DevicePropertyPhysicalDeviceObjectName = 0xb,
    DevicePropertyBusTypeGuid = 0xc,
    DevicePropertyLegacyBusType = 0xd,
    DevicePropertyBusNumber = 0xe,
    DevicePropertyEnumeratorName = 0xf,
    DevicePropertyAddress = 0x10,
    DevicePropertyUINumber = 0x11,
    DevicePropertyInstallState = 0x12,
    DevicePropertyRemovalPolicy = 0x13,
    DevicePropertyResourceRequirements = 0x14,
    DevicePropertyAllocatedResources = 0x15,
    DevicePropertyContainerID = 0x16
} DEVICE_REGISTRY_PROPERTY;

/*
 * A property of a physical device object. undis's virtual adapters have no
 * PDO in the PnP manager's sense: the call fails with
 * STATUS_INVALID_DEVICE_REQUEST (Windows' answer for a device object that is
 * not a PDO), *ResultLength 0 and PropertyBuffer untouched, and names itself
 * once. A NULL ResultLength is STATUS_INVALID_PARAMETER_5. PASSIVE_LEVEL.
 */
_IRQL_requires_max_(PASSIVE_LEVEL) NTSTATUS NTAPI
    IoGetDeviceProperty(_In_ PDEVICE_OBJECT DeviceObject,
                        _In_ DEVICE_REGISTRY_PROPERTY DeviceProperty,
                        _In_ ULONG BufferLength,
                        _Out_writes_bytes_opt_(BufferLength) PVOID PropertyBuffer,
                        _Out_ PULONG ResultLength);

/* ---- ndis.h odds -------------------------------------------------------------- */

/* What a miniport's OID_GEN_SUPPORTED_GUIDS answer lists (WMI). */
typedef struct _NDIS_GUID {
    GUID Guid;
    union {
        NDIS_OID Oid;
        NDIS_STATUS Status;
    };
    ULONG Size;  /* of one element, or of the data */
    ULONG Flags; /* fNDIS_GUID_* */
} NDIS_GUID, *PNDIS_GUID;

#define fNDIS_GUID_TO_OID                0x00000001U
#define fNDIS_GUID_TO_STATUS             0x00000002U
#define fNDIS_GUID_ANSI_STRING           0x00000004U
#define fNDIS_GUID_UNICODE_STRING        0x00000008U
#define fNDIS_GUID_ARRAY                 0x00000010U
#define fNDIS_GUID_ALLOW_READ            0x00000020U
#define fNDIS_GUID_ALLOW_WRITE           0x00000040U
#define fNDIS_GUID_METHOD                0x00000080U
#define fNDIS_GUID_NDIS_RESERVED         0x00000100U
#define fNDIS_GUID_SUPPORT_COMMON_HEADER 0x00000200U

/* An IPv6 address in OID_GEN_NETWORK_LAYER_ADDRESSES (NDIS_PROTOCOL_ID_IP6). */
typedef struct _NETWORK_ADDRESS_IP6 {
    USHORT sin6_port;
    ULONG sin6_flowinfo;
    USHORT sin6_addr[8];
    ULONG sin6_scope_id;
} NETWORK_ADDRESS_IP6, *PNETWORK_ADDRESS_IP6;

/*
 * Makes Destination a counted wide copy of the NUL-terminated narrow string
 * Source (each byte widened). Post: Destination->Buffer is pool memory the
 * caller frees with NdisFreeString; Length counts the characters without
 * the NUL, MaximumLength with it. On failure (no memory, or a string too
 * long for a UNICODE_STRING) Buffer is NULL and both lengths 0. A NULL
 * Source gives the empty string. <= DISPATCH_LEVEL.
 */
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisInitializeString(_Out_ PNDIS_STRING Destination, _In_opt_ PUCHAR Source);

/* The system-wide index of the processor ProcNum names, or
 * INVALID_PROCESSOR_INDEX for one the model does not have. Any IRQL. */
ULONG NdisProcessorNumberToIndex(_In_ PROCESSOR_NUMBER ProcNum);

/* Static Driver Verifier's marker of the adapter context: outside SDV the
 * WDK makes it nothing, and so does undis (the argument is not used). */
#ifndef __sdv_save_adapter_context
#    define __sdv_save_adapter_context(c) ((void)(c))
#endif

#if UNDIS_PTR64
UNDIS_C_ASSERT(NDIS_SIZEOF_MINIPORT_PNP_CHARACTERISTICS_REVISION_1 == 44);
UNDIS_C_ASSERT(NDIS_SIZEOF_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES_REVISION_1 == 20);
UNDIS_C_ASSERT(sizeof(KBUGCHECK_REASON_CALLBACK_RECORD) == 48);
UNDIS_C_ASSERT(sizeof(KBUGCHECK_SECONDARY_DUMP_DATA) == 48);
#else
UNDIS_C_ASSERT(NDIS_SIZEOF_MINIPORT_PNP_CHARACTERISTICS_REVISION_1 == 24);
UNDIS_C_ASSERT(NDIS_SIZEOF_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES_REVISION_1 == 12);
UNDIS_C_ASSERT(sizeof(KBUGCHECK_REASON_CALLBACK_RECORD) == 28);
UNDIS_C_ASSERT(sizeof(KBUGCHECK_SECONDARY_DUMP_DATA) == 36);
#endif
UNDIS_C_ASSERT(sizeof(IO_RESOURCE_DESCRIPTOR) == 32);
UNDIS_C_ASSERT(sizeof(IO_RESOURCE_LIST) == 40);
UNDIS_C_ASSERT(sizeof(IO_RESOURCE_REQUIREMENTS_LIST) == 72);
UNDIS_C_ASSERT(sizeof(NDIS_GUID) == 28);
UNDIS_C_ASSERT(sizeof(NETWORK_ADDRESS_IP6) == 28);

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_PNPRES_H */
