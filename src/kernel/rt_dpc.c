/* SPDX-License-Identifier: MIT */
/*
 * rt_dpc.c: deferred procedure calls. Each processor of the model (one per
 * online CPU, at most 64; undis_rt_set_processor_count) has a DPC queue and
 * a worker thread that runs its DPCs at DISPATCH_LEVEL (its thread IRQL,
 * base/gate.c) as that processor (KeGetCurrentProcessorNumberEx gives its
 * index). A threaded DPC runs on the same worker at PASSIVE_LEVEL, as
 * Windows runs threaded DPCs when they are enabled.
 *
 * The workers start on the first KeInsertQueueDpc and live as long as the
 * process. One mutex guards every queue: a KDPC is queued while its
 * DpcData points to its processor's queue, as in Windows, so that a second
 * KeInsertQueueDpc, KeRemoveQueueDpc and the worker agree under one lock.
 */
#include "kernel/rt_services.h"

#define DPC_CPUS_MAX 64

struct dpc_cpu {
    undis__cond wake; /* the worker waits here */
    PKDPC head, tail; /* linked through DpcListEntry.Next */
    PKDPC running;    /* the DPC whose routine runs now */
    uint64_t queued;  /* inserted so far */
    uint64_t done;    /* run or removed so far */
    ULONG index;
};

static struct {
    undis__mutex lock;
    undis__cond idle; /* a DPC finished or was removed */
    undis__once once;
    ULONG count; /* workers started */
    struct dpc_cpu cpu[DPC_CPUS_MAX];
} g_dpc = { UNDIS__MUTEX_INIT,
            UNDIS__COND_INIT,
            UNDIS__ONCE_INIT,
            0,
            { { UNDIS__COND_INIT, NULL, NULL, NULL, 0, 0, 0 } } };

/* Runs one DPC (lock not held) at its level; the worker sits at DISPATCH_LEVEL. */
static void
run_one(PKDPC dpc, PKDEFERRED_ROUTINE routine, PVOID context, PVOID arg1, PVOID arg2)
{
    BOOLEAN threaded = (BOOLEAN)(dpc->Type == ThreadedDpcObject);
    KIRQL expected = threaded ? PASSIVE_LEVEL : DISPATCH_LEVEL;
    if (threaded) {
        KeLowerIrql(PASSIVE_LEVEL);
    }
    routine(dpc, context, arg1, arg2);
    if (undis__rt_irql() != expected) {
        undis__rt_bugcheck(IRQL_UNEXPECTED_VALUE, (ULONG_PTR)undis__rt_irql(),
                           "a DPC routine returned at another IRQL than it was called at");
    }
    if (threaded) {
        (void)KfRaiseIrql(DISPATCH_LEVEL);
    }
}

static void
dpc_worker(void *arg)
{
    struct dpc_cpu *cpu = (struct dpc_cpu *)arg;
    undis__rt_processor_bind(cpu->index);
    (void)KfRaiseIrql(DISPATCH_LEVEL);
    undis__mutex_lock(&g_dpc.lock);
    for (;;) {
        PKDPC dpc = cpu->head;
        PKDEFERRED_ROUTINE routine;
        PVOID context, arg1, arg2;
        if (dpc == NULL) {
            undis__cond_wait(&cpu->wake, &g_dpc.lock, UINT64_MAX);
            continue;
        }
        cpu->head = (PKDPC)(void *)dpc->DpcListEntry.Next;
        if (cpu->head == NULL) {
            cpu->tail = NULL;
        }
        dpc->DpcListEntry.Next = NULL;
        dpc->DpcData = NULL; /* may be queued again from here on */
        routine = dpc->DeferredRoutine;
        context = dpc->DeferredContext;
        arg1 = dpc->SystemArgument1;
        arg2 = dpc->SystemArgument2;
        cpu->running = dpc;
        undis__mutex_unlock(&g_dpc.lock);
        run_one(dpc, routine, context, arg1, arg2);
        undis__mutex_lock(&g_dpc.lock);
        cpu->running = NULL;
        cpu->done++;
        undis__cond_broadcast(&g_dpc.idle);
    }
}

static void
start_workers(void)
{
    ULONG n = undis__rt_processor_count();
    ULONG i;
    for (i = 0; i < n && i < DPC_CPUS_MAX; i++) {
        g_dpc.cpu[i].index = i;
        undis__cond_init(&g_dpc.cpu[i].wake);
    }
    undis__mutex_lock(&g_dpc.lock);
    for (i = 0; i < n && i < DPC_CPUS_MAX; i++) {
        if (!undis__thread_start(dpc_worker, &g_dpc.cpu[i])) {
            break;
        }
        g_dpc.count = i + 1;
    }
    undis__mutex_unlock(&g_dpc.lock);
    if (g_dpc.count == 0) {
        undis__rt_bugcheck(BUGCODE_NDIS_DRIVER, 0, "no DPC worker thread could be started");
    }
}

