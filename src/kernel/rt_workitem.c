/* SPDX-License-Identifier: MIT */
/*
 * rt_workitem.c: work items (NdisAllocateIoWorkItem / NdisQueueIoWorkItem /
 * NdisFreeIoWorkItem, IoAllocateWorkItem / IoQueueWorkItem / IoFreeWorkItem,
 * NDIS 5's NdisScheduleWorkItem). A few worker threads at PASSIVE_LEVEL take
 * queued items in order and run their routines. The workers start on the
 * first queueing and live as long as the process.
 *
 * An item is queued or not, and runs on as many workers as took it (a
 * routine may queue its own item again, and another worker may start it
 * before the first returns). Queueing a queued item is the driver's bug
 * (Windows corrupts its list): a bug check. An item may be freed inside its
 * own routine (it is freed when the last run returns); freed from another
 * thread while it runs, the free waits for the runs; freed while queued is
 * a bug check.
 */
#include "kernel/rt_services.h"

#define ITEM_MAGIC      0x6B724F57U /* "WOrk" */
#define ITEM_MAGIC_DEAD 0x64616544U
#define WORKERS         4

typedef enum item_kind { ITEM_NDIS, ITEM_IO, ITEM_NDIS5 } item_kind;

struct work_item {
    ULONG magic;
    item_kind kind;
    BOOLEAN queued;
    BOOLEAN free_pending; /* freed by its own routine: freed after the last run */
    ULONG runs;           /* workers running it now */
    LIST_ENTRY link;
    NDIS_IO_WORKITEM_ROUTINE ndis_routine;
    PIO_WORKITEM_ROUTINE io_routine;
    PNDIS_WORK_ITEM ndis5; /* NdisScheduleWorkItem's item */
    PVOID context;
    PDEVICE_OBJECT device;
    struct undis__rt_track track;
};

static struct {
    undis__mutex lock;
    undis__cond work; /* an item was queued */
    undis__cond idle; /* an item finished */
    undis__once once;
    LIST_ENTRY queue;
    ULONG workers;
} g_work = { UNDIS__MUTEX_INIT,
             UNDIS__COND_INIT,
             UNDIS__COND_INIT,
             UNDIS__ONCE_INIT,
             { &g_work.queue, &g_work.queue },
             0 };

static void
destroy(struct work_item *item)
{
    if (item->kind != ITEM_NDIS5) {
        undis__rt_track_remove(&item->track);
    }
    item->magic = ITEM_MAGIC_DEAD;
    undis__mem_free(item);
}

static void
run_item(struct work_item *item)
{
    switch (item->kind) {
    case ITEM_NDIS:
        item->ndis_routine(item->context, item);
        break;
    case ITEM_IO:
        item->io_routine(item->device, item->context);
        break;
    case ITEM_NDIS5:
        item->ndis5->Routine(item->ndis5, item->ndis5->Context);
        break;
    }
    if (undis__rt_irql() != PASSIVE_LEVEL) {
        undis__rt_bugcheck(WORKER_THREAD_RETURNED_AT_BAD_IRQL, (ULONG_PTR)undis__rt_irql(),
                           "a work item routine returned above PASSIVE_LEVEL");
    }
}

static UNDIS_THREAD_LOCAL struct work_item *t_running; /* on a worker: its item */

/* Lock held: the item's routine returned. */
static void
finished(struct work_item *item)
{
    item->runs--;
    if (item->runs == 0 && (item->free_pending || item->kind == ITEM_NDIS5)) {
        destroy(item);
    }
    undis__cond_broadcast(&g_work.idle);
}

static void
worker(void *arg)
{
    (void)arg;
    undis__mutex_lock(&g_work.lock);
    for (;;) {
        struct work_item *item;
        if (IsListEmpty(&g_work.queue)) {
            undis__cond_wait(&g_work.work, &g_work.lock, UINT64_MAX);
            continue;
        }
        item = CONTAINING_RECORD(RemoveHeadList(&g_work.queue), struct work_item, link);
        item->queued = FALSE;
        item->runs++;
        t_running = item;
        undis__mutex_unlock(&g_work.lock);
        run_item(item);
        undis__mutex_lock(&g_work.lock);
        t_running = NULL;
        finished(item);
    }
}

