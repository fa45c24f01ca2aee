/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/interrupt.h>: the NDIS 6 interrupt role of a miniport (issue
 * 12, helper compat-b; virtio-win's NetKVM registers line and message
 * interrupts): the MiniportInterrupt/MiniportInterruptDPC/enable/disable
 * handler types, their message-signaled forms, the interrupt
 * characteristics, NdisMRegisterInterruptEx and the calls on a registered
 * interrupt, with the WDK's names and prototypes.
 *
 * undis gives a virtual adapter no interrupt: registration fails with
 * NDIS_STATUS_FAILURE (a NULL handle) and NdisMQueueDpcEx queues nothing,
 * each reporting its name once (src/kernel/unsupported_interrupt.c);
 * NdisMSynchronizeWithInterruptEx runs the function directly, as there is
 * no interrupt service routine to exclude.
 */
#ifndef UNDIS_NDIS_INTERRUPT_H
#define UNDIS_NDIS_INTERRUPT_H

#include "compiler.h"
#include "types.h"
#include "status.h"
#include "objectheader.h"
#include "rxfilter.h"
#include "pci.h"

UNDIS_EXTERN_C_BEGIN

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(MINIPORT_ISR) BOOLEAN
    MINIPORT_ISR(_In_ NDIS_HANDLE MiniportInterruptContext,
                 _Out_ PBOOLEAN QueueDefaultInterruptDpc,
                 _Out_ PULONG TargetProcessors);
typedef MINIPORT_ISR(*MINIPORT_ISR_HANDLER);

#if NDIS_SUPPORT_NDIS620
typedef _IRQL_requires_(DISPATCH_LEVEL) _Function_class_(MINIPORT_INTERRUPT_DPC) VOID
    MINIPORT_INTERRUPT_DPC(_In_ NDIS_HANDLE MiniportInterruptContext,
                           _In_ PVOID MiniportDpcContext,
                           _In_ PVOID ReceiveThrottleParameters,
                           _In_ PVOID NdisReserved2);
#else
typedef _IRQL_requires_(DISPATCH_LEVEL) _Function_class_(MINIPORT_INTERRUPT_DPC) VOID
    MINIPORT_INTERRUPT_DPC(_In_ NDIS_HANDLE MiniportInterruptContext,
                           _In_ PVOID MiniportDpcContext,
                           _In_ PULONG NdisReserved1,
                           _In_ PULONG NdisReserved2);
#endif
typedef MINIPORT_INTERRUPT_DPC(*MINIPORT_INTERRUPT_DPC_HANDLER);

typedef _Function_class_(MINIPORT_ENABLE_INTERRUPT) VOID
    MINIPORT_ENABLE_INTERRUPT(_In_ NDIS_HANDLE MiniportInterruptContext);
typedef MINIPORT_ENABLE_INTERRUPT(*MINIPORT_ENABLE_INTERRUPT_HANDLER);

typedef _Function_class_(MINIPORT_DISABLE_INTERRUPT) VOID
    MINIPORT_DISABLE_INTERRUPT(_In_ NDIS_HANDLE MiniportInterruptContext);
typedef MINIPORT_DISABLE_INTERRUPT(*MINIPORT_DISABLE_INTERRUPT_HANDLER);

typedef _Function_class_(MINIPORT_MESSAGE_INTERRUPT) BOOLEAN
    MINIPORT_MESSAGE_INTERRUPT(_In_ NDIS_HANDLE MiniportInterruptContext,
                               _In_ ULONG MessageId,
                               _Out_ PBOOLEAN QueueDefaultInterruptDpc,
                               _Out_ PULONG TargetProcessors);
typedef MINIPORT_MESSAGE_INTERRUPT(*MINIPORT_MSI_ISR_HANDLER);

#if NDIS_SUPPORT_NDIS620
typedef _IRQL_requires_(DISPATCH_LEVEL) _Function_class_(MINIPORT_MESSAGE_INTERRUPT_DPC) VOID
    MINIPORT_MESSAGE_INTERRUPT_DPC(_In_ NDIS_HANDLE MiniportInterruptContext,
                                   _In_ ULONG MessageId,
                                   _In_ PVOID MiniportDpcContext,
                                   _In_ PVOID ReceiveThrottleParameters,
                                   _In_ PVOID NdisReserved2);
#else
typedef _IRQL_requires_(DISPATCH_LEVEL) _Function_class_(MINIPORT_MESSAGE_INTERRUPT_DPC) VOID
    MINIPORT_MESSAGE_INTERRUPT_DPC(_In_ NDIS_HANDLE MiniportInterruptContext,
                                   _In_ ULONG MessageId,
                                   _In_ PVOID MiniportDpcContext,
                                   _In_ PULONG NdisReserved1,
                                   _In_ PULONG NdisReserved2);
