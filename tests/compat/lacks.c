/* SPDX-License-Identifier: MIT */
/* Fixture of `undis compat`: a KMDF call, which undis (NDIS only) does not
 * declare: "undis lacks WdfDriverCreate (wdf.h)". */
#include <ndis.h>

NTSTATUS fixture_lacks(PDRIVER_OBJECT driver, PUNICODE_STRING path);

NTSTATUS
fixture_lacks(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    return WdfDriverCreate(driver, path, NULL, NULL, NULL);
}