static void
start_workers(void)
{
    ULONG i;
    undis__mutex_lock(&g_work.lock);
    for (i = 0; i < WORKERS && undis__thread_start(worker, NULL); i++) {
        g_work.workers = i + 1;
    }
    undis__mutex_unlock(&g_work.lock);
    if (g_work.workers == 0) {
        undis__rt_bugcheck(BUGCODE_NDIS_DRIVER, 0, "no work-item thread could be started");
    }
}

static struct work_item *
item_of(PVOID handle, const char *function)
{
    struct work_item *item = (struct work_item *)handle;
    if (item == NULL || item->magic != ITEM_MAGIC) {
        char message[160];
        (void)snprintf(message, sizeof(message),
                       "%s: %p is not a work item (freed, or never allocated)", function, handle);
        undis__rt_bugcheck(INVALID_WORK_QUEUE_ITEM, (ULONG_PTR)handle, message);
    }
    return item;
}

/* Queue item (routine and context set by the caller, lock not held). */
static void
enqueue(struct work_item *item, const char *function)
{
    undis__once_run(&g_work.once, start_workers);
    undis__mutex_lock(&g_work.lock);
    if (item->queued) {
        undis__mutex_unlock(&g_work.lock);
        undis__rt_bugcheck(INVALID_WORK_QUEUE_ITEM, (ULONG_PTR)item, function);
    }
    item->queued = TRUE;
    InsertTailList(&g_work.queue, &item->link);
    undis__cond_broadcast(&g_work.work);
    undis__mutex_unlock(&g_work.lock);
}

static void
release(struct work_item *item)
{
    undis__mutex_lock(&g_work.lock);
    if (item->queued) {
        undis__mutex_unlock(&g_work.lock);
        undis__rt_bugcheck(INVALID_WORK_QUEUE_ITEM, (ULONG_PTR)item,
                           "a work item freed while it is queued");
    }
    if (t_running == item) {
        item->free_pending = TRUE; /* freed in its own routine: after the last run */
    } else {
        while (item->runs != 0) {
            undis__cond_wait(&g_work.idle, &g_work.lock, UINT64_MAX);
        }
        destroy(item);
    }
    undis__mutex_unlock(&g_work.lock);
}

static void
reclaim(struct undis__rt_track *track)
{
    struct work_item *item = CONTAINING_RECORD(track, struct work_item, track);
    undis__mutex_lock(&g_work.lock);
    while (item->queued || item->runs != 0) { /* a queued item still runs, then goes */
        undis__cond_wait(&g_work.idle, &g_work.lock, UINT64_MAX);
    }
    destroy(item);
    undis__mutex_unlock(&g_work.lock);
}

static struct work_item *
allocate(item_kind kind, const void *site)
{
    struct work_item *item = (struct work_item *)undis__mem_alloc(sizeof(*item));
    if (item == NULL) {
        return NULL;
    }
    memset(item, 0, sizeof(*item));
    item->magic = ITEM_MAGIC;
    item->kind = kind;
    if (kind != ITEM_NDIS5) {
        item->track.kind = UNDIS__RT_WORKITEM;
        item->track.site = site;
        item->track.object = item;
        item->track.reclaim = reclaim;
        undis__rt_track_add(&item->track);
    }
    return item;
}

/*
 * Pre: NdisObjectHandle is the driver's handle (kept for nothing else).
 * Post: a work item, IDLE. Failure: NULL (memory). Ownership: the caller
 * frees it with NdisFreeIoWorkItem; one still held at unload is listed
 * (HOST_LEAK_AT_UNLOAD) and freed. IRQL <= DISPATCH_LEVEL.
 */
