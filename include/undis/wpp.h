/* SPDX-License-Identifier: MIT */
/*
 * undis <undis/wpp.h>: the runtime side of the .tmh files `undis wpp` writes
 * (not a WDK header; every name it adds is undis_wpp_* or WPP_*). A traced
 * driver file includes its .tmh, which includes this.
 *
 * WPP's control blocks become undis's: one per WPP_DEFINE_CONTROL_GUID, in
 * order, each a level and a flags mask. A trace call prints when its
 * WPP_..._ENABLED condition holds, as one DbgPrint line (DPFLTR_ERROR_LEVEL,
 * so always printed unless a sink filters it): the USEPREFIX text, then the
 * message, then a newline. WPP's extended formats are reduced at run time:
 *   %!STATUS! %!NTSTATUS! %!HRESULT! %!WINERROR! %!IPADDR!  -> 0x%08x
 *   %!bool! %!BOOLEAN! %!BOOL! %!irql! %!PORT!               -> %u / %d
 *   %!TIME! %!TIMESTAMP! %!datetime! %!delta! %!WAITTIME!    -> %I64d
 *   %!ustr! %!wZ! -> %wZ;  %!ANSTR! %!aZ! -> %Z
 *   %!FUNC! -> the function, %!FILE! -> the file's base name, %!LINE! -> the line
 *   %!STDPREFIX! %!COMPNAME! %!LEVEL! %!FLAGS! %!SUBCOMP! -> nothing
 *   any other %!NAME! (MACADDR, GUID, IPV6ADDR, SID, HEXDUMP, ...) -> %p
 * All functions: any IRQL, any thread (the control blocks are plain
 * variables: set them before tracing threads run).
 */
#ifndef UNDIS_WPP_H
#define UNDIS_WPP_H

#include "../evntrace.h"
#include "../ndis/types.h"

UNDIS_EXTERN_C_BEGIN

#define UNDIS_WPP_MAX_CONTROLS 8

typedef struct undis_wpp_control_block {
    UCHAR Level;    /* the highest TRACE_LEVEL_* traced (0: none) */
    ULONG Flags[1]; /* bit n: WPP_DEFINE_BIT number n of the control */
    ULONG64 Logger; /* nonzero while tracing is enabled */
} undis_wpp_control_block;

/** The control block of control `index` (indexes past the last share it). */
undis_wpp_control_block *undis_wpp_control(unsigned index);

/** Sets the level and flags of every control (0, 0: tracing off, the default). */
void undis_wpp_set(UCHAR level, ULONG flags);

/** WPP_INIT_TRACING: the first call reads UNDIS_WPP_LEVEL and UNDIS_WPP_FLAGS
 * (numbers, as strtoul with base 0) from the environment, when set, into every
 * control (later calls leave the controls as undis_wpp_set() left them). The arguments after
 * `reserved` are those of WPP_INIT_TRACING, unused. */
void undis_wpp_init(int reserved, ...);
/** WPP_CLEANUP: nothing to release (its arguments are unused). */
void undis_wpp_cleanup(int reserved, ...);

/* One trace line being built: the prefix, formatted. */
typedef struct undis_wpp_line {
    const char *file;
    const char *function;
    int line;
    char text[256];
} undis_wpp_line;

/** Formats the USEPREFIX part (fmt with WPP's formats) for a trace call. */
undis_wpp_line
undis_wpp_prefix(const char *file, int line, const char *function, const char *fmt, ...);
/** Formats the message after the prefix and prints the line through DbgPrint. */
void undis_wpp_trace(undis_wpp_line line, const char *fmt, ...);

#define WPP_CONTROL(bit)   (*undis_wpp_control((unsigned)(bit) / 32u))
#define WPP_MASK(bit)      (1UL << ((unsigned)(bit) % 32u))
#define WPP_FLAG_NO(bit)   0
#define WPP_BIT_ENABLED(b) ((WPP_CONTROL(b).Flags[0] & WPP_MASK(b)) != 0)
#ifndef WPP_LEVEL_ENABLED
#    define WPP_LEVEL_ENABLED(flag) WPP_BIT_ENABLED(WPP_BIT_##flag)
#endif
#ifndef WPP_LEVEL_LOGGER
#    define WPP_LEVEL_LOGGER(flag) (WPP_CONTROL(WPP_BIT_##flag).Logger)
#endif
#ifndef WPP_FLAG_ENABLED
#    define WPP_FLAG_ENABLED(flag) WPP_BIT_ENABLED(WPP_BIT_##flag)
#endif
#define WPP_INIT_TRACING(...) undis_wpp_init(0, __VA_ARGS__)
#define WPP_CLEANUP(...)      undis_wpp_cleanup(0, __VA_ARGS__)

UNDIS_EXTERN_C_END

#endif /* UNDIS_WPP_H */
