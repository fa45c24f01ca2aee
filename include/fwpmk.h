/* SPDX-License-Identifier: MIT */
/*
 * undis <fwpmk.h>: the Windows Filtering Platform's management API for
 * kernel drivers (issue 12, helper compat-c, for npcap's loopback capture):
 * engine sessions and transactions, providers, sublayers, callouts and
 * filters, filter enumeration, the GUIDs of the IP packet layers, of the
 * flags condition and of the universal sublayer, with the WDK's values and
 * prototypes (kernel mode: NTSTATUS results). The GUIDs are DEFINE_GUID
 * declarations (defined where INITGUID is defined first; libundis defines
 * them in src/kernel/unsupported_wfp.c). The functions fail as documented
 * there: undis has no filter engine (docs/compat-functions.txt).
 */
#ifndef UNDIS_SHADOW_FWPMK_H
#define UNDIS_SHADOW_FWPMK_H

#include "ndis.h"
#include "ndis/wfptypes.h"
#include "guiddef.h"

UNDIS_EXTERN_C_BEGIN

#if UNDIS_HAVE_WINNT /* the SDK's RPC_C_AUTHN_* and SEC_WINNT_AUTH_IDENTITY_W */
#    include <rpc.h>
#    define UNDIS_SEC_WINNT_AUTH_IDENTITY_DECLARED 1
#endif
#ifndef RPC_C_AUTHN_NONE
#    define RPC_C_AUTHN_NONE 0
#endif
#ifndef RPC_C_AUTHN_WINNT
#    define RPC_C_AUTHN_WINNT 10
#endif
#ifndef RPC_C_AUTHN_DEFAULT
#    define RPC_C_AUTHN_DEFAULT 0xFFFFFFFFL
#endif

#ifndef UNDIS_SEC_WINNT_AUTH_IDENTITY_DECLARED
#    define UNDIS_SEC_WINNT_AUTH_IDENTITY_DECLARED 1
typedef struct _SEC_WINNT_AUTH_IDENTITY_W {
    USHORT *User;
    ULONG UserLength;
    USHORT *Domain;
    ULONG DomainLength;
    USHORT *Password;
    ULONG PasswordLength;
    ULONG Flags;
} SEC_WINNT_AUTH_IDENTITY_W, *PSEC_WINNT_AUTH_IDENTITY_W;
#endif

/* c86fd1bf-21cd-497e-a0bb-17425c885c58 */
DEFINE_GUID(FWPM_LAYER_INBOUND_IPPACKET_V4,
            0xc86fd1bf,
            0x21cd,
            0x497e,
            0xa0,
            0xbb,
            0x17,
            0x42,
            0x5c,
            0x88,
            0x5c,
            0x58);
/* b5a230d0-a8c0-44f2-916e-991b53ded1f7 */
DEFINE_GUID(FWPM_LAYER_INBOUND_IPPACKET_V4_DISCARD,
            0xb5a230d0,
            0xa8c0,
            0x44f2,
            0x91,
            0x6e,
            0x99,
            0x1b,
            0x53,
            0xde,
            0xd1,
            0xf7);
/* f52032cb-991c-46e7-971d-2601459a91ca */
DEFINE_GUID(FWPM_LAYER_INBOUND_IPPACKET_V6,
            0xf52032cb,
            0x991c,
            0x46e7,
            0x97,
            0x1d,
            0x26,
            0x01,
            0x45,
            0x9a,
            0x91,
            0xca);
/* 632ce23b-5167-435c-86d7-e903684aa80c */
DEFINE_GUID(FWPM_CONDITION_FLAGS,
            0x632ce23b,
            0x5167,
            0x435c,
            0x86,
            0xd7,
            0xe9,
            0x03,
            0x68,
            0x4a,
            0xa8,
            0x0c);
/* eebecc03-ced4-4380-819a-2734397b2b74 */
DEFINE_GUID(FWPM_SUBLAYER_UNIVERSAL,
            0xeebecc03,
            0xced4,
            0x4380,
            0x81,
            0x9a,
            0x27,
            0x34,
            0x39,
            0x7b,
            0x2b,
            0x74);

/*
 * Sessions and transactions. FwpmEngineOpen0: pre: serverName NULL in a
 * kernel driver, session optional; failure (always, no engine):
 * STATUS_NOT_SUPPORTED, *engineHandle NULL. The others take the NULL
 * handle only: STATUS_INVALID_PARAMETER. Each reports once. IRQL: PASSIVE.
 */
