/* SPDX-License-Identifier: MIT */
/* Fixture of `undis compat`: two constructs MSVC accepts and clang rejects,
 * both seen in WireGuard's wintun: a __declspec inside the type name of a
 * compound literal, and an assignment through a conditional between
 * pointers to different types (MSVC gives it the first operand's type). */
#include <ndis.h>

static UCHAR *g_bytes = (UCHAR *)(__declspec(align(8)) UCHAR[]){ 1, 2, 3, 4 };

VOID fixture_msvc_forms(PNET_BUFFER_LIST nbl, PNET_BUFFER_LIST *head, BOOLEAN first);

VOID
fixture_msvc_forms(PNET_BUFFER_LIST nbl, PNET_BUFFER_LIST *head, BOOLEAN first)
{
    *(first ? &NET_BUFFER_LIST_MINIPORT_RESERVED(nbl)[1] : head) = nbl;
    (void)g_bytes;
}
