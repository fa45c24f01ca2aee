/* SPDX-License-Identifier: MIT */
/*
 * legacy_names.c: NET_BUFFER_DATA, NET_BUFFER_HEADER, NET_BUFFER_LIST_HEADER,
 * the NetBufferHeader / NetBufferListHeader views and NbDataLength (C++)
 * exist exactly when NDIS_INCLUDE_LEGACY_NAMES is non-zero, which <ndis.h>
 * defines before its parts; the anonymous members exist always.
 *
 * Compiled with (tests/headers/CMakeLists.txt):
 *   UNDIS_TEST_EXPECT_LEGACY=0|1   what the include below should give;
 *   UNDIS_TEST_NBL_ALONE           include <ndis/nbl.h> instead of <ndis.h>;
 *   UNDIS_TEST_USE_LEGACY          use the legacy names even when they are
 *                                  not expected (such a compile must fail).
 * In C++ the absence is also proven without a failing compile, by detecting
 * the members with a trait.
 */
#ifdef UNDIS_TEST_NBL_ALONE
#    include <ndis/nbl.h>
#else
#    include <ndis.h>
#endif

#ifndef UNDIS_TEST_EXPECT_LEGACY
#    error "define UNDIS_TEST_EXPECT_LEGACY to 0 or 1"
#endif

VOID legacy_anonymous(PNET_BUFFER_LIST Nbl, PNET_BUFFER Nb);

VOID
legacy_anonymous(PNET_BUFFER_LIST Nbl, PNET_BUFFER Nb)
{
    Nbl->FirstNetBuffer = Nb;
    Nbl->Next = NULL;
    Nb->Next = NULL;
    Nb->DataLength = 60;
    Nb->DataOffset = 0;
    Nb->MdlChain = NULL;
    Nb->CurrentMdl = NULL;
    Nb->CurrentMdlOffset = 0;
}

#ifdef __cplusplus
#    include <type_traits>

template <class T, class = void> struct undis_has_nb_header : std::false_type {
};
template <class T>
struct undis_has_nb_header<T, std::void_t<decltype(std::declval<T &>().NetBufferHeader)>>
    : std::true_type {
};
template <class T, class = void> struct undis_has_nbl_header : std::false_type {
};
template <class T>
struct undis_has_nbl_header<T, std::void_t<decltype(std::declval<T &>().NetBufferListHeader)>>
    : std::true_type {
};

static_assert(undis_has_nb_header<NET_BUFFER>::value == (UNDIS_TEST_EXPECT_LEGACY != 0),
              "NET_BUFFER::NetBufferHeader exists exactly with the legacy names");
static_assert(undis_has_nbl_header<NET_BUFFER_LIST>::value == (UNDIS_TEST_EXPECT_LEGACY != 0),
              "NET_BUFFER_LIST::NetBufferListHeader exists exactly with the legacy names");
#endif

#if UNDIS_TEST_EXPECT_LEGACY || defined(UNDIS_TEST_USE_LEGACY)
#    define X64_X86(x64, x86) (sizeof(void *) == 8 ? (x64) : (x86))

C_ASSERT(sizeof(NET_BUFFER_DATA) == X64_X86(0x30, 24));
C_ASSERT(sizeof(NET_BUFFER_HEADER) == X64_X86(0x30, 24));
C_ASSERT(FIELD_OFFSET(NET_BUFFER_DATA, MdlChain) == X64_X86(32, 16));
C_ASSERT(sizeof(NET_BUFFER_LIST_DATA) == 2 * sizeof(PVOID));
C_ASSERT(sizeof(NET_BUFFER_LIST_HEADER) == sizeof(SLIST_HEADER));
C_ASSERT(FIELD_OFFSET(NET_BUFFER, NetBufferHeader) == 0);
C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, NetBufferListHeader) == 0);
#    ifdef __cplusplus
C_ASSERT(FIELD_OFFSET(NET_BUFFER_DATA, NbDataLength) == X64_X86(24, 12));
C_ASSERT(sizeof(NET_BUFFER_DATA_LENGTH) == sizeof(SIZE_T));
#    else
C_ASSERT(FIELD_OFFSET(NET_BUFFER_DATA, DataLength) == X64_X86(24, 12));
#    endif

ULONG legacy_views(PNET_BUFFER_LIST Nbl);

ULONG
legacy_views(PNET_BUFFER_LIST Nbl)
{
    PNET_BUFFER Nb = Nbl->NetBufferListHeader.NetBufferListData.FirstNetBuffer;
#    ifdef __cplusplus
    return Nb->NetBufferHeader.NetBufferData.NbDataLength.DataLength;
#    else
    return Nb->NetBufferHeader.NetBufferData.DataLength;
#    endif
}
#endif
