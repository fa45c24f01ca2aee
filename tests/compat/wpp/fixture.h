/* SPDX-License-Identifier: MIT */
/* The fixture driver's functions, called by the harness (wpp_main.c). */
#ifndef FIXTURE_H
#define FIXTURE_H

#include <ndis.h>

NTSTATUS fixture_driver_entry(PDRIVER_OBJECT driver, PUNICODE_STRING registry_path);
VOID fixture_driver_unload(PDRIVER_OBJECT driver);
VOID fixture_receive(ULONG length);

#endif /* FIXTURE_H */
