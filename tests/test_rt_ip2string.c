/* SPDX-License-Identifier: MIT */
/*
 * test_rt_ip2string: the IP address / text conversions of <ip2string.h>
 * (src/kernel/rt_ip2string*.c), narrow and wide, both directions, with
 * their failures. Vectors are written here from RFC 4291 / RFC 5952 forms.
 */
#include <ndis.h>
#include <ndis/ip2string.h>
#include <undis/report.h>

#include "test.h"

static struct in_addr
v4(UCHAR a, UCHAR b, UCHAR c, UCHAR d)
{
    struct in_addr x;
    x.S_un.S_un_b.s_b1 = a;
    x.S_un.S_un_b.s_b2 = b;
    x.S_un.S_un_b.s_b3 = c;
    x.S_un.S_un_b.s_b4 = d;
    return x;
}

/* in6_addr from eight words in host order. */
static struct in6_addr
v6(const unsigned *w)
{
    struct in6_addr x;
    int i;
    for (i = 0; i < 8; i++) {
        x.u.Byte[2 * i] = (UCHAR)(w[i] >> 8);
        x.u.Byte[2 * i + 1] = (UCHAR)w[i];
    }
    return x;
}

static void
narrow(char *out, const WCHAR *in)
{
    while ((*out++ = (char)*in++) != 0) {
    }
}

static void
check_v6_text(const unsigned *w, const char *want)
{
    struct in6_addr a = v6(w);
    struct in6_addr back;
    char text[64];
    WCHAR wide[64];
    char from_wide[64];
    PCSTR end = NULL;
    PSTR stop = RtlIpv6AddressToStringA(&a, text);
    CHECK_STR_EQ(text, want);
    CHECK(stop == text + strlen(want));
    RtlIpv6AddressToStringW(&a, wide);
    narrow(from_wide, wide);
    CHECK_STR_EQ(from_wide, want);
    memset(&back, 0xee, sizeof(back));
    CHECK_EQ_INT((int)RtlIpv6StringToAddressA(text, &end, &back), (int)STATUS_SUCCESS);
    CHECK(end == text + strlen(want));
    CHECK(memcmp(&back, &a, sizeof(a)) == 0);
}

TEST(ipv4_to_string)
{
    struct in_addr a = v4(192, 168, 0, 255);
    char text[16];
    WCHAR wide[16];
    char from_wide[16];
    char ex[32];
    ULONG len = sizeof(ex);
    CHECK(RtlIpv4AddressToStringA(&a, text) == text + 13);
    CHECK_STR_EQ(text, "192.168.0.255");
    CHECK(RtlIpv4AddressToStringW(&a, wide) == wide + 13);
    narrow(from_wide, wide);
    CHECK_STR_EQ(from_wide, "192.168.0.255");
    CHECK_EQ_INT((int)RtlIpv4AddressToStringExA(&a, 0x5000, ex, &len), (int)STATUS_SUCCESS);
    CHECK_STR_EQ(ex, "192.168.0.255:80"); /* port 80 in network order */
    CHECK_EQ_INT((int)len, 17);
    len = 16;
    CHECK_EQ_INT((int)RtlIpv4AddressToStringExA(&a, 0x5000, ex, &len),
                 (int)STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)len, 17);
}

TEST(ipv6_to_string_rfc5952)
{
    static const unsigned zero[8] = { 0 };
    static const unsigned loop[8] = { 0, 0, 0, 0, 0, 0, 0, 1 };
    static const unsigned doc[8] = { 0x2001, 0xdb8, 0, 0, 1, 0, 0, 1 };
    static const unsigned one0[8] = { 0x2001, 0xdb8, 0, 1, 1, 1, 1, 1 };
    static const unsigned tail[8] = { 0xfe80, 0, 0, 0, 0, 0, 0, 0 };
    static const unsigned mapped[8] = { 0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304 };
    static const unsigned isatap[8] = { 0xfe80, 0, 0, 0, 0, 0x5efe, 0x0a00, 0x0001 };
    check_v6_text(zero, "::");
    check_v6_text(loop, "::1");
    check_v6_text(doc, "2001:db8::1:0:0:1");
    check_v6_text(one0, "2001:db8:0:1:1:1:1:1");
    check_v6_text(tail, "fe80::");
    check_v6_text(mapped, "::ffff:1.2.3.4");
    check_v6_text(isatap, "fe80::5efe:10.0.0.1");
}

TEST(ipv6_to_string_ex_scope_and_port)
{
    static const unsigned ll[8] = { 0xfe80, 0, 0, 0, 0, 0, 0, 1 };
    struct in6_addr a = v6(ll);
    WCHAR wide[80];
    char text[80];
    ULONG len = 80;
    CHECK_EQ_INT((int)RtlIpv6AddressToStringExW(&a, 3, 0xbb01, wide, &len), (int)STATUS_SUCCESS);
    narrow(text, wide);
    CHECK_STR_EQ(text, "[fe80::1%3]:443");
    CHECK_EQ_INT((int)len, 16);
    len = 80;
    CHECK_EQ_INT((int)RtlIpv6AddressToStringExA(&a, 0, 0, text, &len), (int)STATUS_SUCCESS);
    CHECK_STR_EQ(text, "fe80::1");
    CHECK_EQ_INT((int)RtlIpv6AddressToStringExA(NULL, 0, 0, text, &len),
                 (int)STATUS_INVALID_PARAMETER);
}

