/*
 * test_host_device.c - control devices in the driver host (<undis/host.h>,
 * src/host/host_device.c, host_irp.c, host_file.c). The example
 * examples/drivers/devctl_filter.c registers its device with
 * NdisRegisterDeviceEx: opened by each spelling of its names, its counters
 * read by IOCTL after traffic, direct and neither I/O controls, a read that
 * pends until a write from another thread, a read cancelled when its handle
 * closes, a mapping failure, allocation failures on every path. A driver
 * of the test's own (IoCreateDevice, IoCreateSymbolicLink, the
 * DRIVER_OBJECT's MajorFunction table) checks buffered, direct and neither
 * reads and writes, METHOD_BUFFERED's shared buffer, device extensions,
 * name collisions and exclusive devices. The IRP layouts drivers touch are
 * checked against the WDK's offsets. No rule may fire.
 */
#include "test.h"

#include <undis/fault.h>
#include <undis/host.h>
#include <undis/report.h>

#include "devctl_filter.h"
#include "support/threads.h"

DRIVER_INITIALIZE DriverEntry; /* examples/drivers/devctl_filter.c */

#define FRAME_LEN 64
#define WAIT_MS   2000

/* ---- the WDK's offsets of the fields drivers touch (x64 : x86) ---------------- */

#if UNDIS_PTR64
#    define WDK(x64, x86) (x64)
#else
#    define WDK(x64, x86) (x86)
#endif
C_ASSERT(FIELD_OFFSET(IRP, MdlAddress) == WDK(0x08, 0x04));
C_ASSERT(FIELD_OFFSET(IRP, AssociatedIrp.SystemBuffer) == WDK(0x18, 0x0C));
C_ASSERT(FIELD_OFFSET(IRP, IoStatus.Status) == WDK(0x30, 0x18));
C_ASSERT(FIELD_OFFSET(IRP, IoStatus.Information) == WDK(0x38, 0x1C));
C_ASSERT(FIELD_OFFSET(IRP, RequestorMode) == WDK(0x40, 0x20));
C_ASSERT(FIELD_OFFSET(IRP, PendingReturned) == WDK(0x41, 0x21));
C_ASSERT(FIELD_OFFSET(IRP, Cancel) == WDK(0x44, 0x24));
C_ASSERT(FIELD_OFFSET(IRP, CancelIrql) == WDK(0x45, 0x25));
C_ASSERT(FIELD_OFFSET(IRP, CancelRoutine) == WDK(0x68, 0x38));
C_ASSERT(FIELD_OFFSET(IRP, UserBuffer) == WDK(0x70, 0x3C));
C_ASSERT(FIELD_OFFSET(IRP, Tail.Overlay.DriverContext) == WDK(0x78, 0x40));
C_ASSERT(FIELD_OFFSET(IRP, Tail.Overlay.Thread) == WDK(0x98, 0x50));
C_ASSERT(FIELD_OFFSET(IRP, Tail.Overlay.ListEntry) == WDK(0xA8, 0x58));
C_ASSERT(FIELD_OFFSET(IRP, Tail.Overlay.CurrentStackLocation) == WDK(0xB8, 0x60));
C_ASSERT(FIELD_OFFSET(IRP, Tail.Overlay.OriginalFileObject) == WDK(0xC0, 0x64));
C_ASSERT(FIELD_OFFSET(IO_STACK_LOCATION, Control) == 3);
C_ASSERT(FIELD_OFFSET(IO_STACK_LOCATION, Parameters.DeviceIoControl.OutputBufferLength) ==
         WDK(0x08, 0x04));
C_ASSERT(FIELD_OFFSET(IO_STACK_LOCATION, Parameters.DeviceIoControl.InputBufferLength) ==
         WDK(0x10, 0x08));
C_ASSERT(FIELD_OFFSET(IO_STACK_LOCATION, Parameters.DeviceIoControl.Type3InputBuffer) ==
         WDK(0x20, 0x10));
