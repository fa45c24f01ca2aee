/*
 * test_check.c - the structure checkers of <undis/check.h>: for every rule, a
 * structure that breaks exactly that rule (and no earlier one), and the
 * positive cases the rules must let through.
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/mdl_pages.h"

/* ---- helpers ------------------------------------------------------------ */

/* An MDL in caller storage with room for a few PFNs. */
struct test_mdl {
    MDL mdl;
    PFN_NUMBER pfn[4];
};

/* A valid, mapped (nonpaged) MDL for [va, va+len). len may be 0. */
static PMDL
mdl_init(struct test_mdl *t, PVOID va, ULONG len)
{
    memset(t, 0, sizeof(*t));
    MmInitializeMdl(&t->mdl, va, len);
    if (len != 0) {
        MmBuildMdlForNonPagedPool(&t->mdl);
    } else {
        t->mdl.Process = NULL;
        t->mdl.MappedSystemVa = va;
        t->mdl.MdlFlags = MDL_SOURCE_IS_NONPAGED_POOL;
    }
    return &t->mdl;
}

/* Point nb at chain with the given data range; CurrentMdl by the NDIS rule. */
static void
nb_init(NET_BUFFER *nb, PMDL chain, ULONG data_offset, ULONG data_length)
{
    memset(nb, 0, sizeof(*nb));
    nb->MdlChain = chain;
    nb->DataOffset = data_offset;
    nb->DataLength = data_length;
    NdisAdjustNetBufferCurrentMdl(nb);
}

/* The why text must begin "RULE_NAME: " and say something after it. */
static void
check_why_names(const char *why, undis_check_rule rule)
{
    const char *name = undis_check_rule_name(rule);
    size_t n = strlen(name);
    if (strncmp(why, name, n) != 0 || why[n] != ':' || why[n + 1] != ' ' || why[n + 2] == '\0') {
        fprintf(stderr, "why: \"%s\"\n", why);
    }
    CHECK(strncmp(why, name, n) == 0);
    CHECK(why[n] == ':');
    CHECK(why[n + 1] == ' ');
    CHECK(why[n + 2] != '\0');
}

static void
expect_chain_rule(const MDL *chain, undis_check_rule rule)
{
    char why[256];
    memset(why, 'X', sizeof(why));
    CHECK_EQ_INT(undis_mdl_chain_check(chain, why, sizeof(why)), rule);
    CHECK_NOT_NULL(memchr(why, '\0', sizeof(why)));
    check_why_names(why, rule);
    /* Without a buffer the verdict is the same. */
    CHECK_EQ_INT(undis_mdl_chain_check(chain, NULL, 0), rule);
}

static void
expect_nb_rule(const NET_BUFFER *nb, undis_check_rule rule)
{
    char why[256];
    memset(why, 'X', sizeof(why));
    CHECK_EQ_INT(undis_nb_check(nb, why, sizeof(why)), rule);
    CHECK_NOT_NULL(memchr(why, '\0', sizeof(why)));
    check_why_names(why, rule);
    CHECK_EQ_INT(undis_nb_check(nb, NULL, 0), rule);
}

static void
expect_nb_ok(const NET_BUFFER *nb)
{
    char why[256];
    undis_check_rule rule;
    memset(why, 'X', sizeof(why));
    rule = undis_nb_check(nb, why, sizeof(why));
    if (rule != UNDIS_CHECK_OK) {
        fprintf(stderr, "checker: %s\n", why);
    }
    CHECK_EQ_INT(rule, UNDIS_CHECK_OK);
    /* On success the explanation is the empty string. */
    CHECK_EQ_INT(why[0], '\0');
}

/* ---- MDL chain rules ---------------------------------------------------- */

