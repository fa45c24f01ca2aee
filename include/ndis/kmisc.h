/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/kmisc.h>: wdm.h and ndis.h names npcap's filter uses that no
 * other undis header declared (issue 12, helper compat-c): IRP flags,
 * RTL_REGISTRY_* and RtlCheckRegistryKey, IoGetRequestorProcessId, the
 * SR-IOV capabilities a filter is given at attach
 * (NDIS_SRIOV_CAPABILITIES, NDIS_FILTER_ATTACH_PARAMETERS_REVISION_4),
 * LPCVOID, with the WDK's values and prototypes. The functions are defined
 * in src/kernel/unsupported_kmisc.c.
 */
#ifndef UNDIS_NDIS_KMISC_H
#define UNDIS_NDIS_KMISC_H

#include "types.h"
#include "version.h"
#include "objectheader.h"
#include "wdmio.h"

UNDIS_EXTERN_C_BEGIN

#if !UNDIS_HAVE_WINNT
typedef const void *LPCVOID;
#endif

/* IRP->Flags */
#define IRP_NOCACHE               0x00000001U
#define IRP_PAGING_IO             0x00000002U
#define IRP_MOUNT_COMPLETION      0x00000002U
#define IRP_SYNCHRONOUS_API       0x00000004U
#define IRP_ASSOCIATED_IRP        0x00000008U
#define IRP_BUFFERED_IO           0x00000010U
#define IRP_DEALLOCATE_BUFFER     0x00000020U
#define IRP_INPUT_OPERATION       0x00000040U
#define IRP_SYNCHRONOUS_PAGING_IO 0x00000040U
#define IRP_CREATE_OPERATION      0x00000080U
#define IRP_READ_OPERATION        0x00000100U
#define IRP_WRITE_OPERATION       0x00000200U
#define IRP_CLOSE_OPERATION       0x00000400U

/* RtlQueryRegistryValues / RtlCheckRegistryKey: RelativeTo */
#define RTL_REGISTRY_ABSOLUTE   0
#define RTL_REGISTRY_SERVICES   1
#define RTL_REGISTRY_CONTROL    2
#define RTL_REGISTRY_WINDOWS_NT 3
#define RTL_REGISTRY_DEVICEMAP  4
#define RTL_REGISTRY_USER       5
#define RTL_REGISTRY_MAXIMUM    6
#define RTL_REGISTRY_HANDLE     0x40000000
#define RTL_REGISTRY_OPTIONAL   0x80000000

/*
 * RtlCheckRegistryKey: is there a key at Path? undis has no registry:
 * STATUS_OBJECT_NAME_NOT_FOUND, reported once. IRQL: PASSIVE_LEVEL.
 */
NTSTATUS NTAPI RtlCheckRegistryKey(_In_ ULONG RelativeTo, _In_ PWSTR Path);
/*
 * IoGetRequestorProcessId: the process that sent Irp. Post: the id of the
 * undis process (every IRP the host sends comes from it), reported once as
 * an approximation. IRQL: <= DISPATCH_LEVEL.
 */
ULONG NTAPI IoGetRequestorProcessId(_In_ PIRP Irp);

/* SR-IOV (NDIS 6.30) */
#if NDIS_SUPPORT_NDIS630
#    define NDIS_FILTER_ATTACH_PARAMETERS_REVISION_4 4
#endif
#define NDIS_SRIOV_CAPABILITIES_REVISION_1 1
#define NDIS_SRIOV_CAPS_SRIOV_SUPPORTED    0x00000001U
#define NDIS_SRIOV_CAPS_PF_MINIPORT        0x00000002U
#define NDIS_SRIOV_CAPS_VF_MINIPORT        0x00000004U
struct _NDIS_SRIOV_CAPABILITIES {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG SriovCapabilities;
};
typedef struct _NDIS_SRIOV_CAPABILITIES NDIS_SRIOV_CAPABILITIES;
#define NDIS_SIZEOF_SRIOV_CAPABILITIES_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_SRIOV_CAPABILITIES, SriovCapabilities)

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_KMISC_H */
