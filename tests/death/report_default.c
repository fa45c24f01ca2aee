/* SPDX-License-Identifier: MIT */
/*
 * report_default.c - the default of the one report path (<undis/report.h>):
 * each mode makes one report and expects the default to print it and end
 * the process, except the notice, which prints and goes on.
 *
 * usage: report_default MODE
 *   kernel-bugcheck      KeBugCheckEx with no hook: the runtime's line, the
 *                        rationale, abort
 *   nt-assert            a failed NT_ASSERT (DBG build) with no hook
 *   hook-answers-abort   a hook answers UNDIS_REPORT_ABORT to a verifier
 *                        report: the default prints the verifier's block
 *                        with the NET_BUFFER picture and aborts
 *   fatal-hook-continues a hook answers UNDIS_REPORT_CONTINUE to a fatal
 *                        report (the default NetFreeMdl given a foreign
 *                        MDL): the process still ends
 *   unsupported-notice   NOT_SUPPORTED_IN_USER_MODE, twice, with no hook:
 *                        printed once, and the program goes on
 *
 * Prints "death: advancing" before the report and "death: survived" if the
 * program goes on after it.
 */
#define DBG 1

#include <stdio.h>
#include <string.h>

#include <ndis.h>
#include <undis/report.h>
#include <undis/verifier.h>

/* Internal entry points (src/base/report.h, src/datapath/mdl_default.c). */
void undis__report_unsupported(const char *function);
NET_BUFFER_FREE_MDL undis__default_free_mdl;

static UCHAR g_frame[128];
static volatile int g_zero;

static void
advancing(void)
{
    printf("death: advancing\n");
    fflush(stdout);
}

static undis_report_action
answer_abort(const undis_report *report, void *ctx)
{
    (void)report;
    (void)ctx;
    return UNDIS_REPORT_ABORT;
}

static undis_report_action
answer_continue(const undis_report *report, void *ctx)
{
    (void)report;
    (void)ctx;
    return UNDIS_REPORT_CONTINUE;
}

static void
hook_answers_abort(void)
{
    NET_BUFFER nb;
    PMDL mdl = NdisAllocateMdl(NULL, g_frame, 100);
    memset(&nb, 0, sizeof(nb));
    nb.MdlChain = mdl;
    nb.CurrentMdl = mdl;
    nb.DataLength = 100;
    undis_report_set_hook(answer_abort, NULL);
    (void)undis_verifier_set_level(1);
    advancing();
    NdisAdvanceNetBufferDataStart(&nb, 101, FALSE, NULL);
}

static void
fatal_hook_continues(void)
{
    PMDL foreign = NdisAllocateMdl(NULL, g_frame, 16);
    undis_report_set_hook(answer_continue, NULL);
    advancing();
    undis__default_free_mdl(foreign);
}

int
main(int argc, char **argv)
{
    const char *mode = argc == 2 ? argv[1] : "";
    if (strcmp(mode, "kernel-bugcheck") == 0) {
        advancing();
        KeBugCheckEx(BUGCODE_NDIS_DRIVER, 0x21, 2, 3, 4);
    } else if (strcmp(mode, "nt-assert") == 0) {
        advancing();
        NT_ASSERT(g_zero == 1);
    } else if (strcmp(mode, "hook-answers-abort") == 0) {
        hook_answers_abort();
    } else if (strcmp(mode, "fatal-hook-continues") == 0) {
        fatal_hook_continues();
    } else if (strcmp(mode, "unsupported-notice") == 0) {
        advancing();
        undis__report_unsupported("UndisDeathRoutine");
        undis__report_unsupported("UndisDeathRoutine");
    } else {
        fprintf(stderr,
                "usage: %s kernel-bugcheck|nt-assert|hook-answers-abort|fatal-hook-continues|"
                "unsupported-notice\n",
                argv[0]);
        return 2;
    }
    printf("death: survived\n");
    return 0;
}