NDIS_HANDLE
NdisAllocateIoWorkItem(NDIS_HANDLE NdisObjectHandle)
{
    (void)NdisObjectHandle;
    return allocate(ITEM_NDIS, UNDIS_RETURN_ADDRESS());
}

/*
 * Pre: a work item not QUEUED (checked: INVALID_WORK_QUEUE_ITEM), Routine
 * not NULL. Post: queued; Routine(WorkItemContext, NdisIoWorkItemHandle)
 * runs once on a worker thread at PASSIVE_LEVEL. IRQL <= DISPATCH_LEVEL.
 */
VOID
NdisQueueIoWorkItem(NDIS_HANDLE NdisIoWorkItemHandle,
                    NDIS_IO_WORKITEM_ROUTINE Routine,
                    PVOID WorkItemContext)
{
    struct work_item *item = item_of(NdisIoWorkItemHandle, "NdisQueueIoWorkItem");
    undis__mutex_lock(&g_work.lock); /* the worker reads these under the lock */
    item->ndis_routine = Routine;
    item->context = WorkItemContext;
    undis__mutex_unlock(&g_work.lock);
    enqueue(item, "NdisQueueIoWorkItem on a work item already queued");
}

/* Pre: a work item not QUEUED (checked). Post: freed now, or when its
 * routine returns if called from it; waits for a routine running on another
 * thread. IRQL <= DISPATCH_LEVEL (PASSIVE_LEVEL if it may wait). */
VOID
NdisFreeIoWorkItem(NDIS_HANDLE NdisIoWorkItemHandle)
{
    release(item_of(NdisIoWorkItemHandle, "NdisFreeIoWorkItem"));
}

/* As NdisAllocateIoWorkItem; the routine receives DeviceObject. */
PIO_WORKITEM NTAPI
IoAllocateWorkItem(PDEVICE_OBJECT DeviceObject)
{
    struct work_item *item = allocate(ITEM_IO, UNDIS_RETURN_ADDRESS());
    if (item != NULL) {
        item->device = DeviceObject;
    }
    return (PIO_WORKITEM)(void *)item;
}

/* As NdisFreeIoWorkItem. */
VOID NTAPI
IoFreeWorkItem(PIO_WORKITEM IoWorkItem)
{
    release(item_of(IoWorkItem, "IoFreeWorkItem"));
}

/* As NdisQueueIoWorkItem: WorkerRoutine(DeviceObject, Context) at
 * PASSIVE_LEVEL. QueueType (critical, delayed) changes nothing here. */
VOID NTAPI
IoQueueWorkItem(PIO_WORKITEM IoWorkItem,
                PIO_WORKITEM_ROUTINE WorkerRoutine,
                int QueueType,
                PVOID Context)
{
    struct work_item *item = item_of(IoWorkItem, "IoQueueWorkItem");
    (void)QueueType;
    undis__mutex_lock(&g_work.lock);
    item->io_routine = WorkerRoutine;
    item->context = Context;
    undis__mutex_unlock(&g_work.lock);
    enqueue(item, "IoQueueWorkItem on a work item already queued");
}

/*
 * NDIS 5: Pre: WorkItem set up by NdisInitializeWorkItem (Routine not NULL),
 * the caller's memory until the routine runs. Post: NDIS_STATUS_SUCCESS and
 * Routine(WorkItem, Context) runs once at PASSIVE_LEVEL. Failure:
 * NDIS_STATUS_RESOURCES (memory; nothing queued). IRQL <= DISPATCH_LEVEL.
 */
NDIS_STATUS
NdisScheduleWorkItem(PNDIS_WORK_ITEM WorkItem)
{
    struct work_item *item = allocate(ITEM_NDIS5, NULL);
    if (item == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    item->ndis5 = WorkItem;
    enqueue(item, "NdisScheduleWorkItem");
    return NDIS_STATUS_SUCCESS;
}
