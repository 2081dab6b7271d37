/* Bad rows: the first stops the program, or with --rejects FILE each goes
 * to FILE and the program carries on (SPEC section 1). */
#ifndef REJECTS_H
#define REJECTS_H

#include "csvio.h"

/* Opens FILE and writes its header: line,reason and the main input's
 * columns. Without a path, bad rows are fatal. */
void rejects_open(const char *path, const struct csvr *main_input);

/* Reports a bad row of reader r: exits 65 with "FILE:LINE: reason", or
 * writes the row to the rejects file. The reason says what was wrong and,
 * in parentheses, what was expected. */
void bad_row(const struct csvr *r, const struct csvrow *row, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

long rejects_count(void);

/* Closes the rejects file and says on stderr how many rows went there. */
void rejects_close(void);

#endif
