/* SPDX-License-Identifier: MIT */
/*
 * rt_ip2string_parse.c: text to address, the ...StringToAddress* half of
 * <ip2string.h> (the other half and the conventions are in rt_ip2string.c).
 *
 * IPv4: Strict takes exactly four decimal parts, each 0-255. Not strict, as
 * inet_aton: one to four parts, each decimal, octal (leading 0) or hex
 * (0x), the last filling the bytes left. IPv6: up to eight hex words, one
 * "::", and a dotted-decimal IPv4 address as the last 32 bits. The Ex forms
 * take the whole string: an IPv4 address with an optional ":port"; an IPv6
 * address with an optional "%scope", or "[address%scope]:port".
 * The plain forms stop at the first character that cannot continue the
 * address and return it in *Terminator (also on failure: where it failed).
 */
#include "kernel/rt_internal.h"

#include <ndis/ip2string.h>

#if !UNDIS_HAVE_WINNT

/* A position in narrow or wide text; non-ASCII reads as -1 (no match). */
struct cursor {
    const char *a;
    const WCHAR *w;
    size_t i;
};

static int
peek_at(const struct cursor *c, size_t ahead)
{
    unsigned v =
        c->a != NULL ? (unsigned)(unsigned char)c->a[c->i + ahead] : (unsigned)c->w[c->i + ahead];
    return v > 127 ? -1 : (int)v;
}

static int
peek(const struct cursor *c)
{
    return peek_at(c, 0);
}

static int
digit_value(int ch, unsigned base)
{
    int v = -1;
    if (ch >= '0' && ch <= '9') {
        v = ch - '0';
    } else if (ch >= 'a' && ch <= 'f') {
        v = ch - 'a' + 10;
    } else if (ch >= 'A' && ch <= 'F') {
        v = ch - 'A' + 10;
    }
    return v >= 0 && (unsigned)v < base ? v : -1;
}

/* Digits of base (at least one, at most max_digits, value <= limit). */
static int
parse_number(struct cursor *c, unsigned base, unsigned max_digits, ULONG limit, ULONG *out)
{
    ULONG64 v = 0;
    unsigned n = 0;
    int d;
    while ((d = digit_value(peek(c), base)) >= 0) {
        v = v * base + (ULONG64)d;
        if (++n > max_digits || v > limit) {
            return 0;
        }
        c->i++;
    }
    *out = (ULONG)v;
    return n > 0;
}

/* One IPv4 part: decimal when strict, else by its prefix. */
static int
parse_part(struct cursor *c, BOOLEAN strict, ULONG *out)
{
    if (!strict && peek(c) == '0' && (peek_at(c, 1) == 'x' || peek_at(c, 1) == 'X')) {
        c->i += 2;
        return parse_number(c, 16, 8, 0xffffffffU, out);
    }
    if (!strict && peek(c) == '0' && digit_value(peek_at(c, 1), 10) >= 0) {
        c->i++;
        return parse_number(c, 8, 11, 0xffffffffU, out);
    }
    return parse_number(c, 10, strict ? 3U : 10U, strict ? 255U : 0xffffffffU, out);
}

/* Combine count parts into bytes: all but the last one byte each. */
static int
combine_ipv4(const ULONG *part, unsigned count, UCHAR *out)
{
    ULONG value = 0;
    unsigned i;
    ULONG last_limit = count == 1 ? 0xffffffffU : (0xffffffffU >> (8U * (count - 1)));
    for (i = 0; i + 1 < count; i++) {
        if (part[i] > 255) {
            return 0;
        }
        value |= part[i] << (24U - 8U * i);
    }
    if (part[count - 1] > last_limit) {
        return 0;
    }
    value |= part[count - 1];
    for (i = 0; i < 4; i++) {
        out[i] = (UCHAR)(value >> (24U - 8U * i));
    }
    return 1;
}

static int
parse_ipv4(struct cursor *c, BOOLEAN strict, UCHAR *out)
{
    ULONG part[4];
    unsigned count = 0;
    for (;;) {
        if (!parse_part(c, strict, &part[count])) {
            return 0;
        }
        count++;
        if (count == 4 || peek(c) != '.') {
            break;
        }
        c->i++;
    }
    if (strict && count != 4) {
        return 0;
    }
    return combine_ipv4(part, count, out);
}

