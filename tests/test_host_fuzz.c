/*
 * test_host_fuzz.c - the host's batches (<undis/host_batch.h>: chains of
 * NBLs with several NBs on a chosen MDL geometry, RESOURCES, the restored
 * check, guarded buffers), the scenario decoder (<undis/fuzz.h>: steps,
 * trace, faults cleared, the leak check) on the example filter and on small
 * filters of this file, and fault injection by call site
 * (<undis/fault_site.h>).
 */
#include "test.h"

#include <undis/fault.h>
#include <undis/fault_site.h>
#include <undis/fuzz.h>
#include <undis/report.h>
#include <undis/verifier.h>

DRIVER_INITIALIZE DriverEntry; /* examples/drivers/passthru_filter.c */

#if defined(__GNUC__) || defined(__clang__)
#    define NOINLINE __attribute__((noinline))
#else
#    define NOINLINE
#endif

#define SEEN_MAX 8

/* What the filters of this file saw and do. */
static struct {
    int reports;
    undis_rule last;
    ULONG nbls, nbs[SEEN_MAX], mdls[SEEN_MAX], offset[SEEN_MAX], length[SEEN_MAX];
    ULONG mdl_bytes[SEEN_MAX];
    ULONG flags;
    int retreat_sends; /* send: retreat 4 and never advance */
    int leak_attach;   /* attach: allocate and forget */
    void *leaked;      /* what it forgot (freed by the test) */
    NDIS_HANDLE driver, filter;
} g;

static undis_report_action
hook(const undis_report *r, void *context)
{
    (void)context;
    g.reports++;
    g.last = r->rule;
    printf("report: %s: %s\n", r->rule_name, r->message);
    return UNDIS_REPORT_CONTINUE;
}

static void
see(PNET_BUFFER_LIST nbls)
{
    ULONG k = 0;
    g.nbls = 0;
    for (PNET_BUFFER_LIST l = nbls; l != NULL; l = NET_BUFFER_LIST_NEXT_NBL(l), g.nbls++) {
        for (PNET_BUFFER nb = NET_BUFFER_LIST_FIRST_NB(l); nb != NULL && k < SEEN_MAX;
             nb = NET_BUFFER_NEXT_NB(nb), k++) {
            g.nbs[g.nbls]++;
            g.offset[k] = NET_BUFFER_DATA_OFFSET(nb);
            g.length[k] = NET_BUFFER_DATA_LENGTH(nb);
            g.mdls[k] = 0;
            for (PMDL m = NET_BUFFER_FIRST_MDL(nb); m != NULL; m = m->Next) {
                if (k == 0 && g.mdls[k] < SEEN_MAX) {
                    g.mdl_bytes[g.mdls[k]] = MmGetMdlByteCount(m);
                }
                g.mdls[k]++;
            }
        }
    }
}

/* ---- a small filter that records what it is handed ----------------------- */

static NDIS_STATUS
probe_attach(NDIS_HANDLE handle, NDIS_HANDLE driver_context, PNDIS_FILTER_ATTACH_PARAMETERS p)
{
    NDIS_FILTER_ATTRIBUTES a;
    (void)driver_context;
    (void)p;
    memset(&a, 0, sizeof(a));
    a.Header.Type = NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES;
    a.Header.Revision = NDIS_FILTER_ATTRIBUTES_REVISION_1;
    a.Header.Size = NDIS_SIZEOF_FILTER_ATTRIBUTES_REVISION_1;
    g.filter = handle;
    if (g.leak_attach) {
        g.leaked = NdisAllocateMemoryWithTagPriority(handle, 32, 0x4c65616bu, NormalPoolPriority);
    }
    return NdisFSetAttributes(handle, &g, &a);
}

static VOID
probe_detach(NDIS_HANDLE context)
{
    (void)context;
}

