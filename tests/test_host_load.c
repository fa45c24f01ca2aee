/* SPDX-License-Identifier: MIT */
/*
 * test_host_load.c: the life under load. Two pass-through filters stacked
 * over undis's miniport; sender threads and receiver threads (each its own
 * processor, at DISPATCH_LEVEL) push batches of frames while the life
 * thread issues OIDs, changes the link, pauses and restarts the stack and
 * finally detaches it. NDIS's hand-off rules must hold throughout: no
 * report, every NBL back with its owner, every pause complete.
 */
#include "test.h"

#include <pthread.h>
#include <string.h>

#include <undis/host.h>
#include <undis/report.h>

DRIVER_INITIALIZE DriverEntry;         /* passthru_filter.c */
DRIVER_INITIALIZE SecondPassthruEntry; /* passthru_filter.c, a second copy */

#define LOAD_SENDERS   2
#define LOAD_RECEIVERS 2
#define LOAD_BATCH     16
#define LOAD_CYCLES    40

static struct {
    undis_host *host;
    volatile int stop;
    volatile int reports;
    char first[512];
} g;

static undis_report_action
hook(const undis_report *r, void *context)
{
    (void)context;
    if (__atomic_fetch_add(&g.reports, 1, __ATOMIC_RELAXED) == 0) {
        (void)snprintf(g.first, sizeof(g.first), "%s in %s: %s", r->rule_name,
                       r->function != NULL ? r->function : "?",
                       r->message != NULL ? r->message : "");
    }
    return UNDIS_REPORT_CONTINUE;
}

struct worker {
    BOOLEAN receive;
    volatile unsigned long long batches;
    unsigned long long refused;
    NDIS_STATUS last;
};

static void *
work(void *arg)
{
    struct worker *w = (struct worker *)arg;
    UCHAR frame[64];
    const UCHAR *frames[LOAD_BATCH];
    ULONG lengths[LOAD_BATCH];
    KIRQL old;
    memset(frame, 0xab, sizeof(frame));
    for (int i = 0; i < LOAD_BATCH; i++) {
        frames[i] = frame;
        lengths[i] = sizeof(frame);
    }
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    while (!__atomic_load_n(&g.stop, __ATOMIC_ACQUIRE)) {
        NDIS_STATUS s = w->receive
                            ? undis_host_receive_frames(g.host, frames, lengths, LOAD_BATCH, 0)
                            : undis_host_send_frames(g.host, frames, lengths, LOAD_BATCH);
        if (s == NDIS_STATUS_SUCCESS) {
            __atomic_store_n(&w->batches, w->batches + 1, __ATOMIC_RELEASE);
        } else {
            w->refused++; /* paused, or the pool is out for a moment */
            w->last = s;
        }
    }
    KeLowerIrql(old);
    return NULL;
}

/* One round of what a life thread does while traffic flows. */
static void
life_events(int cycle)
{
    ULONG filter = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_BROADCAST;
    NDIS_STATISTICS_INFO stats;
    ULONG bytes = 0;
    CHECK_EQ_INT((int)undis_host_oid(g.host, NdisRequestSetInformation,
                                     OID_GEN_CURRENT_PACKET_FILTER, &filter, sizeof(filter), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_oid(g.host, NdisRequestQueryInformation, OID_GEN_STATISTICS,
                                     &stats, sizeof(stats), &bytes),
                 (int)NDIS_STATUS_SUCCESS);
    undis_host_indicate_link(g.host, (cycle & 1) != 0);
    CHECK_EQ_INT((int)undis_host_pause(g.host, 2000), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_get_state(g.host), (int)UNDIS_HOST_PAUSED);
    CHECK_EQ_INT((int)undis_host_restart(g.host), (int)NDIS_STATUS_SUCCESS);
}

/* Waits (up to a few seconds) until every worker has got a few more
 * batches through since seen[]: the events land in the middle of traffic. */
static void
wait_for_traffic(struct worker *workers, unsigned long long *seen)
{
    for (int spins = 0; spins < 20000; spins++) {
        int moving = 0;
        for (int i = 0; i < LOAD_SENDERS + LOAD_RECEIVERS; i++) {
            moving += __atomic_load_n(&workers[i].batches, __ATOMIC_ACQUIRE) >= seen[i] + 4;
        }
        if (moving == LOAD_SENDERS + LOAD_RECEIVERS) {
            break;
        }
        NdisMSleep(200);
    }
    for (int i = 0; i < LOAD_SENDERS + LOAD_RECEIVERS; i++) {
        seen[i] = __atomic_load_n(&workers[i].batches, __ATOMIC_ACQUIRE);
    }
}

TEST(host_life_events_while_traffic_flows_on_several_processors)
{
    pthread_t threads[LOAD_SENDERS + LOAD_RECEIVERS];
    struct worker workers[LOAD_SENDERS + LOAD_RECEIVERS];
    unsigned long long seen[LOAD_SENDERS + LOAD_RECEIVERS] = { 0 };
    undis_host_stats s;
    unsigned long long batches = 0;
    memset(&g, 0, sizeof(g));
    memset(workers, 0, sizeof(workers));
    undis_report_set_hook(hook, NULL);
    CHECK_EQ_INT((int)undis_host_create(&g.host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(g.host, DriverEntry, "upper"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(g.host, SecondPassthruEntry, "lower"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_attach(g.host), (int)NDIS_STATUS_SUCCESS);
    for (int i = 0; i < LOAD_SENDERS + LOAD_RECEIVERS; i++) {
        workers[i].receive = i >= LOAD_SENDERS;
        CHECK_EQ_INT(pthread_create(&threads[i], NULL, work, &workers[i]), 0);
    }
    for (int cycle = 0; cycle < LOAD_CYCLES; cycle++) {
        wait_for_traffic(workers, seen);
        life_events(cycle);
    }
    wait_for_traffic(workers, seen);
    undis_host_detach(g.host); /* pauses a running stack first, traffic still flowing */
    __atomic_store_n(&g.stop, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < LOAD_SENDERS + LOAD_RECEIVERS; i++) {
        CHECK_EQ_INT(pthread_join(threads[i], NULL), 0);
        batches += workers[i].batches;
        fprintf(stderr, "%s %d: %llu batches, %llu refused (last 0x%08lx)\n",
                workers[i].receive ? "receiver" : "sender", i, workers[i].batches,
                workers[i].refused, (unsigned long)workers[i].last);
    }
    CHECK(batches > 0);
    undis_host_get_stats(g.host, &s);
    CHECK(s.send_nbls > 0);
    CHECK(s.recv_nbls > 0);
    CHECK_EQ_INT((int)(s.send_nbls - s.send_completed), 0);
    CHECK_EQ_INT((int)(s.recv_nbls - s.recv_returned), 0);
    if (g.reports != 0) {
        fprintf(stderr, "first report: %s\n", g.first);
    }
    CHECK_EQ_INT(g.reports, 0);
    undis_host_destroy(g.host);
    undis_report_set_hook(NULL, NULL);
}

TEST_MAIN_BEGIN
TEST_CASE(host_life_events_while_traffic_flows_on_several_processors)
TEST_MAIN_END
