/* SPDX-License-Identifier: MIT */
/*
 * host_restart.c: NdisFRestartFilter. A filter module asks the host to pause
 * and restart its stack (after it changed its settings, or to change its
 * data handlers in FilterSetModuleOptions). As NDIS, the host only starts
 * the work: the call records the request and returns; the host's restart
 * worker (one thread per host, made at the first request, stopped at
 * undis_host_destroy) then takes the life lock (host->life_lock, the lock
 * the life calls of host_life.c hold), pauses the stack top-down, calls
 * FilterSetModuleOptions of each module that asked, and restarts the stack
 * bottom-up. A request never waits for the life lock: it may come from
 * inside a handler the life lock's holder called (FilterPause, FilterRestart,
 * a send at DISPATCH_LEVEL), and the worker serves it once that holder is
 * done. Requests that come while one waits are served by the same pause
 * and restart.
 */
#include "host/host_internal.h"

#include <stdio.h>

#define HOST_RESTART_PAUSE_MS 1000u

void
undis__host_module_options(struct undis_host *host)
{
    for (int pos = 1; pos <= host->nmodules; pos++) {
        struct host_module *m = &host->modules[pos - 1];
        if (undis__atomic_exchange_int(&m->restart_requested, 0) == 0 ||
            m->chars->SetFilterModuleOptionsHandler == NULL) {
            continue;
        }
        NDIS_STATUS status = m->chars->SetFilterModuleOptionsHandler(m->context);
        if (status != NDIS_STATUS_SUCCESS) {
            fprintf(stderr, "undis host: %s: FilterSetModuleOptions failed (0x%08lx)\n",
                    m->friendly, (unsigned long)status);
        }
    }
}

/* One pause and restart of a running stack, under the life lock (the
 * restart calls FilterSetModuleOptions of the modules that asked). A stack
 * that is not running is left as it is: a paused stack's next restart
 * serves the request, a detached one has nothing to restart. */
static void
serve(struct undis_host *host)
{
    undis__mutex_lock(&host->life_lock);
    if (undis__atomic_load_acquire_int(&host->state) == UNDIS_HOST_RUNNING) {
        if (undis__host_stack_pause(host, HOST_RESTART_PAUSE_MS) != NDIS_STATUS_SUCCESS) {
            fprintf(stderr, "undis host: the pause NdisFRestartFilter asked for did not "
                            "complete; the stack stays pausing\n");
        } else {
            if (undis__host_stack_restart(host) != NDIS_STATUS_SUCCESS) {
                fprintf(stderr, "undis host: the restart NdisFRestartFilter asked for "
                                "failed; the stack stays paused\n");
            }
            undis__host_count(&host->filter_restarts, 1);
        }
    }
    undis__mutex_unlock(&host->life_lock);
}

static void
worker_main(void *arg)
{
    struct undis_host *host = (struct undis_host *)arg;
    undis__mutex_lock(&host->restart_lock);
    for (;;) {
        while (!host->restart_pending && !host->restart_stop) {
            undis__cond_wait(&host->restart_cond, &host->restart_lock, UINT64_MAX);
        }
        if (!host->restart_pending) {
            break; /* stopping, nothing left to serve */
        }
        host->restart_pending = 0;
        undis__mutex_unlock(&host->restart_lock);
        serve(host);
        undis__mutex_lock(&host->restart_lock);
        if (!host->restart_pending) {
            host->restart_served = 1;
            undis__cond_broadcast(&host->restart_cond);
        }
    }
    host->restart_served = 1;
    undis__cond_broadcast(&host->restart_cond);
    undis__mutex_unlock(&host->restart_lock);
}

void
undis__host_restart_init(struct undis_host *host)
{
    undis__mutex_init(&host->life_lock);
    undis__mutex_init(&host->restart_lock);
    undis__cond_init(&host->restart_cond);
    host->restart_served = 1;
}

void
undis__host_restart_fini(struct undis_host *host)
{
    undis__thread *worker;
    undis__mutex_lock(&host->restart_lock);
    host->restart_stop = 1;
    worker = host->restart_worker;
    host->restart_worker = NULL;
    undis__cond_broadcast(&host->restart_cond);
    undis__mutex_unlock(&host->restart_lock);
    if (worker != NULL) {
        undis__thread_join(worker);
    }
}

NDIS_STATUS
undis_host_wait_filter_restarts(undis_host *host, ULONG timeout_ms)
{
    uint64_t end = undis__clock_monotonic_ns() + (uint64_t)timeout_ms * 1000000u;
    BOOLEAN served;
    if (host == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    undis__mutex_lock(&host->restart_lock);
    while (!host->restart_served && undis__clock_monotonic_ns() < end) {
        undis__cond_wait(&host->restart_cond, &host->restart_lock, 1000000u);
    }
    served = host->restart_served != 0;
    undis__mutex_unlock(&host->restart_lock);
    return served ? NDIS_STATUS_SUCCESS : NDIS_STATUS_FAILURE;
}

/* Queue a request; NDIS_STATUS_RESOURCES when the worker cannot be made. */
static NDIS_STATUS
queue_request(struct undis_host *host)
{
    NDIS_STATUS status = NDIS_STATUS_SUCCESS;
    undis__mutex_lock(&host->restart_lock);
    if (host->restart_worker == NULL && !host->restart_stop &&
        !undis__thread_spawn(&host->restart_worker, worker_main, host)) {
        host->restart_worker = NULL;
        status = NDIS_STATUS_RESOURCES;
    } else if (host->restart_stop) {
        status = NDIS_STATUS_FAILURE;
    } else {
        host->restart_pending = 1;
        host->restart_served = 0;
        undis__cond_broadcast(&host->restart_cond);
    }
    undis__mutex_unlock(&host->restart_lock);
    return status;
}

NDIS_STATUS
NdisFRestartFilter(NDIS_HANDLE NdisFilterHandle)
{
    struct host_module *m = undis__host_module_of(NdisFilterHandle, __func__);
    struct undis_host *host;
    int state;
    NDIS_STATUS status;
    if (m == NULL) {
        return NDIS_STATUS_FAILURE;
    }
    host = m->handle.host;
    state = undis__atomic_load_acquire_int(&m->state);
    if (state == UNDIS_HOST_DETACHED || state == UNDIS_HOST_ATTACHING ||
        undis__atomic_load_acquire_int(&host->detaching) != 0) {
        fprintf(stderr,
                "undis host: %s: NdisFRestartFilter while the module is %s: nothing to "
                "restart\n",
                m->friendly,
                undis__atomic_load_acquire_int(&host->detaching) ? "detaching"
                : state == UNDIS_HOST_ATTACHING                  ? "attaching"
                                                                 : "detached");
        return NDIS_STATUS_FAILURE;
    }
    undis__atomic_store_release_int(&m->restart_requested, 1);
    status = queue_request(host);
    if (status == NDIS_STATUS_SUCCESS) {
        undis__host_count(&m->driver->counts.restart_requests, 1);
    }
    return status;
}
