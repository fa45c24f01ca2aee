/* SPDX-License-Identifier: MIT */
/*
 * compat_names.c: names real driver sources use that undis lacked (issue
 * 12), each checked for its WDK value or meaning at compile time. Compiled
 * as C11 and C++17, gcc and clang, -m32 and MinGW (x86_64, i686), after
 * <ndis.h> and the kernel shadows, so a name that is missing, has the wrong
 * value or collides with <windows.h> fails the build.
 */
#include <ndis.h>
#include <wdm.h>
#include <bugcodes.h>
#include <intsafe.h>
#include <stdlib.h> /* after <ndis.h>: its names must not collide (MinGW) */

#define X64_X86(x64, x86) (sizeof(void *) == 8 ? (x64) : (x86))

/* SAL that must expand to nothing where drivers put it. */
_Analysis_mode_(_Analysis_code_type_kernel_driver_) typedef _Return_type_success_(return >= 0) LONG
    COMPAT_STATUS;
_Success_(return != 0) _Must_inspect_result_ BOOLEAN
    compat_sal(_In_reads_bytes_(Size) PVOID Buffer,
               _In_ ULONG Size,
               _Out_writes_opt_(2) PULONG Out,
               _Outptr_result_nullonfailure_ PVOID *Ptr);
_IRQL_requires_max_(DISPATCH_LEVEL) __drv_maxIRQL(DISPATCH_LEVEL) VOID compat_irql(VOID);

/* ULongToPtr and its family. */
C_ASSERT(sizeof(ULongToPtr(1U)) == sizeof(PVOID));
C_ASSERT(sizeof(PtrToUlong(NULL)) == 4);
C_ASSERT(sizeof(HandleToULong(NULL)) == 4);
C_ASSERT(sizeof(LongToHandle(-1)) == sizeof(HANDLE));

ULONG compat_ptrconv(PVOID Pointer);
ULONG
compat_ptrconv(PVOID Pointer)
{
    PVOID Back = ULongToPtr(PtrToUlong(Pointer));
    LONG Signed = PtrToLong(LongToPtr(-2));
    UCHAR Bytes[8];

    RtlFillMemoryNonTemporal(Bytes, sizeof(Bytes), 0xA5);
    return HandleToULong(ULongToHandle(PtrToUlong(Back))) + (ULONG)Signed + Bytes[7];
}

/* NTSTATUS codes. */
C_ASSERT(STATUS_INVALID_MESSAGE == (NTSTATUS)0xC0000702L);
C_ASSERT(STATUS_NDIS_INVALID_PACKET == (NTSTATUS)0xC023000FL);
C_ASSERT(STATUS_NDIS_INDICATION_REQUIRED == (NTSTATUS)0x40230001L);
C_ASSERT(STATUS_NDIS_PAUSED == (NTSTATUS)0xC023002AL);
C_ASSERT(STATUS_NDIS_LOW_POWER_STATE == (NTSTATUS)0xC023002FL);
C_ASSERT(STATUS_NDIS_REINIT_REQUIRED == (NTSTATUS)0xC0230030L);
C_ASSERT(STATUS_NDIS_NOT_SUPPORTED == (NTSTATUS)0xC02300BBL);
C_ASSERT(STATUS_NDIS_OFFLOAD_POLICY == (NTSTATUS)0xC023100FL);
C_ASSERT(STATUS_DEVICE_REMOVED == (NTSTATUS)0xC00002B6L);

/* Bug-check codes. */
C_ASSERT(CRYPTO_LIBRARY_INTERNAL_ERROR == 0x171);
C_ASSERT(NDIS_INTERNAL_ERROR == 0x4F);
C_ASSERT(BUGCODE_NDIS_DRIVER == 0x7C);
C_ASSERT(DRIVER_IRQL_NOT_LESS_OR_EQUAL == 0xD1);
C_ASSERT(NDIS_NET_BUFFER_LIST_INFO_ILLEGALLY_TRANSFERRED == 0x156);

/* intsafe.h (HRESULT) beside ntintsafe.h (NTSTATUS). */
C_ASSERT(INTSAFE_E_ARITHMETIC_OVERFLOW == (HRESULT)0x80070216L);

HRESULT compat_intsafe(ULONG A, ULONG B, ULONG *Out);
HRESULT
compat_intsafe(ULONG A, ULONG B, ULONG *Out)
{
    size_t Size; /* the SDK's SizeTMult takes a size_t * */
    HRESULT Result = ULongAdd(A, B, Out);

    if (SUCCEEDED(Result)) {
        Result = SizeTMult((size_t)A, (size_t)B, &Size);
    }
    return Result;
}

