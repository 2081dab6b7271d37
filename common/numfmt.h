/* Numbers in and out (SPEC section 1, Values). */
#ifndef NUMFMT_H
#define NUMFMT_H

#include <stdbool.h>

#include "strview.h"

/* At most two decimals, no trailing zeros, half away from zero: 87.33, 40. */
void num_format(double v, char buf[32]);
/* Round half away from zero to two decimals, as written. */
double num_round2(double v);
/* A plain decimal: optional sign, digits, optional fraction. */
bool num_parse(struct sv s, double *out);
/* Digits only, no sign. */
bool int_parse(struct sv s, long *out);

#endif
