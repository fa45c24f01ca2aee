/* SPDX-License-Identifier: MIT */
/*
 * test_rt_pushlock: push locks and run-down protection (rt_pushlock.c) and
 * the small real executive calls of <ndis/exsync.h>: shared holders share,
 * an exclusive holder excludes (four threads incrementing a counter under
 * the lock lose no update), run-down acquisition fails once the wait has
 * begun and the wait returns after the last release, RtlUnicodeStringPrintf
 * formats and truncates as ntstrsafe.h does.
 */
#include <ndis.h>

#include "support/threads.h"
#include "test.h"

TEST(push_lock_shared_and_exclusive_states)
{
    EX_PUSH_LOCK lock;
    ExInitializePushLock(&lock);
    CHECK(lock == 0);
    ExAcquirePushLockShared(&lock);
    ExAcquirePushLockShared(&lock);
    CHECK(lock == 4); /* two shared holders */
    ExReleasePushLockShared(&lock);
    ExReleasePushLockShared(&lock);
    CHECK(lock == 0);
    ExAcquirePushLockExclusive(&lock);
    CHECK(lock == 1);
    ExReleasePushLockExclusive(&lock);
    CHECK(lock == 0);
}

#define ROUNDS 20000

static EX_PUSH_LOCK g_lock;
static volatile unsigned long g_counter;

static void *
add_under_lock(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        ExAcquirePushLockExclusive(&g_lock);
        g_counter = g_counter + 1;
        ExReleasePushLockExclusive(&g_lock);
        ExAcquirePushLockShared(&g_lock);
        ExReleasePushLockShared(&g_lock);
    }
    return NULL;
}

TEST(push_lock_excludes_writers_across_threads)
{
    test_thread t[4];
    ExInitializePushLock(&g_lock);
    g_counter = 0;
    for (int i = 0; i < 4; i++) {
        CHECK_EQ_INT(test_thread_create(&t[i], add_under_lock, NULL), 0);
    }
    for (int i = 0; i < 4; i++) {
        CHECK_EQ_INT(test_thread_join(&t[i], NULL), 0);
    }
    CHECK_EQ_INT((long long)g_counter, 4LL * ROUNDS);
    CHECK(g_lock == 0);
}

static EX_RUNDOWN_REF g_ref;

static void *
release_later(void *arg)
{
    (void)arg;
    NdisMSleep(20000); /* 20 ms: the wait begins first */
    ExReleaseRundownProtectionEx(&g_ref, 2);
    return NULL;
}

TEST(rundown_waits_for_release_then_refuses)
{
    test_thread t;
    ExInitializeRundownProtection(&g_ref);
    CHECK(ExAcquireRundownProtection(&g_ref));
    CHECK(ExAcquireRundownProtectionEx(&g_ref, 2));
    ExReleaseRundownProtection(&g_ref);
    CHECK_EQ_INT(test_thread_create(&t, release_later, NULL), 0);
    ExWaitForRundownProtectionRelease(&g_ref); /* returns after the release */
    CHECK_EQ_INT(test_thread_join(&t, NULL), 0);
    CHECK(!ExAcquireRundownProtection(&g_ref));
    ExRundownCompleted(&g_ref);
    CHECK(!ExAcquireRundownProtection(&g_ref));
    ExReInitializeRundownProtection(&g_ref);
    CHECK(ExAcquireRundownProtection(&g_ref));
    ExReleaseRundownProtection(&g_ref);
}

TEST(cache_aware_rundown_is_one_reference)
{
    PEX_RUNDOWN_REF_CACHE_AWARE r =
        ExAllocateCacheAwareRundownProtection(NonPagedPoolNx, 0x54657374u);
    CHECK(r != NULL);
    CHECK(ExSizeOfRundownProtectionCacheAware() >= sizeof(EX_RUNDOWN_REF));
    CHECK(ExAcquireRundownProtectionCacheAware(r));
    ExReleaseRundownProtectionCacheAware(r);
    ExWaitForRundownProtectionReleaseCacheAware(r);
    CHECK(!ExAcquireRundownProtectionCacheAwareEx(r, 1));
    ExReInitializeRundownProtectionCacheAware(r);
    CHECK(ExAcquireRundownProtectionCacheAwareEx(r, 3));
    ExReleaseRundownProtectionCacheAwareEx(r, 3);
    ExFreeCacheAwareRundownProtection(r);
}

TEST(unicode_string_printf_formats_and_truncates)
{
    WCHAR buffer[8];
    UNICODE_STRING s;
    s.Buffer = buffer;
    s.MaximumLength = (USHORT)sizeof(buffer);
    s.Length = 0;
    CHECK_EQ_INT((int)RtlUnicodeStringPrintf(&s, L"id=%u", 42u), (int)STATUS_SUCCESS);
    CHECK_EQ_INT(s.Length, 5 * (int)sizeof(WCHAR));
    CHECK(buffer[0] == L'i' && buffer[3] == L'4' && buffer[4] == L'2');
    CHECK_EQ_INT((int)RtlUnicodeStringPrintf(&s, L"%ws-%u", L"adapter", 7u),
                 (int)STATUS_BUFFER_OVERFLOW);
    CHECK_EQ_INT(s.Length, 8 * (int)sizeof(WCHAR));
    CHECK(buffer[7] == L'-');
    CHECK_EQ_INT((int)RtlUnicodeStringPrintf(NULL, L"x"), (int)STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)RtlUnicodeStringPrintf(&s, L"\x00e9"), (int)STATUS_INVALID_PARAMETER);
}

TEST(small_real_calls)
{
    PUCHAR p =
        (PUCHAR)ExAllocatePoolPriorityZero(NonPagedPoolNx, 32, 0x54657374u, NormalPoolPriority);
    CHECK(p != NULL);
    for (int i = 0; i < 32; i++) {
        CHECK_EQ_INT(p[i], 0);
    }
    ExFreePool(p);
    CHECK_EQ_INT((int)KeShouldYieldProcessor(), 0);
}

TEST_MAIN_BEGIN
TEST_CASE(push_lock_shared_and_exclusive_states)
TEST_CASE(push_lock_excludes_writers_across_threads)
TEST_CASE(rundown_waits_for_release_then_refuses)
TEST_CASE(cache_aware_rundown_is_one_reference)
TEST_CASE(unicode_string_printf_formats_and_truncates)
TEST_CASE(small_real_calls)
TEST_MAIN_END