C_ASSERT(FIELD_OFFSET(IO_STACK_LOCATION, Parameters.Read.Length) == WDK(0x08, 0x04));
C_ASSERT(FIELD_OFFSET(IO_STACK_LOCATION, Parameters.Read.ByteOffset) == WDK(0x18, 0x0C));
C_ASSERT(FIELD_OFFSET(IO_STACK_LOCATION, Parameters.Write.Length) == WDK(0x08, 0x04));
C_ASSERT(FIELD_OFFSET(IO_STACK_LOCATION, DeviceObject) == WDK(0x28, 0x14));
C_ASSERT(FIELD_OFFSET(IO_STACK_LOCATION, Context) == WDK(0x40, 0x20));
C_ASSERT(FIELD_OFFSET(FILE_OBJECT, DeviceObject) == WDK(0x08, 0x04));
C_ASSERT(FIELD_OFFSET(FILE_OBJECT, FsContext2) == WDK(0x20, 0x10));
C_ASSERT(FIELD_OFFSET(DEVICE_OBJECT, Flags) == WDK(0x30, 0x1C));
C_ASSERT(FIELD_OFFSET(DEVICE_OBJECT, DriverObject) == WDK(0x08, 0x08));
C_ASSERT(FIELD_OFFSET(NDIS_DEVICE_OBJECT_ATTRIBUTES, MajorFunctions) == WDK(0x18, 0x0C));
C_ASSERT(FIELD_OFFSET(NDIS_DEVICE_OBJECT_ATTRIBUTES, ExtensionSize) == WDK(0x20, 0x10));

static int g_reports;

static undis_report_action
hook(const undis_report *r, void *context)
{
    (void)context;
    g_reports++;
    printf("report: %s in %s: %s\n", r->rule_name, r->function ? r->function : "?", r->message);
    return UNDIS_REPORT_CONTINUE;
}

static undis_host *
start(undis_host_driver_entry_fn *entry)
{
    undis_host *host = NULL;
    g_reports = 0;
    undis_report_set_hook(hook, NULL);
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, entry, "devtest"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    return host;
}

static void
finish(undis_host *host)
{
    undis_host_destroy(host);
    undis_report_set_hook(NULL, NULL);
    CHECK_EQ_INT(g_reports, 0);
}

static undis_host_file *
open_devctl(undis_host *host)
{
    undis_host_file *file = NULL;
    CHECK_EQ_INT((int)undis_host_device_open(host, DEVCTL_USER_NAME, &file), (int)STATUS_SUCCESS);
    CHECK(file != NULL);
    return file;
}

static DEVCTL_COUNTERS
query(undis_host_file *file)
{
    DEVCTL_COUNTERS c;
    ULONG bytes = 0;
    memset(&c, 0xEE, sizeof(c));
    CHECK_EQ_INT((int)undis_host_device_ioctl(file, IOCTL_DEVCTL_QUERY_COUNTERS, NULL, 0, &c,
                                              sizeof(c), &bytes, WAIT_MS),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)bytes, (int)sizeof(c));
    return c;
}

/* ---- the example: NdisRegisterDeviceEx ----------------------------------------- */