TEST(rule_mdl_chain_cycle)
{
    struct test_mdl a, b, c;
    UCHAR buf[30];
    NET_BUFFER nb;

    mdl_init(&a, buf, 10);
    mdl_init(&b, buf + 10, 10);
    mdl_init(&c, buf + 20, 10);
    /* a -> b -> c -> b */
    a.mdl.Next = &b.mdl;
    b.mdl.Next = &c.mdl;
    c.mdl.Next = &b.mdl;
    expect_chain_rule(&a.mdl, UNDIS_CHECK_MDL_CHAIN_CYCLE);
    /* Reported through the NB check as well (chain first). */
    memset(&nb, 0, sizeof(nb));
    nb.MdlChain = &a.mdl;
    nb.CurrentMdl = &a.mdl;
    expect_nb_rule(&nb, UNDIS_CHECK_MDL_CHAIN_CYCLE);

    /* A self-loop at the head, and a two-MDL loop back to the head. */
    a.mdl.Next = &a.mdl;
    expect_chain_rule(&a.mdl, UNDIS_CHECK_MDL_CHAIN_CYCLE);
    a.mdl.Next = &b.mdl;
    b.mdl.Next = &a.mdl;
    expect_chain_rule(&a.mdl, UNDIS_CHECK_MDL_CHAIN_CYCLE);
    /* A self-loop at the end of a longer chain. */
    b.mdl.Next = &c.mdl;
    c.mdl.Next = &c.mdl;
    expect_chain_rule(&a.mdl, UNDIS_CHECK_MDL_CHAIN_CYCLE);
}

TEST(rule_mdl_chain_too_long)
{
    const size_t count = (size_t)UNDIS_CHECK_MAX_CHAIN + 1;
    MDL *mdls = (MDL *)calloc(count, sizeof(MDL));
    static UCHAR byte;
    size_t i;

    CHECK_NOT_NULL(mdls);
    /* Zero-length MDLs at a page-aligned address need no PFN: Size 48. */
    for (i = 0; i < count; i++) {
        MmInitializeMdl(&mdls[i], PAGE_ALIGN(&byte), 0);
        mdls[i].Next = i + 1 < count ? &mdls[i + 1] : NULL;
    }
    expect_chain_rule(&mdls[0], UNDIS_CHECK_MDL_CHAIN_TOO_LONG);
    /* Exactly UNDIS_CHECK_MAX_CHAIN MDLs is still accepted. */
    mdls[count - 2].Next = NULL;
    CHECK_EQ_INT(undis_mdl_chain_check(&mdls[0], NULL, 0), UNDIS_CHECK_OK);
    free(mdls);
}

TEST(rule_mdl_byte_offset_range)
{
    struct page_buf pb;
    PUCHAR buf = page_buf_alloc(&pb, 2);
    struct test_mdl a, b;

    /* ByteOffset 4096 from a page-aligned StartVa: the same address as the
     * next page at offset 0, so Size and MappedSystemVa still agree. */
    mdl_init(&a, buf, 100);
    mdl_init(&b, buf + PAGE_SIZE, 100);
    b.mdl.StartVa = buf;
    b.mdl.ByteOffset = PAGE_SIZE;
    a.mdl.Next = &b.mdl;
    expect_chain_rule(&a.mdl, UNDIS_CHECK_MDL_BYTE_OFFSET_RANGE);
    {
        char why[256];
        undis_mdl_chain_check(&a.mdl, why, sizeof(why));
        CHECK_NOT_NULL(strstr(why, "MDL #1"));
    }
    /* Alone, as the head of its own chain. */
    expect_chain_rule(&b.mdl, UNDIS_CHECK_MDL_BYTE_OFFSET_RANGE);
    free(pb.raw);
}

TEST(rule_mdl_start_va_unaligned)
{
    struct page_buf pb;
    PUCHAR buf = page_buf_alloc(&pb, 2);
    struct test_mdl a;

    mdl_init(&a, buf, 100);
    a.mdl.StartVa = buf + 1;
    a.mdl.MappedSystemVa = buf + 1; /* keep the mapping consistent */
    expect_chain_rule(&a.mdl, UNDIS_CHECK_MDL_START_VA_UNALIGNED);
    /* Near a page end the range spans two pages: give Size room for both. */
    a.mdl.StartVa = buf + PAGE_SIZE - 1;
    a.mdl.MappedSystemVa = buf + PAGE_SIZE - 1;
    a.mdl.Size = (CSHORT)(sizeof(MDL) + 2 * sizeof(PFN_NUMBER));
    expect_chain_rule(&a.mdl, UNDIS_CHECK_MDL_START_VA_UNALIGNED);
    free(pb.raw);
}

