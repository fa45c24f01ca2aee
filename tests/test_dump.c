/* SPDX-License-Identifier: MIT */
/*
 * test_dump.c: the text pictures of <undis/dump.h>: exact text for known
 * layouts, snprintf-style truncation, the mark hook, broken structures, the
 * stdio variants, and every reshaped geometry.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ndis.h>
#include <undis/check.h>
#include <undis/dump.h>
#include <undis/reshape.h>

static UCHAR g_arena[4096];

static PMDL
mdl_over(UCHAR *buf, ULONG len)
{
    PMDL m = IoAllocateMdl(buf, len, FALSE, FALSE, NULL);
    CHECK(m != NULL);
    if (len != 0) {
        MmBuildMdlForNonPagedPool(m);
    } else {
        m->MappedSystemVa = buf;
        m->MdlFlags = MDL_SOURCE_IS_NONPAGED_POOL;
    }
    return m;
}

/* N(30 unused) -> A(0) -> B(100) -> C(970), DataOffset 32, DataLength 1064. */
struct three {
    NET_BUFFER nb;
    PMDL m[4];
};

static void
three_make(struct three *t)
{
    memset(t, 0, sizeof(*t));
    t->m[0] = mdl_over(g_arena, 30);
    t->m[1] = mdl_over(g_arena + 30, 0);
    t->m[2] = mdl_over(g_arena + 30, 100);
    t->m[3] = mdl_over(g_arena + 130, 970);
    t->m[0]->Next = t->m[1];
    t->m[1]->Next = t->m[2];
    t->m[2]->Next = t->m[3];
    t->nb.MdlChain = t->m[0];
    t->nb.DataOffset = 32;
    t->nb.DataLength = 1064;
    NdisAdjustNetBufferCurrentMdl(&t->nb);
    CHECK_EQ_INT(undis_nb_check(&t->nb, NULL, 0), UNDIS_CHECK_OK);
}

static void
three_free(struct three *t)
{
    for (int i = 0; i < 4; i++) {
        IoFreeMdl(t->m[i]);
    }
}

static const char expect_three[] =
    "NB DataOffset 32 DataLength 1064 CurrentMdl #2+2 MDLs 4 (1100 bytes)\n"
    "  #0 MDL    30 bytes [..............] unused 30\n"
    "  #1 MDL     0 bytes [              ] zero-length\n"
    "  #2 MDL   100 bytes [.#############] unused 2, data 98  <- CurrentMdl+2\n"
    "  #3 MDL   970 bytes [#############~] data 966, slack 4\n";

TEST(nb_picture_is_exact)
{
    struct three t;
    undis_dump_opts o = { UNDIS_DUMP_NO_ADDRESSES, 0, NULL, NULL, NULL };
    char buf[1024];
    size_t n;
    three_make(&t);
    n = undis_nb_dump(&t.nb, &o, buf, sizeof(buf));
    CHECK_STR_EQ(buf, expect_three);
    CHECK_EQ_SIZE(n, strlen(expect_three));
    three_free(&t);
}

TEST(cut_short_like_snprintf)
{
    struct three t;
    undis_dump_opts o = { UNDIS_DUMP_NO_ADDRESSES, 0, NULL, NULL, NULL };
    char small[20];
    size_t n;
    three_make(&t);
    memset(small, 'x', sizeof(small));
    n = undis_nb_dump(&t.nb, &o, small, sizeof(small));
    CHECK_EQ_SIZE(n, strlen(expect_three));
    CHECK_EQ_SIZE(strlen(small), sizeof(small) - 1);
    CHECK(memcmp(small, expect_three, sizeof(small) - 1) == 0);
    CHECK_EQ_SIZE(undis_nb_dump(&t.nb, &o, NULL, 0), strlen(expect_three));
    three_free(&t);
}

static int
mark_first(void *ctx, const NET_BUFFER *nb, const MDL *mdl, char *tag, size_t tag_len)
{
    (void)ctx;
    if (mdl != nb->MdlChain) {
        return 0;
    }
    snprintf(tag, tag_len, "retreat:%s", (const char *)ctx);
    return 1;
}

TEST(mark_hook_labels_mdls)
{
    struct three t;
    char who[] = "H";
    undis_dump_opts o = { UNDIS_DUMP_NO_ADDRESSES | UNDIS_DUMP_NO_BARS, 0, "> ", mark_first, who };
    char buf[1024];
    three_make(&t);
    (void)undis_nb_dump(&t.nb, &o, buf, sizeof(buf));
    CHECK(strstr(buf, "> NB DataOffset 32") == buf);
    CHECK(strstr(buf, ">   #0 MDL    30 bytes unused 30  {retreat:H}\n") != NULL);
    CHECK(strstr(buf, "#2 MDL   100 bytes unused 2, data 98  <- CurrentMdl+2\n") != NULL);
    CHECK(strstr(buf, "{retreat:H}") == strrchr(buf, '{'));
    three_free(&t);
}

