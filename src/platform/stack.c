/* SPDX-License-Identifier: MIT */
/*
 * stack.c: call stacks and the module an address belongs to, for the
 * per-site fault injection (src/verifier/fault_site.c) and crash reports.
 * glibc and macOS: backtrace() and dladdr(); Windows:
 * CaptureStackBackTrace and GetModuleHandleEx; elsewhere no stack (0
 * frames), so no site is told apart.
 */
#if !defined(_WIN32) && !defined(_GNU_SOURCE)
#    define _GNU_SOURCE /* dladdr and Dl_info on glibc */
#endif
#include "platform/platform.h"

#include <stdio.h>

#if defined(_WIN32)
#    define WIN32_LEAN_AND_MEAN
#    include <windows.h>
#elif defined(__GLIBC__) || defined(__APPLE__)
#    include <dlfcn.h>
#    include <execinfo.h>
#    define UNDIS_HAVE_BACKTRACE 1
#endif

int
undis__stack_capture(void **frames, int max, int skip)
{
#if defined(_WIN32)
    return max > 0 ? (int)CaptureStackBackTrace((DWORD)(skip + 1), (DWORD)max, frames, NULL) : 0;
#elif defined(UNDIS_HAVE_BACKTRACE)
    void *all[128];
    int got;
    int n = 0;
    if (max <= 0) {
        return 0;
    }
    got = backtrace(all, max + skip + 1 < 128 ? max + skip + 1 : 128);
    for (int i = skip + 1; i < got && n < max; i++) {
        frames[n++] = all[i];
    }
    return n;
#else
    (void)frames;
    (void)max;
    (void)skip;
    return 0;
#endif
}

const void *
undis__stack_module(const void *pc)
{
#if defined(_WIN32)
    HMODULE module = NULL;
    if (GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                               GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                           (LPCSTR)pc, &module)) {
        return (const void *)module;
    }
    return NULL;
#elif defined(UNDIS_HAVE_BACKTRACE)
    Dl_info info;
    return dladdr(pc, &info) != 0 ? info.dli_fbase : NULL;
#else
    (void)pc;
    return NULL;
#endif
}

int
undis__stack_describe(const void *pc, char *buf, size_t size)
{
#if defined(_WIN32)
    char name[260];
    const void *base = undis__stack_module(pc);
    if (base == NULL || GetModuleFileNameA((HMODULE)(ULONG_PTR)base, name, sizeof(name)) == 0) {
        return snprintf(buf, size, "%p", pc);
    }
    return snprintf(buf, size, "%s+0x%llx", name,
                    (unsigned long long)((const char *)pc - (const char *)base));
#elif defined(UNDIS_HAVE_BACKTRACE)
    Dl_info info;
    if (dladdr(pc, &info) == 0 || info.dli_fname == NULL) {
        return snprintf(buf, size, "%p", pc);
    }
    if (info.dli_sname != NULL && info.dli_saddr != NULL) {
        return snprintf(buf, size, "%s+0x%llx (%s+0x%llx)", info.dli_fname,
                        (unsigned long long)((const char *)pc - (const char *)info.dli_fbase),
                        info.dli_sname,
                        (unsigned long long)((const char *)pc - (const char *)info.dli_saddr));
    }
    return snprintf(buf, size, "%s+0x%llx", info.dli_fname,
                    (unsigned long long)((const char *)pc - (const char *)info.dli_fbase));
#else
    return snprintf(buf, size, "%p", pc);
#endif
}
