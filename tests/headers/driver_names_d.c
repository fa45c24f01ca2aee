/* SPDX-License-Identifier: MIT */
/*
 * driver_names_d.c: the names issue12-compat-d added for virtio-win's
 * NetKVM (<ndis/hwio.h>, <ndis/pnpres.h>, NDIS_OFFLOAD revisions 4-7, RSS
 * revision 3, strsafe's Cb Ex form, _TRUNCATE), with the WDK's values and
 * layouts on x64 and x86, written as the driver writes them (C11 and C++17,
 * gcc and clang, -m32, MinGW).
 */
#include <ndis.h>
#include <ntstrsafe.h>
#include <stddef.h>

#define PTR ((LONG)sizeof(void *))

/* values */
C_ASSERT(NDIS_SG_DMA_64_BIT_ADDRESS == 1u && NDIS_SG_DMA_V3_HAL_API == 2u);
C_ASSERT(NDIS_SG_DMA_DESCRIPTION_REVISION_1 == 1 && NDIS_SG_LIST_WRITE_TO_DEVICE == 1u);
C_ASSERT(NDIS_MINIPORT_PNP_CHARACTERISTICS_REVISION_1 == 1);
C_ASSERT(IO_RESOURCE_PREFERRED == 1 && IO_RESOURCE_DEFAULT == 2 && IO_RESOURCE_ALTERNATIVE == 8);
C_ASSERT(CM_RESOURCE_INTERRUPT_POLICY_INCLUDED == 4 && IrqPolicySpecifiedProcessors == 4);
C_ASSERT(IrqPolicySpreadMessagesAcrossAllProcessors == 5 && IrqPriorityHigh == 3);
C_ASSERT(KbCallbackSecondaryDumpData == 2 && KbCallbackTriageDumpData == 7 && BufferEmpty == 0);
C_ASSERT(DevicePropertyHardwareID == 1 && DevicePropertyContainerID == 0x16);
C_ASSERT(fNDIS_GUID_TO_OID == 1u && fNDIS_GUID_ALLOW_READ == 0x20u);
C_ASSERT(fNDIS_GUID_ALLOW_WRITE == 0x40u && fNDIS_GUID_SUPPORT_COMMON_HEADER == 0x200u);
C_ASSERT(NDIS_OFFLOAD_REVISION_6 == 6 && NDIS_OFFLOAD_REVISION_7 == 7);
C_ASSERT(NDIS_OFFLOAD_PARAMETERS_REVISION_5 == 5 && NDIS_OFFLOAD_PARAMETERS_USO_ENABLED == 2);
C_ASSERT(NDIS_OFFLOAD_PARAMETERS_USO_DISABLED == 1);
C_ASSERT(NDIS_RECEIVE_SCALE_CAPABILITIES_REVISION_3 == 3);
C_ASSERT(NDIS_RSS_PARAM_FLAG_DEFAULT_PROCESSOR_UNCHANGED == 0x20);
C_ASSERT(SYNCH_LEVEL == 12 && _TRUNCATE == (size_t)-1);

/* layouts: the WDK's on x64 and x86 */
C_ASSERT(NDIS_SIZEOF_SG_DMA_DESCRIPTION_REVISION_1 == 16 + 2 * PTR + (PTR == 8 ? 4 : 0));
C_ASSERT(offsetof(NDIS_SG_DMA_DESCRIPTION, ProcessSGListHandler) == (PTR == 8 ? 16 : 12));
C_ASSERT(NDIS_SIZEOF_MINIPORT_PNP_CHARACTERISTICS_REVISION_1 == (PTR == 8 ? 44 : 24));
C_ASSERT(offsetof(NDIS_MINIPORT_PNP_CHARACTERISTICS, MiniportStartDeviceHandler) == 4 * PTR);
C_ASSERT(NDIS_SIZEOF_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES_REVISION_1 ==
         (PTR == 8 ? 20 : 12));
C_ASSERT(sizeof(IO_RESOURCE_DESCRIPTOR) == 32 && offsetof(IO_RESOURCE_DESCRIPTOR, u) == 8);
C_ASSERT(offsetof(IO_RESOURCE_DESCRIPTOR, u.Interrupt.PriorityPolicy) == 20);
C_ASSERT(offsetof(IO_RESOURCE_DESCRIPTOR, u.Interrupt.TargetedProcessors) == 24);
C_ASSERT(offsetof(IO_RESOURCE_LIST, Descriptors) == 8);
C_ASSERT(offsetof(IO_RESOURCE_REQUIREMENTS_LIST, AlternativeLists) == 28);
C_ASSERT(offsetof(IO_RESOURCE_REQUIREMENTS_LIST, List) == 32);
C_ASSERT(offsetof(KBUGCHECK_REASON_CALLBACK_RECORD, Reason) == 5 * PTR);
C_ASSERT(offsetof(KBUGCHECK_SECONDARY_DUMP_DATA, Guid) == PTR + 8);
C_ASSERT(sizeof(NDIS_GUID) == 28 && offsetof(NDIS_GUID, Flags) == 24);
C_ASSERT(sizeof(NETWORK_ADDRESS_IP6) == 28 && offsetof(NETWORK_ADDRESS_IP6, sin6_addr) == 8);
C_ASSERT(sizeof(NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2) == 20);
C_ASSERT(sizeof(NDIS_RFC6877_464XLAT_OFFLOAD) == 8 && sizeof(NDIS_UDP_SEGMENTATION_OFFLOAD) == 28);
/* NDIS_OFFLOAD holds no pointer: the same on x64 and x86 (revision 2 is 144) */
C_ASSERT(NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_3 == 156);
C_ASSERT(NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_4 == 177);
C_ASSERT(offsetof(NDIS_OFFLOAD, Rfc6877Xlat) == 180);
C_ASSERT(NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_5 == 188);
C_ASSERT(NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_6 == 216);
C_ASSERT(NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_7 == NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_6);
C_ASSERT(NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_4 == 32);
C_ASSERT(NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_5 == 34);
C_ASSERT(NDIS_SIZEOF_RECEIVE_SCALE_CAPABILITIES_REVISION_3 == 18);
C_ASSERT(NDIS_SIZEOF_RECEIVE_SCALE_PARAMETERS_REVISION_3 == 44);