/* One IPv6 group at c: a hex word, or (if n <= 6) the trailing IPv4
 * address. Returns the words it filled (1 or 2), 0 on failure. */
static unsigned
parse_group(struct cursor *c, unsigned n, USHORT *word)
{
    size_t start = c->i;
    ULONG v;
    if (!parse_number(c, 16, 4, 0xffffU, &v)) {
        return 0;
    }
    if (peek(c) == '.') {
        UCHAR b[4];
        c->i = start;
        if (n > 6 || !parse_ipv4(c, TRUE, b)) {
            return 0;
        }
        word[n] = (USHORT)((b[0] << 8) | b[1]);
        word[n + 1] = (USHORT)((b[2] << 8) | b[3]);
        return 2;
    }
    word[n] = (USHORT)v;
    return 1;
}

/* Words (and the place of "::", gap, or -1) into word[]; returns count. */
static int
parse_words(struct cursor *c, USHORT *word, int *gap)
{
    unsigned n = 0;
    *gap = -1;
    if (peek(c) == ':') {
        if (peek_at(c, 1) != ':') {
            return -1;
        }
        c->i += 2;
        *gap = 0;
        if (digit_value(peek(c), 16) < 0) {
            return 0;
        }
    }
    for (;;) {
        unsigned got = n < 8 ? parse_group(c, n, word) : 0;
        if (got == 0) {
            return -1;
        }
        n += got;
        if (got == 2 || peek(c) != ':') {
            return (int)n;
        }
        if (peek_at(c, 1) == ':') {
            if (*gap >= 0) {
                return -1;
            }
            *gap = (int)n;
            c->i += 2;
            if (digit_value(peek(c), 16) < 0) {
                return (int)n;
            }
        } else {
            c->i++;
        }
    }
}

static int
parse_ipv6(struct cursor *c, UCHAR *out)
{
    USHORT word[8];
    int gap;
    int n = parse_words(c, word, &gap);
    int i;
    int at = 0;
    if (n < 0 || (gap < 0 && n != 8) || (gap >= 0 && n > 7)) {
        return 0;
    }
    memset(out, 0, 16);
    for (i = 0; i < n; i++) {
        if (i == gap) {
            at += 8 - n;
        }
        out[2 * at] = (UCHAR)(word[i] >> 8);
        out[2 * at + 1] = (UCHAR)word[i];
        at++;
    }
    return 1;
}

static USHORT
net16(ULONG v)
{
    return (USHORT)(((v & 0xffU) << 8) | ((v >> 8) & 0xffU));
}

/* ":port" if present; then the end of the text. */
static int
parse_port_and_end(struct cursor *c, int allowed, USHORT *port)
{
    ULONG v = 0;
    if (allowed && peek(c) == ':') {
        c->i++;
        if (!parse_number(c, 10, 5, 0xffffU, &v)) {
            return 0;
        }
    }
    *port = net16(v);
    return peek(c) == 0;
}

