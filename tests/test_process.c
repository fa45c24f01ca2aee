/*
 * test_process.c - process state set up once, on first use (issue 16 part 3):
 * the platform's once-initialisation under threads racing to it, the
 * verifier level taken from UNDIS_VERIFIER by the first use of the library
 * (no constructor), and the verifier's counters reset while other threads
 * count. Built for ThreadSanitizer too, where a missing ordering or a plain
 * write racing an atomic one is reported.
 *
 * verifier_level_from_environment_on_first_use runs with UNDIS_VERIFIER=1
 * in its environment (tests/CMakeLists.txt) and fails without it.
 *
 * Needs POSIX threads; uses platform/platform.h (src/) for the once.
 */
#include "test.h"

#include <ndis.h>
#include <undis/verifier.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "platform/platform.h"

#define THREADS 8

/* Every thread spins here until the main thread opens the gate, so that
 * they reach the code under test as nearly together as possible. */
static atomic_int g_gate;

static void
gate_wait(void)
{
    while (atomic_load_explicit(&g_gate, memory_order_acquire) == 0) {
    }
}

static void
threads_run(pthread_t *t, void *(*fn)(void *), void *args, size_t arg_size)
{
    atomic_store(&g_gate, 0);
    for (int i = 0; i < THREADS; i++) {
        CHECK_EQ_INT(pthread_create(&t[i], NULL, fn, (char *)args + (size_t)i * arg_size), 0);
    }
    atomic_store_explicit(&g_gate, 1, memory_order_release);
    for (int i = 0; i < THREADS; i++) {
        CHECK_EQ_INT(pthread_join(t[i], NULL), 0);
    }
}

/* ---- the once --------------------------------------------------------------- */

static undis__once g_once = UNDIS__ONCE_INIT;
static int g_once_runs; /* plain ints: the once must order them */
static int g_once_value;

static void
once_body(void)
{
    g_once_runs++;
    undis__sleep_ns(2000000); /* 2 ms: the other threads arrive meanwhile */
    g_once_value = 42;
}

struct once_arg {
    int runs_seen;
    int value_seen;
};

static void *
once_main(void *p)
{
    struct once_arg *a = (struct once_arg *)p;
    gate_wait();
    undis__once_run(&g_once, once_body);
    a->runs_seen = g_once_runs;
    a->value_seen = g_once_value;
    return NULL;
}

/* Every racing caller returns after the body ran, exactly once, and sees
 * what it wrote. */
TEST(once_runs_once_among_racing_threads)
{
    static struct once_arg args[THREADS];
    pthread_t t[THREADS];
    threads_run(t, once_main, args, sizeof(args[0]));
    CHECK_EQ_INT(g_once_runs, 1);
    for (int i = 0; i < THREADS; i++) {
        CHECK_EQ_INT(args[i].runs_seen, 1);
        CHECK_EQ_INT(args[i].value_seen, 42);
    }
    undis__once_run(&g_once, once_body); /* done: does not run again */
    CHECK_EQ_INT(g_once_runs, 1);
}

/* ---- the level from the environment ----------------------------------------- */

static void
report_quietly(const undis_report *r, void *ctx)
{
    (void)r;
    (void)ctx;
}

static NDIS_HANDLE
data_pool_make(void)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.fAllocateNetBuffer = TRUE;
    p.PoolTag = 0x636F7250u; /* 'corP' */
    p.DataSize = 256;
    return NdisAllocateNetBufferListPool(NULL, &p);
}

struct use_arg {
    int pool_made;
    int got_null;
};

/* One read beyond DataLength: NULL at every level (as on Windows); at
 * level 1 and above also a GET_DATA_BEYOND_LENGTH report. Safe at level 0. */
static void
read_beyond(NDIS_HANDLE pool, struct use_arg *a)
{
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    if (nbl != NULL) {
        NET_BUFFER *nb = NET_BUFFER_LIST_FIRST_NB(nbl);
        a->got_null = NdisGetDataBuffer(nb, NET_BUFFER_DATA_LENGTH(nb) + 1, NULL, 1, 0) == NULL;
        NdisFreeNetBufferList(nbl);
    }
}

