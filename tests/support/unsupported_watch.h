/* SPDX-License-Identifier: MIT */
/*
 * unsupported_watch.h: the fixture of the tests of functions that cannot
 * work in user mode: watch() catches reports through the hook, and
 * check_reported_once(name) requires exactly one NOT_SUPPORTED_IN_USER_MODE
 * notice (kernel domain) naming that function since watch(). Include after
 * "test.h"; one copy per test file (static).
 */
#ifndef UNDIS_TEST_UNSUPPORTED_WATCH_H
#define UNDIS_TEST_UNSUPPORTED_WATCH_H

#include <stdio.h>
#include <string.h>

#include <undis/report.h>

static struct {
    int count;
    undis_rule rule;
    undis_domain domain;
    char function[96];
} g_seen;

static undis_report_action
record(const undis_report *r, void *context)
{
    (void)context;
    g_seen.count++;
    g_seen.rule = r->rule;
    g_seen.domain = r->domain;
    snprintf(g_seen.function, sizeof(g_seen.function), "%s",
             r->function != NULL ? r->function : "");
    return UNDIS_REPORT_CONTINUE;
}

static void
watch(void)
{
    memset(&g_seen, 0, sizeof(g_seen));
    undis_report_set_hook(record, NULL);
}

/* Exactly one notice since watch(), naming name. */
static void
check_reported_once(const char *name)
{
    CHECK_EQ_INT(g_seen.count, 1);
    CHECK_EQ_INT((int)g_seen.rule, (int)UNDIS_RULE_NOT_SUPPORTED_IN_USER_MODE);
    CHECK_EQ_INT((int)g_seen.domain, (int)UNDIS_DOMAIN_KERNEL);
    CHECK_STR_EQ(g_seen.function, name);
}

#endif /* UNDIS_TEST_UNSUPPORTED_WATCH_H */
