/*
 * test_report.c - the one report path (<undis/report.h>): the rule table is
 * whole (a name, a rationale, a domain for every rule; names unique), every
 * rule outside the verifier's (the kernel runtime's and the data path's
 * always-on fatal ones) fires for real and reaches the hook with its record
 * filled, the hook takes precedence over the two wrappers, which still get
 * their own domain's reports, and NOT_SUPPORTED_IN_USER_MODE names each
 * function once per process, across threads. The verifier's rules fire in
 * test_verifier.c; the default handler's output and abort are checked by the
 * death tests (tests/death/report_default.c).
 *
 * DBG is defined, as a checked build does, so that ASSERT and PAGED_CODE are
 * active.
 */
#define DBG 1

#include "test.h"

#include <pthread.h>

#include <ndis.h>
#include <undis/report.h>
#include <undis/rt.h>
#include <undis/verifier.h>

/* Internal entry points (src/base/report.h, src/datapath/mdl_default.c). */
void undis__report_unsupported(const char *function);
NET_BUFFER_ALLOCATE_MDL undis__default_allocate_mdl;
NET_BUFFER_FREE_MDL undis__default_free_mdl;

#define TAG_A 0x41414141U
#define TAG_B 0x42424242U

/* ------------------------------------------------------------------ */
/* A recording hook                                                    */
/* ------------------------------------------------------------------ */

static struct {
    jmp_buf jump;
    int count;
    undis_report last; /* strings copied below */
    char function[128];
    char message[512];
    char picture[2048];
    int fired[UNDIS_RULE_COUNT];
} g_rec;

static void
copy_text(char *dst, size_t len, const char *src)
{
    snprintf(dst, len, "%s", src != NULL ? src : "(null)");
}

/* The picture, printed to a temporary file and read back. */
static void
capture_picture(const undis_report *r)
{
    FILE *f;
    size_t n = 0;
    g_rec.picture[0] = '\0';
    if (r->picture == NULL || (f = tmpfile()) == NULL) {
        return;
    }
    r->picture(r, f);
    rewind(f);
    n = fread(g_rec.picture, 1, sizeof(g_rec.picture) - 1, f);
    g_rec.picture[n] = '\0';
    fclose(f);
}

/* Records the report; leaves fatal ones with longjmp, continues the rest. */
static undis_report_action
recording_hook(const undis_report *r, void *ctx)
{
    g_rec.last = *r;
    copy_text(g_rec.function, sizeof(g_rec.function), r->function);
    copy_text(g_rec.message, sizeof(g_rec.message), r->message);
    capture_picture(r);
    g_rec.count++;
    if ((unsigned)r->rule < UNDIS_RULE_COUNT) {
        g_rec.fired[r->rule]++;
    }
    if (ctx != NULL) {
        (*(int *)ctx)++;
    }
    if (r->severity == UNDIS_SEVERITY_FATAL) {
        longjmp(g_rec.jump, 1);
    }
    return UNDIS_REPORT_CONTINUE;
}

static void
begin(void)
{
    memset(&g_rec, 0, sizeof(g_rec));
    undis_report_set_hook(recording_hook, NULL);
}

static void
end(void)
{
    undis_report_set_hook(NULL, NULL);
    undis_verifier_set_report_fn(NULL, NULL);
    undis_rt_set_report_hook(NULL, NULL);
    (void)undis_verifier_set_level(0);
}

/* ------------------------------------------------------------------ */
/* The table                                                           */
/* ------------------------------------------------------------------ */

static int
is_stable_name(const char *s)
{
    for (; *s != '\0'; s++) {
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_')) {
            return 0;
        }
    }
    return 1;
}

