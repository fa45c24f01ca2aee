/* SPDX-License-Identifier: MIT */
/* verifier_none.c: the verifier stand-in for builds without the verifier. */
#include "verifier.h"

int
tool_verifier_available(void)
{
    return 0;
}

const char *
tool_verifier_describe(void)
{
    return "verifier not available in this build";
}

int
tool_verifier_start(int level)
{
    (void)level;
    return -1;
}

unsigned long long
tool_verifier_findings(tool_verifier_finding_fn *fn, void *ctx)
{
    (void)fn;
    (void)ctx;
    return 0;
}

void
tool_verifier_stop(void)
{
}

int
tool_verifier_mark(const NET_BUFFER *nb, const MDL *mdl, char *tag, size_t tag_len)
{
    (void)nb;
    (void)mdl;
    (void)tag;
    (void)tag_len;
    return 0;
}
