/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/version.h>: which NDIS contract version the including code is
 * compiled for, derived from the macros a driver project defines, as the WDK
 * does:
 *
 *   NDISxxx_MINIPORT (NDIS50_MINIPORT ... NDIS689_MINIPORT)
 *       sets NDIS_MINIPORT_MAJOR_VERSION / NDIS_MINIPORT_MINOR_VERSION to the
 *       highest version named (and the _MINIMUM_ pair to the lowest);
 *   NDISxxx (NDIS40, NDIS50 ... NDIS689)
 *       sets NDIS_PROTOCOL_* (and, from 6.0, NDIS_FILTER_*) the same way;
 *   UM_NDISxxx and NDIS_WRAPPER
 *       only raise the NDIS_SUPPORT_NDISxxx level (NDIS_WRAPPER: all of them).
 *
 * Every NDIS_SUPPORT_NDISxxx (NDIS6, NDIS61, NDIS620 ... NDIS689) is then
 * defined to 1 or 0: 1 for the highest version named and every lower one.
 * NDIS_WDM only selects the WDM flavour of the kernel headers in the WDK and
 * has no effect on the version here.
 *
 * undis departs from the WDK in one place: when the build names no version
 * at all, the WDK leaves the NET_BUFFER data path out, while undis assumes
 * the newest contract (6.89) so that a plain #include <ndis.h> is useful.
 * UNDIS_NDIS_VERSION_DEFAULTED is 1 in that case. NDIS_MINIPORT_DRIVER alone
 * (the WDK then takes the version from NTDDI_VERSION) is a 6.89 miniport.
 *
 * Versions are numbered major*100+minor here: 6.1 is 601, 6.20 is 620.
 */
#ifndef UNDIS_NDIS_VERSION_H
#define UNDIS_NDIS_VERSION_H

#if defined(NDIS_MINIPORT_MAJOR_VERSION) || defined(NDIS_MINIPORT_MINOR_VERSION) || \
    defined(NDIS_PROTOCOL_MAJOR_VERSION) || defined(NDIS_PROTOCOL_MINOR_VERSION) || \
    defined(NDIS_FILTER_MAJOR_VERSION) || defined(NDIS_FILTER_MINOR_VERSION)
#    error \
        "undis: NDIS_*_MAJOR/MINOR_VERSION are derived from NDISxxx[_MINIPORT]; do not define them"
#endif

/* Highest and lowest miniport versions named. */
#if defined(NDIS689_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 689
#elif defined(NDIS688_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 688
#elif defined(NDIS687_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 687
#elif defined(NDIS686_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 686
#elif defined(NDIS685_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 685
#elif defined(NDIS684_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 684
#elif defined(NDIS683_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 683
#elif defined(NDIS682_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 682
#elif defined(NDIS681_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 681
#elif defined(NDIS680_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 680
#elif defined(NDIS670_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 670
#elif defined(NDIS660_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 660
#elif defined(NDIS651_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 651
#elif defined(NDIS650_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 650
#elif defined(NDIS640_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 640
#elif defined(NDIS630_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 630
#elif defined(NDIS620_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 620
#elif defined(NDIS61_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 601
#elif defined(NDIS60_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 600
#elif defined(NDIS51_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 501
#elif defined(NDIS50_MINIPORT)
#    define UNDIS_MINIPORT_VERSION 500
#endif
#if defined(NDIS50_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 500
#elif defined(NDIS51_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 501
#elif defined(NDIS60_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 600
#elif defined(NDIS61_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 601
#elif defined(NDIS620_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 620
#elif defined(NDIS630_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 630
#elif defined(NDIS640_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 640
#elif defined(NDIS650_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 650
#elif defined(NDIS651_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 651
#elif defined(NDIS660_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 660
#elif defined(NDIS670_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 670
#elif defined(NDIS680_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 680
#elif defined(NDIS681_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 681
#elif defined(NDIS682_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 682
#elif defined(NDIS683_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 683
#elif defined(NDIS684_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 684
#elif defined(NDIS685_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 685
#elif defined(NDIS686_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 686
#elif defined(NDIS687_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 687
#elif defined(NDIS688_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 688
#elif defined(NDIS689_MINIPORT)
#    define UNDIS_MINIPORT_MIN_VERSION 689
#endif