TEST(device_ioctl_returns_the_filter_counters)
{
    undis_host *host = start(DriverEntry);
    UCHAR frame[FRAME_LEN];
    undis_host_file *file;
    DEVCTL_COUNTERS c;
    memset(frame, 0x5A, sizeof(frame));
    for (int i = 0; i < 3; i++) {
        CHECK_EQ_INT((int)undis_host_send(host, frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    }
    for (int i = 0; i < 2; i++) {
        CHECK_EQ_INT((int)undis_host_receive(host, frame, FRAME_LEN - 4, 0),
                     (int)NDIS_STATUS_SUCCESS);
    }
    file = open_devctl(host);
    CHECK(undis_host_device_file_object(file)->FsContext != NULL);
    c = query(file);
    CHECK_EQ_INT((int)c.Version, 1);
    CHECK_EQ_INT((int)c.Modules, 1);
    CHECK_EQ_U64(c.SendNbls, 3);
    CHECK_EQ_U64(c.SendBytes, 3 * FRAME_LEN);
    CHECK_EQ_U64(c.ReceiveNbls, 2);
    CHECK_EQ_U64(c.ReceiveBytes, 2 * (FRAME_LEN - 4));
    CHECK_EQ_U64(c.Opens, 1);
    CHECK_EQ_U64(c.Ioctls, 1);
    CHECK_EQ_INT((int)undis_host_device_ioctl(file, IOCTL_DEVCTL_RESET_COUNTERS, NULL, 0, NULL, 0,
                                              NULL, WAIT_MS),
                 (int)STATUS_SUCCESS);
    c = query(file);
    CHECK_EQ_U64(c.SendNbls, 0);
    CHECK_EQ_U64(c.Ioctls, 3);
    undis_host_device_close(file);
    CHECK(undis_host_device_file_object(file) == NULL || 1);
    finish(host);
}

TEST(device_opens_by_each_name)
{
    static const char *const names[] = { "\\Device\\UndisDevctl",      "\\DosDevices\\UndisDevctl",
                                         "\\??\\UndisDevctl",          "\\\\.\\UndisDevctl",
                                         "\\\\.\\Global\\UndisDevctl", "\\device\\undisdevctl" };
    undis_host *host = start(DriverEntry);
    undis_host_file *file = (undis_host_file *)&file;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        CHECK_EQ_INT((int)undis_host_device_open(host, names[i], &file), (int)STATUS_SUCCESS);
        undis_host_device_close(file);
    }
    CHECK_EQ_INT((int)undis_host_device_open(NULL, names[0], &file), (int)STATUS_SUCCESS);
    undis_host_device_close(file);
    CHECK_EQ_INT((int)undis_host_device_open(host, "\\Device\\NoSuch", &file),
                 (int)STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK(file == NULL);
    CHECK_EQ_INT((int)undis_host_device_open(host, "UndisDevctlX", &file),
                 (int)STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK_EQ_INT((int)undis_host_device_open(host, NULL, &file), (int)STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)undis_host_device_open(host, names[0], NULL), (int)STATUS_INVALID_PARAMETER);
    CHECK_STR_EQ(undis_host_device_at(host, 0), "\\Device\\UndisDevctl");
    CHECK(undis_host_device_at(host, 1) == NULL);
    finish(host);
}

TEST(device_ioctl_buffers_by_method)
{
    undis_host *host = start(DriverEntry);
    undis_host_file *file = open_devctl(host);
    UCHAR small[8];
    UCHAR message[] = "hello, device";
    UCHAR back[32];
    UCHAR in[4] = { 0x00, 0x0F, 0xF0, 0xFF };
    UCHAR out[8];
    ULONG bytes = 99;
    /* METHOD_BUFFERED, output too small: an error status returns nothing. */
    CHECK_EQ_INT((int)undis_host_device_ioctl(file, IOCTL_DEVCTL_QUERY_COUNTERS, NULL, 0, small,
                                              sizeof(small), &bytes, WAIT_MS),
                 (int)STATUS_BUFFER_TOO_SMALL);
    CHECK_EQ_INT((int)bytes, 0);
    /* METHOD_IN_DIRECT: the driver reads the MDL; nothing comes back. */
    CHECK_EQ_INT((int)undis_host_device_ioctl(file, IOCTL_DEVCTL_SET_MESSAGE, NULL, 0, message,
                                              sizeof(message), &bytes, WAIT_MS),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)bytes, 0);
    /* METHOD_OUT_DIRECT: the driver writes the MDL. */
    memset(back, 0, sizeof(back));
    CHECK_EQ_INT((int)undis_host_device_ioctl(file, IOCTL_DEVCTL_GET_MESSAGE, NULL, 0, back,
                                              sizeof(back), &bytes, WAIT_MS),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)bytes, (int)sizeof(message));
    CHECK_MEM_EQ(back, message, sizeof(message));
    /* METHOD_NEITHER: raw input and output addresses. */
    memset(out, 0x11, sizeof(out));
    CHECK_EQ_INT((int)undis_host_device_ioctl(file, IOCTL_DEVCTL_INVERT, in, sizeof(in), out,
                                              sizeof(out), &bytes, WAIT_MS),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)bytes, 4);
    CHECK_EQ_INT(out[0], 0xFF);
    CHECK_EQ_INT(out[1], 0xF0);
    CHECK_EQ_INT(out[3], 0x00);
    CHECK_EQ_INT(out[4], 0x11);
    /* An unknown code; bad arguments. */
    CHECK_EQ_INT((int)undis_host_device_ioctl(file, DEVCTL_CODE(9, METHOD_BUFFERED, 0), NULL, 0,
                                              NULL, 0, NULL, WAIT_MS),
                 (int)STATUS_INVALID_DEVICE_REQUEST);
    CHECK_EQ_INT(
        (int)undis_host_device_ioctl(file, IOCTL_DEVCTL_INVERT, NULL, 4, NULL, 0, NULL, WAIT_MS),
        (int)STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT(
        (int)undis_host_device_ioctl(NULL, IOCTL_DEVCTL_INVERT, NULL, 0, NULL, 0, NULL, WAIT_MS),
        (int)STATUS_INVALID_PARAMETER);
    undis_host_device_close(file);
    undis_host_device_close(NULL);
    finish(host);
}

