/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/wfptypes.h>: the Windows Filtering Platform's shared types
 * as kernel callout drivers see them through <fwpsk.h> and <fwpmk.h>
 * (fwptypes.h and fwpmtypes.h in the WDK; issue 12, helper compat-c, for
 * npcap's loopback capture): data types and values (FWP_VALUE0,
 * FWP_CONDITION_VALUE0), actions, match types, condition and callout flags,
 * and the management objects a driver adds (FWPM_SESSION0, FWPM_PROVIDER0,
 * FWPM_SUBLAYER0, FWPM_CALLOUT0, FWPM_FILTER0 with its conditions and enum
 * template), with the WDK's layouts on x64 and x86 and its values.
 * Provider contexts are declared as incomplete types: a callout reads them
 * only through pointers the engine gives, and undis has no engine.
 */
#ifndef UNDIS_NDIS_WFPTYPES_H
#define UNDIS_NDIS_WFPTYPES_H

#include "types.h"

UNDIS_EXTERN_C_BEGIN

typedef UINT32 FWP_ACTION_TYPE;

#define FWP_ACTION_FLAG_TERMINATING     0x00001000U
#define FWP_ACTION_FLAG_NON_TERMINATING 0x00002000U
#define FWP_ACTION_FLAG_CALLOUT         0x00004000U
#define FWP_ACTION_BLOCK                (0x1U | FWP_ACTION_FLAG_TERMINATING)
#define FWP_ACTION_PERMIT               (0x2U | FWP_ACTION_FLAG_TERMINATING)
#define FWP_ACTION_CALLOUT_TERMINATING \
    (0x3U | FWP_ACTION_FLAG_CALLOUT | FWP_ACTION_FLAG_TERMINATING)
#define FWP_ACTION_CALLOUT_INSPECTION \
    (0x4U | FWP_ACTION_FLAG_CALLOUT | FWP_ACTION_FLAG_NON_TERMINATING)
#define FWP_ACTION_CALLOUT_UNKNOWN (0x5U | FWP_ACTION_FLAG_CALLOUT)
#define FWP_ACTION_CONTINUE        (0x6U | FWP_ACTION_FLAG_NON_TERMINATING)
#define FWP_ACTION_NONE            0x7U
#define FWP_ACTION_NONE_NO_MATCH   0x8U

#define FWP_CONDITION_FLAG_IS_LOOPBACK              0x00000001U
#define FWP_CONDITION_FLAG_IS_IPSEC_SECURED         0x00000002U
#define FWP_CONDITION_FLAG_IS_REAUTHORIZE           0x00000004U
#define FWP_CONDITION_FLAG_IS_WILDCARD_BIND         0x00000008U
#define FWP_CONDITION_FLAG_IS_RAW_ENDPOINT          0x00000010U
#define FWP_CONDITION_FLAG_IS_FRAGMENT              0x00000020U
#define FWP_CONDITION_FLAG_IS_FRAGMENT_GROUP        0x00000040U
#define FWP_CONDITION_FLAG_IS_IPSEC_NATT_RECLASSIFY 0x00000080U
#define FWP_CONDITION_FLAG_REQUIRES_ALE_CLASSIFY    0x00000100U
#define FWP_CONDITION_FLAG_IS_IMPLICIT_BIND         0x00000200U
#define FWP_CONDITION_FLAG_IS_REASSEMBLED           0x00000400U
#define FWP_CONDITION_FLAG_IS_NAME_APP_SPECIFIED    0x00004000U
#define FWP_CONDITION_FLAG_IS_PROMISCUOUS           0x00008000U
#define FWP_CONDITION_FLAG_IS_AUTH_FW               0x00010000U
#define FWP_CONDITION_FLAG_IS_RECLASSIFY            0x00020000U
#define FWP_CONDITION_FLAG_IS_OUTBOUND_PASS_THRU    0x00040000U
#define FWP_CONDITION_FLAG_IS_INBOUND_PASS_THRU     0x00080000U
#define FWP_CONDITION_FLAG_IS_CONNECTION_REDIRECTED 0x00100000U

