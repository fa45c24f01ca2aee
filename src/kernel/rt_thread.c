/* SPDX-License-Identifier: MIT */
/*
 * rt_thread.c: system threads (PsCreateSystemThread, PsTerminateSystemThread,
 * KeSetPriorityThread), the kernel handles that name them and the
 * references that keep them (ObReferenceObjectByHandle, ObfReferenceObject,
 * ObfDereferenceObject, ObCloseHandle, ZwClose), and the object types.
 *
 * A system thread is a platform thread (undis__thread_start) running the
 * driver's routine at PASSIVE_LEVEL, as the work-item workers do (a new
 * thread's IRQL is PASSIVE_LEVEL, undis's per-thread state starts on first
 * use). Its object is a dispatcher object (DISPATCHER_HEADER first, Type
 * ThreadObject): KeWaitForSingleObject and KeWaitForMultipleObjects
 * (rt_wait.c) wait for it; it is signalled when the routine returns or calls
 * PsTerminateSystemThread, which then ends the platform thread
 * (undis__thread_end_self: pthread_exit, ExitThread) without returning into
 * the driver's frames.
 *
 * An object lives while its thread runs, a handle names it or a reference
 * holds it; the last of them frees it. All of this is counted under one
 * lock (threads are few). Handles are kernel handles (the top bit set, a
 * multiple of 4) indexing a table of HANDLE_SLOTS; a handle closed may be
 * given out again later, as on Windows. Each object is in the leak list
 * (rt_leak.c, "system thread") from its creation to its freeing: a thread
 * still running, or a handle or reference still held, when the driver
 * unloads is listed with the place that created it.
 */
#include "kernel/rt_services.h"

#include "base/report.h"

#include <string.h>

#define HANDLE_SLOTS      1024u
#define DEFAULT_PRIORITY  8 /* a new system thread's priority on Windows */
#define KERNEL_HANDLE_BIT ((ULONG_PTR)1 << (sizeof(ULONG_PTR) * 8u - 1u))

/* ---- object types: distinct addresses, compared, never read ---------------------- */

static char g_type_tags[4];
static POBJECT_TYPE g_types[4] = {
    (POBJECT_TYPE)(void *)&g_type_tags[0],
    (POBJECT_TYPE)(void *)&g_type_tags[1],
    (POBJECT_TYPE)(void *)&g_type_tags[2],
    (POBJECT_TYPE)(void *)&g_type_tags[3],
};
POBJECT_TYPE *ExEventObjectType = &g_types[0];
POBJECT_TYPE *IoFileObjectType = &g_types[1];
POBJECT_TYPE *PsThreadType = &g_types[2];
POBJECT_TYPE *PsProcessType = &g_types[3];

/* ---- thread objects ------------------------------------------------------------- */

struct _KTHREAD {
    DISPATCHER_HEADER Header; /* first: the object is a dispatcher object */
    ULONG handles;            /* handles naming it; under g_objects.lock */
    ULONG references;         /* ObReferenceObjectByHandle / ObfReferenceObject; under lock */
    BOOLEAN running;          /* its platform thread has not ended; under lock */
    KPRIORITY priority;
    PKSTART_ROUTINE routine;
    PVOID context;
    struct _KTHREAD *next; /* the live objects; under lock */
    struct undis__rt_track track;
};

struct handle_slot {
    struct _KTHREAD *object; /* NULL: free */
    ACCESS_MASK access;
    ULONG attributes;
};

static struct {
    undis__mutex lock;
    struct _KTHREAD *live;
    ULONG next_slot; /* where the search for a free slot starts */
    struct handle_slot slots[HANDLE_SLOTS];
} g_objects = { UNDIS__MUTEX_INIT, NULL, 0, { { NULL, 0, 0 } } };

static volatile ULONG g_thread_ids;
static UNDIS_THREAD_LOCAL struct _KTHREAD *t_self; /* on a system thread: its object */
static UNDIS_THREAD_LOCAL KPRIORITY t_priority;    /* other threads: set by KeSetPriorityThread */
static UNDIS_THREAD_LOCAL BOOLEAN t_priority_set;

PKTHREAD
undis__rt_kthread_self(void)
{
    return t_self;
}

/* Lock held: is p a live thread object? (p is compared, not read.) */
static struct _KTHREAD *
live_locked(const void *p)
{
    struct _KTHREAD *t;
    for (t = g_objects.live; t != NULL && (const void *)t != p; t = t->next) {
    }
    return t;
}

