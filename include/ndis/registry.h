/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/registry.h>: object attributes, the Zw registry routines and
 * the OS version check, as wdm.h declares them, for driver code that reads
 * its own parameters or the Windows version (DriverEntry of tap-windows6,
 * wintun). undis has no registry and runs on no Windows version: ZwOpenKey
 * and ZwQueryValueKey fail (STATUS_NOT_SUPPORTED) and report themselves
 * once, ZwClose closes only system-thread handles (rt_thread.c),
 * RtlVerifyVersionInfo answers STATUS_REVISION_MISMATCH and reports once. VerSetConditionMask works
 * (it only packs bits). On Windows builds <windows.h> already has the winnt.h names.
 */
#ifndef UNDIS_NDIS_REGISTRY_H
#define UNDIS_NDIS_REGISTRY_H

#include "compiler.h"
#include "types.h"
#include "rtlstring.h"

UNDIS_EXTERN_C_BEGIN
UNDIS_CXX_EXTENSIONS_BEGIN

#if !UNDIS_HAVE_WINNT
typedef ULONG ACCESS_MASK, *PACCESS_MASK;

#    define DELETE                 0x00010000U
#    define READ_CONTROL           0x00020000U
#    define SYNCHRONIZE            0x00100000U
#    define STANDARD_RIGHTS_READ   READ_CONTROL
#    define STANDARD_RIGHTS_WRITE  READ_CONTROL
#    define STANDARD_RIGHTS_ALL    0x001F0000U
#    define KEY_QUERY_VALUE        0x0001U
#    define KEY_SET_VALUE          0x0002U
#    define KEY_CREATE_SUB_KEY     0x0004U
#    define KEY_ENUMERATE_SUB_KEYS 0x0008U
#    define KEY_NOTIFY             0x0010U
#    define KEY_CREATE_LINK        0x0020U
#    define KEY_READ               0x00020019U
#    define KEY_WRITE              0x00020006U
#    define KEY_ALL_ACCESS         0x000F003FU

typedef CHAR *LPSTR;
typedef const CHAR *LPCSTR;
typedef WCHAR *LPWSTR;
typedef const WCHAR *LPCWSTR;
#    ifdef UNICODE
typedef LPWSTR LPTSTR;
#    else
typedef LPSTR LPTSTR;
#    endif

/* RTL_OSVERSIONINFOEXW and the VER_* masks of RtlVerifyVersionInfo. */
typedef struct _OSVERSIONINFOEXW {
    ULONG dwOSVersionInfoSize;
    ULONG dwMajorVersion;
    ULONG dwMinorVersion;
    ULONG dwBuildNumber;
    ULONG dwPlatformId;
    WCHAR szCSDVersion[128];
    USHORT wServicePackMajor;
    USHORT wServicePackMinor;
    USHORT wSuiteMask;
    UCHAR wProductType;
    UCHAR wReserved;
} OSVERSIONINFOEXW, *POSVERSIONINFOEXW, RTL_OSVERSIONINFOEXW, *PRTL_OSVERSIONINFOEXW;

#    define VER_EQUAL                       1
#    define VER_GREATER                     2
#    define VER_GREATER_EQUAL               3
#    define VER_LESS                        4
#    define VER_LESS_EQUAL                  5
#    define VER_AND                         6
#    define VER_OR                          7
#    define VER_CONDITION_MASK              7
#    define VER_NUM_BITS_PER_CONDITION_MASK 3
#    define VER_MINORVERSION                0x0000001
#    define VER_MAJORVERSION                0x0000002
#    define VER_BUILDNUMBER                 0x0000004
#    define VER_PLATFORMID                  0x0000008
#    define VER_SERVICEPACKMINOR            0x0000010
#    define VER_SERVICEPACKMAJOR            0x0000020
#    define VER_SUITENAME                   0x0000040
#    define VER_PRODUCT_TYPE                0x0000080

/* For each VER_* bit of TypeMask, sets that field's 3-bit condition in
 * ConditionMask to Condition (VER_EQUAL .. VER_OR) and returns it. Pure. */
ULONGLONG NTAPI VerSetConditionMask(_In_ ULONGLONG ConditionMask,
                                    _In_ ULONG TypeMask,
                                    _In_ UCHAR Condition);
