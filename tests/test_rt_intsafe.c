/*
 * test_rt_intsafe.c - the ntintsafe.h helpers at their limits (exact results
 * and STATUS_INTEGER_OVERFLOW with the error value), byte swaps and bit
 * scans.
 */
#include "test.h"

#include <ndis.h>
#include <ndis/rt.h>

TEST(unsigned_add_sub_mult)
{
    ULONG u;
    SIZE_T s;
    size_t z;
    USHORT us;
    ULONGLONG ull;
    CHECK_STATUS(RtlULongAdd(0xFFFFFFFEU, 1, &u), STATUS_SUCCESS);
    CHECK_EQ_U32(u, 0xFFFFFFFFU);
    CHECK_STATUS(RtlULongAdd(0xFFFFFFFFU, 1, &u), STATUS_INTEGER_OVERFLOW);
    CHECK_EQ_U32(u, ULONG_ERROR);
    CHECK_STATUS(RtlULongSub(3, 4, &u), STATUS_INTEGER_OVERFLOW);
    CHECK_STATUS(RtlULongMult(0x10000U, 0xFFFFU, &u), STATUS_SUCCESS);
    CHECK_EQ_U32(u, 0xFFFF0000U);
    CHECK_STATUS(RtlULongMult(0x10000U, 0x10000U, &u), STATUS_INTEGER_OVERFLOW);
    CHECK_STATUS(RtlULongMult(0, 0xFFFFFFFFU, &u), STATUS_SUCCESS);
    CHECK_EQ_U32(u, 0);
    CHECK_STATUS(RtlSIZETAdd((SIZE_T)-2, 1, &s), STATUS_SUCCESS);
    CHECK_STATUS(RtlSIZETAdd((SIZE_T)-1, 1, &s), STATUS_INTEGER_OVERFLOW);
    CHECK_EQ_U64(s, (SIZE_T)-1);
    CHECK_STATUS(
        RtlSIZETMult((SIZE_T)1 << (sizeof(SIZE_T) * 4), (SIZE_T)1 << (sizeof(SIZE_T) * 4), &s),
        STATUS_INTEGER_OVERFLOW);
    /* size_t, not SIZE_T: they differ on 32-bit Windows (unsigned int vs
     * ULONG_PTR, an unsigned long), as in the WDK. */
    CHECK_STATUS(RtlSizeTMult(3, 5, &z), STATUS_SUCCESS);
    CHECK_EQ_U64(z, 15);
    CHECK_STATUS(RtlUShortAdd(0xFFFF, 1, &us), STATUS_INTEGER_OVERFLOW);
    CHECK_EQ_U32(us, USHORT_ERROR);
    CHECK_STATUS(RtlULongLongMult(0x100000000ULL, 0xFFFFFFFFULL, &ull), STATUS_SUCCESS);
    CHECK_STATUS(RtlULongLongMult(0x100000000ULL, 0x100000000ULL, &ull), STATUS_INTEGER_OVERFLOW);
    CHECK_STATUS(RtlULongPtrAdd(1, 2, (ULONG_PTR *)&s), STATUS_SUCCESS);
}