static void *
first_use_main(void *p)
{
    struct use_arg *a = (struct use_arg *)p;
    NDIS_HANDLE pool;
    gate_wait();
    pool = data_pool_make(); /* the process's first use, racing the others */
    a->pool_made = pool != NULL;
    if (pool != NULL) {
        read_beyond(pool, a);
        NdisFreeNetBufferListPool(pool);
    }
    return NULL;
}

/* UNDIS_VERIFIER=1 applies to the first calls of every thread, though no
 * constructor ran and no thread asked for the level first: the first pool
 * creation of any thread runs the process initialisation, and the others
 * wait for it. */
TEST(verifier_level_from_environment_on_first_use)
{
    static struct use_arg args[THREADS];
    pthread_t t[THREADS];
    const char *env = getenv("UNDIS_VERIFIER");
    CHECK(env != NULL && strcmp(env, "1") == 0);        /* set by tests/CMakeLists.txt */
    undis_verifier_set_report_fn(report_quietly, NULL); /* neither reads the level */
    undis_verifier_reset_counts();
    threads_run(t, first_use_main, args, sizeof(args[0]));
    for (int i = 0; i < THREADS; i++) {
        CHECK(args[i].pool_made);
        CHECK(args[i].got_null);
    }
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_GET_DATA_BEYOND_LENGTH), THREADS);
    CHECK_EQ_INT(undis_verifier_level(), 1);
    undis_verifier_set_report_fn(NULL, NULL);
}

/* ---- counters reset while counted ------------------------------------------- */

#define REPORTS_PER_THREAD 2000

struct count_arg {
    NDIS_HANDLE pool;
    struct use_arg use;
};

static void *
count_main(void *p)
{
    struct count_arg *a = (struct count_arg *)p;
    gate_wait();
    for (int i = 0; i < REPORTS_PER_THREAD; i++) {
        read_beyond(a->pool, &a->use);
    }
    return NULL;
}

static void *
reset_main(void *p)
{
    (void)p;
    gate_wait();
    for (int i = 0; i < REPORTS_PER_THREAD; i++) {
        undis_verifier_reset_counts();
    }
    return NULL;
}

/* undis_verifier_reset_counts while other threads report: every counter is
 * zeroed by an atomic store (ThreadSanitizer reports the plain memset this
 * replaced), and counting goes on exactly afterwards. */
TEST(reset_counts_while_threads_count)
{
    static struct count_arg args[THREADS];
    pthread_t t[THREADS];
    NDIS_HANDLE pool = data_pool_make();
    CHECK(pool != NULL);
    undis_verifier_set_report_fn(report_quietly, NULL);
    (void)undis_verifier_set_level(1);
    atomic_store(&g_gate, 0);
    for (int i = 0; i < THREADS; i++) {
        args[i].pool = pool;
        CHECK_EQ_INT(pthread_create(&t[i], NULL, i == 0 ? reset_main : count_main, &args[i]), 0);
    }
    atomic_store_explicit(&g_gate, 1, memory_order_release);
    for (int i = 0; i < THREADS; i++) {
        CHECK_EQ_INT(pthread_join(t[i], NULL), 0);
    }
    undis_verifier_reset_counts();
    CHECK_EQ_U64(undis_verifier_report_count(), 0);
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_GET_DATA_BEYOND_LENGTH), 0);
    read_beyond(pool, &args[0].use);
    read_beyond(pool, &args[0].use);
    CHECK_EQ_U64(undis_verifier_report_count(), 2);
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_GET_DATA_BEYOND_LENGTH), 2);
    (void)undis_verifier_set_level(0);
    undis_verifier_set_report_fn(NULL, NULL);
    NdisFreeNetBufferListPool(pool);
}

TEST_MAIN_BEGIN
TEST_CASE(once_runs_once_among_racing_threads)
TEST_CASE(verifier_level_from_environment_on_first_use)
TEST_CASE(reset_counts_while_threads_count)
TEST_MAIN_END
