/*
 * test_rt_config.c - configuration (src/kernel/rt_config*.c), white-box: a
 * settings text parsed (every value form, every error with its line), bound
 * to a handle, then read through NdisOpenConfigurationEx /
 * NdisReadConfiguration with every parameter type, written, its network
 * address read, its sub-keys opened by name and index; allocation failure
 * injected on every allocation of each call.
 */
#include "test.h"

#include "kernel/rt_config.h"
#include "support/kservices.h"

#include <undis/fault.h>

static const char k_text[] = "# settings of a test adapter\n"
                             "MTU = 9000\n"
                             "Mask = 0x1F   \n"
                             "*SpeedDuplex = \"6\"\n"
                             "HexText = \"ff\"\n"
                             "Name = hello world # a bare string\n"
                             "Quote = \"say \\\"hi\\\"\"\n"
                             "Servers = \"a\", \"bc\"\n"
                             "Blob = hex: 01 02 ff\n"
                             "NetworkAddress = 02-11-22-33-44-55\n"
                             "\n"
                             "[Ndi]\n"
                             "Service = \"kserv\"\n"
                             "[Ndi\\Params]\n"
                             "Depth = 2\n"
                             "[Other]\n";

static int g_handle_tag; /* the address stands for a driver's NdisHandle */

static undis__config *
parse(const char *text)
{
    undis__config *config = NULL;
    char error[200];
    CHECK_STATUS(
        undis__config_parse(text, strlen(text), "test.conf", &config, error, sizeof(error)),
        NDIS_STATUS_SUCCESS);
    CHECK_STR_EQ(error, "");
    return config;
}

static NDIS_HANDLE
open_bound(const char *text)
{
    NDIS_CONFIGURATION_OBJECT object;
    NDIS_HANDLE handle = NULL;
    undis__config *config = parse(text);
    CHECK_STATUS(undis__config_bind(&g_handle_tag, config), NDIS_STATUS_SUCCESS);
    undis__config_release(config); /* the binding keeps it */
    memset(&object, 0, sizeof(object));
    object.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;
    object.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;
    object.Header.Size = NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1;
    object.NdisHandle = &g_handle_tag;
    CHECK_STATUS(NdisOpenConfigurationEx(&object, &handle), NDIS_STATUS_SUCCESS);
    CHECK(handle != NULL);
    return handle;
}

static void
unbind(void)
{
    CHECK_STATUS(undis__config_bind(&g_handle_tag, NULL), NDIS_STATUS_SUCCESS);
}

static PNDIS_CONFIGURATION_PARAMETER
read_kw(NDIS_HANDLE h, PCWSTR keyword, NDIS_PARAMETER_TYPE type, NDIS_STATUS expect)
{
    NDIS_STATUS status = NDIS_STATUS_PENDING;
    PNDIS_CONFIGURATION_PARAMETER p = (PNDIS_CONFIGURATION_PARAMETER)&status;
    NDIS_STRING kw;
    RtlInitUnicodeString(&kw, keyword);
    NdisReadConfiguration(&status, &p, h, &kw, type);
    CHECK_STATUS(status, expect);
    if (expect != NDIS_STATUS_SUCCESS) {
        CHECK(p == NULL);
    }
    return p;
}

static int
wide_is(const NDIS_STRING *s, const char *ascii, size_t units)
{
    size_t i;
    for (i = 0; i < units; i++) {
        if (s->Buffer[i] != (WCHAR)(UCHAR)ascii[i]) {
            return 0;
        }
    }
    return 1;
}

TEST(reads_integers_as_the_registry_does)
{
    NDIS_HANDLE h = open_bound(k_text);
    PNDIS_CONFIGURATION_PARAMETER p;
    p = read_kw(h, L"MTU", NdisParameterInteger, NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)p->ParameterType, (int)NdisParameterInteger);
    CHECK_EQ_U32(p->ParameterData.IntegerData, 9000);
    p = read_kw(h, L"mtu", NdisParameterHexInteger, NDIS_STATUS_SUCCESS); /* any case */
    CHECK_EQ_INT((int)p->ParameterType, (int)NdisParameterInteger);       /* a DWORD stays one */
    CHECK_EQ_U32(
        read_kw(h, L"Mask", NdisParameterInteger, NDIS_STATUS_SUCCESS)->ParameterData.IntegerData,
        0x1F);
    /* Strings convert in the base asked. */
    p = read_kw(h, L"*SpeedDuplex", NdisParameterInteger, NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)p->ParameterType, (int)NdisParameterInteger);
    CHECK_EQ_U32(p->ParameterData.IntegerData, 6);
    p = read_kw(h, L"HexText", NdisParameterHexInteger, NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)p->ParameterType, (int)NdisParameterHexInteger);
    CHECK_EQ_U32(p->ParameterData.IntegerData, 0xFF);
    (void)read_kw(h, L"HexText", NdisParameterInteger, NDIS_STATUS_FAILURE);
    (void)read_kw(h, L"Name", NdisParameterInteger, NDIS_STATUS_FAILURE);
    /* A DWORD asked as a string comes back as the DWORD. */
    p = read_kw(h, L"MTU", NdisParameterString, NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)p->ParameterType, (int)NdisParameterInteger);
    NdisCloseConfiguration(h);
    unbind();
}

