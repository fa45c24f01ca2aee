/* SPDX-License-Identifier: MIT */
/*
 * undis_stage.h: the interface between `undis run` and a data-path stage.
 *
 * A stage is written as the send path of an NDIS 6 filter driver, against
 * <ndis.h> only. `undis run` plays NDIS around it: it indicates chains of
 * NET_BUFFER_LISTs to the first stage's SendNetBufferLists (the filter's
 * FilterSendNetBufferLists), passes what each stage sends on to the next
 * one, writes what leaves the last stage to the output capture, and then
 * completes every NET_BUFFER_LIST back up through each stage's
 * SendNetBufferListsComplete (FilterSendNetBufferListsComplete), last stage
 * first, as a miniport's send completion travels up a filter stack.
 *
 * The rules are NDIS's:
 *  - A stage owns an NBL from its SendNetBufferLists until it passes it on
 *    (Host->SendNetBufferLists, the NdisFSendNetBufferLists of the host) or
 *    completes it itself (Host->SendNetBufferListsComplete, the
 *    NdisFSendNetBufferListsComplete of the host), after setting
 *    NET_BUFFER_LIST_STATUS to the reason it did not send it.
 *  - When an NBL it passed on comes back to its SendNetBufferListsComplete,
 *    the stage undoes what it did (advance what it retreated, free the MDLs
 *    its retreats allocated, restore the bytes it rewrote, free its NBL
 *    context and clones) and completes it up with Host->SendNetBufferListsComplete.
 *    Completion only ever brings back NBLs the stage passed on.
 *  - NBLs the stage made itself (clones) it sends on like any other and
 *    frees when they come back; they are never completed up.
 *  - Either host call may be made from SendNetBufferLists or from
 *    SendNetBufferListsComplete, with a chain of any length. The host
 *    never calls back into the stage from inside a host call.
 *  - Everything runs on one thread (think DISPATCH_LEVEL on one processor).
 *
 * The receive direction (`undis run --direction receive`, interface
 * version 2): the capture is indicated up the stack instead, bottom stage
 * (the last --stage) first, as a miniport's receive indication travels up a
 * filter stack. A stage with ReceiveNetBufferLists (FilterReceiveNetBuffer-
 * Lists) owns the chain until it indicates it up (Host->IndicateReceive-
 * NetBufferLists) or returns it itself (Host->ReturnNetBufferLists, a
 * drop); what leaves the top stage goes to the output capture, and then
 * every NBL is returned down through each stage's ReturnNetBufferLists
 * (FilterReturnNetBufferLists), top stage first, where the stage undoes
 * what it did and returns it on with Host->ReturnNetBufferLists. A stage
 * without the receive handlers (version 1) is bypassed on the
 * receive path, as NDIS bypasses such a filter; a stage has both or
 * neither. The counters "passed on" and "completed up" of the report count
 * indications up and returns down in that direction.
 *
 * A loadable stage (`--stage ./file.so[:ARGS]`) is a shared object that
 * exports UndisStageEntry (see UNDIS_STAGE_ENTRY below). examples/stages/
 * loadable/ipv4_ttl.c is one, with its build command.
 */
#ifndef UNDIS_EXAMPLES_STAGE_H
#define UNDIS_EXAMPLES_STAGE_H

#include <ndis.h>