#define FWP_CALLOUT_FLAG_CONDITIONAL_ON_FLOW         0x00000001U
#define FWP_CALLOUT_FLAG_ALLOW_OFFLOAD               0x00000002U
#define FWP_CALLOUT_FLAG_ENABLE_COMMIT_ADD_NOTIFY    0x00000004U
#define FWP_CALLOUT_FLAG_ALLOW_MID_STREAM_INSPECTION 0x00000008U
#define FWP_CALLOUT_FLAG_ALLOW_RECLASSIFY            0x00000010U
#define FWP_CALLOUT_FLAG_RESERVED1                   0x00000020U
#define FWP_CALLOUT_FLAG_ALLOW_RSC                   0x00000040U
#define FWP_CALLOUT_FLAG_ALLOW_L2_BATCH_CLASSIFY     0x00000080U
#define FWP_CALLOUT_FLAG_ALLOW_USO                   0x00000100U
#define FWP_CALLOUT_FLAG_ALLOW_URO                   0x00000200U

typedef enum FWP_DIRECTION_ {
    FWP_DIRECTION_OUTBOUND = 0,
    FWP_DIRECTION_INBOUND = 1,
    FWP_DIRECTION_MAX = 2
} FWP_DIRECTION;

typedef enum FWP_IP_VERSION_ {
    FWP_IP_VERSION_V4 = 0,
    FWP_IP_VERSION_V6 = 1,
    FWP_IP_VERSION_NONE = 2,
    FWP_IP_VERSION_MAX = 3
} FWP_IP_VERSION;

typedef enum FWP_DATA_TYPE_ {
    FWP_EMPTY = 0,
    FWP_UINT8 = 1,
    FWP_UINT16 = 2,
    FWP_UINT32 = 3,
    FWP_UINT64 = 4,
    FWP_INT8 = 5,
    FWP_INT16 = 6,
    FWP_INT32 = 7,
    FWP_INT64 = 8,
    FWP_FLOAT = 9,
    FWP_DOUBLE = 10,
    FWP_BYTE_ARRAY16_TYPE = 11,
    FWP_BYTE_BLOB_TYPE = 12,
    FWP_SID = 13,
    FWP_SECURITY_DESCRIPTOR_TYPE = 14,
    FWP_TOKEN_INFORMATION_TYPE = 15,
    FWP_TOKEN_ACCESS_INFORMATION_TYPE = 16,
    FWP_UNICODE_STRING_TYPE = 17,
    FWP_BYTE_ARRAY6_TYPE = 18,
    FWP_SINGLE_DATA_TYPE_MAX = 0xff,
    FWP_V4_ADDR_MASK = 0x100,
    FWP_V6_ADDR_MASK = 0x101,
    FWP_RANGE_TYPE = 0x102,
    FWP_DATA_TYPE_MAX = 0x103
} FWP_DATA_TYPE;

typedef enum FWP_MATCH_TYPE_ {
    FWP_MATCH_EQUAL = 0,
    FWP_MATCH_GREATER = 1,
    FWP_MATCH_LESS = 2,
    FWP_MATCH_GREATER_OR_EQUAL = 3,
    FWP_MATCH_LESS_OR_EQUAL = 4,
    FWP_MATCH_RANGE = 5,
    FWP_MATCH_FLAGS_ALL_SET = 6,
    FWP_MATCH_FLAGS_ANY_SET = 7,
    FWP_MATCH_FLAGS_NONE_SET = 8,
    FWP_MATCH_EQUAL_CASE_INSENSITIVE = 9,
    FWP_MATCH_NOT_EQUAL = 10,
    FWP_MATCH_TYPE_MAX = 11
} FWP_MATCH_TYPE;

typedef enum FWP_FILTER_ENUM_TYPE_ {
    FWP_FILTER_ENUM_FULLY_CONTAINED = 0,
    FWP_FILTER_ENUM_OVERLAPPING = 1,
    FWP_FILTER_ENUM_TYPE_MAX = 2
} FWP_FILTER_ENUM_TYPE;

typedef struct FWP_BYTE_ARRAY6_ {
    UINT8 byteArray6[6];
} FWP_BYTE_ARRAY6;

