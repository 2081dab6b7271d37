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
/*
 * A number as a person types it: a plain decimal (as num_parse), then
 * optionally spaces (ASCII space, TAB, U+3000, U+00A0) and a unit of one
 * to four CJK ideographs that are not numerals: 55分, 3天, 2.5 小时. Not
 * 3天半, 3万元 (a numeral in the unit), 5 %, 5kg (not CJK). *out is the
 * nearest double of the decimal.
 */
bool num_read(struct sv s, double *out);
/*
 * The decimal written in s (its number part, the unit ignored) against
 * bound, exactly as decimals: <0, 0 or >0. 60.00000000000000000001 is
 * above 60 though its nearest double is 60. bound, a rule's value, is
 * taken as the shortest decimal that reads back as it (59.5, 0.1).
 * Precondition: num_read(s) is true.
 */
int num_cmp(struct sv s, double bound);
/* A number that a spreadsheet shows back as written (SPEC section 10):
 * -?(0|[1-9][0-9]*)(.[0-9]*[1-9])?, not -0, at most NUM_PLAIN_DIGITS
 * digits, spaces around it ignored. 0012 (an id), 87.30, +5, 1e3 and an
 * 18-digit id number are not. */
#define NUM_PLAIN_DIGITS 11
bool num_plain(struct sv s);
/* Digits only, no sign. */
bool int_parse(struct sv s, long *out);

#endif
