/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/config.h>: the NDIS services around a driver's control path
 * (ndis.h, wdm.h): configuration (NdisOpenConfigurationEx,
 * NdisReadConfiguration, NDIS_CONFIGURATION_PARAMETER, ...), timer objects
 * (NDIS_TIMER_CHARACTERISTICS, NdisAllocateTimerObject, ...), I/O work
 * items, the NDIS 5 work item, and KMUTEX with NDIS_MUTEX and its macros,
 * with the WDK's names, layouts and prototypes. The functions are provided
 * by the driver host; without it they are unsupported
 * (docs/compat-functions.txt).
 */
#ifndef UNDIS_NDIS_CONFIG_H
#define UNDIS_NDIS_CONFIG_H

#include "version.h"
#include "compiler.h"
#include "types.h"
#include "undis_assert.h"
#include "status.h"
#include "objectheader.h"
#include "rtlstring.h"
#include "kernel.h"
#include "mdl.h"

UNDIS_EXTERN_C_BEGIN
UNDIS_CXX_EXTENSIONS_BEGIN

/* ---- configuration (the driver's registry keys) -------------------------- */

typedef enum _NDIS_PARAMETER_TYPE {
    NdisParameterInteger,
    NdisParameterHexInteger,
    NdisParameterString,
    NdisParameterMultiString,
    NdisParameterBinary
} NDIS_PARAMETER_TYPE,
    *PNDIS_PARAMETER_TYPE;

typedef struct {
    USHORT Length;
    _Field_size_bytes_(Length) PVOID Buffer;
} BINARY_DATA;

typedef struct _NDIS_CONFIGURATION_PARAMETER {
    NDIS_PARAMETER_TYPE ParameterType;
    union {
        ULONG IntegerData;
        NDIS_STRING StringData;
        BINARY_DATA BinaryData;
    } ParameterData;
} NDIS_CONFIGURATION_PARAMETER, *PNDIS_CONFIGURATION_PARAMETER;

#define NDIS_CONFIGURATION_OBJECT_REVISION_1           1
#define NDIS_CONFIG_FLAG_FILTER_INSTANCE_CONFIGURATION 0x00000001

typedef struct _NDIS_CONFIGURATION_OBJECT {
    NDIS_OBJECT_HEADER Header;
    NDIS_HANDLE NdisHandle;
    ULONG Flags;
} NDIS_CONFIGURATION_OBJECT, *PNDIS_CONFIGURATION_OBJECT;

#define NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_CONFIGURATION_OBJECT, Flags)

_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisOpenConfigurationEx(_In_ PNDIS_CONFIGURATION_OBJECT ConfigObject,
                            _Out_ PNDIS_HANDLE ConfigurationHandle);
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisCloseConfiguration(_In_ __drv_freesMem(mem) NDIS_HANDLE ConfigurationHandle);
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisReadConfiguration(_Out_ PNDIS_STATUS Status,
                          _Out_ PNDIS_CONFIGURATION_PARAMETER *ParameterValue,
                          _In_ NDIS_HANDLE ConfigurationHandle,
                          _In_ PNDIS_STRING Keyword,
                          _In_ NDIS_PARAMETER_TYPE ParameterType);
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisWriteConfiguration(_Out_ PNDIS_STATUS Status,
                           _In_ NDIS_HANDLE ConfigurationHandle,
                           _In_ PNDIS_STRING Keyword,
                           _In_ PNDIS_CONFIGURATION_PARAMETER ParameterValue);
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisReadNetworkAddress(_Out_ PNDIS_STATUS Status,
                           _Outptr_result_bytebuffer_to_(*NetworkAddressLength,
                                                         *NetworkAddressLength)
                               PVOID *NetworkAddress,
                           _Out_ PUINT NetworkAddressLength,
                           _In_ NDIS_HANDLE ConfigurationHandle);
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisOpenConfigurationKeyByName(_Out_ PNDIS_STATUS Status,
                                   _In_ NDIS_HANDLE ConfigurationHandle,
                                   _In_ PNDIS_STRING SubKeyName,
                                   _Out_ PNDIS_HANDLE SubKeyHandle);
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisOpenConfigurationKeyByIndex(_Out_ PNDIS_STATUS Status,
                                    _In_ NDIS_HANDLE ConfigurationHandle,
                                    _In_ ULONG Index,
                                    _Out_ PNDIS_STRING KeyName,
                                    _Out_ PNDIS_HANDLE KeyHandle);

/* ---- timers --------------------------------------------------------------- */

typedef _IRQL_requires_(DISPATCH_LEVEL) _Function_class_(NDIS_TIMER_FUNCTION) VOID
    NDIS_TIMER_FUNCTION(_In_ PVOID SystemSpecific1,
                        _In_ PVOID FunctionContext,
                        _In_ PVOID SystemSpecific2,
                        _In_ PVOID SystemSpecific3);

typedef NDIS_TIMER_FUNCTION *PNDIS_TIMER_FUNCTION;

#define NDIS_TIMER_CHARACTERISTICS_REVISION_1 1

