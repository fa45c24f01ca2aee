/* SPDX-License-Identifier: MIT */
/* tests/support/verifier_fixture.c: see verifier_fixture.h. */
#include "support/verifier_fixture.h"

#include "support/pools.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <undis/check.h>
#include <undis/fault.h>

#define VERIFIER_FIXTURE_TAG 0x54534554u /* "TEST" */

unsigned g_allocs, g_frees;
PMDL g_last;
unsigned long long g_out0, g_failed0;
struct verifier_capture g_cap;
UCHAR g_arena[8192];

void
begin_case(void)
{
    g_allocs = 0;
    g_frees = 0;
    g_last = NULL;
    undis_fault_clear();
    (void)undis_verifier_set_level(0);
    undis_verifier_set_report_fn(NULL, NULL);
    g_out0 = undis_alloc_outstanding();
    g_failed0 = undis_alloc_failed_count();
}

/* Keeps the first report of a test. */
static void
capture(const undis_report *r, void *ctx)
{
    (void)ctx;
    if (g_cap.n++ != 0) {
        return;
    }
    g_cap.rule = r->rule;
    snprintf(g_cap.call, sizeof(g_cap.call), "%s", r->call);
    snprintf(g_cap.reason, sizeof(g_cap.reason), "%s", r->reason);
    snprintf(g_cap.history, sizeof(g_cap.history), "%s", r->history);
    g_cap.object = r->object;
    g_cap.nb = r->net_buffer;
    g_cap.nbl = r->net_buffer_list;
}

void
verify_begin(int level)
{
    memset(&g_cap, 0, sizeof(g_cap));
    undis_verifier_set_report_fn(capture, NULL);
    undis_verifier_reset_counts();
    (void)undis_verifier_set_level(level);
    CHECK_EQ_INT(undis_verifier_level(), level);
}

void
verify_end(void)
{
    (void)undis_verifier_set_level(0);
    undis_verifier_set_report_fn(NULL, NULL);
}

PMDL
mdl_over(UCHAR *buf, ULONG len)
{
    PMDL m = IoAllocateMdl(buf, len, FALSE, FALSE, NULL);
    CHECK(m != NULL);
    MmBuildMdlForNonPagedPool(m);
    return m;
}

void
nb_one(NET_BUFFER *nb, ULONG mdl_len, ULONG off, ULONG len)
{
    memset(nb, 0, sizeof(*nb));
    nb->MdlChain = mdl_over(g_arena, mdl_len);
    nb->DataOffset = off;
    nb->DataLength = len;
    NdisAdjustNetBufferCurrentMdl(nb);
    CHECK_EQ_INT(undis_nb_check(nb, NULL, 0), UNDIS_CHECK_OK);
}

void
nb_two(NET_BUFFER *nb)
{
    memset(nb, 0, sizeof(*nb));
    nb->MdlChain = mdl_over(g_arena, 14);
    nb->MdlChain->Next = mdl_over(g_arena + 64, 100);
    nb->DataLength = 114;
    NdisAdjustNetBufferCurrentMdl(nb);
    CHECK_EQ_INT(undis_nb_check(nb, NULL, 0), UNDIS_CHECK_OK);
}

void
nb_free_mdls(NET_BUFFER *nb)
{
    PMDL m = nb->MdlChain;
    while (m != NULL) {
        PMDL next = m->Next;
        IoFreeMdl(m);
        m = next;
    }
    nb->MdlChain = NULL;
}

NDIS_HANDLE
nbl_pool(USHORT context_size, BOOLEAN alloc_nb, ULONG data_size)
{
    NDIS_HANDLE pool = test_nbl_pool(alloc_nb, context_size, data_size, 0, VERIFIER_FIXTURE_TAG);
    CHECK(pool != NULL);
    return pool;
}

NDIS_HANDLE
nb_pool(ULONG data_size)
{
    NDIS_HANDLE pool = test_nb_pool(data_size, VERIFIER_FIXTURE_TAG);
    CHECK(pool != NULL);
    return pool;
}

PMDL
drv_mdl(ULONG size)
{
    PUCHAR buf = (PUCHAR)malloc(size != 0 ? size : 1);
    PMDL m = (PMDL)malloc(MmSizeOfMdl(buf, size));
    CHECK(buf != NULL && m != NULL);
    memset(buf, 0, size);
    MmInitializeMdl(m, buf, size);
    MmBuildMdlForNonPagedPool(m);
    g_allocs++;
    g_last = m;
    return m;
}

PMDL
drv_alloc(PULONG BufferSize)
{
    return drv_mdl(*BufferSize);
}

VOID
drv_free(PMDL Mdl)
{
    g_frees++;
    free(MmGetMdlVirtualAddress(Mdl));
    free(Mdl);
}

VOID
other_free(PMDL Mdl)
{
    drv_free(Mdl);
}

PMDL
drv_alloc_small(PULONG BufferSize)
{
    PMDL m = drv_mdl(*BufferSize - 1);
    *BufferSize -= 1;
    return m;
}

PMDL
drv_alloc_mismatch(PULONG BufferSize)
{
    return drv_mdl(*BufferSize + 8);
}