NTSTATUS NTAPI FwpmEngineOpen0(const wchar_t *serverName,
                               UINT32 authnService,
                               SEC_WINNT_AUTH_IDENTITY_W *authIdentity,
                               const FWPM_SESSION0 *session,
                               HANDLE *engineHandle);
NTSTATUS NTAPI FwpmEngineClose0(HANDLE engineHandle);
NTSTATUS NTAPI FwpmTransactionBegin0(HANDLE engineHandle, UINT32 flags);
NTSTATUS NTAPI FwpmTransactionCommit0(HANDLE engineHandle);
NTSTATUS NTAPI FwpmTransactionAbort0(HANDLE engineHandle);

/* Objects: STATUS_INVALID_PARAMETER (no engine handle exists), ids 0. */
NTSTATUS NTAPI FwpmProviderAdd0(HANDLE engineHandle,
                                const FWPM_PROVIDER0 *provider,
                                PSECURITY_DESCRIPTOR sd);
NTSTATUS NTAPI FwpmProviderDeleteByKey0(HANDLE engineHandle, const GUID *key);
NTSTATUS NTAPI FwpmSubLayerAdd0(HANDLE engineHandle,
                                const FWPM_SUBLAYER0 *subLayer,
                                PSECURITY_DESCRIPTOR sd);
NTSTATUS NTAPI FwpmSubLayerDeleteByKey0(HANDLE engineHandle, const GUID *key);
NTSTATUS NTAPI FwpmCalloutAdd0(HANDLE engineHandle,
                               const FWPM_CALLOUT0 *callout,
                               PSECURITY_DESCRIPTOR sd,
                               UINT32 *id);
NTSTATUS NTAPI FwpmCalloutDeleteByKey0(HANDLE engineHandle, const GUID *key);
NTSTATUS NTAPI FwpmFilterAdd0(HANDLE engineHandle,
                              const FWPM_FILTER0 *filter,
                              PSECURITY_DESCRIPTOR sd,
                              UINT64 *id);
NTSTATUS NTAPI FwpmFilterDeleteByKey0(HANDLE engineHandle, const GUID *key);
NTSTATUS NTAPI FwpmFilterDeleteById0(HANDLE engineHandle, UINT64 id);
/* Enumeration: *enumHandle NULL, *entries NULL, *numEntriesReturned 0. */
NTSTATUS NTAPI FwpmFilterCreateEnumHandle0(HANDLE engineHandle,
                                           const FWPM_FILTER_ENUM_TEMPLATE0 *enumTemplate,
                                           HANDLE *enumHandle);
NTSTATUS NTAPI FwpmFilterEnum0(HANDLE engineHandle,
                               HANDLE enumHandle,
                               UINT32 numEntriesRequested,
                               FWPM_FILTER0 ***entries,
                               UINT32 *numEntriesReturned);
NTSTATUS NTAPI FwpmFilterDestroyEnumHandle0(HANDLE engineHandle, HANDLE enumHandle);
/* Frees what the engine returned (never anything here): *p set to NULL. */
void NTAPI FwpmFreeMemory0(void **p);

#define FwpmEngineOpen              FwpmEngineOpen0
#define FwpmEngineClose             FwpmEngineClose0
#define FwpmTransactionBegin        FwpmTransactionBegin0
#define FwpmTransactionCommit       FwpmTransactionCommit0
#define FwpmTransactionAbort        FwpmTransactionAbort0
#define FwpmProviderAdd             FwpmProviderAdd0
#define FwpmProviderDeleteByKey     FwpmProviderDeleteByKey0
#define FwpmSubLayerAdd             FwpmSubLayerAdd0
#define FwpmSubLayerDeleteByKey     FwpmSubLayerDeleteByKey0
#define FwpmCalloutAdd              FwpmCalloutAdd0
#define FwpmCalloutDeleteByKey      FwpmCalloutDeleteByKey0
#define FwpmFilterAdd               FwpmFilterAdd0
#define FwpmFilterDeleteByKey       FwpmFilterDeleteByKey0
#define FwpmFilterDeleteById        FwpmFilterDeleteById0
#define FwpmFilterCreateEnumHandle  FwpmFilterCreateEnumHandle0
#define FwpmFilterEnum              FwpmFilterEnum0
#define FwpmFilterDestroyEnumHandle FwpmFilterDestroyEnumHandle0
#define FwpmFreeMemory              FwpmFreeMemory0

UNDIS_EXTERN_C_END

#endif /* UNDIS_SHADOW_FWPMK_H */
