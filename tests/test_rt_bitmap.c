/* SPDX-License-Identifier: MIT */
/*
 * test_rt_bitmap: the RTL bitmap (rt_bitmap.c): bits set, cleared and tested
 * in the caller's buffer at the WDK's positions, counts that ignore the bits
 * past SizeOfBitMap, range tests that refuse ranges outside the map.
 */
#include <ndis.h>

#include "test.h"

TEST(bits_land_where_the_wdk_puts_them)
{
    ULONG buffer[2] = { 0, 0 };
    RTL_BITMAP map;
    RtlInitializeBitMap(&map, buffer, 40);
    CHECK_EQ_INT((long long)map.SizeOfBitMap, 40);
    RtlSetBit(&map, 0);
    RtlSetBit(&map, 33);
    CHECK_EQ_INT((long long)buffer[0], 1);
    CHECK_EQ_INT((long long)buffer[1], 2);
    CHECK(RtlTestBit(&map, 33));
    CHECK(!RtlTestBit(&map, 32));
    CHECK_EQ_INT((long long)RtlNumberOfSetBits(&map), 2);
    CHECK_EQ_INT((long long)RtlNumberOfClearBits(&map), 38);
    RtlClearBit(&map, 0);
    CHECK_EQ_INT((long long)buffer[0], 0);
}

TEST(counts_ignore_bits_past_the_size)
{
    ULONG buffer[2] = { 0, 0 };
    RTL_BITMAP map;
    RtlInitializeBitMap(&map, buffer, 40);
    RtlSetAllBits(&map);
    CHECK_EQ_INT((long long)RtlNumberOfSetBits(&map), 40);
    CHECK(RtlAreBitsSet(&map, 0, 40));
    CHECK(!RtlAreBitsSet(&map, 30, 11)); /* past the end */
    RtlClearAllBits(&map);
    CHECK_EQ_INT((long long)RtlNumberOfSetBits(&map), 0);
    CHECK(RtlAreBitsClear(&map, 5, 35));
    RtlSetBit(&map, 20);
    CHECK(!RtlAreBitsClear(&map, 5, 35));
    CHECK(!RtlAreBitsClear(&map, 0, 0));
}

TEST_MAIN_BEGIN
TEST_CASE(bits_land_where_the_wdk_puts_them)
TEST_CASE(counts_ignore_bits_past_the_size)
TEST_MAIN_END
