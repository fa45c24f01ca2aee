/* SPDX-License-Identifier: MIT */
/*
 * host_file.c: what a user-mode program does with a driver's control
 * device, done by the host's caller (<undis/host.h>): open it by name
 * (IRP_MJ_CREATE with a FILE_OBJECT), DeviceIoControl (IRP_MJ_DEVICE_CONTROL
 * with the buffers the control code's method asks for), ReadFile and
 * WriteFile (IRP_MJ_READ / IRP_MJ_WRITE, buffered, direct or neither as the
 * device's Flags say), and close (pending IRPs cancelled, IRP_MJ_CLEANUP,
 * IRP_MJ_CLOSE).
 *
 * The driver never sees the caller's memory: every buffer it is given is a
 * copy of the host's (the system buffer, or the "user" buffer an MDL or
 * UserBuffer describes), copied back when the IRP completes in time. An IRP
 * still pending when the call gives up keeps its copies until it completes.
 */
#include "host/host_device.h"

#include <stdio.h>
#include <string.h>

#define IO_TYPE_FILE 5
#define FILE_OPEN    0x00000001

static void *
copy_of(const void *data, ULONG length, ULONG size)
{
    void *p;
    if (size == 0) {
        return NULL;
    }
    p = undis__mem_alloc(size);
    if (p != NULL) {
        memset(p, 0, size);
        if (data != NULL && length != 0) {
            memcpy(p, data, length);
        }
    }
    return p;
}

/* out_bounce of length bytes (a copy of data) described by an MDL: the
 * pages of a user buffer the I/O manager probed and locked, not mapped. */
static BOOLEAN
add_mdl(struct host_irp *h, const void *data, ULONG length, BOOLEAN write)
{
    h->out_bounce = copy_of(data, length, length);
    if (h->out_bounce == NULL) {
        return FALSE;
    }
    h->mdl = IoAllocateMdl(h->out_bounce, length, FALSE, FALSE, NULL);
    if (h->mdl == NULL) {
        return FALSE;
    }
    h->mdl->MdlFlags = (CSHORT)(MDL_PAGES_LOCKED | (write ? MDL_WRITE_OPERATION : 0));
    h->irp.MdlAddress = h->mdl;
    return TRUE;
}

#define new_irp undis__host_irp_new
#define discard undis__host_irp_discard

static BOOLEAN
file_ok(const undis_host_file *file)
{
    return (BOOLEAN)(file != NULL && file->magic == HOST_FILE_MAGIC && !file->closed);
}

/* ---- open and close ---------------------------------------------------------------- */

