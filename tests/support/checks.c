/* SPDX-License-Identifier: MIT */
/* tests/support/checks.c: see checks.h. */
#include "support/checks.h"

#include <string.h>

PMDL
tmdl_make(struct tmdl *t, PUCHAR buf, ULONG len)
{
    memset(t, 0, sizeof(*t));
    MmInitializeMdl(&t->mdl, buf, len);
    MmBuildMdlForNonPagedPool(&t->mdl);
    return &t->mdl;
}

void
check_mdl_same(const MDL *now, const MDL *was)
{
    CHECK_PTR_EQ(now->Next, was->Next);
    CHECK_EQ_INT(now->Size, was->Size);
    CHECK_EQ_INT(now->MdlFlags, was->MdlFlags);
    CHECK_PTR_EQ(now->Process, was->Process);
    CHECK_PTR_EQ(now->MappedSystemVa, was->MappedSystemVa);
    CHECK_PTR_EQ(now->StartVa, was->StartVa);
    CHECK_EQ_U32(now->ByteCount, was->ByteCount);
    CHECK_EQ_U32(now->ByteOffset, was->ByteOffset);
    CHECK_MEM_EQ((const UCHAR *)(now + 1), (const UCHAR *)(was + 1),
                 (size_t)now->Size - sizeof(MDL));
}
