/* SPDX-License-Identifier: MIT */
/*
 * driver_names.c: the names branch issue12-names added for the public
 * drivers (wds filter and ndisprot, ZeroTier's TapDriver6, tap-windows6),
 * with their WDK values and layouts, used where drivers use them. Compiled as
 * C11 and C++17, gcc and clang, -m32, after <ndis.h> and the kernel shadows.
 */
#include <ndis.h>
#include <wdm.h>
#include <wdmguid.h>
#include <stdlib.h> /* after <ndis.h>: the SAL 1 names must not break it */

#define X64_X86(x64, x86) (sizeof(void *) == 8 ? (x64) : (x86))

/* SAL 1, as old drivers annotate. */
NDIS_STATUS driver_names_sal1(__in NDIS_HANDLE Handle,
                              __in_opt PVOID Context,
                              __out PULONG Out,
                              __out_opt PULONG OutOpt,
                              __inout PULONG InOut,
                              __inout_opt PULONG InOutOpt);

C_ASSERT(NDIS_STATUS_INVALID_STATE == (NDIS_STATUS)0xC0000184L);
C_ASSERT(NDIS_STATUS_INVALID_STATE == STATUS_INVALID_DEVICE_STATE);
C_ASSERT(EXCEPTION_EXECUTE_HANDLER == 1);
C_ASSERT(EXCEPTION_CONTINUE_SEARCH == 0);
C_ASSERT(EXCEPTION_CONTINUE_EXECUTION == -1);

/* Protocol characteristics and restart parameters. */
C_ASSERT(NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1 == 1);
C_ASSERT(NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2 == 2);
C_ASSERT(NDIS_PROTOCOL_RESTART_PARAMETERS_REVISION_1 == 1);
C_ASSERT(FIELD_OFFSET(NDIS_PROTOCOL_RESTART_PARAMETERS, FilterModuleNameBuffer) == X64_X86(8, 4));
C_ASSERT(FIELD_OFFSET(NDIS_PROTOCOL_RESTART_PARAMETERS, RestartAttributes) == X64_X86(24, 12));
C_ASSERT(FIELD_OFFSET(NDIS_PROTOCOL_RESTART_PARAMETERS, BoundIfNetluid) == X64_X86(40, 24));
C_ASSERT(NDIS_SIZEOF_PROTOCOL_RESTART_PARAMETERS_REVISION_1 == X64_X86(52, 36));
C_ASSERT(sizeof(NDIS_DRIVER_OPTIONAL_HANDLERS) == sizeof(NDIS_OBJECT_HEADER));

/* The cancel-safe queue. */
C_ASSERT(IO_TYPE_CSQ_IRP_CONTEXT == 1);
C_ASSERT(IO_TYPE_CSQ == 2);
C_ASSERT(IO_TYPE_CSQ_EX == 3);
C_ASSERT(sizeof(IO_CSQ) == X64_X86(64, 32));
C_ASSERT(FIELD_OFFSET(IO_CSQ, CsqInsertIrp) == X64_X86(8, 4));
C_ASSERT(sizeof(IO_CSQ_IRP_CONTEXT) == X64_X86(24, 12));

/* Runtime versions, object attributes, registry, OS version (tap-windows6). */
C_ASSERT(NDIS_RUNTIME_VERSION_60 == 0x60000U);
C_ASSERT(NDIS_RUNTIME_VERSION_620 == 0x60014U);
C_ASSERT(NDIS_RUNTIME_VERSION_630 == 0x6001EU);
C_ASSERT(OBJ_CASE_INSENSITIVE == 0x40L);
C_ASSERT(OBJ_KERNEL_HANDLE == 0x200L);
C_ASSERT(KEY_QUERY_VALUE == 1);
C_ASSERT(KEY_READ == 0x20019L);
C_ASSERT(KeyValuePartialInformation == 2);
C_ASSERT(VER_GREATER_EQUAL == 3);
C_ASSERT(VER_MINORVERSION == 1 && VER_MAJORVERSION == 2);
C_ASSERT(sizeof(OBJECT_ATTRIBUTES) == X64_X86(48, 24));
C_ASSERT(FIELD_OFFSET(OBJECT_ATTRIBUTES, ObjectName) == X64_X86(16, 8));
C_ASSERT(FIELD_OFFSET(KEY_VALUE_PARTIAL_INFORMATION, Data) == 12);
C_ASSERT(sizeof(RTL_OSVERSIONINFOEXW) == 28 + 128 * sizeof(WCHAR)); /* 284 with a 2-byte WCHAR */

