/* SPDX-License-Identifier: MIT */
/*
 * test_unsupported_wfp: the Windows Filtering Platform families issue 12's
 * third header round added (helper compat-c, for npcap): the callout and
 * injection calls of <fwpsk.h> (unsupported_wfp.c) and the engine
 * management calls of <fwpmk.h> (unsupported_wfpm.c). Each case calls the
 * family's functions as npcap does, checks the failure their documentation
 * allows (status, out-parameters cleared), that the report hook saw exactly
 * one NOT_SUPPORTED_IN_USER_MODE notice naming the function, and that a
 * second call reports nothing more. The GUIDs libundis defines for
 * <fwpmk.h> carry the WDK's values.
 */
#include <ndis.h>
#include <fwpsk.h>
#include <fwpmk.h>
#include <undis/report.h>

#include "test.h"

#include "support/unsupported_watch.h"

static HANDLE const k_junk = (HANDLE)(ULONG_PTR)0x5a5a;

static void
callout_registration_fails(void)
{
    FWPS_CALLOUT callout;
    UINT32 id = 77;
    memset(&callout, 0, sizeof(callout));
    watch();
    CHECK_EQ_INT((int)FwpsCalloutRegister(NULL, &callout, &id), (int)STATUS_NOT_SUPPORTED);
    CHECK_EQ_INT((int)id, 0);
    check_reported_once("FwpsCalloutRegister2");
    id = 77;
    CHECK_EQ_INT((int)FwpsCalloutRegister(NULL, &callout, &id), (int)STATUS_NOT_SUPPORTED);
    CHECK_EQ_INT((int)id, 0);
    CHECK_EQ_INT(g_seen.count, 1); /* once per process */
    watch();
    CHECK_EQ_INT((int)FwpsCalloutUnregisterById(0), (int)STATUS_FWP_CALLOUT_NOT_FOUND);
    check_reported_once("FwpsCalloutUnregisterById0");
}

static void
injection_fails(void)
{
    HANDLE inject = k_junk;
    HANDLE context = k_junk;
    NET_BUFFER_LIST *nbl = (NET_BUFFER_LIST *)k_junk;
    watch();
    CHECK_EQ_INT((int)FwpsInjectionHandleCreate(AF_INET, FWPS_INJECTION_TYPE_NETWORK, &inject),
                 (int)STATUS_NOT_SUPPORTED);
    CHECK(inject == NULL);
    check_reported_once("FwpsInjectionHandleCreate0");
    watch();
    CHECK_EQ_INT((int)FwpsQueryPacketInjectionState(inject, NULL, &context),
                 (int)FWPS_PACKET_NOT_INJECTED);
    CHECK(context == NULL);
    check_reported_once("FwpsQueryPacketInjectionState0");
    watch();
    CHECK_EQ_INT((int)FwpsAllocateNetBufferAndNetBufferList(NULL, 0, 0, NULL, 0, 0, &nbl),
                 (int)STATUS_NOT_SUPPORTED);
    CHECK(nbl == NULL);
    check_reported_once("FwpsAllocateNetBufferAndNetBufferList0");
    watch();
    CHECK_EQ_INT((int)FwpsInjectNetworkSendAsync(inject, NULL, 0, UNSPECIFIED_COMPARTMENT_ID, nbl,
                                                 NULL, NULL),
                 (int)STATUS_INVALID_PARAMETER);
    check_reported_once("FwpsInjectNetworkSendAsync0");
    watch();
    FwpsFreeNetBufferList(nbl);
    check_reported_once("FwpsFreeNetBufferList0");
    watch();
    CHECK_EQ_INT((int)FwpsInjectionHandleDestroy(inject), (int)STATUS_INVALID_PARAMETER);
    check_reported_once("FwpsInjectionHandleDestroy0");
}

TEST(wfp_callouts_and_injection_fail)
{
    callout_registration_fails();
    injection_fails();
    undis_report_set_hook(NULL, NULL);
}

static void
check_guid(const GUID *g, ULONG data1, USHORT data2, UCHAR last)
{
    CHECK_EQ_INT((int)(g->Data1 == data1), 1);
    CHECK_EQ_INT((int)g->Data2, (int)data2);
    CHECK_EQ_INT((int)g->Data4[7], (int)last);
}

TEST(wfp_engine_management_fails)
{
    FWPM_SESSION session;
    FWPM_FILTER_ENUM_TEMPLATE tmpl;
    FWPM_FILTER **entries = (FWPM_FILTER **)k_junk;
    HANDLE engine = k_junk;
    HANDLE enumeration = k_junk;
    UINT32 returned = 9;
    UINT64 filter_id = 9;
    memset(&session, 0, sizeof(session));
    memset(&tmpl, 0, sizeof(tmpl));
    watch();
    CHECK_EQ_INT((int)FwpmEngineOpen(NULL, RPC_C_AUTHN_WINNT, NULL, &session, &engine),
                 (int)STATUS_NOT_SUPPORTED);
    CHECK(engine == NULL);
    check_reported_once("FwpmEngineOpen0");
    watch();
    CHECK_EQ_INT((int)FwpmFilterAdd(engine, NULL, NULL, &filter_id), (int)STATUS_INVALID_PARAMETER);
    CHECK(filter_id == 0);
    check_reported_once("FwpmFilterAdd0");
    watch();
    CHECK_EQ_INT((int)FwpmFilterCreateEnumHandle(engine, &tmpl, &enumeration),
                 (int)STATUS_INVALID_PARAMETER);
    CHECK(enumeration == NULL);
    check_reported_once("FwpmFilterCreateEnumHandle0");
    watch();
    CHECK_EQ_INT((int)FwpmFilterEnum(engine, enumeration, 4, &entries, &returned),
                 (int)STATUS_INVALID_PARAMETER);
    CHECK(entries == NULL);
    CHECK_EQ_INT((int)returned, 0);
    check_reported_once("FwpmFilterEnum0");
    watch();
    entries = (FWPM_FILTER **)k_junk;
    FwpmFreeMemory((void **)&entries);
    CHECK(entries == NULL);
    check_reported_once("FwpmFreeMemory0");
    watch();
    CHECK_EQ_INT((int)FwpmEngineClose(engine), (int)STATUS_INVALID_PARAMETER);
    check_reported_once("FwpmEngineClose0");
    check_guid(&FWPM_LAYER_INBOUND_IPPACKET_V4, 0xc86fd1bfU, 0x21cd, 0x58);
    check_guid(&FWPM_LAYER_INBOUND_IPPACKET_V6, 0xf52032cbU, 0x991c, 0xca);
    check_guid(&FWPM_CONDITION_FLAGS, 0x632ce23bU, 0x5167, 0x0c);
    check_guid(&FWPM_SUBLAYER_UNIVERSAL, 0xeebecc03U, 0xced4, 0x74);
    undis_report_set_hook(NULL, NULL);
}

TEST_MAIN_BEGIN
TEST_CASE(wfp_callouts_and_injection_fail)
TEST_CASE(wfp_engine_management_fails)
TEST_MAIN_END