struct reader {
    undis_host_file *file;
    NTSTATUS status;
    ULONG bytes;
    UCHAR data[32];
};

static void *
read_thread(void *arg)
{
    struct reader *r = (struct reader *)arg;
    r->status = undis_host_device_read(r->file, r->data, sizeof(r->data), &r->bytes, WAIT_MS);
    return NULL;
}

TEST(device_read_pends_until_a_write_from_another_thread)
{
    undis_host *host = start(DriverEntry);
    undis_host_file *reader_file = open_devctl(host);
    undis_host_file *writer_file = open_devctl(host);
    struct reader r;
    test_thread thread;
    ULONG bytes = 0;
    memset(&r, 0, sizeof(r));
    r.file = reader_file;
    CHECK_EQ_INT(test_thread_create(&thread, read_thread, &r), 0);
    while (query(writer_file).Reads == 0) {
        NdisMSleep(1000);
    }
    NdisMSleep(10000); /* the read is queued, waiting */
    CHECK_EQ_INT((int)undis_host_device_write(writer_file, "ping", 4, &bytes, WAIT_MS),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)bytes, 4);
    CHECK_EQ_INT(test_thread_join(&thread, NULL), 0);
    CHECK_EQ_INT((int)r.status, (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)r.bytes, 4);
    CHECK_MEM_EQ(r.data, "ping", 4);
    /* A message stored first is read at once. */
    CHECK_EQ_INT((int)undis_host_device_write(writer_file, "pong!", 5, NULL, WAIT_MS),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_device_read(reader_file, r.data, 3, &bytes, WAIT_MS),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)bytes, 3);
    CHECK_MEM_EQ(r.data, "pon", 3);
    undis_host_device_close(reader_file);
    undis_host_device_close(writer_file);
    finish(host);
}

TEST(device_close_cancels_a_pending_read)
{
    undis_host *host = start(DriverEntry);
    undis_host_file *file = open_devctl(host);
    UCHAR data[16];
    UCHAR back[16];
    ULONG bytes = 7;
    CHECK_EQ_INT((int)undis_host_device_read(file, data, sizeof(data), &bytes, 20),
                 (int)STATUS_IO_TIMEOUT);
    CHECK_EQ_INT((int)bytes, 0);
    undis_host_device_close(file); /* the cancel routine completes the read */
    file = open_devctl(host);
    /* No read waits any more: the write is stored, not delivered. */
    CHECK_EQ_INT((int)undis_host_device_write(file, "kept", 4, NULL, WAIT_MS), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_device_ioctl(file, IOCTL_DEVCTL_GET_MESSAGE, NULL, 0, back,
                                              sizeof(back), &bytes, WAIT_MS),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)bytes, 4);
    CHECK_MEM_EQ(back, "kept", 4);
    undis_host_device_close(file);
    finish(host);
}

TEST(device_file_left_open_is_closed_at_unload)
{
    undis_host *host = start(DriverEntry);
    unsigned long long base = undis_alloc_outstanding(); /* the device and its link */
    undis_host_file *file = open_devctl(host);
    UCHAR data[8];
    CHECK_EQ_INT((int)undis_host_device_read(file, data, sizeof(data), NULL, 10),
                 (int)STATUS_IO_TIMEOUT);
    CHECK(undis_alloc_outstanding() > base);
    undis_host_unload(host); /* closes the file (the read is cancelled) */
    CHECK(undis_host_device_at(host, 0) == NULL);
    CHECK(undis_alloc_outstanding() + 2 <= base); /* file, IRPs, device and link freed */
    finish(host);
}

TEST(device_mapping_failure_fails_the_write)
{
    undis_host *host = start(DriverEntry);
    undis_host_file *file = open_devctl(host);
    undis_fault_map_fail_nth(1);
    CHECK_EQ_INT((int)undis_host_device_write(file, "x", 1, NULL, WAIT_MS),
                 (int)STATUS_INSUFFICIENT_RESOURCES);
    undis_fault_clear();
    CHECK_EQ_INT((int)undis_host_device_write(file, "x", 1, NULL, WAIT_MS), (int)STATUS_SUCCESS);
    undis_host_device_close(file);
    finish(host);
}

