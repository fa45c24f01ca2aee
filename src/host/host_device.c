/* SPDX-License-Identifier: MIT */
/*
 * host_device.c: the device objects a hosted driver creates and their names.
 * IoCreateDevice / IoDeleteDevice, IoCreateSymbolicLink /
 * IoDeleteSymbolicLink, NdisRegisterDeviceEx / NdisDeregisterDeviceEx
 * (the NDIS_DEVICE_OBJECT_ATTRIBUTES header checked) and
 * NdisGetDeviceReservedExtension; the lookup by name the host's open uses;
 * the check at unload that the driver removed every device and link.
 *
 * One registry per process, as the object namespace is: device names and
 * link names are unique across hosts. A device remembers the host whose
 * driver created it. PASSIVE_LEVEL; one mutex guards the registry.
 */
#include "host/host_device.h"
#include "host/host_protocol.h"

#include <stdio.h>
#include <string.h>

#define IO_TYPE_DEVICE 3

struct host_link {
    struct host_link *next;
    char link[HOST_NAME_MAX];   /* bare: "X" for "\DosDevices\X" */
    char target[HOST_NAME_MAX]; /* "\Device\X" */
};

static undis__mutex g_lock = UNDIS__MUTEX_INIT;
static struct host_device *g_devices;
static struct host_link *g_links;

/* ---- names -------------------------------------------------------------------- */

static int
lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static BOOLEAN
same_name(const char *a, const char *b)
{
    for (; *a != '\0' && lower(*a) == lower(*b); a++, b++) {
    }
    return (BOOLEAN)(*a == '\0' && *b == '\0');
}

static BOOLEAN
has_prefix(const char *s, const char *prefix, size_t *length)
{
    size_t n = strlen(prefix);
    for (size_t i = 0; i < n; i++) {
        if (lower(s[i]) != lower(prefix[i])) {
            return FALSE;
        }
    }
    *length = n;
    return TRUE;
}

/* "\DosDevices\Global\X", "\??\X", "\\.\X", "Global\X" -> "X". */
static const char *
bare_link(const char *name)
{
    static const char *const prefixes[] = { "\\DosDevices\\", "\\GLOBAL??\\", "\\??\\", "\\\\.\\",
                                            "Global\\" };
    size_t n;
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
        if (has_prefix(name, prefixes[i], &n)) {
            name += n;
        }
    }
    return name;
}

/* A UNICODE_STRING as ASCII (other characters as '?'); FALSE when it is
 * empty, malformed or too long. */
static BOOLEAN
name_of(const UNICODE_STRING *s, char *out)
{
    size_t n;
    if (s == NULL || s->Buffer == NULL || s->Length == 0 || (s->Length & 1) != 0 ||
        s->Length / sizeof(WCHAR) >= HOST_NAME_MAX) {
        return FALSE;
    }
    for (n = 0; n < s->Length / sizeof(WCHAR); n++) {
        WCHAR c = s->Buffer[n];
        out[n] = (char)(c > 0 && c < 0x80 ? c : '?');
    }
    out[n] = '\0';
    return TRUE;
}

const char *
undis__host_device_name(const struct host_device *device)
{
    return device->name[0] != '\0' ? device->name : "(unnamed device)";
}

const char *
undis__host_major_name(UCHAR major)
{
    switch (major) {
    case IRP_MJ_CREATE:
        return "IRP_MJ_CREATE";
    case IRP_MJ_CLOSE:
        return "IRP_MJ_CLOSE";
    case IRP_MJ_READ:
        return "IRP_MJ_READ";
    case IRP_MJ_WRITE:
        return "IRP_MJ_WRITE";
    case IRP_MJ_DEVICE_CONTROL:
        return "IRP_MJ_DEVICE_CONTROL";
    case IRP_MJ_CLEANUP:
        return "IRP_MJ_CLEANUP";
    default:
        return "IRP_MJ_(other)";
    }
}

/* ---- the registry (g_lock held) ---------------------------------------------------- */

static struct host_device *
find_device(const char *name)
{
    for (struct host_device *d = g_devices; d != NULL; d = d->next) {
        if (d->name[0] != '\0' && same_name(d->name, name)) {
            return d;
        }
    }
    return NULL;
}

static struct host_link **
find_link(const char *bare)
{
    struct host_link **p = &g_links;
    for (; *p != NULL; p = &(*p)->next) {
        if (same_name((*p)->link, bare)) {
            return p;
        }
    }
    return p;
}