typedef struct FWP_BYTE_ARRAY16_ {
    UINT8 byteArray16[16];
} FWP_BYTE_ARRAY16;

typedef struct FWP_BYTE_BLOB_ {
    UINT32 size;
    UINT8 *data;
} FWP_BYTE_BLOB;

typedef struct FWP_TOKEN_INFORMATION_ {
    ULONG sidCount;
    void *sids;
    ULONG restrictedSidCount;
    void *restrictedSids;
} FWP_TOKEN_INFORMATION;

typedef struct FWP_V4_ADDR_AND_MASK_ {
    UINT32 addr;
    UINT32 mask;
} FWP_V4_ADDR_AND_MASK;

typedef struct FWP_V6_ADDR_AND_MASK_ {
    UINT8 addr[16];
    UINT8 prefixLength;
} FWP_V6_ADDR_AND_MASK;

typedef struct FWP_VALUE0_ {
    FWP_DATA_TYPE type;
    union {
        UINT8 uint8;
        UINT16 uint16;
        UINT32 uint32;
        UINT64 *uint64;
        INT8 int8;
        INT16 int16;
        INT32 int32;
        INT64 *int64;
        float float32;
        double *double64;
        FWP_BYTE_ARRAY16 *byteArray16;
        FWP_BYTE_BLOB *byteBlob;
        void *sid;
        FWP_BYTE_BLOB *sd;
        FWP_TOKEN_INFORMATION *tokenInformation;
        FWP_BYTE_BLOB *tokenAccessInformation;
        WCHAR *unicodeString;
        FWP_BYTE_ARRAY6 *byteArray6;
    };
} FWP_VALUE0;

typedef struct FWP_RANGE0_ {
    FWP_VALUE0 valueLow;
    FWP_VALUE0 valueHigh;
} FWP_RANGE0;

typedef struct FWP_CONDITION_VALUE0_ {
    FWP_DATA_TYPE type;
    union {
        UINT8 uint8;
        UINT16 uint16;
        UINT32 uint32;
        UINT64 *uint64;
        INT8 int8;
        INT16 int16;
        INT32 int32;
        INT64 *int64;
        float float32;
        double *double64;
        FWP_BYTE_ARRAY16 *byteArray16;
        FWP_BYTE_BLOB *byteBlob;
        void *sid;
        FWP_BYTE_BLOB *sd;
        FWP_TOKEN_INFORMATION *tokenInformation;
        FWP_BYTE_BLOB *tokenAccessInformation;
        WCHAR *unicodeString;
        FWP_BYTE_ARRAY6 *byteArray6;
        FWP_V4_ADDR_AND_MASK *v4AddrMask;
        FWP_V6_ADDR_AND_MASK *v6AddrMask;
        FWP_RANGE0 *rangeValue;
    };
} FWP_CONDITION_VALUE0;

/* Management objects (fwpmtypes.h). */
typedef struct FWPM_DISPLAY_DATA0_ {
    WCHAR *name;
    WCHAR *description;
} FWPM_DISPLAY_DATA0;

typedef struct FWPM_SESSION0_ {
    GUID sessionKey;
    FWPM_DISPLAY_DATA0 displayData;
    UINT32 flags;
    UINT32 txnWaitTimeoutInMSec;
    DWORD processId;
    void *sid;
    WCHAR *username;
    BOOL kernelMode;
} FWPM_SESSION0;

#define FWPM_SESSION_FLAG_DYNAMIC 0x00000001U

typedef struct FWPM_PROVIDER0_ {
    GUID providerKey;
    FWPM_DISPLAY_DATA0 displayData;
    UINT32 flags;
    FWP_BYTE_BLOB providerData;
    WCHAR *serviceName;
} FWPM_PROVIDER0;

#define FWPM_PROVIDER_FLAG_PERSISTENT 0x00000001U

typedef struct FWPM_SUBLAYER0_ {
    GUID subLayerKey;
    FWPM_DISPLAY_DATA0 displayData;
    UINT16 flags;
    GUID *providerKey;
    FWP_BYTE_BLOB providerData;
    UINT16 weight;
} FWPM_SUBLAYER0;

