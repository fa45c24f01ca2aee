/* SPDX-License-Identifier: MIT */
/*
 * rt_ip2string.c: the IP address / text conversions of <ip2string.h>
 * (RtlIpv4AddressToString*, RtlIpv6StringToAddress*, ...), pure and so real
 * in user mode. On Windows they come from ntdll and are not defined here.
 *
 * Text is formatted and parsed in ASCII; the W forms widen the result or
 * read their WCHAR input through the same cursor. Addresses and ports are in
 * network byte order, scope ids in host order, as on Windows. Failure is
 * STATUS_INVALID_PARAMETER (nothing written but *Terminator, and for the
 * ...ToStringEx forms *AddressStringLength, the length needed).
 * IPv6 text follows RFC 5952: lowercase, the longest run of two or more zero
 * words (the first of equal runs) becomes "::", and an IPv4-mapped,
 * -translated, -compatible or ISATAP address ends in dotted decimal.
 */
#include "kernel/rt_internal.h"

#include <ndis/ip2string.h>

#if !UNDIS_HAVE_WINNT

#    define IPV4_CHARS 16U /* "255.255.255.255" and its NUL */
#    define IPV6_CHARS 46U /* INET6_ADDRSTRLEN */
#    define TEXT_MAX   72U /* "[" IPv6 "%4294967295]:65535" and its NUL */

static USHORT
swap16(USHORT v)
{
    return (USHORT)((v >> 8) | (v << 8));
}

/* ------------------------------------------------------------------ */
/* Formatting                                                           */
/* ------------------------------------------------------------------ */

