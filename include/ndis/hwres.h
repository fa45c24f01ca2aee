/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/hwres.h>: the hardware-resource and DMA descriptions of wdm.h
 * that miniport code reads (issue 12, helper compat-a): the partial resource
 * descriptors NDIS hands MiniportInitializeEx in AllocatedResources
 * (CM_PARTIAL_RESOURCE_LIST, CmResourceType*), scatter/gather lists, the DPC
 * watchdog query and RtlNumberOfSetBitsUlongPtr. Layouts are the WDK's on
 * x64 and x86 (the descriptors are 4-byte packed, as in wdm.h).
 *
 * undis gives a virtual adapter no hardware, so AllocatedResources lists no
 * descriptor; the types exist so that code walking the list compiles.
 * KeQueryDpcWatchdogInformation and RtlNumberOfSetBitsUlongPtr work
 * (src/kernel/rt_hwres.c).
 */
#ifndef UNDIS_NDIS_HWRES_H
#define UNDIS_NDIS_HWRES_H

#include "compiler.h"
#include "types.h"
#include "undis_assert.h"

UNDIS_EXTERN_C_BEGIN
UNDIS_CXX_EXTENSIONS_BEGIN

/* ---- partial resource descriptors (CM_PARTIAL_RESOURCE_DESCRIPTOR.Type) -- */

#define CmResourceTypeNull           0
#define CmResourceTypePort           1
#define CmResourceTypeInterrupt      2
#define CmResourceTypeMemory         3
#define CmResourceTypeDma            4
#define CmResourceTypeDeviceSpecific 5
#define CmResourceTypeBusNumber      6
#define CmResourceTypeMemoryLarge    7
#define CmResourceTypeNonArbitrated  128
#define CmResourceTypeConfigData     128
#define CmResourceTypeDevicePrivate  129
#define CmResourceTypePcCardConfig   130
#define CmResourceTypeMfCardConfig   131
#define CmResourceTypeConnection     132

typedef enum _CM_SHARE_DISPOSITION {
    CmResourceShareUndetermined = 0,
    CmResourceShareDeviceExclusive,
    CmResourceShareDriverExclusive,
    CmResourceShareShared
} CM_SHARE_DISPOSITION;

#define CM_RESOURCE_PORT_MEMORY               0x0000
#define CM_RESOURCE_PORT_IO                   0x0001
#define CM_RESOURCE_INTERRUPT_LEVEL_SENSITIVE 0x0000
#define CM_RESOURCE_INTERRUPT_LATCHED         0x0001
#define CM_RESOURCE_INTERRUPT_MESSAGE         0x0002
#define CM_RESOURCE_MEMORY_READ_WRITE         0x0000
#define CM_RESOURCE_MEMORY_READ_ONLY          0x0001
#define CM_RESOURCE_MEMORY_WRITE_ONLY         0x0002