static NTSTATUS
ipv4_plain(struct cursor *c, BOOLEAN strict, size_t *end, struct in_addr *addr)
{
    UCHAR b[4];
    int ok = parse_ipv4(c, strict, b);
    *end = c->i;
    if (!ok) {
        return STATUS_INVALID_PARAMETER;
    }
    memcpy(&addr->S_un.S_un_b.s_b1, b, 4);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI
RtlIpv4StringToAddressA(PCSTR S, BOOLEAN Strict, PCSTR *Terminator, struct in_addr *Addr)
{
    struct cursor c = { S, NULL, 0 };
    size_t end;
    NTSTATUS status = ipv4_plain(&c, Strict, &end, Addr);
    *Terminator = S + end;
    return status;
}

NTSTATUS NTAPI
RtlIpv4StringToAddressW(PCWSTR S, BOOLEAN Strict, LPCWSTR *Terminator, struct in_addr *Addr)
{
    struct cursor c = { NULL, S, 0 };
    size_t end;
    NTSTATUS status = ipv4_plain(&c, Strict, &end, Addr);
    *Terminator = S + end;
    return status;
}

static NTSTATUS
ipv4_ex(struct cursor *c, BOOLEAN strict, struct in_addr *address, PUSHORT port)
{
    UCHAR b[4];
    USHORT p;
    if (address == NULL || port == NULL || !parse_ipv4(c, strict, b) ||
        !parse_port_and_end(c, 1, &p)) {
        return STATUS_INVALID_PARAMETER;
    }
    memcpy(&address->S_un.S_un_b.s_b1, b, 4);
    *port = p;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI
RtlIpv4StringToAddressExA(PCSTR AddressString,
                          BOOLEAN Strict,
                          struct in_addr *Address,
                          PUSHORT Port)
{
    struct cursor c = { AddressString, NULL, 0 };
    return AddressString == NULL ? STATUS_INVALID_PARAMETER : ipv4_ex(&c, Strict, Address, Port);
}

NTSTATUS NTAPI
RtlIpv4StringToAddressExW(PCWSTR AddressString,
                          BOOLEAN Strict,
                          struct in_addr *Address,
                          PUSHORT Port)
{
    struct cursor c = { NULL, AddressString, 0 };
    return AddressString == NULL ? STATUS_INVALID_PARAMETER : ipv4_ex(&c, Strict, Address, Port);
}

static NTSTATUS
ipv6_plain(struct cursor *c, size_t *end, struct in6_addr *addr)
{
    UCHAR b[16];
    int ok = parse_ipv6(c, b);
    *end = c->i;
    if (!ok) {
        return STATUS_INVALID_PARAMETER;
    }
    memcpy(addr->u.Byte, b, 16);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI
RtlIpv6StringToAddressA(PCSTR S, PCSTR *Terminator, struct in6_addr *Addr)
{
    struct cursor c = { S, NULL, 0 };
    size_t end;
    NTSTATUS status = ipv6_plain(&c, &end, Addr);
    *Terminator = S + end;
    return status;
}

NTSTATUS NTAPI
RtlIpv6StringToAddressW(PCWSTR S, PCWSTR *Terminator, struct in6_addr *Addr)
{
    struct cursor c = { NULL, S, 0 };
    size_t end;
    NTSTATUS status = ipv6_plain(&c, &end, Addr);
    *Terminator = S + end;
    return status;
}

/* "%scope" if present (decimal, host order). */
static int
parse_scope(struct cursor *c, ULONG *scope)
{
    *scope = 0;
    if (peek(c) != '%') {
        return 1;
    }
    c->i++;
    return parse_number(c, 10, 10, 0xffffffffU, scope);
}

static NTSTATUS
ipv6_ex(struct cursor *c, struct in6_addr *address, PULONG scope_id, PUSHORT port)
{
    UCHAR b[16];
    ULONG scope;
    USHORT p;
    int bracket = peek(c) == '[';
    c->i += bracket ? 1U : 0U;
    if (address == NULL || scope_id == NULL || port == NULL || !parse_ipv6(c, b) ||
        !parse_scope(c, &scope) || (bracket && peek(c) != ']')) {
        return STATUS_INVALID_PARAMETER;
    }
    c->i += bracket ? 1U : 0U;
    if (!parse_port_and_end(c, bracket, &p)) {
        return STATUS_INVALID_PARAMETER;
    }
    memcpy(address->u.Byte, b, 16);
    *scope_id = scope;
    *port = p;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI
RtlIpv6StringToAddressExA(PCSTR AddressString,
                          struct in6_addr *Address,
                          PULONG ScopeId,
                          PUSHORT Port)
{
    struct cursor c = { AddressString, NULL, 0 };
    return AddressString == NULL ? STATUS_INVALID_PARAMETER : ipv6_ex(&c, Address, ScopeId, Port);
}

NTSTATUS NTAPI
RtlIpv6StringToAddressExW(PCWSTR AddressString,
                          struct in6_addr *Address,
                          PULONG ScopeId,
                          PUSHORT Port)
{
    struct cursor c = { NULL, AddressString, 0 };
    return AddressString == NULL ? STATUS_INVALID_PARAMETER : ipv6_ex(&c, Address, ScopeId, Port);
}

#endif /* !UNDIS_HAVE_WINNT */
