/* SPDX-License-Identifier: MIT */
/*
 * undis <TraceLoggingProvider.h>: an empty-but-valid TraceLogging: the
 * provider macros compile and register nothing; TraceLoggingWrite and the
 * field macros evaluate nothing and emit nothing.
 */
#ifndef UNDIS_SHADOW_TRACELOGGINGPROVIDER_H
#define UNDIS_SHADOW_TRACELOGGINGPROVIDER_H

#include "ndis/types.h"
#include "ndis/ntstatus.h"

typedef const struct undis_tlg_provider *TraceLoggingHProvider;
struct undis_tlg_provider {
    int unused;
};

#define TRACELOGGING_DECLARE_PROVIDER(hProvider) extern TraceLoggingHProvider const hProvider
#define TRACELOGGING_DEFINE_PROVIDER(hProvider, providerName, providerId, ...) \
    static const struct undis_tlg_provider hProvider##_undis_storage = { 0 };  \
    TraceLoggingHProvider const hProvider = &hProvider##_undis_storage
#define TraceLoggingOptionGroup(...)
#define TraceLoggingRegister(hProvider)                        ((void)(hProvider), (NTSTATUS)0)
#define TraceLoggingUnregister(hProvider)                      ((void)(hProvider))
#define TraceLoggingProviderEnabled(hProvider, level, keyword) ((void)(hProvider), FALSE)
#define TraceLoggingWrite(hProvider, ...)                      ((void)(hProvider))
#define TraceLoggingWriteActivity(hProvider, ...)              ((void)(hProvider))

#endif /* UNDIS_SHADOW_TRACELOGGINGPROVIDER_H */