/* Highest and lowest protocol/filter versions named. */
#if defined(NDIS689)
#    define UNDIS_PROTOCOL_VERSION 689
#elif defined(NDIS688)
#    define UNDIS_PROTOCOL_VERSION 688
#elif defined(NDIS687)
#    define UNDIS_PROTOCOL_VERSION 687
#elif defined(NDIS686)
#    define UNDIS_PROTOCOL_VERSION 686
#elif defined(NDIS685)
#    define UNDIS_PROTOCOL_VERSION 685
#elif defined(NDIS684)
#    define UNDIS_PROTOCOL_VERSION 684
#elif defined(NDIS683)
#    define UNDIS_PROTOCOL_VERSION 683
#elif defined(NDIS682)
#    define UNDIS_PROTOCOL_VERSION 682
#elif defined(NDIS681)
#    define UNDIS_PROTOCOL_VERSION 681
#elif defined(NDIS680)
#    define UNDIS_PROTOCOL_VERSION 680
#elif defined(NDIS670)
#    define UNDIS_PROTOCOL_VERSION 670
#elif defined(NDIS660)
#    define UNDIS_PROTOCOL_VERSION 660
#elif defined(NDIS651)
#    define UNDIS_PROTOCOL_VERSION 651
#elif defined(NDIS650)
#    define UNDIS_PROTOCOL_VERSION 650
#elif defined(NDIS640)
#    define UNDIS_PROTOCOL_VERSION 640
#elif defined(NDIS630)
#    define UNDIS_PROTOCOL_VERSION 630
#elif defined(NDIS620)
#    define UNDIS_PROTOCOL_VERSION 620
#elif defined(NDIS61)
#    define UNDIS_PROTOCOL_VERSION 601
#elif defined(NDIS60)
#    define UNDIS_PROTOCOL_VERSION 600
#elif defined(NDIS51)
#    define UNDIS_PROTOCOL_VERSION 501
#elif defined(NDIS50)
#    define UNDIS_PROTOCOL_VERSION 500
#elif defined(NDIS40)
#    define UNDIS_PROTOCOL_VERSION 400
#endif
#if defined(NDIS40)
#    define UNDIS_PROTOCOL_MIN_VERSION 400
#elif defined(NDIS50)
#    define UNDIS_PROTOCOL_MIN_VERSION 500
#elif defined(NDIS51)
#    define UNDIS_PROTOCOL_MIN_VERSION 501
#elif defined(NDIS60)
#    define UNDIS_PROTOCOL_MIN_VERSION 600
#elif defined(NDIS61)
#    define UNDIS_PROTOCOL_MIN_VERSION 601
#elif defined(NDIS620)
#    define UNDIS_PROTOCOL_MIN_VERSION 620
#elif defined(NDIS630)
#    define UNDIS_PROTOCOL_MIN_VERSION 630
#elif defined(NDIS640)
#    define UNDIS_PROTOCOL_MIN_VERSION 640
#elif defined(NDIS650)
#    define UNDIS_PROTOCOL_MIN_VERSION 650
#elif defined(NDIS651)
#    define UNDIS_PROTOCOL_MIN_VERSION 651
#elif defined(NDIS660)
#    define UNDIS_PROTOCOL_MIN_VERSION 660
#elif defined(NDIS670)
#    define UNDIS_PROTOCOL_MIN_VERSION 670
#elif defined(NDIS680)
#    define UNDIS_PROTOCOL_MIN_VERSION 680
#elif defined(NDIS681)
#    define UNDIS_PROTOCOL_MIN_VERSION 681
#elif defined(NDIS682)
#    define UNDIS_PROTOCOL_MIN_VERSION 682
#elif defined(NDIS683)
#    define UNDIS_PROTOCOL_MIN_VERSION 683
#elif defined(NDIS684)
#    define UNDIS_PROTOCOL_MIN_VERSION 684
#elif defined(NDIS685)
#    define UNDIS_PROTOCOL_MIN_VERSION 685
#elif defined(NDIS686)
#    define UNDIS_PROTOCOL_MIN_VERSION 686
#elif defined(NDIS687)
#    define UNDIS_PROTOCOL_MIN_VERSION 687
#elif defined(NDIS688)
#    define UNDIS_PROTOCOL_MIN_VERSION 688
#elif defined(NDIS689)
#    define UNDIS_PROTOCOL_MIN_VERSION 689
#endif