TEST(report_table_names_every_rule_once)
{
    int per_domain[UNDIS_DOMAIN_COUNT] = { 0 };
    for (int i = 0; i < (int)UNDIS_RULE_COUNT; i++) {
        undis_rule rule = (undis_rule)i;
        const char *name = undis_rule_name(rule);
        undis_domain domain = undis_rule_domain(rule);
        if (strcmp(name, "UNKNOWN") == 0) {
            printf("rule %d has no row in src/base/rules.c\n", i);
        }
        CHECK(strcmp(name, "UNKNOWN") != 0);
        CHECK(is_stable_name(name));
        CHECK(undis_rule_rationale(rule)[0] != '\0');
        CHECK((unsigned)domain < UNDIS_DOMAIN_COUNT);
        CHECK_EQ_INT(domain == UNDIS_DOMAIN_NONE, i == 0);
        CHECK((unsigned)undis_rule_severity(rule) <= UNDIS_SEVERITY_FATAL);
        for (int j = 0; j < i; j++) {
            CHECK(strcmp(name, undis_rule_name((undis_rule)j)) != 0);
        }
        if (i != 0) {
            CHECK_EQ_INT((int)undis_rule_from_name(name), i);
        }
        per_domain[domain]++;
    }
    /* A new rule needs a row, a test that fires it, and a line here. */
    CHECK_EQ_INT((int)UNDIS_RULE_COUNT, 78);
    CHECK_EQ_INT(per_domain[UNDIS_DOMAIN_DATAPATH], 29);
    CHECK_EQ_INT(per_domain[UNDIS_DOMAIN_KERNEL], 22);
    /* tests/test_host_rules.c 9, test_host_protocol_rules.c 7 (HOST_PROTOCOL_*),
     * test_host_device_rules.c 7 (HOST_DEVICE_*), test_host_kserv.c 1
     * (HOST_LEAK_AT_UNLOAD), test_host_miniport_rules.c 2 (HOST_MINIPORT_*) */
    CHECK_EQ_INT(per_domain[UNDIS_DOMAIN_HOST], 26);
}

TEST(report_table_outside_the_enum)
{
    CHECK_STR_EQ(undis_rule_name(UNDIS_RULE_COUNT), "UNKNOWN");
    CHECK_STR_EQ(undis_rule_rationale(UNDIS_RULE_COUNT), "");
    CHECK_EQ_INT((int)undis_rule_domain((undis_rule)-1), (int)UNDIS_DOMAIN_NONE);
    CHECK_EQ_INT((int)undis_rule_severity(UNDIS_RULE_COUNT), (int)UNDIS_SEVERITY_FATAL);
    CHECK_EQ_INT((int)undis_rule_from_name("NO_SUCH_RULE"), (int)UNDIS_RULE_NONE);
    CHECK_EQ_INT((int)undis_rule_from_name(NULL), (int)UNDIS_RULE_NONE);
    CHECK_EQ_INT((int)undis_rule_from_name("advance_past_data"), (int)UNDIS_RULE_NONE);
}

/* ------------------------------------------------------------------ */
/* Records                                                             */
/* ------------------------------------------------------------------ */

static UCHAR g_frame[128];

/* A NET_BUFFER of 100 bytes over one MDL of the frame. */
static PMDL
one_mdl_nb(NET_BUFFER *nb)
{
    PMDL mdl = NdisAllocateMdl(NULL, g_frame, 100);
    memset(nb, 0, sizeof(*nb));
    nb->MdlChain = mdl;
    nb->CurrentMdl = mdl;
    nb->DataLength = 100;
    return mdl;
}

TEST(report_record_of_a_verifier_rule)
{
    NET_BUFFER nb;
    PMDL mdl = one_mdl_nb(&nb);
    CHECK_NOT_NULL(mdl);
    begin();
    (void)undis_verifier_set_level(1);
    NdisAdvanceNetBufferDataStart(&nb, 101, FALSE, NULL);
    end();
    CHECK_EQ_INT(g_rec.count, 1);
    CHECK_EQ_U32(nb.DataLength, 100); /* the call failed, nothing changed */
    CHECK_EQ_INT((int)g_rec.last.domain, (int)UNDIS_DOMAIN_DATAPATH);
    CHECK_EQ_INT((int)g_rec.last.rule, (int)UNDIS_RULE_ADVANCE_PAST_DATA);
    CHECK_EQ_INT((int)g_rec.last.severity, (int)UNDIS_SEVERITY_ERROR);
    CHECK_STR_EQ(g_rec.last.rule_name, "ADVANCE_PAST_DATA");
    CHECK_STR_EQ(g_rec.function, "NdisAdvanceNetBufferDataStart");
    CHECK(strstr(g_rec.message, "101") != NULL && strstr(g_rec.message, "100") != NULL);
    CHECK_PTR_EQ(g_rec.last.object, &nb);
    CHECK_PTR_EQ(g_rec.last.net_buffer, &nb);
    /* The old names are the same fields. */
    CHECK_PTR_EQ(g_rec.last.call, g_rec.last.function);
    CHECK_PTR_EQ(g_rec.last.reason, g_rec.last.message);
    CHECK(g_rec.last.picture != NULL);
    CHECK(strstr(g_rec.picture, "the NET_BUFFER:") != NULL);
    CHECK(strstr(g_rec.picture, "DataLength 100") != NULL);
    NdisFreeMdl(mdl);
}

