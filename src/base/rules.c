/* SPDX-License-Identifier: MIT */
/*
 * rules.c: the rule table, the one place every rule undis reports is named.
 * A row per value of undis_rule (<undis/report.h>), in enum order: its
 * stable name, its domain, its severity and a one-line rationale (what
 * Windows does, why it matters). docs/verifier.md lists the same rows with
 * the tests that fire them; tests/test_report.c checks the table is whole.
 */
#include "base/report.h"

#include <string.h>

#define DP  UNDIS_DOMAIN_DATAPATH
#define KRN UNDIS_DOMAIN_KERNEL
#define ERR UNDIS_SEVERITY_ERROR
#define FTL UNDIS_SEVERITY_FATAL

static const struct rule_row {
    const char *name;
    undis_domain domain;
    undis_severity severity;
    const char *why;
} g_rules[UNDIS_RULE_COUNT] = {
    [UNDIS_RULE_NONE] = { "NONE", UNDIS_DOMAIN_NONE, UNDIS_SEVERITY_NOTICE, "no violation" },
    /* ---- data path: the verifier ------------------------------------------------ */
    [UNDIS_RULE_ADVANCE_PAST_DATA] = { "ADVANCE_PAST_DATA", DP, ERR,
        "Windows subtracts without a check and DataLength wraps to ~4 GiB of 'data'" },
    [UNDIS_RULE_RETREAT_WRAP] = { "RETREAT_WRAP", DP, ERR,
        "DataLength + DataOffsetDelta passes 32 bits; Windows wraps silently" },
    [UNDIS_RULE_RETREAT_SIZE_WRAP] = { "RETREAT_SIZE_WRAP", DP, ERR,
        "DataBackFill + the shortfall passes 32 bits; Windows asks NetAllocateMdl for a wrapped "
        "size" },
    [UNDIS_RULE_ADVANCE_WRAP] = { "ADVANCE_WRAP", DP, ERR,
        "DataOffset + DataOffsetDelta passes 32 bits; Windows wraps silently" },
    [UNDIS_RULE_HANDLER_SIZE_TOO_SMALL] = { "HANDLER_SIZE_TOO_SMALL", DP, ERR,
        "NetAllocateMdl lowered *BufferSize below the request; DataOffset would wrap" },
    [UNDIS_RULE_HANDLER_BYTECOUNT_MISMATCH] = { "HANDLER_BYTECOUNT_MISMATCH", DP, ERR,
        "the MDL's ByteCount differs from *BufferSize; the NET_BUFFER would describe wrong "
        "bytes" },
    [UNDIS_RULE_FREE_MDL_NOT_RETREAT_ALLOCATED] = { "FREE_MDL_NOT_RETREAT_ALLOCATED", DP, ERR,
        "FreeMdl TRUE would free an MDL no retreat allocated; Windows frees it silently" },
    [UNDIS_RULE_FREE_MDL_WRONG_HANDLER] = { "FREE_MDL_WRONG_HANDLER", DP, ERR,
        "an MDL would be freed by another NetFreeMdl than the one pairing its NetAllocateMdl" },
    [UNDIS_RULE_NBL_RETREAT_ONE_NULL_HANDLER] = { "NBL_RETREAT_ONE_NULL_HANDLER", DP, ERR,
        "NdisRetreatNetBufferListDataStart needs both handlers or neither" },
    [UNDIS_RULE_NB_FREED_WITH_RETREAT_MDLS] = { "NB_FREED_WITH_RETREAT_MDLS", DP, ERR,
        "the NET_BUFFER still holds MDLs a retreat allocated: they leak (advance with FreeMdl)" },
    [UNDIS_RULE_NBL_FREED_WITH_CONTEXT] = { "NBL_FREED_WITH_CONTEXT", DP, ERR,
        "contexts pushed with NdisAllocateNetBufferListContext must be freed first" },
    [UNDIS_RULE_NBL_FREED_WITH_CHILDREN] = { "NBL_FREED_WITH_CHILDREN", DP, ERR,
        "ChildRefCount is not 0: clones or fragments still live" },
    [UNDIS_RULE_NBL_FREED_WITH_FOREIGN_NB] = { "NBL_FREED_WITH_FOREIGN_NB", DP, ERR,
        "NET_BUFFERs the NBL did not come with are attached; they are not freed" },
    [UNDIS_RULE_DOUBLE_FREE] = { "DOUBLE_FREE", DP, ERR, "the object was already freed" },
    [UNDIS_RULE_USE_AFTER_FREE] = { "USE_AFTER_FREE", DP, ERR,
        "the object was freed and then used or written" },
    [UNDIS_RULE_WRONG_POOL] = { "WRONG_POOL", DP, ERR,
        "the object does not belong to this function or pool" },
    [UNDIS_RULE_POOL_FREED_WITH_OBJECTS] = { "POOL_FREED_WITH_OBJECTS", DP, ERR,
        "every object must be freed before its pool" },
    [UNDIS_RULE_BAD_POOL_PARAMETERS] = { "BAD_POOL_PARAMETERS", DP, ERR,
        "the pool parameters or their NDIS_OBJECT_HEADER are invalid" },
    [UNDIS_RULE_CONTEXT_SIZE] = { "CONTEXT_SIZE", DP, ERR,
        "context sizes and backfills must be multiples of 8" },
    [UNDIS_RULE_CONTEXT_UNDERFLOW] = { "CONTEXT_UNDERFLOW", DP, ERR,
        "more context freed than the NBL has in use" },
    [UNDIS_RULE_GET_DATA_BEYOND_LENGTH] = { "GET_DATA_BEYOND_LENGTH", DP, ERR,
        "NdisGetDataBuffer asked for more bytes than DataLength: it always returns NULL" },
    [UNDIS_RULE_IRQL_TOO_HIGH] = { "IRQL_TOO_HIGH", DP, ERR,
        "the NET_BUFFER routines run at IRQL <= DISPATCH_LEVEL" },
    [UNDIS_RULE_NB_STRUCTURE] = { "NB_STRUCTURE", DP, ERR,
        "the NET_BUFFER breaks a structure rule (see <undis/check.h>)" },
    [UNDIS_RULE_NULL_ARGUMENT] = { "NULL_ARGUMENT", DP, ERR, "a required pointer is NULL" },
    [UNDIS_RULE_NBL_NOT_RESTORED] = { "NBL_NOT_RESTORED", DP, ERR,
        "an NBL handed to code under test came back with its geometry changed" },
    [UNDIS_RULE_GET_DATA_BAD_ALIGNMENT] = { "GET_DATA_BAD_ALIGNMENT", DP, ERR,
        "AlignMultiple must be a power of two and AlignOffset below it; Windows masks blindly" },
    [UNDIS_RULE_PARENT_FREED_WITH_CLONES] = { "PARENT_FREED_WITH_CLONES", DP, ERR,
        "clones or fragments made from the NBL still live and describe its data" },
    /* ---- data path: always checked ----------------------------------------------- */
    [UNDIS_RULE_DEFAULT_FREE_FOREIGN_MDL] = { "DEFAULT_FREE_FOREIGN_MDL", DP, FTL,
        "the default NetFreeMdl (a NULL handler) was given an MDL the default NetAllocateMdl did "
        "not make; Windows frees it into its own pool and corrupts it" },
    [UNDIS_RULE_DEFAULT_FREE_NOT_LIVE] = { "DEFAULT_FREE_NOT_LIVE", DP, FTL,
        "the default NetFreeMdl was given an MDL it has already freed; Windows corrupts its pool" },
    /* ---- kernel runtime: assertions, breakpoints --------------------------------- */
    [UNDIS_RULE_ASSERT] = { "ASSERT", KRN, ERR,
        "an ASSERT or ASSERTMSG of a checked (DBG) build failed; Windows breaks into the "
        "debugger" },
    [UNDIS_RULE_NT_ASSERT] = { "NT_ASSERT", KRN, ERR,
        "an NT_ASSERT (or NT_VERIFY) of a checked build failed; Windows raises an assertion "
        "failure" },
    [UNDIS_RULE_NT_FRE_ASSERT] = { "NT_FRE_ASSERT", KRN, ERR,
        "an NT_FRE_ASSERT failed; it is checked in free builds too" },
    [UNDIS_RULE_RTL_SOFT_ASSERT] = { "RTL_SOFT_ASSERT", KRN, ERR,
        "an RTL_SOFT_ASSERT of a checked build failed" },
    [UNDIS_RULE_RTL_ASSERT] = { "RTL_ASSERT", KRN, ERR,
        "RtlAssert was called: the code reported a failed assertion itself" },
    [UNDIS_RULE_DBG_RAISE_ASSERTION_FAILURE] = { "DBG_RAISE_ASSERTION_FAILURE", KRN, ERR,
        "DbgRaiseAssertionFailure was called: the code raised an assertion failure itself" },
    [UNDIS_RULE_PAGED_CODE] = { "PAGED_CODE", KRN, ERR,
        "pageable code ran above APC_LEVEL, where Windows cannot page it in" },
    [UNDIS_RULE_DBG_BREAKPOINT] = { "DBG_BREAKPOINT", KRN, ERR,
        "a breakpoint with no kernel debugger attached stops Windows with a bug check" },
    /* ---- kernel runtime: bug checks ---------------------------------------------- */
    [UNDIS_RULE_IRQL_NOT_GREATER_OR_EQUAL] = { "IRQL_NOT_GREATER_OR_EQUAL", KRN, FTL,
        "bug check 0x9: the IRQL was raised to a lower level, or a DISPATCH_LEVEL routine ran "
        "below it" },
    [UNDIS_RULE_IRQL_NOT_LESS_OR_EQUAL] = { "IRQL_NOT_LESS_OR_EQUAL", KRN, FTL,
        "bug check 0xA: the IRQL was lowered to a higher level, or a routine that may wait ran "
        "above its IRQL" },
    [UNDIS_RULE_SPIN_LOCK_ALREADY_OWNED] = { "SPIN_LOCK_ALREADY_OWNED", KRN, FTL,
        "bug check 0xF: a spin lock was acquired by the thread holding it (a deadlock), or freed "
        "while held" },
    [UNDIS_RULE_SPIN_LOCK_NOT_OWNED] = { "SPIN_LOCK_NOT_OWNED", KRN, FTL,
        "bug check 0x10: a spin lock was released by a thread that does not hold it" },
    [UNDIS_RULE_BUGCODE_NDIS_DRIVER] = { "BUGCODE_NDIS_DRIVER", KRN, FTL,
        "bug check 0x7C: NDIS found a driver error (the first parameter says which)" },
    [UNDIS_RULE_BAD_POOL_CALLER] = { "BAD_POOL_CALLER", KRN, FTL,
        "bug check 0xC2: a pool block freed twice, with the wrong tag or not a pool block, or "
        "pool used at the wrong IRQL" },
    [UNDIS_RULE_DRIVER_VERIFIER_DETECTED_VIOLATION] = { "DRIVER_VERIFIER_DETECTED_VIOLATION",
        KRN, FTL,
        "bug check 0xC4: Driver Verifier's misuse class, such as a lock released while not held "
        "or freed while held" },
    [UNDIS_RULE_DRIVER_IRQL_NOT_LESS_OR_EQUAL] = { "DRIVER_IRQL_NOT_LESS_OR_EQUAL", KRN, FTL,
        "bug check 0xD1: a driver touched pageable or invalid memory at DISPATCH_LEVEL or "
        "above" },
    [UNDIS_RULE_MANUALLY_INITIATED_CRASH] = { "MANUALLY_INITIATED_CRASH", KRN, FTL,
        "bug check 0xE2: the system was crashed on purpose" },
    [UNDIS_RULE_KERNEL_SECURITY_CHECK_FAILURE] = { "KERNEL_SECURITY_CHECK_FAILURE", KRN, FTL,
        "bug check 0x139: a security check failed (a corrupted list, a stack cookie)" },
    [UNDIS_RULE_KE_BUGCHECK] = { "KE_BUGCHECK", KRN, FTL,
        "KeBugCheck(Ex) with another code: Windows stops with that bug check" },
    /* ---- kernel runtime: fast fails ---------------------------------------------- */
    [UNDIS_RULE_FAST_FAIL_CORRUPT_LIST_ENTRY] = { "FAST_FAIL_CORRUPT_LIST_ENTRY", KRN, FTL,
        "a LIST_ENTRY's neighbours do not point back (a double remove or a stray write); Windows "
        "fast-fails" },
    [UNDIS_RULE_FAST_FAIL] = { "FAST_FAIL", KRN, FTL,
        "RtlFailFast with another FAST_FAIL_* code: Windows ends at once" },
    /* ---- kernel runtime: user mode ----------------------------------------------- */
    [UNDIS_RULE_NOT_SUPPORTED_IN_USER_MODE] = { "NOT_SUPPORTED_IN_USER_MODE", KRN,
        UNDIS_SEVERITY_NOTICE,
        "the function cannot work in user mode: it fails as Windows documents it may (named "
        "once per process)" },
};

static const struct rule_row *
row(undis_rule rule)
{
    return (unsigned)rule < UNDIS_RULE_COUNT && g_rules[rule].name != NULL ? &g_rules[rule] : NULL;
}

const char *
undis_rule_name(undis_rule rule)
{
    const struct rule_row *r = row(rule);
    return r != NULL ? r->name : "UNKNOWN";
}

const char *
undis_rule_rationale(undis_rule rule)
{
    const struct rule_row *r = row(rule);
    return r != NULL ? r->why : "";
}

undis_domain
undis_rule_domain(undis_rule rule)
{
    const struct rule_row *r = row(rule);
    return r != NULL ? r->domain : UNDIS_DOMAIN_NONE;
}

undis_severity
undis_rule_severity(undis_rule rule)
{
    const struct rule_row *r = row(rule);
    return r != NULL ? r->severity : UNDIS_SEVERITY_FATAL;
}

undis_rule
undis_rule_from_name(const char *name)
{
    for (unsigned i = 1; name != NULL && i < UNDIS_RULE_COUNT; i++) {
        if (g_rules[i].name != NULL && strcmp(g_rules[i].name, name) == 0) {
            return (undis_rule)i;
        }
    }
    return UNDIS_RULE_NONE;
}