/* Lock held: nothing keeps t any more? Then it leaves the live list and the
 * caller frees it (free_object) once the lock is released. */
static BOOLEAN
unused_locked(struct _KTHREAD *t)
{
    struct _KTHREAD **link;
    if (t->handles != 0 || t->references != 0 || t->running) {
        return FALSE;
    }
    for (link = &g_objects.live; *link != t; link = &(*link)->next) {
    }
    *link = t->next;
    return TRUE;
}

static void
free_object(struct _KTHREAD *t)
{
    undis__rt_track_remove(&t->track);
    undis__mem_free(t);
}

/* ---- handles ---------------------------------------------------------------------- */

static HANDLE
handle_of(ULONG slot)
{
    return (HANDLE)(KERNEL_HANDLE_BIT | (ULONG_PTR)(slot + 1u) << 2);
}

/* Lock held: the slot a handle names, NULL for anything else. */
static struct handle_slot *
slot_locked(HANDLE handle)
{
    ULONG_PTR v = (ULONG_PTR)handle;
    ULONG_PTR index = (v & ~KERNEL_HANDLE_BIT) >> 2;
    if ((v & KERNEL_HANDLE_BIT) == 0 || (v & 3u) != 0 || index == 0 || index > HANDLE_SLOTS) {
        return NULL;
    }
    return g_objects.slots[index - 1].object != NULL ? &g_objects.slots[index - 1] : NULL;
}

/* Lock held: a new handle for t, NULL when the table is full. */
static HANDLE
open_locked(struct _KTHREAD *t, ACCESS_MASK access, ULONG attributes)
{
    ULONG i;
    for (i = 0; i < HANDLE_SLOTS; i++) {
        ULONG slot = (g_objects.next_slot + i) % HANDLE_SLOTS;
        if (g_objects.slots[slot].object == NULL) {
            g_objects.slots[slot].object = t;
            g_objects.slots[slot].access = access;
            g_objects.slots[slot].attributes = attributes;
            g_objects.next_slot = (slot + 1u) % HANDLE_SLOTS;
            t->handles++;
            return handle_of(slot);
        }
    }
    return NULL;
}

static NTSTATUS
close_handle(HANDLE handle, KPROCESSOR_MODE mode)
{
    struct handle_slot *slot;
    struct _KTHREAD *t;
    BOOLEAN unused;
    undis__mutex_lock(&g_objects.lock);
    slot = mode == KernelMode ? slot_locked(handle) : NULL;
    if (slot == NULL) {
        undis__mutex_unlock(&g_objects.lock);
        return STATUS_INVALID_HANDLE;
    }
    t = slot->object;
    slot->object = NULL;
    t->handles--;
    unused = unused_locked(t);
    undis__mutex_unlock(&g_objects.lock);
    if (unused) {
        free_object(t);
    }
    return STATUS_SUCCESS;
}

/*
 * Pre: Handle from PsCreateSystemThread, not closed. Post: STATUS_SUCCESS,
 * the handle closed (the object goes with the last handle and reference, and
 * once its thread ended); STATUS_INVALID_HANDLE for anything else, or when
 * PreviousMode is UserMode (the handle is a kernel handle). PASSIVE_LEVEL.
 */
NTSTATUS NTAPI
ObCloseHandle(HANDLE Handle, KPROCESSOR_MODE PreviousMode)
{
    return close_handle(Handle, PreviousMode);
}

/* ObCloseHandle(Handle, KernelMode). PASSIVE_LEVEL. */
NTSTATUS NTAPI
ZwClose(HANDLE Handle)
{
    return close_handle(Handle, KernelMode);
}

/*
 * Pre: Handle from PsCreateSystemThread; ObjectType *PsThreadType or NULL.
 * Post: STATUS_SUCCESS, *Object the thread (a PKTHREAD / PETHREAD) with a
 * reference the caller drops with ObDereferenceObject, HandleInformation (if
 * given) the access granted at creation and OBJ_INHERIT if asked.
 * STATUS_INVALID_HANDLE (not a handle undis gave out, already closed, or
 * AccessMode UserMode: a kernel handle) or STATUS_OBJECT_TYPE_MISMATCH
 * (ObjectType another type), *Object NULL. DesiredAccess is not checked for
 * KernelMode, as on Windows. IRQL <= DISPATCH_LEVEL (Windows: PASSIVE_LEVEL).
 */