#ifdef __cplusplus
extern "C" {
#endif

#define UNDIS_STAGE_INTERFACE_VERSION         1
/* Version 2: the characteristics end with the receive handlers. */
#define UNDIS_STAGE_INTERFACE_VERSION_RECEIVE 2

/* Name of the symbol a loadable stage exports. */
#define UNDIS_STAGE_ENTRY_NAME "UndisStageEntry"

/* The host's two calls (NdisFSendNetBufferLists and
 * NdisFSendNetBufferListsComplete of a filter). */
typedef VOID UNDIS_STAGE_HOST_SEND(_In_ NDIS_HANDLE HostHandle,
                                   _In_ PNET_BUFFER_LIST NetBufferLists);
typedef VOID UNDIS_STAGE_HOST_COMPLETE(_In_ NDIS_HANDLE HostHandle,
                                       _In_ PNET_BUFFER_LIST NetBufferLists);

/* The host's receive calls (NdisFIndicateReceiveNetBufferLists and
 * NdisFReturnNetBufferLists of a filter). */
typedef VOID UNDIS_STAGE_HOST_INDICATE(_In_ NDIS_HANDLE HostHandle,
                                       _In_ PNET_BUFFER_LIST NetBufferLists);
typedef VOID UNDIS_STAGE_HOST_RETURN(_In_ NDIS_HANDLE HostHandle,
                                     _In_ PNET_BUFFER_LIST NetBufferLists);

/* What the host gives a stage at attach time (valid until detach). */
typedef struct _UNDIS_STAGE_HOST {
    NDIS_HANDLE HostHandle;                                   /* pass it back on every call */
    UNDIS_STAGE_HOST_SEND *SendNetBufferLists;                /* pass a chain on */
    UNDIS_STAGE_HOST_COMPLETE *SendNetBufferListsComplete;    /* give a chain back up */
    UNDIS_STAGE_HOST_INDICATE *IndicateReceiveNetBufferLists; /* receive: pass a chain up */
    UNDIS_STAGE_HOST_RETURN *ReturnNetBufferLists;            /* receive: give a chain back down */
} UNDIS_STAGE_HOST;

/* Receives one of the stage's counters for the report. By convention these
 * names are added up over all stages in the report's summary:
 *   retreat-fast, retreat-slow     retreats that used the backfill / that
 *                                  allocated an MDL
 *   mdl-allocated, mdl-freed       MDLs from NetAllocateMdl (the stage's own
 *                                  or NDIS's default) and given back
 *   clone-allocated, clone-freed   NdisAllocateCloneNetBufferList and its free
 *   context-failed, retreat-failed, clone-failed   allocations refused */
typedef VOID UNDIS_STAGE_COUNTER(_In_ PVOID ReportContext, _In_ PCSTR Name, _In_ ULONG64 Value);

/*
 * Attach: parse Args (NULL when none were given), make the stage's state and
 * return it in *StageContext. On failure return an error status and write a
 * one-line reason into Error (ErrorLength bytes, NUL-terminated); nothing
 * stays allocated.
 */
typedef NDIS_STATUS UNDIS_STAGE_ATTACH(_In_ const UNDIS_STAGE_HOST *Host,
                                       _In_opt_ PCSTR Args,
                                       _Out_ PVOID *StageContext,
                                       _Out_writes_(ErrorLength) PCHAR Error,
                                       _In_ ULONG ErrorLength);
/* Detach: every NBL has come back; free the stage's state. */
typedef VOID UNDIS_STAGE_DETACH(_In_ PVOID StageContext);
/* FilterSendNetBufferLists. */
typedef VOID UNDIS_STAGE_SEND(_In_ PVOID StageContext, _In_ PNET_BUFFER_LIST NetBufferLists);
/* FilterSendNetBufferListsComplete. */
typedef VOID UNDIS_STAGE_SEND_COMPLETE(_In_ PVOID StageContext,
                                       _In_ PNET_BUFFER_LIST NetBufferLists);
/* FilterReceiveNetBufferLists and FilterReturnNetBufferLists (version 2). */
typedef VOID UNDIS_STAGE_RECEIVE(_In_ PVOID StageContext, _In_ PNET_BUFFER_LIST NetBufferLists);
typedef VOID UNDIS_STAGE_RETURN(_In_ PVOID StageContext, _In_ PNET_BUFFER_LIST NetBufferLists);
/* Report the stage's counters through Counter. */
typedef VOID UNDIS_STAGE_QUERY_COUNTERS(_In_ PVOID StageContext,
                                        _In_ UNDIS_STAGE_COUNTER *Counter,
                                        _In_ PVOID ReportContext);

typedef struct _UNDIS_STAGE_CHARACTERISTICS {
    ULONG Version; /* UNDIS_STAGE_INTERFACE_VERSION */
    PCSTR Name;    /* "vlan-tag" */
    PCSTR Usage;   /* "vlan-tag:VID[:PCP]" */
    PCSTR Summary; /* one line for `undis run --help` */
    UNDIS_STAGE_ATTACH *Attach;
    UNDIS_STAGE_DETACH *Detach;
    UNDIS_STAGE_SEND *SendNetBufferLists;
    UNDIS_STAGE_SEND_COMPLETE *SendNetBufferListsComplete;
    UNDIS_STAGE_QUERY_COUNTERS *QueryCounters; /* optional (NULL) */
} UNDIS_STAGE_CHARACTERISTICS;

/* A stage with a receive path: Stage.Version is
 * UNDIS_STAGE_INTERFACE_VERSION_RECEIVE, and the entry point (or the
 * built-in table) gives &Stage; the host reads the handlers after it only
 * for that version. Both handlers, or the stage is refused. */
typedef struct _UNDIS_STAGE_RECEIVE_CHARACTERISTICS {
    UNDIS_STAGE_CHARACTERISTICS Stage;
    UNDIS_STAGE_RECEIVE *ReceiveNetBufferLists; /* FilterReceiveNetBufferLists */
    UNDIS_STAGE_RETURN *ReturnNetBufferLists;   /* FilterReturnNetBufferLists */
} UNDIS_STAGE_RECEIVE_CHARACTERISTICS;

/* The entry point a loadable stage exports. */
typedef const UNDIS_STAGE_CHARACTERISTICS *UNDIS_STAGE_ENTRY(VOID);

#ifdef __cplusplus
}
#endif

#endif /* UNDIS_EXAMPLES_STAGE_H */
