/*
 * A whole CSV input held in memory, for the programs that show it to
 * people (cadre-view, cadre-xlsx, SPEC section 10): they need every row
 * before the first is written, to size the columns and to tell a column
 * of numbers from one of text.
 */
#ifndef TABLE_H
#define TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "csvio.h"

struct table;

/* Opens path for a table: a file of any columns, so its header is the
 * first of the first rows that names two columns or more; the rows above
 * it, each naming one (a sheet's title, 2018年3月考勤表), are title rows,
 * skipped and counted on stderr (SPEC section 1). */
struct csvr *table_open(const char *path);
/* Reads the rest of r: every row, with as many cells as the header. A
 * short row's missing cells are empty; a row with a non-empty field past
 * the header is a bad row (bad_row: 65, or --rejects), empty fields there
 * (the trailing commas of a spreadsheet's formatted cells) are dropped. */
struct table *table_read(struct csvr *r);
/* Reads the rows of a further input after t's (SPEC section 1: several
 * files read in turn as one input, each with its own header): its columns
 * go under t's by name, as header names match (case, spaces, Chinese
 * aliases); a column t's header does not have is bad data (65), one it
 * lacks is empty. A column without a name is dropped if its values are
 * empty, bad otherwise. */
void table_append(struct table *t, struct csvr *r);
void table_free(struct table *t);

size_t table_cols(const struct table *t);
/* Rows under the header. */
size_t table_rows(const struct table *t);
/* The cell as read, followed by a NUL byte; row 0 is the header, the data
 * rows are 1..rows. */
struct sv table_cell(const struct table *t, size_t row, size_t col);
/* The physical line on which row row (0: the header) starts. */
long table_line(const struct table *t, size_t row);
/* A column of numbers: at least one non-empty cell under the header, and
 * every one num_plain. */
bool table_numeric(const struct table *t, size_t col);

#endif