/* handler types, as NetKVM declares its functions */
static MINIPORT_ADD_DEVICE add_device;
static MINIPORT_REMOVE_DEVICE remove_device;
static MINIPORT_FILTER_RESOURCE_REQUIREMENTS filter_requirements;
static MINIPORT_PROCESS_SG_LIST process_sg_list;
static MINIPORT_ALLOCATE_SHARED_MEM_COMPLETE shared_mem_complete;
static KBUGCHECK_REASON_CALLBACK_ROUTINE on_bug_check;

static NDIS_STATUS
add_device(NDIS_HANDLE NdisMiniportHandle, NDIS_HANDLE MiniportDriverContext)
{
    (void)NdisMiniportHandle;
    (void)MiniportDriverContext;
    return NDIS_STATUS_SUCCESS;
}

static VOID
remove_device(NDIS_HANDLE MiniportAddDeviceContext)
{
    (void)MiniportAddDeviceContext;
}

static NDIS_STATUS
filter_requirements(NDIS_HANDLE MiniportAddDeviceContext, PIRP Irp)
{
    (void)MiniportAddDeviceContext;
    (void)Irp;
    return NDIS_STATUS_SUCCESS;
}

static VOID
process_sg_list(PDEVICE_OBJECT pDO, PVOID Reserved, PSCATTER_GATHER_LIST pSGL, PVOID Context)
{
    (void)pDO;
    (void)Reserved;
    (void)pSGL;
    (void)Context;
}

static VOID
shared_mem_complete(NDIS_HANDLE MiniportAdapterContext,
                    PVOID VirtualAddress,
                    PNDIS_PHYSICAL_ADDRESS PhysicalAddress,
                    ULONG Length,
                    PVOID Context)
{
    (void)MiniportAdapterContext;
    (void)VirtualAddress;
    (void)PhysicalAddress;
    (void)Length;
    (void)Context;
}

static VOID
on_bug_check(KBUGCHECK_CALLBACK_REASON Reason,
             PKBUGCHECK_REASON_CALLBACK_RECORD Record,
             PVOID ReasonSpecificData,
             ULONG ReasonSpecificDataLength)
{
    (void)Reason;
    (void)Record;
    (void)ReasonSpecificData;
    (void)ReasonSpecificDataLength;
}

int
main(void)
{
    NDIS_MINIPORT_PNP_CHARACTERISTICS pnp;
    NDIS_SG_DMA_DESCRIPTION sg;
    KBUGCHECK_REASON_CALLBACK_RECORD record;
    IO_RESOURCE_DESCRIPTOR desc;
    NDIS_OFFLOAD offload;
    NDIS_RECEIVE_SCALE_PARAMETERS rss;
    PVOID pointer = NULL;
    memset(&pnp, 0, sizeof(pnp));
    memset(&sg, 0, sizeof(sg));
    memset(&desc, 0, sizeof(desc));
    memset(&offload, 0, sizeof(offload));
    memset(&rss, 0, sizeof(rss));
    pnp.MiniportAddDeviceHandler = add_device;
    pnp.MiniportRemoveDeviceHandler = remove_device;
    pnp.MiniportFilterResourceRequirementsHandler = filter_requirements;
    sg.ProcessSGListHandler = process_sg_list;
    sg.SharedMemAllocateCompleteHandler = shared_mem_complete;
    KeInitializeCallbackRecord(&record);
    record.CallbackRoutine = on_bug_check;
    desc.u.Interrupt.AffinityPolicy = IrqPolicySpecifiedProcessors;
    desc.Flags |= CM_RESOURCE_INTERRUPT_POLICY_INCLUDED;
    offload.UdpSegmentation.IPv4.MaxOffLoadSize = 0xFFFF;
    offload.UdpSegmentation.IPv6.SubMssFinalSegmentSupported = 1;
    rss.DefaultProcessorNumber.Number = 1;
    __sdv_save_adapter_context(&pointer);
    return (int)record.State + (int)offload.UdpSegmentation.IPv4.MinSegmentCount;
}
