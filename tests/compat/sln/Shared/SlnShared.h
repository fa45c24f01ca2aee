/* SPDX-License-Identifier: MIT */
/* Fixture of `undis compat`: a project header outside the driver's folder. */
#ifndef SLN_SHARED_H
#define SLN_SHARED_H
#define SLN_SHARED 1
#endif
