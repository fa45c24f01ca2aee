/* Generated from data/census/ndis.tsv: do not edit. */
#include <ndis.h>

static void census_OID_TUNNEL_INTERFACE_RELEASE_OID(void) { (void)(OID_TUNNEL_INTERFACE_RELEASE_OID); }
