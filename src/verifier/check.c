/* SPDX-License-Identifier: MIT */
/*
 * check.c: the structure checkers of <undis/check.h>. Pure: they read and
 * never write, and they stop at the first broken rule.
 */
#include "base/internal.h"

#include <stdarg.h>
#include <stdio.h>

#include <undis/check.h>

static const char *const rule_names[UNDIS_CHECK_RULE_COUNT] = {
    "OK",
    "MDL_CHAIN_CYCLE",
    "MDL_CHAIN_TOO_LONG",
    "MDL_BYTE_OFFSET_RANGE",
    "MDL_START_VA_UNALIGNED",
    "MDL_SIZE_TOO_SMALL",
    "MDL_MAPPED_VA_MISMATCH",
    "NB_DATA_BEYOND_CHAIN",
    "NB_CURRENT_MDL_NOT_IN_CHAIN",
    "NB_CURRENT_OFFSET_BEYOND_MDL",
    "NB_CURRENT_POSITION_MISMATCH",
    "NBL_NB_CYCLE",
};

const char *
undis_check_rule_name(undis_check_rule rule)
{
    if ((unsigned)rule >= UNDIS_CHECK_RULE_COUNT) {
        return "UNKNOWN";
    }
    return rule_names[rule];
}

static UNDIS_PRINTF(4, 5) undis_check_rule
    fail(undis_check_rule rule, char *why, size_t why_len, const char *fmt, ...)
{
    if (why != NULL && why_len > 0) {
        va_list ap;
        int n = snprintf(why, why_len, "%s: ", rule_names[rule]);
        if (n >= 0 && (size_t)n < why_len) {
            va_start(ap, fmt);
            vsnprintf(why + n, why_len - (size_t)n, fmt, ap);
            va_end(ap);
        }
    }
    return rule;
}

static undis_check_rule
ok(char *why, size_t why_len)
{
    if (why != NULL && why_len > 0) {
        why[0] = '\0';
    }
    return UNDIS_CHECK_OK;
}

static undis_check_rule
mdl_check_one(const MDL *m, size_t index, char *why, size_t why_len)
{
    const PVOID va = MmGetMdlVirtualAddress(m);
    size_t need =
        sizeof(MDL) + sizeof(PFN_NUMBER) * ADDRESS_AND_SIZE_TO_SPAN_PAGES(va, m->ByteCount);
    if (m->ByteOffset >= PAGE_SIZE) {
        return fail(UNDIS_CHECK_MDL_BYTE_OFFSET_RANGE, why, why_len,
                    "MDL #%zu (%p) has ByteOffset %u, not below PAGE_SIZE", index, (const void *)m,
                    (unsigned)m->ByteOffset);
    }
    if (BYTE_OFFSET(m->StartVa) != 0) {
        return fail(UNDIS_CHECK_MDL_START_VA_UNALIGNED, why, why_len,
                    "MDL #%zu (%p) has StartVa %p, not page-aligned", index, (const void *)m,
                    m->StartVa);
    }
    if (m->Size < 0 || (size_t)m->Size < need) {
        return fail(UNDIS_CHECK_MDL_SIZE_TOO_SMALL, why, why_len,
                    "MDL #%zu (%p) has Size %d, but describing %u bytes at offset %u needs %zu",
                    index, (const void *)m, (int)m->Size, (unsigned)m->ByteCount,
                    (unsigned)m->ByteOffset, need);
    }
    if ((m->MdlFlags & (MDL_MAPPED_TO_SYSTEM_VA | MDL_SOURCE_IS_NONPAGED_POOL)) != 0 &&
        m->MappedSystemVa != va) {
        return fail(UNDIS_CHECK_MDL_MAPPED_VA_MISMATCH, why, why_len,
                    "MDL #%zu (%p) is mapped (MdlFlags 0x%04x) at %p, but its buffer is at %p",
                    index, (const void *)m, (unsigned)(unsigned short)m->MdlFlags,
                    m->MappedSystemVa, va);
    }
    return UNDIS_CHECK_OK;
}

undis_check_rule
undis_mdl_chain_check(const MDL *Mdl, char *why, size_t why_len)
{
    const MDL *slow = Mdl;
    const MDL *m = Mdl;
    size_t index = 0;
    for (; m != NULL; m = m->Next, index++) {
        undis_check_rule r = mdl_check_one(m, index, why, why_len);
        if (r != UNDIS_CHECK_OK) {
            return r;
        }
        if (index >= UNDIS_CHECK_MAX_CHAIN) {
            return fail(UNDIS_CHECK_MDL_CHAIN_TOO_LONG, why, why_len,
                        "the chain at %p has more than %d MDLs", (const void *)Mdl,
                        UNDIS_CHECK_MAX_CHAIN);
        }
        /* Floyd: `slow` moves one step for every two of `m`. */
        if ((index & 1) != 0) {
            slow = slow->Next;
        }
        if (index > 0 && slow == m->Next) {
            return fail(UNDIS_CHECK_MDL_CHAIN_CYCLE, why, why_len,
                        "the chain at %p loops back to MDL %p", (const void *)Mdl,
                        (const void *)m->Next);
        }
    }
    return ok(why, why_len);
}

