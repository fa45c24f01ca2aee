/* SPDX-License-Identifier: MIT */
/*
 * rt_sddl.c: the SDDL strings <wdmsec.h> declares (WDK: wdmsec.lib).
 */
#include "kernel/rt_internal.h"

#include <wdmsec.h>

static WCHAR g_sys_all_adm_all[] = L"D:P(A;;GA;;;SY)(A;;GA;;;BA)";
static WCHAR g_sys_all_adm_rwx_world_rwx_res_rwx[] =
    L"D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GRGWGX;;;WD)(A;;GRGWGX;;;RC)";

const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_ALL = {
    (USHORT)(sizeof(g_sys_all_adm_all) - sizeof(WCHAR)),
    (USHORT)sizeof(g_sys_all_adm_all),
    g_sys_all_adm_all,
};
const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RWX_RES_RWX = {
    (USHORT)(sizeof(g_sys_all_adm_rwx_world_rwx_res_rwx) - sizeof(WCHAR)),
    (USHORT)sizeof(g_sys_all_adm_rwx_world_rwx_res_rwx),
    g_sys_all_adm_rwx_world_rwx_res_rwx,
};