static volatile int g_zero;

TEST(report_record_of_a_kernel_assertion)
{
    int line;
    begin();
    line = __LINE__ + 1;
    NT_ASSERT(g_zero == 1);
    end();
    CHECK_EQ_INT(g_rec.count, 1);
    CHECK_EQ_INT((int)g_rec.last.domain, (int)UNDIS_DOMAIN_KERNEL);
    CHECK_EQ_INT((int)g_rec.last.rule, (int)UNDIS_RULE_NT_ASSERT);
    CHECK_EQ_INT((int)g_rec.last.severity, (int)UNDIS_SEVERITY_ERROR);
    CHECK_STR_EQ(g_rec.function, "test_report_record_of_a_kernel_assertion");
    CHECK_STR_EQ(g_rec.message, "g_zero == 1");
    CHECK_NULL(g_rec.last.object);
    CHECK_EQ_INT(g_rec.last.line, line);
    CHECK(g_rec.last.picture == NULL);
}

TEST(report_record_of_a_bug_check)
{
    begin();
    if (setjmp(g_rec.jump) == 0) {
        KeBugCheckEx(BUGCODE_NDIS_DRIVER, 0x21, 2, 3, 4);
    }
    end();
    CHECK_EQ_INT((int)g_rec.last.rule, (int)UNDIS_RULE_BUGCODE_NDIS_DRIVER);
    CHECK_EQ_INT((int)g_rec.last.severity, (int)UNDIS_SEVERITY_FATAL);
    CHECK_EQ_U32(g_rec.last.code, 0x7C);
    CHECK_EQ_U64(g_rec.last.params[0], 0x21);
    CHECK_EQ_U64(g_rec.last.params[3], 4);
    CHECK_STR_EQ(g_rec.function, "test_report_record_of_a_bug_check");
    CHECK_STR_EQ(g_rec.message, "bug check");
}

TEST(report_record_of_a_fatal_data_path_rule)
{
    PMDL foreign = NdisAllocateMdl(NULL, g_frame, 16);
    CHECK_NOT_NULL(foreign);
    begin();
    if (setjmp(g_rec.jump) == 0) {
        undis__default_free_mdl(foreign);
    }
    end();
    CHECK_EQ_INT(g_rec.count, 1);
    CHECK_EQ_INT((int)g_rec.last.domain, (int)UNDIS_DOMAIN_DATAPATH);
    CHECK_EQ_INT((int)g_rec.last.rule, (int)UNDIS_RULE_DEFAULT_FREE_FOREIGN_MDL);
    CHECK_EQ_INT((int)g_rec.last.severity, (int)UNDIS_SEVERITY_FATAL);
    CHECK_STR_EQ(g_rec.function, "NetFreeMdl");
    CHECK_PTR_EQ(g_rec.last.object, foreign);
    CHECK(strstr(g_rec.message, "did not allocate") != NULL);
    NdisFreeMdl(foreign);
}

/* ------------------------------------------------------------------ */
/* The hook and the wrappers                                           */
/* ------------------------------------------------------------------ */

static int g_verifier_fn_calls;
static int g_rt_hook_calls;
static undis_rt_event g_rt_event;

static void
old_verifier_fn(const undis_report *r, void *ctx)
{
    (void)r;
    (void)ctx;
    g_verifier_fn_calls++;
}

static int
old_rt_hook(const undis_rt_event *ev, void *ctx)
{
    (void)ctx;
    g_rt_event = *ev;
    g_rt_hook_calls++;
    return UNDIS_RT_CONTINUE;
}