#define FWPM_SUBLAYER_FLAG_PERSISTENT 0x00000001U

typedef struct FWPM_CALLOUT0_ {
    GUID calloutKey;
    FWPM_DISPLAY_DATA0 displayData;
    UINT32 flags;
    GUID *providerKey;
    FWP_BYTE_BLOB providerData;
    GUID applicableLayer;
    UINT32 calloutId;
} FWPM_CALLOUT0;

#define FWPM_CALLOUT_FLAG_PERSISTENT            0x00010000U
#define FWPM_CALLOUT_FLAG_USES_PROVIDER_CONTEXT 0x00020000U

typedef struct FWPM_ACTION0_ {
    FWP_ACTION_TYPE type;
    union {
        GUID filterType;
        GUID calloutKey;
    };
} FWPM_ACTION0;

typedef struct FWPM_FILTER_CONDITION0_ {
    GUID fieldKey;
    FWP_MATCH_TYPE matchType;
    FWP_CONDITION_VALUE0 conditionValue;
} FWPM_FILTER_CONDITION0;

typedef struct FWPM_FILTER0_ {
    GUID filterKey;
    FWPM_DISPLAY_DATA0 displayData;
    UINT32 flags;
    GUID *providerKey;
    FWP_BYTE_BLOB providerData;
    GUID layerKey;
    GUID subLayerKey;
    FWP_VALUE0 weight;
    UINT32 numFilterConditions;
    FWPM_FILTER_CONDITION0 *filterCondition;
    FWPM_ACTION0 action;
    union {
        UINT64 rawContext;
        GUID providerContextKey;
    };
    GUID *reserved;
    UINT64 filterId;
    FWP_VALUE0 effectiveWeight;
} FWPM_FILTER0;

#define FWPM_FILTER_FLAG_NONE                           0x00000000U
#define FWPM_FILTER_FLAG_PERSISTENT                     0x00000001U
#define FWPM_FILTER_FLAG_BOOTTIME                       0x00000002U
#define FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT           0x00000004U
#define FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT             0x00000008U
#define FWPM_FILTER_FLAG_PERMIT_IF_CALLOUT_UNREGISTERED 0x00000010U
#define FWPM_FILTER_FLAG_DISABLED                       0x00000020U

typedef struct FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0_ FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0;

typedef struct FWPM_FILTER_ENUM_TEMPLATE0_ {
    GUID *providerKey;
    GUID layerKey;
    FWP_FILTER_ENUM_TYPE enumType;
    UINT32 flags;
    FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0 *providerContextTemplate;
    UINT32 numFilterConditions;
    FWPM_FILTER_CONDITION0 *filterCondition;
    UINT32 actionMask;
    GUID *calloutKey;
} FWPM_FILTER_ENUM_TEMPLATE0;

/* Provider contexts: only ever reached through the engine's pointers. */
typedef struct FWPM_PROVIDER_CONTEXT0_ FWPM_PROVIDER_CONTEXT0;
typedef struct FWPM_PROVIDER_CONTEXT1_ FWPM_PROVIDER_CONTEXT1;
typedef struct FWPM_PROVIDER_CONTEXT2_ FWPM_PROVIDER_CONTEXT2;

#define FWPM_DISPLAY_DATA         FWPM_DISPLAY_DATA0
#define FWPM_SESSION              FWPM_SESSION0
#define FWPM_PROVIDER             FWPM_PROVIDER0
#define FWPM_SUBLAYER             FWPM_SUBLAYER0
#define FWPM_CALLOUT              FWPM_CALLOUT0
#define FWPM_ACTION               FWPM_ACTION0
#define FWPM_FILTER_CONDITION     FWPM_FILTER_CONDITION0
#define FWPM_FILTER               FWPM_FILTER0
#define FWPM_FILTER_ENUM_TEMPLATE FWPM_FILTER_ENUM_TEMPLATE0
#define FWP_VALUE                 FWP_VALUE0
#define FWP_CONDITION_VALUE       FWP_CONDITION_VALUE0
#define FWP_RANGE                 FWP_RANGE0

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_WFPTYPES_H */
