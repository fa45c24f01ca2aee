/* SPDX-License-Identifier: MIT */
/*
 * harness.c: THE TEST'S SIDE (see harness.h). Not driver code.
 */
#include "harness.h"

#include <stdio.h>
#include <string.h>

static ULONG HarnessChecks;
static ULONG HarnessFailures;
static ULONG HarnessDbgErrors;
static unsigned long long HarnessBaseline;
static const char *HarnessName = "harness";
static NDIS_HANDLE HarnessNbPool;

/* ---- checks ------------------------------------------------------------------ */

void
HarnessCheck(int Ok, const char *Expression, const char *File, int Line)
{
    HarnessChecks++;
    if (!Ok) {
        HarnessFailures++;
        fprintf(stderr, "%s:%d: check failed: %s\n", File, Line, Expression);
    }
}

void
HarnessCheckEq(unsigned long long Actual,
               unsigned long long Expected,
               const char *Expression,
               const char *File,
               int Line)
{
    HarnessChecks++;
    if (Actual != Expected) {
        HarnessFailures++;
        fprintf(stderr, "%s:%d: check failed: %s (got %llu / 0x%llx, expected %llu / 0x%llx)\n",
                File, Line, Expression, Actual, Actual, Expected, Expected);
    }
}

void
HarnessCheckMem(const void *Actual,
                const void *Expected,
                unsigned long Length,
                const char *Expression,
                const char *File,
                int Line)
{
    const UCHAR *A = (const UCHAR *)Actual;
    const UCHAR *E = (const UCHAR *)Expected;
    unsigned long Index;

    HarnessChecks++;
    for (Index = 0; Index < Length; Index++) {
        if (A[Index] != E[Index]) {
            HarnessFailures++;
            fprintf(stderr, "%s:%d: check failed: %s (byte %lu of %lu: 0x%02x, expected 0x%02x)\n",
                    File, Line, Expression, Index, Length, A[Index], E[Index]);
            return;
        }
    }
}

void
HarnessCheckNblChain(PNET_BUFFER_LIST NblChain, const char *File, int Line)
{
    PNET_BUFFER_LIST Nbl;
    char Why[256];

    for (Nbl = NblChain; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        undis_check_rule Rule = undis_nbl_check(Nbl, Why, sizeof(Why));
        HarnessChecks++;
        if (Rule != UNDIS_CHECK_OK) {
            HarnessFailures++;
            fprintf(stderr, "%s:%d: NBL %p breaks %s: %s\n", File, Line, (void *)Nbl,
                    undis_check_rule_name(Rule), Why);
        }
    }
}

/* ---- the run ------------------------------------------------------------------- */

static void
HarnessDbgSink(ULONG Component, ULONG Level, const char *Text, void *Context)
{
    (void)Component;
    (void)Context;
    if (Level == DPFLTR_ERROR_LEVEL) {
        HarnessDbgErrors++;
    }
    fprintf(stderr, "  [dbg %lu] %s", (unsigned long)Level, Text);
}

ULONG
HarnessDbgErrorCount(void)
{
    return HarnessDbgErrors;
}

void
HarnessDbgReset(void)
{
    HarnessDbgErrors = 0;
}

void
HarnessBegin(const char *Name)
{
    NET_BUFFER_POOL_PARAMETERS Params;

    HarnessName = Name;
    undis_rt_set_dbgprint_sink(HarnessDbgSink, NULL);
    memset(&Params, 0, sizeof(Params));
    Params.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    Params.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    Params.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    Params.PoolTag = HARNESS_POOL_TAG;
    HarnessNbPool = NdisAllocateNetBufferPool(NULL, &Params);
    HCHECK(HarnessNbPool != NULL);
    HarnessBaseline = undis_alloc_outstanding();
    HCHECK_EQ(KeGetCurrentIrql(), PASSIVE_LEVEL);
}

void
HarnessScenario(const char *Name)
{
    fprintf(stderr, "%s: %s\n", HarnessName, Name);
}

