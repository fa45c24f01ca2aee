/* SPDX-License-Identifier: MIT */
/*
 * tests/support/kservices.h: what the kernel-service tests (DPCs, timers,
 * work items, waits) share: a counter that a callback bumps and a test
 * waits on, a bug-check catcher for the calling thread, and a worker
 * blocker (a DPC that spins on processor 0 until released, so that DPCs
 * queued behind it stay queued).
 */
#ifndef UNDIS_TEST_SUPPORT_KSERVICES_H
#define UNDIS_TEST_SUPPORT_KSERVICES_H

#include <ndis.h>

/* A count bumped from any thread, with the IRQL, processor and thread the
 * last bump saw. */
typedef struct ks_counter {
    KEVENT changed;
    volatile LONG count;
    volatile KIRQL irql;
    volatile ULONG processor;
    volatile PVOID context;
    volatile int thread; /* 1 when the last bump ran on the test's thread */
} ks_counter;

void ks_counter_init(ks_counter *c);
void ks_counter_bump(ks_counter *c, PVOID context);
/* TRUE when the count reaches n within ms milliseconds. */
BOOLEAN ks_counter_wait(ks_counter *c, LONG n, ULONG ms);
LONG ks_counter_get(ks_counter *c);

/* Holds processor 0's DPC worker (or every worker) until ks_block_release. */
void ks_block_cpu0(void);
void ks_block_all(void);
void ks_block_release(void);

/* Runs fn(arg) with a report hook that catches a bug check on this thread;
 * returns the bug check code, 0 when none came. */
ULONG ks_catch_bugcheck(void (*fn)(void *arg), void *arg);

#endif
