/* SPDX-License-Identifier: MIT */
/*
 * host_fuzz.c: a scenario (<undis/fuzz.h>) played on a hosted driver: the
 * steps decoded by host_fuzz_decode.c turned into calls of a role's table,
 * the injected faults cleared at the end, and the module's allocations
 * checked to be all given back once it is detached.
 */
#include "host/host_fuzz.h"
#include "host/host_internal.h"

#include <stdio.h>
#include <string.h>

#include <undis/fault.h>

#define FUZZ_UNKNOWN_OID 0xff00ff01u

static NDIS_STATUS
filter_oid(undis_host *host,
           NDIS_REQUEST_TYPE type,
           NDIS_OID oid,
           PVOID buffer,
           ULONG length,
           ULONG *bytes)
{
    return undis_host_oid(host, type, oid, buffer, length, bytes);
}

const undis_fuzz_role undis_fuzz_role_filter = {
    "filter",
    undis_host_attach,
    undis_host_detach,
    undis_host_pause,
    undis_host_restart,
    undis_host_send_batch,
    undis_host_receive_batch,
    filter_oid,
    undis_host_indicate_link,
    undis_host_get_state,
};

const undis_fuzz_role *
undis_fuzz_role_find(const char *name)
{
    static const undis_fuzz_role *const roles[] = { &undis_fuzz_role_filter };
    for (size_t i = 0; name != NULL && i < sizeof(roles) / sizeof(roles[0]); i++) {
        if (strcmp(roles[i]->name, name) == 0) {
            return roles[i];
        }
    }
    return NULL;
}

struct fuzz_run {
    undis_host *host;
    const undis_fuzz_role *role;
    FILE *trace;
    ULONG timeout_ms;
    ULONG step;
    BOOLEAN guard;
};

static void
trace(struct fuzz_run *run, const char *what)
{
    if (run->trace != NULL) {
        fprintf(run->trace, "  step %2lu: %s", (unsigned long)run->step, what);
    }
}

static void
step_batch(struct fuzz_run *run, struct fuzz_in *in, BOOLEAN receive)
{
    struct fuzz_batch b;
    KIRQL old = PASSIVE_LEVEL;
    NDIS_STATUS status;
    if (!undis__fuzz_batch_read(in, &b, receive)) {
        return;
    }
    if (run->guard) {
        b.batch.flags |= UNDIS_HOST_BATCH_GUARD;
    }
    trace(run, receive ? "receive " : "send ");
    if (run->trace != NULL) {
        undis__fuzz_batch_print(run->trace, &b);
    }
    if (run->role->state(run->host) == UNDIS_HOST_RUNNING) {
        if (b.dispatch) {
            KeRaiseIrql(DISPATCH_LEVEL, &old);
        }
        status = receive ? run->role->receive(run->host, &b.batch)
                         : run->role->send(run->host, &b.batch);
        if (b.dispatch) {
            KeLowerIrql(old);
        }
        if (run->trace != NULL && status != NDIS_STATUS_SUCCESS) {
            fprintf(run->trace, "           -> 0x%08lx\n", (unsigned long)status);
        }
    }
    undis__fuzz_batch_free(&b);
}

/* One OID of undis's protocol: which, set or query, buffer size. */
static void
step_oid(struct fuzz_run *run, struct fuzz_in *in)
{
    static const NDIS_OID oids[8] = {
        OID_GEN_CURRENT_PACKET_FILTER,
        OID_GEN_CURRENT_PACKET_FILTER,
        OID_802_3_CURRENT_ADDRESS,
        OID_802_3_PERMANENT_ADDRESS,
        OID_GEN_MAXIMUM_FRAME_SIZE,
        OID_GEN_LINK_STATE,
        OID_GEN_STATISTICS,
        FUZZ_UNKNOWN_OID,
    };
    uint32_t sel = undis__fuzz_u8(in);
    NDIS_OID oid = oids[sel & 7u];
    NDIS_REQUEST_TYPE type =
        (sel & 7u) == 0 ? NdisRequestSetInformation : NdisRequestQueryInformation;
    UCHAR buffer[sizeof(NDIS_STATISTICS_INFO) + 16];
    ULONG length = (sel & 8u) != 0 ? undis__fuzz_u8(in) % 8u : (ULONG)sizeof(buffer);
    ULONG value = (ULONG)undis__fuzz_u16(in);
    char line[96];
    memset(buffer, 0, sizeof(buffer));
    memcpy(buffer, &value, sizeof(value));
    snprintf(line, sizeof(line), "oid %s 0x%08lx, %lu-byte buffer\n",
             type == NdisRequestSetInformation ? "set" : "query", (unsigned long)oid,
             (unsigned long)length);
    trace(run, line);
    if (run->role->state(run->host) != UNDIS_HOST_DETACHED) {
        (void)run->role->oid(run->host, type, oid, buffer, length, NULL);
    }
}