static NDIS_STATUS
probe_restart(NDIS_HANDLE context, PNDIS_FILTER_RESTART_PARAMETERS p)
{
    (void)context;
    (void)p;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
probe_pause(NDIS_HANDLE context, PNDIS_FILTER_PAUSE_PARAMETERS p)
{
    (void)context;
    (void)p;
    return NDIS_STATUS_SUCCESS;
}

static VOID
probe_send(NDIS_HANDLE context, PNET_BUFFER_LIST nbls, NDIS_PORT_NUMBER port, ULONG flags)
{
    (void)context;
    see(nbls);
    if (g.retreat_sends) {
        (void)NdisRetreatNetBufferDataStart(NET_BUFFER_LIST_FIRST_NB(nbls), 4, 0, NULL);
    }
    NdisFSendNetBufferLists(g.filter, nbls, port, flags);
}

static VOID
probe_send_complete(NDIS_HANDLE context, PNET_BUFFER_LIST nbls, ULONG flags)
{
    (void)context;
    NdisFSendNetBufferListsComplete(g.filter, nbls, flags);
}

static VOID
probe_receive(
    NDIS_HANDLE context, PNET_BUFFER_LIST nbls, NDIS_PORT_NUMBER port, ULONG count, ULONG flags)
{
    (void)context;
    see(nbls);
    g.flags = flags;
    NdisFIndicateReceiveNetBufferLists(g.filter, nbls, port, count, flags);
}

static VOID
probe_return(NDIS_HANDLE context, PNET_BUFFER_LIST nbls, ULONG flags)
{
    (void)context;
    NdisFReturnNetBufferLists(g.filter, nbls, flags);
}

static VOID
probe_unload(PDRIVER_OBJECT driver)
{
    (void)driver;
    NdisFDeregisterFilterDriver(g.driver);
}

static NTSTATUS
probe_entry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    NDIS_FILTER_DRIVER_CHARACTERISTICS c;
    NDIS_STRING name = RTL_CONSTANT_STRING(L"probe filter");
    (void)path;
    memset(&c, 0, sizeof(c));
    c.Header.Type = NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS;
    c.Header.Revision = NDIS_FILTER_CHARACTERISTICS_REVISION_2;
    c.Header.Size = NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_2;
    c.MajorNdisVersion = 6;
    c.MinorNdisVersion = 30;
    c.FriendlyName = name;
    c.UniqueName = name;
    c.ServiceName = name;
    c.AttachHandler = probe_attach;
    c.DetachHandler = probe_detach;
    c.RestartHandler = probe_restart;
    c.PauseHandler = probe_pause;
    c.SendNetBufferListsHandler = probe_send;
    c.SendNetBufferListsCompleteHandler = probe_send_complete;
    c.ReceiveNetBufferListsHandler = probe_receive;
    c.ReturnNetBufferListsHandler = probe_return;
    driver->DriverUnload = probe_unload;
    return NdisFRegisterFilterDriver(driver, driver, &c, &g.driver);
}

static undis_host *
host_of(undis_host_driver_entry_fn *entry, int attach)
{
    undis_host *host = NULL;
    memset(&g, 0, sizeof(g));
    undis_report_set_hook(hook, NULL);
    CHECK_STATUS(undis_host_create(&host), NDIS_STATUS_SUCCESS);
    CHECK(NT_SUCCESS(undis_host_load(host, entry, "probe")));
    if (attach) {
        CHECK_STATUS(undis_host_attach(host), NDIS_STATUS_SUCCESS);
    }
    return host;
}

static void
host_done(undis_host *host)
{
    undis_host_destroy(host);
    undis_report_set_hook(NULL, NULL);
}

/* ---- batches ------------------------------------------------------------------ */

static UCHAR g_bytes[3][60];
static const ULONG g_split[3] = { 10, 0, 20 };
static const ULONG g_two_one[2] = { 2, 1 };

