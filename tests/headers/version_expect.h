/* SPDX-License-Identifier: MIT */
/*
 * version_expect.h: expectations shared by the version_*.c checks, which
 * are compiled (never run) with the NDIS version macros a WDK project would
 * define on the command line, and C_ASSERT what <ndis.h> derives from them
 * (<ndis/version.h>, spec 2.6). Pointer-width dependent values are written
 * as (x64 : x86) pairs; the same TU is compiled with -m32 when the
 * compiler can.
 */
#ifndef UNDIS_TEST_VERSION_EXPECT_H
#define UNDIS_TEST_VERSION_EXPECT_H

#include <ndis.h>

#define EXPECT_PTR64 (sizeof(void *) == 8)

/* Every NDIS_SUPPORT_NDISxxx is 1 up to and including `level`, 0 above. */
#define EXPECT_SUPPORT_LEVEL(level)                     \
    C_ASSERT(NDIS_SUPPORT_NDIS6 == ((level) >= 600));   \
    C_ASSERT(NDIS_SUPPORT_NDIS61 == ((level) >= 601));  \
    C_ASSERT(NDIS_SUPPORT_NDIS620 == ((level) >= 620)); \
    C_ASSERT(NDIS_SUPPORT_NDIS630 == ((level) >= 630)); \
    C_ASSERT(NDIS_SUPPORT_NDIS640 == ((level) >= 640)); \
    C_ASSERT(NDIS_SUPPORT_NDIS650 == ((level) >= 650)); \
    C_ASSERT(NDIS_SUPPORT_NDIS651 == ((level) >= 651)); \
    C_ASSERT(NDIS_SUPPORT_NDIS660 == ((level) >= 660)); \
    C_ASSERT(NDIS_SUPPORT_NDIS670 == ((level) >= 670)); \
    C_ASSERT(NDIS_SUPPORT_NDIS680 == ((level) >= 680)); \
    C_ASSERT(NDIS_SUPPORT_NDIS681 == ((level) >= 681)); \
    C_ASSERT(NDIS_SUPPORT_NDIS682 == ((level) >= 682)); \
    C_ASSERT(NDIS_SUPPORT_NDIS683 == ((level) >= 683)); \
    C_ASSERT(NDIS_SUPPORT_NDIS684 == ((level) >= 684)); \
    C_ASSERT(NDIS_SUPPORT_NDIS685 == ((level) >= 685)); \
    C_ASSERT(NDIS_SUPPORT_NDIS686 == ((level) >= 686)); \
    C_ASSERT(NDIS_SUPPORT_NDIS687 == ((level) >= 687)); \
    C_ASSERT(NDIS_SUPPORT_NDIS688 == ((level) >= 688)); \
    C_ASSERT(NDIS_SUPPORT_NDIS689 == ((level) >= 689))

/* NDIS_MINIPORT_{MAJOR,MINOR}_VERSION and the _MINIMUM_ pair. */
#define EXPECT_MINIPORT(major, minor, min_major, min_minor)       \
    C_ASSERT(NDIS_MINIPORT_MAJOR_VERSION == (major));             \
    C_ASSERT(NDIS_MINIPORT_MINOR_VERSION == (minor));             \
    C_ASSERT(NDIS_MINIPORT_MINIMUM_MAJOR_VERSION == (min_major)); \
    C_ASSERT(NDIS_MINIPORT_MINIMUM_MINOR_VERSION == (min_minor))

/* NDIS_PROTOCOL_* and (NDIS 6 and later) the equal NDIS_FILTER_* values. */
#define EXPECT_PROTOCOL(major, minor, min_major, min_minor)       \
    C_ASSERT(NDIS_PROTOCOL_MAJOR_VERSION == (major));             \
    C_ASSERT(NDIS_PROTOCOL_MINOR_VERSION == (minor));             \
    C_ASSERT(NDIS_PROTOCOL_MINIMUM_MAJOR_VERSION == (min_major)); \
    C_ASSERT(NDIS_PROTOCOL_MINIMUM_MINOR_VERSION == (min_minor))
#define EXPECT_FILTER(major, minor, min_major, min_minor)       \
    C_ASSERT(NDIS_FILTER_MAJOR_VERSION == (major));             \
    C_ASSERT(NDIS_FILTER_MINOR_VERSION == (minor));             \
    C_ASSERT(NDIS_FILTER_MINIMUM_MAJOR_VERSION == (min_major)); \
    C_ASSERT(NDIS_FILTER_MINIMUM_MINOR_VERSION == (min_minor))

/*
 * MaxNetBufferListInfo, and sizeof(NET_BUFFER_LIST) that follows from it:
 * NetBufferListInfo[] starts at 144 (x64) / 80 (x86) and the structure is
 * 16- / 8-aligned (MEMORY_ALLOCATION_ALIGNMENT members).
 */
#define EXPECT_MAX_NBL_INFO(x64, x86)                                      \
    C_ASSERT((int)MaxNetBufferListInfo == (EXPECT_PTR64 ? (x64) : (x86))); \
    C_ASSERT(sizeof(NET_BUFFER_LIST) ==                                    \
             (EXPECT_PTR64 ? ((144 + 8 * (x64) + 15) / 16 * 16) : ((80 + 4 * (x86) + 7) / 8 * 8)))

#endif /* UNDIS_TEST_VERSION_EXPECT_H */