void
HarnessCheckNoLeaks(const char *File, int Line)
{
    HarnessCheckEq(undis_alloc_outstanding(), HarnessBaseline,
                   "undis_alloc_outstanding() == baseline", File, Line);
    HarnessCheckEq(KeGetCurrentIrql(), PASSIVE_LEVEL, "KeGetCurrentIrql() == PASSIVE_LEVEL", File,
                   Line);
}

int
HarnessEnd(void)
{
    HCHECK_NO_LEAKS();
    NdisFreeNetBufferPool(HarnessNbPool);
    HarnessNbPool = NULL;
    undis_rt_set_dbgprint_sink(NULL, NULL);
    fprintf(stderr, "%s: %lu checks, %lu failed\n", HarnessName, (unsigned long)HarnessChecks,
            (unsigned long)HarnessFailures);
    return HarnessFailures == 0 ? 0 : 1;
}

/* ---- frames and NET_BUFFER_LISTs ------------------------------------------------ */

void
HarnessBuildFrame(PUCHAR Frame, ULONG Length, USHORT EtherType, ULONG Seed)
{
    static const UCHAR Destination[6] = { 0x02, 0x00, 0x5e, 0x10, 0x20, 0x30 };
    ULONG Index;

    memcpy(Frame, Destination, 6);
    Frame[6] = 0x02;
    Frame[7] = 0x11;
    Frame[8] = (UCHAR)(Seed >> 24);
    Frame[9] = (UCHAR)(Seed >> 16);
    Frame[10] = (UCHAR)(Seed >> 8);
    Frame[11] = (UCHAR)Seed;
    Frame[12] = (UCHAR)(EtherType >> 8);
    Frame[13] = (UCHAR)EtherType;
    for (Index = 14; Index < Length; Index++) {
        Frame[Index] = (UCHAR)(Seed * 31U + Index * 7U);
    }
}

NDIS_HANDLE
HarnessAllocateNblPool(VOID)
{
    NET_BUFFER_LIST_POOL_PARAMETERS Params;

    memset(&Params, 0, sizeof(Params));
    Params.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    Params.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    Params.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    Params.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
    Params.fAllocateNetBuffer = TRUE;
    Params.PoolTag = HARNESS_POOL_TAG;
    return NdisAllocateNetBufferListPool(NULL, &Params);
}

/* An MDL over a new pool block: Lead unused bytes (0xEE), then Length bytes
 * of Data (or 0xDD filler when Data is NULL). */
static PMDL
HarnessMakeMdl(const UCHAR *Data, ULONG Length, ULONG Lead)
{
    ULONG Size = Lead + Length;
    PUCHAR Storage =
        (PUCHAR)ExAllocatePool2(POOL_FLAG_NON_PAGED, Size == 0 ? 8 : Size, HARNESS_POOL_TAG);
    PMDL Mdl;

    HCHECK(Storage != NULL);
    memset(Storage, 0xEE, Lead);
    if (Data != NULL) {
        memcpy(Storage + Lead, Data, Length);
    } else {
        memset(Storage + Lead, 0xDD, Length);
    }
    if (Size == 0) {
        Mdl = IoAllocateMdl(Storage, 0, FALSE, FALSE, NULL);
        HCHECK(Mdl != NULL);
        Mdl->MappedSystemVa = Storage;
        Mdl->MdlFlags |= MDL_SOURCE_IS_NONPAGED_POOL;
    } else {
        Mdl = NdisAllocateMdl(NULL, Storage, Size);
        HCHECK(Mdl != NULL);
    }
    return Mdl;
}