TEST(rule_mdl_size_too_small)
{
    struct page_buf pb;
    PUCHAR buf = page_buf_alloc(&pb, 3);
    struct test_mdl a;

    /* 4000 + 200 bytes from a page start: two PFNs needed. */
    mdl_init(&a, buf + 4000, 200);
    CHECK_EQ_SIZE((size_t)a.mdl.Size, sizeof(MDL) + 2 * sizeof(PFN_NUMBER));
    CHECK_EQ_INT(undis_mdl_chain_check(&a.mdl, NULL, 0), UNDIS_CHECK_OK);
    a.mdl.Size = (CSHORT)(sizeof(MDL) + sizeof(PFN_NUMBER));
    expect_chain_rule(&a.mdl, UNDIS_CHECK_MDL_SIZE_TOO_SMALL);
    /* Growing the MDL past what its Size covers. */
    mdl_init(&a, buf, 100);
    a.mdl.ByteCount = PAGE_SIZE + 1;
    expect_chain_rule(&a.mdl, UNDIS_CHECK_MDL_SIZE_TOO_SMALL);
    /* Smaller than the header, and negative. */
    mdl_init(&a, buf, 0);
    a.mdl.Size = (CSHORT)(sizeof(MDL) - 1);
    expect_chain_rule(&a.mdl, UNDIS_CHECK_MDL_SIZE_TOO_SMALL);
    a.mdl.Size = -1;
    expect_chain_rule(&a.mdl, UNDIS_CHECK_MDL_SIZE_TOO_SMALL);
    free(pb.raw);
}

TEST(rule_mdl_mapped_va_mismatch)
{
    UCHAR buf[64];
    struct test_mdl a;

    mdl_init(&a, buf, sizeof(buf));
    a.mdl.MappedSystemVa = buf + 1;
    expect_chain_rule(&a.mdl, UNDIS_CHECK_MDL_MAPPED_VA_MISMATCH);
    /* Mapped through MDL_MAPPED_TO_SYSTEM_VA alone. */
    a.mdl.MdlFlags = MDL_MAPPED_TO_SYSTEM_VA;
    a.mdl.MappedSystemVa = NULL;
    expect_chain_rule(&a.mdl, UNDIS_CHECK_MDL_MAPPED_VA_MISMATCH);
    /* An unmapped MDL's MappedSystemVa means nothing and is not checked. */
    a.mdl.MdlFlags = 0;
    CHECK_EQ_INT(undis_mdl_chain_check(&a.mdl, NULL, 0), UNDIS_CHECK_OK);
}

/* ---- NET_BUFFER rules --------------------------------------------------- */

TEST(rule_nb_data_beyond_chain)
{
    UCHAR buf[200];
    struct test_mdl a, b;
    NET_BUFFER nb;

    mdl_init(&a, buf, 100);
    mdl_init(&b, buf + 100, 100);
    a.mdl.Next = &b.mdl;
    nb_init(&nb, &a.mdl, 150, 50);
    expect_nb_ok(&nb);
    nb.DataLength = 51;
    expect_nb_rule(&nb, UNDIS_CHECK_NB_DATA_BEYOND_CHAIN);
    /* The sum is taken without 32-bit wrap. */
    nb.DataLength = 0xFFFFFFFFu;
    expect_nb_rule(&nb, UNDIS_CHECK_NB_DATA_BEYOND_CHAIN);
    /* An empty chain holds no data. */
    memset(&nb, 0, sizeof(nb));
    nb.DataLength = 1;
    expect_nb_rule(&nb, UNDIS_CHECK_NB_DATA_BEYOND_CHAIN);
}

TEST(rule_nb_current_mdl_not_in_chain)
{
    UCHAR buf[200];
    struct test_mdl a, b, stray;
    NET_BUFFER nb;

    mdl_init(&a, buf, 100);
    mdl_init(&b, buf + 100, 100);
    mdl_init(&stray, buf + 100, 100);
    a.mdl.Next = &b.mdl;
    nb_init(&nb, &a.mdl, 120, 50);
    CHECK_PTR_EQ(nb.CurrentMdl, &b.mdl);
    /* A look-alike of b that is not linked into the chain. */
    nb.CurrentMdl = &stray.mdl;
    expect_nb_rule(&nb, UNDIS_CHECK_NB_CURRENT_MDL_NOT_IN_CHAIN);
    /* A CurrentMdl with no chain at all. */
    memset(&nb, 0, sizeof(nb));
    nb.CurrentMdl = &stray.mdl;
    expect_nb_rule(&nb, UNDIS_CHECK_NB_CURRENT_MDL_NOT_IN_CHAIN);
}

