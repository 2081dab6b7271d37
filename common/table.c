#include "table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
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

/* Adds one row of cells (the header, or a data row), as many as ncols:
 * column i holds field src[i] of row (NONE: empty), or field i without src. */
enum { NONE = -1 };

static void
add_row(struct table *t, const struct csvrow *row, const int *src)
{
	size_t base = t->nrows * t->ncols, need = 0;

	for (size_t i = 0; i < row->n; i++)
		need += row->f[i].n;
	grow(&t->cells, &t->capcells, base, t->ncols, sizeof *t->cells);
	grow(&t->bytes, &t->capbytes, t->nbytes, need + t->ncols, 1);
	for (size_t i = 0; i < t->ncols; i++) {
		int k = src ? src[i] : (int)i;
		struct sv s = k >= 0 && (size_t)k < row->n ? row->f[k] : (struct sv){ "", 0 };

		if (s.n)
			memcpy(t->bytes + t->nbytes, s.p, s.n);
		t->cells[base + i] = (struct cell){ t->nbytes, s.n };
		t->nbytes += s.n;
		t->bytes[t->nbytes++] = '\0';
	}
}

/* A field past its header (of n columns) that holds something has no
 * column to go in. */
static bool
fits(size_t n, const struct csvrow *row)
{
	for (size_t i = n; i < row->n; i++)
		if (sv_trim(row->f[i]).n)
			return false;
	return true;
}

/* A value in a column of r that no column of t takes (named: unused). */
static size_t
stray(const struct csvrow *row, const bool *named, size_t n)
{
	for (size_t j = 0; named && j < n && j < row->n; j++)
		if (!named[j] && sv_trim(row->f[j]).n)
			return j + 1;
	return 0;
}

/* The rows of r, after its header, each through src (see add_row). */
static void
add_rows(struct table *t, struct csvr *r, const int *src, const bool *named)
{
	size_t n = csvr_header(r)->n, j;
	struct csvrow *row;

	while (csvr_next(r, &row)) {
		if (!fits(n, row)) {
			bad_row(r, row, "%zu fields under a header of %zu (expected no "
			    "value past the header's last column)", row->n, n);
			continue;
		}
		if ((j = stray(row, named, n))) {
			bad_row(r, row, "a value in column %zu, which the header does not "
			    "name (expected a name for every column with values)", j);
			continue;
		}
		grow(&t->lines, &t->caplines, t->nrows + 1, 1, sizeof *t->lines);
		t->nrows++;
		t->lines[t->nrows] = row->line;
		add_row(t, row, src);
	}
}

static void
find_numeric(struct table *t)
{
	free(t->numeric);
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
}

static bool
names_columns(const struct csvrow *row, void *arg)
{
	size_t named = 0;

	(void)arg;
	for (size_t i = 0; i < row->n && named < 2; i++)
		named += sv_trim(row->f[i]).n > 0;
	return named >= 2;
}

struct csvr *
table_open(const char *path)
{
	return csvr_open_find(path, names_columns, NULL);
}

struct table *
table_read(struct csvr *r)
{
	struct table *t = xcalloc(1, sizeof *t);
	const struct csvrow *h = csvr_header(r);

	t->ncols = h->n;
	grow(&t->lines, &t->caplines, 0, 1, sizeof *t->lines);
	t->lines[0] = h->line;
	add_row(t, h, NULL);
	add_rows(t, r, NULL, NULL);
	find_numeric(t);
	return t;
}

void
table_append(struct table *t, struct csvr *r)
{
	const struct csvrow *h = csvr_header(r);
	int *src = xmalloc((t->ncols ? t->ncols : 1) * sizeof *src);
	bool *named = xcalloc(h->n, sizeof *named);

	for (size_t i = 0; i < t->ncols; i++)
		src[i] = NONE;
	for (size_t j = 0; j < h->n; j++) {
		size_t i;

		if (sv_trim(h->f[j]).n == 0)
			continue; /* a column without a name: its values must be empty */
		for (i = 0; i < t->ncols; i++)
			if (header_matches(h->f[j], table_cell(t, 0, i).p))
				break;
		if (i == t->ncols || src[i] != NONE) {
			free(src);
			free(named);
			die(EXIT_DATAERR, "%s:%ld: column %.*s %s (expected the columns "
			    "of the first file's header)", csvr_label(r), h->line,
			    (int)h->f[j].n, h->f[j].p, i == t->ncols ?
			    "is not in the first file" : "named twice");
		}
		src[i] = (int)j;
		named[j] = true;
	}
	add_rows(t, r, src, named);
	free(src);
	free(named);
	find_numeric(t);
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
