/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/csq.h>: the cancel-safe IRP queue (IO_CSQ) as wdm.h declares
 * it. The driver supplies the queue and its lock through the six callbacks;
 * the I/O manager's part (IoCsqInsertIrp, IoCsqRemoveNextIrp, ...) needs IRP
 * cancellation, which undis does not run: those functions report themselves
 * unsupported and fail as documented (no IRP inserted, none removed).
 * IoCsqInitialize works: it only fills the IO_CSQ.
 */
#ifndef UNDIS_NDIS_CSQ_H
#define UNDIS_NDIS_CSQ_H

#include "compiler.h"
#include "types.h"
#include "wdmio.h"

UNDIS_EXTERN_C_BEGIN
UNDIS_CXX_EXTENSIONS_BEGIN

#define IO_TYPE_CSQ_IRP_CONTEXT 1
#define IO_TYPE_CSQ             2
#define IO_TYPE_CSQ_EX          3

typedef struct _IO_CSQ IO_CSQ, *PIO_CSQ;

typedef VOID NTAPI IO_CSQ_INSERT_IRP(_In_ struct _IO_CSQ *Csq, _In_ PIRP Irp);
typedef IO_CSQ_INSERT_IRP *PIO_CSQ_INSERT_IRP;
typedef NTSTATUS NTAPI IO_CSQ_INSERT_IRP_EX(_In_ struct _IO_CSQ *Csq,
                                            _In_ PIRP Irp,
                                            _In_ PVOID InsertContext);
typedef IO_CSQ_INSERT_IRP_EX *PIO_CSQ_INSERT_IRP_EX;
typedef VOID NTAPI IO_CSQ_REMOVE_IRP(_In_ PIO_CSQ Csq, _In_ PIRP Irp);
typedef IO_CSQ_REMOVE_IRP *PIO_CSQ_REMOVE_IRP;
typedef PIRP NTAPI IO_CSQ_PEEK_NEXT_IRP(_In_ PIO_CSQ Csq,
                                        _In_opt_ PIRP Irp,
                                        _In_opt_ PVOID PeekContext);
typedef IO_CSQ_PEEK_NEXT_IRP *PIO_CSQ_PEEK_NEXT_IRP;
typedef VOID NTAPI IO_CSQ_ACQUIRE_LOCK(_In_ PIO_CSQ Csq, _Out_ PKIRQL Irql);
typedef IO_CSQ_ACQUIRE_LOCK *PIO_CSQ_ACQUIRE_LOCK;
typedef VOID NTAPI IO_CSQ_RELEASE_LOCK(_In_ PIO_CSQ Csq, _In_ KIRQL Irql);
typedef IO_CSQ_RELEASE_LOCK *PIO_CSQ_RELEASE_LOCK;
typedef VOID NTAPI IO_CSQ_COMPLETE_CANCELED_IRP(_In_ PIO_CSQ Csq, _In_ PIRP Irp);
typedef IO_CSQ_COMPLETE_CANCELED_IRP *PIO_CSQ_COMPLETE_CANCELED_IRP;

struct _IO_CSQ {
    ULONG Type; /* IO_TYPE_CSQ or IO_TYPE_CSQ_EX */
    PIO_CSQ_INSERT_IRP CsqInsertIrp;
    PIO_CSQ_REMOVE_IRP CsqRemoveIrp;
    PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp;
    PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock;
    PIO_CSQ_RELEASE_LOCK CsqReleaseLock;
    PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp;
    PVOID ReservePointer;
};

typedef struct _IO_CSQ_IRP_CONTEXT {
    ULONG Type;
    struct _IRP *Irp;
    PIO_CSQ Csq;
} IO_CSQ_IRP_CONTEXT, *PIO_CSQ_IRP_CONTEXT;

/* Fills Csq (Type IO_TYPE_CSQ, the callbacks, ReservePointer NULL) and
 * returns STATUS_SUCCESS. Any IRQL; Csq must be non-NULL. */
NTSTATUS NTAPI IoCsqInitialize(_Out_ PIO_CSQ Csq,
                               _In_ PIO_CSQ_INSERT_IRP CsqInsertIrp,
                               _In_ PIO_CSQ_REMOVE_IRP CsqRemoveIrp,
                               _In_ PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp,
                               _In_ PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
                               _In_ PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
                               _In_ PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp);
/* As IoCsqInitialize with an InsertIrpEx callback (Type IO_TYPE_CSQ_EX). */
NTSTATUS NTAPI IoCsqInitializeEx(_Out_ PIO_CSQ Csq,
                                 _In_ PIO_CSQ_INSERT_IRP_EX CsqInsertIrp,
                                 _In_ PIO_CSQ_REMOVE_IRP CsqRemoveIrp,
                                 _In_ PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp,
                                 _In_ PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
                                 _In_ PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
                                 _In_ PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp);
/* Unsupported in undis (no IRP cancellation): report only. */
VOID NTAPI IoCsqInsertIrp(_Inout_ PIO_CSQ Csq,
                          _Inout_ PIRP Irp,
                          _Out_opt_ PIO_CSQ_IRP_CONTEXT Context);
/* Unsupported in undis: STATUS_NOT_SUPPORTED, the IRP not queued. */
NTSTATUS NTAPI IoCsqInsertIrpEx(_Inout_ PIO_CSQ Csq,
                                _Inout_ PIRP Irp,
                                _Out_opt_ PIO_CSQ_IRP_CONTEXT Context,
                                _In_opt_ PVOID InsertContext);
/* Unsupported in undis: NULL, as for an empty queue. */
PIRP NTAPI IoCsqRemoveNextIrp(_Inout_ PIO_CSQ Csq, _In_opt_ PVOID PeekContext);
/* Unsupported in undis: NULL, as for an IRP already cancelled. */
PIRP NTAPI IoCsqRemoveIrp(_Inout_ PIO_CSQ Csq, _Inout_ PIO_CSQ_IRP_CONTEXT Context);

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_CSQ_H */
