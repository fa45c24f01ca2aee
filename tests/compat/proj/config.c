/* SPDX-License-Identifier: MIT */
/* Fixture of `undis compat`: compiles only with the definitions and include
 * folder fixture.vcxproj gives its Release|x64 configuration. */
#include <ndis.h>
#include "fixture_inc.h"

#if !defined(NDIS630_MINIPORT) || !defined(NDIS_MINIPORT_DRIVER) || !defined(FIXTURE_BASE)
#    error "the project's PreprocessorDefinitions were not applied"
#endif
#if !defined(FIXTURE_RELEASE) || defined(FIXTURE_DEBUG)
#    error "not the Release|x64 configuration"
#endif
#if !defined(FIXTURE_PROPS) || FIXTURE_PROPS != 42
#    error "fixture.props not imported, or its condition misread"
#endif
#if FIXTURE_INC_VALUE != 42
#    error "fixture_inc.h not from the AdditionalIncludeDirectories"
#endif

ULONG fixture_config(void);

ULONG
fixture_config(void)
{
    return FIXTURE_INC_VALUE;
}