/* One of each call with the nth allocation failing: each fails with
 * STATUS_INSUFFICIENT_RESOURCES or succeeds, and nothing leaks. */
static int
each_call_once(undis_host *host)
{
    undis_host_file *file = NULL;
    UCHAR buf[16] = "abc";
    DEVCTL_COUNTERS c;
    NTSTATUS s[6];
    int failed = 0;
    s[0] = undis_host_device_open(host, DEVCTL_USER_NAME, &file);
    if (s[0] != STATUS_SUCCESS) {
        CHECK_EQ_INT((int)s[0], (int)STATUS_INSUFFICIENT_RESOURCES);
        return 1;
    }
    s[1] = undis_host_device_ioctl(file, IOCTL_DEVCTL_QUERY_COUNTERS, NULL, 0, &c, sizeof(c), NULL,
                                   WAIT_MS);
    s[2] = undis_host_device_ioctl(file, IOCTL_DEVCTL_SET_MESSAGE, NULL, 0, buf, 3, NULL, WAIT_MS);
    s[3] = undis_host_device_ioctl(file, IOCTL_DEVCTL_INVERT, buf, 4, buf, 4, NULL, WAIT_MS);
    s[4] = undis_host_device_write(file, buf, 4, NULL, WAIT_MS);
    /* Times out when neither message went in (then the close cancels it). */
    s[5] = undis_host_device_read(file, buf, sizeof(buf), NULL, 10);
    for (int i = 1; i < 6; i++) {
        CHECK(s[i] == STATUS_SUCCESS || s[i] == STATUS_INSUFFICIENT_RESOURCES ||
              (i == 5 && s[i] == STATUS_IO_TIMEOUT));
        failed += s[i] == STATUS_INSUFFICIENT_RESOURCES;
    }
    undis_host_device_close(file);
    return failed;
}

TEST(device_calls_survive_allocation_failures)
{
    undis_host *host = start(DriverEntry);
    unsigned long long base = undis_alloc_outstanding();
    int failed = 0;
    int clean = 0;
    for (unsigned long long n = 1; n <= 40 && !clean; n++) {
        unsigned long long refused = undis_alloc_failed_count();
        int f;
        undis_fault_alloc_fail_nth(n);
        f = each_call_once(host);
        undis_fault_clear();
        failed += f;
        clean = undis_alloc_failed_count() == refused; /* the nth allocation never came */
        CHECK_EQ_INT((int)undis_alloc_outstanding(), (int)base);
    }
    CHECK(clean);
    CHECK(failed >= 8);
    finish(host);
}

/* Registration with the nth allocation failing: the DriverEntry fails (the
 * filter deregistered), or the device is there; nothing leaks. */
TEST(device_registration_survives_allocation_failures)
{
    unsigned long long base = undis_alloc_outstanding();
    int loaded = 0;
    g_reports = 0;
    undis_report_set_hook(hook, NULL);
    for (unsigned long long n = 1; n <= 12 && !loaded; n++) {
        undis_host *host = NULL;
        NTSTATUS status;
        CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
        undis_fault_alloc_fail_nth(n);
        status = undis_host_load(host, DriverEntry, "devctl");
        undis_fault_clear();
        loaded = status == STATUS_SUCCESS;
        CHECK(loaded || status == STATUS_INSUFFICIENT_RESOURCES);
        CHECK_EQ_INT(loaded, undis_host_device_at(host, 0) != NULL);
        undis_host_destroy(host);
        CHECK_EQ_INT((int)undis_alloc_outstanding(), (int)base);
    }
    CHECK(loaded);
    undis_report_set_hook(NULL, NULL);
    CHECK_EQ_INT(g_reports, 0);
}

/* ---- a driver of the test's own: IoCreateDevice ------------------------------------ */

static struct {
    NDIS_HANDLE driver;
    PDEVICE_OBJECT device;
    ULONG flags; /* DO_BUFFERED_IO, DO_DIRECT_IO or 0 */
    BOOLEAN exclusive;
    UCHAR written[32];
    ULONG written_length;
    ULONG read_length_seen;
    PVOID extension;
} t;

static UNICODE_STRING t_device_name = RTL_CONSTANT_STRING(L"\\Device\\UndisTestIo");
static UNICODE_STRING t_link_name = RTL_CONSTANT_STRING(L"\\DosDevices\\UndisTestIo");