TEST(report_hook_reads_back_with_its_context)
{
    int ctx = 0;
    void *got = NULL;
    CHECK(undis_report_get_hook(NULL) == NULL);
    undis_report_set_hook(recording_hook, &ctx);
    CHECK(undis_report_get_hook(&got) == recording_hook);
    CHECK_PTR_EQ(got, &ctx);
    undis_report_set_hook(NULL, &ctx); /* no hook: no context either */
    CHECK(undis_report_get_hook(&got) == NULL);
    CHECK_NULL(got);
}

TEST(report_hook_takes_precedence_over_the_wrappers)
{
    NET_BUFFER nb;
    PMDL mdl = one_mdl_nb(&nb);
    int ctx = 0;
    CHECK_NOT_NULL(mdl);
    memset(&g_rec, 0, sizeof(g_rec));
    g_verifier_fn_calls = 0;
    g_rt_hook_calls = 0;
    undis_verifier_set_report_fn(old_verifier_fn, NULL);
    undis_rt_set_report_hook(old_rt_hook, NULL);
    undis_report_set_hook(recording_hook, &ctx);
    (void)undis_verifier_set_level(1);
    NdisAdvanceNetBufferDataStart(&nb, 101, FALSE, NULL);
    NT_ASSERT(g_zero == 1);
    CHECK_EQ_INT(ctx, 2); /* both went to the hook, with its context */
    CHECK_EQ_INT(g_verifier_fn_calls, 0);
    CHECK_EQ_INT(g_rt_hook_calls, 0);
    /* Without it, each wrapper gets its own domain's reports again. */
    undis_report_set_hook(NULL, NULL);
    NdisAdvanceNetBufferDataStart(&nb, 101, FALSE, NULL);
    NT_ASSERT(g_zero == 1);
    end();
    CHECK_EQ_INT(ctx, 2);
    CHECK_EQ_INT(g_verifier_fn_calls, 1);
    CHECK_EQ_INT(g_rt_hook_calls, 1);
    CHECK_STR_EQ(g_rt_event.rule, "NT_ASSERT");
    CHECK_EQ_U32(nb.DataLength, 100);
    NdisFreeMdl(mdl);
}

TEST(report_rt_wrapper_gets_unsupported_notices)
{
    g_rt_hook_calls = 0;
    undis_rt_set_report_hook(old_rt_hook, NULL);
    undis__report_unsupported("UndisTestWrapperRoutine");
    undis_rt_set_report_hook(NULL, NULL);
    CHECK_EQ_INT(g_rt_hook_calls, 1);
    CHECK_EQ_INT((int)g_rt_event.kind, (int)UNDIS_RT_NOT_SUPPORTED);
    CHECK_STR_EQ(g_rt_event.rule, "NOT_SUPPORTED_IN_USER_MODE");
}

/* ------------------------------------------------------------------ */
/* NOT_SUPPORTED_IN_USER_MODE                                          */
/* ------------------------------------------------------------------ */

TEST(report_unsupported_names_each_function_once)
{
    char same_name[] = "UndisTestRoutineA"; /* equal text, another address */
    begin();
    undis__report_unsupported("UndisTestRoutineA");
    CHECK_EQ_INT(g_rec.count, 1);
    CHECK_EQ_INT((int)g_rec.last.domain, (int)UNDIS_DOMAIN_KERNEL);
    CHECK_EQ_INT((int)g_rec.last.rule, (int)UNDIS_RULE_NOT_SUPPORTED_IN_USER_MODE);
    CHECK_EQ_INT((int)g_rec.last.severity, (int)UNDIS_SEVERITY_NOTICE);
    CHECK_STR_EQ(g_rec.function, "UndisTestRoutineA");
    CHECK(strstr(g_rec.message, "UndisTestRoutineA cannot work in user mode") != NULL);
    undis__report_unsupported("UndisTestRoutineA");
    undis__report_unsupported(same_name);
    CHECK_EQ_INT(g_rec.count, 1);
    undis__report_unsupported("UndisTestRoutineB");
    CHECK_EQ_INT(g_rec.count, 2);
    CHECK_STR_EQ(g_rec.function, "UndisTestRoutineB");
    end();
}

TEST(report_unsupported_default_prints_and_returns)
{
    /* No hook: the default prints the notice and returns (a notice never
     * aborts); the death test checks the text. */
    end();
    undis__report_unsupported("UndisTestRoutineDefault");
    undis__report_unsupported("UndisTestRoutineDefault");
    CHECK(1);
}

