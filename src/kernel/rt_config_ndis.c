/* SPDX-License-Identifier: MIT */
/*
 * rt_config_ndis.c: the NDIS configuration calls over the settings store
 * (rt_config.c): NdisOpenConfigurationEx, NdisReadConfiguration,
 * NdisWriteConfiguration, NdisReadNetworkAddress, the sub-key openers and
 * NdisCloseConfiguration. A handle names a store and a section (the top key
 * or a sub-key); what a read returns is memory of the handle's, valid until
 * NdisCloseConfiguration, as in Windows.
 */
#include "kernel/rt_config.h"

#define CONFIG_MAGIC      0x67664348U /* "HCfg" */
#define CONFIG_MAGIC_DEAD 0x64616544U
#define BINDINGS_MAX      64

struct block {
    struct block *next;
    void *pad; /* keeps the payload 16-aligned on 64-bit */
};

static struct {
    NDIS_HANDLE handle;
    undis__config *config;
} g_bindings[BINDINGS_MAX];

NDIS_STATUS
undis__config_bind(NDIS_HANDLE ndis_handle, undis__config *config)
{
    undis__config *old = NULL;
    size_t i, free_slot = BINDINGS_MAX;
    undis__mutex_lock(&undis__config_lock);
    for (i = 0; i < BINDINGS_MAX; i++) {
        if (g_bindings[i].handle == ndis_handle && ndis_handle != NULL) {
            break;
        }
        if (g_bindings[i].handle == NULL && free_slot == BINDINGS_MAX) {
            free_slot = i;
        }
    }
    if (i == BINDINGS_MAX) {
        if (config == NULL) {
            undis__mutex_unlock(&undis__config_lock);
            return NDIS_STATUS_SUCCESS;
        }
        if (free_slot == BINDINGS_MAX) {
            undis__mutex_unlock(&undis__config_lock);
            return NDIS_STATUS_RESOURCES;
        }
        i = free_slot;
    }
    old = g_bindings[i].config;
    g_bindings[i].handle = config != NULL ? ndis_handle : NULL;
    g_bindings[i].config = config;
    if (config != NULL) {
        config->refs++;
    }
    undis__mutex_unlock(&undis__config_lock);
    undis__config_release(old);
    return NDIS_STATUS_SUCCESS;
}

/* The store bound to ndis_handle, with a reference for the caller; NULL:
 * none bound. */
static undis__config *
bound(NDIS_HANDLE ndis_handle)
{
    undis__config *config = NULL;
    size_t i;
    undis__mutex_lock(&undis__config_lock);
    for (i = 0; i < BINDINGS_MAX; i++) {
        if (g_bindings[i].handle == ndis_handle && ndis_handle != NULL) {
            config = g_bindings[i].config;
            config->refs++;
            break;
        }
    }
    undis__mutex_unlock(&undis__config_lock);
    return config;
}

struct undis__config_handle *
undis__config_handle_of(NDIS_HANDLE handle, const char *function)
{
    struct undis__config_handle *h = (struct undis__config_handle *)handle;
    if (h == NULL || h->magic != CONFIG_MAGIC) {
        char message[160];
        (void)snprintf(message, sizeof(message),
                       "%s: %p is not an open configuration handle (closed, or never opened)",
                       function, handle);
        undis__rt_bugcheck(BUGCODE_NDIS_DRIVER, (ULONG_PTR)handle, message);
    }
    return h;
}

/* Memory of the handle's, freed at close: size bytes, zeroed. */
void *
undis__config_handle_alloc(struct undis__config_handle *h, size_t size)
{
    struct block *b = (struct block *)undis__mem_alloc(sizeof(*b) + size);
    if (b == NULL) {
        return NULL;
    }
    memset(b, 0, sizeof(*b) + size);
    b->next = h->blocks;
    h->blocks = b;
    return b + 1;
}

static void
close_handle(struct undis__config_handle *h)
{
    while (h->blocks != NULL) {
        struct block *b = h->blocks;
        h->blocks = b->next;
        undis__mem_free(b);
    }
    undis__rt_track_remove(&h->track);
    undis__config_release(h->config);
    h->magic = CONFIG_MAGIC_DEAD;
    undis__mem_free(h);
}

static void
reclaim(struct undis__rt_track *track)
{
    close_handle(CONTAINING_RECORD(track, struct undis__config_handle, track));
}