TEST(rule_nb_current_offset_beyond_mdl)
{
    /* The gap keeps every MDL away from nb + 1, where the checker accepts an
     * embedded MDL's past-the-end position (see the embedded case). */
    struct {
        NET_BUFFER nb;
        UCHAR gap[64];
        struct test_mdl a, b, z;
    } w;
    UCHAR buf[200];
    NET_BUFFER *nb = &w.nb;
    PMDL a = mdl_init(&w.a, buf, 100);
    PMDL b = mdl_init(&w.b, buf + 100, 100);
    PMDL z = mdl_init(&w.z, buf, 0);

    a->Next = b;
    /* A@150 names chain byte 150 = DataOffset, but lies past A's end. */
    nb_init(nb, a, 150, 10);
    nb->CurrentMdl = a;
    nb->CurrentMdlOffset = 150;
    expect_nb_rule(nb, UNDIS_CHECK_NB_CURRENT_OFFSET_BEYOND_MDL);
    /* One past a zero-length MDL. */
    z->Next = a;
    nb_init(nb, z, 1, 10);
    nb->CurrentMdl = z;
    nb->CurrentMdlOffset = 1;
    expect_nb_rule(nb, UNDIS_CHECK_NB_CURRENT_OFFSET_BEYOND_MDL);
}

TEST(rule_nb_current_position_mismatch)
{
    UCHAR buf[200];
    struct test_mdl a, b;
    NET_BUFFER nb;

    mdl_init(&a, buf, 100);
    mdl_init(&b, buf + 100, 100);
    a.mdl.Next = &b.mdl;
    nb_init(&nb, &a.mdl, 120, 50);
    nb.CurrentMdlOffset = 21;
    expect_nb_rule(&nb, UNDIS_CHECK_NB_CURRENT_POSITION_MISMATCH);
    /* The right offset in the wrong MDL. */
    nb.CurrentMdl = &a.mdl;
    nb.CurrentMdlOffset = 20;
    expect_nb_rule(&nb, UNDIS_CHECK_NB_CURRENT_POSITION_MISMATCH);
    /* A stale CurrentMdl after DataOffset moved (what a driver that edits
     * DataOffset by hand leaves behind). */
    nb_init(&nb, &a.mdl, 120, 50);
    nb.DataOffset = 40;
    nb.DataLength = 130;
    expect_nb_rule(&nb, UNDIS_CHECK_NB_CURRENT_POSITION_MISMATCH);
    /* CurrentMdl NULL counts the whole chain plus CurrentMdlOffset. */
    nb_init(&nb, &a.mdl, 50, 10);
    nb.CurrentMdl = NULL;
    nb.CurrentMdlOffset = 0;
    expect_nb_rule(&nb, UNDIS_CHECK_NB_CURRENT_POSITION_MISMATCH);
    nb_init(&nb, &a.mdl, 200, 0);
    CHECK_NULL(nb.CurrentMdl);
    nb.CurrentMdlOffset = 1;
    expect_nb_rule(&nb, UNDIS_CHECK_NB_CURRENT_POSITION_MISMATCH);
}

/* ---- NET_BUFFER_LIST rules ---------------------------------------------- */

TEST(rule_nbl_nb_cycle)
{
    NET_BUFFER_LIST nbl;
    NET_BUFFER nb1, nb2, nb3;
    char why[256];

    memset(&nbl, 0, sizeof(nbl));
    memset(&nb1, 0, sizeof(nb1));
    memset(&nb2, 0, sizeof(nb2));
    memset(&nb3, 0, sizeof(nb3));
    nbl.FirstNetBuffer = &nb1;
    nb1.Next = &nb2;
    nb2.Next = &nb3;
    nb3.Next = &nb2;
    CHECK_EQ_INT(undis_nbl_check(&nbl, why, sizeof(why)), UNDIS_CHECK_NBL_NB_CYCLE);
    check_why_names(why, UNDIS_CHECK_NBL_NB_CYCLE);
    CHECK_EQ_INT(undis_nbl_check(&nbl, NULL, 0), UNDIS_CHECK_NBL_NB_CYCLE);
    /* Self-loop on the first NB. */
    nb1.Next = &nb1;
    CHECK_EQ_INT(undis_nbl_check(&nbl, why, sizeof(why)), UNDIS_CHECK_NBL_NB_CYCLE);
    check_why_names(why, UNDIS_CHECK_NBL_NB_CYCLE);
    /* Two NBs pointing at each other. */
    nb1.Next = &nb2;
    nb2.Next = &nb1;
    CHECK_EQ_INT(undis_nbl_check(&nbl, why, sizeof(why)), UNDIS_CHECK_NBL_NB_CYCLE);
}

