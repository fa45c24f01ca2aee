/* SPDX-License-Identifier: MIT */
/*
 * A driver that defines NDIS_MINIPORT_MAJOR_VERSION itself instead of
 * NDISxxx_MINIPORT. As in the WDK, <ndis.h> must refuse to compile it. The
 * control build (-DUNDIS_TEST_CONTROL) leaves the define out and must
 * compile, which shows that the failure comes from the define alone.
 */
#ifndef UNDIS_TEST_CONTROL
#    define NDIS_MINIPORT_MAJOR_VERSION 6
#endif
#include <ndis.h>

typedef int undis_test_version_user_defined;