NTSTATUS NTAPI
ObReferenceObjectByHandle(HANDLE Handle,
                          ACCESS_MASK DesiredAccess,
                          POBJECT_TYPE ObjectType,
                          KPROCESSOR_MODE AccessMode,
                          PVOID *Object,
                          POBJECT_HANDLE_INFORMATION HandleInformation)
{
    struct handle_slot *slot;
    (void)DesiredAccess;
    *Object = NULL;
    undis__mutex_lock(&g_objects.lock);
    slot = AccessMode == KernelMode ? slot_locked(Handle) : NULL;
    if (slot == NULL) {
        undis__mutex_unlock(&g_objects.lock);
        return STATUS_INVALID_HANDLE;
    }
    if (ObjectType != NULL && ObjectType != *PsThreadType) {
        undis__mutex_unlock(&g_objects.lock);
        return STATUS_OBJECT_TYPE_MISMATCH;
    }
    slot->object->references++;
    *Object = slot->object;
    if (HandleInformation != NULL) {
        HandleInformation->GrantedAccess = slot->access;
        HandleInformation->HandleAttributes = slot->attributes;
    }
    undis__mutex_unlock(&g_objects.lock);
    return STATUS_SUCCESS;
}

/* ---- references ------------------------------------------------------------------- */

/*
 * Pre: Object a thread object the caller holds (a reference or a handle).
 * Post: one more reference. Any other object (a device object, a file
 * object): nothing is counted, NOT_SUPPORTED_IN_USER_MODE is reported once.
 * IRQL <= DISPATCH_LEVEL.
 */
VOID FASTCALL
ObfReferenceObject(PVOID Object)
{
    struct _KTHREAD *t;
    undis__mutex_lock(&g_objects.lock);
    t = live_locked(Object);
    if (t != NULL) {
        t->references++;
    }
    undis__mutex_unlock(&g_objects.lock);
    if (t == NULL) {
        undis__report_unsupported("ObfReferenceObject");
    }
}

/*
 * Pre: Object a thread object with a reference the caller holds (checked:
 * REFERENCE_BY_POINTER when it has none). Post: that reference dropped;
 * the object is freed with its last handle and reference once its thread
 * ended. Returns what still keeps it (handles + references + 1 while it
 * runs). Any other object: 0, NOT_SUPPORTED_IN_USER_MODE reported once.
 * IRQL <= DISPATCH_LEVEL.
 */
LONG_PTR FASTCALL
ObfDereferenceObject(PVOID Object)
{
    struct _KTHREAD *t;
    LONG_PTR left = 0;
    BOOLEAN unused = FALSE;
    undis__mutex_lock(&g_objects.lock);
    t = live_locked(Object);
    if (t != NULL && t->references == 0) {
        undis__mutex_unlock(&g_objects.lock);
        undis__rt_bugcheck(REFERENCE_BY_POINTER, (ULONG_PTR)Object,
                           "ObDereferenceObject on a thread object with no reference left "
                           "(one dereference too many)");
    }
    if (t != NULL) {
        t->references--;
        left = (LONG_PTR)t->handles + (LONG_PTR)t->references + (t->running ? 1 : 0);
        unused = unused_locked(t);
    }
    undis__mutex_unlock(&g_objects.lock);
    if (t == NULL) {
        undis__report_unsupported("ObfDereferenceObject");
    } else if (unused) {
        free_object(t);
    }
    return left;
}

/* ---- the thread's life ------------------------------------------------------------- */

/* The thread ends (routine returned, or PsTerminateSystemThread): its
 * object is signalled and the running reference dropped, both under the
 * objects' lock, so that whoever saw the signal and then closes or
 * dereferences finds the thread no longer running (and frees the object).
 * Lock order: the objects' lock, then the object's stripe (rt_sync.c). */
static void
finish(struct _KTHREAD *t)
{
    BOOLEAN unused;
    t_self = NULL;
    undis__mutex_lock(&g_objects.lock);
    undis__rt_object_signal(&t->Header);
    t->running = FALSE;
    unused = unused_locked(t);
    undis__mutex_unlock(&g_objects.lock);
    if (unused) {
        free_object(t);
    }
}

static void
require_passive(const char *message)
{
    if (undis__rt_irql() != PASSIVE_LEVEL) {
        undis__rt_bugcheck(IRQL_NOT_LESS_OR_EQUAL, (ULONG_PTR)undis__rt_irql(), message);
    }
}

static void
thread_main(void *arg)
{
    struct _KTHREAD *t = (struct _KTHREAD *)arg;
    t_self = t;
    t->routine(t->context);
    require_passive("a system thread's routine returned above PASSIVE_LEVEL");
    finish(t);
}

