/*
 * Display width of text in a terminal's columns (SPEC section 10): a
 * character of East Asian Width W or F (CJK, Hangul, full-width forms)
 * takes two columns, a combining mark or other zero-width character none,
 * any other printable character one (East Asian Width A, ambiguous, as
 * most terminals show it: one).
 */
#ifndef WIDTH_H
#define WIDTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strview.h"

/* Decodes the UTF-8 character at s (n bytes, n > 0) into *cp and returns
 * its length. A byte that begins no valid character (the reader lets none
 * through) is read as U+FFFD, one byte long. */
size_t utf8_next(const char *s, size_t n, uint32_t *cp);

/* Columns of one character: 0, 1 or 2; -1 for a control character
 * (U+0000..U+001F, U+007F..U+009F), which the caller shows its own way. */
int width_cp(uint32_t cp);

/* Columns of UTF-8 text; a control character counts as escape(cp) does
 * (NULL: as one column). */
size_t width_sv(struct sv s, size_t (*escape)(uint32_t cp));

/* Bytes of the longest start of s that fits in cols columns, cut between
 * characters, with the zero-width characters that follow the last one
 * kept with it (an accent stays on its letter); *used gets the columns. */
size_t width_cut(struct sv s, size_t cols, size_t (*escape)(uint32_t cp),
    size_t *used);

/* Widths from the C library's wcwidth under a UTF-8 locale (the default,
 * whatever LANG says), or from the small table built in, as when no UTF-8
 * locale can be had. The unit tests run both. False when the locale was
 * asked for and none could be had. */
bool width_use_table(bool table);

#endif
