/* SPDX-License-Identifier: MIT */
/* compat_names.c: what `undis compat` knows of names: the WDK header a name or
 * header belongs to, the MSVC-only keywords and message forms, clang's
 * message forms. */
#include "compat_check.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---- names and headers --------------------------------------------------- */

/* The WDK header a name comes from, told by its prefix (the census, where it
 * lists a name, is the authority; this is the report's hint). */
const char *
compat_guess_header(const char *name)
{
    const char *h = compat_wdk_prefix(name);
    return h != NULL ? h : "wdm.h";
}

/* The header of a name with one of the WDK's prefixes (NDIS_, Ndis, OID_, Ke, ...),
 * or NULL. */
const char *
compat_wdk_prefix(const char *name)
{
    static const struct {
        const char *prefix;
        const char *header;
    } table[] = {
        { "OID_", "ntddndis.h" },
        { "NDIS_STATUS_", "ndis.h" },
        { "STATUS_", "ntstatus.h" },
        { "NET_BUFFER", "ndis.h" },
        { "NDIS", "ndis.h" },
        { "Ndis", "ndis.h" },
        { "MINIPORT_", "ndis.h" },
        { "FILTER_", "ndis.h" },
        { "PROTOCOL_", "ndis.h" },
        { "NET_", "ndis.h" },
        { "IF_", "ifdef.h" },
        { "NET_IF", "ifdef.h" },
        { "IN6_", "in6addr.h" },
        { "IN_ADDR", "inaddr.h" },
        { "SOCKADDR", "ws2def.h" },
        { "AF_", "ws2def.h" },
        { "IPPROTO", "ws2def.h" },
        { "MIB_", "netioapi.h" },
        { "Rtl", "wdm.h" },
        { "Ke", "wdm.h" },
        { "Ex", "wdm.h" },
        { "Io", "wdm.h" },
        { "Mm", "wdm.h" },
        { "Ob", "wdm.h" },
        { "Ps", "ntddk.h" },
        { "Zw", "wdm.h" },
        { "Wdf", "wdf.h" },
        { "WDF", "wdf.h" },
        { "Fwp", "fwpsk.h" },
        { "FWP", "fwpsk.h" },
        { "Wsk", "wsk.h" },
        { "WSK", "wsk.h" },
        { "_Interlocked", "intrin.h" },
        { "_BitScan", "intrin.h" },
        { "__in", "sal.h" },
        { "__out", "sal.h" },
        { "__", "intrin.h" },
        { "KDPC", "wdm.h" },
        { "KSPIN", "wdm.h" },
        { "IRP", "wdm.h" },
        { "DEVICE_", "wdm.h" },
        { "DRIVER_", "wdm.h" },
        { "POOL_", "wdm.h" },
    };
    if (name[0] == 'P' && isupper((unsigned char)name[1]) && name[1] != 'P') {
        name++; /* PNDIS_X: the pointer type beside NDIS_X */
    }
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        size_t n = strlen(table[i].prefix);
        if (strncmp(name, table[i].prefix, n) == 0 &&
            (!islower((unsigned char)table[i].prefix[n - 1]) || isupper((unsigned char)name[n]))) {
            return table[i].header;
        }
    }
    return NULL;
}

/* The text between the first pair of single quotes in msg (malloc'd, "" when none). */
char *
compat_quoted(const char *msg, int which)
{
    const char *a = msg, *b = NULL;
    for (int i = 0; i <= which && a != NULL; i++) {
        a = strchr(b ? b + 1 : msg, '\'');
        b = a ? strchr(a + 1, '\'') : NULL;
        if (b == NULL) {
            a = NULL;
        }
    }
    if (a == NULL || b == NULL) {
        return compat_strndup("", 0);
    }
    return compat_strndup(a + 1, (size_t)(b - a - 1));
}

/* 1 when msg is clang's form `head'%0'tail` (tail may be empty). */
int
compat_form(const char *msg, const char *head, const char *tail)
{
    size_t h = strlen(head);
    const char *close;
    if (strncmp(msg, head, h) != 0 || msg[h] != '\'') {
        return 0;
    }
    close = strchr(msg + h + 1, '\'');
    return close != NULL && strncmp(close + 1, tail, strlen(tail)) == 0;
}