/* At unload (rt_leak.c): the handles and references the driver still
 * holds are dropped; a thread still running keeps its object until it ends. */
static void
reclaim(struct undis__rt_track *track)
{
    struct _KTHREAD *t = CONTAINING_RECORD(track, struct _KTHREAD, track);
    BOOLEAN unused;
    ULONG i;
    undis__rt_track_remove(track);
    undis__mutex_lock(&g_objects.lock);
    for (i = 0; i < HANDLE_SLOTS; i++) {
        if (g_objects.slots[i].object == t) {
            g_objects.slots[i].object = NULL;
        }
    }
    t->handles = 0;
    t->references = 0;
    unused = unused_locked(t);
    undis__mutex_unlock(&g_objects.lock);
    if (unused) {
        free_object(t);
    }
}

static struct _KTHREAD *
new_object(PKSTART_ROUTINE routine, PVOID context, const void *site)
{
    struct _KTHREAD *t = (struct _KTHREAD *)undis__mem_alloc(sizeof(*t));
    if (t == NULL) {
        return NULL;
    }
    memset(t, 0, sizeof(*t));
    t->Header.Type = UNDIS__THREAD_OBJECT_TYPE;
    t->Header.Size = (UCHAR)(sizeof(DISPATCHER_HEADER) / sizeof(LONG));
    InitializeListHead(&t->Header.WaitListHead);
    t->running = TRUE;
    t->priority = DEFAULT_PRIORITY;
    t->routine = routine;
    t->context = context;
    t->track.kind = UNDIS__RT_THREAD;
    t->track.site = site;
    t->track.object = t;
    t->track.reclaim = reclaim;
    return t;
}

/* Lock not held: undo a creation that could not start its thread. */
static void
abandon(struct _KTHREAD *t, HANDLE handle)
{
    undis__mutex_lock(&g_objects.lock);
    slot_locked(handle)->object = NULL;
    t->handles = 0;
    t->running = FALSE;
    (void)unused_locked(t);
    undis__mutex_unlock(&g_objects.lock);
    free_object(t);
}

/* Lock not held: a handle for t, t live and tracked; NULL when the table is full. */
static HANDLE
publish(struct _KTHREAD *t, ULONG DesiredAccess, const OBJECT_ATTRIBUTES *attributes)
{
    HANDLE handle;
    undis__mutex_lock(&g_objects.lock);
    handle = open_locked(t, DesiredAccess,
                         attributes != NULL ? (ULONG)(attributes->Attributes & OBJ_INHERIT) : 0u);
    if (handle != NULL) {
        t->next = g_objects.live;
        g_objects.live = t;
    }
    undis__mutex_unlock(&g_objects.lock);
    if (handle != NULL) {
        undis__rt_track_add(&t->track);
    }
    return handle;
}

/*
 * Pre: StartRoutine a KSTART_ROUTINE (NULL: STATUS_INVALID_PARAMETER);
 * ThreadHandle writable. PASSIVE_LEVEL (checked: IRQL_NOT_LESS_OR_EQUAL).
 * Post: STATUS_SUCCESS, *ThreadHandle a kernel handle the caller closes
 * (ZwClose); StartRoutine(StartContext) runs on a new thread at
 * PASSIVE_LEVEL (KeGetCurrentThread there is the thread object), at
 * priority 8 until KeSetPriorityThread. ClientId (optional) gets the
 * process id and a thread id unique in the process. ProcessHandle and
 * ObjectAttributes other than OBJ_INHERIT change nothing: there is one
 * process. Failure: STATUS_INSUFFICIENT_RESOURCES (no memory, no free handle
 * slot, or the system refused a thread), nothing allocated,
 * *ThreadHandle NULL.
 */