/* ---- positive cases ----------------------------------------------------- */

TEST(empty_nb_and_empty_chain_accepted)
{
    NET_BUFFER nb;
    char why[16];

    memset(&nb, 0, sizeof(nb));
    expect_nb_ok(&nb);
    memset(why, 'X', sizeof(why));
    CHECK_EQ_INT(undis_mdl_chain_check(NULL, why, sizeof(why)), UNDIS_CHECK_OK);
    CHECK_EQ_INT(why[0], '\0');
}

TEST(valid_states_accepted)
{
    struct page_buf pb;
    PUCHAR buf = page_buf_alloc(&pb, 3);
    struct test_mdl a, z, b;
    NET_BUFFER nb;
    ULONG off;

    /* A(100) -> Z(0) -> B(spanning two pages), every DataOffset. */
    mdl_init(&a, buf + 50, 100);
    mdl_init(&z, buf + 150, 0);
    mdl_init(&b, buf + 4000, 300);
    a.mdl.Next = &z.mdl;
    z.mdl.Next = &b.mdl;
    for (off = 0; off <= 400; off++) {
        nb_init(&nb, &a.mdl, off, 400 - off);
        expect_nb_ok(&nb);
    }
    /* Slack after the data is allowed. */
    nb_init(&nb, &a.mdl, 10, 5);
    expect_nb_ok(&nb);
    /* CurrentMdl at offset 0 of the zero-length MDL names chain byte 100. */
    nb_init(&nb, &a.mdl, 100, 10);
    nb.CurrentMdl = &z.mdl;
    nb.CurrentMdlOffset = 0;
    expect_nb_ok(&nb);
    free(pb.raw);
}

TEST(non_normalised_position_accepted)
{
    UCHAR buf[200];
    struct test_mdl a, b;
    NET_BUFFER nb;

    mdl_init(&a, buf, 100);
    mdl_init(&b, buf + 100, 100);
    a.mdl.Next = &b.mdl;
    /* Spec vector 16: {A(100)->B(100); 100; 50; A@100}. */
    nb_init(&nb, &a.mdl, 100, 50);
    CHECK_PTR_EQ(nb.CurrentMdl, &b.mdl);
    nb.CurrentMdl = &a.mdl;
    nb.CurrentMdlOffset = 100;
    expect_nb_ok(&nb);
    /* The last MDL at its end (an embedded MDL after an advance past all
     * data, spec vector 12). */
    nb_init(&nb, &a.mdl, 200, 0);
    nb.CurrentMdl = &b.mdl;
    nb.CurrentMdlOffset = 100;
    expect_nb_ok(&nb);
}

static int g_free_calls;

static VOID
counting_free_mdl(PMDL Mdl)
{
    UNREFERENCED_PARAMETER(Mdl);
    g_free_calls++;
}

TEST(embedded_mdl_position_past_its_end_accepted)
{
    /* An NB with its data MDL embedded right after it (pool data), and a
     * second MDL chained after that. */
    struct {
        NET_BUFFER nb;
        struct test_mdl e;
    } w;
    UCHAR buf[200];
    struct test_mdl x;

    CHECK_PTR_EQ((PMDL)(void *)(&w.nb + 1), &w.e.mdl);
    mdl_init(&w.e, buf, 100);
    mdl_init(&x, buf + 100, 100);
    w.e.mdl.Next = &x.mdl;
    nb_init(&w.nb, &w.e.mdl, 50, 150);
    expect_nb_ok(&w.nb);
    /* Advance with FreeMdl stops at the embedded MDL and leaves CurrentMdl
     * there, past its end (spec 4.2): E@150, nothing freed. */
    g_free_calls = 0;
    NdisAdvanceNetBufferDataStart(&w.nb, 100, TRUE, counting_free_mdl);
    CHECK_EQ_INT(g_free_calls, 0);
    CHECK_PTR_EQ(w.nb.MdlChain, &w.e.mdl);
    CHECK_PTR_EQ(w.nb.CurrentMdl, &w.e.mdl);
    CHECK_EQ_U32(w.nb.CurrentMdlOffset, 150u);
    CHECK_EQ_U32(w.nb.DataOffset, 150u);
    expect_nb_ok(&w.nb);
    /* The position must still name DataOffset. */
    w.nb.CurrentMdlOffset = 151;
    expect_nb_rule(&w.nb, UNDIS_CHECK_NB_CURRENT_POSITION_MISMATCH);
}