/* Highest version named by a user-mode UM_NDISxxx macro. */
#if defined(UM_NDIS689)
#    define UNDIS_UM_VERSION 689
#elif defined(UM_NDIS688)
#    define UNDIS_UM_VERSION 688
#elif defined(UM_NDIS687)
#    define UNDIS_UM_VERSION 687
#elif defined(UM_NDIS686)
#    define UNDIS_UM_VERSION 686
#elif defined(UM_NDIS685)
#    define UNDIS_UM_VERSION 685
#elif defined(UM_NDIS684)
#    define UNDIS_UM_VERSION 684
#elif defined(UM_NDIS683)
#    define UNDIS_UM_VERSION 683
#elif defined(UM_NDIS682)
#    define UNDIS_UM_VERSION 682
#elif defined(UM_NDIS681)
#    define UNDIS_UM_VERSION 681
#elif defined(UM_NDIS680)
#    define UNDIS_UM_VERSION 680
#elif defined(UM_NDIS670)
#    define UNDIS_UM_VERSION 670
#elif defined(UM_NDIS660)
#    define UNDIS_UM_VERSION 660
#elif defined(UM_NDIS651)
#    define UNDIS_UM_VERSION 651
#elif defined(UM_NDIS650)
#    define UNDIS_UM_VERSION 650
#elif defined(UM_NDIS640)
#    define UNDIS_UM_VERSION 640
#elif defined(UM_NDIS630)
#    define UNDIS_UM_VERSION 630
#elif defined(UM_NDIS620)
#    define UNDIS_UM_VERSION 620
#elif defined(UM_NDIS61)
#    define UNDIS_UM_VERSION 601
#elif defined(UM_NDIS60)
#    define UNDIS_UM_VERSION 600
#elif defined(UM_NDIS51)
#    define UNDIS_UM_VERSION 501
#elif defined(UM_NDIS50)
#    define UNDIS_UM_VERSION 500
#endif

/* A miniport project that names NDIS_MINIPORT_DRIVER and no version (virtio-win's
 * NetKVM): the WDK picks the miniport version from the target OS
 * (NTDDI_VERSION), so NDIS_MINIPORT_MAJOR/MINOR_VERSION exist; undis picks the
 * newest, as for a build that names nothing. */
#if defined(NDIS_MINIPORT_DRIVER) && !defined(UNDIS_MINIPORT_VERSION) && \
    !defined(UNDIS_PROTOCOL_VERSION) && !defined(UNDIS_UM_VERSION) && !defined(NDIS_WRAPPER)
#    define UNDIS_MINIPORT_VERSION     689
#    define UNDIS_MINIPORT_MIN_VERSION 689
#endif

#ifdef UNDIS_MINIPORT_VERSION
#    define NDIS_MINIPORT_MAJOR_VERSION         (UNDIS_MINIPORT_VERSION / 100)
#    define NDIS_MINIPORT_MINOR_VERSION         (UNDIS_MINIPORT_VERSION % 100)
#    define NDIS_MINIPORT_MINIMUM_MAJOR_VERSION (UNDIS_MINIPORT_MIN_VERSION / 100)
#    define NDIS_MINIPORT_MINIMUM_MINOR_VERSION (UNDIS_MINIPORT_MIN_VERSION % 100)
#endif