static undis_host_batch
three_frames(undis_host_frame *f, ULONG flags)
{
    undis_host_batch b;
    memset(f, 0, 3 * sizeof(*f));
    for (int i = 0; i < 3; i++) {
        memset(g_bytes[i], 0x30 + i, sizeof(g_bytes[i]));
        f[i].data = g_bytes[i];
        f[i].length = sizeof(g_bytes[i]);
    }
    f[0].mdl_bytes = g_split;
    f[0].mdl_count = 4; /* 10, 0, 20, and the last takes the other 30 */
    f[0].data_offset = 14;
    b.frames = f;
    b.frame_count = 3;
    b.nbs_per_nbl = g_two_one;
    b.nbl_count = 2;
    b.flags = flags;
    return b;
}

TEST(host_batch_receive_has_the_geometry_asked_for)
{
    undis_host *host = host_of(probe_entry, 1);
    undis_host_frame f[3];
    undis_host_batch b = three_frames(f, 0);
    undis_host_stats s;
    CHECK_STATUS(undis_host_receive_batch(host, &b), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(g.nbls, 2);
    CHECK_EQ_U32(g.nbs[0], 2);
    CHECK_EQ_U32(g.nbs[1], 1);
    CHECK_EQ_U32(g.mdls[0], 4);
    CHECK_EQ_U32(g.mdl_bytes[0], 24); /* 14 bytes of backfill, then 10 */
    CHECK_EQ_U32(g.mdl_bytes[1], 0);
    CHECK_EQ_U32(g.mdl_bytes[2], 20);
    CHECK_EQ_U32(g.mdl_bytes[3], 30);
    CHECK_EQ_U32(g.offset[0], 14);
    CHECK_EQ_U32(g.length[0], 60);
    CHECK_EQ_U32(g.mdls[1], 1);
    CHECK_EQ_U32(g.offset[1], 0);
    CHECK_EQ_U32((g.flags & NDIS_RECEIVE_FLAGS_RESOURCES), 0);
    undis_host_get_stats(host, &s);
    CHECK_EQ_U64(s.recv_nbls, 2);
    CHECK_EQ_U64(s.recv_returned, 2);
    CHECK_EQ_U64(s.recv_bytes, 180);
    CHECK_EQ_INT(g.reports, 0);
    host_done(host);
}

TEST(host_batch_resources_are_the_miniports_again_after_the_call)
{
    undis_host *host = host_of(probe_entry, 1);
    undis_host_frame f[3];
    undis_host_batch b = three_frames(f, UNDIS_HOST_BATCH_RESOURCES | UNDIS_HOST_BATCH_GUARD);
    undis_host_stats s;
    unsigned long long before = undis_alloc_outstanding();
    CHECK_STATUS(undis_host_receive_batch(host, &b), NDIS_STATUS_SUCCESS);
    CHECK((g.flags & NDIS_RECEIVE_FLAGS_RESOURCES) != 0);
    undis_host_get_stats(host, &s);
    CHECK_EQ_U64(s.recv_returned, 2);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
    CHECK_EQ_INT(g.reports, 0);
    host_done(host);
}

TEST(host_batch_send_reports_a_retreat_not_undone)
{
    undis_host *host = host_of(probe_entry, 1);
    undis_host_frame f[3];
    undis_host_batch b = three_frames(f, UNDIS_HOST_BATCH_RESTORED);
    CHECK_STATUS(undis_host_send_batch(host, &b), NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g.reports, 0); /* handed back as it was */
    g.retreat_sends = 1;
    CHECK_STATUS(undis_host_send_batch(host, &b), NDIS_STATUS_SUCCESS);
    CHECK(g.reports >= 1);
    CHECK_EQ_INT((int)g.last, (int)UNDIS_RULE_NBL_NOT_RESTORED);
    host_done(host);
}

TEST(host_batch_refuses_a_malformed_batch)
{
    undis_host *host = host_of(probe_entry, 1);
    undis_host_frame f[3];
    undis_host_batch b = three_frames(f, 0);
    ULONG wrong[2] = { 1, 1 }; /* 2 NBs for 3 frames */
    b.nbs_per_nbl = wrong;
    CHECK_STATUS(undis_host_receive_batch(host, &b), NDIS_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(undis_host_send_batch(host, &b), NDIS_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(undis_host_send_batch(host, NULL), NDIS_STATUS_INVALID_PARAMETER);
    b = three_frames(f, 0);
    undis_host_detach(host);
    CHECK_STATUS(undis_host_send_batch(host, &b), NDIS_STATUS_PAUSED);
    host_done(host);
}

TEST(host_batch_survives_every_allocation_failing_in_turn)
{
    undis_host *host = host_of(probe_entry, 1);
    undis_host_frame f[3];
    undis_host_batch b = three_frames(f, UNDIS_HOST_BATCH_RESTORED);
    unsigned long long before = undis_alloc_outstanding();
    for (unsigned n = 1; n <= 40; n++) {
        undis_fault_alloc_fail_nth(n);
        NDIS_STATUS st = undis_host_send_batch(host, &b);
        undis_fault_clear();
        CHECK(st == NDIS_STATUS_SUCCESS || st == NDIS_STATUS_RESOURCES);
        CHECK_EQ_U64(undis_alloc_outstanding(), before);
    }
    host_done(host);
}

/* ---- scenarios ------------------------------------------------------------------ */

/* receive: flags RESOURCES|DISPATCH, 2 NBLs of 2 and 1 NBs: a 60-byte frame in
 * 3 MDLs (split 6, 0 -> 6, 1, the rest) with 14 bytes of backfill, a 5-byte
 * runt, a jumbo frame (1515 + 0x0100); their first bytes (60 + 5 + 128). */
static const uint8_t g_receive_step[] = {
    0x00, 0x03, 0x01,                   /* receive, RESOURCES + DISPATCH_LEVEL, 2 NBLs */
    0x01, 0x07, 0x2e, 0x12, 0x06, 0x00, /* 2 NBs: 60 B, 3 MDLs, offset 14 */
    0x00, 0x04, 0x00,                   /* a runt of 5 bytes, 1 MDL */
    0x00, 0x05, 0x01, 0x00, 0x00,       /* 1 NB: jumbo, 1515 + 256 bytes, 1 MDL */
};

TEST(fuzz_scenario_plays_a_receive_chain_with_its_geometry)
{
    undis_host *host = host_of(probe_entry, 0);
    uint8_t input[sizeof(g_receive_step) + 193 + 2];
    undis_fuzz_options opt;
    undis_host_stats s;
    memset(input, 0xab, sizeof(input));
    memcpy(input, g_receive_step, sizeof(g_receive_step));
    input[sizeof(input) - 2] = 0x0b; /* then: link down */
    input[sizeof(input) - 1] = 0x00;
    memset(&opt, 0, sizeof(opt));
    opt.trace = stdout;
    CHECK_EQ_INT(undis_fuzz_run(host, &opt, input, sizeof(input)), UNDIS_FUZZ_CLEAN);
    CHECK_EQ_U32(g.nbls, 2);
    CHECK_EQ_U32(g.nbs[0], 2);
    CHECK_EQ_U32(g.mdls[0], 3);
    CHECK_EQ_U32(g.mdl_bytes[0], 20); /* 14 + 6 */
    CHECK_EQ_U32(g.mdl_bytes[1], 0);  /* a zero-length MDL inside the chain */
    CHECK_EQ_U32(g.mdl_bytes[2], 54);
    CHECK_EQ_U32(g.offset[0], 14);
    CHECK_EQ_U32(g.length[0], 60);
    CHECK_EQ_U32(g.length[1], 5);
    CHECK_EQ_U32(g.length[2], 1515 + 256);
    CHECK((g.flags & NDIS_RECEIVE_FLAGS_RESOURCES) != 0);
    CHECK((g.flags & NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL) != 0);
    undis_host_get_stats(host, &s);
    CHECK_EQ_U64(s.recv_nbls, 2);
    CHECK_EQ_U64(s.recv_returned, 2);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_DETACHED);
    CHECK_EQ_INT(g.reports, 0);
    host_done(host);
}

TEST(fuzz_scenario_of_no_bytes_attaches_and_detaches)
{
    undis_host *host = host_of(DriverEntry, 0);
    CHECK_EQ_INT(undis_fuzz_one(host, NULL, 0), UNDIS_FUZZ_CLEAN);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_DETACHED);
    CHECK_EQ_INT(undis_fuzz_one(host, (const uint8_t *)"\x0c\x08\x07", 3), UNDIS_FUZZ_CLEAN);
    CHECK_EQ_INT(g.reports, 0);
    host_done(host);
}

TEST(fuzz_scenario_clears_the_faults_it_arms)
{
    undis_host *host = host_of(DriverEntry, 0);
    static const uint8_t fail_far[] = { 0x0d, 0x1f }; /* the 32nd allocation from now */
    void *p;
    CHECK_EQ_INT(undis_fuzz_one(host, fail_far, sizeof(fail_far)), UNDIS_FUZZ_CLEAN);
    p = NdisAllocateMemoryWithTagPriority(NULL, 16, 0x54657374u, NormalPoolPriority);
    CHECK_NOT_NULL(p);
    NdisFreeMemoryWithTagPriority(NULL, p, 0x54657374u);
    for (int i = 0; i < 40; i++) { /* nothing fails any more */
        p = NdisAllocateMemoryWithTagPriority(NULL, 16, 0x54657374u, NormalPoolPriority);
        CHECK_NOT_NULL(p);
        NdisFreeMemoryWithTagPriority(NULL, p, 0x54657374u);
    }
    host_done(host);
}

TEST(fuzz_scenario_reports_what_the_module_leaks)
{
    undis_host *host = host_of(probe_entry, 0);
    unsigned long long before;
    /* a clean run first: the host's own frames pool, made at its first
     * attach, is not counted as the module's */
    CHECK_EQ_INT(undis_fuzz_one(host, NULL, 0), UNDIS_FUZZ_CLEAN);
    g.leak_attach = 1;
    before = undis_alloc_outstanding();
    CHECK_EQ_INT(undis_fuzz_one(host, NULL, 0), UNDIS_FUZZ_LEAK);
    CHECK_EQ_U64(undis_alloc_outstanding(), before + 1);
    NdisFreeMemoryWithTagPriority(NULL, g.leaked, 0x4c65616bu);
    host_done(host);
}

TEST(fuzz_every_seed_of_the_corpus_format_runs_clean_on_the_example)
{
    undis_host *host = host_of(DriverEntry, 0);
    uint8_t input[512];
    for (unsigned seed = 1; seed <= 200; seed++) { /* arbitrary bytes are scenarios too */
        uint32_t x = seed * 2654435761u;
        for (size_t i = 0; i < sizeof(input); i++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            input[i] = (uint8_t)x;
        }
        CHECK_EQ_INT(undis_fuzz_one(host, input, (seed * 7u) % sizeof(input)), UNDIS_FUZZ_CLEAN);
    }
    CHECK_EQ_INT(g.reports, 0);
    host_done(host);
}

TEST(fuzz_role_find_knows_the_filter)
{
    CHECK_PTR_EQ(undis_fuzz_role_find("filter"), &undis_fuzz_role_filter);
    CHECK_NULL(undis_fuzz_role_find("miniport"));
    CHECK_NULL(undis_fuzz_role_find(NULL));
}

/* ---- fault injection by call site ---------------------------------------------- */

#define TAG_A 0x53697441u
#define TAG_B 0x53697442u

static NOINLINE void *
site_a(void)
{
    return NdisAllocateMemoryWithTagPriority(NULL, 8, TAG_A, NormalPoolPriority);
}

static NOINLINE void *
site_b(void)
{
    return NdisAllocateMemoryWithTagPriority(NULL, 8, TAG_B, NormalPoolPriority);
}

static void
free_if(void *p, ULONG tag)
{
    if (p != NULL) {
        NdisFreeMemoryWithTagPriority(NULL, p, tag);
    }
}

/* Both sites, called from the same places each time, deep enough that the
 * test's own frame is past the 8 frames that tell sites apart. */
static volatile int g_nest_sink;

static NOINLINE void
nest(int depth, void **a, void **b)
{
    if (depth > 0) {
        nest(depth - 1, a, b);
        g_nest_sink++; /* not a tail call: each level keeps its frame */
        return;
    }
    *a = site_a();
    *b = site_b();
}

TEST(fault_sites_tell_call_sites_apart_and_fail_one)
{
    undis_fault_site first;
    void *frames[4];
    void *a;
    void *b;
    if (undis_backtrace(frames, 4) == 0) {
        printf("no call stacks on this platform: nothing to check\n");
        return;
    }
    undis_fault_sites_begin((const void *)&g, 0); /* this executable's sites */
    for (int i = 0; i < 2; i++) {
        nest(8, &a, &b);
        free_if(a, TAG_A);
        free_if(b, TAG_B);
    }
    undis_fault_sites_end();
    CHECK_EQ_SIZE(undis_fault_sites_count(), 2);
    CHECK(undis_fault_sites_get(0, &first));
    CHECK_EQ_U64(first.reached, 2);
    CHECK_EQ_INT((int)first.kind, (int)UNDIS_FAULT_SITE_ALLOC);
    CHECK(!undis_fault_sites_get(2, &first));
    CHECK_EQ_INT(undis_fault_sites_failed(), 0);
    (void)undis_fault_sites_get(0, &first);
    undis_fault_sites_begin((const void *)&g, first.key); /* site_a fails, once */
    nest(8, &a, &b);
    CHECK_NULL(a);
    CHECK_NOT_NULL(b);
    CHECK_EQ_INT(undis_fault_sites_failed(), 1);
    free_if(b, TAG_B);
    nest(8, &a, &b);
    CHECK_NOT_NULL(a);
    CHECK_NOT_NULL(b);
    undis_fault_sites_end();
    free_if(a, TAG_A);
    free_if(b, TAG_B);
}

TEST(fault_sites_of_another_module_leave_this_one_alone)
{
    void *p;
    undis_fault_sites_begin(NULL, 1); /* no module: nothing is a site */
    p = site_a();
    CHECK_NOT_NULL(p);
    free_if(p, TAG_A);
    CHECK_EQ_SIZE(undis_fault_sites_count(), 0);
    undis_fault_sites_end();
}

TEST(fault_sites_describe_an_address)
{
    char buf[512];
    void *frames[2];
    int n = undis_backtrace(frames, 2);
    CHECK(n >= 0);
    CHECK_EQ_INT(undis_describe_address(NULL, NULL, 0), 0);
    if (n > 0) {
        CHECK(undis_describe_address(frames[0], buf, sizeof(buf)) > 0);
        printf("this frame: %s\n", buf);
    }
}

TEST_MAIN_BEGIN
TEST_CASE(host_batch_receive_has_the_geometry_asked_for)
TEST_CASE(host_batch_resources_are_the_miniports_again_after_the_call)
TEST_CASE(host_batch_send_reports_a_retreat_not_undone)
TEST_CASE(host_batch_refuses_a_malformed_batch)
TEST_CASE(host_batch_survives_every_allocation_failing_in_turn)
TEST_CASE(fuzz_scenario_plays_a_receive_chain_with_its_geometry)
TEST_CASE(fuzz_scenario_of_no_bytes_attaches_and_detaches)
TEST_CASE(fuzz_scenario_clears_the_faults_it_arms)
TEST_CASE(fuzz_scenario_reports_what_the_module_leaks)
TEST_CASE(fuzz_every_seed_of_the_corpus_format_runs_clean_on_the_example)
TEST_CASE(fuzz_role_find_knows_the_filter)
TEST_CASE(fault_sites_tell_call_sites_apart_and_fail_one)
TEST_CASE(fault_sites_of_another_module_leave_this_one_alone)
TEST_CASE(fault_sites_describe_an_address)
TEST_MAIN_END
