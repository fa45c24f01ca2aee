/* Fixture of the layering check: a data-path file reaching the verifier's
 * implementation, which the check must reject (never compiled). */
#include "verifier/ledger.h"
