/* SPDX-License-Identifier: MIT */
/*
 * rt_config_keys.c: the configuration calls that write or walk the
 * settings store (rt_config.c): NdisWriteConfiguration,
 * NdisReadNetworkAddress, NdisOpenConfigurationKeyByName and
 * NdisOpenConfigurationKeyByIndex.
 */
#include "kernel/rt_config.h"

#include <stdio.h>

/* Lock held. The stored form of a parameter (a value's type and data);
 * NDIS_STATUS_NOT_SUPPORTED for a type the registry has no form for. */
static NDIS_STATUS
stored_form(const NDIS_CONFIGURATION_PARAMETER *p, struct undis__config_value *v)
{
    size_t units, i;
    const WCHAR *w;
    switch (p->ParameterType) {
    case NdisParameterInteger:
    case NdisParameterHexInteger:
        v->type = NdisParameterInteger;
        v->integer = p->ParameterData.IntegerData;
        return NDIS_STATUS_SUCCESS;
    case NdisParameterBinary:
        v->type = NdisParameterBinary;
        v->length = p->ParameterData.BinaryData.Length;
        v->data = (char *)undis__mem_alloc(v->length + 1);
        if (v->data == NULL) {
            return NDIS_STATUS_RESOURCES;
        }
        memcpy(v->data, p->ParameterData.BinaryData.Buffer, v->length);
        return NDIS_STATUS_SUCCESS;
    case NdisParameterString:
    case NdisParameterMultiString:
        units = p->ParameterData.StringData.Length / sizeof(WCHAR);
        w = p->ParameterData.StringData.Buffer;
        v->type = p->ParameterType;
        v->data = (char *)undis__mem_alloc(units + 2);
        if (v->data == NULL) {
            return NDIS_STATUS_RESOURCES;
        }
        for (i = 0; i < units; i++) {
            v->data[i] = w[i] > 0x7F ? '?' : (char)w[i];
        }
        v->data[units] = '\0'; /* a string: its NUL; a multi-string: ends with one */
        v->length = units == 0 || v->data[units - 1] != '\0' || v->type == NdisParameterString
                        ? units + 1
                        : units;
        return NDIS_STATUS_SUCCESS;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

/* Lock held: keyword in section takes the new form (replacing or added). */
static NDIS_STATUS
store(undis__config *config, const char *section, const char *key, struct undis__config_value *v)
{
    struct undis__config_value *old = undis__config_lookup(config, section, key);
    size_t sl = strlen(section) + 1, kl = strlen(key) + 1;
    if (old != NULL) {
        undis__mem_free(old->data);
        old->type = v->type;
        old->integer = v->integer;
        old->data = v->data;
        old->length = v->length;
        old->line = 0;
        return NDIS_STATUS_SUCCESS;
    }
    v->section = (char *)undis__mem_alloc(sl);
    v->keyword = (char *)undis__mem_alloc(kl);
    old = v->section != NULL && v->keyword != NULL ? undis__config_append(config) : NULL;
    if (old == NULL) {
        undis__mem_free(v->section);
        undis__mem_free(v->keyword);
        undis__mem_free(v->data);
        return NDIS_STATUS_RESOURCES;
    }
    memcpy(v->section, section, sl);
    memcpy(v->keyword, key, kl);
    *old = *v;
    return NDIS_STATUS_SUCCESS;
}

/*
 * Pre: an open handle (checked: BUGCODE_NDIS_DRIVER), Keyword an ASCII
 * counted string, ParameterValue of type Integer, HexInteger (both kept as
 * an integer, REG_DWORD), String, MultiString (non-ASCII characters become
 * '?') or Binary. Post: NDIS_STATUS_SUCCESS and the keyword has that value
 * in the handle's key, for every later read through any handle on the same
 * settings (the settings file itself is not rewritten). Failure:
 * NDIS_STATUS_NOT_SUPPORTED (another type), NDIS_STATUS_INVALID_PARAMETER
 * (keyword not ASCII or over 255 characters), NDIS_STATUS_RESOURCES
 * (memory); the settings are unchanged. PASSIVE_LEVEL.
 */
VOID
NdisWriteConfiguration(PNDIS_STATUS Status,
                       NDIS_HANDLE ConfigurationHandle,
                       PNDIS_STRING Keyword,
                       PNDIS_CONFIGURATION_PARAMETER ParameterValue)
{
    struct undis__config_handle *h =
        undis__config_handle_of(ConfigurationHandle, "NdisWriteConfiguration");
    char key[UNDIS_CONFIG_NAME_MAX + 1];
    struct undis__config_value v;
    if (!undis__config_narrow(Keyword, key, sizeof(key)) || key[0] == '\0') {
        *Status = NDIS_STATUS_INVALID_PARAMETER;
        return;
    }
    memset(&v, 0, sizeof(v));
    undis__mutex_lock(&undis__config_lock);
    *Status = stored_form(ParameterValue, &v);
    if (*Status == NDIS_STATUS_SUCCESS) {
        *Status = store(h->config, h->section, key, &v);
    }
    undis__mutex_unlock(&undis__config_lock);
}

/* Bytes of a MAC written as hex digits, '-' or ':' allowed between bytes:
 * its length (1..32), 0 when malformed. */
static UINT
parse_address(const char *s, UCHAR *out)
{
    UINT n = 0;
    while (*s != '\0') {
        int hi, lo;
        if (n > 0 && (*s == '-' || *s == ':')) {
            s++;
        }
        hi = s[0] >= '0' && s[0] <= '9'   ? s[0] - '0'
             : s[0] >= 'a' && s[0] <= 'f' ? s[0] - 'a' + 10
             : s[0] >= 'A' && s[0] <= 'F' ? s[0] - 'A' + 10
                                          : -1;
        lo = hi < 0                       ? -1
             : s[1] >= '0' && s[1] <= '9' ? s[1] - '0'
             : s[1] >= 'a' && s[1] <= 'f' ? s[1] - 'a' + 10
             : s[1] >= 'A' && s[1] <= 'F' ? s[1] - 'A' + 10
                                          : -1;
        if (lo < 0 || n == 32) {
            return 0;
        }
        out[n++] = (UCHAR)(hi * 16 + lo);
        s += 2;
    }
    return n;
}

/*
 * Pre: an open handle (checked). Post: NDIS_STATUS_SUCCESS, *NetworkAddress
 * the bytes of the keyword NetworkAddress of the handle's key (a string of
 * hex digits, "021122334455" as Windows stores it, or with '-' or ':'
 * between the bytes) and *NetworkAddressLength their number; the bytes are
 * the handle's until NdisCloseConfiguration. Failure: NDIS_STATUS_FAILURE
 * (no such keyword, not a string, or malformed), NDIS_STATUS_RESOURCES;
 * *NetworkAddress NULL, *NetworkAddressLength 0. PASSIVE_LEVEL.
 */
VOID
NdisReadNetworkAddress(PNDIS_STATUS Status,
                       PVOID *NetworkAddress,
                       PUINT NetworkAddressLength,
                       NDIS_HANDLE ConfigurationHandle)
{
    struct undis__config_handle *h =
        undis__config_handle_of(ConfigurationHandle, "NdisReadNetworkAddress");
    const struct undis__config_value *v;
    UCHAR bytes[32];
    UINT n = 0;
    *NetworkAddress = NULL;
    *NetworkAddressLength = 0;
    *Status = NDIS_STATUS_FAILURE;
    undis__mutex_lock(&undis__config_lock);
    v = undis__config_lookup(h->config, h->section, "NetworkAddress");
    if (v != NULL && v->type == NdisParameterString) {
        n = parse_address(v->data, bytes);
    }
    if (n != 0) {
        UCHAR *out = (UCHAR *)undis__config_handle_alloc(h, n);
        *Status = out != NULL ? NDIS_STATUS_SUCCESS : NDIS_STATUS_RESOURCES;
        if (out != NULL) {
            memcpy(out, bytes, n);
            *NetworkAddress = out;
            *NetworkAddressLength = n;
        }
    }
    undis__mutex_unlock(&undis__config_lock);
}

/* Lock held. Is path a section of config? */
static BOOLEAN
has_section(const undis__config *config, const char *path)
{
    size_t i;
    for (i = 0; i < config->section_count; i++) {
        if (undis__config_same(config->sections[i], path, strlen(path))) {
            return TRUE;
        }
    }
    return FALSE;
}

/* Lock held. The index-th direct sub-key of parent ("" the top), or NULL. */
static const char *
child(const undis__config *config, const char *parent, ULONG index)
{
    size_t plen = strlen(parent);
    size_t i;
    for (i = 0; i < config->section_count; i++) {
        const char *s = config->sections[i];
        const char *rest;
        if (plen != 0 &&
            (strlen(s) <= plen + 1 || s[plen] != '\\' || !undis__config_same(parent, s, plen))) {
            continue;
        }
        rest = plen != 0 ? s + plen + 1 : s;
        if (strchr(rest, '\\') == NULL && index-- == 0) {
            return s;
        }
    }
    return NULL;
}

/* A handle on path (a section of h's store) for the driver. */
static NDIS_STATUS
open_sub(struct undis__config_handle *h, const char *path, PNDIS_HANDLE out, const void *site)
{
    struct undis__config_handle *sub;
    undis__config_retain(h->config);
    sub = undis__config_handle_new(h->config, path, site);
    if (sub == NULL) {
        undis__config_release(h->config);
        return NDIS_STATUS_RESOURCES;
    }
    *out = sub;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
by_name(struct undis__config_handle *h, PNDIS_STRING name, PNDIS_HANDLE out, const void *site)
{
    char sub[UNDIS_CONFIG_NAME_MAX + 1];
    char path[2 * UNDIS_CONFIG_NAME_MAX + 2];
    BOOLEAN found;
    if (!undis__config_narrow(name, sub, sizeof(sub)) || sub[0] == '\0') {
        return NDIS_STATUS_FAILURE;
    }
    (void)snprintf(path, sizeof(path), "%s%s%s", h->section, h->section[0] != '\0' ? "\\" : "",
                   sub);
    if (strlen(path) > UNDIS_CONFIG_NAME_MAX) {
        return NDIS_STATUS_FAILURE;
    }
    undis__mutex_lock(&undis__config_lock);
    found = has_section(h->config, path);
    undis__mutex_unlock(&undis__config_lock);
    return found ? open_sub(h, path, out, site) : NDIS_STATUS_FAILURE;
}

/*
 * Pre: an open handle (checked), SubKeyName a counted string. Post:
 * NDIS_STATUS_SUCCESS and *SubKeyHandle on the sub-key of that name (a
 * [Section] of the settings, case-insensitive); close it with
 * NdisCloseConfiguration. Failure: NDIS_STATUS_FAILURE (no such sub-key),
 * NDIS_STATUS_RESOURCES; *SubKeyHandle NULL. PASSIVE_LEVEL.
 */
VOID
NdisOpenConfigurationKeyByName(PNDIS_STATUS Status,
                               NDIS_HANDLE ConfigurationHandle,
                               PNDIS_STRING SubKeyName,
                               PNDIS_HANDLE SubKeyHandle)
{
    struct undis__config_handle *h =
        undis__config_handle_of(ConfigurationHandle, "NdisOpenConfigurationKeyByName");
    *SubKeyHandle = NULL;
    *Status = by_name(h, SubKeyName, SubKeyHandle, UNDIS_RETURN_ADDRESS());
}

static NDIS_STATUS
by_index(struct undis__config_handle *h,
         ULONG index,
         PNDIS_STRING name,
         PNDIS_HANDLE out,
         const void *site)
{
    const char *path;
    const char *leaf;
    char copy[UNDIS_CONFIG_NAME_MAX + 1];
    struct undis__config_handle *sub;
    WCHAR *w;
    size_t i, n;
    NDIS_STATUS status;
    undis__mutex_lock(&undis__config_lock);
    path = child(h->config, h->section, index);
    if (path != NULL) {
        (void)snprintf(copy, sizeof(copy), "%s", path);
    }
    undis__mutex_unlock(&undis__config_lock);
    if (path == NULL) {
        return NDIS_STATUS_FAILURE;
    }
    status = open_sub(h, copy, out, site);
    if (status != NDIS_STATUS_SUCCESS) {
        return status;
    }
    sub = (struct undis__config_handle *)*out;
    leaf = strrchr(copy, '\\') != NULL ? strrchr(copy, '\\') + 1 : copy;
    n = strlen(leaf);
    w = (WCHAR *)undis__config_handle_alloc(sub, (n + 1) * sizeof(WCHAR));
    if (w == NULL) {
        NdisCloseConfiguration(sub);
        *out = NULL;
        return NDIS_STATUS_RESOURCES;
    }
    for (i = 0; i < n; i++) {
        w[i] = (WCHAR)(UCHAR)leaf[i];
    }
    name->Buffer = w;
    name->Length = (USHORT)(n * sizeof(WCHAR));
    name->MaximumLength = (USHORT)((n + 1) * sizeof(WCHAR));
    return NDIS_STATUS_SUCCESS;
}

/*
 * Pre: an open handle (checked). Post: NDIS_STATUS_SUCCESS, *KeyHandle on
 * the Index-th direct sub-key (in the order the settings name them) and
 * *KeyName its name (the sub-key handle's memory, valid until it is
 * closed). Failure: NDIS_STATUS_FAILURE (no sub-key with that index),
 * NDIS_STATUS_RESOURCES; *KeyHandle NULL, *KeyName unchanged.
 * PASSIVE_LEVEL.
 */
VOID
NdisOpenConfigurationKeyByIndex(PNDIS_STATUS Status,
                                NDIS_HANDLE ConfigurationHandle,
                                ULONG Index,
                                PNDIS_STRING KeyName,
                                PNDIS_HANDLE KeyHandle)
{
    struct undis__config_handle *h =
        undis__config_handle_of(ConfigurationHandle, "NdisOpenConfigurationKeyByIndex");
    *KeyHandle = NULL;
    *Status = by_index(h, Index, KeyName, KeyHandle, UNDIS_RETURN_ADDRESS());
}
