/* SPDX-License-Identifier: MIT */
/*
 * test_rt_crtsafe.c - _snprintf_s / _vsnprintf_s and _TRUNCATE as undis gives
 * them off Windows (src/kernel/rt_crtsafe.c), with MSVC's rules: what fits
 * with _TRUNCATE, at most count characters otherwise, and the
 * invalid-parameter case. Not built for Windows, where the C runtime's own
 * are used (and its invalid-parameter handler ends the process).
 */
#include "test.h"

#include <ndis.h>
#include <ntstrsafe.h>

TEST(vsnprintf_s_truncate_and_count)
{
    char buf[8];
    CHECK_EQ_INT(_snprintf_s(buf, sizeof(buf), _TRUNCATE, "%d-%s", 7, "ok"), 4);
    CHECK_STR_EQ(buf, "7-ok");
    CHECK_EQ_INT(_snprintf_s(buf, sizeof(buf), _TRUNCATE, "%s", "abcdefghij"), -1);
    CHECK_STR_EQ(buf, "abcdefg");
    CHECK_EQ_INT(_snprintf_s(buf, sizeof(buf), 3, "%s", "abcdef"), -1);
    CHECK_STR_EQ(buf, "abc");
    CHECK_EQ_INT(_snprintf_s(buf, sizeof(buf), 20, "%ws", L"wide"), 4);
    CHECK_STR_EQ(buf, "wide");
}

TEST(vsnprintf_s_invalid_parameter)
{
    char buf[4];
    buf[0] = 'x';
    CHECK_EQ_INT(_snprintf_s(buf, sizeof(buf), 10, "%s", "abcdef"), -1);
    CHECK_STR_EQ(buf, "");
    CHECK_EQ_INT(_snprintf_s(NULL, 4, _TRUNCATE, "x"), -1);
    CHECK_EQ_INT(_snprintf_s(buf, 0, _TRUNCATE, "x"), -1);
    buf[0] = 'x';
    CHECK_EQ_INT(_snprintf_s(buf, sizeof(buf), _TRUNCATE, NULL), -1);
    CHECK_EQ_INT(buf[0], 0);
}

TEST_MAIN_BEGIN
TEST_CASE(vsnprintf_s_truncate_and_count)
TEST_CASE(vsnprintf_s_invalid_parameter)
TEST_MAIN_END
