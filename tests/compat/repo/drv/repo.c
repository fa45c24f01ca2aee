/* undis compat fixture (compat-e): a header another project of the solution
 * generates (ctrpp from ../manifests/fixture_rp.man), outside the folder
 * given: a missing generated header, not the driver's own defect. */
#include <ndis.h>

#include "fixture_rpcounters.h"

ULONG
fixture_repo(VOID)
{
    return 0;
}