/* Pause; while paused maybe an OID and a link change; restart. */
static void
step_pause(struct fuzz_run *run, struct fuzz_in *in)
{
    uint32_t what = undis__fuzz_u8(in);
    trace(run, "pause, restart\n");
    if (run->role->state(run->host) != UNDIS_HOST_RUNNING) {
        return;
    }
    if (run->role->pause(run->host, run->timeout_ms) != NDIS_STATUS_SUCCESS) {
        return; /* reported by the host; the module stays pausing */
    }
    if ((what & 1u) != 0) {
        step_oid(run, in);
    }
    if ((what & 2u) != 0) {
        run->role->link(run->host, (what & 4u) != 0);
    }
    (void)run->role->restart(run->host);
}

static void
step_fail(struct fuzz_run *run, struct fuzz_in *in)
{
    uint32_t n = undis__fuzz_u8(in);
    char line[64];
    snprintf(line, sizeof(line), "fail the %luth %s from now\n", (unsigned long)(1u + (n & 31u)),
             (n & 0x80u) != 0 ? "mapping" : "allocation");
    trace(run, line);
    if ((n & 0x80u) != 0) {
        undis_fault_map_fail_nth(1u + (n & 31u));
    } else {
        undis_fault_alloc_fail_nth(1u + (n & 31u));
    }
}

static void
step(struct fuzz_run *run, struct fuzz_in *in)
{
    enum fuzz_op op = undis__fuzz_op_of(undis__fuzz_u8(in));
    if (op == FUZZ_OP_RECEIVE || op == FUZZ_OP_SEND) {
        step_batch(run, in, op == FUZZ_OP_RECEIVE);
    } else if (op == FUZZ_OP_PAUSE) {
        step_pause(run, in);
    } else if (op == FUZZ_OP_OID) {
        step_oid(run, in);
    } else if (op == FUZZ_OP_LINK) {
        BOOLEAN up = (undis__fuzz_u8(in) & 1u) != 0;
        trace(run, up ? "link up\n" : "link down\n");
        if (run->role->state(run->host) != UNDIS_HOST_DETACHED) {
            run->role->link(run->host, up);
        }
    } else if (op == FUZZ_OP_REATTACH) {
        trace(run, "detach, attach\n");
        run->role->detach(run->host);
        (void)run->role->attach(run->host);
    } else {
        step_fail(run, in);
    }
}

int
undis_fuzz_run(undis_host *host,
               const undis_fuzz_options *options,
               const uint8_t *data,
               size_t size)
{
    struct fuzz_run run;
    struct fuzz_in in;
    unsigned long long before;
    unsigned long long after;
    /* The host's frames pool (host_frames.c) is made at its first attach and
     * lives until undis_host_destroy: the host's, not the module's, so it is
     * made before the count. Without it the attach below fails (counted as
     * the run's outcome, as any failed attach). */
    (void)undis__host_frames_init(host);
    before = undis_alloc_outstanding();
    memset(&run, 0, sizeof(run));
    run.host = host;
    run.role = options != NULL && options->role != NULL ? options->role : &undis_fuzz_role_filter;
    run.trace = options != NULL ? options->trace : NULL;
    run.guard = options != NULL && options->guard_pages != 0;
    run.timeout_ms =
        options != NULL && options->pause_timeout_ms != 0 ? options->pause_timeout_ms : 200;
    in.p = data;
    in.n = data != NULL ? size : 0;
    trace(&run, "attach\n");
    (void)run.role->attach(host);
    for (run.step = 1; run.step <= FUZZ_MAX_STEPS && in.n != 0; run.step++) {
        step(&run, &in);
    }
    trace(&run, "detach\n");
    run.role->detach(host);
    undis_fault_clear();
    after = undis_alloc_outstanding();
    if (after > before) {
        fprintf(stderr,
                "undis fuzz: the module of %s left %llu object(s) allocated after its "
                "detach (memory, MDLs, NBLs, NBs or pools' objects)\n",
                undis_host_driver_name(host), after - before);
        return UNDIS_FUZZ_LEAK;
    }
    return UNDIS_FUZZ_CLEAN;
}

int
undis_fuzz_one(undis_host *host, const uint8_t *data, size_t size)
{
    return undis_fuzz_run(host, NULL, data, size);
}
