/* SPDX-License-Identifier: MIT */
/*
 * conformance.c: `undis conformance` replays the data-path conformance
 * vectors of the undis specification (appendix A: expected Windows results)
 * against the library and prints each NET_BUFFER state in the spec's own
 * notation, {chain; DataOffset; DataLength; CurrentMdl@CurrentMdlOffset},
 * next to the expected one.
 */
#include "undis_tool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ndis.h>
#include <undis/fault.h>

#define MAX_MDLS 8

/* A little world per vector: named MDLs over one arena, and the NB. */
struct world {
    NET_BUFFER nb;
    PMDL mdl[MAX_MDLS];
    char name[MAX_MDLS];
    int count;
    char calls[128]; /* handler calls, e.g. "H(62) F(N) F(A)" */
};

static struct world *g_world; /* the handlers record into the current world */
static ULONG g_enlarge_to;    /* H sets *BufferSize to this when non-zero */
static int g_fail;            /* H fails when set */

/* Append one handler call ("H(62)", "F(N)") to the world's call log. */
static void
note(const char *call)
{
    size_t len = strlen(g_world->calls);
    snprintf(g_world->calls + len, sizeof(g_world->calls) - len, "%s%s", len ? " " : "", call);
}

static PMDL
add_mdl(struct world *w, char name, ULONG size, PUCHAR buf)
{
    PMDL mdl = IoAllocateMdl(buf, size, FALSE, FALSE, NULL);
    if (mdl == NULL) {
        fprintf(stderr, "undis: out of memory\n");
        exit(2);
    }
    if (size != 0) {
        MmBuildMdlForNonPagedPool(mdl);
    }
    w->mdl[w->count] = mdl;
    w->name[w->count++] = name;
    return mdl;
}

static char
name_of(const struct world *w, const MDL *mdl)
{
    for (int i = 0; i < w->count; i++) {
        if (w->mdl[i] == mdl) {
            return w->name[i];
        }
    }
    return mdl == NULL ? '-' : '?';
}

static void
format_nb(const struct world *w, char *out, size_t len)
{
    size_t n = (size_t)snprintf(out, len, "{");
    const NET_BUFFER *nb = &w->nb;
    if (nb->MdlChain == NULL) {
        n += (size_t)snprintf(out + n, len - n, "NULL");
    }
    for (const MDL *m = nb->MdlChain; m != NULL && n < len; m = m->Next) {
        n += (size_t)snprintf(out + n, len - n, "%s%c(%u)", m == nb->MdlChain ? "" : "->",
                              name_of(w, m), (unsigned)m->ByteCount);
    }
    if (n < len) {
        char cur[8] = "NULL";
        if (nb->CurrentMdl != NULL) {
            cur[0] = name_of(w, nb->CurrentMdl);
            cur[1] = '\0';
        }
        snprintf(out + n, len - n, "; %u; %u; %s@%u}", (unsigned)nb->DataOffset,
                 (unsigned)nb->DataLength, cur, (unsigned)nb->CurrentMdlOffset);
    }
}

static PMDL
handler_h(PULONG BufferSize)
{
    static UCHAR arena[2][256];
    static int next;
    char call[24];
    snprintf(call, sizeof(call), "H(%u)", (unsigned)*BufferSize);
    note(call);
    if (g_fail) {
        return NULL;
    }
    if (g_enlarge_to != 0) {
        *BufferSize = g_enlarge_to;
    }
    return add_mdl(g_world, 'N', *BufferSize, arena[next++ & 1]);
}

static void
handler_f(PMDL Mdl)
{
    char call[8] = { 'F', '(', name_of(g_world, Mdl), ')', 0 };
    note(call);
}

static void
world_init(struct world *w, const ULONG *sizes, int count, ULONG offset, ULONG length)
{
    static UCHAR arena[4096];
    ULONG at = 0;
    memset(w, 0, sizeof(*w));
    g_world = w;
    g_enlarge_to = 0;
    g_fail = 0;
    for (int i = 0; i < count; i++) {
        PMDL m = add_mdl(w, (char)('A' + i), sizes[i], arena + at);
        if (i > 0) {
            w->mdl[i - 1]->Next = m;
        }
        at += sizes[i];
    }
    w->nb.MdlChain = count > 0 ? w->mdl[0] : NULL;
    w->nb.DataOffset = offset;
    w->nb.DataLength = length;
    NdisAdjustNetBufferCurrentMdl(&w->nb);
}

static void
world_free(struct world *w)
{
    for (int i = 0; i < w->count; i++) {
        if (w->name[i] != 'D') {
            IoFreeMdl(w->mdl[i]);
        }
    }
}

struct vector {
    const char *id;
    const char *what;
    const char *expect; /* state, then " | calls" when handlers are called */
    void (*run)(struct world *w, char *extra, size_t len);
};

static const ULONG ab[] = { 100, 1000 };

static void
v1(struct world *w, char *x, size_t n)
{
    static const ULONG a[] = { 200 };
    (void)x, (void)n;
    world_init(w, a, 1, 100, 50);
    (void)NdisRetreatNetBufferDataStart(&w->nb, 40, 0, handler_h);
}

static void
v2(struct world *w, char *x, size_t n)
{
    static const ULONG a[] = { 200 };
    (void)x, (void)n;
    world_init(w, a, 1, 100, 50);
    (void)NdisRetreatNetBufferDataStart(&w->nb, 100, 0, handler_h);
}

static void
v3(struct world *w, char *x, size_t n)
{
    (void)x, (void)n;
    world_init(w, ab, 2, 120, 900);
    (void)NdisRetreatNetBufferDataStart(&w->nb, 50, 0, handler_h);
}

