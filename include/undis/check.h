/* SPDX-License-Identifier: MIT */
/*
 * undis <undis/check.h>: structure checkers. Each says whether an MDL chain,
 * a NET_BUFFER or a NET_BUFFER_LIST keeps the invariants NDIS relies on, and
 * if not, which one it breaks, by a stable rule id. They read only, never
 * change anything, and are what the tests, the fuzzers and the verifier all
 * use. Any thread; the object must not change during the call.
 *
 * The invariants (docs/check.md explains each):
 *
 * MDL chain
 *   MDL_CHAIN_CYCLE         the Next links come back to an MDL already seen
 *   MDL_CHAIN_TOO_LONG      more than UNDIS_CHECK_MAX_CHAIN MDLs
 *   MDL_BYTE_OFFSET_RANGE   ByteOffset >= PAGE_SIZE
 *   MDL_START_VA_UNALIGNED  StartVa is not page-aligned
 *   MDL_SIZE_TOO_SMALL      Size < sizeof(MDL) + PFNs for ByteOffset+ByteCount
 *   MDL_MAPPED_VA_MISMATCH  a mapped MDL's MappedSystemVa != StartVa+ByteOffset
 * NET_BUFFER (after its chain passes)
 *   NB_DATA_BEYOND_CHAIN    DataOffset + DataLength > bytes in the chain
 *   NB_CURRENT_MDL_NOT_IN_CHAIN  CurrentMdl is not an MDL of MdlChain
 *   NB_CURRENT_OFFSET_BEYOND_MDL CurrentMdlOffset > CurrentMdl->ByteCount
 *                           (allowed for the MDL embedded right after the NB,
 *                           where Windows' advance with FreeMdl leaves it)
 *   NB_CURRENT_POSITION_MISMATCH bytes before CurrentMdl + CurrentMdlOffset
 *                           != DataOffset (with CurrentMdl NULL: chain bytes
 *                           + CurrentMdlOffset != DataOffset)
 * NET_BUFFER_LIST
 *   NBL_NB_CYCLE            the NET_BUFFER Next links loop
 *
 * A position with CurrentMdlOffset == CurrentMdl->ByteCount ("not
 * normalised") is allowed: Windows itself leaves such positions (an advance
 * with FreeMdl that stops at a pool's embedded MDL) and drivers must cope.
 */
#ifndef UNDIS_CHECK_H
#define UNDIS_CHECK_H

#include <stddef.h>

#include "../ndis.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum undis_check_rule {
    UNDIS_CHECK_OK = 0,
    UNDIS_CHECK_MDL_CHAIN_CYCLE,
    UNDIS_CHECK_MDL_CHAIN_TOO_LONG,
    UNDIS_CHECK_MDL_BYTE_OFFSET_RANGE,
    UNDIS_CHECK_MDL_START_VA_UNALIGNED,
    UNDIS_CHECK_MDL_SIZE_TOO_SMALL,
    UNDIS_CHECK_MDL_MAPPED_VA_MISMATCH,
    UNDIS_CHECK_NB_DATA_BEYOND_CHAIN,
    UNDIS_CHECK_NB_CURRENT_MDL_NOT_IN_CHAIN,
    UNDIS_CHECK_NB_CURRENT_OFFSET_BEYOND_MDL,
    UNDIS_CHECK_NB_CURRENT_POSITION_MISMATCH,
    UNDIS_CHECK_NBL_NB_CYCLE,
    UNDIS_CHECK_RULE_COUNT
} undis_check_rule;

/** Longest MDL chain the checker accepts. */
#define UNDIS_CHECK_MAX_CHAIN 65536

/**
 * undis_mdl_chain_check - check the chain starting at Mdl (NULL is a valid,
 * empty chain).
 * @param why  if non-NULL, receives a one-line explanation naming the rule
 *             and the values involved (truncated to why_len, NUL-terminated).
 * @return UNDIS_CHECK_OK or the first rule broken.
 */
undis_check_rule undis_mdl_chain_check(const MDL *Mdl, char *why, size_t why_len);

/** undis_nb_check - check a NET_BUFFER and its MDL chain (see above). */
undis_check_rule undis_nb_check(const NET_BUFFER *NetBuffer, char *why, size_t why_len);

/** undis_nbl_check - check a NET_BUFFER_LIST's NET_BUFFERs, each in turn. */
undis_check_rule undis_nbl_check(const NET_BUFFER_LIST *NetBufferList, char *why, size_t why_len);

/** The stable name of a rule ("NB_DATA_BEYOND_CHAIN"), or "UNKNOWN". */
const char *undis_check_rule_name(undis_check_rule rule);

#ifdef __cplusplus
}
#endif

#endif /* UNDIS_CHECK_H */
