/*
 * test_rt_report.c - assertions, bug checks, fast fail and breakpoints go
 * through the report hook with rule name and call site; ASSERT is active
 * because this file defines DBG (as a checked build does), and NT_VERIFY
 * evaluates its expression either way.
 */
#define DBG 1

#include "test.h"

#include <ndis.h>
#include <ndis/rt.h>
#include <undis/rt.h>

static jmp_buf g_jump;
static undis_rt_event g_event;
static char g_message[256];
static int g_count;

static int
recording_hook(const undis_rt_event *ev, void *ctx)
{
    g_event = *ev;
    snprintf(g_message, sizeof(g_message), "%s", ev->message != NULL ? ev->message : "");
    g_event.message = g_message;
    g_count++;
    if (ctx != NULL) {
        longjmp(g_jump, 1);
    }
    return UNDIS_RT_CONTINUE;
}

TEST(assert_failure_names_rule_and_call_site)
{
    int line;
    int x = 1;
    g_count = 0;
    undis_rt_set_report_hook(recording_hook, NULL);
    line = __LINE__ + 1;
    NT_ASSERT(x == 2);
    ASSERT(x == 1); /* holds: no report */
    undis_rt_set_report_hook(NULL, NULL);
    CHECK_EQ_INT(g_count, 1);
    CHECK_EQ_INT(g_event.kind, UNDIS_RT_ASSERT);
    CHECK_STR_EQ(g_event.rule, "NT_ASSERT");
    CHECK_STR_EQ(g_event.message, "x == 2");
    CHECK_EQ_INT(g_event.line, line);
    CHECK(strstr(g_event.file, "test_rt_report.c") != NULL);
    CHECK_STR_EQ(g_event.function, "test_assert_failure_names_rule_and_call_site");
}

TEST(nt_verify_evaluates_and_returns)
{
    int calls = 0;
    g_count = 0;
    undis_rt_set_report_hook(recording_hook, NULL);
    CHECK(NT_VERIFY(++calls == 1));
    CHECK(!NT_VERIFYMSG("second", ++calls == 1));
    undis_rt_set_report_hook(NULL, NULL);
    CHECK_EQ_INT(calls, 2);
    CHECK_EQ_INT(g_count, 1);
    CHECK_STR_EQ(g_event.message, "second (++calls == 1)");
}

TEST(bugcheck_reports_code_and_parameters)
{
    volatile int line = 0; /* set between setjmp and longjmp */
    undis_rt_set_report_hook(recording_hook, &g_jump);
    if (setjmp(g_jump) == 0) {
        line = __LINE__ + 1;
        KeBugCheckEx(BUGCODE_NDIS_DRIVER, 0x21, 2, 3, 4);
    }
    undis_rt_set_report_hook(NULL, NULL);
    CHECK_EQ_INT(g_event.kind, UNDIS_RT_BUGCHECK);
    CHECK_STR_EQ(g_event.rule, "BUGCODE_NDIS_DRIVER");
    CHECK_EQ_U32(g_event.code, 0x7C);
    CHECK_EQ_U64(g_event.params[0], 0x21);
    CHECK_EQ_U64(g_event.params[3], 4);
    CHECK_EQ_INT(g_event.line, line);
}

TEST(fail_fast_reports_code)
{
    undis_rt_set_report_hook(recording_hook, &g_jump);
    if (setjmp(g_jump) == 0) {
        RtlFailFast(FAST_FAIL_INVALID_ARG);
    }
    undis_rt_set_report_hook(NULL, NULL);
    CHECK_EQ_INT(g_event.kind, UNDIS_RT_FAST_FAIL);
    CHECK_EQ_U32(g_event.code, FAST_FAIL_INVALID_ARG);
}

TEST(breakpoint_may_continue)
{
    g_count = 0;
    undis_rt_set_report_hook(recording_hook, NULL);
    DbgBreakPoint();
    undis_rt_set_report_hook(NULL, NULL);
    CHECK_EQ_INT(g_count, 1);
    CHECK_EQ_INT(g_event.kind, UNDIS_RT_BREAKPOINT);
}

TEST(paged_code_above_apc_is_reported)
{
    KIRQL old;
    g_count = 0;
    undis_rt_set_report_hook(recording_hook, NULL);
    PAGED_CODE(); /* PASSIVE: fine */
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    PAGED_CODE();
    KeLowerIrql(old);
    undis_rt_set_report_hook(NULL, NULL);
    CHECK_EQ_INT(g_count, 1);
    CHECK_STR_EQ(g_event.rule, "PAGED_CODE");
}

TEST(hook_can_be_read_back_for_chaining)
{
    void *ctx = NULL;
    undis_rt_set_report_hook(recording_hook, &g_jump);
    CHECK(undis_rt_get_report_hook(&ctx) == recording_hook);
    CHECK_PTR_EQ(ctx, &g_jump);
    undis_rt_set_report_hook(NULL, NULL);
    CHECK(undis_rt_get_report_hook(NULL) == NULL);
}

TEST_MAIN_BEGIN
TEST_CASE(assert_failure_names_rule_and_call_site)
TEST_CASE(nt_verify_evaluates_and_returns)
TEST_CASE(bugcheck_reports_code_and_parameters)
TEST_CASE(fail_fast_reports_code)
TEST_CASE(breakpoint_may_continue)
TEST_CASE(paged_code_above_apc_is_reported)
TEST_CASE(hook_can_be_read_back_for_chaining)
TEST_MAIN_END