typedef struct _NDIS_TIMER_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    ULONG AllocationTag;
    PNDIS_TIMER_FUNCTION TimerFunction;
    PVOID FunctionContext;
} NDIS_TIMER_CHARACTERISTICS, *PNDIS_TIMER_CHARACTERISTICS;

#define NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_TIMER_CHARACTERISTICS, FunctionContext)

_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisAllocateTimerObject(_In_ NDIS_HANDLE NdisHandle,
                            _In_ PNDIS_TIMER_CHARACTERISTICS TimerCharacteristics,
                            _Out_ PNDIS_HANDLE pTimerObject);
_IRQL_requires_max_(DISPATCH_LEVEL) BOOLEAN NdisSetTimerObject(_In_ NDIS_HANDLE TimerObject,
                                                               _In_ LARGE_INTEGER DueTime,
                                                               _In_opt_ LONG MillisecondsPeriod,
                                                               _In_opt_ PVOID FunctionContext);
_IRQL_requires_max_(DISPATCH_LEVEL) BOOLEAN NdisCancelTimerObject(_In_ NDIS_HANDLE TimerObject);
_IRQL_requires_(PASSIVE_LEVEL) VOID NdisFreeTimerObject(_In_ NDIS_HANDLE TimerObject);

/* ---- work items ------------------------------------------------------------ */

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(NDIS_IO_WORKITEM_FUNCTION) VOID
    NDIS_IO_WORKITEM_FUNCTION(_In_opt_ PVOID WorkItemContext,
                              _In_ NDIS_HANDLE NdisIoWorkItemHandle);

typedef NDIS_IO_WORKITEM_FUNCTION *NDIS_IO_WORKITEM_ROUTINE;

_IRQL_requires_max_(DISPATCH_LEVEL) NDIS_HANDLE
    NdisAllocateIoWorkItem(_In_ NDIS_HANDLE NdisObjectHandle);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID NdisQueueIoWorkItem(_In_ NDIS_HANDLE NdisIoWorkItemHandle,
                                                             _In_ NDIS_IO_WORKITEM_ROUTINE Routine,
                                                             _In_ PVOID WorkItemContext);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID NdisFreeIoWorkItem(_In_ NDIS_HANDLE NdisIoWorkItemHandle);

/* The NDIS 5 work item, still met in NDIS 6 drivers. */
typedef struct _NDIS_WORK_ITEM NDIS_WORK_ITEM, *PNDIS_WORK_ITEM;
typedef VOID (*NDIS_PROC)(_In_ struct _NDIS_WORK_ITEM *WorkItem, _In_opt_ PVOID Context);
struct _NDIS_WORK_ITEM {
    PVOID Context;
    NDIS_PROC Routine;
    UCHAR WrapperReserved[8 * sizeof(PVOID)];
};
#define NdisInitializeWorkItem(_WI_, _R_, _C_) \
    do {                                       \
        (_WI_)->Context = (_C_);               \
        (_WI_)->Routine = (_R_);               \
    } while (0)
_IRQL_requires_max_(DISPATCH_LEVEL) NDIS_STATUS NdisScheduleWorkItem(_In_ PNDIS_WORK_ITEM WorkItem);

/* ---- mutexes (KMUTEX, NDIS_MUTEX) --------------------------------------------- */

typedef struct _KMUTANT {
    DISPATCHER_HEADER Header;
    LIST_ENTRY MutantListEntry;
    PKTHREAD OwnerThread;
    BOOLEAN Abandoned;
    UCHAR ApcDisable;
} KMUTANT, *PKMUTANT, *PRKMUTANT, KMUTEX, *PKMUTEX, *PRKMUTEX;

_IRQL_requires_(PASSIVE_LEVEL) VOID KeInitializeMutex(_Out_ PRKMUTEX Mutex, _In_ ULONG Level);
_IRQL_requires_max_(DISPATCH_LEVEL) LONG KeReleaseMutex(_Inout_ PRKMUTEX Mutex, _In_ BOOLEAN Wait);
_IRQL_requires_max_(DISPATCH_LEVEL) LONG KeReadStateMutex(_In_ PRKMUTEX Mutex);

typedef KMUTEX NDIS_MUTEX, *PNDIS_MUTEX;
#define NDIS_INIT_MUTEX(_M_) KeInitializeMutex((_M_), 0xFFFF)
#define NDIS_WAIT_FOR_MUTEX(_M_)                                                \
    KeWaitForSingleObject((_M_), Executive, (KPROCESSOR_MODE)KernelMode, FALSE, \
                          (PLARGE_INTEGER)NULL)
#define NDIS_RELEASE_MUTEX(_M_) KeReleaseMutex((_M_), FALSE)

#define UNDIS_CONFIG_X64_X86(x64, x86) (UNDIS_PTR64 ? (x64) : (x86))
UNDIS_C_ASSERT(sizeof(KMUTEX) == UNDIS_CONFIG_X64_X86(0x38, 0x20));

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_CONFIG_H */