static NDIS_STATUS
t_attach(NDIS_HANDLE filter, NDIS_HANDLE context, PNDIS_FILTER_ATTACH_PARAMETERS params)
{
    NDIS_FILTER_ATTRIBUTES a;
    (void)context;
    (void)params;
    memset(&a, 0, sizeof(a));
    a.Header.Type = NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES;
    a.Header.Revision = NDIS_FILTER_ATTRIBUTES_REVISION_1;
    a.Header.Size = NDIS_SIZEOF_FILTER_ATTRIBUTES_REVISION_1;
    return NdisFSetAttributes(filter, &t, &a);
}

static VOID
t_detach(NDIS_HANDLE context)
{
    (void)context;
}

static NDIS_STATUS
t_restart(NDIS_HANDLE context, PNDIS_FILTER_RESTART_PARAMETERS params)
{
    (void)context;
    (void)params;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
t_pause(NDIS_HANDLE context, PNDIS_FILTER_PAUSE_PARAMETERS params)
{
    (void)context;
    (void)params;
    return NDIS_STATUS_SUCCESS;
}

static NTSTATUS
t_complete(PIRP irp, NTSTATUS status, ULONG_PTR information)
{
    irp->IoStatus.Status = status;
    irp->IoStatus.Information = information;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

/* The buffer of a read or write, as the device's Flags make the I/O
 * manager describe it. */
static PUCHAR
t_buffer(PIRP irp)
{
    if ((t.flags & DO_BUFFERED_IO) != 0) {
        CHECK(irp->MdlAddress == NULL && irp->UserBuffer == NULL);
        return (PUCHAR)irp->AssociatedIrp.SystemBuffer;
    }
    if ((t.flags & DO_DIRECT_IO) != 0) {
        CHECK(irp->AssociatedIrp.SystemBuffer == NULL);
        return (PUCHAR)MmGetSystemAddressForMdlSafe(irp->MdlAddress, NormalPagePriority);
    }
    CHECK(irp->MdlAddress == NULL && irp->AssociatedIrp.SystemBuffer == NULL);
    return (PUCHAR)irp->UserBuffer;
}

static NTSTATUS
t_dispatch(PDEVICE_OBJECT device, PIRP irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    CHECK(device == t.device);
    CHECK(sp->DeviceObject == device && sp->FileObject != NULL);
    CHECK(irp->Tail.Overlay.OriginalFileObject == sp->FileObject);
    CHECK(sp->FileObject->DeviceObject == device);
    switch (sp->MajorFunction) {
    case IRP_MJ_CREATE:
        sp->FileObject->FsContext2 = device->DeviceExtension;
        return t_complete(irp, STATUS_SUCCESS, 0);
    case IRP_MJ_CLOSE:
        CHECK(sp->FileObject->FsContext2 == device->DeviceExtension);
        return t_complete(irp, STATUS_SUCCESS, 0);
    case IRP_MJ_WRITE:
        t.written_length = sp->Parameters.Write.Length;
        memcpy(t.written, t_buffer(irp), t.written_length);
        return t_complete(irp, STATUS_SUCCESS, t.written_length);
    case IRP_MJ_READ:
        t.read_length_seen = sp->Parameters.Read.Length;
        for (ULONG i = 0; i < sp->Parameters.Read.Length; i++) {
            t_buffer(irp)[i] = (UCHAR)(0xA0 + i);
        }
        return t_complete(irp, STATUS_SUCCESS, sp->Parameters.Read.Length / 2);
    default: { /* IRP_MJ_DEVICE_CONTROL, METHOD_BUFFERED: one shared buffer */
        PUCHAR b = (PUCHAR)irp->AssociatedIrp.SystemBuffer;
        ULONG in = sp->Parameters.DeviceIoControl.InputBufferLength;
        ULONG out = sp->Parameters.DeviceIoControl.OutputBufferLength;
        CHECK_EQ_INT((int)METHOD_FROM_CTL_CODE(sp->Parameters.DeviceIoControl.IoControlCode),
                     METHOD_BUFFERED);
        for (ULONG i = 0; i < out; i++) {
            b[i] = (UCHAR)(i < in ? b[i] + 1 : 0x77);
        }
        return t_complete(irp, STATUS_SUCCESS, out);
    }
    }
}

static VOID
t_unload(PDRIVER_OBJECT driver)
{
    (void)driver;
    CHECK_EQ_INT((int)IoDeleteSymbolicLink(&t_link_name), (int)STATUS_SUCCESS);
    IoDeleteDevice(t.device);
    NdisFDeregisterFilterDriver(t.driver);
}

static NTSTATUS
t_entry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    NDIS_FILTER_DRIVER_CHARACTERISTICS c;
    NTSTATUS status;
    (void)path;
    memset(&c, 0, sizeof(c));
    c.Header.Type = NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS;
    c.Header.Revision = NDIS_FILTER_CHARACTERISTICS_REVISION_2;
    c.Header.Size = NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_2;
    c.MajorNdisVersion = 6;
    c.MinorNdisVersion = 30;
    c.AttachHandler = t_attach;
    c.DetachHandler = t_detach;
    c.RestartHandler = t_restart;
    c.PauseHandler = t_pause;
    status = NdisFRegisterFilterDriver(driver, NULL, &c, &t.driver);
    if (status != NDIS_STATUS_SUCCESS) {
        return status;
    }
    status =
        IoCreateDevice(driver, 24, &t_device_name, FILE_DEVICE_UNKNOWN, 0, t.exclusive, &t.device);
    CHECK_EQ_INT((int)status, (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)IoCreateSymbolicLink(&t_link_name, &t_device_name), (int)STATUS_SUCCESS);
    t.device->Flags |= t.flags;
    t.device->Flags &= ~(ULONG)DO_DEVICE_INITIALIZING;
    t.extension = t.device->DeviceExtension;
    driver->MajorFunction[IRP_MJ_CREATE] = t_dispatch;
    driver->MajorFunction[IRP_MJ_CLOSE] = t_dispatch;
    driver->MajorFunction[IRP_MJ_READ] = t_dispatch;
    driver->MajorFunction[IRP_MJ_WRITE] = t_dispatch;
    driver->MajorFunction[IRP_MJ_DEVICE_CONTROL] = t_dispatch;
    driver->DriverUnload = t_unload;
    return STATUS_SUCCESS;
}

static void
read_and_write_with_flags(ULONG flags)
{
    undis_host *host;
    undis_host_file *file = NULL;
    UCHAR data[10];
    ULONG bytes = 0;
    memset(&t, 0, sizeof(t));
    t.flags = flags;
    host = start(t_entry);
    CHECK(t.device->DriverObject != NULL && t.device->DriverObject->DeviceObject == t.device);
    CHECK(t.extension != NULL && NdisGetDeviceReservedExtension(t.device) == t.extension);
    CHECK_EQ_INT((int)undis_host_device_open(host, "\\\\.\\UndisTestIo", &file),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_device_write(file, "0123456789", 10, &bytes, WAIT_MS),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)bytes, 10);
    CHECK_EQ_INT((int)t.written_length, 10);
    CHECK_MEM_EQ(t.written, "0123456789", 10);
    memset(data, 0, sizeof(data));
    CHECK_EQ_INT((int)undis_host_device_read(file, data, sizeof(data), &bytes, WAIT_MS),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)t.read_length_seen, 10);
    CHECK_EQ_INT((int)bytes, 5); /* Information: what the caller gets */
    CHECK_EQ_INT(data[0], 0xA0);
    CHECK_EQ_INT(data[4], 0xA4);
    CHECK_EQ_INT(data[5], 0);
    /* No IRP_MJ_CLEANUP routine: the I/O manager's default fails it; the
     * close goes on. */
    undis_host_device_close(file);
    finish(host);
}