TEST(preview_and_addresses)
{
    struct three t;
    undis_dump_opts o = { UNDIS_DUMP_DATA_PREVIEW, 0, NULL, NULL, NULL };
    char buf[2048];
    char expect[64];
    for (int i = 0; i < 200; i++) {
        g_arena[i] = (UCHAR)i;
    }
    three_make(&t);
    (void)undis_nb_dump(&t.nb, &o, buf, sizeof(buf));
    CHECK(strstr(buf, "data: 20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f ...\n") != NULL);
    snprintf(expect, sizeof(expect), "MDL %p", (void *)t.m[2]);
    CHECK(strstr(buf, expect) != NULL);
    three_free(&t);
}

TEST(broken_structures_are_named)
{
    struct three t;
    undis_dump_opts o = { UNDIS_DUMP_NO_ADDRESSES, 5, NULL, NULL, NULL };
    char buf[2048];
    MDL stray;
    three_make(&t);
    t.m[3]->Next = t.m[0]; /* a loop */
    (void)undis_nb_dump(&t.nb, &o, buf, sizeof(buf));
    CHECK(strstr(buf, "broken chain: ") != NULL);
    CHECK(strstr(buf, "... (more MDLs not shown)") != NULL);
    t.m[3]->Next = NULL;
    memset(&stray, 0, sizeof(stray));
    t.nb.CurrentMdl = &stray;
    (void)undis_nb_dump(&t.nb, &o, buf, sizeof(buf));
    CHECK(strstr(buf, "CurrentMdl ?+2 (not in the chain)") != NULL);
    NdisAdjustNetBufferCurrentMdl(&t.nb);
    t.nb.DataLength = 2000;
    (void)undis_nb_dump(&t.nb, &o, buf, sizeof(buf));
    CHECK(strstr(buf, "(data runs 932 bytes past the end of the chain)") != NULL);
    three_free(&t);
}

TEST(nbl_picture_and_file)
{
    struct three t;
    NET_BUFFER second;
    NET_BUFFER_LIST nbl;
    undis_dump_opts o = { UNDIS_DUMP_NO_ADDRESSES, 0, NULL, NULL, NULL };
    char buf[4096];
    char from_file[4096];
    size_t n;
    FILE *f = tmpfile();
    CHECK(f != NULL);
    three_make(&t);
    memset(&second, 0, sizeof(second));
    memset(&nbl, 0, sizeof(nbl));
    nbl.FirstNetBuffer = &t.nb;
    t.nb.Next = &second;
    n = undis_nbl_dump(&nbl, &o, buf, sizeof(buf));
    CHECK(strstr(buf, "NBL NBs 2 Status 0x00000000 Flags 0x00000000\n") == buf);
    CHECK(strstr(buf, "\n  NB DataOffset 32") != NULL);
    CHECK(strstr(buf, "\n    #3 MDL   970 bytes") != NULL);
    CHECK(strstr(buf, "\n  NB DataOffset 0 DataLength 0 CurrentMdl NULL+0 MDLs 0 (0 bytes)\n") !=
          NULL);
    CHECK_EQ_INT(undis_nbl_dump_file(&nbl, &o, f), 0);
    rewind(f);
    CHECK_EQ_SIZE(fread(from_file, 1, sizeof(from_file), f), n);
    CHECK(memcmp(from_file, buf, n) == 0);
    fclose(f);
    f = tmpfile();
    CHECK(f != NULL);
    CHECK_EQ_INT(undis_nb_dump_file(&t.nb, &o, f), 0);
    rewind(f);
    CHECK_EQ_SIZE(fread(from_file, 1, sizeof(from_file), f), strlen(expect_three));
    CHECK(memcmp(from_file, expect_three, strlen(expect_three)) == 0);
    fclose(f);
    three_free(&t);
}

/* Every reshaped geometry dumps with one line per MDL and CurrentMdl named. */
TEST(reshaped_geometries_dump)
{
    struct three t;
    undis_dump_opts o = { UNDIS_DUMP_NO_ADDRESSES | UNDIS_DUMP_DATA_PREVIEW, 300, NULL, NULL,
                          NULL };
    char buf[32768];
    three_make(&t);
    for (unsigned long long seed = 0; seed < 500; seed++) {
        undis_reshape_saved saved;
        unsigned lines = 0;
        CHECK_STATUS(undis_nb_reshape(&t.nb, seed, NULL, &saved), NDIS_STATUS_SUCCESS);
        CHECK(undis_nb_dump(&t.nb, &o, buf, sizeof(buf)) < sizeof(buf));
        for (const char *p = buf; (p = strstr(p, " MDL ")) != NULL; p++) {
            lines++;
        }
        CHECK_EQ_U32(lines, saved.mdl_count);
        CHECK(strstr(buf, "<- CurrentMdl+") != NULL);
        CHECK(strstr(buf, "broken") == NULL);
        undis_nb_reshape_restore(&t.nb, &saved);
    }
    three_free(&t);
}

TEST_MAIN_BEGIN
TEST_CASE(nb_picture_is_exact)
TEST_CASE(cut_short_like_snprintf)
TEST_CASE(mark_hook_labels_mdls)
TEST_CASE(preview_and_addresses)
TEST_CASE(broken_structures_are_named)
TEST_CASE(nbl_picture_and_file)
TEST_CASE(reshaped_geometries_dump)
TEST_MAIN_END