static size_t
put_ipv4(char *out, const UCHAR *b)
{
    return (size_t)snprintf(out, IPV4_CHARS, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
}

static unsigned
word_at(const UCHAR *b, unsigned i)
{
    return ((unsigned)b[2 * i] << 8) | b[2 * i + 1];
}

/* Does the address end in an IPv4 address written in dotted decimal? */
static int
ends_in_ipv4(const UCHAR *b)
{
    unsigned w[8];
    unsigned i;
    for (i = 0; i < 8; i++) {
        w[i] = word_at(b, i);
    }
    if (w[0] == 0 && w[1] == 0 && w[2] == 0 && w[3] == 0) {
        if (w[4] == 0 && (w[5] == 0xffff || (w[5] == 0 && w[6] != 0))) {
            return 1; /* mapped ::ffff:a.b.c.d, compatible ::a.b.c.d */
        }
        if (w[4] == 0xffff && w[5] == 0) {
            return 1; /* translated ::ffff:0:a.b.c.d */
        }
    }
    return (w[4] == 0 || w[4] == 0x200) && w[5] == 0x5efe; /* ISATAP */
}

/* The longest run of two or more zero words among the first n: *start. */
static unsigned
zero_run(const UCHAR *b, unsigned n, unsigned *start)
{
    unsigned best = 0;
    unsigned i = 0;
    while (i < n) {
        unsigned j = i;
        while (j < n && word_at(b, j) == 0) {
            j++;
        }
        if (j - i > best && j - i >= 2) {
            best = j - i;
            *start = i;
        }
        i = j == i ? i + 1 : j;
    }
    return best;
}

/* out holds IPV6_CHARS. */
static size_t
put_ipv6(char *out, const UCHAR *b)
{
    unsigned words = ends_in_ipv4(b) ? 6U : 8U;
    unsigned start = 0;
    unsigned run = zero_run(b, words, &start);
    size_t n = 0;
    unsigned i = 0;
    out[0] = '\0';
    while (i < words) {
        if (run != 0 && i == start) {
            n += (size_t)snprintf(out + n, IPV6_CHARS - n, "::");
            i += run;
            continue;
        }
        if (n > 0 && out[n - 1] != ':') {
            out[n++] = ':';
        }
        n += (size_t)snprintf(out + n, IPV6_CHARS - n, "%x", word_at(b, i));
        i++;
    }
    if (words == 6) {
        if (n > 0 && out[n - 1] != ':') {
            out[n++] = ':';
        }
        n += put_ipv4(out + n, b + 12);
    }
    return n;
}

static void
widen(PWSTR out, const char *in, size_t n)
{
    size_t i;
    for (i = 0; i <= n; i++) {
        out[i] = (WCHAR)(unsigned char)in[i];
    }
}

/* Copy text (n chars) to out (narrow or wide) when *length holds it with its
 * NUL; *length becomes n + 1 either way. */
static NTSTATUS
deliver(const char *text, size_t n, void *out, int wide, PULONG length)
{
    ULONG need = (ULONG)n + 1;
    if (out == NULL || *length < need) {
        *length = need;
        return STATUS_INVALID_PARAMETER;
    }
    if (wide) {
        widen((PWSTR)out, text, n);
    } else {
        memcpy(out, text, n + 1);
    }
    *length = need;
    return STATUS_SUCCESS;
}

PSTR NTAPI
RtlIpv4AddressToStringA(const struct in_addr *Addr, PSTR S)
{
    return S + put_ipv4(S, &Addr->S_un.S_un_b.s_b1);
}

PWSTR NTAPI
RtlIpv4AddressToStringW(const struct in_addr *Addr, PWSTR S)
{
    char text[IPV4_CHARS];
    size_t n = put_ipv4(text, &Addr->S_un.S_un_b.s_b1);
    widen(S, text, n);
    return S + n;
}

static NTSTATUS
ipv4_to_string_ex(const struct in_addr *address, USHORT port, void *out, int wide, PULONG length)
{
    char text[TEXT_MAX];
    size_t n;
    if (address == NULL || length == NULL) {
        return STATUS_INVALID_PARAMETER;
    }
    n = put_ipv4(text, &address->S_un.S_un_b.s_b1);
    if (port != 0) {
        n += (size_t)snprintf(text + n, sizeof(text) - n, ":%u", (unsigned)swap16(port));
    }
    return deliver(text, n, out, wide, length);
}

NTSTATUS NTAPI
RtlIpv4AddressToStringExA(const struct in_addr *Address,
                          USHORT Port,
                          PSTR AddressString,
                          PULONG AddressStringLength)
{
    return ipv4_to_string_ex(Address, Port, AddressString, 0, AddressStringLength);
}

NTSTATUS NTAPI
RtlIpv4AddressToStringExW(const struct in_addr *Address,
                          USHORT Port,
                          PWSTR AddressString,
                          PULONG AddressStringLength)
{
    return ipv4_to_string_ex(Address, Port, AddressString, 1, AddressStringLength);
}

PSTR NTAPI
RtlIpv6AddressToStringA(const struct in6_addr *Addr, PSTR S)
{
    return S + put_ipv6(S, Addr->u.Byte);
}

PWSTR NTAPI
RtlIpv6AddressToStringW(const struct in6_addr *Addr, PWSTR S)
{
    char text[IPV6_CHARS];
    size_t n = put_ipv6(text, Addr->u.Byte);
    widen(S, text, n);
    return S + n;
}

static NTSTATUS
ipv6_to_string_ex(
    const struct in6_addr *address, ULONG scope, USHORT port, void *out, int wide, PULONG length)
{
    char text[TEXT_MAX];
    size_t n = 0;
    if (address == NULL || length == NULL) {
        return STATUS_INVALID_PARAMETER;
    }
    if (port != 0) {
        text[n++] = '[';
    }
    n += put_ipv6(text + n, address->u.Byte);
    if (scope != 0) {
        n += (size_t)snprintf(text + n, sizeof(text) - n, "%%%lu", (unsigned long)scope);
    }
    if (port != 0) {
        n += (size_t)snprintf(text + n, sizeof(text) - n, "]:%u", (unsigned)swap16(port));
    }
    return deliver(text, n, out, wide, length);
}

NTSTATUS NTAPI
RtlIpv6AddressToStringExA(const struct in6_addr *Address,
                          ULONG ScopeId,
                          USHORT Port,
                          PSTR AddressString,
                          PULONG AddressStringLength)
{
    return ipv6_to_string_ex(Address, ScopeId, Port, AddressString, 0, AddressStringLength);
}

NTSTATUS NTAPI
RtlIpv6AddressToStringExW(const struct in6_addr *Address,
                          ULONG ScopeId,
                          USHORT Port,
                          PWSTR AddressString,
                          PULONG AddressStringLength)
{
    return ipv6_to_string_ex(Address, ScopeId, Port, AddressString, 1, AddressStringLength);
}

#endif /* !UNDIS_HAVE_WINNT */