TEST(current_mdl_null_at_end_of_chain_accepted)
{
    UCHAR buf[200];
    struct test_mdl a, b;
    NET_BUFFER nb;

    mdl_init(&a, buf, 100);
    mdl_init(&b, buf + 100, 100);
    a.mdl.Next = &b.mdl;
    /* Spec vector 10: advanced to the end, CurrentMdl NULL at 0. */
    nb_init(&nb, &a.mdl, 200, 0);
    CHECK_NULL(nb.CurrentMdl);
    CHECK_EQ_U32(nb.CurrentMdlOffset, 0u);
    expect_nb_ok(&nb);
    /* No chain: DataOffset = CurrentMdlOffset. */
    memset(&nb, 0, sizeof(nb));
    expect_nb_ok(&nb);
}

TEST(nbl_with_several_nbs)
{
    UCHAR buf[300];
    struct test_mdl a, b, c;
    NET_BUFFER nb1, nb2, nb3;
    NET_BUFFER_LIST nbl;
    char why[256];

    memset(&nbl, 0, sizeof(nbl));
    /* No NBs at all. */
    memset(why, 'X', sizeof(why));
    CHECK_EQ_INT(undis_nbl_check(&nbl, why, sizeof(why)), UNDIS_CHECK_OK);
    CHECK_EQ_INT(why[0], '\0');

    mdl_init(&a, buf, 100);
    mdl_init(&b, buf + 100, 100);
    mdl_init(&c, buf + 200, 100);
    nb_init(&nb1, &a.mdl, 10, 90);
    nb_init(&nb2, &b.mdl, 0, 100);
    nb_init(&nb3, NULL, 0, 0);
    nbl.FirstNetBuffer = &nb1;
    nb1.Next = &nb2;
    nb2.Next = &nb3;
    memset(why, 'X', sizeof(why));
    CHECK_EQ_INT(undis_nbl_check(&nbl, why, sizeof(why)), UNDIS_CHECK_OK);
    CHECK_EQ_INT(why[0], '\0');
    CHECK_EQ_INT(undis_nbl_check(&nbl, NULL, 0), UNDIS_CHECK_OK);

    /* A broken NB anywhere in the list is reported with its own rule. */
    nb3.MdlChain = &c.mdl;
    nb3.DataLength = 101;
    CHECK_EQ_INT(undis_nbl_check(&nbl, why, sizeof(why)), UNDIS_CHECK_NB_DATA_BEYOND_CHAIN);
    check_why_names(why, UNDIS_CHECK_NB_DATA_BEYOND_CHAIN);
    nb_init(&nb3, &c.mdl, 0, 100);
    nb3.Next = NULL;
    nb2.CurrentMdlOffset = 1;
    CHECK_EQ_INT(undis_nbl_check(&nbl, why, sizeof(why)), UNDIS_CHECK_NB_CURRENT_POSITION_MISMATCH);
    nb2.CurrentMdlOffset = 0;
    CHECK_EQ_INT(undis_nbl_check(&nbl, NULL, 0), UNDIS_CHECK_OK);
}

/* ---- the why buffer ----------------------------------------------------- */

TEST(why_null_accepted)
{
    UCHAR buf[100];
    struct test_mdl a;
    NET_BUFFER nb;

    mdl_init(&a, buf, 100);
    nb_init(&nb, &a.mdl, 0, 100);
    CHECK_EQ_INT(undis_nb_check(&nb, NULL, 0), UNDIS_CHECK_OK);
    CHECK_EQ_INT(undis_nb_check(&nb, NULL, 64), UNDIS_CHECK_OK);
    nb.DataLength = 101;
    CHECK_EQ_INT(undis_nb_check(&nb, NULL, 0), UNDIS_CHECK_NB_DATA_BEYOND_CHAIN);
    CHECK_EQ_INT(undis_nb_check(&nb, NULL, 64), UNDIS_CHECK_NB_DATA_BEYOND_CHAIN);
    a.mdl.MappedSystemVa = NULL;
    CHECK_EQ_INT(undis_mdl_chain_check(&a.mdl, NULL, 10), UNDIS_CHECK_MDL_MAPPED_VA_MISMATCH);
}

