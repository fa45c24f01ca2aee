/* SPDX-License-Identifier: MIT */
/*
 * peek_stage.c: a loadable stage that breaks one rule on purpose, for the
 * tests of how `undis run` reports verifier findings: for every NET_BUFFER
 * it asks NdisGetDataBuffer for one byte more than DataLength (the rule
 * GET_DATA_BEYOND_LENGTH), then sends the NBLs on unchanged. With the
 * argument "lso" it instead moves the TcpHeaderOffset of every large send by
 * 2 bytes, as a stage that forgot where the TCP header is would.
 */
#include "undis_stage.h"

typedef struct _PEEK_STAGE {
    const UNDIS_STAGE_HOST *Host;
    BOOLEAN Lso;
} PEEK_STAGE, *PPEEK_STAGE;

static PEEK_STAGE g_Peek;

static NDIS_STATUS
PeekAttach(
    const UNDIS_STAGE_HOST *Host, PCSTR Args, PVOID *StageContext, PCHAR Error, ULONG ErrorLength)
{
    (VOID) Error;
    (VOID) ErrorLength;
    g_Peek.Host = Host;
    g_Peek.Lso = Args != NULL && Args[0] == 'l';
    *StageContext = &g_Peek;
    return NDIS_STATUS_SUCCESS;
}

static VOID
PeekDetach(PVOID StageContext)
{
    (VOID) StageContext;
}

static VOID
PeekSend(PVOID StageContext, PNET_BUFFER_LIST Nbls)
{
    PPEEK_STAGE Stage = (PPEEK_STAGE)StageContext;
    UCHAR Storage[16];
    for (PNET_BUFFER_LIST Nbl = Nbls; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        PNET_BUFFER Nb = NET_BUFFER_LIST_FIRST_NB(Nbl);
        NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO Lso;
        Lso.Value = NET_BUFFER_LIST_INFO(Nbl, TcpLargeSendNetBufferListInfo);
        if (Stage->Lso) {
            if (Lso.Value != NULL) {
                Lso.LsoV2Transmit.TcpHeaderOffset =
                    (Lso.LsoV2Transmit.TcpHeaderOffset + 2) & 0x3FFu;
                NET_BUFFER_LIST_INFO(Nbl, TcpLargeSendNetBufferListInfo) = Lso.Value;
            }
        } else if (NET_BUFFER_DATA_LENGTH(Nb) < sizeof(Storage)) {
            (VOID) NdisGetDataBuffer(Nb, NET_BUFFER_DATA_LENGTH(Nb) + 1, Storage, 1, 0);
        }
    }
    Stage->Host->SendNetBufferLists(Stage->Host->HostHandle, Nbls);
}

static VOID
PeekSendComplete(PVOID StageContext, PNET_BUFFER_LIST Nbls)
{
    PPEEK_STAGE Stage = (PPEEK_STAGE)StageContext;
    Stage->Host->SendNetBufferListsComplete(Stage->Host->HostHandle, Nbls);
}

static const UNDIS_STAGE_CHARACTERISTICS PeekStage = {
    UNDIS_STAGE_INTERFACE_VERSION,
    "peek-past",
    "peek-past",
    "reads one byte past DataLength of frames under 16 bytes (a test of findings)",
    PeekAttach,
    PeekDetach,
    PeekSend,
    PeekSendComplete,
    NULL,
};

#if defined(_WIN32)
__declspec(dllexport)
#elif defined(__GNUC__)
__attribute__((visibility("default")))
#endif
    const UNDIS_STAGE_CHARACTERISTICS *UndisStageEntry(VOID);

const UNDIS_STAGE_CHARACTERISTICS *
UndisStageEntry(VOID)
{
    return &PeekStage;
}