static void
v4(struct world *w, char *x, size_t n)
{
    (void)x, (void)n;
    world_init(w, ab, 2, 120, 900);
    (void)NdisRetreatNetBufferDataStart(&w->nb, 150, 32, handler_h);
}

static void
v5(struct world *w, char *x, size_t n)
{
    (void)x, (void)n;
    world_init(w, ab, 2, 120, 900);
    g_enlarge_to = 128;
    (void)NdisRetreatNetBufferDataStart(&w->nb, 150, 32, handler_h);
}

static void
v6(struct world *w, char *x, size_t n)
{
    NET_BUFFER before;
    NDIS_STATUS st;
    world_init(w, ab, 2, 120, 900);
    g_fail = 1;
    before = w->nb;
    st = NdisRetreatNetBufferDataStart(&w->nb, 150, 32, handler_h);
    snprintf(x, n, " status 0x%08X, NB %s", (unsigned)st,
             memcmp(&before, &w->nb, sizeof(before)) == 0 ? "unchanged" : "CHANGED");
}

static void
v7(struct world *w, char *x, size_t n)
{
    (void)x, (void)n;
    v4(w, x, n);
    NdisAdvanceNetBufferDataStart(&w->nb, 150, FALSE, handler_f);
    (void)NdisRetreatNetBufferDataStart(&w->nb, 150, 32, handler_h);
}

static void
v8(struct world *w, char *x, size_t n)
{
    v4(w, x, n);
    NdisAdvanceNetBufferDataStart(&w->nb, 150, TRUE, handler_f);
}

static void
v9(struct world *w, char *x, size_t n)
{
    char mid[96];
    world_init(w, NULL, 0, 0, 0);
    (void)NdisRetreatNetBufferDataStart(&w->nb, 1514, 64, NULL);
    w->mdl[w->count] = w->nb.MdlChain;
    w->name[w->count++] = 'D';
    format_nb(w, mid, sizeof(mid));
    NdisAdvanceNetBufferDataStart(&w->nb, 1514, TRUE, NULL);
    snprintf(x, n, " after Retreat(1514,64,NULL) %s", mid);
}

static void
v10(struct world *w, char *x, size_t n)
{
    static const ULONG a[] = { 100 };
    (void)x, (void)n;
    world_init(w, a, 1, 0, 100);
    NdisAdvanceNetBufferDataStart(&w->nb, 100, FALSE, handler_f);
}

static void
v11(struct world *w, char *x, size_t n)
{
    static const ULONG a[] = { 0, 100 };
    (void)x, (void)n;
    world_init(w, a, 2, 0, 100);
    w->nb.CurrentMdl = w->mdl[0];
    NdisAdjustNetBufferCurrentMdl(&w->nb);
}

static const struct vector vectors[] = {
    { "A.1", "Retreat(40) inside the backfill", "{A(200); 60; 90; A@60}", v1 },
    { "A.2", "Retreat(100): all of the backfill", "{A(200); 0; 150; A@0}", v2 },
    { "A.3", "Retreat(50) back into an earlier MDL", "{A(100)->B(1000); 70; 950; A@70}", v3 },
    { "A.4", "Retreat(150,32): handler asked for 62",
      "{N(62)->A(100)->B(1000); 32; 1050; N@32} | H(62)", v4 },
    { "A.5", "as A.4, handler enlarges to 128", "{N(128)->A(100)->B(1000); 98; 1050; N@98} | H(62)",
      v5 },
    { "A.6", "as A.4, handler fails",
      "{A(100)->B(1000); 120; 900; B@20} status 0xC000009A, NB unchanged | H(62)", v6 },
    { "A.7", "A.4, Advance(150,FALSE), Retreat(150,32)",
      "{N(62)->A(100)->B(1000); 32; 1050; N@32} | H(62)", v7 },
    { "A.8", "A.4, then Advance(150,TRUE)", "{B(1000); 20; 900; B@20} | H(62) F(N) F(A)", v8 },
    { "A.9", "default allocator on an empty NB",
      "{NULL; 0; 0; NULL@0} after Retreat(1514,64,NULL) {D(1578); 64; 1514; D@64}", v9 },
    { "A.10", "Advance(100,FALSE) to the chain's end", "{A(100); 100; 0; NULL@0}", v10 },
    { "A.11", "Adjust skips a zero-length MDL", "{A(0)->B(100); 0; 100; B@0}", v11 },
};

int
undis_tool_conformance(int quiet)
{
    int failed = 0;
    size_t count = sizeof(vectors) / sizeof(vectors[0]);
    unsigned long long outstanding = undis_alloc_outstanding();
    for (size_t i = 0; i < count; i++) {
        struct world w;
        char got[256], extra[160] = "";
        vectors[i].run(&w, extra, sizeof(extra));
        format_nb(&w, got, sizeof(got));
        strncat(got, extra, sizeof(got) - strlen(got) - 1);
        if (w.calls[0] != '\0') {
            strncat(got, " | ", sizeof(got) - strlen(got) - 1);
            strncat(got, w.calls, sizeof(got) - strlen(got) - 1);
        }
        int ok = strcmp(got, vectors[i].expect) == 0;
        failed += !ok;
        if (!quiet || !ok) {
            printf("%-5s %-4s %s\n", vectors[i].id, ok ? "ok" : "FAIL", vectors[i].what);
            printf("      got    %s\n", got);
            if (!ok) {
                printf("      expect %s\n", vectors[i].expect);
            }
        }
        world_free(&w);
    }
    if (undis_alloc_outstanding() != outstanding) {
        printf("FAIL: %llu allocations outstanding after the vectors\n",
               undis_alloc_outstanding() - outstanding);
        failed++;
    }
    printf("%zu vectors: %zu passed, %d failed\n", count, count - (size_t)failed, failed);
    return failed == 0 ? 0 : 1;
}
