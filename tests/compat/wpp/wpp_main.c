/* SPDX-License-Identifier: MIT */
/*
 * wpp_main.c: runs the WPP-traced fixture driver and prints its trace lines
 * (DbgPrint, through a sink) to stdout, under three settings: the one
 * WPP_INIT_TRACING reads from UNDIS_WPP_LEVEL / UNDIS_WPP_FLAGS (set by the
 * test), everything on (a second WPP_INIT_TRACING keeps it), and everything off. CTest checks the
 * lines.
 */
#include <stdio.h>

#include <ndis.h>
#include <undis/rt.h>
#include <undis/wpp.h>

#include "fixture.h"

static void
sink(ULONG component, ULONG level, const char *text, void *context)
{
    (void)component;
    (void)level;
    (void)context;
    fputs(text, stdout);
}

static void
run(const char *title)
{
    printf("-- %s\n", title);
    fixture_receive(60);
    fixture_driver_unload(NULL);
}

int
main(void)
{
    undis_rt_set_dbgprint_sink(sink, NULL);
    printf("-- init\n");
    (void)fixture_driver_entry(NULL, NULL);
    run("from the environment");
    undis_wpp_set(TRACE_LEVEL_VERBOSE, 0xffffffffu);
    printf("-- all\n");
    (void)fixture_driver_entry(NULL, NULL);
    run("all, again");
    undis_wpp_set(0, 0);
    run("off");
    return 0;
}
