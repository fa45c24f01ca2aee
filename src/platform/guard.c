/* SPDX-License-Identifier: MIT */
/*
 * guard.c: buffers that end where an inaccessible page begins, so that a
 * read or write past the end faults at once (the host's guarded batches,
 * <undis/host_batch.h>, used by `undis run --replay` where no
 * AddressSanitizer runs). POSIX: mmap and mprotect; Windows: VirtualAlloc
 * and VirtualProtect.
 */
#if !defined(_WIN32) && !defined(_DEFAULT_SOURCE)
#    define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#endif
#include "platform/platform.h"

#if defined(_WIN32)
#    define WIN32_LEAN_AND_MEAN
#    include <windows.h>
#else
#    include <sys/mman.h>
#    include <unistd.h>
#endif

static size_t
page_size(void)
{
#if defined(_WIN32)
    SYSTEM_INFO info;
    GetSystemInfo(&info);
    return info.dwPageSize;
#else
    long page = sysconf(_SC_PAGESIZE);
    return page > 0 ? (size_t)page : 4096u;
#endif
}

/* The mapping of a guarded buffer of size bytes: its base and length. */
static size_t
mapping_length(size_t size, size_t page)
{
    return (size + page - 1) / page * page + page;
}

void *
undis__guard_alloc(size_t size)
{
    size_t page = page_size();
    size_t length = mapping_length(size, page);
    char *base;
#if defined(_WIN32)
    DWORD old;
    base = (char *)VirtualAlloc(NULL, length, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    if (base == NULL || !VirtualProtect(base + length - page, page, PAGE_NOACCESS, &old)) {
        return NULL;
    }
#else
    base = (char *)mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == (char *)MAP_FAILED) {
        return NULL;
    }
    if (mprotect(base + length - page, page, PROT_NONE) != 0) {
        munmap(base, length);
        return NULL;
    }
#endif
    return base + length - page - size;
}

void
undis__guard_free(void *p, size_t size)
{
    size_t page = page_size();
    size_t length = mapping_length(size, page);
    char *base;
    if (p == NULL) {
        return;
    }
    base = (char *)p + size + page - length;
#if defined(_WIN32)
    (void)VirtualFree(base, 0, MEM_RELEASE);
#else
    (void)munmap(base, length);
#endif
}
