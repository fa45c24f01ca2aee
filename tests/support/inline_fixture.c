/* SPDX-License-Identifier: MIT */
/* tests/support/inline_fixture.c: see inline_fixture.h. */
#include "support/inline_fixture.h"

#include <string.h>

#include "support/pools.h"
#include "test.h"

struct inline_capture g_icap;

static unsigned char g_scratch_buf[64];

static void
capture(const undis_report *r, void *ctx)
{
    (void)ctx;
    if (g_icap.n++ == 0) {
        g_icap.rule = r->rule;
    }
}

void
level(int lvl)
{
    undis_verifier_set_report_fn(capture, NULL);
    (void)undis_verifier_set_level(lvl);
}

int
map_fault_armed(void)
{
    union {
        MDL mdl;
        unsigned char bytes[sizeof(MDL) + 2 * sizeof(PFN_NUMBER)];
    } scratch;
    PVOID va;
    MmInitializeMdl(&scratch.mdl, g_scratch_buf, sizeof(g_scratch_buf));
    va = MmMapLockedPagesSpecifyCache(&scratch.mdl, KernelMode, MmCached, NULL, FALSE,
                                      NormalPagePriority);
    return va == NULL;
}

NDIS_HANDLE
data_pool(ULONG data_size)
{
    NDIS_HANDLE h = test_nbl_pool(TRUE, 0, data_size, NDIS_PROTOCOL_ID_DEFAULT, 0x6C6E4968u);
    CHECK_NOT_NULL(h);
    return h;
}

void
define_nb_bytes(NET_BUFFER *nb)
{
    NET_BUFFER keep = *nb;
    memset(nb, 0, sizeof(*nb));
    nb->Next = keep.Next;
    nb->CurrentMdl = keep.CurrentMdl;
    nb->CurrentMdlOffset = keep.CurrentMdlOffset;
    nb->DataLength = keep.DataLength;
    nb->MdlChain = keep.MdlChain;
    nb->DataOffset = keep.DataOffset;
    nb->NdisPoolHandle = keep.NdisPoolHandle;
    memset(nb->MdlChain->MappedSystemVa, 0x3C, nb->MdlChain->ByteCount);
}
