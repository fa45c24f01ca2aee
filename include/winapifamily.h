/* SPDX-License-Identifier: MIT */
/*
 * undis <winapifamily.h>: shadow of the SDK header. Everything is in the
 * desktop partition, which is what kernel-mode code and NDL expect. It is
 * complete enough for <windows.h> too, which includes it on Windows.
 */
#ifndef _INC_WINAPIFAMILY
#define _INC_WINAPIFAMILY
#ifndef UNDIS_SHADOW_WINAPIFAMILY_H
#    define UNDIS_SHADOW_WINAPIFAMILY_H

#    define WINAPI_FAMILY_PC_APP      2
#    define WINAPI_FAMILY_PHONE_APP   3
#    define WINAPI_FAMILY_SYSTEM      4
#    define WINAPI_FAMILY_SERVER      5
#    define WINAPI_FAMILY_GAMES       6
#    define WINAPI_FAMILY_DESKTOP_APP 100
#    define WINAPI_FAMILY_APP         WINAPI_FAMILY_PC_APP
#    ifndef WINAPI_FAMILY
#        define WINAPI_FAMILY WINAPI_FAMILY_DESKTOP_APP
#    endif

#    define WINAPI_PARTITION_DESKTOP   1
#    define WINAPI_PARTITION_APP       1
#    define WINAPI_PARTITION_PC_APP    1
#    define WINAPI_PARTITION_PHONE_APP 0
#    define WINAPI_PARTITION_GAMES     1
#    define WINAPI_PARTITION_SYSTEM    1
#    define WINAPI_PARTITION_PHONE     WINAPI_PARTITION_PHONE_APP

#    define WINAPI_FAMILY_PARTITION(Partitions) (Partitions)
#    define WINAPI_FAMILY_ONE_PARTITION(PartitionSet, Partition) \
        ((WINAPI_FAMILY & PartitionSet) == Partition)

#endif /* UNDIS_SHADOW_WINAPIFAMILY_H */
#endif /* _INC_WINAPIFAMILY */
