/* SPDX-License-Identifier: MIT */
/*
 * rt_csq.c: the parts of the cancel-safe queue and of cancel IDs that work in
 * user mode as in the kernel. IoCsqInitialize(Ex) only fill the driver's
 * IO_CSQ; NdisGeneratePartialCancelId hands out successive byte values. The
 * queue operations themselves need IRP cancellation and are in
 * unsupported_names.c.
 */
#include "kernel/rt_internal.h"

#include <ndis.h>

static LONG g_partial_cancel_id;

/* Fill csq with type and the six callbacks; ReservePointer NULL. */
static void
csq_fill(PIO_CSQ csq,
         ULONG type,
         PIO_CSQ_INSERT_IRP insert,
         PIO_CSQ_REMOVE_IRP remove,
         PIO_CSQ_PEEK_NEXT_IRP peek,
         PIO_CSQ_ACQUIRE_LOCK acquire,
         PIO_CSQ_RELEASE_LOCK release,
         PIO_CSQ_COMPLETE_CANCELED_IRP complete)
{
    csq->Type = type;
    csq->CsqInsertIrp = insert;
    csq->CsqRemoveIrp = remove;
    csq->CsqPeekNextIrp = peek;
    csq->CsqAcquireLock = acquire;
    csq->CsqReleaseLock = release;
    csq->CsqCompleteCanceledIrp = complete;
    csq->ReservePointer = NULL;
}

NTSTATUS NTAPI
IoCsqInitialize(PIO_CSQ Csq,
                PIO_CSQ_INSERT_IRP CsqInsertIrp,
                PIO_CSQ_REMOVE_IRP CsqRemoveIrp,
                PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp,
                PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
                PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
                PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp)
{
    csq_fill(Csq, IO_TYPE_CSQ, CsqInsertIrp, CsqRemoveIrp, CsqPeekNextIrp, CsqAcquireLock,
             CsqReleaseLock, CsqCompleteCanceledIrp);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI
IoCsqInitializeEx(PIO_CSQ Csq,
                  PIO_CSQ_INSERT_IRP_EX CsqInsertIrp,
                  PIO_CSQ_REMOVE_IRP CsqRemoveIrp,
                  PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp,
                  PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
                  PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
                  PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp)
{
    /* The WDK keeps the Ex callback in the same slot; Type tells which. */
    csq_fill(Csq, IO_TYPE_CSQ_EX, (PIO_CSQ_INSERT_IRP)(void (*)(void))CsqInsertIrp, CsqRemoveIrp,
             CsqPeekNextIrp, CsqAcquireLock, CsqReleaseLock, CsqCompleteCanceledIrp);
    return STATUS_SUCCESS;
}

UCHAR
NdisGeneratePartialCancelId(VOID)
{
    return (UCHAR)((ULONG)InterlockedIncrement(&g_partial_cancel_id) & 0xFFU);
}