#define UNSUPPORTED_THREADS 8
#define UNSUPPORTED_CALLS   2000

static int g_unsupported_reports;

static undis_report_action
counting_hook(const undis_report *r, void *ctx)
{
    (void)ctx;
    if (r->rule == UNDIS_RULE_NOT_SUPPORTED_IN_USER_MODE &&
        strcmp(r->function, "UndisTestRoutineShared") == 0) {
        __atomic_add_fetch(&g_unsupported_reports, 1, __ATOMIC_RELAXED);
    }
    return UNDIS_REPORT_CONTINUE;
}

static void *
call_unsupported(void *arg)
{
    static const char *const own[UNSUPPORTED_THREADS] = {
        "UndisTestRoutineT0", "UndisTestRoutineT1", "UndisTestRoutineT2", "UndisTestRoutineT3",
        "UndisTestRoutineT4", "UndisTestRoutineT5", "UndisTestRoutineT6", "UndisTestRoutineT7",
    };
    size_t k = (size_t)(uintptr_t)arg;
    for (int i = 0; i < UNSUPPORTED_CALLS; i++) {
        undis__report_unsupported("UndisTestRoutineShared");
        undis__report_unsupported(own[k]);
    }
    return NULL;
}

TEST(report_unsupported_once_across_threads)
{
    pthread_t t[UNSUPPORTED_THREADS];
    g_unsupported_reports = 0;
    undis_report_set_hook(counting_hook, NULL);
    for (size_t i = 0; i < UNSUPPORTED_THREADS; i++) {
        CHECK_EQ_INT(pthread_create(&t[i], NULL, call_unsupported, (void *)(uintptr_t)i), 0);
    }
    for (size_t i = 0; i < UNSUPPORTED_THREADS; i++) {
        CHECK_EQ_INT(pthread_join(t[i], NULL), 0);
    }
    undis_report_set_hook(NULL, NULL);
    CHECK_EQ_INT(__atomic_load_n(&g_unsupported_reports, __ATOMIC_RELAXED), 1);
}

/* ------------------------------------------------------------------ */
/* Every rule outside the verifier fires                               */
/* ------------------------------------------------------------------ */

/* State the firing functions leave for their clean-up. */
static KSPIN_LOCK g_lock;
static KIRQL g_old_irql;
static PVOID g_block;
static PNDIS_RW_LOCK_EX g_rw;
static LOCK_STATE_EX g_rw_state;
static LIST_ENTRY g_head;
static LIST_ENTRY g_entry;
static PMDL g_mdl;
static char g_expression[] = "g_zero == 1";
static char g_file[] = "test_report.c";

static void
fire_assert(void)
{
    ASSERT(g_zero == 1);
}

static void
fire_nt_assert(void)
{
    NT_ASSERTMSG("a message", g_zero == 1);
}

static void
fire_nt_fre_assert(void)
{
    NT_FRE_ASSERT(g_zero == 1);
}

static void
fire_rtl_soft_assert(void)
{
    RTL_SOFT_ASSERT(g_zero == 1);
}

static void
fire_rtl_assert(void)
{
    RtlAssert(g_expression, g_file, 7, NULL);
}

static void
fire_dbg_raise_assertion_failure(void)
{
    DbgRaiseAssertionFailure();
}

static void
fire_paged_code(void)
{
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    PAGED_CODE();
    KeLowerIrql(old);
}

static void
fire_breakpoint(void)
{
    DbgBreakPointWithStatus(3);
}

static void
fire_raise_below(void)
{
    KIRQL ignored;
    KeRaiseIrql(DISPATCH_LEVEL, &g_old_irql);
    KeRaiseIrql(PASSIVE_LEVEL, &ignored);
}

static void
after_raise_below(void)
{
    KeLowerIrql(g_old_irql);
}

static void
fire_lower_above(void)
{
    KeLowerIrql(DISPATCH_LEVEL);
}

static void
fire_spin_lock_twice(void)
{
    KeInitializeSpinLock(&g_lock);
    KeAcquireSpinLock(&g_lock, &g_old_irql);
    KeAcquireSpinLockAtDpcLevel(&g_lock);
}

static void
after_spin_lock_twice(void)
{
    KeReleaseSpinLock(&g_lock, g_old_irql);
}

