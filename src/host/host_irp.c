/* SPDX-License-Identifier: MIT */
/*
 * host_irp.c: the IRPs the host sends to a hosted driver's device, and the
 * I/O manager calls a driver makes on them: IofCompleteRequest, IoCancelIrp,
 * IoAcquireCancelSpinLock / IoReleaseCancelSpinLock.
 *
 * An IRP lives in a record of the host's (struct host_irp) with one stack
 * location, as the I/O manager builds an IRP for a device whose StackSize is
 * 1. References: the caller's (until it has read the results), the
 * driver's (until IofCompleteRequest), and a canceller's while IoCancelIrp
 * runs. A record is on its file's pending list while any reference is held;
 * after the last one its buffers are freed and the record waits in the
 * file's ring of done IRPs (so that a second completion is named, not a
 * use after free) until it falls out of the ring or the file is freed.
 *
 * The rules checked here: an IRP completed twice, STATUS_PENDING returned
 * without IoMarkIrpPending (or IoMarkIrpPending and another status), a final
 * status returned with the IRP not completed, a cancel routine still set at
 * completion, IRPs still pending when their file is closed.
 */
#include "host/host_device.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define IO_TYPE_IRP 6

static KSPIN_LOCK g_cancel_lock;

void
undis__host_device_report(struct host_device *device,
                          undis_rule rule,
                          const char *function,
                          const void *object,
                          const char *fmt,
                          ...)
{
    char detail[400];
    char message[512];
    undis_report report;
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    (void)snprintf(message, sizeof(message), "%s: device %s: %s",
                   undis__host_friendly(device->host), undis__host_device_name(device), detail);
    undis__host_count(&device->host->findings, 1);
    undis__report_init(&report, rule);
    report.function = function;
    report.message = message;
    report.object = object; /* the IRP, the FILE_OBJECT or the DEVICE_OBJECT */
    undis__report_dispatch(&report);
}

static struct host_irp *
record_of(PIRP irp)
{
    struct host_irp *h;
    if (irp == NULL) {
        return NULL;
    }
    h = (struct host_irp *)(void *)((char *)irp - offsetof(struct host_irp, irp));
    return h->magic == HOST_IRP_MAGIC ? h : NULL;
}

struct host_irp *
undis__host_irp_new(struct undis_host_file *file, UCHAR major)
{
    struct host_irp *h = (struct host_irp *)undis__mem_alloc(sizeof(*h));
    IRP *irp;
    if (h == NULL) {
        return NULL;
    }
    memset(h, 0, sizeof(*h));
    h->magic = HOST_IRP_MAGIC;
    h->file = file;
    h->major = major;
    irp = &h->irp;
    irp->Type = IO_TYPE_IRP;
    irp->Size = (USHORT)(sizeof(IRP) + sizeof(IO_STACK_LOCATION));
    irp->StackCount = 1;
    irp->CurrentLocation = 1;
    irp->RequestorMode = UserMode;
    irp->Tail.Overlay.CurrentStackLocation = &h->stack[0];
    irp->Tail.Overlay.OriginalFileObject = &file->object;
    h->stack[0].MajorFunction = major;
    h->stack[0].DeviceObject = &file->device->object;
    h->stack[0].FileObject = &file->object;
    return h;
}

static void
free_buffers(struct host_irp *h)
{
    if (h->mdl != NULL) {
        IoFreeMdl(h->mdl);
    }
    undis__mem_free(h->system_buffer);
    undis__mem_free(h->in_bounce);
    undis__mem_free(h->out_bounce);
    h->mdl = NULL;
    h->system_buffer = h->in_bounce = h->out_bounce = NULL;
    h->irp.MdlAddress = NULL;
}

/* Drops a reference; the last one takes the record off the pending list and
 * puts it in the done ring (evicting, and freeing, the oldest). */
static void
release(struct host_irp *h)
{
    struct undis_host_file *file = h->file;
    struct host_irp *evicted;
    /* acquire as well: the last drop (the waiter's, or the completer's) must
     * see the other's writes before the record goes to the done ring and is
     * freed (tsan: device_cancel_races_with_completion) */
    if (UNDIS_ATOMIC_FETCH_SUB_ACQ_REL(&h->refs, 1) != 1) {
        return;
    }
    free_buffers(h);
    undis__spin_lock(&file->lock);
    if (h->prev != NULL) {
        h->prev->next = h->next;
    } else {
        file->pending = h->next;
    }
    if (h->next != NULL) {
        h->next->prev = h->prev;
    }
    evicted = file->done[file->done_next];
    file->done[file->done_next] = h;
    file->done_next = (file->done_next + 1) % HOST_DONE_RING;
    undis__spin_unlock(&file->lock);
    if (evicted != NULL) {
        evicted->magic = 0;
        undis__mem_free(evicted);
    }
}

void
undis__host_irp_discard(struct host_irp *h)
{
    free_buffers(h);
    h->magic = 0;
    undis__mem_free(h);
}

void
undis__host_irp_release(struct host_irp *h)
{
    release(h);
}