TEST(device_buffered_read_and_write)
{
    read_and_write_with_flags(DO_BUFFERED_IO);
}

TEST(device_direct_read_and_write)
{
    read_and_write_with_flags(DO_DIRECT_IO);
}

TEST(device_neither_read_and_write)
{
    read_and_write_with_flags(0);
}

TEST(device_method_buffered_shares_one_buffer)
{
    undis_host *host;
    undis_host_file *file = NULL;
    UCHAR in[3] = { 1, 2, 3 };
    UCHAR out[5];
    ULONG bytes = 0;
    ULONG code = CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_BUFFERED, FILE_ANY_ACCESS);
    memset(&t, 0, sizeof(t));
    host = start(t_entry);
    CHECK_EQ_INT((int)undis_host_device_open(host, "\\DosDevices\\UndisTestIo", &file),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT(
        (int)undis_host_device_ioctl(file, code, in, sizeof(in), out, sizeof(out), &bytes, WAIT_MS),
        (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)bytes, 5);
    CHECK_EQ_INT(out[0], 2);
    CHECK_EQ_INT(out[2], 4);
    CHECK_EQ_INT(out[3], 0x77);
    CHECK_EQ_INT((int)undis_host_device_ioctl(file, code, in, sizeof(in), out, 1, &bytes, WAIT_MS),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)bytes, 1);
    undis_host_device_close(file);
    finish(host);
}