static NTSTATUS
send_create(undis_host_file *f)
{
    struct host_irp *h = new_irp(f, IRP_MJ_CREATE);
    ULONG_PTR info;
    NTSTATUS status;
    if (h == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    h->stack[0].Parameters.Create.Options = (ULONG)FILE_OPEN << 24;
    h->stack[0].Parameters.Create.ShareAccess = 0x3; /* read | write */
    status = undis__host_irp_call(h, HOST_OPEN_TIMEOUT_MS, &info);
    undis__host_irp_release(h);
    return status;
}

NTSTATUS
undis_host_device_open(undis_host *host, const char *name, undis_host_file **out)
{
    struct host_device *d;
    undis_host_file *f;
    NTSTATUS status;
    if (out == NULL || name == NULL) {
        return STATUS_INVALID_PARAMETER;
    }
    *out = NULL;
    d = undis__host_device_lookup_open(host, name);
    if (d == NULL) {
        return STATUS_OBJECT_NAME_NOT_FOUND;
    }
    f = (undis_host_file *)undis__mem_alloc(sizeof(*f));
    if (f == NULL) {
        undis__host_device_file_closed(d, NULL);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    memset(f, 0, sizeof(*f));
    f->magic = HOST_FILE_MAGIC;
    f->device = d;
    f->object.Type = IO_TYPE_FILE;
    f->object.Size = (CSHORT)sizeof(FILE_OBJECT);
    f->object.DeviceObject = &d->object;
    f->object.ReadAccess = f->object.WriteAccess = TRUE;
    undis__host_device_file_add(d, f);
    status = send_create(f);
    if (!NT_SUCCESS(status) || status == STATUS_PENDING) {
        f->closed = TRUE; /* a failed create gets no cleanup or close */
        undis__host_device_file_closed(d, f);
        return NT_SUCCESS(status) ? STATUS_IO_TIMEOUT : status;
    }
    *out = f;
    return STATUS_SUCCESS;
}

static void
send_simple(undis_host_file *f, UCHAR major)
{
    struct host_irp *h = new_irp(f, major);
    ULONG_PTR info;
    if (h == NULL) {
        fprintf(stderr, "undis host: out of memory for the %s IRP of a close; not sent\n",
                undis__host_major_name(major));
        return;
    }
    (void)undis__host_irp_call(h, HOST_OPEN_TIMEOUT_MS, &info);
    undis__host_irp_release(h);
}

void
undis_host_device_close(undis_host_file *file)
{
    struct host_device *d;
    if (!file_ok(file)) {
        return;
    }
    d = file->device;
    undis__host_irp_cancel_file(file, HOST_OPEN_TIMEOUT_MS);
    send_simple(file, IRP_MJ_CLEANUP);
    (void)undis__host_irp_report_pending(file);
    send_simple(file, IRP_MJ_CLOSE);
    file->closed = TRUE;
    undis__host_device_file_closed(d, file);
}

PFILE_OBJECT
undis_host_device_file_object(undis_host_file *file)
{
    return file_ok(file) ? &file->object : NULL;
}

/* ---- DeviceIoControl ------------------------------------------------------------------ */

static BOOLEAN
ioctl_buffers(
    struct host_irp *h, ULONG code, const void *in, ULONG in_length, void *out, ULONG out_length)
{
    switch (METHOD_FROM_CTL_CODE(code)) {
    case METHOD_BUFFERED: {
        ULONG size = in_length > out_length ? in_length : out_length;
        h->system_buffer = copy_of(in, in_length, size);
        h->irp.AssociatedIrp.SystemBuffer = h->system_buffer;
        return (BOOLEAN)(size == 0 || h->system_buffer != NULL);
    }
    case METHOD_IN_DIRECT:
    case METHOD_OUT_DIRECT:
        h->system_buffer = copy_of(in, in_length, in_length);
        h->irp.AssociatedIrp.SystemBuffer = h->system_buffer;
        if (in_length != 0 && h->system_buffer == NULL) {
            return FALSE;
        }
        return (BOOLEAN)(out_length == 0 ||
                         add_mdl(h, out, out_length,
                                 (BOOLEAN)(METHOD_FROM_CTL_CODE(code) == METHOD_OUT_DIRECT)));
    default: /* METHOD_NEITHER: the caller's addresses, as they are */
        h->in_bounce = copy_of(in, in_length, in_length);
        h->out_bounce = copy_of(out, out_length, out_length);
        h->stack[0].Parameters.DeviceIoControl.Type3InputBuffer = h->in_bounce;
        h->irp.UserBuffer = h->out_bounce;
        return (BOOLEAN)((in_length == 0 || h->in_bounce != NULL) &&
                         (out_length == 0 || h->out_bounce != NULL));
    }
}

/* What the caller gets back of a completed IRP: Information bytes of the
 * buffer the method wrote (none for an error status or METHOD_IN_DIRECT). */
static ULONG
copy_back(const struct host_irp *h, ULONG method, NTSTATUS status, void *out, ULONG out_length)
{
    ULONG_PTR info = h->irp.IoStatus.Information;
    ULONG n = info < out_length ? (ULONG)info : out_length;
    const void *from = method == METHOD_BUFFERED ? h->system_buffer : h->out_bounce;
    if (NT_ERROR(status) || method == METHOD_IN_DIRECT || from == NULL || n == 0) {
        return NT_ERROR(status) ? 0 : n;
    }
    memcpy(out, from, n);
    return n;
}

NTSTATUS
undis_host_device_ioctl(undis_host_file *file,
                        ULONG code,
                        const void *in,
                        ULONG in_length,
                        void *out,
                        ULONG out_length,
                        ULONG *bytes,
                        ULONG timeout_ms)
{
    struct host_irp *h;
    ULONG_PTR info;
    NTSTATUS status;
    ULONG n = 0;
    if (!file_ok(file) || (in == NULL && in_length != 0) || (out == NULL && out_length != 0)) {
        return STATUS_INVALID_PARAMETER;
    }
    h = new_irp(file, IRP_MJ_DEVICE_CONTROL);
    if (h == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    h->stack[0].Parameters.DeviceIoControl.OutputBufferLength = out_length;
    h->stack[0].Parameters.DeviceIoControl.InputBufferLength = in_length;
    h->stack[0].Parameters.DeviceIoControl.IoControlCode = code;
    if (!ioctl_buffers(h, code, in, in_length, out, out_length)) {
        discard(h);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    status = undis__host_irp_call(h, timeout_ms, &info);
    if (undis__atomic_load_acquire_int(&h->done) != 0) {
        n = copy_back(h, METHOD_FROM_CTL_CODE(code), status, out, out_length);
    }
    undis__host_irp_release(h);
    if (bytes != NULL) {
        *bytes = n;
    }
    return status;
}

/* ---- ReadFile and WriteFile ------------------------------------------------------------- */

static BOOLEAN
rw_buffers(struct host_irp *h, const void *data, ULONG length, BOOLEAN read)
{
    ULONG flags = h->file->device->object.Flags;
    if (length == 0) {
        return TRUE;
    }
    if ((flags & DO_BUFFERED_IO) != 0) {
        h->system_buffer = copy_of(read ? NULL : data, length, length);
        h->irp.AssociatedIrp.SystemBuffer = h->system_buffer;
        return (BOOLEAN)(h->system_buffer != NULL);
    }
    if ((flags & DO_DIRECT_IO) != 0) {
        return add_mdl(h, read ? NULL : data, length, read);
    }
    h->out_bounce = copy_of(read ? NULL : data, length, length);
    h->irp.UserBuffer = h->out_bounce;
    return (BOOLEAN)(h->out_bounce != NULL);
}

static NTSTATUS
read_write(
    undis_host_file *file, UCHAR major, void *buffer, ULONG length, ULONG *bytes, ULONG timeout_ms)
{
    BOOLEAN read = (BOOLEAN)(major == IRP_MJ_READ);
    struct host_irp *h;
    ULONG_PTR info = 0;
    NTSTATUS status;
    if (!file_ok(file) || (buffer == NULL && length != 0)) {
        return STATUS_INVALID_PARAMETER;
    }
    h = new_irp(file, major);
    if (h == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    h->stack[0].Parameters.Read.Length = length; /* Write's is at the same place */
    if (!rw_buffers(h, buffer, length, read)) {
        discard(h);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    status = undis__host_irp_call(h, timeout_ms, &info);
    if (info > length || NT_ERROR(status)) {
        info = NT_ERROR(status) ? 0 : length;
    }
    if (read && info != 0 && undis__atomic_load_acquire_int(&h->done) != 0) {
        const void *from = h->system_buffer != NULL ? h->system_buffer : h->out_bounce;
        memcpy(buffer, from, (size_t)info);
    }
    undis__host_irp_release(h);
    if (bytes != NULL) {
        *bytes = (ULONG)info;
    }
    return status;
}

NTSTATUS
undis_host_device_read(
    undis_host_file *file, void *buffer, ULONG length, ULONG *bytes, ULONG timeout_ms)
{
    return read_write(file, IRP_MJ_READ, buffer, length, bytes, timeout_ms);
}

NTSTATUS
undis_host_device_write(
    undis_host_file *file, const void *buffer, ULONG length, ULONG *bytes, ULONG timeout_ms)
{
    return read_write(file, IRP_MJ_WRITE, (void *)(uintptr_t)buffer, length, bytes, timeout_ms);
}