TEST(why_truncated_is_nul_terminated)
{
    UCHAR buf[100];
    struct test_mdl a;
    NET_BUFFER nb;
    char full[256];
    char small[32];
    size_t len;

    mdl_init(&a, buf, 100);
    nb_init(&nb, &a.mdl, 0, 100);
    nb.DataLength = 101;
    CHECK_EQ_INT(undis_nb_check(&nb, full, sizeof(full)), UNDIS_CHECK_NB_DATA_BEYOND_CHAIN);
    CHECK(strlen(full) > 24);

    for (len = 1; len <= sizeof(small); len++) {
        memset(small, 'X', sizeof(small));
        CHECK_EQ_INT(undis_nb_check(&nb, small, len), UNDIS_CHECK_NB_DATA_BEYOND_CHAIN);
        /* A prefix of the full text, NUL at len-1 at the latest, and not a
         * byte written past len. */
        CHECK_EQ_SIZE(strlen(small), len - 1 < strlen(full) ? len - 1 : strlen(full));
        CHECK(strncmp(small, full, strlen(small)) == 0);
        if (len < sizeof(small)) {
            CHECK_EQ_INT(small[len], 'X');
        }
    }
    /* why_len 0: nothing may be written. */
    memset(small, 'X', sizeof(small));
    CHECK_EQ_INT(undis_nb_check(&nb, small, 0), UNDIS_CHECK_NB_DATA_BEYOND_CHAIN);
    CHECK_EQ_INT(small[0], 'X');
    /* On success too, nothing beyond why_len and an empty string. */
    nb.DataLength = 100;
    memset(small, 'X', sizeof(small));
    CHECK_EQ_INT(undis_nb_check(&nb, small, 1), UNDIS_CHECK_OK);
    CHECK_EQ_INT(small[0], '\0');
    CHECK_EQ_INT(small[1], 'X');
    memset(small, 'X', sizeof(small));
    CHECK_EQ_INT(undis_nb_check(&nb, small, 0), UNDIS_CHECK_OK);
    CHECK_EQ_INT(small[0], 'X');
}

/* ---- rule names --------------------------------------------------------- */

TEST(rule_names)
{
    static const char *const expected[UNDIS_CHECK_RULE_COUNT] = {
        "OK",
        "MDL_CHAIN_CYCLE",
        "MDL_CHAIN_TOO_LONG",
        "MDL_BYTE_OFFSET_RANGE",
        "MDL_START_VA_UNALIGNED",
        "MDL_SIZE_TOO_SMALL",
        "MDL_MAPPED_VA_MISMATCH",
        "NB_DATA_BEYOND_CHAIN",
        "NB_CURRENT_MDL_NOT_IN_CHAIN",
        "NB_CURRENT_OFFSET_BEYOND_MDL",
        "NB_CURRENT_POSITION_MISMATCH",
        "NBL_NB_CYCLE",
    };
    int i;

    CHECK_EQ_INT(UNDIS_CHECK_OK, 0);
    CHECK_EQ_INT(UNDIS_CHECK_RULE_COUNT, 12);
    CHECK_STR_EQ(undis_check_rule_name(UNDIS_CHECK_MDL_CHAIN_CYCLE), "MDL_CHAIN_CYCLE");
    CHECK_STR_EQ(undis_check_rule_name(UNDIS_CHECK_MDL_CHAIN_TOO_LONG), "MDL_CHAIN_TOO_LONG");
    CHECK_STR_EQ(undis_check_rule_name(UNDIS_CHECK_MDL_BYTE_OFFSET_RANGE), "MDL_BYTE_OFFSET_RANGE");
    CHECK_STR_EQ(undis_check_rule_name(UNDIS_CHECK_MDL_START_VA_UNALIGNED),
                 "MDL_START_VA_UNALIGNED");
    CHECK_STR_EQ(undis_check_rule_name(UNDIS_CHECK_MDL_SIZE_TOO_SMALL), "MDL_SIZE_TOO_SMALL");
    CHECK_STR_EQ(undis_check_rule_name(UNDIS_CHECK_MDL_MAPPED_VA_MISMATCH),
                 "MDL_MAPPED_VA_MISMATCH");
    CHECK_STR_EQ(undis_check_rule_name(UNDIS_CHECK_NB_DATA_BEYOND_CHAIN), "NB_DATA_BEYOND_CHAIN");
    CHECK_STR_EQ(undis_check_rule_name(UNDIS_CHECK_NB_CURRENT_MDL_NOT_IN_CHAIN),
                 "NB_CURRENT_MDL_NOT_IN_CHAIN");
    CHECK_STR_EQ(undis_check_rule_name(UNDIS_CHECK_NB_CURRENT_OFFSET_BEYOND_MDL),
                 "NB_CURRENT_OFFSET_BEYOND_MDL");
    CHECK_STR_EQ(undis_check_rule_name(UNDIS_CHECK_NB_CURRENT_POSITION_MISMATCH),
                 "NB_CURRENT_POSITION_MISMATCH");
    CHECK_STR_EQ(undis_check_rule_name(UNDIS_CHECK_NBL_NB_CYCLE), "NBL_NB_CYCLE");
    for (i = 0; i < UNDIS_CHECK_RULE_COUNT; i++) {
        CHECK_STR_EQ(undis_check_rule_name((undis_check_rule)i), expected[i]);
    }
    CHECK_STR_EQ(undis_check_rule_name(UNDIS_CHECK_RULE_COUNT), "UNKNOWN");
    CHECK_STR_EQ(undis_check_rule_name((undis_check_rule)(UNDIS_CHECK_RULE_COUNT + 1)), "UNKNOWN");
    CHECK_STR_EQ(undis_check_rule_name((undis_check_rule)1000), "UNKNOWN");
    CHECK_STR_EQ(undis_check_rule_name((undis_check_rule)-1), "UNKNOWN");
}

