/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/debug.h>: assertions, debug output, bug checks and fast fail
 * (wdm.h / ntddk.h / ntrtl.h in the WDK).
 *
 * As in the WDK, ASSERT, ASSERTMSG, NT_ASSERT and KdPrint are active only
 * when the build defines DBG to a non-zero value; no header defines DBG.
 * NT_VERIFY always evaluates its expression. Every failure, bug check, fast
 * fail and breakpoint is reported through undis's one report path with the
 * rule name and the call site (the hook is set with <undis/report.h>, an
 * extras header this face does not depend on); by default that prints one
 * line and aborts. Nothing fails silently.
 */
#ifndef UNDIS_NDIS_DEBUG_H
#define UNDIS_NDIS_DEBUG_H

#include "types.h"
#include "status.h"

UNDIS_EXTERN_C_BEGIN

#if defined(__GNUC__) || defined(__clang__)
#    define UNDIS_RT_NORETURN     __attribute__((__noreturn__))
#    define UNDIS_RT_PRINTF(f, a) __attribute__((__format__(__printf__, f, a)))
#else
#    define UNDIS_RT_NORETURN
#    define UNDIS_RT_PRINTF(f, a)
#endif

/* ---- reporting entry points (with the call site) ------------------------ */

/* What the macros below expand to. `rule` is the stable name of an assertion
 * rule of <undis/report.h> ("ASSERT", "NT_ASSERT", "NT_FRE_ASSERT",
 * "RTL_SOFT_ASSERT", "RTL_ASSERT", "DBG_RAISE_ASSERTION_FAILURE",
 * "PAGED_CODE"; any other name is reported as ASSERT). */

/** Report a failed assertion; returns only if the hook says continue. */
void undis_rt_assert_failed(const char *rule,
                            const char *expression,
                            const char *message,
                            const char *file,
                            int line,
                            const char *function);
/** Report a bug check; never returns. */
UNDIS_RT_NORETURN void undis_rt_bugcheck_at(ULONG BugCheckCode,
                                            ULONG_PTR P1,
                                            ULONG_PTR P2,
                                            ULONG_PTR P3,
                                            ULONG_PTR P4,
                                            const char *file,
                                            int line,
                                            const char *function);
/** Report a fast fail; never returns. */
UNDIS_RT_NORETURN void
undis_rt_fast_fail_at(ULONG Code, const char *file, int line, const char *function);
/** Report a breakpoint; returns only if the hook says continue. */
void undis_rt_breakpoint_at(ULONG Status, const char *file, int line, const char *function);

/* ---- assertions ---------------------------------------------------------- */

VOID NTAPI RtlAssert(_In_ PVOID VoidFailedAssertion,
                     _In_ PVOID VoidFileName,
                     _In_ ULONG LineNumber,
                     _In_opt_ PSTR MutableMessage);