/* The I/O manager's types (wdm.h), with the WDK's sizes. */
C_ASSERT(sizeof(KDPC) == X64_X86(0x40, 0x20));
C_ASSERT(sizeof(DRIVER_OBJECT) == X64_X86(0x150, 0xA8));
C_ASSERT(sizeof(DEVICE_OBJECT) == X64_X86(0x150, 0xB8));
C_ASSERT(sizeof(IRP) == X64_X86(0xD0, 0x70));
C_ASSERT(sizeof(IO_STACK_LOCATION) == X64_X86(0x48, 0x24));
C_ASSERT(IRP_MJ_DEVICE_CONTROL == 0x0e);
C_ASSERT(IRP_MJ_MAXIMUM_FUNCTION == 0x1b);
C_ASSERT(CTL_CODE(FILE_DEVICE_NETWORK, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS) == 0x00122000);

DRIVER_INITIALIZE DriverEntry;
static DRIVER_DISPATCH compat_dispatch;
static KDEFERRED_ROUTINE compat_dpc;
static DRIVER_UNLOAD compat_unload;

static NTSTATUS
compat_dispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION Stack = IoGetCurrentIrpStackLocation(Irp);

    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Information = Stack->Parameters.DeviceIoControl.OutputBufferLength;
    Irp->IoStatus.Status = STATUS_SUCCESS;
    /* MinGW's <windows.h> gives some STATUS_* codes as DWORD: cast, as drivers do. */
    return Stack->FileObject != NULL && Stack->FileObject->FsContext != NULL
               ? (NTSTATUS)STATUS_SUCCESS
               : (NTSTATUS)STATUS_INVALID_PARAMETER;
}

static VOID
compat_dpc(PKDPC Dpc, PVOID Context, PVOID Argument1, PVOID Argument2)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Argument1);
    UNREFERENCED_PARAMETER(Argument2);
}

static VOID
compat_unload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    KDPC Dpc;

    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeDpc(&Dpc, compat_dpc, NULL);
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = compat_dispatch;
    DriverObject->DriverUnload = compat_unload;
    return STATUS_SUCCESS;
}

/* ntddndis.h / ifdef.h: media, link state, OIDs, offload descriptions. */
C_ASSERT(sizeof(NET_LUID) == 8);
C_ASSERT(sizeof(NET_IFINDEX) == 4);
C_ASSERT(IF_MAX_STRING_SIZE == 256);
C_ASSERT(MediaConnectStateDisconnected == 2);
C_ASSERT(NdisMediumIP == 19);
C_ASSERT(NdisPhysicalMedium802_3 == 14);
C_ASSERT(NdisRequestMethod == 12);
C_ASSERT(sizeof(NDIS_LINK_STATE) == 40);
/* the newest NDIS: NDIS_OFFLOAD ends at UdpSegmentation (revision 6, compat-d) */
C_ASSERT(sizeof(NDIS_OFFLOAD) ==
         X64_X86(NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_6, NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_6));
C_ASSERT(OID_GEN_CURRENT_PACKET_FILTER == 0x0001010E);
C_ASSERT(OID_GEN_LINK_STATE == 0x00010207);
C_ASSERT(OID_802_3_CURRENT_ADDRESS == 0x01010102);
C_ASSERT(OID_TCP_OFFLOAD_PARAMETERS == 0xFC01020C);
C_ASSERT(OID_PNP_SET_POWER == 0xFD010101);
C_ASSERT(NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS == 0x8B);
C_ASSERT(NDIS_PACKET_TYPE_PROMISCUOUS == 0x20);
C_ASSERT(NDIS_STATUS_MEDIA_CONNECT == (NDIS_STATUS)0x4001000BL);
C_ASSERT(NDIS_STATUS_LINK_STATE == (NDIS_STATUS)0x40010017L);

/* Receive filters, VMQ, QoS and the extensible switch (NDIS 6.20 / 6.30). */
C_ASSERT(NdisReceiveFilterTypeVMQueue == 1);
C_ASSERT(NdisFrameHeaderUdp == 5);
C_ASSERT(sizeof(NDIS_RECEIVE_FILTER_FIELD_PARAMETERS) == 56);
C_ASSERT(NDIS_QOS_MAXIMUM_TRAFFIC_CLASSES == 8);
C_ASSERT(NdisSwitchPortTypeInternal == 4);
C_ASSERT(NdisSwitchNicStateDeleted == 4);
C_ASSERT(FIELD_OFFSET(NDIS_SWITCH_NIC_PARAMETERS, NicName) == 8);
C_ASSERT(sizeof(GROUP_AFFINITY) == X64_X86(16, 12));