static void
unlink_device(struct host_device *device)
{
    struct host_device **p = &g_devices;
    PDEVICE_OBJECT *q = &device->object.DriverObject->DeviceObject;
    for (; *p != NULL && *p != device; p = &(*p)->next) {
    }
    if (*p != NULL) {
        *p = device->next;
    }
    for (; *q != NULL && *q != &device->object; q = &(*q)->NextDevice) {
    }
    if (*q != NULL) {
        *q = device->object.NextDevice;
    }
    device->deleted = TRUE;
}

/* Frees a deleted device with no open file: the closed files' records (and
 * the IRPs their driver never completed) go with it. */
static void
free_device_if_unused(struct host_device *device)
{
    if (!device->deleted || device->open_files != 0) {
        return;
    }
    while (device->files != NULL) {
        struct undis_host_file *f = device->files;
        device->files = f->next_file;
        undis__host_irp_free_file(f, TRUE);
        f->magic = 0;
        undis__mem_free(f);
    }
    device->magic = HOST_DEVICE_MAGIC_DEAD;
    undis__mem_free(device);
}

struct host_device *
undis__host_device_of(PDEVICE_OBJECT object)
{
    struct host_device *d;
    if (object == NULL) {
        return NULL;
    }
    d = (struct host_device *)(void *)((char *)object - offsetof(struct host_device, object));
    return d->magic == HOST_DEVICE_MAGIC ? d : NULL;
}

/* ---- creating and deleting ---------------------------------------------------------- */

