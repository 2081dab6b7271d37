/*
 * cadre-view: the aligned table of SPEC section 10, for a person at a
 * terminal. Reads any CSV and pads its columns by display width (a CJK
 * character takes two columns, a combining mark none), numbers to the
 * right, with a rule under the header; --max-width cuts long cells.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csvio.h"
#include "diag.h"
#include "numfmt.h"
#include "rejects.h"
#include "table.h"
#include "width.h"

static const char synopsis[] =
    "cadre-view [--max-width N] [common options] [FILE ...]";

static const char help[] =
    "Shows any CSV as a table for a terminal (| less -S): columns padded to\n"
    "their display width, numbers to the right, a rule under the header.\n"
    "\n"
    "  --max-width N      cut a cell wider than N columns, ending it with …\n";

enum { OPT_MAX_WIDTH = OPT_PROGRAM };

static const struct option longopts[] = {
	{ "max-width", required_argument, NULL, OPT_MAX_WIDTH },
	COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 },
};

static const char ellipsis[] = "…";

struct view {
	const struct table *t;
	size_t max_width;       /* 0: no limit */
	size_t ell_cols;        /* columns of the ellipsis */
	size_t *width;          /* per column */
	bool *right;            /* per column: numbers */
	size_t pending;         /* spaces not yet written */
	const char *eol;
};

/* A control character in a cell is shown escaped, as in messages: a line
 * end would break the table, and an escape sequence would drive the
 * terminal. These are the columns the escape takes. */
static size_t
escape_cols(uint32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == '\t' ? 2 : 4;
}

/* How much of cell s is shown: its bytes, and in *cols its columns; *cut
 * says whether the ellipsis follows. */
static size_t
fit(const struct view *v, struct sv s, size_t *cols, bool *cut)
{
	size_t w = width_sv(s, escape_cols), n;

	*cut = v->max_width && w > v->max_width;
	if (!*cut) {
		*cols = w;
		return s.n;
	}
	/* --max-width 1 leaves room for the ellipsis only. */
	n = width_cut(s, v->max_width > v->ell_cols ? v->max_width - v->ell_cols : 0,
	    escape_cols, &w);
	*cols = w + v->ell_cols;
	return n;
}

static void
layout(struct view *v)
{
	const struct table *t = v->t;
	size_t ncols = table_cols(t);

	v->ell_cols = width_sv(sv_of(ellipsis), NULL);
	v->width = xcalloc(ncols ? ncols : 1, sizeof *v->width);
	v->right = xcalloc(ncols ? ncols : 1, sizeof *v->right);
	for (size_t c = 0; c < ncols; c++) {
		v->right[c] = table_numeric(t, c);
		for (size_t i = 0; i <= table_rows(t); i++) {
			size_t cols;
			bool cut;

			fit(v, table_cell(t, i, c), &cols, &cut);
			if (cols > v->width[c])
				v->width[c] = cols;
		}
	}
}

/* Padding waits until something follows it: no line ends in spaces. */
static void
pad(struct view *v, size_t n)
{
	v->pending += n;
}

static void
emit(struct view *v, const char *s, size_t n)
{
	for (; v->pending; v->pending--)
		putchar(' ');
	fwrite(s, 1, n, stdout);
}

static void
emit_escaped(struct view *v, uint32_t cp)
{
	char buf[8];

	switch (cp) {
	case '\n':
		emit(v, "\\n", 2);
		break;
	case '\r':
		emit(v, "\\r", 2);
		break;
	case '\t':
		emit(v, "\\t", 2);
		break;
	default:
		snprintf(buf, sizeof buf, "\\x%02X", (unsigned)cp);
		emit(v, buf, 4);
	}
}

/* One cell, padded to its column's width. */
static void
put_cell(struct view *v, struct sv s, size_t c)
{
	size_t cols, n, w = v->width[c];
	bool cut;

	n = fit(v, s, &cols, &cut);
	if (v->right[c])
		pad(v, w - cols);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_next(s.p + i, n - i, &cp);

		if (width_cp(cp) < 0)
			emit_escaped(v, cp);
		else
			emit(v, s.p + i, len);
		i += len;
	}
	if (cut)
		emit(v, ellipsis, strlen(ellipsis));
	if (!v->right[c])
		pad(v, w - cols);
}

static void
end_line(struct view *v)
{
	v->pending = 0;
	fputs(v->eol, stdout);
}

static void
put_row(struct view *v, size_t row)
{
	for (size_t c = 0; c < table_cols(v->t); c++) {
		if (c)
			pad(v, 2);
		put_cell(v, table_cell(v->t, row, c), c);
	}
	end_line(v);
}

static void
put_rule(struct view *v)
{
	for (size_t c = 0; c < table_cols(v->t); c++) {
		if (c)
			pad(v, 2);
		for (size_t i = 0; i < v->width[c]; i++)
			emit(v, "-", 1);
	}
	end_line(v);
}

int
main(int argc, char **argv)
{
	struct view v = { .eol = "\n" };
	const char *const *in;
	size_t nin;
	struct table *t;
	struct csvr *r;
	struct csvw w;
	long n;
	int c;

	cli_init(argc, argv, synopsis, help);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_MAX_WIDTH:
			if (!int_parse(sv_of(optarg), &n) || n < 1)
				usage_error("bad --max-width %s (expected a whole number of "
				    "columns, 1 or more)", optarg);
			v.max_width = (size_t)n;
			break;
		default:
			if (!cli_common(c, optarg))
				usage();
		}
	}
	cli_finish();
	if (csv_settings.crlf)
		v.eol = "\r\n";

	/* Several files are one input, one table: saved monthly files. */
	in = cli_operands(argc, argv, &nin);
	r = table_open(in[0]);
	rejects_open(common_args.rejects, r);
	v.t = t = table_read(r);
	for (size_t i = 1; i < nin; i++) {
		struct csvr *more = table_open(in[i]);

		table_append(t, more);
		csvr_close(more);
	}
	csvr_close(r);
	layout(&v);

	/* The whole table is known: from here on, only writing. */
	csvw_open(&w, stdout, "standard output");
	put_row(&v, 0);
	put_rule(&v);
	for (size_t i = 1; i <= table_rows(t); i++)
		put_row(&v, i);
	csvw_close(&w);
	/* Said last: a program that fails says one line, its failure. */
	rejects_close();
	free(v.width);
	free(v.right);
	table_free(t);
	return EXIT_OK;
}
