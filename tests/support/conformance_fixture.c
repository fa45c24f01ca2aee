/* SPDX-License-Identifier: MIT */
/* tests/support/conformance_fixture.c: see conformance_fixture.h. */
#include "support/conformance_fixture.h"

#include <string.h>

#include <undis/fault.h>

struct rec_state g;

void
rec_reset(const NET_BUFFER *watch)
{
    memset(&g, 0, sizeof(g));
    g.watch = watch;
    undis_fault_clear();
}

PMDL
rec_alloc(PULONG BufferSize)
{
    int i = g.allocs;
    CHECK(i < MAX_CALLS);
    g.allocs++;
    g.asked[i] = *BufferSize;
    if (g.watch != NULL) {
        g.seen_at_alloc[i] = *g.watch;
    }
    if (g.fail) {
        *BufferSize = 0x7777; /* must be ignored */
        return NULL;
    }
    if (g.enlarge_to > *BufferSize) {
        *BufferSize = g.enlarge_to;
    }
    CHECK(*BufferSize <= SLOT_BYTES);
    g.given[i] = mdl_make(&g.slots[i].t, g.slots[i].buf, *BufferSize, (UCHAR)(0xB0 + i));
    return g.given[i];
}

VOID
rec_free(PMDL Mdl)
{
    int i = g.frees;
    CHECK(i < MAX_CALLS);
    g.frees++;
    g.freed[i] = Mdl;
    if (g.watch != NULL) {
        g.seen_at_free[i] = *g.watch;
    }
}

void
v3_setup(struct v3 *s)
{
    struct bytes e = { { 0 }, 0 };
    s->a = mdl_make(&s->ta, s->a_buf, 100, 0x10);
    s->b = mdl_make(&s->tb, s->b_buf, 1000, 0x60);
    s->a->Next = s->b;
    nb_set(&s->nb, s->a, 120, 900, s->b, 20);
    rec_reset(&s->nb);
    EXPECT_NB(&s->nb, CHAIN(s->a, s->b), 120, 900, s->b, 20);
    cat(&e, s->b_buf + 20, 900);
    EXPECT_BYTES(&s->nb, e.b, e.n);
}

void
v15_setup(struct v15 *s, ULONG off, ULONG len, ULONG cur_off)
{
    s->a = mdl_make(&s->ta, s->a_buf, 100, 0x10);
    s->b = mdl_make(&s->tb, s->b_buf, 100, 0x60);
    s->a->Next = s->b;
    nb_set(&s->nb, s->a, off, len, s->a, cur_off);
    EXPECT_NB(&s->nb, CHAIN(s->a, s->b), off, len, s->a, cur_off);
    memcpy(&s->nb_before, &s->nb, sizeof(NET_BUFFER));
    memset(s->storage, 0xEE, sizeof(s->storage));
}
