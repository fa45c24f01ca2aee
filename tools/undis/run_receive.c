/* SPDX-License-Identifier: MIT */
/*
 * run_receive.c: `undis run --direction receive`: each batch is indicated
 * up the stack instead of down it. The chain enters the bottom stage (the
 * last --stage) that has receive handlers; each stage indicates what it
 * passes on to the next one above with receive handlers (the others are
 * bypassed, as NDIS bypasses a filter without them); what leaves the top is
 * undis's protocol's: written to the output and returned at once. Returns
 * travel down: into the topmost stage with handlers first, each stage's
 * Host->ReturnNetBufferLists going to the next one below, the bottom's back
 * to undis, where each frame must be as it was indicated (run.c). As on the
 * send path, the host never calls back into a stage from inside a host
 * call: returns wait in a queue per stage and are delivered after the
 * indication, top first.
 */
#include "run.h"

/* The first stage at or above `level` (smaller index) with receive
 * handlers; -1 when none: the protocol. */
static int
next_up(const struct run *r, int level)
{
    for (int i = level; i >= 0; i--) {
        if (stage_has_receive(&r->stage[i])) {
            return i;
        }
    }
    return -1;
}

/* The first stage below `level` (larger index) with receive handlers;
 * r->nstages when none: undis's miniport. */
static int
next_down(const struct run *r, int level)
{
    for (int i = level + 1; i < r->nstages; i++) {
        if (stage_has_receive(&r->stage[i])) {
            return i;
        }
    }
    return r->nstages;
}

static void
rx_enqueue(struct run *r, int level, PNET_BUFFER_LIST nbls)
{
    PNET_BUFFER_LIST last = nbls;
    while (last->Next != NULL) {
        last = last->Next;
    }
    if (r->rx_pending[level] == NULL) {
        r->rx_pending[level] = nbls;
    } else {
        r->rx_pending_tail[level]->Next = nbls;
    }
    r->rx_pending_tail[level] = last;
}

static void
call_receive(struct run *r, int level, PNET_BUFFER_LIST nbls)
{
    int prev = r->clock_stage;
    run_clock_switch(r, level);
    stage_receive(&r->stage[level])->ReceiveNetBufferLists(r->stage[level].ctx, nbls);
    run_clock_switch(r, prev);
}

static void
call_return(struct run *r, int level, PNET_BUFFER_LIST nbls)
{
    int prev = r->clock_stage;
    run_clock_switch(r, level);
    stage_receive(&r->stage[level])->ReturnNetBufferLists(r->stage[level].ctx, nbls);
    run_clock_switch(r, prev);
}

/* A chain goes up from just above `from` (r->nstages: from the miniport). */
static void
indicate_up(struct run *r, int from, PNET_BUFFER_LIST nbls)
{
    int level = next_up(r, from - 1);
    if (level >= 0) {
        call_receive(r, level, nbls);
        return;
    }
    /* undis's protocol: the frames out, then returned at once */
    run_check_nbls(r, nbls, r->nstages);
    run_write_out(r, nbls);
    rx_enqueue(r, next_down(r, -1), nbls);
}

VOID
run_host_indicate(NDIS_HANDLE handle, PNET_BUFFER_LIST nbls)
{
    struct tool_stage *st = (struct tool_stage *)handle;
    struct run *r = st->run;
    char where[300];
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = nbl->Next) {
        st->sent_on++;
    }
    if (r->o.trace != 0) {
        snprintf(where, sizeof(where), "after %s (receive)", st->spec);
        run_trace(r, nbls, where);
    }
    run_check_nbls(r, nbls, st->index);
    indicate_up(r, st->index, nbls);
}

VOID
run_host_return(NDIS_HANDLE handle, PNET_BUFFER_LIST nbls)
{
    struct tool_stage *st = (struct tool_stage *)handle;
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = nbl->Next) {
        st->completed++;
    }
    rx_enqueue(st->run, next_down(st->run, st->index), nbls);
}

/* Delivers the returns waiting, the topmost first, until none is left. */
static void
rx_drain(struct run *r)
{
    for (;;) {
        int level = -1;
        PNET_BUFFER_LIST nbls;
        for (int l = 0; l <= r->nstages; l++) {
            if (r->rx_pending[l] != NULL) {
                level = l;
                break;
            }
        }
        if (level < 0) {
            return;
        }
        nbls = r->rx_pending[level];
        r->rx_pending[level] = NULL;
        if (level == r->nstages) {
            run_tool_return(r, nbls);
        } else {
            call_return(r, level, nbls);
        }
    }
}

void
run_receive_batch(struct run *r, PNET_BUFFER_LIST nbls)
{
    indicate_up(r, r->nstages, nbls);
    rx_drain(r);
}