static void
add_pending(struct host_irp *h)
{
    struct undis_host_file *file = h->file;
    h->refs = 2; /* the caller's, the driver's */
    undis__spin_lock(&file->lock);
    h->prev = NULL;
    h->next = file->pending;
    if (file->pending != NULL) {
        file->pending->prev = h;
    }
    file->pending = h;
    undis__spin_unlock(&file->lock);
}

VOID FASTCALL
IofCompleteRequest(PIRP Irp, CCHAR PriorityBoost)
{
    struct host_irp *h = record_of(Irp);
    struct host_device *d;
    UNREFERENCED_PARAMETER(PriorityBoost);
    if (h == NULL) {
        fprintf(stderr, "undis host: IofCompleteRequest was given %p, not an IRP of the host's\n",
                (void *)Irp);
        return;
    }
    d = h->file->device;
    if (undis__atomic_exchange_int(&h->completed, 1) != 0) {
        undis__host_device_report(d, UNDIS_RULE_HOST_DEVICE_IRP_COMPLETED_TWICE, __func__, Irp,
                                  "%s IRP %p completed a second time (status 0x%08lx); the host "
                                  "ignores it",
                                  undis__host_major_name(h->major), (void *)Irp,
                                  (unsigned long)Irp->IoStatus.Status);
        return;
    }
    if (Irp->CancelRoutine != NULL) {
        undis__host_device_report(d, UNDIS_RULE_HOST_DEVICE_CANCEL_ROUTINE_AT_COMPLETION, __func__,
                                  Irp,
                                  "%s IRP %p completed with its cancel routine still set "
                                  "(IoSetCancelRoutine(Irp, NULL) first); the host clears it",
                                  undis__host_major_name(h->major), (void *)Irp);
        (void)IoSetCancelRoutine(Irp, NULL);
    }
    undis__atomic_store_release_int(&h->done, 1);
    release(h);
}

/* The dispatch routine for the IRP's major function, or NULL. */
static PDRIVER_DISPATCH
dispatch_of(struct host_device *d, UCHAR major)
{
    return d->ndis ? d->table[major] : d->object.DriverObject->MajorFunction[major];
}

/* No routine: NDIS completes create, cleanup and close of its devices with
 * success; anything else (and every IRP of an IoCreateDevice device, whose
 * driver object's table the I/O manager fills with a routine that fails)
 * fails with STATUS_INVALID_DEVICE_REQUEST. */
static NTSTATUS
no_dispatch(struct host_irp *h)
{
    BOOLEAN ok = (BOOLEAN)(h->file->device->ndis &&
                           (h->major == IRP_MJ_CREATE || h->major == IRP_MJ_CLEANUP ||
                            h->major == IRP_MJ_CLOSE));
    h->irp.IoStatus.Status = ok ? STATUS_SUCCESS : STATUS_INVALID_DEVICE_REQUEST;
    h->irp.IoStatus.Information = 0;
    IofCompleteRequest(&h->irp, IO_NO_INCREMENT);
    return h->irp.IoStatus.Status;
}

/* The dispatch's return against IoMarkIrpPending and the completion. */
static void
check_return(struct host_irp *h, NTSTATUS status)
{
    struct host_device *d = h->file->device;
    BOOLEAN marked = (BOOLEAN)((h->stack[0].Control & SL_PENDING_RETURNED) != 0);
    const char *major = undis__host_major_name(h->major);
    if (status == STATUS_PENDING && !marked) {
        undis__host_device_report(
            d, UNDIS_RULE_HOST_DEVICE_PENDING_NOT_MARKED, major, &h->irp,
            "the dispatch routine returned STATUS_PENDING for IRP %p "
            "without IoMarkIrpPending%s",
            (void *)&h->irp,
            undis__atomic_load_acquire_int(&h->done) != 0 ? " (and had completed it)" : "");
    } else if (status != STATUS_PENDING && marked) {
        undis__host_device_report(d, UNDIS_RULE_HOST_DEVICE_PENDING_NOT_MARKED, major, &h->irp,
                                  "the dispatch routine called IoMarkIrpPending on IRP %p but "
                                  "returned 0x%08lx, not STATUS_PENDING",
                                  (void *)&h->irp, (unsigned long)status);
    }
    if (status != STATUS_PENDING && undis__atomic_load_acquire_int(&h->done) == 0) {
        undis__host_device_report(d, UNDIS_RULE_HOST_DEVICE_IRP_NOT_COMPLETED, major, &h->irp,
                                  "the dispatch routine returned 0x%08lx for IRP %p without "
                                  "completing it (IoCompleteRequest) or returning STATUS_PENDING",
                                  (unsigned long)status, (void *)&h->irp);
    }
}

NTSTATUS
undis__host_irp_call(struct host_irp *h, ULONG timeout_ms, ULONG_PTR *information)
{
    struct host_device *d = h->file->device;
    PDRIVER_DISPATCH routine = dispatch_of(d, h->major);
    NTSTATUS status;
    *information = 0;
    add_pending(h);
    if (routine == NULL) {
        status = no_dispatch(h);
    } else {
        status = routine(&d->object, &h->irp);
        check_return(h, status);
    }
    if (status != STATUS_PENDING && undis__atomic_load_acquire_int(&h->done) == 0) {
        return status; /* reported: the IRP stays with the driver */
    }
    if (!undis__host_wait(&h->done, timeout_ms)) {
        return STATUS_IO_TIMEOUT;
    }
    *information = h->irp.IoStatus.Information;
    return h->irp.IoStatus.Status;
}

