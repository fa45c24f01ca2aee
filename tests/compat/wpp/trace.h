/* SPDX-License-Identifier: MIT */
/*
 * trace.h: the WPP configuration of the fixture driver, in the form the WDK's
 * samples use (the control GUID and its flag bits, the ENABLED/LOGGER macros
 * of the custom trace functions, and the config block tracewpp scans).
 */
#ifndef FIXTURE_TRACE_H
#define FIXTURE_TRACE_H

#define WPP_CONTROL_GUIDS                                                                 \
    WPP_DEFINE_CONTROL_GUID(FixtureTraceGuid, (6e4c2f0a, 2b7d, 4c55, 9a11, 3d0e5f7a8b21), \
                            WPP_DEFINE_BIT(DBG_INIT) /* 0x1 */                            \
                            WPP_DEFINE_BIT(DBG_DATA) /* 0x2 */                            \
                            WPP_DEFINE_BIT(DBG_OID)  /* 0x4 */                            \
    )

#define WPP_LEVEL_FLAGS_LOGGER(lvl, flags) WPP_LEVEL_LOGGER(flags)
#define WPP_LEVEL_FLAGS_ENABLED(lvl, flags) \
    (WPP_LEVEL_ENABLED(flags) && WPP_CONTROL(WPP_BIT_##flags).Level >= (lvl))
#define WPP_FLAGS_LEVEL_STATUS_LOGGER(flags, lvl, status) WPP_LEVEL_LOGGER(flags)
#define WPP_FLAGS_LEVEL_STATUS_ENABLED(flags, lvl, status) \
    (WPP_LEVEL_ENABLED(flags) && WPP_CONTROL(WPP_BIT_##flags).Level >= (lvl))

/*
 * begin_wpp config
 * FUNC TraceEvents(LEVEL, FLAGS, MSG, ...);
 * USEPREFIX (TraceExit, "%!FUNC! returns %!STATUS!", STATUS);
 * FUNC TraceExit{FLAGS=DBG_INIT}(LEVEL, STATUS);
 * end_wpp
 */

#endif /* FIXTURE_TRACE_H */