static void
check_dpc(const KDPC *dpc, const char *function)
{
    if (dpc->Type != DpcObject && dpc->Type != ThreadedDpcObject) {
        char message[160];
        (void)snprintf(message, sizeof(message), "%s on a KDPC not initialised by KeInitializeDpc",
                       function);
        undis__rt_bugcheck(DRIVER_VERIFIER_DETECTED_VIOLATION, (ULONG_PTR)dpc, message);
    }
}

/*
 * Pre: Dpc points to a KDPC the caller owns (any memory that outlives its
 * queueing); DeferredRoutine not NULL. Post: an ordinary DPC, not queued,
 * MediumImportance, for the processor that queues it. No failure.
 * Ownership: the KDPC stays the caller's. Any IRQL.
 */
VOID NTAPI
KeInitializeDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine, PVOID DeferredContext)
{
    memset(Dpc, 0, sizeof(*Dpc));
    Dpc->Type = DpcObject;
    Dpc->Importance = MediumImportance;
    Dpc->DeferredRoutine = DeferredRoutine;
    Dpc->DeferredContext = DeferredContext;
}

/* As KeInitializeDpc; the routine runs at PASSIVE_LEVEL on the worker. PASSIVE_LEVEL. */
VOID NTAPI
KeInitializeThreadedDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine, PVOID DeferredContext)
{
    KeInitializeDpc(Dpc, DeferredRoutine, DeferredContext);
    Dpc->Type = ThreadedDpcObject;
}

/*
 * Pre: an initialised KDPC (checked: DRIVER_VERIFIER_DETECTED_VIOLATION).
 * Post: TRUE and the DPC queued on its target processor (the caller's
 * unless KeSetTargetProcessorDpc chose one; at the head with
 * HighImportance) with the two arguments; its routine runs later on that
 * processor's worker at DISPATCH_LEVEL. FALSE when it was already queued
 * (nothing changes: the arguments of the first insert stay). Any IRQL.
 */
BOOLEAN NTAPI
KeInsertQueueDpc(PRKDPC Dpc, PVOID SystemArgument1, PVOID SystemArgument2)
{
    struct dpc_cpu *cpu;
    ULONG target;
    check_dpc(Dpc, "KeInsertQueueDpc");
    undis__once_run(&g_dpc.once, start_workers);
    target = Dpc->Number != 0 ? (ULONG)Dpc->Number - 1 : undis__rt_processor();
    undis__mutex_lock(&g_dpc.lock);
    if (Dpc->DpcData != NULL) {
        undis__mutex_unlock(&g_dpc.lock);
        return FALSE;
    }
    cpu = &g_dpc.cpu[target % g_dpc.count];
    Dpc->SystemArgument1 = SystemArgument1;
    Dpc->SystemArgument2 = SystemArgument2;
    Dpc->DpcData = cpu;
    if (cpu->head == NULL) {
        cpu->head = cpu->tail = Dpc;
    } else if (Dpc->Importance == HighImportance) {
        Dpc->DpcListEntry.Next = (PSINGLE_LIST_ENTRY)(void *)cpu->head;
        cpu->head = Dpc;
    } else {
        cpu->tail->DpcListEntry.Next =
            (PSINGLE_LIST_ENTRY)(void *)Dpc; /* a PKDPC, as the worker reads it */
        cpu->tail = Dpc;
    }
    cpu->queued++;
    undis__cond_broadcast(&cpu->wake);
    undis__mutex_unlock(&g_dpc.lock);
    return TRUE;
}

/* Lock held: unlink dpc from cpu's queue. */
static void
unlink_dpc(struct dpc_cpu *cpu, PKDPC dpc)
{
    PKDPC prev = NULL;
    PKDPC p = cpu->head;
    while (p != NULL && p != dpc) {
        prev = p;
        p = (PKDPC)(void *)p->DpcListEntry.Next;
    }
    if (p == NULL) {
        return;
    }
    if (prev == NULL) {
        cpu->head = (PKDPC)(void *)dpc->DpcListEntry.Next;
    } else {
        prev->DpcListEntry.Next = dpc->DpcListEntry.Next;
    }
    if (cpu->tail == dpc) {
        cpu->tail = prev;
    }
    dpc->DpcListEntry.Next = NULL;
}

/*
 * Pre: an initialised KDPC. Post: TRUE when it was queued and is no longer
 * (its routine will not run for that insert); FALSE when it was not queued
 * (it may be running now: KeFlushQueuedDpcs waits for that). Any IRQL.
 */