TEST(checkers_only_read)
{
    UCHAR buf[200];
    struct test_mdl a, b, a_copy, b_copy;
    NET_BUFFER nb, nb_copy;
    unsigned long long before = undis_alloc_outstanding();
    unsigned long long count = undis_alloc_count();

    mdl_init(&a, buf, 100);
    mdl_init(&b, buf + 100, 100);
    a.mdl.Next = &b.mdl;
    nb_init(&nb, &a.mdl, 100, 50);
    nb.CurrentMdl = &a.mdl;
    nb.CurrentMdlOffset = 100;
    memcpy(&a_copy, &a, sizeof(a));
    memcpy(&b_copy, &b, sizeof(b));
    memcpy(&nb_copy, &nb, sizeof(nb));
    expect_nb_ok(&nb);
    nb.DataLength = 500;
    nb_copy.DataLength = 500;
    expect_nb_rule(&nb, UNDIS_CHECK_NB_DATA_BEYOND_CHAIN);
    CHECK_MEM_EQ(&nb, &nb_copy, sizeof(nb));
    CHECK_MEM_EQ(&a, &a_copy, sizeof(a));
    CHECK_MEM_EQ(&b, &b_copy, sizeof(b));
    CHECK_EQ_U64(undis_alloc_count(), count);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST_MAIN_BEGIN
TEST_CASE(rule_mdl_chain_cycle)
TEST_CASE(rule_mdl_chain_too_long)
TEST_CASE(rule_mdl_byte_offset_range)
TEST_CASE(rule_mdl_start_va_unaligned)
TEST_CASE(rule_mdl_size_too_small)
TEST_CASE(rule_mdl_mapped_va_mismatch)
TEST_CASE(rule_nb_data_beyond_chain)
TEST_CASE(rule_nb_current_mdl_not_in_chain)
TEST_CASE(rule_nb_current_offset_beyond_mdl)
TEST_CASE(rule_nb_current_position_mismatch)
TEST_CASE(rule_nbl_nb_cycle)
TEST_CASE(empty_nb_and_empty_chain_accepted)
TEST_CASE(valid_states_accepted)
TEST_CASE(non_normalised_position_accepted)
TEST_CASE(embedded_mdl_position_past_its_end_accepted)
TEST_CASE(current_mdl_null_at_end_of_chain_accepted)
TEST_CASE(nbl_with_several_nbs)
TEST_CASE(why_null_accepted)
TEST_CASE(why_truncated_is_nul_terminated)
TEST_CASE(rule_names)
TEST_CASE(checkers_only_read)
TEST_MAIN_END
