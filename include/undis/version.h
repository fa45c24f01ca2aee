/* SPDX-License-Identifier: MIT */
/* undis <undis/version.h>: the library's own version. */
#ifndef UNDIS_VERSION_H
#define UNDIS_VERSION_H

#define UNDIS_VERSION_MAJOR  0
#define UNDIS_VERSION_MINOR  1
#define UNDIS_VERSION_PATCH  0
#define UNDIS_VERSION_STRING "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

/** The version of the library linked in (may differ from the header's). */
const char *undis_version(void);

#ifdef __cplusplus
}
#endif

#endif /* UNDIS_VERSION_H */