static void
fire_spin_lock_not_owned(void)
{
    KeInitializeSpinLock(&g_lock);
    KeRaiseIrql(DISPATCH_LEVEL, &g_old_irql);
    KeReleaseSpinLockFromDpcLevel(&g_lock);
}

static void
fire_bugcode_ndis_driver(void)
{
    KeBugCheckEx(BUGCODE_NDIS_DRIVER, 1, 2, 3, 4);
}

static void
fire_bad_pool_caller(void)
{
    g_block = ExAllocatePoolWithTag(NonPagedPool, 16, TAG_A);
    ExFreePoolWithTag(g_block, TAG_B);
}

static void
after_bad_pool_caller(void)
{
    ExFreePoolWithTag(g_block, TAG_A);
}

static void
fire_rw_lock_freed_held(void)
{
    g_rw = NdisAllocateRWLock(NULL);
    NdisAcquireRWLockWrite(g_rw, &g_rw_state, 0);
    NdisFreeRWLock(g_rw);
}

static void
after_rw_lock_freed_held(void)
{
    NdisReleaseRWLock(g_rw, &g_rw_state);
    NdisFreeRWLock(g_rw);
}

static void
fire_driver_irql(void)
{
    KeBugCheckEx(DRIVER_IRQL_NOT_LESS_OR_EQUAL, 0, 2, 0, 0);
}

static void
fire_manual_crash(void)
{
    (KeBugCheck)(MANUALLY_INITIATED_CRASH); /* the out-of-line form */
}

static void
fire_security_check(void)
{
    (KeBugCheckEx)(KERNEL_SECURITY_CHECK_FAILURE, 3, 0, 0, 0);
}

static void
fire_other_bugcheck(void)
{
    KeBugCheck(0x1234);
}

static void
fire_list_double_remove(void)
{
    InitializeListHead(&g_head);
    InsertTailList(&g_head, &g_entry);
    (void)RemoveEntryList(&g_entry);
    (void)RemoveEntryList(&g_entry);
}

static void
fire_fast_fail(void)
{
    RtlFailFast(FAST_FAIL_INVALID_ARG);
}

static void
fire_unsupported(void)
{
    undis__report_unsupported("UndisTestRoutineFired");
}

static void
fire_default_free_foreign(void)
{
    g_mdl = NdisAllocateMdl(NULL, g_frame, 16);
    undis__default_free_mdl(g_mdl);
}

static void
after_default_free_foreign(void)
{
    NdisFreeMdl(g_mdl);
}

static void
fire_default_free_twice(void)
{
    ULONG size = 64;
    g_mdl = undis__default_allocate_mdl(&size);
    undis__default_free_mdl(g_mdl);
    undis__default_free_mdl(g_mdl);
}

typedef void fire_fn(void);

static const struct firing {
    undis_rule rule;
    fire_fn *fire;
    fire_fn *after; /* clean-up, or NULL */
} g_firings[] = {
    { UNDIS_RULE_DEFAULT_FREE_FOREIGN_MDL, fire_default_free_foreign, after_default_free_foreign },
    { UNDIS_RULE_DEFAULT_FREE_NOT_LIVE, fire_default_free_twice, NULL },
    { UNDIS_RULE_ASSERT, fire_assert, NULL },
    { UNDIS_RULE_NT_ASSERT, fire_nt_assert, NULL },
    { UNDIS_RULE_NT_FRE_ASSERT, fire_nt_fre_assert, NULL },
    { UNDIS_RULE_RTL_SOFT_ASSERT, fire_rtl_soft_assert, NULL },
    { UNDIS_RULE_RTL_ASSERT, fire_rtl_assert, NULL },
    { UNDIS_RULE_DBG_RAISE_ASSERTION_FAILURE, fire_dbg_raise_assertion_failure, NULL },
    { UNDIS_RULE_PAGED_CODE, fire_paged_code, NULL },
    { UNDIS_RULE_DBG_BREAKPOINT, fire_breakpoint, NULL },
    { UNDIS_RULE_IRQL_NOT_GREATER_OR_EQUAL, fire_raise_below, after_raise_below },
    { UNDIS_RULE_IRQL_NOT_LESS_OR_EQUAL, fire_lower_above, NULL },
    { UNDIS_RULE_SPIN_LOCK_ALREADY_OWNED, fire_spin_lock_twice, after_spin_lock_twice },
    { UNDIS_RULE_SPIN_LOCK_NOT_OWNED, fire_spin_lock_not_owned, after_raise_below },
    { UNDIS_RULE_BUGCODE_NDIS_DRIVER, fire_bugcode_ndis_driver, NULL },
    { UNDIS_RULE_BAD_POOL_CALLER, fire_bad_pool_caller, after_bad_pool_caller },
    { UNDIS_RULE_DRIVER_VERIFIER_DETECTED_VIOLATION, fire_rw_lock_freed_held,
      after_rw_lock_freed_held },
    { UNDIS_RULE_DRIVER_IRQL_NOT_LESS_OR_EQUAL, fire_driver_irql, NULL },
    { UNDIS_RULE_MANUALLY_INITIATED_CRASH, fire_manual_crash, NULL },
    { UNDIS_RULE_KERNEL_SECURITY_CHECK_FAILURE, fire_security_check, NULL },
    { UNDIS_RULE_KE_BUGCHECK, fire_other_bugcheck, NULL },
    { UNDIS_RULE_FAST_FAIL_CORRUPT_LIST_ENTRY, fire_list_double_remove, NULL },
    { UNDIS_RULE_FAST_FAIL, fire_fast_fail, NULL },
    { UNDIS_RULE_NOT_SUPPORTED_IN_USER_MODE, fire_unsupported, NULL },
};

