/* SPDX-License-Identifier: MIT */
/* Fixture of `undis compat`: included as "..\Winpath_Inc.H". */
#define FIXTURE_WINPATH_VALUE 7