BOOLEAN NTAPI
KeRemoveQueueDpc(PRKDPC Dpc)
{
    struct dpc_cpu *cpu;
    check_dpc(Dpc, "KeRemoveQueueDpc");
    undis__mutex_lock(&g_dpc.lock);
    cpu = (struct dpc_cpu *)Dpc->DpcData;
    if (cpu == NULL) {
        undis__mutex_unlock(&g_dpc.lock);
        return FALSE;
    }
    unlink_dpc(cpu, Dpc);
    Dpc->DpcData = NULL;
    cpu->done++;
    undis__cond_broadcast(&g_dpc.idle);
    undis__mutex_unlock(&g_dpc.lock);
    return TRUE;
}

/*
 * Pre: PASSIVE_LEVEL (checked: IRQL_NOT_LESS_OR_EQUAL). Post: every DPC
 * queued on any processor before the call has run (or was removed). DPCs
 * queued meanwhile may still be queued. No failure.
 */
VOID NTAPI
KeFlushQueuedDpcs(VOID)
{
    uint64_t target[DPC_CPUS_MAX];
    ULONG i;
    if (undis__rt_irql() != PASSIVE_LEVEL) {
        undis__rt_bugcheck(IRQL_NOT_LESS_OR_EQUAL, (ULONG_PTR)undis__rt_irql(),
                           "KeFlushQueuedDpcs called above PASSIVE_LEVEL");
    }
    undis__mutex_lock(&g_dpc.lock);
    for (i = 0; i < g_dpc.count; i++) {
        target[i] = g_dpc.cpu[i].queued;
    }
    for (i = 0; i < g_dpc.count; i++) {
        while (g_dpc.cpu[i].done < target[i]) {
            undis__cond_wait(&g_dpc.idle, &g_dpc.lock, UINT64_MAX);
        }
    }
    undis__mutex_unlock(&g_dpc.lock);
}

/* Post: a later insert goes to the head (HighImportance) or the tail of the
 * queue. The other levels are kept but change nothing. Any IRQL. */
VOID NTAPI
KeSetImportanceDpc(PRKDPC Dpc, KDPC_IMPORTANCE Importance)
{
    Dpc->Importance = (UCHAR)Importance;
}

/* Post: later inserts go to processor Number (modulo the processors of the
 * model). Pre: the DPC is not queued. Any IRQL. */
VOID NTAPI
KeSetTargetProcessorDpc(PRKDPC Dpc, CCHAR Number)
{
    Dpc->Number = (USHORT)((UCHAR)Number + 1U); /* 0: the inserting processor */
}

/* As KeSetTargetProcessorDpc. Failure: STATUS_INVALID_PARAMETER (nothing
 * changes) for a group other than 0 or a processor the model lacks. */
NTSTATUS NTAPI
KeSetTargetProcessorDpcEx(PKDPC Dpc, PPROCESSOR_NUMBER ProcNumber)
{
    if (ProcNumber == NULL || ProcNumber->Group != 0 ||
        ProcNumber->Number >= undis__rt_processor_count()) {
        return STATUS_INVALID_PARAMETER;
    }
    KeSetTargetProcessorDpc(Dpc, (CCHAR)ProcNumber->Number);
    return STATUS_SUCCESS;
}

/* ---- for the other services ------------------------------------------------ */

BOOLEAN
undis__rt_dpc_running(const KDPC *dpc)
{
    BOOLEAN running = FALSE;
    ULONG i;
    undis__mutex_lock(&g_dpc.lock);
    for (i = 0; i < g_dpc.count; i++) {
        running = (BOOLEAN)(running || g_dpc.cpu[i].running == dpc);
    }
    undis__mutex_unlock(&g_dpc.lock);
    return running;
}

/* Lock held. */
static BOOLEAN
busy(const KDPC *dpc)
{
    ULONG i;
    if (dpc->DpcData != NULL) {
        return TRUE;
    }
    for (i = 0; i < g_dpc.count; i++) {
        if (g_dpc.cpu[i].running == dpc) {
            return TRUE;
        }
    }
    return FALSE;
}

void
undis__rt_dpc_wait_idle(PKDPC dpc)
{
    undis__mutex_lock(&g_dpc.lock);
    while (busy(dpc)) {
        undis__cond_wait(&g_dpc.idle, &g_dpc.lock, UINT64_MAX);
    }
    undis__mutex_unlock(&g_dpc.lock);
}

ULONG
undis__rt_dpc_each_queued(void (*fn)(void *context, PKDPC dpc), void *context)
{
    ULONG count = 0;
    ULONG i;
    undis__mutex_lock(&g_dpc.lock);
    for (i = 0; i < g_dpc.count; i++) {
        PKDPC p;
        for (p = g_dpc.cpu[i].head; p != NULL; p = (PKDPC)(void *)p->DpcListEntry.Next) {
            fn(context, p);
            count++;
        }
    }
    undis__mutex_unlock(&g_dpc.lock);
    return count;
}
