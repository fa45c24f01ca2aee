/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/poll.h>: NDIS Poll Mode, as the WDK's poll.h (included by
 * <ndis.h>) declares it for NDIS 6.85 and later (issue 12, helper
 * compat-b): a miniport registers a Poll object with NdisRegisterPoll and
 * NDIS calls its NdisPoll handler with an NDIS_POLL_DATA, in which the
 * driver returns receive indications (Receive) and send completions
 * (Transmit). Layouts are the WDK's on x64 and x86 (asserted below).
 *
 * The driver host does not poll yet: NdisRegisterPoll and
 * NdisSetPollAffinity fail with NDIS_STATUS_NOT_SUPPORTED and report their
 * name (src/kernel/unsupported_poll.c).
 */
#ifndef UNDIS_NDIS_POLL_H
#define UNDIS_NDIS_POLL_H

#include "compiler.h"
#include "types.h"
#include "status.h"
#include "objectheader.h"
#include "nbl.h"
#include "undis_assert.h"

UNDIS_EXTERN_C_BEGIN

#if NDIS_SUPPORT_NDIS685

/* "Any number": MaxNbls* without a limit, Number* for NDIS to count. */
#    define NDIS_ANY_NUMBER_OF_NBLS ((ULONG)0xffffffff)

DECLARE_HANDLE(NDIS_POLL_HANDLE);

typedef struct _NDIS_POLL_RECEIVE_DATA {
    ULONG MaxNblsToIndicate;
    ULONG Reserved1[3];
    NET_BUFFER_LIST *IndicatedNblChain;
    ULONG NumberOfIndicatedNbls;
    ULONG NumberOfRemainingNbls;
    ULONG Flags; /* NDIS_RECEIVE_FLAGS_* */
    ULONG Reserved2;
    void *Reserved3[4];
} NDIS_POLL_RECEIVE_DATA;

typedef struct _NDIS_POLL_TRANSMIT_DATA {
    ULONG MaxNblsToComplete;
    ULONG Reserved1[3];
    NET_BUFFER_LIST *CompletedNblChain;
    ULONG NumberOfCompletedNbls;
    ULONG NumberOfRemainingNbls;
    ULONG SendCompleteFlags; /* NDIS_SEND_COMPLETE_FLAGS_* */
    ULONG Reserved2;
    void *Reserved3[4];
} NDIS_POLL_TRANSMIT_DATA;

#    define NDIS_POLL_DATA_REVISION_1 1
typedef struct _NDIS_POLL_DATA {
    NDIS_OBJECT_HEADER Header;
    NDIS_POLL_TRANSMIT_DATA Transmit;
    NDIS_POLL_RECEIVE_DATA Receive;
} NDIS_POLL_DATA;
#    define NDIS_SIZEOF_NDIS_POLL_DATA_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_POLL_DATA, Receive)

#    define NDIS_POLL_NOTIFICATION_REVISION_1 1
typedef struct _NDIS_POLL_NOTIFICATION {
    NDIS_OBJECT_HEADER Header;
    BOOLEAN Enabled; /* TRUE: enable the Poll object's interrupt */
} NDIS_POLL_NOTIFICATION;
#    define NDIS_SIZEOF_NDIS_POLL_NOTIFICATION_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_POLL_NOTIFICATION, Enabled)

typedef _IRQL_requires_max_(DISPATCH_LEVEL)
    _Function_class_(NDIS_POLL) void NDIS_POLL(_In_ void *Context,
                                               _Inout_ NDIS_POLL_DATA *PollData);
typedef NDIS_POLL(*NDIS_POLL_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL)
    _Function_class_(NDIS_SET_POLL_NOTIFICATION) void NDIS_SET_POLL_NOTIFICATION(
        _In_ void *Context, _Inout_ NDIS_POLL_NOTIFICATION *Notification);
typedef NDIS_SET_POLL_NOTIFICATION(*NDIS_SET_POLL_NOTIFICATION_HANDLER);

#    define NDIS_POLL_CHARACTERISTICS_REVISION_1 1
typedef struct _NDIS_POLL_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    NDIS_SET_POLL_NOTIFICATION_HANDLER SetPollNotificationHandler;
    NDIS_POLL_HANDLER PollHandler;
} NDIS_POLL_CHARACTERISTICS;
#    define NDIS_SIZEOF_NDIS_POLL_CHARACTERISTICS_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_POLL_CHARACTERISTICS, PollHandler)

/* Registers a Poll object of the miniport adapter. undis: fails with
 * NDIS_STATUS_NOT_SUPPORTED, *PollHandle NULL (the host does not poll yet).
 * IRQL: PASSIVE_LEVEL. */
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisRegisterPoll(_In_ NDIS_HANDLE MiniportAdapterHandle,
                     _In_opt_ void *Context,
                     _In_ NDIS_POLL_CHARACTERISTICS const *Characteristics,
                     _Outptr_ NDIS_POLL_HANDLE *PollHandle);

/* Deregisters a Poll object. undis: reports only (no Poll object can have
 * been registered). IRQL: PASSIVE_LEVEL. */
_IRQL_requires_(PASSIVE_LEVEL) void NdisDeregisterPoll(_In_ NDIS_POLL_HANDLE PollHandle);

/* Asks NDIS to call the NdisPoll handler. undis: reports only. IRQL: <= DISPATCH_LEVEL. */
_IRQL_requires_max_(DISPATCH_LEVEL) void NdisRequestPoll(_In_ NDIS_POLL_HANDLE PollHandle,
                                                         _In_opt_ void *Context);

/* Sets the processor the Poll object runs on. undis: fails with
 * NDIS_STATUS_NOT_SUPPORTED. IRQL: PASSIVE_LEVEL. */
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisSetPollAffinity(_In_ NDIS_POLL_HANDLE PollHandle,
                        _In_ PROCESSOR_NUMBER const *PollAffinity);

#    if UNDIS_PTR64
UNDIS_C_ASSERT(sizeof(NDIS_POLL_RECEIVE_DATA) == 72);
UNDIS_C_ASSERT(sizeof(NDIS_POLL_DATA) == 152);
#    else
UNDIS_C_ASSERT(sizeof(NDIS_POLL_RECEIVE_DATA) == 52);
UNDIS_C_ASSERT(sizeof(NDIS_POLL_DATA) == 108);
#    endif
UNDIS_C_ASSERT(FIELD_OFFSET(NDIS_POLL_RECEIVE_DATA, IndicatedNblChain) == 16);
UNDIS_C_ASSERT(sizeof(NDIS_POLL_TRANSMIT_DATA) == sizeof(NDIS_POLL_RECEIVE_DATA));

#endif /* NDIS_SUPPORT_NDIS685 */

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_POLL_H */