TEST(reads_strings_multi_strings_and_binary)
{
    NDIS_HANDLE h = open_bound(k_text);
    PNDIS_CONFIGURATION_PARAMETER p;
    p = read_kw(h, L"Name", NdisParameterString, NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)p->ParameterType, (int)NdisParameterString);
    CHECK_EQ_U32(p->ParameterData.StringData.Length, 11 * sizeof(WCHAR));
    CHECK(wide_is(&p->ParameterData.StringData, "hello world", 12));
    p = read_kw(h, L"Quote", NdisParameterString, NDIS_STATUS_SUCCESS);
    CHECK(wide_is(&p->ParameterData.StringData, "say \"hi\"", 9));
    p = read_kw(h, L"Servers", NdisParameterMultiString, NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)p->ParameterType, (int)NdisParameterMultiString);
    CHECK_EQ_U32(p->ParameterData.StringData.Length, 5 * sizeof(WCHAR));
    CHECK(wide_is(&p->ParameterData.StringData, "a\0bc\0", 6));
    p = read_kw(h, L"Blob", NdisParameterBinary, NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)p->ParameterType, (int)NdisParameterBinary);
    CHECK_EQ_U32(p->ParameterData.BinaryData.Length, 3);
    CHECK_MEM_EQ(p->ParameterData.BinaryData.Buffer, "\x01\x02\xff", 3);
    p = read_kw(h, L"Blob", NdisParameterInteger, NDIS_STATUS_SUCCESS); /* as stored */
    CHECK_EQ_INT((int)p->ParameterType, (int)NdisParameterBinary);
    NdisCloseConfiguration(h);
    unbind();
}

TEST(missing_keyword_fails_as_windows)
{
    NDIS_HANDLE h = open_bound(k_text);
    (void)read_kw(h, L"NoSuchKeyword", NdisParameterInteger, NDIS_STATUS_FAILURE);
    (void)read_kw(h, L"Service", NdisParameterString, NDIS_STATUS_FAILURE);  /* in [Ndi] */
    (void)read_kw(h, L"M\x00e9", NdisParameterInteger, NDIS_STATUS_FAILURE); /* not ASCII */
    NdisCloseConfiguration(h);
    unbind();
}