#define UNDIS_RT_ASSERT_(rule, exp, msg)                                                       \
    ((!(exp)) ? (undis_rt_assert_failed(rule, #exp, msg, __FILE__, __LINE__, __func__), FALSE) \
              : TRUE)

#if defined(DBG) && DBG
#    define ASSERT(exp)                  UNDIS_RT_ASSERT_("ASSERT", exp, (const char *)NULL)
#    define ASSERTMSG(msg, exp)          UNDIS_RT_ASSERT_("ASSERT", exp, msg)
#    define RTL_SOFT_ASSERT(exp)         UNDIS_RT_ASSERT_("RTL_SOFT_ASSERT", exp, (const char *)NULL)
#    define RTL_SOFT_ASSERTMSG(msg, exp) UNDIS_RT_ASSERT_("RTL_SOFT_ASSERT", exp, msg)
#    define NT_ASSERT(exp)               UNDIS_RT_ASSERT_("NT_ASSERT", exp, (const char *)NULL)
#    define NT_ASSERTMSG(msg, exp)       UNDIS_RT_ASSERT_("NT_ASSERT", exp, msg)
#    define NT_ASSERTMSGW(msg, exp)      UNDIS_RT_ASSERT_("NT_ASSERT", exp, (const char *)NULL)
#    define NT_ASSERT_ASSUME(exp)        NT_ASSERT(exp)
#    define NT_ASSERT_NOASSUME(exp)      NT_ASSERT(exp)
#    define NT_VERIFY(exp)               NT_ASSERT(exp)
#    define NT_VERIFYMSG(msg, exp)       NT_ASSERTMSG(msg, exp)
#    define NT_VERIFYMSGW(msg, exp)      NT_ASSERTMSGW(msg, exp)
#    define NT_FRE_ASSERT(exp)           UNDIS_RT_ASSERT_("NT_FRE_ASSERT", exp, (const char *)NULL)
#    define KdPrint(_x_)                 DbgPrint _x_
#    define KdPrintEx(_x_)               DbgPrintEx _x_
#    define KdBreakPoint()               DbgBreakPoint()
#    define KdBreakPointWithStatus(s)    DbgBreakPointWithStatus(s)
#else
#    define ASSERT(exp)                  ((void)0)
#    define ASSERTMSG(msg, exp)          ((void)0)
#    define RTL_SOFT_ASSERT(exp)         ((void)0)
#    define RTL_SOFT_ASSERTMSG(msg, exp) ((void)0)
#    define NT_ASSERT(exp)               ((void)0)
#    define NT_ASSERTMSG(msg, exp)       ((void)0)
#    define NT_ASSERTMSGW(msg, exp)      ((void)0)
#    define NT_ASSERT_ASSUME(exp)        ((void)0)
#    define NT_ASSERT_NOASSUME(exp)      ((void)0)
#    define NT_VERIFY(exp)               ((exp) ? TRUE : FALSE)
#    define NT_VERIFYMSG(msg, exp)       ((exp) ? TRUE : FALSE)
#    define NT_VERIFYMSGW(msg, exp)      ((exp) ? TRUE : FALSE)
#    define NT_FRE_ASSERT(exp)           UNDIS_RT_ASSERT_("NT_FRE_ASSERT", exp, (const char *)NULL)
#    define KdPrint(_x_)                 ((void)0)
#    define KdPrintEx(_x_)               ((void)0)
#    define KdBreakPoint()               ((void)0)
#    define KdBreakPointWithStatus(s)    ((void)0)
#endif
#undef DbgRaiseAssertionFailure
#define DbgRaiseAssertionFailure()                                                          \
    undis_rt_assert_failed("DBG_RAISE_ASSERTION_FAILURE", "", (const char *)NULL, __FILE__, \
                           __LINE__, __func__)

/* ---- debug output -------------------------------------------------------- */

#define DPFLTR_ERROR_LEVEL   0
#define DPFLTR_WARNING_LEVEL 1
#define DPFLTR_TRACE_LEVEL   2
#define DPFLTR_INFO_LEVEL    3
#define DPFLTR_MASK          0x80000000

/* The component ids drivers pass to DbgPrintEx (a subset of DPFLTR_TYPE). */
typedef enum _DPFLTR_TYPE {
    DPFLTR_SYSTEM_ID = 0,
    DPFLTR_SMSS_ID = 1,
    DPFLTR_SETUP_ID = 2,
    DPFLTR_NTFS_ID = 3,
    DPFLTR_IHVDRIVER_ID = 77,
    DPFLTR_IHVVIDEO_ID = 78,
    DPFLTR_IHVAUDIO_ID = 79,
    DPFLTR_IHVNETWORK_ID = 80,
    DPFLTR_IHVSTREAMING_ID = 81,
    DPFLTR_IHVBUS_ID = 82,
    DPFLTR_NDIS_ID = 88,
    DPFLTR_DEFAULT_ID = 101,
    DPFLTR_ENDOFTABLE_ID
} DPFLTR_TYPE;

/*
 * DbgPrint / DbgPrintEx / vDbgPrintEx: printf-style output with the Windows
 * conversions: %ws (or %ls, %S) a wide string, %wZ a PUNICODE_STRING, %Z a
 * PANSI_STRING, %hs a narrow string, %I64x and friends, %Ix (pointer-sized).
 * Returns STATUS_SUCCESS (as a ULONG). Any IRQL.
 */
/* No printf format attribute: the compiler would check the formats the C
 * library's way and reject correct Windows ones (%lx for a ULONG, %wZ, %I64x). */
ULONG DbgPrint(_In_z_ _Printf_format_string_ PCSTR Format, ...);
ULONG DbgPrintEx(_In_ ULONG ComponentId,
                 _In_ ULONG Level,
                 _In_z_ _Printf_format_string_ PCSTR Format,
                 ...);

/* ---- breakpoints, bug checks, fast fail ---------------------------------- */

VOID NTAPI DbgBreakPoint(VOID);
VOID NTAPI DbgBreakPointWithStatus(_In_ ULONG Status);
#define DbgBreakPoint()            undis_rt_breakpoint_at(0, __FILE__, __LINE__, __func__)
#define DbgBreakPointWithStatus(s) undis_rt_breakpoint_at((ULONG)(s), __FILE__, __LINE__, __func__)

/* Bug check codes the runtime raises itself, and common driver ones. */
#define IRQL_NOT_GREATER_OR_EQUAL          0x00000009
#define IRQL_NOT_LESS_OR_EQUAL             0x0000000A
#define SPIN_LOCK_ALREADY_OWNED            0x0000000F
#define SPIN_LOCK_NOT_OWNED                0x00000010
#define BUGCODE_NDIS_DRIVER                0x0000007C
#define BAD_POOL_CALLER                    0x000000C2
#define DRIVER_VERIFIER_DETECTED_VIOLATION 0x000000C4
#define DRIVER_IRQL_NOT_LESS_OR_EQUAL      0x000000D1
#define MANUALLY_INITIATED_CRASH           0x000000E2
#define KERNEL_SECURITY_CHECK_FAILURE      0x00000139

DECLSPEC_NORETURN VOID NTAPI KeBugCheck(_In_ ULONG BugCheckCode);
DECLSPEC_NORETURN VOID NTAPI KeBugCheckEx(_In_ ULONG BugCheckCode,
                                          _In_ ULONG_PTR BugCheckParameter1,
                                          _In_ ULONG_PTR BugCheckParameter2,
                                          _In_ ULONG_PTR BugCheckParameter3,
                                          _In_ ULONG_PTR BugCheckParameter4);
#define KeBugCheck(c) undis_rt_bugcheck_at((ULONG)(c), 0, 0, 0, 0, __FILE__, __LINE__, __func__)
#define KeBugCheckEx(c, p1, p2, p3, p4)                                                 \
    undis_rt_bugcheck_at((ULONG)(c), (ULONG_PTR)(p1), (ULONG_PTR)(p2), (ULONG_PTR)(p3), \
                         (ULONG_PTR)(p4), __FILE__, __LINE__, __func__)

#ifndef FAST_FAIL_LEGACY_GS_VIOLATION
#    define FAST_FAIL_LEGACY_GS_VIOLATION          0
#    define FAST_FAIL_VTGUARD_CHECK_FAILURE        1
#    define FAST_FAIL_STACK_COOKIE_CHECK_FAILURE   2
#    define FAST_FAIL_CORRUPT_LIST_ENTRY           3
#    define FAST_FAIL_INCORRECT_STACK              4
#    define FAST_FAIL_INVALID_ARG                  5
#    define FAST_FAIL_GS_COOKIE_INIT               6
#    define FAST_FAIL_FATAL_APP_EXIT               7
#    define FAST_FAIL_RANGE_CHECK_FAILURE          8
#    define FAST_FAIL_UNSAFE_REGISTRY_ACCESS       9
#    define FAST_FAIL_GUARD_ICALL_CHECK_FAILURE    10
#    define FAST_FAIL_GUARD_WRITE_CHECK_FAILURE    11
#    define FAST_FAIL_INVALID_FIBER_SWITCH         12
#    define FAST_FAIL_INVALID_SET_OF_CONTEXT       13
#    define FAST_FAIL_INVALID_REFERENCE_COUNT      14
#    define FAST_FAIL_INVALID_JUMP_BUFFER          18
#    define FAST_FAIL_MRDATA_MODIFIED              19
#    define FAST_FAIL_CERTIFICATION_FAILURE        20
#    define FAST_FAIL_INVALID_EXCEPTION_CHAIN      21
#    define FAST_FAIL_CRYPTO_LIBRARY               22
#    define FAST_FAIL_INVALID_CALL_IN_DLL_CALLOUT  23
#    define FAST_FAIL_INVALID_IMAGE_BASE           24
#    define FAST_FAIL_DLOAD_PROTECTION_FAILURE     25
#    define FAST_FAIL_UNSAFE_EXTENSION_CALL        26
#    define FAST_FAIL_DEPRECATED_SERVICE_INVOKED   27
#    define FAST_FAIL_INVALID_BUFFER_ACCESS        28
#    define FAST_FAIL_INVALID_BALANCED_TREE        29
#    define FAST_FAIL_INVALID_NEXT_THREAD          30
#    define FAST_FAIL_GUARD_ICALL_CHECK_SUPPRESSED 31
#    define FAST_FAIL_APCS_DISABLED                32
#    define FAST_FAIL_INVALID_IDLE_STATE           33
#    define FAST_FAIL_MRDATA_PROTECTION_FAILURE    34
#    define FAST_FAIL_UNEXPECTED_HEAP_EXCEPTION    35
#    define FAST_FAIL_INVALID_LOCK_STATE           36
#    define FAST_FAIL_GUARD_JUMPTABLE              37
#    define FAST_FAIL_INVALID_LONGJUMP_TARGET      38
#    define FAST_FAIL_INVALID_DISPATCH_CONTEXT     39
#    define FAST_FAIL_INVALID_THREAD               40
#    define FAST_FAIL_INVALID_FAST_FAIL_CODE       0xFFFFFFFF
#endif

/* RtlFailFast: terminate at once with a FAST_FAIL_* code (never returns). */
#define RtlFailFast(Code) undis_rt_fast_fail_at((ULONG)(Code), __FILE__, __LINE__, __func__)
#ifndef _WIN32
#    define __fastfail(Code) RtlFailFast(Code)
#endif

/* ---- the event log (ndis.h) --------------------------------------------------- */

/* The most bytes of strings (terminators included, counted in the host's
 * WCHAR) and dump data one entry may carry: the WDK's value, from the I/O error log packet's limits
 * (ERROR_LOG_MAXIMUM_SIZE 240 on 64-bit Windows, 152 on 32-bit, less the
 * 48-byte IO_ERROR_LOG_PACKET, plus its one ULONG of dump data, rounded
 * down to 4). */
#ifndef MAX_EVENT_LOG_DATA_SIZE
#    if UNDIS_PTR64
#        define MAX_EVENT_LOG_DATA_SIZE 196
#    else
#        define MAX_EVENT_LOG_DATA_SIZE 108
#    endif
#endif

/*
 * NdisWriteEventLogEntry: undis has no Win32 event log; the entry is printed
 * as DbgPrint prints (the sink of undis_rt_set_dbgprint_sink, else stderr),
 * one line: "NdisWriteEventLogEntry: event 0x<EventCode> (unique <value>)",
 * then each string (NUL-terminated UTF-16, one after the other in
 * StringsList) and the dump data's size. LogHandle (the driver object) is
 * not used. Pre: StringsList holds NumStrings strings (NULL only with 0);
 * Data holds DataSize bytes (NULL only with 0). Failure:
 * NDIS_STATUS_INVALID_PARAMETER for a NULL list or data with a non-zero count
 * (nothing printed), NDIS_STATUS_BUFFER_TOO_SHORT when the strings and data
 * exceed MAX_EVENT_LOG_DATA_SIZE bytes (as Windows, nothing logged). Nothing
 * is retained. IRQL <= DISPATCH_LEVEL.
 */
NDIS_STATUS NdisWriteEventLogEntry(_In_ PVOID LogHandle,
                                   _In_ NDIS_STATUS EventCode,
                                   _In_ ULONG UniqueEventValue,
                                   _In_ USHORT NumStrings,
                                   _In_opt_ PVOID StringsList,
                                   _In_ ULONG DataSize,
                                   _In_opt_ PVOID Data);

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_DEBUG_H */
