/* SPDX-License-Identifier: MIT */
/*
 * tests/support/verifier_fixture.h: the fixture of the verifier tests
 * (tests/test_verifier*.c): a per-case start, a capturing report function,
 * NET_BUFFERs over a static arena, pools, and a driver's own
 * NetAllocateMdl / NetFreeMdl pair plus two broken allocators.
 *
 * The level and the report function are process-wide: every test sets them
 * with verify_begin() and puts level 0 and the default back with
 * verify_end() (CTest runs each case in its own process anyway; all cases
 * also run in one process under valgrind, tests/memcheck). Not thread-safe.
 */
#ifndef UNDIS_TEST_SUPPORT_VERIFIER_FIXTURE_H
#define UNDIS_TEST_SUPPORT_VERIFIER_FIXTURE_H

#include <ndis.h>
#include <undis/verifier.h>

#include "test.h"

/* Counters of the driver pair (drv_*), the last MDL it made, and the
 * baselines begin_case() took: undis_alloc_outstanding() and
 * undis_alloc_failed_count(). */
extern unsigned g_allocs, g_frees;
extern PMDL g_last;
extern unsigned long long g_out0, g_failed0;

/* Every case starts here: zeroes the counters, clears the fault schedule,
 * level 0 with the default report function, takes the baselines. */
void begin_case(void);

/* The first report since verify_begin() (n counts them all). */
struct verifier_capture {
    unsigned n;
    undis_rule rule;
    char call[80];
    char reason[512];
    char history[512];
    const void *object;
    const NET_BUFFER *nb;
    const NET_BUFFER_LIST *nbl;
};
extern struct verifier_capture g_cap;

/* Clears g_cap and the verifier's counts, installs the capturing report
 * function and sets `level` (checked). */
void verify_begin(int level);
/* Level 0 and the default report function again. */
void verify_end(void);

/* Exactly one report, of this rule, from this call. */
#define EXPECT_REPORT(rule_, call_)                                                         \
    do {                                                                                    \
        CHECK_EQ_U32(g_cap.n, 1);                                                           \
        CHECK_STR_EQ(undis_rule_name(g_cap.rule), #rule_);                                  \
        CHECK_EQ_INT((int)g_cap.rule, (int)UNDIS_RULE_##rule_);                             \
        CHECK_STR_EQ(g_cap.call, call_);                                                    \
        CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_##rule_), (unsigned long long)1); \
        CHECK_EQ_U64(undis_verifier_report_count(), 1);                                     \
    } while (0)

#define EXPECT_NO_REPORT()                              \
    do {                                                \
        CHECK_EQ_U32(g_cap.n, 0);                       \
        CHECK_EQ_U64(undis_verifier_report_count(), 0); \
    } while (0)

/* 8 KiB of static buffer that MDLs may describe (its bytes are never checked). */
extern UCHAR g_arena[8192];

/* A mapped IoAllocateMdl MDL over [buf, buf + len) (free with IoFreeMdl). */
PMDL mdl_over(UCHAR *buf, ULONG len);
/* An NB over one arena MDL of mdl_len bytes, data at [off, off + len). */
void nb_one(NET_BUFFER *nb, ULONG mdl_len, ULONG off, ULONG len);
/* A driver's two-MDL NB: a 14-byte header MDL then a 100-byte payload MDL,
 * both the driver's own (no retreat made them). */
void nb_two(NET_BUFFER *nb);
/* IoFreeMdl of every MDL in nb's chain; the chain becomes NULL. */
void nb_free_mdls(NET_BUFFER *nb);

/* Pools with tag "TEST" and protocol id 0; fail the case if refused. */
NDIS_HANDLE nbl_pool(USHORT context_size, BOOLEAN alloc_nb, ULONG data_size);
NDIS_HANDLE nb_pool(ULONG data_size);

/* The driver's own pair: MDL and buffer from malloc, counted in g_allocs /
 * g_frees; g_last is the last MDL made (a test frees the ones a report left
 * behind with drv_free). */
PMDL drv_mdl(ULONG size);
PMDL drv_alloc(PULONG BufferSize);
VOID drv_free(PMDL Mdl);
/* Another driver's free routine (never pairs with drv_alloc). */
VOID other_free(PMDL Mdl);
/* Broken allocators: lowers *BufferSize by one; returns an MDL 8 bytes
 * bigger than *BufferSize says. */
PMDL drv_alloc_small(PULONG BufferSize);
PMDL drv_alloc_mismatch(PULONG BufferSize);

#endif /* UNDIS_TEST_SUPPORT_VERIFIER_FIXTURE_H */
