/* SPDX-License-Identifier: MIT */
/*
 * undis <undis/fault_site.h>: fault injection by call site. An allocation
 * or mapping site is told apart by its call stack: the first
 * UNDIS_FAULT_SITE_DEPTH return addresses from the first frame that lies in
 * the module under test (a driver's shared object, or whichever module holds
 * the address given). When that module also holds undis (a driver linked
 * with libundis statically), undis's own frames come first, so the stack is
 * UNDIS_FAULT_SITE_FRAMES deep from the allocation path's caller. While recording, every allocation
 * (<undis/fault.h>'s kinds) and every mapping (MmMapLockedPagesSpecifyCache,
 * MmGetSystemAddressForMdlSafe) that code of that module reaches is a site;
 * one chosen site is made to fail the first time it is reached. Allocations
 * the module does not reach (undis's own, the host's) are not sites.
 *
 * `undis run --fail-each-site` (docs/fuzzing.md) runs a driver's whole life
 * once to learn its sites, then once per site with that site failing, until
 * every site reached has failed once.
 *
 * Stacks: glibc and macOS (backtrace, dladdr) and Windows
 * (CaptureStackBackTrace, GetModuleHandleEx); elsewhere no site is found.
 * Threads: begin and end on one thread while no other allocates; the sites
 * themselves may be reached from any thread.
 */
#ifndef UNDIS_FAULT_SITE_H
#define UNDIS_FAULT_SITE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define UNDIS_FAULT_SITE_DEPTH  4   /* frames that tell sites apart */
#define UNDIS_FAULT_SITE_FRAMES 8   /* frames kept: twice as many when the module holds undis */
#define UNDIS_FAULT_SITE_MAX    512 /* sites recorded at most */

typedef enum undis_fault_site_kind {
    UNDIS_FAULT_SITE_ALLOC = 0, /* an allocation */
    UNDIS_FAULT_SITE_MAP = 1    /* a mapping */
} undis_fault_site_kind;

typedef struct undis_fault_site {
    unsigned long long key; /* stable for the process (a hash of kind and stack) */
    undis_fault_site_kind kind;
    int depth;                            /* frames in stack */
    void *stack[UNDIS_FAULT_SITE_FRAMES]; /* innermost first: the module's frame, its callers */
    unsigned long long reached;           /* times reached while recording */
} undis_fault_site;

/**
 * Starts recording the sites of the module holding module_address, emptying
 * the table; the site whose key is fail_key fails the first time it is
 * reached (0: none fails). Pre: no recording running. Post: recording.
 * Failure: none (without stacks nothing is recorded). One thread, any IRQL.
 */
void undis_fault_sites_begin(const void *module_address, unsigned long long fail_key);

/** Stops recording; the table stays readable until the next begin. */
void undis_fault_sites_end(void);

/** Sites recorded (in the order first reached). Any thread. */
size_t undis_fault_sites_count(void);

/** Copies site index into *out; 0 when index is out of range. */
int undis_fault_sites_get(size_t index, undis_fault_site *out);

/** 1 when the chosen site has been reached (and failed) since begin. */
int undis_fault_sites_failed(void);

/** Up to max return addresses of the caller's stack (innermost first); the
 * count, 0 where stacks are not available. Any thread. */
int undis_backtrace(void **frames, int max);

/** "module+0xoffset (symbol+0xoffset)" for an address, written into buf
 * (size bytes, always terminated when size > 0); snprintf's result. */
int undis_describe_address(const void *address, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* UNDIS_FAULT_SITE_H */