TEST(ipv4_from_string_strict_and_loose)
{
    struct in_addr a;
    PCSTR end = NULL;
    const char *s = "10.1.2.3/24";
    CHECK_EQ_INT((int)RtlIpv4StringToAddressA(s, TRUE, &end, &a), (int)STATUS_SUCCESS);
    CHECK(end == s + 8);
    CHECK(memcmp(&a, "\x0a\x01\x02\x03", 4) == 0);
    CHECK_EQ_INT((int)RtlIpv4StringToAddressA("10.1.2", TRUE, &end, &a),
                 (int)STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)RtlIpv4StringToAddressA("10.256.2.3", TRUE, &end, &a),
                 (int)STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)RtlIpv4StringToAddressA("0x7f.1", FALSE, &end, &a), (int)STATUS_SUCCESS);
    CHECK(memcmp(&a, "\x7f\x00\x00\x01", 4) == 0);
    CHECK_EQ_INT((int)RtlIpv4StringToAddressA("010.0.0.1", FALSE, &end, &a), (int)STATUS_SUCCESS);
    CHECK(memcmp(&a, "\x08\x00\x00\x01", 4) == 0);
    CHECK_EQ_INT((int)RtlIpv4StringToAddressA("1.2.65536", FALSE, &end, &a),
                 (int)STATUS_INVALID_PARAMETER);
}

TEST(ipv4_from_string_ex_port)
{
#if UNDIS_HAVE_WINNT
    printf("skipped on Windows: the function is the system's (ntdll), not undis's\n");
#else
    struct in_addr a;
    USHORT port = 1;
    CHECK_EQ_INT((int)RtlIpv4StringToAddressExW(L"1.2.3.4:80", TRUE, &a, &port),
                 (int)STATUS_SUCCESS);
    CHECK(memcmp(&a, "\x01\x02\x03\x04", 4) == 0);
    CHECK_EQ_INT((int)port, 0x5000);
    CHECK_EQ_INT((int)RtlIpv4StringToAddressExA("1.2.3.4", TRUE, &a, &port), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)port, 0);
    CHECK_EQ_INT((int)RtlIpv4StringToAddressExA("1.2.3.4:70000", TRUE, &a, &port),
                 (int)STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)RtlIpv4StringToAddressExA("1.2.3.4 ", TRUE, &a, &port),
                 (int)STATUS_INVALID_PARAMETER);
#endif
}

TEST(ipv6_from_string_rejects_bad_forms)
{
#if UNDIS_HAVE_WINNT
    printf("skipped on Windows: the function is the system's (ntdll), not undis's\n");
#else
    static const char *const bad[] = { "1:2:3:4:5:6:7:8:9",     "1::2::3", ":1::", "12345::",
                                       "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "g::",  "" };
    struct in6_addr a;
    PCSTR end;
    size_t i;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        CHECK_EQ_INT((int)RtlIpv6StringToAddressA(bad[i], &end, &a), (int)STATUS_INVALID_PARAMETER);
    }
#endif
}

TEST(ipv6_from_string_ex_scope_and_port)
{
    struct in6_addr a;
    ULONG scope = 9;
    USHORT port = 9;
    CHECK_EQ_INT((int)RtlIpv6StringToAddressExW(L"[fe80::1%4]:443", &a, &scope, &port),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)a.u.Byte[0], 0xfe);
    CHECK_EQ_INT((int)a.u.Byte[15], 1);
    CHECK_EQ_INT((int)scope, 4);
    CHECK_EQ_INT((int)port, 0xbb01);
    CHECK_EQ_INT((int)RtlIpv6StringToAddressExA("::1%2", &a, &scope, &port), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)scope, 2);
    CHECK_EQ_INT((int)port, 0);
    CHECK_EQ_INT((int)RtlIpv6StringToAddressExA("::1:80", &a, &scope, &port), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)RtlIpv6StringToAddressExA("[::1", &a, &scope, &port),
                 (int)STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)RtlIpv6StringToAddressExA("::1]:80", &a, &scope, &port),
                 (int)STATUS_INVALID_PARAMETER);
}

TEST_MAIN_BEGIN
TEST_CASE(ipv4_to_string)
TEST_CASE(ipv6_to_string_rfc5952)
TEST_CASE(ipv6_to_string_ex_scope_and_port)
TEST_CASE(ipv4_from_string_strict_and_loose)
TEST_CASE(ipv4_from_string_ex_port)
TEST_CASE(ipv6_from_string_rejects_bad_forms)
TEST_CASE(ipv6_from_string_ex_scope_and_port)
TEST_MAIN_END
