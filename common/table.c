#include "table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "numfmt.h"
#include "rejects.h"

/* Cells are kept as offsets into one block of bytes, which grows. */
struct cell {
	size_t off, n;
};

struct table {
	size_t ncols, nrows;
	char *bytes;
	size_t nbytes, capbytes;
	struct cell *cells;     /* (nrows + 1) x ncols, the header first */
	size_t capcells;
	long *lines;            /* per row, the header's first */
	size_t caplines;
	bool *numeric;          /* per column */
};

/* Room in *pp (of *cap items of size bytes, used of them taken) for more. */
static void
grow(void *pp, size_t *cap, size_t used, size_t more, size_t size)
{
	void **p = pp;
	size_t want;

	if (used + more <= *cap)
		return;
	if (more > SIZE_MAX / size - used)
		die(EXIT_OSERR, "out of memory");
	want = *cap ? *cap : 64;
	while (want < used + more)
		want = want > SIZE_MAX / 4 / size ? used + more : 2 * want;
	*p = xrealloc(*p, want * size);
	*cap = want;
}

/* Adds one row of cells (the header, or a data row), as many as ncols. */
static void
add_row(struct table *t, const struct csvrow *row)
{
	size_t base = t->nrows * t->ncols, need = 0;

	for (size_t i = 0; i < t->ncols && i < row->n; i++)
		need += row->f[i].n;
	grow(&t->cells, &t->capcells, base, t->ncols, sizeof *t->cells);
	grow(&t->bytes, &t->capbytes, t->nbytes, need + t->ncols, 1);
	for (size_t i = 0; i < t->ncols; i++) {
		struct sv s = i < row->n ? row->f[i] : (struct sv){ "", 0 };

		if (s.n)
			memcpy(t->bytes + t->nbytes, s.p, s.n);
		t->cells[base + i] = (struct cell){ t->nbytes, s.n };
		t->nbytes += s.n;
		t->bytes[t->nbytes++] = '\0';
	}
}

/* A field past the header that holds something has no column to go in. */
static bool
fits(const struct table *t, const struct csvrow *row)
{
	for (size_t i = t->ncols; i < row->n; i++)
		if (sv_trim(row->f[i]).n)
			return false;
	return true;
}

struct table *
table_read(struct csvr *r)
{
	struct table *t = xcalloc(1, sizeof *t);
	const struct csvrow *h = csvr_header(r);
	struct csvrow *row;

	t->ncols = h->n;
	grow(&t->lines, &t->caplines, 0, 1, sizeof *t->lines);
	t->lines[0] = h->line;
	add_row(t, h);
	while (csvr_next(r, &row)) {
		if (!fits(t, row)) {
			bad_row(r, row, "%zu fields under a header of %zu (expected no "
			    "value past the header's last column)", row->n, t->ncols);
			continue;
		}
		grow(&t->lines, &t->caplines, t->nrows + 1, 1, sizeof *t->lines);
		t->nrows++;
		t->lines[t->nrows] = row->line;
		add_row(t, row);
	}
	t->numeric = xcalloc(t->ncols ? t->ncols : 1, sizeof *t->numeric);
	for (size_t c = 0; c < t->ncols; c++) {
		bool any = false, all = true;

		for (size_t i = 1; i <= t->nrows && all; i++) {
			struct sv s = sv_trim(table_cell(t, i, c));

			if (s.n == 0)
				continue;
			any = true;
			all = num_plain(s);
		}
		t->numeric[c] = any && all;
	}
	return t;
}

void
table_free(struct table *t)
{
	if (!t)
		return;
	free(t->bytes);
	free(t->cells);
	free(t->lines);
	free(t->numeric);
	free(t);
}

size_t
table_cols(const struct table *t)
{
	return t->ncols;
}

size_t
table_rows(const struct table *t)
{
	return t->nrows;
}

struct sv
table_cell(const struct table *t, size_t row, size_t col)
{
	const struct cell *c = &t->cells[row * t->ncols + col];

	return (struct sv){ t->bytes + c->off, c->n };
}

long
table_line(const struct table *t, size_t row)
{
	return t->lines[row];
}

bool
table_numeric(const struct table *t, size_t col)
{
	return t->numeric[col];
}