static void
fire(const struct firing *f)
{
    if (setjmp(g_rec.jump) == 0) {
        f->fire();
    }
    if (f->after != NULL) {
        f->after();
    }
}

TEST(report_every_rule_outside_the_verifier_fires)
{
    size_t n = sizeof(g_firings) / sizeof(g_firings[0]);
    begin();
    for (size_t i = 0; i < n; i++) {
        int before = g_rec.count;
        fire(&g_firings[i]);
        if (g_rec.count != before + 1 || g_rec.last.rule != g_firings[i].rule) {
            printf("firing %s reported %d time(s), last %s\n", undis_rule_name(g_firings[i].rule),
                   g_rec.count - before, undis_rule_name(g_rec.last.rule));
        }
        CHECK_EQ_INT(g_rec.count, before + 1);
        CHECK_EQ_INT((int)g_rec.last.rule, (int)g_firings[i].rule);
        CHECK_EQ_INT((int)g_rec.last.domain, (int)undis_rule_domain(g_firings[i].rule));
        CHECK(g_rec.message[0] != '\0');
    }
    end();
    CHECK_EQ_INT((int)KeGetCurrentIrql(), PASSIVE_LEVEL);
    /* Every rule the verifier does not check has a firing above; the host's
     * rules fire in tests/test_host_rules.c (a driver under a host). */
    for (int i = 1; i < (int)UNDIS_RULE_COUNT; i++) {
        int verifier = (undis_rule_domain((undis_rule)i) == UNDIS_DOMAIN_DATAPATH &&
                        undis_rule_severity((undis_rule)i) == UNDIS_SEVERITY_ERROR) ||
                       undis_rule_domain((undis_rule)i) == UNDIS_DOMAIN_HOST;
        if (!verifier && g_rec.fired[i] == 0) {
            printf("rule %s has no firing in g_firings\n", undis_rule_name((undis_rule)i));
        }
        CHECK(verifier || g_rec.fired[i] == 1);
    }
}

TEST_MAIN_BEGIN
TEST_CASE(report_table_names_every_rule_once)
TEST_CASE(report_table_outside_the_enum)
TEST_CASE(report_record_of_a_verifier_rule)
TEST_CASE(report_record_of_a_kernel_assertion)
TEST_CASE(report_record_of_a_bug_check)
TEST_CASE(report_record_of_a_fatal_data_path_rule)
TEST_CASE(report_hook_reads_back_with_its_context)
TEST_CASE(report_hook_takes_precedence_over_the_wrappers)
TEST_CASE(report_rt_wrapper_gets_unsupported_notices)
TEST_CASE(report_unsupported_names_each_function_once)
TEST_CASE(report_unsupported_default_prints_and_returns)
TEST_CASE(report_unsupported_once_across_threads)
TEST_CASE(report_every_rule_outside_the_verifier_fires)
TEST_MAIN_END