/* MSVC keywords and constructs clang (on a non-Windows target) rejects. */
int
compat_msvc_name(const char *name)
{
    static const char *const names[] = {
        "__try",
        "__except",
        "__finally",
        "__leave",
        "__asm",
        "_asm",
        "__int3",
        "__int64",
        "__int32",
        "__int16",
        "__int8",
        "__ptr64",
        "__ptr32",
        "__based",
        "__w64",
        "__identifier",
        "__super",
        "__uuidof",
        "__if_exists",
        "__if_not_exists",
        "__event",
        "__hook",
        "__unhook",
        "GetExceptionCode",
        "GetExceptionInformation",
        "AbnormalTermination",
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(name, names[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Message forms that only MSVC accepts (matched from their start). */
int
compat_msvc_message(const char *msg)
{
    static const char *const heads[] = {
        "SEH '__try' is not supported",
        "SEH '__except'",
        "SEH '__finally'",
        "'__leave' statement not in __try block",
        "__declspec attribute",
        "'__declspec' attributes are not enabled",
        "MS-style inline assembly is not available",
        "cannot jump from this goto statement to its label",
        "cannot jump from switch statement to this case label",
        "missing 'typename' prior to dependent type name",
        "explicit specialization of",
        "non-const lvalue reference to type",
        "cannot initialize a parameter of type 'PWCHAR'",
        "ISO C++ does not allow",
        "ISO C++11 does not allow conversion from string literal",
        "pasting formed",
        "expected unqualified-id",
        "#pragma",
        "use of undeclared identifier 'L__FUNCTION__'",
    };
    for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
        if (strncmp(msg, heads[i], strlen(heads[i])) == 0) {
            return 1;
        }
    }
    return 0;
}

/* 1 when name (as included) is a header of the WDK or of the SDK parts kernel
 * drivers include: what undis would have to provide. */
int
compat_wdk_header(const char *name)
{
    static const char *const names[] = {
        "ndis.h",
        "wdm.h",
        "ntddk.h",
        "ntifs.h",
        "ntdef.h",
        "ntstatus.h",
        "wdf.h",
        "wdmguid.h",
        "guiddef.h",
        "initguid.h",
        "devguid.h",
        "ndisguid.h",
        "minwindef.h",
        "windef.h",
        "winerror.h",
        "basetsd.h",
        "fwpsk.h",
        "fwpmk.h",
        "fwpmu.h",
        "fwpvi.h",
        "wsk.h",
        "netioapi.h",
        "netiodef.h",
        "ws2def.h",
        "ws2ipdef.h",
        "in6addr.h",
        "inaddr.h",
        "mstcpip.h",
        "ip2string.h",
        "ntddndis.h",
        "ntstrsafe.h",
        "ntintsafe.h",
        "intsafe.h",
        "wmilib.h",
        "wmistr.h",
        "wmidata.h",
        "evntrace.h",
        "evntprov.h",
        "ntddser.h",
        "wdmsec.h",
        "ntimage.h",
        "aux_klib.h",
        "bcrypt.h",
        "wpprecorder.h",
        "TraceLoggingProvider.h",
        "specstrings.h",
        "sal.h",
        "driverspecs.h",
        "kernelspecs.h",
        "dontuse.h",
        "ntverp.h",
        "ndiswwan.h",
        "windot11.h",
        "wlantypes.h",
        "ipifcons.h",
        "ifdef.h",
        "nldef.h",
        "bugcodes.h",
        "winapifamily.h",
        "intrin.h",
        "ntddstor.h",
        "ntddk_ex.h",
        "procgrp.h",
        "wdfcore.h",
        "netadaptercx.h",
        "ndis/nbl.h",
        "ndis/nblapi.h",
        "ndis/oidrequest.h",
        "ndis/oidtypes.h",
        "ndis/objectheader.h",
        "ndis/types.h",
        "ndis/status.h",
        "ndis/version.h",
        "iphlpapi.h",
        "stdarg.h",
        "stddef.h",
        "stdio.h",
        "stdlib.h",
        "string.h",
        "ntddnlb.h",
        "netcx/shared/net/ring.h",
        "usbdi.h",
        "wdfusb.h",
        "ntpoapi.h",
        "pshpack1.h",
        "poppack.h",
    };
    const char *base = name;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcasecmp(base, names[i]) == 0) {
            return 1;
        }
    }
    return 0;
}
