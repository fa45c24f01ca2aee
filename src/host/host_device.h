/* SPDX-License-Identifier: MIT */
/*
 * host_device.h: the host's I/O manager (see <undis/host.h>, "control
 * devices"). Device objects a driver creates (IoCreateDevice,
 * NdisRegisterDeviceEx), their names and symbolic links, the files the
 * host's caller opens on them, and the IRPs it sends.
 *
 * Every object the driver sees (DEVICE_OBJECT, FILE_OBJECT, IRP with its
 * one IO_STACK_LOCATION) sits at the end of a record of the host's, found
 * from the driver-visible pointer by its offset and checked by a magic word.
 *
 * Files: host_device.c (devices, names, NdisRegisterDeviceEx, unload),
 * host_irp.c (IRPs: build, dispatch, complete, cancel; the cancel spin
 * lock), host_file.c (the public open/ioctl/read/write/close).
 */
#ifndef UNDIS_HOST_DEVICE_H
#define UNDIS_HOST_DEVICE_H

#include "host/host_internal.h"

#define HOST_DEVICE_MAGIC      0x44766544u /* "DevD" */
#define HOST_DEVICE_MAGIC_DEAD 0x44616544u
#define HOST_FILE_MAGIC        0x656c6946u /* "File" */
#define HOST_IRP_MAGIC         0x50524948u /* "HIRP" */
#define HOST_NAME_MAX          128u
#define HOST_DONE_RING         16u /* completed IRPs a file keeps (second completions) */
#define HOST_OPEN_TIMEOUT_MS   1000u

struct host_irp;

struct host_device {
    ULONG magic;
    struct host_device *next; /* the registry (host_device.c) */
    struct undis_host *host;  /* whose driver created it */
    BOOLEAN ndis;             /* NdisRegisterDeviceEx: dispatch through table */
    BOOLEAN deleted;          /* out of the registry; freed with its last file */
    PDRIVER_DISPATCH table[IRP_MJ_MAXIMUM_FUNCTION + 1];
    char name[HOST_NAME_MAX];      /* "\Device\X", "" when unnamed */
    char link[HOST_NAME_MAX];      /* NdisRegisterDeviceEx's symbolic link, "" */
    BOOLEAN exclusive;             /* one open file at a time */
    ULONG open_files;              /* files open on it (not closed) */
    struct undis_host_file *files; /* every file record, closed ones with IRPs kept */
    DEVICE_OBJECT object;          /* what the driver sees; its extension follows */
};

struct undis_host_file {
    ULONG magic;
    struct host_device *device;
    undis__spinlock lock;     /* pending and done */
    struct host_irp *pending; /* dispatched, not completed (a list) */
    struct host_irp *done[HOST_DONE_RING];
    ULONG done_next;
    BOOLEAN closed;                    /* closed; kept for the IRPs the driver holds */
    struct undis_host_file *next_file; /* in device->files (registry lock) */
    FILE_OBJECT object;
};

struct host_irp {
    ULONG magic;
    volatile int completed; /* IofCompleteRequest was called */
    volatile int done;      /* completion recorded (release) */
    volatile int refs;      /* the caller's, the driver's, a canceller's */
    struct undis_host_file *file;
    struct host_irp *next, *prev; /* in file->pending */
    UCHAR major;
    BOOLEAN cancel_ran;  /* IoCancelIrp at close found a cancel routine */
    void *system_buffer; /* AssociatedIrp.SystemBuffer (the host's) */
    void *in_bounce;     /* METHOD_NEITHER Type3InputBuffer */
    void *out_bounce;    /* the buffer MdlAddress or UserBuffer describes */
    PMDL mdl;
    IRP irp;
    IO_STACK_LOCATION stack[1];
};

/* ---- host_device.c ---- */
/* The device record of a DEVICE_OBJECT, or NULL (not one of the host's). */
struct host_device *undis__host_device_of(PDEVICE_OBJECT object);
/* Finds a device by "\Device\X", a symbolic link ("\DosDevices\X",
 * "\??\X", "\\.\X", "X") of devices host's driver created (host NULL: any),
 * and counts a file open on it. NULL when none. */
struct host_device *undis__host_device_lookup_open(struct undis_host *host, const char *name);
/* Adds file to device->files (its open count was taken by the lookup). */
void undis__host_device_file_add(struct host_device *device, struct undis_host_file *file);
/* file was closed: the open count drops; the record is freed (with its
 * IRPs' records) unless the driver still holds IRPs of it (then it is freed
 * with the device). A deleted device is freed with its last file. */
void undis__host_device_file_closed(struct host_device *device, struct undis_host_file *file);
/* The name the report uses ("\Device\X", or "(unnamed device)"). */
const char *undis__host_device_name(const struct host_device *device);
const char *undis__host_major_name(UCHAR major);

/* ---- host_irp.c ---- */
/* A new IRP for file with major function major; NULL when memory runs out.
 * Buffers are added by the caller (host_file.c). */
struct host_irp *undis__host_irp_new(struct undis_host_file *file, UCHAR major);
/* Sends it to the driver, checks the dispatch's return against the rules,
 * waits up to timeout_ms for its completion. Post: the IRP's status (or the
 * dispatch's, or STATUS_IO_TIMEOUT while it stays pending); *information its
 * IoStatus.Information when it completed. The caller copies results out of
 * h (valid until undis__host_irp_release). */
NTSTATUS undis__host_irp_call(struct host_irp *h, ULONG timeout_ms, ULONG_PTR *information);
/* Frees an IRP never sent (undis__host_irp_call not called). */
void undis__host_irp_discard(struct host_irp *h);
/* Drops the caller's reference. */
void undis__host_irp_release(struct host_irp *h);
/* At close: cancel every IRP pending on file (IoCancelIrp), wait up to
 * timeout_ms for them. */
void undis__host_irp_cancel_file(struct undis_host_file *file, ULONG timeout_ms);
/* After the cleanup: report the IRPs still pending (device, major function,
 * cancel routine or not); returns how many. */
ULONG undis__host_irp_report_pending(struct undis_host_file *file);
/* Frees the file's done ring, and (force) its pending IRPs. */
void undis__host_irp_free_file(struct undis_host_file *file, BOOLEAN force);
/* Reports a device rule, naming the device and the major function. */
void undis__host_device_report(struct host_device *device,
                               undis_rule rule,
                               const char *function,
                               const void *object,
                               const char *fmt,
                               ...) UNDIS_PRINTF(5, 6);

#endif /* UNDIS_HOST_DEVICE_H */