NTSTATUS NTAPI
PsCreateSystemThread(PHANDLE ThreadHandle,
                     ULONG DesiredAccess,
                     POBJECT_ATTRIBUTES ObjectAttributes,
                     HANDLE ProcessHandle,
                     PCLIENT_ID ClientId,
                     PKSTART_ROUTINE StartRoutine,
                     PVOID StartContext)
{
    struct _KTHREAD *t;
    HANDLE handle;
    (void)ProcessHandle;
    require_passive("PsCreateSystemThread above PASSIVE_LEVEL");
    *ThreadHandle = NULL;
    if (StartRoutine == NULL) {
        return STATUS_INVALID_PARAMETER;
    }
    t = new_object(StartRoutine, StartContext, UNDIS_RETURN_ADDRESS());
    if (t == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    handle = publish(t, DesiredAccess, ObjectAttributes);
    if (handle == NULL) {
        free_object(t);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    if (!undis__thread_start(thread_main, t)) {
        abandon(t, handle);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    if (ClientId != NULL) {
        ClientId->UniqueProcess = PsGetCurrentProcessId();
        ClientId->UniqueThread =
            (HANDLE)(ULONG_PTR)(UNDIS_ATOMIC_FETCH_ADD_RELAXED(&g_thread_ids, 1u) * 4u + 4u);
    }
    *ThreadHandle = handle;
    return STATUS_SUCCESS;
}

/*
 * Pre: called on a system thread PsCreateSystemThread started, at
 * PASSIVE_LEVEL (checked: IRQL_NOT_LESS_OR_EQUAL). Post: the thread's
 * object is signalled and the thread ends here (undis__thread_end_self);
 * frames above are abandoned, not unwound. ExitStatus is not kept (nothing
 * in undis reads a thread's exit status). On any other thread it returns
 * STATUS_INVALID_PARAMETER and changes nothing (Windows documents an error
 * status).
 */
NTSTATUS NTAPI
PsTerminateSystemThread(NTSTATUS ExitStatus)
{
    struct _KTHREAD *t = t_self;
    (void)ExitStatus;
    if (t == NULL) {
        return STATUS_INVALID_PARAMETER;
    }
    require_passive("PsTerminateSystemThread above PASSIVE_LEVEL");
    finish(t);
    undis__thread_end_self();
}

/* ---- priority ----------------------------------------------------------------------- */

/*
 * Pre: Thread a live system thread object, or KeGetCurrentThread() of the
 * caller; LOW_PRIORITY <= Priority <= HIGH_PRIORITY (both checked:
 * DRIVER_VERIFIER_DETECTED_VIOLATION). Post: the priority is recorded and the
 * previous one returned (8 at first). The platform thread's own priority is
 * not changed: user mode may not raise it. IRQL <= DISPATCH_LEVEL.
 */
KPRIORITY NTAPI
KeSetPriorityThread(PKTHREAD Thread, KPRIORITY Priority)
{
    struct _KTHREAD *t;
    KPRIORITY old = DEFAULT_PRIORITY;
    if (Priority < LOW_PRIORITY || Priority > HIGH_PRIORITY) {
        undis__rt_bugcheck(DRIVER_VERIFIER_DETECTED_VIOLATION, (ULONG_PTR)(LONG_PTR)Priority,
                           "KeSetPriorityThread with a priority outside 0..31");
    }
    undis__mutex_lock(&g_objects.lock);
    t = live_locked(Thread);
    if (t != NULL) {
        old = t->priority;
        t->priority = Priority;
    }
    undis__mutex_unlock(&g_objects.lock);
    if (t != NULL) {
        return old;
    }
    if (Thread != KeGetCurrentThread()) {
        undis__rt_bugcheck(DRIVER_VERIFIER_DETECTED_VIOLATION, (ULONG_PTR)Thread,
                           "KeSetPriorityThread on a pointer that is neither a system thread "
                           "nor the calling thread");
    }
    old = t_priority_set ? t_priority : DEFAULT_PRIORITY;
    t_priority = Priority;
    t_priority_set = TRUE;
    return old;
}

/*
 * Pre: Thread a live system thread object, or KeGetCurrentThread() of the
 * caller (else DRIVER_VERIFIER_DETECTED_VIOLATION). Post: the priority
 * KeSetPriorityThread last recorded for it, 8 if none. IRQL <= DISPATCH_LEVEL.
 */
KPRIORITY NTAPI
KeQueryPriorityThread(PKTHREAD Thread)
{
    struct _KTHREAD *t;
    KPRIORITY priority = DEFAULT_PRIORITY;
    undis__mutex_lock(&g_objects.lock);
    t = live_locked(Thread);
    if (t != NULL) {
        priority = t->priority;
    }
    undis__mutex_unlock(&g_objects.lock);
    if (t != NULL) {
        return priority;
    }
    if (Thread != KeGetCurrentThread()) {
        undis__rt_bugcheck(DRIVER_VERIFIER_DETECTED_VIOLATION, (ULONG_PTR)Thread,
                           "KeQueryPriorityThread on a pointer that is neither a system thread "
                           "nor the calling thread");
    }
    return t_priority_set ? t_priority : DEFAULT_PRIORITY;
}
