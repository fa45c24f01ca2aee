/*
 * fuzz_capture.c - libFuzzer target: the capture reader of `undis run`.
 *
 * The input is a capture file (pcap or pcapng: libpcap's
 * pcap_fopen_offline reads both, as pcap_open_offline does in
 * tools/undis/run.c). It is read the way `undis run` reads its --in file:
 * the link type must be Ethernet, then each packet (pcap_next_ex) is
 * copied into a receive-pool NBL as run.c's packet_indicate does (a
 * RUN_FRAME_MAX-byte buffer after the backfill, claimed by a retreat, the
 * frame copied in, DataLength set), reshaped onto a random MDL geometry
 * (undis_nb_reshape, as --reshape does), read back through
 * NdisGetDataBuffer and compared with the captured bytes, then restored
 * and freed.
 *
 * Kept apart from tools/undis on purpose (issue 11 reworks the tool): the
 * reader below mirrors run.c's open_input / packet_read / packet_indicate.
 * When the tool offers a read function of its own (a capture file in, one
 * frame at a time out), this target should call that instead, so that the
 * tool's own code is what is fuzzed (docs/fuzzing.md, "Targets").
 *
 * Oracles: AddressSanitizer on libpcap's output and our copies, the
 * structure checker, the verifier at level 2 (reports abort), the frame
 * bytes compared after the reshape, and undis_alloc_outstanding() back to
 * its start value.
 */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#    define _DEFAULT_SOURCE /* fmemopen */
#endif

#include "fuzz_input.h"
#include "test.h"

#include <ndis.h>
#include <pcap/pcap.h>
#include <undis/check.h>
#include <undis/fault.h>
#include <undis/reshape.h>
#include <undis/verifier.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ut_state_ ut_state_; /* no test case: a failed CHECK aborts */

#define FRAME_MAX   9216u /* RUN_FRAME_MAX of tools/undis/run.h */
#define BACKFILL    64u
#define MAX_PACKETS 64u

static NDIS_HANDLE g_pool;

static void
setup_once(void)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    if (g_pool != NULL) {
        return;
    }
    (void)undis_verifier_set_level(2);
    undis_verifier_set_report_fn(NULL, NULL);
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.fAllocateNetBuffer = TRUE;
    p.DataSize = BACKFILL + FRAME_MAX;
    g_pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK_NOT_NULL(g_pool);
}

/* Opens the capture held in memory; NULL when libpcap refuses it or its
 * link type is not Ethernet (undis run's two setup errors). */
static pcap_t *
capture_open(const uint8_t *data, size_t size)
{
    char err[PCAP_ERRBUF_SIZE];
    FILE *f;
    pcap_t *in;
    if (size == 0) {
        return NULL;
    }
    f = fmemopen((void *)(uintptr_t)data, size, "rb");
    if (f == NULL) {
        return NULL;
    }
    err[0] = '\0';
    in = pcap_fopen_offline(f, err); /* owns f from here, even on failure */
    if (in == NULL) {
        return NULL;
    }
    if (pcap_datalink(in) != DLT_EN10MB) {
        pcap_close(in);
        return NULL;
    }
    return in;
}

/* The frame in a receive NBL (packet_indicate), NULL when it is too large. */
static NET_BUFFER_LIST *
frame_indicate(const u_char *bytes, bpf_u_int32 len)
{
    NET_BUFFER_LIST *nbl;
    NET_BUFFER *nb;
    if (len > FRAME_MAX) {
        return NULL;
    }
    nbl = NdisAllocateNetBufferList(g_pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    nb = nbl->FirstNetBuffer;
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, FRAME_MAX, 0, NULL), NDIS_STATUS_SUCCESS);
    if (len != 0) {
        unsigned char *dst = (unsigned char *)NdisGetDataBuffer(nb, len, NULL, 1, 0);
        CHECK_NOT_NULL(dst);
        memcpy(dst, bytes, len);
    }
    nb->DataLength = len;
    return nbl;
}

/* Reshape the frame's NB, read it back, compare, restore. */
static void
frame_check(NET_BUFFER_LIST *nbl, const u_char *bytes, bpf_u_int32 len, unsigned long long seed)
{
    NET_BUFFER *nb = nbl->FirstNetBuffer;
    undis_reshape_saved saved;
    unsigned char *storage = (unsigned char *)malloc(len != 0 ? len : 1u);
    const unsigned char *got;
    char why[160];
    CHECK_NOT_NULL(storage);
    CHECK_STATUS(undis_nb_reshape(nb, seed, NULL, &saved), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(undis_nb_check(nb, why, sizeof(why)), UNDIS_CHECK_OK);
    CHECK_EQ_U32(nb->DataLength, len);
    if (len != 0) {
        got = (const unsigned char *)NdisGetDataBuffer(nb, len, storage, 1, 0);
        CHECK_NOT_NULL(got);
        CHECK_MEM_EQ(got, bytes, len);
    }
    undis_nb_reshape_restore(nb, &saved);
    free(storage);
}

/* Every packet of the capture, as undis run reads them; returns how many. */
static unsigned
capture_each(pcap_t *in, unsigned long long seed)
{
    unsigned n = 0;
    struct pcap_pkthdr *h;
    const u_char *data;
    while (n < MAX_PACKETS && pcap_next_ex(in, &h, &data) == 1) {
        NET_BUFFER_LIST *nbl;
        n++;
        nbl = frame_indicate(data, h->caplen);
        if (nbl == NULL) {
            continue; /* "more than the receive buffers; skipped" */
        }
        frame_check(nbl, data, h->caplen, seed * 0x9E3779B97F4A7C15ULL + n);
        NdisFreeNetBufferList(nbl);
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned long long before;
    unsigned long long seed = size;
    pcap_t *in;
    setup_once();
    before = undis_alloc_outstanding();
    for (size_t i = 0; i < size && i < 64; i++) {
        seed = seed * 131u + data[i];
    }
    in = capture_open(data, size);
    if (in != NULL) {
        (void)capture_each(in, seed);
        pcap_close(in);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
    return 0;
}