TEST(network_address)
{
    NDIS_HANDLE h = open_bound(k_text);
    NDIS_STATUS status;
    PVOID address = NULL;
    UINT length = 0;
    NdisReadNetworkAddress(&status, &address, &length, h);
    CHECK_STATUS(status, NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(length, 6);
    CHECK_MEM_EQ(address, "\x02\x11\x22\x33\x44\x55", 6);
    NdisCloseConfiguration(h);
    h = open_bound("NetworkAddress = \"021122334455\"\n");
    NdisReadNetworkAddress(&status, &address, &length, h);
    CHECK_STATUS(status, NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(length, 6);
    NdisCloseConfiguration(h);
    h = open_bound("NetworkAddress = 02-11-2\n");
    NdisReadNetworkAddress(&status, &address, &length, h);
    CHECK_STATUS(status, NDIS_STATUS_FAILURE);
    CHECK(address == NULL);
    CHECK_EQ_U32(length, 0);
    NdisCloseConfiguration(h);
    h = open_bound("MTU = 1\n");
    NdisReadNetworkAddress(&status, &address, &length, h);
    CHECK_STATUS(status, NDIS_STATUS_FAILURE);
    NdisCloseConfiguration(h);
    unbind();
}

TEST(writes_are_read_back)
{
    NDIS_HANDLE h = open_bound("MTU = 1500\n");
    NDIS_HANDLE again;
    NDIS_CONFIGURATION_PARAMETER p;
    NDIS_STRING kw;
    NDIS_STATUS status;
    NDIS_CONFIGURATION_OBJECT object;
    WCHAR text[] = L"abc";
    WCHAR multi[] = L"x\0yz\0";
    UCHAR bytes[2] = { 9, 8 };
    memset(&p, 0, sizeof(p));
    p.ParameterType = NdisParameterInteger;
    p.ParameterData.IntegerData = 4000;
    RtlInitUnicodeString(&kw, L"MTU");
    NdisWriteConfiguration(&status, h, &kw, &p);
    CHECK_STATUS(status, NDIS_STATUS_SUCCESS);
    p.ParameterType = NdisParameterString;
    p.ParameterData.StringData.Buffer = text;
    p.ParameterData.StringData.Length = 3 * sizeof(WCHAR);
    RtlInitUnicodeString(&kw, L"Text");
    NdisWriteConfiguration(&status, h, &kw, &p);
    CHECK_STATUS(status, NDIS_STATUS_SUCCESS);
    p.ParameterType = NdisParameterMultiString;
    p.ParameterData.StringData.Buffer = multi;
    p.ParameterData.StringData.Length = 5 * sizeof(WCHAR);
    RtlInitUnicodeString(&kw, L"Multi");
    NdisWriteConfiguration(&status, h, &kw, &p);
    CHECK_STATUS(status, NDIS_STATUS_SUCCESS);
    p.ParameterType = NdisParameterBinary;
    p.ParameterData.BinaryData.Buffer = bytes;
    p.ParameterData.BinaryData.Length = 2;
    RtlInitUnicodeString(&kw, L"Bin");
    NdisWriteConfiguration(&status, h, &kw, &p);
    CHECK_STATUS(status, NDIS_STATUS_SUCCESS);
    p.ParameterType = (NDIS_PARAMETER_TYPE)42;
    NdisWriteConfiguration(&status, h, &kw, &p);
    CHECK_STATUS(status, NDIS_STATUS_NOT_SUPPORTED);
    RtlInitUnicodeString(&kw, L"");
    NdisWriteConfiguration(&status, h, &kw, &p);
    CHECK_STATUS(status, NDIS_STATUS_INVALID_PARAMETER);
    /* Another handle on the same settings sees every write. */
    memset(&object, 0, sizeof(object));
    object.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;
    object.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;
    object.Header.Size = NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1;
    object.NdisHandle = &g_handle_tag;
    CHECK_STATUS(NdisOpenConfigurationEx(&object, &again), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(read_kw(again, L"MTU", NdisParameterInteger, NDIS_STATUS_SUCCESS)
                     ->ParameterData.IntegerData,
                 4000);
    CHECK(wide_is(&read_kw(again, L"Text", NdisParameterString, NDIS_STATUS_SUCCESS)
                       ->ParameterData.StringData,
                  "abc", 4));
    CHECK_EQ_U32(read_kw(again, L"Multi", NdisParameterMultiString, NDIS_STATUS_SUCCESS)
                     ->ParameterData.StringData.Length,
                 5 * sizeof(WCHAR));
    CHECK_MEM_EQ(read_kw(again, L"Bin", NdisParameterBinary, NDIS_STATUS_SUCCESS)
                     ->ParameterData.BinaryData.Buffer,
                 bytes, 2);
    NdisCloseConfiguration(again);
    NdisCloseConfiguration(h);
    unbind();
}

TEST(sub_keys_by_name_and_index)
{
    NDIS_HANDLE h = open_bound(k_text);
    NDIS_HANDLE sub = NULL, inner = NULL;
    NDIS_STRING name;
    NDIS_STATUS status;
    RtlInitUnicodeString(&name, L"ndi");
    NdisOpenConfigurationKeyByName(&status, h, &name, &sub);
    CHECK_STATUS(status, NDIS_STATUS_SUCCESS);
    CHECK(wide_is(&read_kw(sub, L"Service", NdisParameterString, NDIS_STATUS_SUCCESS)
                       ->ParameterData.StringData,
                  "kserv", 6));
    (void)read_kw(sub, L"MTU", NdisParameterInteger, NDIS_STATUS_FAILURE);
    RtlInitUnicodeString(&name, L"Params");
    NdisOpenConfigurationKeyByName(&status, sub, &name, &inner);
    CHECK_STATUS(status, NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(read_kw(inner, L"Depth", NdisParameterInteger, NDIS_STATUS_SUCCESS)
                     ->ParameterData.IntegerData,
                 2);
    NdisCloseConfiguration(inner);
    RtlInitUnicodeString(&name, L"Nope");
    NdisOpenConfigurationKeyByName(&status, h, &name, &inner);
    CHECK_STATUS(status, NDIS_STATUS_FAILURE);
    CHECK(inner == NULL);
    NdisCloseConfiguration(sub);
    /* By index: Ndi and Other are the top's sub-keys, Params is Ndi's. */
    memset(&name, 0, sizeof(name));
    NdisOpenConfigurationKeyByIndex(&status, h, 1, &name, &sub);
    CHECK_STATUS(status, NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(name.Length, 5 * sizeof(WCHAR));
    CHECK(wide_is(&name, "Other", 5));
    NdisCloseConfiguration(sub);
    NdisOpenConfigurationKeyByIndex(&status, h, 2, &name, &sub);
    CHECK_STATUS(status, NDIS_STATUS_FAILURE);
    CHECK(sub == NULL);
    NdisOpenConfigurationKeyByIndex(&status, h, 0, &name, &sub);
    CHECK_STATUS(status, NDIS_STATUS_SUCCESS);
    NdisOpenConfigurationKeyByIndex(&status, sub, 0, &name, &inner);
    CHECK_STATUS(status, NDIS_STATUS_SUCCESS);
    CHECK(wide_is(&name, "Params", 6));
    NdisCloseConfiguration(inner);
    NdisCloseConfiguration(sub);
    NdisCloseConfiguration(h);
    unbind();
}

static void
parse_fails(const char *text, const char *message)
{
    undis__config *config = (undis__config *)&g_handle_tag;
    char error[200];
    CHECK_STATUS(undis__config_parse(text, strlen(text), "bad.conf", &config, error, sizeof(error)),
                 NDIS_STATUS_INVALID_DATA);
    CHECK(config == NULL);
    CHECK_STR_EQ(error, message);
}

TEST(parse_errors_name_the_file_and_line)
{
    parse_fails("MTU = 1\nno equals sign\n", "bad.conf:2: expected 'Keyword = value'");
    parse_fails("= 5\n", "bad.conf:1: a line with no keyword before '='");
    parse_fails("A =\n", "bad.conf:1: a keyword with no value (write \"\" for an empty string)");
    parse_fails("\n\nA = \"open\n", "bad.conf:3: unterminated string (a \" is missing)");
    parse_fails("A = \"a\" \"b\"\n",
                "bad.conf:1: expected ',' or the end of the line after a string");
    parse_fails("A = \"a\", b\n", "bad.conf:1: expected a quoted string");
    parse_fails("B = hex: 0g\n",
                "bad.conf:1: binary data: expected two hex digits per byte after 'hex:'");
    parse_fails("[open\n",
                "bad.conf:1: a section is written [Name] (a sub-key name, '\\' between levels)");
    parse_fails("X = 1\nx = 2\n", "bad.conf:2: keyword given twice (first on line 1)");
}

TEST(file_errors)
{
    undis__config *config = NULL;
    char error[300];
    FILE *f;
    CHECK_STATUS(undis__config_load("no/such/settings.conf", &config, error, sizeof(error)),
                 NDIS_STATUS_FILE_NOT_FOUND);
    CHECK_STR_EQ(error, "no/such/settings.conf: cannot be opened");
    f = fopen("test_rt_config.conf", "wb");
    CHECK(f != NULL);
    fputs("MTU = 1500\n# fine\nbroken line\n", f);
    fclose(f);
    CHECK_STATUS(undis__config_load("test_rt_config.conf", &config, error, sizeof(error)),
                 NDIS_STATUS_INVALID_DATA);
    CHECK_STR_EQ(error, "test_rt_config.conf:3: expected 'Keyword = value'");
    f = fopen("test_rt_config.conf", "wb");
    CHECK(f != NULL);
    fputs("MTU = 1500\n", f);
    fclose(f);
    CHECK_STATUS(undis__config_load("test_rt_config.conf", &config, error, sizeof(error)),
                 NDIS_STATUS_SUCCESS);
    undis__config_release(config);
    (void)remove("test_rt_config.conf");
}

TEST(open_checks_the_header_and_unbound_handles_are_empty)
{
    NDIS_CONFIGURATION_OBJECT object;
    NDIS_HANDLE h = &object;
    int other;
    memset(&object, 0, sizeof(object));
    CHECK_STATUS(NdisOpenConfigurationEx(&object, &h), NDIS_STATUS_INVALID_PARAMETER);
    CHECK(h == NULL);
    object.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;
    object.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;
    object.Header.Size = NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1;
    object.NdisHandle = &other;
    CHECK_STATUS(NdisOpenConfigurationEx(&object, &h), NDIS_STATUS_SUCCESS);
    (void)read_kw(h, L"MTU", NdisParameterInteger, NDIS_STATUS_FAILURE);
    NdisCloseConfiguration(h);
    CHECK_STATUS(undis__config_bind(&other, NULL), NDIS_STATUS_SUCCESS);
}

static void
close_junk(void *arg)
{
    NdisCloseConfiguration(arg);
}

TEST(bad_handle_bugchecks)
{
    ULONG junk[8];
    memset(junk, 0, sizeof(junk));
    CHECK_EQ_U32(ks_catch_bugcheck(close_junk, junk), BUGCODE_NDIS_DRIVER);
}

/* Every allocation of parse + open + reads + write + sub-key fails in turn;
 * each failure is clean (RESOURCES, nothing leaked: memcheck and the
 * allocation count agree), then the run without faults succeeds. */
static NDIS_STATUS
one_run(void)
{
    undis__config *config = NULL;
    NDIS_CONFIGURATION_OBJECT object;
    NDIS_HANDLE h = NULL, sub = NULL;
    NDIS_STATUS status;
    PNDIS_CONFIGURATION_PARAMETER p = NULL;
    NDIS_CONFIGURATION_PARAMETER w;
    NDIS_STRING kw;
    PVOID address;
    UINT length;
    char error[200];
    status = undis__config_parse(k_text, strlen(k_text), "t", &config, error, sizeof(error));
    if (status != NDIS_STATUS_SUCCESS) {
        CHECK_STATUS(status, NDIS_STATUS_RESOURCES);
        return status;
    }
    status = undis__config_bind(&g_handle_tag, config);
    undis__config_release(config);
    CHECK_STATUS(status, NDIS_STATUS_SUCCESS);
    memset(&object, 0, sizeof(object));
    object.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;
    object.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;
    object.Header.Size = NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1;
    object.NdisHandle = &g_handle_tag;
    status = NdisOpenConfigurationEx(&object, &h);
    if (status == NDIS_STATUS_SUCCESS) {
        RtlInitUnicodeString(&kw, L"Servers");
        NdisReadConfiguration(&status, &p, h, &kw, NdisParameterMultiString);
    }
    if (status == NDIS_STATUS_SUCCESS) {
        NdisReadNetworkAddress(&status, &address, &length, h);
    }
    if (status == NDIS_STATUS_SUCCESS) {
        memset(&w, 0, sizeof(w));
        w.ParameterType = NdisParameterInteger;
        RtlInitUnicodeString(&kw, L"NewKeyword");
        NdisWriteConfiguration(&status, h, &kw, &w);
    }
    if (status == NDIS_STATUS_SUCCESS) {
        NdisOpenConfigurationKeyByIndex(&status, h, 0, &kw, &sub);
    }
    if (sub != NULL) {
        NdisCloseConfiguration(sub);
    }
    if (h != NULL) {
        NdisCloseConfiguration(h);
    }
    unbind();
    CHECK(status == NDIS_STATUS_SUCCESS || status == NDIS_STATUS_RESOURCES);
    return status;
}

TEST(allocation_failure_on_every_path)
{
    unsigned long long nth;
    int failures = 0;
    for (nth = 1; nth < 1000; nth++) {
        NDIS_STATUS status;
        undis_fault_alloc_fail_nth(nth);
        status = one_run();
        undis_fault_clear();
        if (status == NDIS_STATUS_SUCCESS) {
            break;
        }
        failures++;
    }
    CHECK(failures > 10);
    CHECK(nth < 1000);
}

TEST_MAIN_BEGIN
TEST_CASE(reads_integers_as_the_registry_does)
TEST_CASE(reads_strings_multi_strings_and_binary)
TEST_CASE(missing_keyword_fails_as_windows)
TEST_CASE(network_address)
TEST_CASE(writes_are_read_back)
TEST_CASE(sub_keys_by_name_and_index)
TEST_CASE(parse_errors_name_the_file_and_line)
TEST_CASE(file_errors)
TEST_CASE(open_checks_the_header_and_unbound_handles_are_empty)
TEST_CASE(bad_handle_bugchecks)
TEST_CASE(allocation_failure_on_every_path)
TEST_MAIN_END
