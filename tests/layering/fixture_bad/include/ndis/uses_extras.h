/* Fixture of the layering check: a face header including an extra. */
#include <undis/verifier.h>