#pragma pack(push, 4)
typedef struct _CM_PARTIAL_RESOURCE_DESCRIPTOR {
    UCHAR Type;
    UCHAR ShareDisposition;
    USHORT Flags;
    union {
        struct {
            PHYSICAL_ADDRESS Start;
            ULONG Length;
        } Generic;
        struct {
            PHYSICAL_ADDRESS Start;
            ULONG Length;
        } Port;
        struct {
            ULONG Level;
            ULONG Vector;
            KAFFINITY Affinity;
        } Interrupt;
        struct {
            union {
                struct {
                    USHORT Reserved;
                    USHORT MessageCount;
                    ULONG Vector;
                    KAFFINITY Affinity;
                } Raw;
                struct {
                    ULONG Level;
                    ULONG Vector;
                    KAFFINITY Affinity;
                } Translated;
            };
        } MessageInterrupt;
        struct {
            PHYSICAL_ADDRESS Start;
            ULONG Length;
        } Memory;
        struct {
            ULONG Channel;
            ULONG Port;
            ULONG Reserved1;
        } Dma;
        struct {
            ULONG Data[3];
        } DevicePrivate;
        struct {
            ULONG Start;
            ULONG Length;
            ULONG Reserved;
        } BusNumber;
        struct {
            ULONG DataSize;
            ULONG Reserved1;
            ULONG Reserved2;
        } DeviceSpecificData;
        struct {
            PHYSICAL_ADDRESS Start;
            ULONG Length40;
        } Memory40;
        struct {
            PHYSICAL_ADDRESS Start;
            ULONG Length48;
        } Memory48;
        struct {
            PHYSICAL_ADDRESS Start;
            ULONG Length64;
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
} CM_PARTIAL_RESOURCE_DESCRIPTOR, *PCM_PARTIAL_RESOURCE_DESCRIPTOR;
#pragma pack(pop)

typedef struct _CM_PARTIAL_RESOURCE_LIST {
    USHORT Version;
    USHORT Revision;
    ULONG Count;
    CM_PARTIAL_RESOURCE_DESCRIPTOR PartialDescriptors[1];
} CM_PARTIAL_RESOURCE_LIST, *PCM_PARTIAL_RESOURCE_LIST;

typedef enum _INTERFACE_TYPE {
    InterfaceTypeUndefined = -1,
    Internal = 0,
    Isa,
    Eisa,
    MicroChannel,
    TurboChannel,
    PCIBus,
    VMEBus,
    NuBus,
    PCMCIABus,
    CBus,
    MPIBus,
    MPSABus,
    ProcessorInternal,
    InternalPowerBus,
    PNPISABus,
    PNPBus,
    Vmcs,
    ACPIBus,
    MaximumInterfaceType
} INTERFACE_TYPE,
    *PINTERFACE_TYPE;

typedef struct _CM_FULL_RESOURCE_DESCRIPTOR {
    INTERFACE_TYPE InterfaceType;
    ULONG BusNumber;
    CM_PARTIAL_RESOURCE_LIST PartialResourceList;
} CM_FULL_RESOURCE_DESCRIPTOR, *PCM_FULL_RESOURCE_DESCRIPTOR;

typedef struct _CM_RESOURCE_LIST {
    ULONG Count;
    CM_FULL_RESOURCE_DESCRIPTOR List[1];
} CM_RESOURCE_LIST, *PCM_RESOURCE_LIST;

/* ---- scatter/gather lists ------------------------------------------------ */

typedef struct _SCATTER_GATHER_ELEMENT {
    PHYSICAL_ADDRESS Address;
    ULONG Length;
    ULONG_PTR Reserved;
} SCATTER_GATHER_ELEMENT, *PSCATTER_GATHER_ELEMENT;

/* Elements is a flexible array, as the WDK declares it: sizeof counts the
 * header only, and drivers add n * sizeof(SCATTER_GATHER_ELEMENT). */
struct _SCATTER_GATHER_LIST {
    ULONG NumberOfElements;
    ULONG_PTR Reserved;
    SCATTER_GATHER_ELEMENT Elements[];
};
typedef struct _SCATTER_GATHER_LIST SCATTER_GATHER_LIST;

/* ---- the DPC watchdog ----------------------------------------------------- */

typedef struct _KDPC_WATCHDOG_INFORMATION {
    ULONG DpcTimeLimit;
    ULONG DpcTimeCount;
    ULONG DpcWatchdogLimit;
    ULONG DpcWatchdogCount;
    ULONG Reserved;
} KDPC_WATCHDOG_INFORMATION, *PKDPC_WATCHDOG_INFORMATION;

/* Fills *WatchdogInformation with the calling thread's DPC time and
 * watchdog limits and counts. undis has no DPC watchdog: every field is 0,
 * which the WDK documents as "no limit", and the call succeeds
 * (STATUS_SUCCESS). Any thread, any IRQL. */
NTSTATUS NTAPI KeQueryDpcWatchdogInformation(_Out_ PKDPC_WATCHDOG_INFORMATION WatchdogInformation);

/* The number of bits set in Target. Pure; any IRQL. */
ULONG NTAPI RtlNumberOfSetBitsUlongPtr(_In_ ULONG_PTR Target);

#if UNDIS_PTR64
UNDIS_C_ASSERT(sizeof(CM_PARTIAL_RESOURCE_DESCRIPTOR) == 20);
UNDIS_C_ASSERT(sizeof(SCATTER_GATHER_ELEMENT) == 24);
UNDIS_C_ASSERT(sizeof(SCATTER_GATHER_LIST) == 16);
#else
UNDIS_C_ASSERT(sizeof(CM_PARTIAL_RESOURCE_DESCRIPTOR) == 16);
UNDIS_C_ASSERT(sizeof(SCATTER_GATHER_ELEMENT) == 16);
UNDIS_C_ASSERT(sizeof(SCATTER_GATHER_LIST) == 8);
#endif

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_HWRES_H */