#ifdef UNDIS_PROTOCOL_VERSION
#    define NDIS_PROTOCOL_MAJOR_VERSION         (UNDIS_PROTOCOL_VERSION / 100)
#    define NDIS_PROTOCOL_MINOR_VERSION         (UNDIS_PROTOCOL_VERSION % 100)
#    define NDIS_PROTOCOL_MINIMUM_MAJOR_VERSION (UNDIS_PROTOCOL_MIN_VERSION / 100)
#    define NDIS_PROTOCOL_MINIMUM_MINOR_VERSION (UNDIS_PROTOCOL_MIN_VERSION % 100)
#    if UNDIS_PROTOCOL_VERSION >= 600
#        define NDIS_FILTER_MAJOR_VERSION         NDIS_PROTOCOL_MAJOR_VERSION
#        define NDIS_FILTER_MINOR_VERSION         NDIS_PROTOCOL_MINOR_VERSION
#        define NDIS_FILTER_MINIMUM_MAJOR_VERSION NDIS_PROTOCOL_MINIMUM_MAJOR_VERSION
#        define NDIS_FILTER_MINIMUM_MINOR_VERSION NDIS_PROTOCOL_MINIMUM_MINOR_VERSION
#    endif
#endif

/* The support level is the highest version any of the macros names. */
#if defined(NDIS_WRAPPER)
#    define UNDIS_NDIS_SUPPORT_VERSION_0 689
#else
#    define UNDIS_NDIS_SUPPORT_VERSION_0 0
#endif
#ifndef UNDIS_MINIPORT_VERSION
#    define UNDIS_MINIPORT_VERSION_OR_0 0
#else
#    define UNDIS_MINIPORT_VERSION_OR_0 UNDIS_MINIPORT_VERSION
#endif
#ifndef UNDIS_PROTOCOL_VERSION
#    define UNDIS_PROTOCOL_VERSION_OR_0 0
#else
#    define UNDIS_PROTOCOL_VERSION_OR_0 UNDIS_PROTOCOL_VERSION
#endif
#ifndef UNDIS_UM_VERSION
#    define UNDIS_UM_VERSION_OR_0 0
#else
#    define UNDIS_UM_VERSION_OR_0 UNDIS_UM_VERSION
#endif

#if UNDIS_NDIS_SUPPORT_VERSION_0 == 0 && UNDIS_MINIPORT_VERSION_OR_0 == 0 && \
    UNDIS_PROTOCOL_VERSION_OR_0 == 0 && UNDIS_UM_VERSION_OR_0 == 0
#    define UNDIS_NDIS_SUPPORT_VERSION   689
#    define UNDIS_NDIS_VERSION_DEFAULTED 1
#elif UNDIS_NDIS_SUPPORT_VERSION_0 >= UNDIS_MINIPORT_VERSION_OR_0 && \
    UNDIS_NDIS_SUPPORT_VERSION_0 >= UNDIS_PROTOCOL_VERSION_OR_0 &&   \
    UNDIS_NDIS_SUPPORT_VERSION_0 >= UNDIS_UM_VERSION_OR_0
#    define UNDIS_NDIS_SUPPORT_VERSION UNDIS_NDIS_SUPPORT_VERSION_0
#elif UNDIS_MINIPORT_VERSION_OR_0 >= UNDIS_PROTOCOL_VERSION_OR_0 && \
    UNDIS_MINIPORT_VERSION_OR_0 >= UNDIS_UM_VERSION_OR_0
#    define UNDIS_NDIS_SUPPORT_VERSION UNDIS_MINIPORT_VERSION_OR_0
#elif UNDIS_PROTOCOL_VERSION_OR_0 >= UNDIS_UM_VERSION_OR_0
#    define UNDIS_NDIS_SUPPORT_VERSION UNDIS_PROTOCOL_VERSION_OR_0
#else
#    define UNDIS_NDIS_SUPPORT_VERSION UNDIS_UM_VERSION_OR_0
#endif
#ifndef UNDIS_NDIS_VERSION_DEFAULTED
#    define UNDIS_NDIS_VERSION_DEFAULTED 0
#endif