/* Bytes in the chain before `target` (or in the whole chain if it is NULL);
 * *found says whether target was met. */
static ULONGLONG
chain_bytes_before(const MDL *chain, const MDL *target, int *found)
{
    ULONGLONG bytes = 0;
    *found = 0;
    for (const MDL *m = chain; m != NULL; m = m->Next) {
        if (m == target) {
            *found = 1;
            return bytes;
        }
        bytes += m->ByteCount;
    }
    return bytes;
}

static undis_check_rule
nb_check_position(const NET_BUFFER *nb, char *why, size_t why_len)
{
    int found;
    ULONGLONG before = chain_bytes_before(nb->MdlChain, nb->CurrentMdl, &found);
    if (nb->CurrentMdl != NULL && !found) {
        return fail(UNDIS_CHECK_NB_CURRENT_MDL_NOT_IN_CHAIN, why, why_len,
                    "CurrentMdl %p is not in the MDL chain at %p", (const void *)nb->CurrentMdl,
                    (const void *)nb->MdlChain);
    }
    /* Windows leaves CurrentMdl at the MDL embedded after the NB with the
     * offset past its end when an advance with FreeMdl stops there. */
    if (nb->CurrentMdl != NULL && nb->CurrentMdlOffset > nb->CurrentMdl->ByteCount &&
        nb->CurrentMdl != (const MDL *)(const void *)(nb + 1)) {
        return fail(UNDIS_CHECK_NB_CURRENT_OFFSET_BEYOND_MDL, why, why_len,
                    "CurrentMdlOffset %u is beyond CurrentMdl's %u bytes",
                    (unsigned)nb->CurrentMdlOffset, (unsigned)nb->CurrentMdl->ByteCount);
    }
    if (before + nb->CurrentMdlOffset != nb->DataOffset) {
        return fail(UNDIS_CHECK_NB_CURRENT_POSITION_MISMATCH, why, why_len,
                    "CurrentMdl %p at offset %u is chain byte %llu, but DataOffset is %u",
                    (const void *)nb->CurrentMdl, (unsigned)nb->CurrentMdlOffset,
                    before + nb->CurrentMdlOffset, (unsigned)nb->DataOffset);
    }
    return UNDIS_CHECK_OK;
}

undis_check_rule
undis_nb_check(const NET_BUFFER *NetBuffer, char *why, size_t why_len)
{
    const NET_BUFFER *nb = NetBuffer;
    int found;
    ULONGLONG total;
    undis_check_rule r = undis_mdl_chain_check(nb->MdlChain, why, why_len);
    if (r != UNDIS_CHECK_OK) {
        return r;
    }
    total = chain_bytes_before(nb->MdlChain, NULL, &found);
    if ((ULONGLONG)nb->DataOffset + nb->DataLength > total) {
        return fail(UNDIS_CHECK_NB_DATA_BEYOND_CHAIN, why, why_len,
                    "DataOffset %u + DataLength %u = %llu, but the MDL chain holds %llu bytes",
                    (unsigned)nb->DataOffset, (unsigned)nb->DataLength,
                    (ULONGLONG)nb->DataOffset + nb->DataLength, total);
    }
    r = nb_check_position(nb, why, why_len);
    return r != UNDIS_CHECK_OK ? r : ok(why, why_len);
}

undis_check_rule
undis_nbl_check(const NET_BUFFER_LIST *NetBufferList, char *why, size_t why_len)
{
    const NET_BUFFER *slow = NetBufferList->FirstNetBuffer;
    size_t index = 0;
    for (const NET_BUFFER *nb = NetBufferList->FirstNetBuffer; nb != NULL; nb = nb->Next, index++) {
        undis_check_rule r = undis_nb_check(nb, why, why_len);
        if (r != UNDIS_CHECK_OK) {
            return r;
        }
        if ((index & 1) != 0) {
            slow = slow->Next;
        }
        if (index > 0 && slow == nb->Next) {
            return fail(UNDIS_CHECK_NBL_NB_CYCLE, why, why_len,
                        "the NET_BUFFERs of NBL %p loop back to %p", (const void *)NetBufferList,
                        (const void *)nb->Next);
        }
    }
    return ok(why, why_len);
}