/* ---- cancel ------------------------------------------------------------------------- */

VOID NTAPI
IoAcquireCancelSpinLock(PKIRQL Irql)
{
    KeAcquireSpinLock(&g_cancel_lock, Irql);
}

VOID NTAPI
IoReleaseCancelSpinLock(KIRQL Irql)
{
    KeReleaseSpinLock(&g_cancel_lock, Irql);
}

BOOLEAN NTAPI
IoCancelIrp(PIRP Irp)
{
    KIRQL irql;
    PDRIVER_CANCEL routine;
    IoAcquireCancelSpinLock(&irql);
    Irp->Cancel = TRUE;
    routine = IoSetCancelRoutine(Irp, NULL);
    if (routine == NULL) {
        IoReleaseCancelSpinLock(irql);
        return FALSE;
    }
    Irp->CancelIrql = irql;
    routine(IoGetCurrentIrpStackLocation(Irp)->DeviceObject, Irp); /* releases the lock */
    return TRUE;
}

/* Takes a reference on the first pending, not completed IRP of file not
 * cancelled yet: NULL when there is none. */
static struct host_irp *
next_to_cancel(struct undis_host_file *file)
{
    struct host_irp *found = NULL;
    undis__spin_lock(&file->lock);
    for (struct host_irp *h = file->pending; h != NULL; h = h->next) {
        if (undis__atomic_load_acquire_int(&h->completed) == 0 && !h->irp.Cancel) {
            (void)UNDIS_ATOMIC_FETCH_ADD_RELAXED(&h->refs, 1);
            found = h;
            break;
        }
    }
    undis__spin_unlock(&file->lock);
    return found;
}

void
undis__host_irp_cancel_file(struct undis_host_file *file, ULONG timeout_ms)
{
    struct host_irp *h;
    uint64_t end;
    while ((h = next_to_cancel(file)) != NULL) {
        /* Without a cancel routine Windows only sets Irp->Cancel. */
        h->cancel_ran = IoCancelIrp(&h->irp);
        release(h);
    }
    end = undis__clock_monotonic_ns() + (uint64_t)timeout_ms * 1000000u;
    for (;;) {
        BOOLEAN waiting = FALSE;
        undis__spin_lock(&file->lock);
        for (h = file->pending; h != NULL && !waiting; h = h->next) {
            waiting =
                (BOOLEAN)(h->cancel_ran && undis__atomic_load_acquire_int(&h->completed) == 0);
        }
        undis__spin_unlock(&file->lock);
        if (!waiting || undis__clock_monotonic_ns() >= end) {
            return;
        }
        undis__sleep_ns(100000u);
    }
}

ULONG
undis__host_irp_report_pending(struct undis_host_file *file)
{
    struct host_device *d = file->device;
    char list[240];
    size_t used = 0;
    ULONG count = 0;
    BOOLEAN with_routine = FALSE;
    list[0] = '\0';
    undis__spin_lock(&file->lock);
    for (struct host_irp *h = file->pending; h != NULL; h = h->next) {
        if (undis__atomic_load_acquire_int(&h->completed) != 0) {
            continue;
        }
        count++;
        with_routine |= (BOOLEAN)(h->irp.CancelRoutine != NULL);
        if (used + 48 < sizeof(list)) {
            int n =
                snprintf(list + used, sizeof(list) - used, "%s%s IRP %p%s", used != 0 ? ", " : "",
                         undis__host_major_name(h->major), (void *)&h->irp,
                         h->irp.CancelRoutine != NULL ? "" : " (no cancel routine)");
            used += n > 0 ? (size_t)n : 0;
        }
    }
    undis__spin_unlock(&file->lock);
    if (count != 0) {
        undis__host_device_report(d, UNDIS_RULE_HOST_DEVICE_PENDING_AT_CLOSE, "IRP_MJ_CLEANUP",
                                  &file->object,
                                  "%lu IRP(s) still pending after the handle was closed "
                                  "(cancelled, then IRP_MJ_CLEANUP): %s%s",
                                  (unsigned long)count, list,
                                  with_routine ? ""
                                               : "; with no cancel routine nothing could "
                                                 "cancel them");
    }
    return count;
}

void
undis__host_irp_free_file(struct undis_host_file *file, BOOLEAN force)
{
    for (ULONG i = 0; i < HOST_DONE_RING; i++) {
        if (file->done[i] != NULL) {
            file->done[i]->magic = 0;
            undis__mem_free(file->done[i]);
            file->done[i] = NULL;
        }
    }
    while (force && file->pending != NULL) {
        struct host_irp *h = file->pending;
        file->pending = h->next;
        free_buffers(h);
        h->magic = 0;
        undis__mem_free(h);
    }
}