/* A handle on config (a reference it takes over) at section. NULL: memory. */
struct undis__config_handle *
undis__config_handle_new(undis__config *config, const char *section, const void *site)
{
    struct undis__config_handle *h = (struct undis__config_handle *)undis__mem_alloc(sizeof(*h));
    if (h == NULL) {
        return NULL;
    }
    memset(h, 0, sizeof(*h));
    h->magic = CONFIG_MAGIC;
    h->config = config;
    (void)snprintf(h->section, sizeof(h->section), "%s", section);
    h->track.kind = UNDIS__RT_CONFIG;
    h->track.site = site;
    h->track.object = h;
    h->track.reclaim = reclaim;
    undis__rt_track_add(&h->track);
    return h;
}

static NDIS_STATUS
open_ex(PNDIS_CONFIGURATION_OBJECT object, PNDIS_HANDLE out, const void *site)
{
    undis__config *config;
    struct undis__config_handle *h;
    *out = NULL;
    if (object == NULL || object->Header.Type != NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT ||
        object->Header.Revision < NDIS_CONFIGURATION_OBJECT_REVISION_1 ||
        object->Header.Size < NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    config = bound(object->NdisHandle);
    if (config == NULL) { /* an empty key of its own, kept for later opens */
        char none[1];
        if (undis__config_parse("", 0, "", &config, none, 0) != NDIS_STATUS_SUCCESS) {
            return NDIS_STATUS_RESOURCES;
        }
        if (object->NdisHandle != NULL &&
            undis__config_bind(object->NdisHandle, config) != NDIS_STATUS_SUCCESS) {
            undis__config_release(config);
            return NDIS_STATUS_RESOURCES;
        }
    }
    h = undis__config_handle_new(config, "", site);
    if (h == NULL) {
        undis__config_release(config);
        return NDIS_STATUS_RESOURCES;
    }
    *out = h;
    return NDIS_STATUS_SUCCESS;
}

/*
 * Pre: ConfigObject with Header {NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT,
 * revision 1, size >= NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1} and
 * NdisHandle the driver's handle (NdisFilterHandle, MiniportAdapterHandle,
 * its driver handle). Post: NDIS_STATUS_SUCCESS and *ConfigurationHandle on
 * the settings the host bound to NdisHandle (undis_host_set_config), or on
 * an empty key when none is bound (reads then fail as for a missing
 * keyword; writes are kept for later opens). Flags are accepted and change
 * nothing. Failure: NDIS_STATUS_INVALID_PARAMETER (bad header),
 * NDIS_STATUS_RESOURCES (memory); *ConfigurationHandle NULL. Ownership:
 * close it with NdisCloseConfiguration; one still open when its driver
 * unloads is listed (HOST_LEAK_AT_UNLOAD) and closed. PASSIVE_LEVEL.
 */
NDIS_STATUS
NdisOpenConfigurationEx(PNDIS_CONFIGURATION_OBJECT ConfigObject, PNDIS_HANDLE ConfigurationHandle)
{
    return open_ex(ConfigObject, ConfigurationHandle, UNDIS_RETURN_ADDRESS());
}

/* Pre: a handle from NdisOpenConfigurationEx or a sub-key opener (checked:
 * BUGCODE_NDIS_DRIVER). Post: closed; what its reads returned is freed.
 * Sub-key handles are closed on their own. PASSIVE_LEVEL. */
VOID
NdisCloseConfiguration(NDIS_HANDLE ConfigurationHandle)
{
    close_handle(undis__config_handle_of(ConfigurationHandle, "NdisCloseConfiguration"));
}

/* The ASCII form of a counted wide string into out (cap bytes); FALSE when
 * it does not fit or is not ASCII. */
BOOLEAN
undis__config_narrow(const NDIS_STRING *s, char *out, size_t cap)
{
    size_t n, i;
    if (s == NULL || (s->Buffer == NULL && s->Length != 0)) {
        return FALSE;
    }
    n = s->Length / sizeof(WCHAR);
    if (n >= cap) {
        return FALSE;
    }
    for (i = 0; i < n; i++) {
        if (s->Buffer[i] == 0 || s->Buffer[i] > 0x7F) {
            return FALSE;
        }
        out[i] = (char)s->Buffer[i];
    }
    out[n] = '\0';
    return TRUE;
}

/* A parameter block of the handle's with bytes of data after it. */
static PNDIS_CONFIGURATION_PARAMETER
new_parameter(struct undis__config_handle *h, NDIS_PARAMETER_TYPE type, size_t bytes)
{
    PNDIS_CONFIGURATION_PARAMETER p = (PNDIS_CONFIGURATION_PARAMETER)undis__config_handle_alloc(
        h, ((sizeof(NDIS_CONFIGURATION_PARAMETER) + 15) & ~(size_t)15) + bytes);
    if (p != NULL) {
        p->ParameterType = type;
    }
    return p;
}

static void *
data_of(PNDIS_CONFIGURATION_PARAMETER p)
{
    return (UCHAR *)p + ((sizeof(NDIS_CONFIGURATION_PARAMETER) + 15) & ~(size_t)15);
}

/* Lock held. String and multi-string values, widened. */
static PNDIS_CONFIGURATION_PARAMETER
read_strings(struct undis__config_handle *h, const struct undis__config_value *v)
{
    size_t units = v->length + (v->type == NdisParameterMultiString ? 1 : 0);
    PNDIS_CONFIGURATION_PARAMETER p;
    WCHAR *w;
    size_t i;
    if (units * sizeof(WCHAR) > 0xFFFF) {
        return NULL;
    }
    p = new_parameter(h, v->type, units * sizeof(WCHAR));
    if (p == NULL) {
        return NULL;
    }
    w = (WCHAR *)data_of(p);
    for (i = 0; i < v->length; i++) {
        w[i] = (WCHAR)(UCHAR)v->data[i];
    }
    /* String: Length excludes its NUL; multi-string: every string with its
     * NUL (the final empty string is after Length). */
    p->ParameterData.StringData.Buffer = w;
    p->ParameterData.StringData.Length =
        (USHORT)((v->type == NdisParameterString ? v->length - 1 : v->length) * sizeof(WCHAR));
    p->ParameterData.StringData.MaximumLength = (USHORT)(units * sizeof(WCHAR));
    return p;
}

/* Lock held. NULL with *status set when the value cannot be read so. */
static PNDIS_CONFIGURATION_PARAMETER
read_value(struct undis__config_handle *h,
           const struct undis__config_value *v,
           NDIS_PARAMETER_TYPE want,
           NDIS_STATUS *status)
{
    PNDIS_CONFIGURATION_PARAMETER p = NULL;
    ULONG integer = v->integer;
    NDIS_PARAMETER_TYPE type = v->type;
    *status = NDIS_STATUS_RESOURCES;
    if (v->type == NdisParameterString &&
        (want == NdisParameterInteger || want == NdisParameterHexInteger)) {
        if (!undis__config_number(v->data, v->length - 1, want == NdisParameterHexInteger ? 16 : 10,
                                  &integer)) {
            *status = NDIS_STATUS_FAILURE; /* not a number in that base */
            return NULL;
        }
        type = want;
    }
    if (type == NdisParameterInteger || type == NdisParameterHexInteger) {
        p = new_parameter(h, type, 0);
        if (p != NULL) {
            p->ParameterData.IntegerData = integer;
        }
    } else if (type == NdisParameterBinary) {
        p = new_parameter(h, type, v->length);
        if (p != NULL) {
            memcpy(data_of(p), v->data, v->length);
            p->ParameterData.BinaryData.Buffer = data_of(p);
            p->ParameterData.BinaryData.Length = (USHORT)v->length;
        }
    } else {
        p = read_strings(h, v);
    }
    return p;
}

/*
 * Pre: an open handle (checked), Keyword a counted string. Post:
 * NDIS_STATUS_SUCCESS and *ParameterValue the keyword's value in the
 * handle's key, memory of the handle's until NdisCloseConfiguration. The
 * type follows the stored value as the registry's does: an integer
 * (REG_DWORD) comes back NdisParameterInteger whatever was asked; a string
 * asked as NdisParameterInteger or NdisParameterHexInteger is converted in
 * base 10 or 16 ("0x" forces 16) and comes back with the type asked; a
 * multi-string or binary value comes back as it is. Failure:
 * NDIS_STATUS_FAILURE (no such keyword, as Windows; or a string that is not
 * a number in the base asked), NDIS_STATUS_RESOURCES (memory);
 * *ParameterValue NULL. PASSIVE_LEVEL.
 */
VOID
NdisReadConfiguration(PNDIS_STATUS Status,
                      PNDIS_CONFIGURATION_PARAMETER *ParameterValue,
                      NDIS_HANDLE ConfigurationHandle,
                      PNDIS_STRING Keyword,
                      NDIS_PARAMETER_TYPE ParameterType)
{
    struct undis__config_handle *h =
        undis__config_handle_of(ConfigurationHandle, "NdisReadConfiguration");
    char key[UNDIS_CONFIG_NAME_MAX + 1];
    const struct undis__config_value *v;
    *ParameterValue = NULL;
    *Status = NDIS_STATUS_FAILURE;
    if (!undis__config_narrow(Keyword, key, sizeof(key))) {
        return;
    }
    undis__mutex_lock(&undis__config_lock);
    v = undis__config_lookup(h->config, h->section, key);
    if (v != NULL) {
        *ParameterValue = read_value(h, v, ParameterType, Status);
        if (*ParameterValue != NULL) {
            *Status = NDIS_STATUS_SUCCESS;
        }
    }
    undis__mutex_unlock(&undis__config_lock);
}