PNET_BUFFER_LIST
HarnessAppendNb(NDIS_HANDLE Pool,
                PNET_BUFFER_LIST Nbl,
                const UCHAR *Frame,
                ULONG Length,
                HARNESS_GEOMETRY Geometry)
{
    PMDL Chain = NULL;
    PMDL *Link = &Chain;
    ULONG DataOffset = 0;
    ULONG Used = 0;
    PNET_BUFFER Nb;
    PNET_BUFFER Last;

    HCHECK(Length >= (Geometry == HarnessTinyMdls ? 9U : 1U));
    switch (Geometry) {
    case HarnessBackfill:
        *Link = HarnessMakeMdl(Frame, Length, 64);
        DataOffset = 64;
        Used = Length;
        break;
    case HarnessSplitHeader:
        *Link = HarnessMakeMdl(Frame, 6, 0);
        Link = &NDIS_MDL_LINKAGE(*Link);
        Used = 6;
        break;
    case HarnessTinyMdls:
        *Link = HarnessMakeMdl(Frame, 1, 2);
        Link = &NDIS_MDL_LINKAGE(*Link);
        *Link = HarnessMakeMdl(Frame + 1, 3, 0);
        Link = &NDIS_MDL_LINKAGE(*Link);
        *Link = HarnessMakeMdl(Frame + 4, 5, 0);
        Link = &NDIS_MDL_LINKAGE(*Link);
        *Link = HarnessMakeMdl(NULL, 0, 0);
        Link = &NDIS_MDL_LINKAGE(*Link);
        DataOffset = 2;
        Used = 9;
        break;
    case HarnessLongChain:
        *Link = HarnessMakeMdl(Frame, Length, 0);
        Link = &NDIS_MDL_LINKAGE(*Link);
        *Link = HarnessMakeMdl(NULL, 32, 0);
        Used = Length;
        break;
    case HarnessOneMdl:
    default:
        *Link = HarnessMakeMdl(Frame, Length, 0);
        Used = Length;
        break;
    }
    if (Used < Length) {
        *Link = HarnessMakeMdl(Frame + Used, Length - Used, 0);
    }

    if (Nbl == NULL) {
        Nbl = NdisAllocateNetBufferAndNetBufferList(Pool, 0, 0, Chain, DataOffset, Length);
        HCHECK(Nbl != NULL);
        return Nbl;
    }
    Nb = NdisAllocateNetBuffer(HarnessNbPool, Chain, DataOffset, Length);
    HCHECK(Nb != NULL);
    for (Last = NET_BUFFER_LIST_FIRST_NB(Nbl); NET_BUFFER_NEXT_NB(Last) != NULL;
         Last = NET_BUFFER_NEXT_NB(Last)) {
    }
    NET_BUFFER_NEXT_NB(Last) = Nb;
    return Nbl;
}

static void
HarnessFreeChain(PMDL Mdl)
{
    while (Mdl != NULL) {
        PMDL Next = NDIS_MDL_LINKAGE(Mdl);
        PVOID Storage = MmGetMdlVirtualAddress(Mdl);
        NdisFreeMdl(Mdl);
        ExFreePoolWithTag(Storage, HARNESS_POOL_TAG);
        Mdl = Next;
    }
}

void
HarnessFreeNbl(PNET_BUFFER_LIST Nbl)
{
    PNET_BUFFER Nb = NET_BUFFER_LIST_FIRST_NB(Nbl);
    PNET_BUFFER Next = NET_BUFFER_NEXT_NB(Nb);

    HarnessFreeChain(NET_BUFFER_FIRST_MDL(Nb));
    NET_BUFFER_NEXT_NB(Nb) = NULL;
    while (Next != NULL) {
        Nb = Next;
        Next = NET_BUFFER_NEXT_NB(Nb);
        HarnessFreeChain(NET_BUFFER_FIRST_MDL(Nb));
        NET_BUFFER_NEXT_NB(Nb) = NULL;
        NdisFreeNetBuffer(Nb);
    }
    NdisFreeNetBufferList(Nbl);
}

ULONG
HarnessFlatten(PNET_BUFFER Nb, PUCHAR Out, ULONG Capacity)
{
    ULONG Length = NET_BUFFER_DATA_LENGTH(Nb);
    PUCHAR Data;

    if (Length > Capacity) {
        Length = Capacity;
    }
    if (Length == 0) {
        return 0;
    }
    Data = (PUCHAR)NdisGetDataBuffer(Nb, Length, Out, 1, 0);
    HCHECK(Data != NULL);
    if (Data != NULL && Data != Out) {
        memcpy(Out, Data, Length);
    }
    return Length;
}

ULONG
HarnessCountNbls(PNET_BUFFER_LIST Nbl)
{
    ULONG Count = 0;

    for (; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        Count++;
    }
    return Count;
}
