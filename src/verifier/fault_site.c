/* SPDX-License-Identifier: MIT */
/*
 * fault_site.c: fault injection by call site (<undis/fault_site.h>). The
 * single allocation path (src/base/alloc.c) and the mapping check ask
 * undis__fault_site_hit while a recording runs.
 */
#include "base/internal.h"

#include <string.h>

#include <undis/fault_site.h>

#define SITE_SCAN 48 /* frames looked at for the first one in the module */

volatile int undis__fault_sites_on;

static struct {
    undis__spinlock lock;
    const void *module;
    int depth; /* frames per site: 4, or 8 when the module holds undis too */
    unsigned long long fail_key;
    int failed;
    size_t count;
    undis_fault_site sites[UNDIS_FAULT_SITE_MAX];
} g_sites;

static unsigned long long
site_key(int kind, void *const *stack, int depth)
{
    unsigned long long h = 0xcbf29ce484222325ull ^ (unsigned long long)kind;
    for (int i = 0; i < depth; i++) {
        h ^= (unsigned long long)(uintptr_t)stack[i];
        h *= 0x100000001b3ull;
    }
    return h != 0 ? h : 1;
}

/* Records the site (under the lock); its index, or -1 when the table is full. */
static long
site_record(unsigned long long key, int kind, void *const *stack, int depth)
{
    for (size_t i = 0; i < g_sites.count; i++) {
        if (g_sites.sites[i].key == key) {
            g_sites.sites[i].reached++;
            return (long)i;
        }
    }
    if (g_sites.count == UNDIS_FAULT_SITE_MAX) {
        return -1;
    }
    undis_fault_site *s = &g_sites.sites[g_sites.count];
    memset(s, 0, sizeof(*s));
    s->key = key;
    s->kind = (undis_fault_site_kind)kind;
    s->depth = depth;
    memcpy(s->stack, stack, (size_t)depth * sizeof(void *));
    s->reached = 1;
    return (long)g_sites.count++;
}

int
undis__fault_site_hit(int kind)
{
    void *frames[SITE_SCAN];
    int got = undis__stack_capture(frames, SITE_SCAN, 0);
    int first = 0;
    int depth;
    int fail = 0;
    unsigned long long key;
    while (first < got && undis__stack_module(frames[first]) != g_sites.module) {
        first++;
    }
    if (first == got || g_sites.module == NULL) {
        return 0; /* not reached by the module under test */
    }
    depth = got - first < g_sites.depth ? got - first : g_sites.depth;
    key = site_key(kind, frames + first, depth);
    undis__spin_lock(&g_sites.lock);
    (void)site_record(key, kind, frames + first, depth);
    if (key == g_sites.fail_key && !g_sites.failed) {
        g_sites.failed = 1;
        fail = 1;
    }
    undis__spin_unlock(&g_sites.lock);
    return fail;
}

void
undis_fault_sites_begin(const void *module_address, unsigned long long fail_key)
{
    undis__process_init();
    undis__spin_lock(&g_sites.lock);
    g_sites.module = module_address != NULL ? undis__stack_module(module_address) : NULL;
    g_sites.depth = g_sites.module != NULL && g_sites.module == undis__stack_module(&g_sites)
                        ? UNDIS_FAULT_SITE_FRAMES
                        : UNDIS_FAULT_SITE_DEPTH;
    g_sites.fail_key = fail_key;
    g_sites.failed = 0;
    g_sites.count = 0;
    undis__spin_unlock(&g_sites.lock);
    undis__atomic_store_relaxed_int(&undis__fault_sites_on, 1);
    undis__atomic_store_relaxed_int(&undis__fault_armed, 1); /* every allocation asks */
}

void
undis_fault_sites_end(void)
{
    undis__atomic_store_relaxed_int(&undis__fault_sites_on, 0);
}

size_t
undis_fault_sites_count(void)
{
    size_t n;
    undis__spin_lock(&g_sites.lock);
    n = g_sites.count;
    undis__spin_unlock(&g_sites.lock);
    return n;
}

int
undis_fault_sites_get(size_t index, undis_fault_site *out)
{
    int ok = 0;
    undis__spin_lock(&g_sites.lock);
    if (index < g_sites.count && out != NULL) {
        *out = g_sites.sites[index];
        ok = 1;
    }
    undis__spin_unlock(&g_sites.lock);
    return ok;
}

int
undis_fault_sites_failed(void)
{
    return g_sites.failed;
}

int
undis_backtrace(void **frames, int max)
{
    return frames != NULL ? undis__stack_capture(frames, max, 0) : 0;
}

int
undis_describe_address(const void *address, char *buf, size_t size)
{
    if (buf == NULL || size == 0) {
        return 0;
    }
    buf[0] = '\0';
    return undis__stack_describe(address, buf, size);
}
