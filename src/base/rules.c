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

/*
 * A row: RULE(id, kind, rationale). The stable name is the id's own
 * spelling; the kind gives the domain and the severity.
 */
#define RULE(id, kind, why) [UNDIS_RULE_##id] = { #id, kind, why }
#define NO_DOMAIN           UNDIS_DOMAIN_NONE, UNDIS_SEVERITY_NOTICE
#define VERIFIER            UNDIS_DOMAIN_DATAPATH, UNDIS_SEVERITY_ERROR
#define DP_FATAL            UNDIS_DOMAIN_DATAPATH, UNDIS_SEVERITY_FATAL
#define K_ERROR             UNDIS_DOMAIN_KERNEL, UNDIS_SEVERITY_ERROR
#define K_FATAL             UNDIS_DOMAIN_KERNEL, UNDIS_SEVERITY_FATAL
#define K_NOTICE            UNDIS_DOMAIN_KERNEL, UNDIS_SEVERITY_NOTICE
#define HOST                UNDIS_DOMAIN_HOST, UNDIS_SEVERITY_ERROR

/* clang-format off */
static const struct rule_row {
    const char *name;
    undis_domain domain;
    undis_severity severity;
    const char *why;
} g_rules[UNDIS_RULE_COUNT] = {
    RULE(NONE, NO_DOMAIN, "no violation"),
    /* data path: the verifier (levels 1-3) */
    RULE(ADVANCE_PAST_DATA, VERIFIER,
         "Windows subtracts without a check and DataLength wraps to ~4 GiB of 'data'"),
    RULE(RETREAT_WRAP, VERIFIER,
         "DataLength + DataOffsetDelta passes 32 bits; Windows wraps silently"),
    RULE(RETREAT_SIZE_WRAP, VERIFIER,
         "DataBackFill + the shortfall passes 32 bits; "
         "Windows asks NetAllocateMdl for a wrapped size"),
    RULE(ADVANCE_WRAP, VERIFIER,
         "DataOffset + DataOffsetDelta passes 32 bits; Windows wraps silently"),
    RULE(HANDLER_SIZE_TOO_SMALL, VERIFIER,
         "NetAllocateMdl lowered *BufferSize below the request; DataOffset would wrap"),
    RULE(HANDLER_BYTECOUNT_MISMATCH, VERIFIER,
         "the MDL's ByteCount differs from *BufferSize; the NET_BUFFER would describe wrong bytes"),
    RULE(FREE_MDL_NOT_RETREAT_ALLOCATED, VERIFIER,
         "FreeMdl TRUE would free an MDL no retreat allocated; Windows frees it silently"),
    RULE(FREE_MDL_WRONG_HANDLER, VERIFIER,
         "an MDL would be freed by another NetFreeMdl than the one pairing its NetAllocateMdl"),
    RULE(NBL_RETREAT_ONE_NULL_HANDLER, VERIFIER,
         "NdisRetreatNetBufferListDataStart needs both handlers or neither"),
    RULE(NB_FREED_WITH_RETREAT_MDLS, VERIFIER,
         "the NET_BUFFER still holds MDLs a retreat allocated: they leak (advance with FreeMdl)"),
    RULE(NBL_FREED_WITH_CONTEXT, VERIFIER,
         "contexts pushed with NdisAllocateNetBufferListContext must be freed first"),
    RULE(NBL_FREED_WITH_CHILDREN, VERIFIER,
         "ChildRefCount is not 0: clones or fragments still live"),
    RULE(NBL_FREED_WITH_FOREIGN_NB, VERIFIER,
         "NET_BUFFERs the NBL did not come with are attached; they are not freed"),
    RULE(DOUBLE_FREE, VERIFIER, "the object was already freed"),
    RULE(USE_AFTER_FREE, VERIFIER, "the object was freed and then used or written"),
    RULE(WRONG_POOL, VERIFIER, "the object does not belong to this function or pool"),
    RULE(POOL_FREED_WITH_OBJECTS, VERIFIER, "every object must be freed before its pool"),
    RULE(BAD_POOL_PARAMETERS, VERIFIER,
         "the pool parameters or their NDIS_OBJECT_HEADER are invalid"),
    RULE(CONTEXT_SIZE, VERIFIER, "context sizes and backfills must be multiples of 8"),
    RULE(CONTEXT_UNDERFLOW, VERIFIER, "more context freed than the NBL has in use"),
    RULE(GET_DATA_BEYOND_LENGTH, VERIFIER,
         "NdisGetDataBuffer asked for more bytes than DataLength: it always returns NULL"),
    RULE(IRQL_TOO_HIGH, VERIFIER, "the NET_BUFFER routines run at IRQL <= DISPATCH_LEVEL"),
    RULE(NB_STRUCTURE, VERIFIER, "the NET_BUFFER breaks a structure rule (see <undis/check.h>)"),
    RULE(NULL_ARGUMENT, VERIFIER, "a required pointer is NULL"),
    RULE(NBL_NOT_RESTORED, VERIFIER,
         "an NBL handed to code under test came back with its geometry changed"),
    RULE(GET_DATA_BAD_ALIGNMENT, VERIFIER,
         "AlignMultiple must be a power of two and AlignOffset below it; Windows masks blindly"),
    RULE(PARENT_FREED_WITH_CLONES, VERIFIER,
         "clones or fragments made from the NBL still live and describe its data"),
    /* data path: always checked, at every level */
    RULE(DEFAULT_FREE_FOREIGN_MDL, DP_FATAL,
         "the default NetFreeMdl (a NULL handler) was given an MDL the default NetAllocateMdl "
         "did not make; Windows frees it into its own pool and corrupts it"),
    RULE(DEFAULT_FREE_NOT_LIVE, DP_FATAL,
         "the default NetFreeMdl was given an MDL it has already freed; Windows corrupts its pool"),
    /* kernel runtime: assertions and breakpoints */
    RULE(ASSERT, K_ERROR,
         "an ASSERT or ASSERTMSG of a checked (DBG) build failed; "
         "Windows breaks into the debugger"),
    RULE(NT_ASSERT, K_ERROR,
         "an NT_ASSERT (or NT_VERIFY) of a checked build failed; "
         "Windows raises an assertion failure"),
    RULE(NT_FRE_ASSERT, K_ERROR, "an NT_FRE_ASSERT failed; it is checked in free builds too"),
    RULE(RTL_SOFT_ASSERT, K_ERROR, "an RTL_SOFT_ASSERT of a checked build failed"),
    RULE(RTL_ASSERT, K_ERROR, "RtlAssert was called: the code reported a failed assertion itself"),
    RULE(DBG_RAISE_ASSERTION_FAILURE, K_ERROR,
         "DbgRaiseAssertionFailure was called: the code raised an assertion failure itself"),
    RULE(PAGED_CODE, K_ERROR, "pageable code ran above APC_LEVEL, where Windows cannot page it in"),
    RULE(DBG_BREAKPOINT, K_ERROR,
         "a breakpoint with no kernel debugger attached stops Windows with a bug check"),
    /* kernel runtime: bug checks (KeBugCheck(Ex), the runtime's own checks) */
    RULE(IRQL_NOT_GREATER_OR_EQUAL, K_FATAL,
         "bug check 0x9: the IRQL was raised to a lower level, "
         "or a DISPATCH_LEVEL routine ran below it"),
    RULE(IRQL_NOT_LESS_OR_EQUAL, K_FATAL,
         "bug check 0xA: the IRQL was lowered to a higher level, "
         "or a routine that may wait ran above its IRQL"),
    RULE(SPIN_LOCK_ALREADY_OWNED, K_FATAL,
         "bug check 0xF: a spin lock was acquired by the thread holding it (a deadlock), "
         "or freed while held"),
    RULE(SPIN_LOCK_NOT_OWNED, K_FATAL,
         "bug check 0x10: a spin lock was released by a thread that does not hold it"),
    RULE(BUGCODE_NDIS_DRIVER, K_FATAL,
         "bug check 0x7C: NDIS found a driver error (the first parameter says which)"),
    RULE(BAD_POOL_CALLER, K_FATAL,
         "bug check 0xC2: a pool block freed twice, with the wrong tag or not a pool block, "
         "or pool used at the wrong IRQL"),
    RULE(DRIVER_VERIFIER_DETECTED_VIOLATION, K_FATAL,
         "bug check 0xC4: Driver Verifier's misuse class, such as a lock released while not held "
         "or freed while held"),
    RULE(DRIVER_IRQL_NOT_LESS_OR_EQUAL, K_FATAL,
         "bug check 0xD1: a driver touched pageable or invalid memory at DISPATCH_LEVEL or above"),
    RULE(MANUALLY_INITIATED_CRASH, K_FATAL, "bug check 0xE2: the system was crashed on purpose"),
    RULE(KERNEL_SECURITY_CHECK_FAILURE, K_FATAL,
         "bug check 0x139: a security check failed (a corrupted list, a stack cookie)"),
    RULE(KE_BUGCHECK, K_FATAL,
         "KeBugCheck(Ex) with another code: Windows stops with that bug check"),
    /* kernel runtime: fast fails */
    RULE(FAST_FAIL_CORRUPT_LIST_ENTRY, K_FATAL,
         "a LIST_ENTRY's neighbours do not point back (a double remove or a stray write); "
         "Windows fast-fails"),
    RULE(FAST_FAIL, K_FATAL, "RtlFailFast with another FAST_FAIL_* code: Windows ends at once"),
    /* kernel runtime: user mode */
    RULE(NOT_SUPPORTED_IN_USER_MODE, K_NOTICE,
         "the function cannot work in user mode: it fails as Windows documents it may "
         "(named once per process)"),
    /* driver host: NDIS's hand-off rules */
    RULE(HOST_BAD_CHARACTERISTICS, HOST,
         "the characteristics' NDIS_OBJECT_HEADER (type, revision, size) or NDIS version is not "
         "one NDIS accepts; Windows fails the registration with NDIS_STATUS_BAD_CHARACTERISTICS"),
    RULE(HOST_NBL_NOT_OUTSTANDING, HOST,
         "an NBL was completed or returned that the driver does not hold (twice, or never "
         "handed to it); Windows hands it back to its owner again and corrupts its pool"),
    RULE(HOST_NBL_WRONG_CALL, HOST,
         "an NBL came back by the other path's call (a send returned with "
         "NdisFReturnNetBufferLists, a receive completed as a send); its owner never sees it"),
    RULE(HOST_NBL_OUTSTANDING_AT_PAUSE, HOST,
         "a filter completes its pause only when every NBL handed to it is back; "
         "NDIS may free the pools of NBLs still out"),
    RULE(HOST_KEPT_PAST_RESOURCES, HOST,
         "an NBL indicated with NDIS_RECEIVE_FLAGS_RESOURCES is the miniport's again when the "
         "handler returns: it must not be kept, returned or indicated up without the flag"),
    RULE(HOST_DATA_WHILE_NOT_RUNNING, HOST,
         "a filter sends or indicates only while running; paused, pausing or detached, the "
         "modules around it are not ready for the NBLs"),
    RULE(HOST_BAD_SOURCE_HANDLE, HOST,
         "an NBL a filter originates carries its NdisFilterHandle in SourceHandle; NDIS "
         "routes the completion by it"),
    RULE(HOST_DISPATCH_FLAG_MISMATCH, HOST,
         "an NDIS_*_FLAGS_DISPATCH_LEVEL flag says the caller runs at DISPATCH_LEVEL; set "
         "below it, NDIS takes spin locks without raising the IRQL"),
    RULE(HOST_OID_COMPLETED_TWICE, HOST,
         "an OID request completes exactly once: by its handler's status, or by "
         "NdisFOidRequestComplete after it returned NDIS_STATUS_PENDING"),
    RULE(HOST_PROTOCOL_SEND_NOT_RUNNING, HOST,
         "a protocol sends only on a running binding; paused, pausing, restarting or "
         "closing, the stack below is not ready and the pause counts on no new sends"),
    RULE(HOST_PROTOCOL_SOURCE_HANDLE, HOST,
         "an NBL a protocol sends carries its NdisBindingHandle in SourceHandle; NDIS "
         "routes the send completion by it"),
    RULE(HOST_PROTOCOL_HELD_AT_PAUSE, HOST,
         "a protocol completes NetEventPause, and closes its adapter, only when every "
         "receive indicated to it is returned; the miniport below frees its pools then"),
    RULE(HOST_PROTOCOL_OPEN_CLOSE, HOST,
         "NdisOpenAdapterEx once per bind and NdisCloseAdapterEx once per unbind: a bind "
         "that succeeds without an open, an unbind that leaves it open, or a second close "
         "leaves NDIS with a binding nobody owns"),
    RULE(HOST_PROTOCOL_COMPLETED_TWICE, HOST,
         "NdisCompleteBindAdapterEx, NdisCompleteUnbindAdapterEx and NdisCompleteNetPnPEvent "
         "answer a handler that returned NDIS_STATUS_PENDING, once; otherwise NDIS completes "
         "an operation twice"),
    RULE(HOST_PROTOCOL_BAD_OPEN_PARAMETERS, HOST,
         "NdisOpenAdapterEx takes an NDIS_OPEN_PARAMETERS with its header, the adapter "
         "name from the bind, a medium array and a place for the selected index; Windows "
         "fails the open otherwise"),
    RULE(HOST_PROTOCOL_OID_REISSUED, HOST,
         "an NDIS_OID_REQUEST belongs to NDIS from NdisOidRequest until "
         "ProtocolOidRequestComplete; issued again before that, it is corrupted"),
    /* driver host: control devices and IRPs */
    RULE(HOST_DEVICE_BAD_ATTRIBUTES, HOST,
         "NdisRegisterDeviceEx checks the NDIS_DEVICE_OBJECT_ATTRIBUTES header (type, revision, "
         "size) and needs a device name and a dispatch table; otherwise it fails"),
    RULE(HOST_DEVICE_IRP_COMPLETED_TWICE, HOST,
         "an IRP is completed once; the second IoCompleteRequest touches an IRP the I/O "
         "manager may have freed or reused (Windows bug-checks, MULTIPLE_IRP_COMPLETE_REQUESTS)"),
    RULE(HOST_DEVICE_PENDING_NOT_MARKED, HOST,
         "a dispatch routine returns STATUS_PENDING exactly when it called IoMarkIrpPending; "
         "otherwise the I/O manager finishes the request twice or never"),
    RULE(HOST_DEVICE_IRP_NOT_COMPLETED, HOST,
         "a dispatch routine that returns a final status has completed the IRP; otherwise the "
         "caller's request never finishes"),
    RULE(HOST_DEVICE_CANCEL_ROUTINE_AT_COMPLETION, HOST,
         "an IRP's cancel routine is cleared (IoSetCancelRoutine(Irp, NULL)) before it is "
         "completed; Windows bug-checks, CANCEL_STATE_IN_COMPLETED_IRP"),
    RULE(HOST_DEVICE_PENDING_AT_CLOSE, HOST,
         "when a handle is closed its pending IRPs are cancelled and IRP_MJ_CLEANUP sent; an IRP "
         "still pending then (no cancel routine, or one that does not complete it) hangs the "
         "process that closes the handle"),
    RULE(HOST_DEVICE_REGISTERED_AT_UNLOAD, HOST,
         "a driver deletes its devices and symbolic links before it unloads; a device left "
         "behind calls code that is gone, a link left behind makes the next load's fail"),
    /* driver host: kernel services */
    RULE(HOST_LEAK_AT_UNLOAD, HOST,
         "a driver frees what it allocated before it unloads: a timer still set or a DPC still "
         "queued calls into unloaded code, and memory, work items and configuration handles "
         "kept are lost for good"),
    RULE(HOST_MINIPORT_BAD_ATTRIBUTES, HOST,
         "MiniportInitializeEx must set registration attributes, then general attributes, with "
         "NdisMSetMiniportAttributes, and only there; without them NDIS fails the adapter"),
    RULE(HOST_MINIPORT_RECEIVE_COUNT, HOST,
         "NumberOfNetBufferLists of NdisMIndicateReceiveNetBufferLists must count the chain; "
         "NDIS trusts it and walks past the end or drops NBLs that are never returned"),
};
/* clang-format on */

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