#endif
typedef MINIPORT_MESSAGE_INTERRUPT_DPC(*MINIPORT_MSI_INTERRUPT_DPC_HANDLER);

typedef _Function_class_(MINIPORT_ENABLE_MESSAGE_INTERRUPT) VOID
    MINIPORT_ENABLE_MESSAGE_INTERRUPT(_In_ NDIS_HANDLE MiniportInterruptContext,
                                      _In_ ULONG MessageId);
typedef MINIPORT_ENABLE_MESSAGE_INTERRUPT(*MINIPORT_ENABLE_MSI_INTERRUPT_HANDLER);

typedef _Function_class_(MINIPORT_DISABLE_MESSAGE_INTERRUPT) VOID
    MINIPORT_DISABLE_MESSAGE_INTERRUPT(_In_ NDIS_HANDLE MiniportInterruptContext,
                                       _In_ ULONG MessageId);
typedef MINIPORT_DISABLE_MESSAGE_INTERRUPT(*MINIPORT_DISABLE_MSI_INTERRUPT_HANDLER);

typedef _Function_class_(MINIPORT_SYNCHRONIZE_INTERRUPT) BOOLEAN
    MINIPORT_SYNCHRONIZE_INTERRUPT(_In_ NDIS_HANDLE SynchronizeContext);
typedef MINIPORT_SYNCHRONIZE_INTERRUPT(*MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER);

typedef enum _NDIS_INTERRUPT_TYPE {
    NDIS_CONNECT_LINE_BASED = 1,
    NDIS_CONNECT_MESSAGE_BASED
} NDIS_INTERRUPT_TYPE,
    *PNDIS_INTERRUPT_TYPE;

#define NDIS_MINIPORT_INTERRUPT_REVISION_1 1
typedef struct _NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    MINIPORT_ISR_HANDLER InterruptHandler;
    MINIPORT_INTERRUPT_DPC_HANDLER InterruptDpcHandler;
    MINIPORT_DISABLE_INTERRUPT_HANDLER DisableInterruptHandler;
    MINIPORT_ENABLE_INTERRUPT_HANDLER EnableInterruptHandler;
    BOOLEAN MsiSupported;
    BOOLEAN MsiSyncWithAllMessages;
    MINIPORT_MSI_ISR_HANDLER MessageInterruptHandler;
    MINIPORT_MSI_INTERRUPT_DPC_HANDLER MessageInterruptDpcHandler;
    MINIPORT_DISABLE_MSI_INTERRUPT_HANDLER DisableMessageInterruptHandler;
    MINIPORT_ENABLE_MSI_INTERRUPT_HANDLER EnableMessageInterruptHandler;
    NDIS_INTERRUPT_TYPE InterruptType;           /* set by NDIS */
    PIO_INTERRUPT_MESSAGE_INFO MessageInfoTable; /* set by NDIS */
} NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS, *PNDIS_MINIPORT_INTERRUPT_CHARACTERISTICS;
#define NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS, MessageInfoTable)

/* Registers the miniport's interrupt. undis: NDIS_STATUS_FAILURE,
 * *NdisInterruptHandle NULL (no interrupt). IRQL: PASSIVE_LEVEL. */
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS NdisMRegisterInterruptEx(
    _In_ NDIS_HANDLE MiniportAdapterHandle,
    _In_ NDIS_HANDLE MiniportInterruptContext,
    _In_ PNDIS_MINIPORT_INTERRUPT_CHARACTERISTICS MiniportInterruptCharacteristics,
    _Out_ PNDIS_HANDLE NdisInterruptHandle);

/* Deregisters it. undis: reports only (no registration can have succeeded).
 * IRQL: PASSIVE_LEVEL. */
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisMDeregisterInterruptEx(_In_ NDIS_HANDLE NdisInterruptHandle);

/* Runs SynchronizeFunction(SynchronizeContext) excluded from the interrupt
 * service routine and returns what it returns. undis: runs it directly
 * (there is no service routine). Real. IRQL: <= DISPATCH_LEVEL. */
_IRQL_requires_max_(DISPATCH_LEVEL) BOOLEAN
    NdisMSynchronizeWithInterruptEx(_In_ NDIS_HANDLE NdisInterruptHandle,
                                    _In_ ULONG MessageId,
                                    _In_ MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER SynchronizeFunction,
                                    _In_ PVOID SynchronizeContext);

/* Queues the interrupt's DPC on the target processors; returns the
 * processors it was queued on. undis: 0 (none), reporting. IRQL:
 * <= DISPATCH_LEVEL. */
_IRQL_requires_max_(DISPATCH_LEVEL) KAFFINITY NdisMQueueDpcEx(_In_ NDIS_HANDLE NdisInterruptHandle,
                                                              _In_ ULONG MessageId,
                                                              _In_ PGROUP_AFFINITY TargetProcessors,
                                                              _In_opt_ PVOID MiniportDpcContext);

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_INTERRUPT_H */