#    define VER_SET_CONDITION(_m_, _t_, _c_) ((_m_) = VerSetConditionMask((_m_), (_t_), (_c_)))
#endif /* !UNDIS_HAVE_WINNT */

/* Compares VersionInfo's fields named by TypeMask with the running Windows
 * version. undis runs on none: STATUS_REVISION_MISMATCH, reported once. */
NTSTATUS NTAPI RtlVerifyVersionInfo(_In_ PRTL_OSVERSIONINFOEXW VersionInfo,
                                    _In_ ULONG TypeMask,
                                    _In_ ULONGLONG ConditionMask);

/* ---- object attributes -------------------------------------------------- */

#ifndef OBJ_KERNEL_HANDLE
#    define OBJ_INHERIT            0x00000002L
#    define OBJ_PERMANENT          0x00000010L
#    define OBJ_EXCLUSIVE          0x00000020L
#    define OBJ_CASE_INSENSITIVE   0x00000040L
#    define OBJ_OPENIF             0x00000080L
#    define OBJ_OPENLINK           0x00000100L
#    define OBJ_KERNEL_HANDLE      0x00000200L
#    define OBJ_FORCE_ACCESS_CHECK 0x00000400L
#    define OBJ_VALID_ATTRIBUTES   0x000007F2L

typedef struct _OBJECT_ATTRIBUTES {
    ULONG Length;
    HANDLE RootDirectory;
    PUNICODE_STRING ObjectName;
    ULONG Attributes;
    PVOID SecurityDescriptor;
    PVOID SecurityQualityOfService;
} OBJECT_ATTRIBUTES, *POBJECT_ATTRIBUTES;
typedef const OBJECT_ATTRIBUTES *PCOBJECT_ATTRIBUTES;

/* Fills *p; one statement. */
#    define InitializeObjectAttributes(p, n, a, r, s)       \
        do {                                                \
            (p)->Length = (ULONG)sizeof(OBJECT_ATTRIBUTES); \
            (p)->RootDirectory = (r);                       \
            (p)->Attributes = (ULONG)(a);                   \
            (p)->ObjectName = (n);                          \
            (p)->SecurityDescriptor = (s);                  \
            (p)->SecurityQualityOfService = NULL;           \
        } while (0)
#endif

/* ---- registry keys ------------------------------------------------------ */

typedef enum _KEY_VALUE_INFORMATION_CLASS {
    KeyValueBasicInformation,
    KeyValueFullInformation,
    KeyValuePartialInformation,
    KeyValueFullInformationAlign64,
    KeyValuePartialInformationAlign64,
    KeyValueLayerInformation,
    MaxKeyValueInfoClass
} KEY_VALUE_INFORMATION_CLASS;

typedef struct _KEY_VALUE_PARTIAL_INFORMATION {
    ULONG TitleIndex;
    ULONG Type;
    ULONG DataLength;
    UCHAR Data[1];
} KEY_VALUE_PARTIAL_INFORMATION, *PKEY_VALUE_PARTIAL_INFORMATION;

/* undis has no registry: *KeyHandle NULL, STATUS_NOT_SUPPORTED. PASSIVE_LEVEL. */
NTSTATUS NTAPI ZwOpenKey(_Out_ PHANDLE KeyHandle,
                         _In_ ACCESS_MASK DesiredAccess,
                         _In_ POBJECT_ATTRIBUTES ObjectAttributes);
/* undis has no registry: *ResultLength 0, STATUS_NOT_SUPPORTED. */
NTSTATUS NTAPI ZwQueryValueKey(_In_ HANDLE KeyHandle,
                               _In_ PUNICODE_STRING ValueName,
                               _In_ KEY_VALUE_INFORMATION_CLASS KeyValueInformationClass,
                               _Out_writes_bytes_opt_(Length) PVOID KeyValueInformation,
                               _In_ ULONG Length,
                               _Out_ PULONG ResultLength);
/* Closes a kernel handle (a system thread's: src/kernel/rt_thread.c);
 * anything else STATUS_INVALID_HANDLE. PASSIVE_LEVEL. */
NTSTATUS NTAPI ZwClose(_In_ HANDLE Handle);

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_REGISTRY_H */