NTSTATUS driver_names_registry(PUNICODE_STRING Path, PUNICODE_STRING Value);
NTSTATUS
driver_names_registry(PUNICODE_STRING Path, PUNICODE_STRING Value)
{
    OBJECT_ATTRIBUTES attributes;
    HANDLE key;
    UCHAR buffer[sizeof(KEY_VALUE_PARTIAL_INFORMATION) + sizeof(ULONG)];
    ULONG length = 0;
    RTL_OSVERSIONINFOEXW version;
    ULONGLONG mask = 0;
    NTSTATUS status;

    if (Path == NULL)
        InitializeObjectAttributes(&attributes, Value, OBJ_KERNEL_HANDLE, NULL, NULL);
    else
        InitializeObjectAttributes(&attributes, Path, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE,
                                   NULL, NULL);
    status = ZwOpenKey(&key, KEY_QUERY_VALUE, &attributes);
    if (NT_SUCCESS(status)) {
        status = ZwQueryValueKey(key, Value, KeyValuePartialInformation, buffer,
                                 (ULONG)sizeof(buffer), &length);
        (void)ZwClose(key);
    }
    RtlZeroMemory(&version, sizeof(version));
    version.dwOSVersionInfoSize = sizeof(version);
    version.dwMajorVersion = 6;
    VER_SET_CONDITION(mask, VER_MAJORVERSION, VER_GREATER_EQUAL);
    if (RtlVerifyVersionInfo(&version, VER_MAJORVERSION, mask) == STATUS_SUCCESS &&
        NdisGetVersion() >= NDIS_RUNTIME_VERSION_630) {
        return STATUS_SUCCESS;
    }
    return status;
}

/* VMQ receive queues and RSS processor sets (netvmini). */
C_ASSERT(NDIS_SIZEOF_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1 == 16);
C_ASSERT(NDIS_SIZEOF_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1 == 12);
C_ASSERT(NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1 == 20);
C_ASSERT(NdisReceiveQueueOperationalStateDmaStopped == 3);
C_ASSERT(sizeof(NDIS_RSS_PROCESSOR) == 8);
C_ASSERT(FIELD_OFFSET(NDIS_RSS_PROCESSOR_INFO, RssProcessorArrayOffset) == 20);
C_ASSERT(NDIS_SIZEOF_RSS_PROCESSOR_INFO_REVISION_2 == 40);
C_ASSERT(NDIS_RSS_INDIRECTION_TABLE_MAX_SIZE_REVISION_2 == 512);
C_ASSERT(NdisRssProfileClosest == 1);

IO_CSQ_INSERT_IRP driver_names_insert;
IO_CSQ_PEEK_NEXT_IRP driver_names_peek;

NTSTATUS driver_names_use(PIO_CSQ Csq, PIRP Irp, NDIS_HANDLE Handle);
NTSTATUS
driver_names_use(PIO_CSQ Csq, PIRP Irp, NDIS_HANDLE Handle)
{
    IO_CSQ_IRP_CONTEXT context;
    NDIS_DRIVER_OPTIONAL_HANDLERS handlers;
    NDIS_STRING name;
    const GUID *arrival = &GUID_DEVICE_INTERFACE_ARRIVAL;
    UCHAR id = NdisGeneratePartialCancelId();
    NDIS_STATUS status;

    handlers.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    handlers.Header.Revision = 1;
    handlers.Header.Size = (USHORT)sizeof(handlers);
    status = NdisSetOptionalHandlers(Handle, &handlers);
    if (NdisQueryAdapterInstanceName(&name, Handle) != NDIS_STATUS_SUCCESS || arrival == NULL) {
        return status;
    }
    if (id == 0) {
        IoCsqInsertIrp(Csq, Irp, &context);
        __fallthrough; /* nothing: the WDK's is an annotation, not an attribute */
    }
    if (IoCsqRemoveNextIrp(Csq, NULL) != NULL) {
        return IoCsqInsertIrpEx(Csq, Irp, &context, NULL);
    }
    return IoCsqRemoveIrp(Csq, &context) == NULL ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}
