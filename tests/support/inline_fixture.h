/* SPDX-License-Identifier: MIT */
/*
 * tests/support/inline_fixture.h: what the tests of the inline fast paths
 * (tests/test_nb_inline*.c) share: a report counter, the verifier level,
 * the mapping-fault probe, and pool NET_BUFFERs with every byte defined.
 */
#ifndef UNDIS_TEST_SUPPORT_INLINE_FIXTURE_H
#define UNDIS_TEST_SUPPORT_INLINE_FIXTURE_H

#include <ndis.h>
#include <undis/verifier.h>

/* The verifier's reports since it was last zeroed, and the first one's rule. */
struct inline_capture {
    unsigned n;
    undis_rule rule;
};
extern struct inline_capture g_icap;

/* Installs the report function that counts into g_icap and sets the level. */
void level(int lvl);

/* Whether "the next mapping fails" is still armed: one mapping attempt on a
 * scratch MDL (which consumes it). */
int map_fault_armed(void);

/* An NBL pool with an NB and `data_size` bytes of data per NBL; fails the
 * case if refused. */
NDIS_HANDLE data_pool(ULONG data_size);

/* Every byte of a pool NB and of its data written: the tests compare whole
 * NB images and copies, and a pool may skip storing zeroes over memory that
 * is zero already, which valgrind cannot tell from memory never written. */
void define_nb_bytes(NET_BUFFER *nb);

#endif /* UNDIS_TEST_SUPPORT_INLINE_FIXTURE_H */
