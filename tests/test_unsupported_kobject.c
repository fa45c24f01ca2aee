/* SPDX-License-Identifier: MIT */
/*
 * test_unsupported_kobject: the kernel-object family of <ndis/kobject.h>:
 * the calls of src/kernel/unsupported_kobject.c fail as documented and name
 * themselves once (system threads, handles and waits: test_rt_thread.c); ERESOURCE and EX_SPIN_LOCK
 * (src/kernel/rt_resource.c) behave as reader/writer locks and report nothing.
 */
#include <ndis.h>
#include <undis/report.h>

#include "test.h"

#include "support/unsupported_watch.h"

static HANDLE const k_junk = (HANDLE)(ULONG_PTR)0x5a5a;

TEST(security_check_denies)
{
    SECURITY_SUBJECT_CONTEXT subject;
    ACCESS_MASK granted = 0xffffffffU;
    NTSTATUS status = STATUS_SUCCESS;
    PEPROCESS process = (PEPROCESS)k_junk;
    watch();
    SeCaptureSubjectContext(&subject);
    check_reported_once("SeCaptureSubjectContext");
    watch();
    CHECK(!SeAccessCheck(NULL, &subject, FALSE, FILE_WRITE_DATA, 0, NULL,
                         IoGetFileObjectGenericMapping(), UserMode, &granted, &status));
    CHECK_EQ_INT((int)granted, 0);
    CHECK_EQ_INT((int)status, (int)STATUS_ACCESS_DENIED);
    check_reported_once("SeAccessCheck");
    watch();
    CHECK_EQ_INT((int)PsLookupProcessByProcessId(PsGetCurrentProcessId(), &process),
                 (int)STATUS_INVALID_PARAMETER);
    CHECK(process == NULL);
    check_reported_once("PsLookupProcessByProcessId");
    undis_report_set_hook(NULL, NULL);
}

TEST(eresource_is_a_reader_writer_lock)
{
    ERESOURCE resource;
    watch();
    CHECK_EQ_INT((int)ExInitializeResourceLite(&resource), (int)STATUS_SUCCESS);
    CHECK(ExAcquireResourceSharedLite(&resource, TRUE));
    CHECK(ExAcquireSharedStarveExclusive(&resource, TRUE));
    CHECK(!ExAcquireResourceExclusiveLite(&resource, FALSE));
    CHECK_EQ_INT((int)ExIsResourceAcquiredSharedLite(&resource), 1);
    ExReleaseResourceLite(&resource);
    ExReleaseResourceLite(&resource);
    CHECK(ExAcquireResourceExclusiveLite(&resource, FALSE));
    CHECK(ExAcquireResourceExclusiveLite(&resource, TRUE)); /* recursive */
    CHECK(ExAcquireResourceSharedLite(&resource, FALSE));   /* owner may share */
    CHECK(ExIsResourceAcquiredExclusiveLite(&resource));
    CHECK_EQ_INT((int)ExIsResourceAcquiredSharedLite(&resource), 3);
    CHECK((resource.Flag & ResourceOwnedExclusive) != 0);
    ExReleaseResourceLite(&resource);
    ExReleaseResourceLite(&resource);
    ExReleaseResourceLite(&resource);
    CHECK(!ExIsResourceAcquiredExclusiveLite(&resource));
    CHECK_EQ_INT((int)ExDeleteResourceLite(&resource), (int)STATUS_SUCCESS);
    CHECK_EQ_INT(g_seen.count, 0);
    undis_report_set_hook(NULL, NULL);
}

TEST(ex_spin_lock_shares_and_excludes)
{
    EX_SPIN_LOCK lock = 0;
    KIRQL old = ExAcquireSpinLockShared(&lock);
    CHECK_EQ_INT((int)KeGetCurrentIrql(), DISPATCH_LEVEL);
    ExAcquireSpinLockSharedAtDpcLevel(&lock);
    CHECK_EQ_INT((int)lock, 2);
    CHECK(!ExTryConvertSharedSpinLockExclusive(&lock));
    ExReleaseSpinLockSharedFromDpcLevel(&lock);
    CHECK(ExTryConvertSharedSpinLockExclusive(&lock));
    CHECK_EQ_INT((int)lock, -1);
    ExReleaseSpinLockExclusive(&lock, old);
    CHECK_EQ_INT((int)KeGetCurrentIrql(), PASSIVE_LEVEL);
    old = ExAcquireSpinLockExclusive(&lock);
    CHECK_EQ_INT((int)lock, -1);
    ExReleaseSpinLockExclusive(&lock, old);
    CHECK_EQ_INT((int)lock, 0);
}

TEST(identity_and_runtime_calls_are_real)
{
    ULONG flags = 7;
    PGENERIC_MAPPING map = IoGetFileObjectGenericMapping();
    watch();
    CHECK(KeGetCurrentThread() != NULL);
    CHECK(KeGetCurrentThread() == KeGetCurrentThread());
    CHECK(PsGetCurrentProcessId() != NULL);
    CHECK_EQ_INT((int)map->GenericAll, (int)FILE_ALL_ACCESS);
    CHECK_EQ_INT((int)MmIsVerifierEnabled(&flags), (int)STATUS_NOT_SUPPORTED);
    CHECK_EQ_INT((int)flags, 0);
    ExInitializeDriverRuntime(DrvRtPoolNxOptIn);
    CHECK_EQ_INT(g_seen.count, 0);
    undis_report_set_hook(NULL, NULL);
}

TEST_MAIN_BEGIN
TEST_CASE(security_check_denies)
TEST_CASE(eresource_is_a_reader_writer_lock)
TEST_CASE(ex_spin_lock_shares_and_excludes)
TEST_CASE(identity_and_runtime_calls_are_real)
TEST_MAIN_END
