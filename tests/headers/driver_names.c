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
