/* SPDX-License-Identifier: MIT */
/*
 * harness.h: THE TEST'S SIDE, shared by the three example drivers' tests.
 *
 * Nothing here is driver code. The harness plays what a Windows kernel
 * would: it builds NET_BUFFER_LISTs over Ethernet frames with various MDL
 * geometries, flattens NET_BUFFERs back into bytes for comparison, counts
 * check failures, captures DbgPrint output and proves that every
 * allocation made through undis is given back. The whole filters'
 * tests (filter_vlan, tunnel_send) host their driver in undis's driver host
 * (harness_host.h); miniport_rx_test.c still defines the NDIS hand-offs its
 * driver calls itself.
 *
 * It compiles as C11 and as C++17, like the drivers it drives.
 */
#ifndef EXAMPLE_DRIVERS_HARNESS_H
#define EXAMPLE_DRIVERS_HARNESS_H

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>
#include <undis/rt.h>

#define HARNESS_POOL_TAG 'tseT'

/* ---- checks ---------------------------------------------------------------- */

void HarnessCheck(int Ok, const char *Expression, const char *File, int Line);
void HarnessCheckEq(unsigned long long Actual,
                    unsigned long long Expected,
                    const char *Expression,
                    const char *File,
                    int Line);
void HarnessCheckMem(const void *Actual,
                     const void *Expected,
                     unsigned long Length,
                     const char *Expression,
                     const char *File,
                     int Line);

#define HCHECK(_Cond) HarnessCheck((_Cond) ? 1 : 0, #_Cond, __FILE__, __LINE__)
#define HCHECK_EQ(_A, _E)                                                                        \
    HarnessCheckEq((unsigned long long)(_A), (unsigned long long)(_E), #_A " == " #_E, __FILE__, \
                   __LINE__)
#define HCHECK_MEM(_A, _E, _N) \
    HarnessCheckMem((_A), (_E), (unsigned long)(_N), #_A " == " #_E, __FILE__, __LINE__)

/* Checks every NET_BUFFER of every NBL of a chain with undis_nbl_check. */
#define HCHECK_NBL_CHAIN(_Nbl) HarnessCheckNblChain((_Nbl), __FILE__, __LINE__)
void HarnessCheckNblChain(PNET_BUFFER_LIST NblChain, const char *File, int Line);

/* ---- the run ----------------------------------------------------------------- */

/* Starts a run: DbgPrint capture, baseline of undis_alloc_outstanding(). */
void HarnessBegin(const char *Name);
/* Starts a scenario (prints its name). */
void HarnessScenario(const char *Name);
/* Checks that undis_alloc_outstanding() is back at the baseline. */
#define HCHECK_NO_LEAKS() HarnessCheckNoLeaks(__FILE__, __LINE__)
void HarnessCheckNoLeaks(const char *File, int Line);
/* Ends the run: 0 when every check passed (the process exit code). */
int HarnessEnd(void);

/* DbgPrintEx messages seen at DPFLTR_ERROR_LEVEL since the last reset. */
ULONG HarnessDbgErrorCount(void);
void HarnessDbgReset(void);

/* ---- frames and NET_BUFFER_LISTs ---------------------------------------------- */

#define HARNESS_MAX_FRAME 2048

/* Fills Frame with an Ethernet header (destination, source from Seed,
 * EtherType) and Length - 14 payload bytes derived from Seed. */
void HarnessBuildFrame(PUCHAR Frame, ULONG Length, USHORT EtherType, ULONG Seed);

/*
 * How the bytes of a NET_BUFFER are laid out over MDLs:
 *   HarnessOneMdl       one MDL, the frame at offset 0
 *   HarnessBackfill     one MDL, 64 bytes of unused space before the frame
 *   HarnessSplitHeader  a 6-byte MDL, then the rest
 *   HarnessTinyMdls     1-, 3- and 5-byte MDLs, an empty MDL, then the rest,
 *                       with 2 unused bytes at the start of the first
 *   HarnessLongChain    the frame, then a 32-byte MDL past its end
 */
typedef enum _HARNESS_GEOMETRY {
    HarnessOneMdl,
    HarnessBackfill,
    HarnessSplitHeader,
    HarnessTinyMdls,
    HarnessLongChain,
    HarnessGeometryCount
} HARNESS_GEOMETRY;

/* An NET_BUFFER_LIST pool with NET_BUFFERs, no data, no context. */
NDIS_HANDLE HarnessAllocateNblPool(VOID);

/* Appends to Nbl a NET_BUFFER holding Frame in the given geometry (the
 * first one goes in through NdisAllocateNetBufferAndNetBufferList: pass
 * Nbl NULL to get a new NBL from Pool). Returns the NBL. The MDLs and their
 * storage are pool allocations the harness frees in HarnessFreeNbl. */
PNET_BUFFER_LIST HarnessAppendNb(NDIS_HANDLE Pool,
                                 PNET_BUFFER_LIST Nbl,
                                 const UCHAR *Frame,
                                 ULONG Length,
                                 HARNESS_GEOMETRY Geometry);

/* Frees an NBL built by HarnessAppendNb with all its NBs, MDLs and storage. */
void HarnessFreeNbl(PNET_BUFFER_LIST Nbl);

/* Copies a NET_BUFFER's data out; returns its length (at most Capacity). */
ULONG HarnessFlatten(PNET_BUFFER Nb, PUCHAR Out, ULONG Capacity);

/* The number of NBLs in a chain. */
ULONG HarnessCountNbls(PNET_BUFFER_LIST Nbl);

/* Big-endian helpers. */
#define HARNESS_BE16(_p) ((USHORT)(((ULONG)(_p)[0] << 8) | (ULONG)(_p)[1]))

#endif /* EXAMPLE_DRIVERS_HARNESS_H */
