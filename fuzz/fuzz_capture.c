/*
 * fuzz_capture.c - libFuzzer target: the capture reader of `undis run`,
 * the tool's own code (tools/undis/capfile.c and linktype.c).
 *
 * The input is a capture file, pcap or pcapng, read from memory with
 * cap_open_stream and cap_read as run_io.c's io_open_input / io_read read
 * --in: record after record, each record's interface's link type looked
 * up (a link type undis run does not take ends the read, as it ends the
 * run), the frame turned into the Ethernet frame a miniport indicates
 * (link_to_ethernet, into a buffer of exactly the room linktype.h asks
 * for) and, when the tool would indicate it, copied into a receive-pool NBL
 * as run.c does (a FRAME_MAX-byte buffer after the backfill, claimed by a
 * retreat, the frame copied in, DataLength set), reshaped onto a random MDL
 * geometry (undis_nb_reshape, as --reshape does), read back through
 * NdisGetDataBuffer and compared. Then the frame goes back into its own
 * link type (link_from_ethernet, as io_write does), again into a buffer of
 * exactly the room linktype.h asks for.
 *
 * Oracles: AddressSanitizer and UBSan on every read and write of the
 * reader and the conversions; the record's fields (interface named, length
 * within the block, comment terminated); a frame the tool indicated comes
 * back byte for byte as it was captured (less an 802.11 FCS, whose radiotap
 * flag is then cleared); the structure checker and the verifier at level 2
 * (reports abort) on the NBL; undis_alloc_outstanding() back to its start.
 */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#    define _DEFAULT_SOURCE /* fmemopen */
#endif

#include "capfile.h"
#include "linktype.h"
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>
#include <undis/reshape.h>
#include <undis/verifier.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ut_state_ ut_state_; /* no test case: a failed CHECK aborts */

#define FRAME_MAX   9216u /* the receive buffer of this target */
#define BACKFILL    64u
#define MAX_PACKETS 64u
#define ETH_HDR     14u

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

/* The frame in a receive NBL (run.c's packet_indicate). */
static NET_BUFFER_LIST *
frame_indicate(const uint8_t *bytes, uint32_t len)
{
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(g_pool, 0, 0);
    NET_BUFFER *nb;
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

/* Indicate, reshape, read back, compare, restore, free. */
static void
frame_check(const uint8_t *bytes, uint32_t len, unsigned long long seed)
{
    NET_BUFFER_LIST *nbl = frame_indicate(bytes, len);
    NET_BUFFER *nb = nbl->FirstNetBuffer;
    undis_reshape_saved saved;
    unsigned char *storage = (unsigned char *)malloc(len != 0 ? len : 1u);
    char why[160];
    CHECK_NOT_NULL(storage);
    CHECK_STATUS(undis_nb_reshape(nb, seed, NULL, &saved), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(undis_nb_check(nb, why, sizeof(why)), UNDIS_CHECK_OK);
    CHECK_EQ_U32(nb->DataLength, len);
    if (len != 0) {
        const unsigned char *got = (const unsigned char *)NdisGetDataBuffer(nb, len, storage, 1, 0);
        CHECK_NOT_NULL(got);
        CHECK_MEM_EQ(got, bytes, len);
    }
    undis_nb_reshape_restore(nb, &saved);
    NdisFreeNetBufferList(nbl);
    free(storage);
}

/* The frame back in its link type equals the captured one, less `trailer`
 * bytes at the end; with a trailer (an 802.11 FCS) one byte, radiotap's
 * Flags, may differ by the FCS bit. */
static void
check_round_trip(
    const uint8_t *in, uint32_t caplen, uint32_t trailer, const uint8_t *out, uint32_t n)
{
    unsigned differ = 0;
    CHECK(trailer <= caplen);
    CHECK_EQ_U32(n, caplen - trailer);
    for (uint32_t i = 0; i < n; i++) {
        if (in[i] != out[i]) {
            differ++;
            CHECK(trailer != 0 && (in[i] ^ out[i]) == 0x10u && (out[i] & 0x10u) == 0);
        }
    }
    CHECK(differ <= 1u);
}

/* One record as io_read and io_write take it. */
static void
record_convert(enum link_kind k, const struct cap_rec *rec, unsigned long long seed)
{
    uint8_t *eth = (uint8_t *)malloc((size_t)rec->caplen + ETH_HDR);
    uint8_t *out = NULL;
    struct link_saved saved;
    uint32_t len = 0, trailer = 0, out_len = 0;
    const char *why = NULL;
    enum link_skip skip;
    CHECK_NOT_NULL(eth);
    skip = link_to_ethernet(k, rec->data, rec->caplen, eth, &len, &trailer, &saved);
    CHECK((unsigned)skip < (unsigned)LINK_SKIP_COUNT);
    if (skip == LINK_OK) {
        CHECK(len <= rec->caplen + ETH_HDR);
        CHECK(saved.len <= LINK_PREFIX_MAX);
        if (len <= FRAME_MAX) { /* else "more than the receive buffers; skipped" */
            frame_check(eth, len, seed);
        }
        out = (uint8_t *)malloc((size_t)len + LINK_PREFIX_MAX);
        CHECK_NOT_NULL(out);
        if (link_from_ethernet(k, &saved, eth, len, out, &out_len, &why) != 0) {
            ut_fail_(__FILE__, __LINE__, "a frame taken in link type %d does not go back: %s",
                     (int)k, why != NULL ? why : "(no reason)");
        }
        check_round_trip(rec->data, rec->caplen, trailer, out, out_len);
    }
    free(out);
    free(eth);
}

/* Every record of the capture, as undis run reads them; returns how many. */
static unsigned
capture_each(struct cap_reader *r, unsigned long long seed)
{
    unsigned n = 0;
    struct cap_rec rec;
    while (n < MAX_PACKETS && cap_read(r, &rec) == 1) {
        enum link_kind k;
        n++;
        CHECK(rec.iface < r->nifaces);
        CHECK(rec.caplen <= CAP_MAX_CAPLEN);
        CHECK(rec.comment == NULL || strlen(rec.comment) < CAP_COMMENT_MAX);
        k = link_kind_of(r->iface[rec.iface].linktype);
        if (k == 0) {
            break; /* "link type N is not one undis run takes": the run ends */
        }
        record_convert(k, &rec, seed * 0x9E3779B97F4A7C15ULL + n);
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned long long before;
    unsigned long long seed = size;
    struct cap_reader r;
    FILE *f;
    setup_once();
    before = undis_alloc_outstanding();
    for (size_t i = 0; i < size && i < 64; i++) {
        seed = seed * 131u + data[i];
    }
    if (size == 0) {
        return 0;
    }
    f = fmemopen((void *)(uintptr_t)data, size, "rb");
    CHECK_NOT_NULL(f);
    if (cap_open_stream(&r, f) == 0) {
        (void)capture_each(&r, seed);
        cap_close(&r);
    } else {
        CHECK(r.error[0] != '\0');
    }
    fclose(f);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
    return 0;
}