static NTSTATUS
new_device(struct host_driver *driver,
           ULONG extension_size,
           const char *name,
           DEVICE_TYPE type,
           ULONG characteristics,
           struct host_device **out)
{
    size_t object_size = ALIGN_UP_BY(sizeof(DEVICE_OBJECT), 16);
    size_t size = offsetof(struct host_device, object) + object_size + extension_size;
    struct host_device *d;
    if (extension_size > 0x10000000u) {
        return STATUS_INVALID_PARAMETER;
    }
    d = (struct host_device *)undis__mem_alloc(size);
    if (d == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    memset(d, 0, size);
    d->magic = HOST_DEVICE_MAGIC;
    d->host = driver->host;
    (void)snprintf(d->name, sizeof(d->name), "%s", name);
    d->object.Type = IO_TYPE_DEVICE;
    d->object.Size = (USHORT)(object_size + (extension_size & 0xffffu));
    d->object.DriverObject = &driver->driver_object;
    d->object.DeviceExtension = extension_size != 0 ? (char *)&d->object + object_size : NULL;
    d->object.DeviceType = type;
    d->object.Characteristics = characteristics;
    d->object.StackSize = 1;
    *out = d;
    return STATUS_SUCCESS;
}

/* Creates and registers a device (g_lock taken here). */
static NTSTATUS
create_device(struct host_driver *driver,
              ULONG extension_size,
              PUNICODE_STRING device_name,
              DEVICE_TYPE type,
              ULONG characteristics,
              struct host_device **out)
{
    char name[HOST_NAME_MAX] = "";
    struct host_device *d = NULL;
    NTSTATUS status;
    if (device_name != NULL && !name_of(device_name, name)) {
        return STATUS_OBJECT_NAME_INVALID;
    }
    status = new_device(driver, extension_size, name, type, characteristics, &d);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    undis__mutex_lock(&g_lock);
    if (name[0] != '\0' && find_device(name) != NULL) {
        undis__mutex_unlock(&g_lock);
        undis__mem_free(d);
        return STATUS_OBJECT_NAME_COLLISION;
    }
    d->next = g_devices;
    g_devices = d;
    d->object.NextDevice = driver->driver_object.DeviceObject;
    driver->driver_object.DeviceObject = &d->object;
    undis__mutex_unlock(&g_lock);
    *out = d;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI
IoCreateDevice(PDRIVER_OBJECT DriverObject,
               ULONG DeviceExtensionSize,
               PUNICODE_STRING DeviceName,
               DEVICE_TYPE DeviceType,
               ULONG DeviceCharacteristics,
               BOOLEAN Exclusive,
               PDEVICE_OBJECT *DeviceObject)
{
    struct host_driver *driver = undis__host_driver_of(DriverObject);
    struct host_device *d = NULL;
    NTSTATUS status;
    if (DeviceObject == NULL) {
        return STATUS_INVALID_PARAMETER;
    }
    *DeviceObject = NULL;
    if (driver == NULL) {
        fprintf(stderr, "undis host: IoCreateDevice was given a DRIVER_OBJECT the host never "
                        "gave out\n");
        return STATUS_INVALID_PARAMETER;
    }
    status = create_device(driver, DeviceExtensionSize, DeviceName, DeviceType,
                           DeviceCharacteristics, &d);
    if (status == STATUS_SUCCESS) {
        d->exclusive = Exclusive;
        d->object.Flags = DO_DEVICE_INITIALIZING | (Exclusive ? DO_EXCLUSIVE : 0u);
        *DeviceObject = &d->object;
    }
    return status;
}

static void
delete_device(struct host_device *d)
{
    undis__mutex_lock(&g_lock);
    unlink_device(d);
    /* Closed files whose IRPs the driver kept go with the device. */
    for (struct undis_host_file **p = &d->files; *p != NULL;) {
        struct undis_host_file *f = *p;
        if (f->closed) {
            *p = f->next_file;
            undis__host_irp_free_file(f, TRUE);
            f->magic = 0;
            undis__mem_free(f);
        } else {
            p = &f->next_file;
        }
    }
    free_device_if_unused(d);
    undis__mutex_unlock(&g_lock);
}

VOID NTAPI
IoDeleteDevice(PDEVICE_OBJECT DeviceObject)
{
    struct host_device *d = undis__host_device_of(DeviceObject);
    if (d == NULL || d->deleted) {
        fprintf(stderr, "undis host: IoDeleteDevice was given %p, not a device of the host's\n",
                (void *)DeviceObject);
        return;
    }
    delete_device(d);
}

static NTSTATUS
add_link(const char *link, const char *target)
{
    struct host_link *l;
    struct host_link **slot;
    l = (struct host_link *)undis__mem_alloc(sizeof(*l));
    if (l == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    memset(l, 0, sizeof(*l));
    (void)snprintf(l->link, sizeof(l->link), "%s", bare_link(link));
    (void)snprintf(l->target, sizeof(l->target), "%s", target);
    undis__mutex_lock(&g_lock);
    slot = find_link(l->link);
    if (*slot != NULL) {
        undis__mutex_unlock(&g_lock);
        undis__mem_free(l);
        return STATUS_OBJECT_NAME_COLLISION;
    }
    *slot = l;
    undis__mutex_unlock(&g_lock);
    return STATUS_SUCCESS;
}

static NTSTATUS
remove_link(const char *link)
{
    struct host_link **slot;
    struct host_link *l;
    undis__mutex_lock(&g_lock);
    slot = find_link(bare_link(link));
    l = *slot;
    if (l != NULL) {
        *slot = l->next;
    }
    undis__mutex_unlock(&g_lock);
    undis__mem_free(l);
    return l != NULL ? STATUS_SUCCESS : STATUS_OBJECT_NAME_NOT_FOUND;
}

NTSTATUS NTAPI
IoCreateSymbolicLink(PUNICODE_STRING SymbolicLinkName, PUNICODE_STRING DeviceName)
{
    char link[HOST_NAME_MAX];
    char target[HOST_NAME_MAX];
    if (!name_of(SymbolicLinkName, link) || !name_of(DeviceName, target)) {
        return STATUS_OBJECT_NAME_INVALID;
    }
    return add_link(link, target);
}

NTSTATUS NTAPI
IoDeleteSymbolicLink(PUNICODE_STRING SymbolicLinkName)
{
    char link[HOST_NAME_MAX];
    if (!name_of(SymbolicLinkName, link)) {
        return STATUS_OBJECT_NAME_INVALID;
    }
    return remove_link(link);
}

/* ---- NDIS ------------------------------------------------------------------------- */

static BOOLEAN
attributes_ok(struct undis_host *host, const NDIS_DEVICE_OBJECT_ATTRIBUTES *a)
{
    const char *why = NULL;
    if (a->Header.Type != NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES) {
        why = "Header.Type is not NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES";
    } else if (a->Header.Revision < NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1) {
        why = "Header.Revision is not 1";
    } else if (a->Header.Size < NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1) {
        why = "Header.Size is below NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1";
    } else if (a->DeviceName == NULL || a->DeviceName->Length == 0) {
        why = "DeviceName is NULL or empty";
    } else if (a->MajorFunctions == NULL) {
        why = "MajorFunctions is NULL";
    }
    if (why != NULL) {
        undis__host_report(host, UNDIS_RULE_HOST_DEVICE_BAD_ATTRIBUTES, "NdisRegisterDeviceEx",
                           NULL, "%s: %s (type 0x%x, revision %u, size %u)",
                           undis__host_friendly(host), why, (unsigned)a->Header.Type,
                           (unsigned)a->Header.Revision, (unsigned)a->Header.Size);
        return FALSE;
    }
    return TRUE;
}

/* The driver of a driver handle of any role the host registers (a filter's
 * or miniport's driver handle, a protocol's NdisProtocolHandle), or NULL
 * after a message. */
static struct host_driver *
driver_of_handle(NDIS_HANDLE handle)
{
    const struct host_handle *h = (const struct host_handle *)handle;
    if (h != NULL && h->magic == UNDIS_HOST_MAGIC_DRIVER) {
        return (struct host_driver *)h->object;
    }
    if (h != NULL && h->magic == UNDIS_HOST_MAGIC_PROTOCOL && h->host->protocol != NULL) {
        return h->host->protocol->driver;
    }
    fprintf(stderr,
            "undis host: NdisRegisterDeviceEx was given a handle that is not a "
            "driver handle of the host's (%p)\n",
            handle);
    return NULL;
}

static NDIS_STATUS
register_device(struct host_driver *driver,
                const NDIS_DEVICE_OBJECT_ATTRIBUTES *a,
                struct host_device **out)
{
    struct host_device *d = NULL;
    NTSTATUS status = create_device(driver, a->ExtensionSize, a->DeviceName, FILE_DEVICE_NETWORK,
                                    FILE_DEVICE_SECURE_OPEN, &d);
    if (status != STATUS_SUCCESS) {
        return (NDIS_STATUS)status;
    }
    d->ndis = TRUE;
    memcpy(d->table, a->MajorFunctions, sizeof(d->table));
    if (a->SymbolicName != NULL) {
        if (!name_of(a->SymbolicName, d->link)) {
            status = STATUS_OBJECT_NAME_INVALID;
        } else {
            status = add_link(d->link, d->name);
        }
        if (status != STATUS_SUCCESS) {
            d->link[0] = '\0';
            delete_device(d);
            return (NDIS_STATUS)status;
        }
    }
    *out = d;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
NdisRegisterDeviceEx(NDIS_HANDLE NdisObjectHandle,
                     PNDIS_DEVICE_OBJECT_ATTRIBUTES DeviceObjectAttributes,
                     PDEVICE_OBJECT *pDeviceObject,
                     PNDIS_HANDLE NdisDeviceHandle)
{
    struct host_driver *driver = driver_of_handle(NdisObjectHandle);
    struct host_device *d = NULL;
    NDIS_STATUS status;
    if (pDeviceObject == NULL || NdisDeviceHandle == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    *pDeviceObject = NULL;
    *NdisDeviceHandle = NULL;
    if (driver == NULL || DeviceObjectAttributes == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (!attributes_ok(driver->host, DeviceObjectAttributes)) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    status = register_device(driver, DeviceObjectAttributes, &d);
    if (status == NDIS_STATUS_SUCCESS) {
        *pDeviceObject = &d->object;
        *NdisDeviceHandle = d;
    }
    return status;
}

VOID
NdisDeregisterDeviceEx(NDIS_HANDLE NdisDeviceHandle)
{
    struct host_device *d = (struct host_device *)NdisDeviceHandle;
    if (d == NULL || d->magic != HOST_DEVICE_MAGIC || !d->ndis || d->deleted) {
        fprintf(stderr,
                "undis host: NdisDeregisterDeviceEx was given %p, not a device handle "
                "from NdisRegisterDeviceEx\n",
                NdisDeviceHandle);
        return;
    }
    if (d->link[0] != '\0') {
        (void)remove_link(d->link);
    }
    delete_device(d);
}

PVOID
NdisGetDeviceReservedExtension(PDEVICE_OBJECT DeviceObject)
{
    struct host_device *d = undis__host_device_of(DeviceObject);
    return d != NULL ? d->object.DeviceExtension : NULL;
}

/* ---- opening ------------------------------------------------------------------------ */

static struct host_device *
resolve(const char *name)
{
    size_t n;
    struct host_link *l;
    if (has_prefix(name, "\\Device\\", &n)) {
        return find_device(name);
    }
    l = *find_link(bare_link(name));
    return l != NULL ? find_device(l->target) : NULL;
}

struct host_device *
undis__host_device_lookup_open(struct undis_host *host, const char *name)
{
    struct host_device *d;
    undis__mutex_lock(&g_lock);
    d = resolve(name);
    if (d != NULL && (host == NULL || d->host == host) && !(d->exclusive && d->open_files != 0)) {
        d->open_files++;
    } else {
        d = NULL;
    }
    undis__mutex_unlock(&g_lock);
    return d;
}

void
undis__host_device_file_add(struct host_device *device, struct undis_host_file *file)
{
    undis__mutex_lock(&g_lock);
    file->next_file = device->files;
    device->files = file;
    undis__mutex_unlock(&g_lock);
}

void
undis__host_device_file_closed(struct host_device *device, struct undis_host_file *file)
{
    BOOLEAN idle = FALSE;
    if (file != NULL) { /* no IRP of it held: no release can touch it any more */
        undis__spin_lock(&file->lock);
        idle = (BOOLEAN)(file->pending == NULL);
        undis__spin_unlock(&file->lock);
    }
    undis__mutex_lock(&g_lock);
    device->open_files--;
    if (idle) {
        struct undis_host_file **p = &device->files;
        for (; *p != NULL && *p != file; p = &(*p)->next_file) {
        }
        if (*p != NULL) {
            *p = file->next_file;
        }
        undis__host_irp_free_file(file, FALSE);
        file->magic = 0;
        undis__mem_free(file);
    }
    free_device_if_unused(device);
    undis__mutex_unlock(&g_lock);
}

const char *
undis_host_device_at(undis_host *host, ULONG index)
{
    const char *name = NULL;
    undis__mutex_lock(&g_lock);
    for (struct host_device *d = g_devices; d != NULL && name == NULL; d = d->next) {
        if (d->host == host && d->name[0] != '\0' && index-- == 0) {
            name = d->name;
        }
    }
    undis__mutex_unlock(&g_lock);
    return name;
}

/* ---- unload -------------------------------------------------------------------------- */

/* The first file still open on a device of driver's (g_lock held). */
static struct undis_host_file *
first_open_file(PDRIVER_OBJECT driver)
{
    for (struct host_device *d = g_devices; d != NULL; d = d->next) {
        for (struct undis_host_file *f = d->files; f != NULL && d->object.DriverObject == driver;
             f = f->next_file) {
            if (!f->closed) {
                return f;
            }
        }
    }
    return NULL;
}

void
undis__host_files_close_all(struct undis_host *host, PDRIVER_OBJECT driver)
{
    struct undis_host_file *f;
    undis__mutex_lock(&g_lock);
    while ((f = first_open_file(driver)) != NULL) {
        undis__mutex_unlock(&g_lock);
        fprintf(stderr,
                "undis host: %s: a handle to %s is still open at unload; the host "
                "closes it\n",
                undis__host_friendly(host), undis__host_device_name(f->device));
        undis_host_device_close(f);
        undis__mutex_lock(&g_lock);
    }
    undis__mutex_unlock(&g_lock);
}

/* The first device of driver still registered, or NULL (g_lock held). */
static struct host_device *
first_of(PDRIVER_OBJECT driver)
{
    for (struct host_device *d = g_devices; d != NULL; d = d->next) {
        if (d->object.DriverObject == driver) {
            return d;
        }
    }
    return NULL;
}

void
undis__host_devices_unload(PDRIVER_OBJECT driver)
{
    struct host_device *d;
    undis__mutex_lock(&g_lock);
    while ((d = first_of(driver)) != NULL) {
        undis__mutex_unlock(&g_lock);
        undis__host_device_report(d, UNDIS_RULE_HOST_DEVICE_REGISTERED_AT_UNLOAD, "DriverUnload",
                                  &d->object,
                                  "still registered%s%s after DriverUnload (%s it there); the "
                                  "host deletes it",
                                  d->link[0] != '\0' ? " with its link " : "", d->link,
                                  d->ndis ? "NdisDeregisterDeviceEx" : "IoDeleteDevice");
        if (d->link[0] != '\0') {
            (void)remove_link(d->link);
        }
        delete_device(d);
        undis__mutex_lock(&g_lock);
    }
    undis__mutex_unlock(&g_lock);
}

/* Links left pointing at no device (their device is gone): a driver that
 * did not call IoDeleteSymbolicLink. Reported once each and removed. */
void
undis__host_links_unload(struct undis_host *host)
{
    for (;;) {
        struct host_link *l = NULL;
        undis__mutex_lock(&g_lock);
        for (struct host_link **p = &g_links; *p != NULL; p = &(*p)->next) {
            if (find_device((*p)->target) == NULL) {
                l = *p;
                *p = l->next;
                break;
            }
        }
        undis__mutex_unlock(&g_lock);
        if (l == NULL) {
            return;
        }
        undis__host_report(host, UNDIS_RULE_HOST_DEVICE_REGISTERED_AT_UNLOAD, "DriverUnload", NULL,
                           "%s: symbolic link %s to %s is still there after DriverUnload "
                           "(IoDeleteSymbolicLink it there); the host removes it",
                           undis__host_friendly(host), l->link, l->target);
        undis__mem_free(l);
    }
}