#ifndef NDIS_SUPPORT_NDIS6
#    define NDIS_SUPPORT_NDIS6 (UNDIS_NDIS_SUPPORT_VERSION >= 600)
#endif
#ifndef NDIS_SUPPORT_NDIS61
#    define NDIS_SUPPORT_NDIS61 (UNDIS_NDIS_SUPPORT_VERSION >= 601)
#endif
#ifndef NDIS_SUPPORT_NDIS620
#    define NDIS_SUPPORT_NDIS620 (UNDIS_NDIS_SUPPORT_VERSION >= 620)
#endif
#ifndef NDIS_SUPPORT_NDIS630
#    define NDIS_SUPPORT_NDIS630 (UNDIS_NDIS_SUPPORT_VERSION >= 630)
#endif
#ifndef NDIS_SUPPORT_NDIS640
#    define NDIS_SUPPORT_NDIS640 (UNDIS_NDIS_SUPPORT_VERSION >= 640)
#endif
#ifndef NDIS_SUPPORT_NDIS650
#    define NDIS_SUPPORT_NDIS650 (UNDIS_NDIS_SUPPORT_VERSION >= 650)
#endif
#ifndef NDIS_SUPPORT_NDIS651
#    define NDIS_SUPPORT_NDIS651 (UNDIS_NDIS_SUPPORT_VERSION >= 651)
#endif
#ifndef NDIS_SUPPORT_NDIS660
#    define NDIS_SUPPORT_NDIS660 (UNDIS_NDIS_SUPPORT_VERSION >= 660)
#endif
#ifndef NDIS_SUPPORT_NDIS670
#    define NDIS_SUPPORT_NDIS670 (UNDIS_NDIS_SUPPORT_VERSION >= 670)
#endif
#ifndef NDIS_SUPPORT_NDIS680
#    define NDIS_SUPPORT_NDIS680 (UNDIS_NDIS_SUPPORT_VERSION >= 680)
#endif
#ifndef NDIS_SUPPORT_NDIS681
#    define NDIS_SUPPORT_NDIS681 (UNDIS_NDIS_SUPPORT_VERSION >= 681)
#endif
#ifndef NDIS_SUPPORT_NDIS682
#    define NDIS_SUPPORT_NDIS682 (UNDIS_NDIS_SUPPORT_VERSION >= 682)
#endif
#ifndef NDIS_SUPPORT_NDIS683
#    define NDIS_SUPPORT_NDIS683 (UNDIS_NDIS_SUPPORT_VERSION >= 683)
#endif
#ifndef NDIS_SUPPORT_NDIS684
#    define NDIS_SUPPORT_NDIS684 (UNDIS_NDIS_SUPPORT_VERSION >= 684)
#endif
#ifndef NDIS_SUPPORT_NDIS685
#    define NDIS_SUPPORT_NDIS685 (UNDIS_NDIS_SUPPORT_VERSION >= 685)
#endif
#ifndef NDIS_SUPPORT_NDIS686
#    define NDIS_SUPPORT_NDIS686 (UNDIS_NDIS_SUPPORT_VERSION >= 686)
#endif
#ifndef NDIS_SUPPORT_NDIS687
#    define NDIS_SUPPORT_NDIS687 (UNDIS_NDIS_SUPPORT_VERSION >= 687)
#endif
#ifndef NDIS_SUPPORT_NDIS688
#    define NDIS_SUPPORT_NDIS688 (UNDIS_NDIS_SUPPORT_VERSION >= 688)
#endif
#ifndef NDIS_SUPPORT_NDIS689
#    define NDIS_SUPPORT_NDIS689 (UNDIS_NDIS_SUPPORT_VERSION >= 689)
#endif

#endif /* UNDIS_NDIS_VERSION_H */
