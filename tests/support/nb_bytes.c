/* SPDX-License-Identifier: MIT */
/* tests/support/nb_bytes.c: see nb_bytes.h. */
#include "support/nb_bytes.h"

#include <string.h>

#include <undis/check.h>

void
pattern(PUCHAR buf, ULONG len, UCHAR seed)
{
    ULONG i;
    for (i = 0; i < len; i++) {
        buf[i] = (UCHAR)(seed + 7u * i + i / 253u);
    }
}

PMDL
mdl_make(struct tmdl *t, PUCHAR buf, ULONG len, UCHAR seed)
{
    pattern(buf, len, seed);
    if (len != 0) {
        return tmdl_make(t, buf, len);
    }
    memset(t, 0, sizeof(*t));
    MmInitializeMdl(&t->mdl, buf, len);
    t->mdl.MappedSystemVa = buf;
    t->mdl.MdlFlags = MDL_SOURCE_IS_NONPAGED_POOL;
    return &t->mdl;
}

void
nb_set(NET_BUFFER *nb, PMDL chain, ULONG off, ULONG len, PMDL cur, ULONG cur_off)
{
    memset(nb, 0, sizeof(*nb));
    nb->MdlChain = chain;
    nb->DataOffset = off;
    nb->DataLength = len;
    nb->CurrentMdl = cur;
    nb->CurrentMdlOffset = cur_off;
}

void
nb_ok_(const char *file, int line, const NET_BUFFER *nb)
{
    char why[256];
    if (undis_nb_check(nb, why, sizeof(why)) != UNDIS_CHECK_OK) {
        ut_fail_(file, line, "undis_nb_check: %s", why);
    }
}

void
nbl_ok_(const char *file, int line, const NET_BUFFER_LIST *nbl)
{
    char why[256];
    if (undis_nbl_check(nbl, why, sizeof(why)) != UNDIS_CHECK_OK) {
        ut_fail_(file, line, "undis_nbl_check: %s", why);
    }
}

void
expect_nb_(const char *file,
           int line,
           const NET_BUFFER *nb,
           const PMDL *chain,
           ULONG off,
           ULONG len,
           const MDL *cur,
           ULONG cur_off)
{
    char why[256];
    undis_check_rule rule;
    const MDL *m = nb->MdlChain;
    int i;

    for (i = 0; chain[i] != NULL; i++, m = m->Next) {
        if (m != chain[i]) {
            ut_fail_(file, line, "chain MDL #%d is %p, expected %p", i, (const void *)m,
                     (const void *)chain[i]);
        }
    }
    if (m != NULL) {
        ut_fail_(file, line, "chain has more than %d MDLs (next %p)", i, (const void *)m);
    }
    if (nb->DataOffset != off) {
        ut_fail_(file, line, "DataOffset %u, expected %u", (unsigned)nb->DataOffset, (unsigned)off);
    }
    if (nb->DataLength != len) {
        ut_fail_(file, line, "DataLength %u, expected %u", (unsigned)nb->DataLength, (unsigned)len);
    }
    if (nb->CurrentMdl != cur || nb->CurrentMdlOffset != cur_off) {
        ut_fail_(file, line, "CurrentMdl %p@%u, expected %p@%u", (const void *)nb->CurrentMdl,
                 (unsigned)nb->CurrentMdlOffset, (const void *)cur, (unsigned)cur_off);
    }
    rule = undis_nb_check(nb, why, sizeof(why));
    if (rule != UNDIS_CHECK_OK) {
        ut_fail_(file, line, "undis_nb_check: %s", why);
    }
}

int
read_chain(const MDL *m, ULONG skip, ULONG left, PUCHAR out)
{
    while (left > 0) {
        ULONG chunk;
        if (m == NULL) {
            return 0;
        }
        if (skip >= m->ByteCount) {
            skip -= m->ByteCount;
            m = m->Next;
            continue;
        }
        chunk = m->ByteCount - skip;
        if (chunk > left) {
            chunk = left;
        }
        memcpy(out, (const UCHAR *)MmGetMdlVirtualAddress(m) + skip, chunk);
        out += chunk;
        left -= chunk;
        skip = 0;
        m = m->Next;
    }
    return 1;
}

void
nb_write(NET_BUFFER *nb, const UCHAR *src, ULONG len)
{
    PMDL m = nb->CurrentMdl;
    ULONG off = nb->CurrentMdlOffset;
    while (len > 0) {
        PUCHAR va;
        ULONG chunk;
        CHECK_NOT_NULL(m);
        if (off >= m->ByteCount) {
            off -= m->ByteCount;
            m = m->Next;
            continue;
        }
        va = (PUCHAR)MmGetSystemAddressForMdlSafe(m, NormalPagePriority);
        CHECK_NOT_NULL(va);
        chunk = m->ByteCount - off;
        if (chunk > len) {
            chunk = len;
        }
        memcpy(va + off, src, chunk);
        src += chunk;
        len -= chunk;
        off = 0;
        m = m->Next;
    }
}

void
expect_bytes_(const char *file, int line, NET_BUFFER *nb, const UCHAR *expected, ULONG len)
{
    static UCHAR got[MAX_DATA];
    static UCHAR storage[MAX_DATA];
    const UCHAR *p;

    if (nb->DataLength != len || len > MAX_DATA) {
        ut_fail_(file, line, "DataLength %u, expected %u", (unsigned)nb->DataLength, (unsigned)len);
    }
    if (!read_chain(nb->MdlChain, nb->DataOffset, len, got)) {
        ut_fail_(file, line, "chain ends before DataOffset + DataLength");
    }
    ut_check_mem_eq_(file, line, "data from MdlChain+DataOffset", "expected", got, expected, len);
    if (!read_chain(nb->CurrentMdl, nb->CurrentMdlOffset, len, got)) {
        ut_fail_(file, line, "chain ends before CurrentMdl@CurrentMdlOffset + DataLength");
    }
    ut_check_mem_eq_(file, line, "data from CurrentMdl", "expected", got, expected, len);
    if (len != 0) {
        p = (const UCHAR *)NdisGetDataBuffer(nb, len, storage, 1, 0);
        if (p == NULL) {
            ut_fail_(file, line, "NdisGetDataBuffer(DataLength, Storage) returned NULL");
        }
        ut_check_mem_eq_(file, line, "NdisGetDataBuffer", "expected", p, expected, len);
    }
}

void
cat(struct bytes *e, const void *p, ULONG n)
{
    CHECK(e->n + n <= MAX_DATA);
    memcpy(e->b + e->n, p, n);
    e->n += n;
}
