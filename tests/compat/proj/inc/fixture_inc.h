/* SPDX-License-Identifier: MIT */
/* Fixture of `undis compat`: found through AdditionalIncludeDirectories only. */
#define FIXTURE_INC_VALUE 42