TEST(signed_add_sub_mult)
{
    LONG l;
    LONGLONG ll;
    INT i;
    CHECK_STATUS(RtlLongAdd(MAXLONG, 1, &l), STATUS_INTEGER_OVERFLOW);
    CHECK_EQ_INT(l, -1);
    CHECK_STATUS(RtlLongAdd(MINLONG, -1, &l), STATUS_INTEGER_OVERFLOW);
    CHECK_STATUS(RtlLongAdd(MAXLONG, MINLONG, &l), STATUS_SUCCESS);
    CHECK_EQ_INT(l, -1);
    CHECK_STATUS(RtlLongSub(MINLONG, 1, &l), STATUS_INTEGER_OVERFLOW);
    CHECK_STATUS(RtlLongSub(-1, MINLONG, &l), STATUS_SUCCESS);
    CHECK_EQ_INT(l, MAXLONG);
    CHECK_STATUS(RtlLongMult(-65536, 32768, &l), STATUS_SUCCESS);
    CHECK_EQ_INT(l, MINLONG);
    CHECK_STATUS(RtlLongMult(65536, 32768, &l), STATUS_INTEGER_OVERFLOW);
    CHECK_STATUS(RtlLongMult(-7, -6, &l), STATUS_SUCCESS);
    CHECK_EQ_INT(l, 42);
    CHECK_STATUS(RtlLongLongMult(-0x4000000000000000LL, 2, &ll), STATUS_SUCCESS);
    CHECK(ll == (-0x7FFFFFFFFFFFFFFFLL - 1));
    CHECK_STATUS(RtlLongLongMult(0x4000000000000000LL, 2, &ll), STATUS_INTEGER_OVERFLOW);
    CHECK_STATUS(RtlIntAdd(2, 3, &i), STATUS_SUCCESS);
    CHECK_EQ_INT(i, 5);
}

TEST(conversions)
{
    ULONG u;
    USHORT us;
    UCHAR uc;
    LONG l;
    CHECK_STATUS(RtlULongLongToULong(0xFFFFFFFFULL, &u), STATUS_SUCCESS);
    CHECK_STATUS(RtlULongLongToULong(0x100000000ULL, &u), STATUS_INTEGER_OVERFLOW);
    CHECK_EQ_U32(u, ULONG_ERROR);
    CHECK_STATUS(RtlULongToUShort(0x10000U, &us), STATUS_INTEGER_OVERFLOW);
    CHECK_STATUS(RtlULongToUChar(255, &uc), STATUS_SUCCESS);
    CHECK_STATUS(RtlLongToULong(-1, &u), STATUS_INTEGER_OVERFLOW);
    CHECK_STATUS(RtlULongToLong(0x80000000U, &l), STATUS_INTEGER_OVERFLOW);
    CHECK_EQ_INT(l, -1);
    CHECK_STATUS(RtlSizeTToULong((size_t)0xFFFFFFFFU, &u), STATUS_SUCCESS);
    CHECK_STATUS(RtlLongLongToLong(-0x80000000LL, &l), STATUS_SUCCESS);
    CHECK_EQ_INT(l, MINLONG);
    CHECK_STATUS(RtlLongLongToLong(-0x80000001LL, &l), STATUS_INTEGER_OVERFLOW);
}

TEST(byte_swaps_and_bit_scans)
{
    ULONG idx = 99;
    CHECK_EQ_U32(RtlUshortByteSwap(0x1234), 0x3412);
    CHECK_EQ_U32(RtlUlongByteSwap(0x12345678U), 0x78563412U);
    CHECK_EQ_U64(RtlUlonglongByteSwap(0x0102030405060708ULL), 0x0807060504030201ULL);
    CHECK_EQ_U32(_byteswap_ulong(0xAABBCCDDU), 0xDDCCBBAAU);
    CHECK(!BitScanForward(&idx, 0));
    CHECK(BitScanForward(&idx, 0x50));
    CHECK_EQ_U32(idx, 4);
    CHECK(BitScanReverse(&idx, 0x50));
    CHECK_EQ_U32(idx, 6);
    CHECK(BitScanForward64(&idx, 0x100000000ULL));
    CHECK_EQ_U32(idx, 32);
    CHECK(BitScanReverse64(&idx, 0x8000000000000001ULL));
    CHECK_EQ_U32(idx, 63);
    CHECK_EQ_INT(RtlFindMostSignificantBit(0), -1);
}

TEST_MAIN_BEGIN
TEST_CASE(unsigned_add_sub_mult)
TEST_CASE(signed_add_sub_mult)
TEST_CASE(conversions)
TEST_CASE(byte_swaps_and_bit_scans)
TEST_MAIN_END