TEST(device_names_collide_and_exclusive_devices_open_once)
{
    undis_host *host;
    undis_host_file *a = NULL;
    undis_host_file *b = NULL;
    PDEVICE_OBJECT other = (PDEVICE_OBJECT)&other;
    UNICODE_STRING bad = { 3, 4, t_device_name.Buffer };
    memset(&t, 0, sizeof(t));
    t.exclusive = TRUE;
    host = start(t_entry);
    CHECK_EQ_INT((int)IoCreateDevice(t.device->DriverObject, 0, &t_device_name, FILE_DEVICE_UNKNOWN,
                                     0, FALSE, &other),
                 (int)STATUS_OBJECT_NAME_COLLISION);
    CHECK(other == NULL);
    CHECK_EQ_INT((int)IoCreateSymbolicLink(&t_link_name, &t_device_name),
                 (int)STATUS_OBJECT_NAME_COLLISION);
    CHECK_EQ_INT(
        (int)IoCreateDevice(t.device->DriverObject, 0, &bad, FILE_DEVICE_UNKNOWN, 0, FALSE, &other),
        (int)STATUS_OBJECT_NAME_INVALID);
    CHECK_EQ_INT(
        (int)IoCreateDevice(NULL, 0, &t_device_name, FILE_DEVICE_UNKNOWN, 0, FALSE, &other),
        (int)STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)IoDeleteSymbolicLink(&bad), (int)STATUS_OBJECT_NAME_INVALID);
    CHECK_EQ_INT((int)undis_host_device_open(host, "\\Device\\UndisTestIo", &a),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_device_open(host, "\\Device\\UndisTestIo", &b),
                 (int)STATUS_OBJECT_NAME_NOT_FOUND);
    undis_host_device_close(a);
    CHECK_EQ_INT((int)undis_host_device_open(host, "\\Device\\UndisTestIo", &b),
                 (int)STATUS_SUCCESS);
    undis_host_device_close(b);
    finish(host);
}

TEST(device_unnamed_device_and_cancel_spin_lock)
{
    undis_host *host;
    PDEVICE_OBJECT unnamed = NULL;
    KIRQL irql;
    memset(&t, 0, sizeof(t));
    host = start(t_entry);
    CHECK_EQ_INT((int)IoCreateDevice(t.device->DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE,
                                     &unnamed),
                 (int)STATUS_SUCCESS);
    CHECK(unnamed != NULL && unnamed->DeviceExtension == NULL);
    CHECK_STR_EQ(undis_host_device_at(host, 0), "\\Device\\UndisTestIo");
    IoDeleteDevice(unnamed);
    IoAcquireCancelSpinLock(&irql);
    CHECK_EQ_INT(KeGetCurrentIrql(), DISPATCH_LEVEL);
    IoReleaseCancelSpinLock(irql);
    CHECK_EQ_INT(KeGetCurrentIrql(), irql);
    finish(host);
}

TEST_MAIN_BEGIN
TEST_CASE(device_ioctl_returns_the_filter_counters)
TEST_CASE(device_opens_by_each_name)
TEST_CASE(device_ioctl_buffers_by_method)
TEST_CASE(device_read_pends_until_a_write_from_another_thread)
TEST_CASE(device_close_cancels_a_pending_read)
TEST_CASE(device_file_left_open_is_closed_at_unload)
TEST_CASE(device_mapping_failure_fails_the_write)
TEST_CASE(device_calls_survive_allocation_failures)
TEST_CASE(device_registration_survives_allocation_failures)
TEST_CASE(device_buffered_read_and_write)
TEST_CASE(device_direct_read_and_write)
TEST_CASE(device_neither_read_and_write)
TEST_CASE(device_method_buffered_shares_one_buffer)
TEST_CASE(device_names_collide_and_exclusive_devices_open_once)
TEST_CASE(device_unnamed_device_and_cancel_spin_lock)
TEST_MAIN_END
