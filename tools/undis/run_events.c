/* SPDX-License-Identifier: MIT */
/*
 * run_events.c: `undis run --driver ... --events SPEC`: the life events a
 * run drives mid-stream, at chosen frame numbers (run_driver.h). An event
 * at frame N happens once N frames have gone down the send path and up the
 * receive path (0: before the first); events at one frame happen in the
 * order given. While the module is paused the frames that come are refused
 * by the host (NDIS_STATUS_PAUSED) and counted as such in the report.
 */
#include "run_driver.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define EVENT_PAUSE_MS 2000u

static const char *const g_names[DRIVER_ACTIONS] = {
    "pause", "restart", "link-down", "link-up", "oid-stats", "oid-filter", "oid-address",
};

static int
action_of(const char *name, size_t len, enum driver_action *out)
{
    for (int i = 0; i < DRIVER_ACTIONS; i++) {
        if (strlen(g_names[i]) == len && strncmp(g_names[i], name, len) == 0) {
            *out = (enum driver_action)i;
            return 0;
        }
    }
    return -1;
}

static void
bad_token(const char *tok, size_t len, const char *why, char *err, size_t err_len)
{
    snprintf(err, err_len,
             "--events: bad event '%.*s' (%s; want FRAME:ACTION, FRAME a frame number, "
             "ACTION one of pause, restart, link-down, link-up, oid-stats, oid-filter, "
             "oid-address)",
             (int)(len > 60 ? 60 : len), tok, why);
}

/* Parses one token "N:ACTION" into e. */
static int
parse_one(const char *tok, size_t len, struct driver_event *e, char *err, size_t err_len)
{
    const char *colon = memchr(tok, ':', len);
    char num[24];
    char *end;
    unsigned long long n;
    if (len == 0) {
        bad_token(tok, len, "empty", err, err_len);
        return -1;
    }
    if (colon == NULL || colon == tok || (size_t)(colon - tok) >= sizeof(num)) {
        bad_token(tok, len, "no frame number before ':'", err, err_len);
        return -1;
    }
    memcpy(num, tok, (size_t)(colon - tok));
    num[colon - tok] = '\0';
    errno = 0;
    n = strtoull(num, &end, 10);
    if (*end != '\0' || num[0] == '-' || num[0] == '+' || errno != 0 || n > 0xFFFFFFFFull) {
        bad_token(tok, len, "the frame number is not a number from 0 to 4294967295", err, err_len);
        return -1;
    }
    if (action_of(colon + 1, len - (size_t)(colon + 1 - tok), &e->action) != 0) {
        bad_token(tok, len, "unknown action", err, err_len);
        return -1;
    }
    e->frame = (unsigned long)n;
    e->fired = 0;
    e->result[0] = '\0';
    return 0;
}

int
driver_events_parse(struct driver_events *ev, const char *spec, char *err, size_t err_len)
{
    const char *p = spec;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        struct driver_event e;
        int at;
        if (parse_one(p, len, &e, err, err_len) != 0) {
            return -1;
        }
        if (ev->count == DRIVER_EVENTS_MAX) {
            snprintf(err, err_len, "--events: more than %d events", DRIVER_EVENTS_MAX);
            return -1;
        }
        /* insert after every event at the same or an earlier frame */
        at = ev->count;
        while (at > 0 && ev->ev[at - 1].frame > e.frame) {
            ev->ev[at] = ev->ev[at - 1];
            at--;
        }
        ev->ev[at] = e;
        ev->count++;
        if (comma == NULL) {
            return 0;
        }
        p = comma + 1;
    }
}

static void
do_oid(struct driver_event *e, undis_host *host)
{
    NDIS_STATISTICS_INFO stats;
    UCHAR mac[6] = { 0 };
    ULONG filter =
        NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST | NDIS_PACKET_TYPE_BROADCAST;
    NDIS_STATUS s;
    if (e->action == DRIVER_OID_STATS) {
        memset(&stats, 0, sizeof(stats));
        s = undis_host_oid(host, NdisRequestQueryInformation, OID_GEN_STATISTICS, &stats,
                           sizeof(stats), NULL);
        snprintf(e->result, sizeof(e->result), "OID_GEN_STATISTICS 0x%08lx",
                 (unsigned long)(ULONG)s);
    } else if (e->action == DRIVER_OID_FILTER) {
        s = undis_host_oid(host, NdisRequestSetInformation, OID_GEN_CURRENT_PACKET_FILTER, &filter,
                           sizeof(filter), NULL);
        snprintf(e->result, sizeof(e->result), "OID_GEN_CURRENT_PACKET_FILTER set 0x%08lx",
                 (unsigned long)(ULONG)s);
    } else {
        s = undis_host_oid(host, NdisRequestQueryInformation, OID_802_3_CURRENT_ADDRESS, mac,
                           sizeof(mac), NULL);
        snprintf(e->result, sizeof(e->result),
                 "OID_802_3_CURRENT_ADDRESS %02x:%02x:%02x:%02x:%02x:%02x 0x%08lx", mac[0], mac[1],
                 mac[2], mac[3], mac[4], mac[5], (unsigned long)(ULONG)s);
    }
    /* an OID the stack refuses is an answer (its status is shown), not a failed event */
}

static void
fire(struct driver_events *ev, struct driver_event *e, undis_host *host)
{
    NDIS_STATUS s;
    e->fired = 1;
    switch (e->action) {
    case DRIVER_PAUSE:
        s = undis_host_pause(host, EVENT_PAUSE_MS);
        snprintf(e->result, sizeof(e->result), "%s",
                 s == NDIS_STATUS_SUCCESS ? "paused"
                 : s == NDIS_STATUS_INVALID_DEVICE_REQUEST
                     ? "not running: nothing to pause"
                     : "the pause did not complete (the NBLs still out are named above)");
        ev->failed |= s == NDIS_STATUS_FAILURE;
        break;
    case DRIVER_RESTART:
        s = undis_host_restart(host);
        snprintf(e->result, sizeof(e->result), "%s (0x%08lx)",
                 s == NDIS_STATUS_SUCCESS                  ? "running"
                 : s == NDIS_STATUS_INVALID_DEVICE_REQUEST ? "not paused: nothing to restart"
                                                           : "the restart failed",
                 (unsigned long)(ULONG)s);
        ev->failed |= s != NDIS_STATUS_SUCCESS && s != NDIS_STATUS_INVALID_DEVICE_REQUEST;
        break;
    case DRIVER_LINK_DOWN:
    case DRIVER_LINK_UP:
        undis_host_indicate_link(host, e->action == DRIVER_LINK_UP);
        snprintf(e->result, sizeof(e->result), "NDIS_STATUS_LINK_STATE %s indicated",
                 e->action == DRIVER_LINK_UP ? "connected" : "disconnected");
        break;
    default:
        do_oid(e, host);
        break;
    }
}

void
driver_events_at(struct driver_events *ev, undis_host *host, unsigned long frames)
{
    for (int i = 0; i < ev->count; i++) {
        struct driver_event *e = &ev->ev[i];
        if (!e->fired && e->frame == frames) {
            fire(ev, e, host);
        }
    }
}

void
driver_events_print(const struct driver_events *ev, FILE *out)
{
    if (ev->count == 0) {
        return;
    }
    fprintf(out, "  events:\n");
    for (int i = 0; i < ev->count; i++) {
        const struct driver_event *e = &ev->ev[i];
        fprintf(out, "    after frame %lu, %s: %s\n", e->frame, g_names[e->action],
                e->fired ? e->result : "not reached (the capture is shorter)");
    }
}
