/*
 * cadre-xlsx: the Excel workbook of SPEC section 10, for the bulletin that
 * is forwarded and printed. One sheet per CSV: text stays text (ids,
 * months, dates, quarters, codes), numbers are number cells; a bold frozen
 * header with an autofilter, columns as wide as their cells, A4 landscape
 * one page wide with the header on every page and page numbers, an
 * optional merged title and a bar chart. The workbook is written to a
 * temporary file beside FILE and renamed onto it only when complete.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "cli.h"
#include "codes.h"
#include "csvio.h"
#include "diag.h"
#include "numfmt.h"
#include "outfile.h"
#include "rejects.h"
#include "table.h"
#include "width.h"

static const char synopsis[] =
    "cadre-xlsx -o FILE [--chart [SHEET:]COLUMN] [--title TEXT] [common options]\n"
    "                  [[NAME=]FILE ...]";

static const char help[] =
    "Writes an Excel workbook with one sheet per CSV, for people to read,\n"
    "forward and print: ids, months, dates and codes stay text, numbers are\n"
    "numbers; a bold frozen header with an autofilter; A4 landscape, one page\n"
    "wide, the header on every page, page numbers in the footer. -o FILE, the\n"
    "workbook, is required.\n"
    "\n"
    "  --chart [SHEET:]COLUMN\n"
    "                     a bar chart of the numbers of COLUMN against the first\n"
    "                     column, beside the table (of every sheet that has\n"
    "                     COLUMN, or of SHEET only)\n"
    "  --title TEXT       a merged title row above the header\n"
    "  NAME=FILE          the sheet's name (else FILE's name without its\n"
    "                     extension; - or none is standard input)\n";

enum { OPT_CHART = OPT_PROGRAM, OPT_TITLE };

static const struct option longopts[] = {
	{ "chart", required_argument, NULL, OPT_CHART },
	{ "title", required_argument, NULL, OPT_TITLE },
	COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 },
};

/* What a sheet holds at most (Excel's limits). */
enum {
	SHEET_NAME_MAX = 31,    /* characters */
	CELL_MAX = 32767,       /* UTF-16 units in a cell */
	ROWS_MAX = 1048576,
	COLS_MAX = 16384,
	COL_WIDTH_MIN = 4,      /* in widths of a digit */
	COL_WIDTH_MAX = 60,
	PAPER_A4 = 9,
	CHART_ROWS = 15,        /* bars that fit in a chart of the usual size */
};

static const char footer[] = "&C第 &P 页 共 &N 页";

struct sheet {
	char *name;
	const char *path;
	struct table *t;
	double *width;          /* per column */
	int chart_col;          /* -1: no chart */
};

struct book {
	const char *out;
	const char *title;
	const char *chart_sheet;  /* --chart SHEET:COLUMN, or NULL */
	const char *chart_col;    /* NULL: no --chart */
	struct sheet *sheets;
	size_t n;
};

/* Characters a sheet name may not hold. */
static const char bad_sheet_chars[] = "[]:*?/\\";

/* Excel counts the length of a name or a cell in UTF-16 units: a
 * character past U+FFFF takes two. */
static size_t
utf16_units(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n;) {
		uint32_t cp;

		i += utf8_next(s + i, n - i, &cp);
		k += cp > 0xFFFF ? 2 : 1;
	}
	return k;
}

/* The bytes of s's first characters that take at most max units. */
static size_t
utf16_prefix(const char *s, size_t n, size_t max)
{
	size_t i = 0, k = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = utf8_next(s + i, n - i, &cp);

		if ((k += cp > 0xFFFF ? 2 : 1) > max)
			break;
		i += len;
	}
	return i;
}

/* Why name cannot name a sheet, or NULL if it can. */
static const char *
sheet_name_fault(const char *name)
{
	size_t n = strlen(name);

	if (n == 0)
		return "is empty";
	if (utf16_units(name, n) > SHEET_NAME_MAX)
		return "is longer than 31 characters";
	if (strpbrk(name, bad_sheet_chars))
		return "holds one of [ ] : * ? / \\";
	if (name[0] == '\'' || name[n - 1] == '\'')
		return "begins or ends with '";
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20)
			return "holds a control character";
	return NULL;
}

/* A sheet named after a file: its base name without the extension, made
 * into a name Excel takes (the characters it refuses become _). */
static char *
sheet_name_of(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t n;
	char *name;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	n = utf16_prefix(base, n, SHEET_NAME_MAX);
	name = xstrndup(base, n);
	for (char *p = name; *p; p++)
		if (strchr(bad_sheet_chars, *p) || (unsigned char)*p < 0x20)
			*p = '_';
	if (name[0] == '\'')
		name[0] = '_';
	if (n && name[n - 1] == '\'')
		name[n - 1] = '_';
	return name;
}

/* Excel takes no two sheets whose names differ only in case. */
static bool
same_sheet_name(const char *a, const char *b)
{
	return sv_caseeq(sv_of(a), b);
}

/* NAME=FILE, when what is before the = names no folder; else FILE. */
static void
parse_operand(struct sheet *s, const char *arg, const char *out)
{
	const char *eq = strchr(arg, '=');

	if (eq && !memchr(arg, '/', (size_t)(eq - arg))) {
		const char *why;

		s->name = xstrndup(arg, (size_t)(eq - arg));
		s->path = eq + 1;
		if ((why = sheet_name_fault(s->name)))
			usage_error("sheet name '%s' %s (expected a name Excel takes)",
			    s->name, why);
		if (!*s->path)
			usage_error("no file after %s= (expected NAME=FILE)", s->name);
	} else {
		s->path = arg;
		/* Standard input has no name: the sheet takes the workbook's. */
		s->name = sheet_name_of(strcmp(arg, "-") == 0 ? out : arg);
	}
}

static void
check_names(struct book *b)
{
	bool stdin_seen = false;

	for (size_t i = 0; i < b->n; i++) {
		struct sheet *s = &b->sheets[i];

		if (!*s->name) {
			free(s->name);
			s->name = xmalloc(32);
			snprintf(s->name, 32, "Sheet%zu", i + 1);
		}
		if (strcmp(s->path, "-") == 0) {
			if (stdin_seen)
				usage_error("standard input named twice (expected it once)");
			stdin_seen = true;
		}
		for (size_t j = 0; j < i; j++)
			if (same_sheet_name(b->sheets[j].name, s->name))
				usage_error("two sheets named %s (expected NAME=FILE to tell "
				    "them apart)", s->name);
	}
}

/* A cell's text must fit in a cell; a sheet's rows and columns in a sheet. */
static void
check_fits(const struct sheet *s, const struct table *t, size_t header_row)
{
	if (table_cols(t) > COLS_MAX)
		die(EXIT_DATAERR, "%s: %zu columns (expected at most %d, what a sheet "
		    "holds)", s->path, table_cols(t), COLS_MAX);
	if (table_rows(t) + header_row + 1 > ROWS_MAX)
		die(EXIT_DATAERR, "%s: %zu rows (expected at most %zu under the header, "
		    "what a sheet holds)", s->path, table_rows(t),
		    (size_t)ROWS_MAX - header_row - 1);
	for (size_t i = 0; i <= table_rows(t); i++)
		for (size_t c = 0; c < table_cols(t); c++) {
			struct sv v = table_cell(t, i, c);

			if (v.n > CELL_MAX && utf16_units(v.p, v.n) > CELL_MAX)
				die(EXIT_DATAERR, "%s:%ld: a value longer than %d characters "
				    "in column %zu (expected what a cell holds)", s->path,
				    table_line(t, i), CELL_MAX, c + 1);
		}
}

/* Excel's column width is in widths of a digit: a CJK character takes two. */
static void
size_columns(struct sheet *s)
{
	const struct table *t = s->t;

	s->width = xcalloc(table_cols(t) ? table_cols(t) : 1, sizeof *s->width);
	for (size_t c = 0; c < table_cols(t); c++) {
		size_t w = 0;

		for (size_t i = 0; i <= table_rows(t); i++) {
			size_t k = width_sv(table_cell(t, i, c), NULL);

			if (k > w)
				w = k;
		}
		/* Room for the margins, and for the header's filter button. */
		w += 3;
		s->width[c] = w < COL_WIDTH_MIN ? COL_WIDTH_MIN : w > COL_WIDTH_MAX ?
		    COL_WIDTH_MAX : (double)w;
	}
}

/* --chart: the column of each sheet that it names, a column of numbers. */
static void
find_chart(struct book *b)
{
	bool found = false;

	for (size_t i = 0; i < b->n; i++) {
		struct sheet *s = &b->sheets[i];
		const struct table *t = s->t;

		s->chart_col = -1;
		if (!b->chart_col)
			continue;
		if (b->chart_sheet && !same_sheet_name(b->chart_sheet, s->name))
			continue;
		for (size_t c = 0; c < table_cols(t); c++) {
			if (!header_matches(table_cell(t, 0, c), b->chart_col))
				continue;
			if (s->chart_col >= 0)
				die(EXIT_DATAERR, "%s:%ld: columns %d and %zu both name %s "
				    "(expected one column to chart)", s->path, table_line(t, 0),
				    s->chart_col + 1, c + 1, b->chart_col);
			s->chart_col = (int)c;
		}
		if (s->chart_col < 0) {
			if (b->chart_sheet)
				die(EXIT_DATAERR, "%s:%ld: missing column %s (expected a "
				    "column to chart on sheet %s)", s->path, table_line(t, 0),
				    b->chart_col, s->name);
			continue;
		}
		if (!table_numeric(t, (size_t)s->chart_col))
			die(EXIT_DATAERR, "%s: column %s is not numbers (expected numbers "
			    "such as 87.33 to chart)", s->path, b->chart_col);
		found = true;
	}
	if (b->chart_col && !found) {
		if (b->chart_sheet)
			usage_error("--chart %s:%s: no sheet named %s", b->chart_sheet,
			    b->chart_col, b->chart_sheet);
		die(EXIT_DATAERR, "no sheet has a column %s (expected the column "
		    "--chart names)", b->chart_col);
	}
}

/* The first failure of a libxlsxwriter call, kept: the sheet is built to
 * the end (no allocation of ours, no exit), then the error is said. */
static lxw_error
keep(lxw_error *first, lxw_error e)
{
	if (*first == LXW_NO_ERROR)
		*first = e;
	return e;
}

#define NEED(p) ((p) ? (void)0 : (void)keep(&err, LXW_ERROR_MEMORY_MALLOC_FAILED))

static bool
has_negative(const struct table *t, size_t col)
{
	for (size_t i = 1; i <= table_rows(t); i++)
		if (sv_trim(table_cell(t, i, col)).p[0] == '-')
			return true;
	return false;
}

static lxw_error
add_chart(lxw_workbook *wb, lxw_worksheet *ws, const struct sheet *s,
    lxw_row_t header)
{
	const struct table *t = s->t;
	lxw_row_t first = header + 1, last = header + (lxw_row_t)table_rows(t);
	lxw_col_t col = (lxw_col_t)s->chart_col;
	lxw_chart_options opt = { .x_scale = 1, .y_scale = 1 };
	lxw_error err = LXW_NO_ERROR;
	lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_BAR);
	lxw_chart_series *se;

	NEED(ch);
	if (!ch)
		return err;
	se = chart_add_series(ch, NULL, NULL);
	NEED(se);
	if (se) {
		chart_series_set_categories(se, s->name, first, 0, last, 0);
		chart_series_set_values(se, s->name, first, col, last, col);
		chart_series_set_name_range(se, s->name, header, col);
		/* The number at the end of each bar, as the table writes it. */
		chart_series_set_labels(se);
	}
	chart_title_set_name_range(ch, s->name, header, col);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	/* In a bar chart the categories run up the y axis: reversed, the
	 * first row is at the top, as in the table. Bars of numbers that are
	 * none below zero start at zero, so that their lengths compare. */
	chart_axis_set_reverse(ch->y_axis);
	if (!has_negative(t, (size_t)s->chart_col))
		chart_axis_set_min(ch->x_axis, 0);
	if (table_rows(t) > CHART_ROWS)
		opt.y_scale = (double)table_rows(t) / CHART_ROWS;
	keep(&err, worksheet_insert_chart_opt(ws, header,
	    (lxw_col_t)table_cols(t) + 1, ch, &opt));
	return err;
}

static lxw_error
add_sheet(lxw_workbook *wb, const struct book *b, const struct sheet *s,
    lxw_format *bold, lxw_format *title)
{
	const struct table *t = s->t;
	lxw_col_t ncols = (lxw_col_t)table_cols(t);
	lxw_row_t header = b->title ? 1 : 0, last = header + (lxw_row_t)table_rows(t);
	lxw_error err = LXW_NO_ERROR;
	lxw_worksheet *ws = workbook_add_worksheet(wb, s->name);

	NEED(ws);
	if (!ws)
		return err;
	if (b->title) {
		if (ncols > 1)
			keep(&err, worksheet_merge_range(ws, 0, 0, 0, ncols - 1, b->title,
			    title));
		else
			keep(&err, worksheet_write_string(ws, 0, 0, b->title, title));
	}
	for (lxw_col_t c = 0; c < ncols; c++) {
		struct sv h = table_cell(t, 0, c);

		keep(&err, worksheet_set_column(ws, c, c, s->width[c], NULL));
		if (h.n)
			keep(&err, worksheet_write_string(ws, header, c, h.p, bold));
	}
	for (size_t i = 1; i <= table_rows(t); i++)
		for (lxw_col_t c = 0; c < ncols; c++) {
			struct sv v = table_cell(t, i, c);
			lxw_row_t row = header + (lxw_row_t)i;
			double x;

			if (sv_trim(v).n == 0)
				continue;
			if (table_numeric(t, c) && num_parse(v, &x))
				keep(&err, worksheet_write_number(ws, row, c, x, NULL));
			else
				keep(&err, worksheet_write_string(ws, row, c, v.p, NULL));
		}
	worksheet_freeze_panes(ws, header + 1, 0);
	if (ncols)
		keep(&err, worksheet_autofilter(ws, header, 0, last, ncols - 1));
	worksheet_set_paper(ws, PAPER_A4);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	keep(&err, worksheet_repeat_rows(ws, header, header));
	keep(&err, worksheet_set_footer(ws, footer));
	if (s->chart_col >= 0)
		keep(&err, add_chart(wb, ws, s, header));
	return err;
}

/* Builds the workbook into path. Calls nothing that exits: a failure is
 * returned, so that the caller removes the file before it says why. */
static lxw_error
write_book(const struct book *b, const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_error err = LXW_NO_ERROR;
	lxw_format *bold, *title;

	if (!wb)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	bold = workbook_add_format(wb);
	title = workbook_add_format(wb);
	NEED(bold);
	NEED(title);
	if (bold)
		format_set_bold(bold);
	if (title) {
		format_set_bold(title);
		format_set_font_size(title, 14);
		format_set_align(title, LXW_ALIGN_CENTER);
	}
	for (size_t i = 0; i < b->n && err == LXW_NO_ERROR; i++)
		keep(&err, add_sheet(wb, b, &b->sheets[i], bold, title));
	if (err != LXW_NO_ERROR) {
		lxw_workbook_free(wb);
		return err;
	}
	errno = 0;
	return workbook_close(wb);
}

/* libxlsxwriter says what went wrong on stderr itself, in lines of its
 * own; the one line of diag is what the user reads. Returns the saved
 * stderr, -1 if it could not be put aside. */
static int
quiet_stderr(void)
{
	int saved, null;

	fflush(stderr);
	if ((saved = dup(STDERR_FILENO)) < 0)
		return -1;
	if ((null = open("/dev/null", O_WRONLY)) < 0 || dup2(null, STDERR_FILENO) < 0) {
		if (null >= 0)
			close(null);
		close(saved);
		return -1;
	}
	close(null);
	return saved;
}

static void
restore_stderr(int saved)
{
	if (saved < 0)
		return;
	dup2(saved, STDERR_FILENO);
	close(saved);
}

static void
write_out(const struct book *b)
{
	lxw_error err;
	int saved, e;

	/* A temporary file beside FILE, which a failure or a signal (a
	 * crash too: libxlsxwriter 1.1.4 does not survive every failed
	 * allocation) removes. */
	close(outfile_open(b->out));
	saved = quiet_stderr();
	err = write_book(b, outfile_temp());
	e = errno;
	restore_stderr(saved);
	/* On the disk before it takes FILE's place, as the common -o does;
	 * a failure there is a write error on FILE. */
	if (err == LXW_NO_ERROR) {
		switch (outfile_commit()) {
		case OUTFILE_OK:
			break;
		case OUTFILE_WRITE:
			e = errno;
			err = LXW_ERROR_ZIP_FILE_OPERATION;
			break;
		case OUTFILE_RENAME:
			e = errno;
			err = LXW_ERROR_CREATING_XLSX_FILE;
			break;
		}
	}
	if (err != LXW_NO_ERROR)
		outfile_drop();
	errno = e;
	switch (err) {
	case LXW_NO_ERROR:
		return;
	case LXW_ERROR_MEMORY_MALLOC_FAILED:
		die(EXIT_OSERR, "out of memory");
	case LXW_ERROR_CREATING_XLSX_FILE:
		if (e)
			die_errno(EXIT_IOERR, "cannot create %s", b->out);
		die(EXIT_IOERR, "cannot create %s", b->out);
	default:
		if (e)
			die_errno(EXIT_IOERR, "write error on %s", b->out);
		die(EXIT_IOERR, "write error on %s (%s)", b->out, lxw_strerror(err));
	}
}

/* The workbook replaces FILE: FILE may not be the --rejects file (found
 * out before that is emptied), nor an input (once they are all open). */
static void
check_out_rejects(const struct book *b)
{
	const char *rj = common_args.rejects;
	struct stat os, rs;

	if (rj && (strcmp(rj, b->out) == 0 || (stat(b->out, &os) == 0 &&
	    stat(rj, &rs) == 0 && os.st_dev == rs.st_dev && os.st_ino == rs.st_ino)))
		die(EXIT_USAGE, "-o %s is also the --rejects file (expected a file of "
		    "its own for the workbook)", b->out);
}

static void
check_out_inputs(const struct book *b)
{
	if (csvr_is_input(b->out))
		die(EXIT_USAGE, "-o %s is also an input file (expected a file of its "
		    "own for the workbook)", b->out);
}

int
main(int argc, char **argv)
{
	struct book b = { 0 };
	char *colon;
	int c;

	cli_init(argc, argv, synopsis, help);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_CHART:
			free((char *)b.chart_sheet);
			b.chart_col = optarg;
			b.chart_sheet = NULL;
			/* A sheet's name holds no ':', so the first one ends it. */
			if ((colon = strchr(optarg, ':')) && colon > optarg) {
				b.chart_sheet = xstrndup(optarg, (size_t)(colon - optarg));
				b.chart_col = colon + 1;
			}
			if (!*b.chart_col)
				usage_error("--chart %s names no column (expected [SHEET:]COLUMN)",
				    optarg);
			break;
		case OPT_TITLE:
			b.title = optarg;
			break;
		case 'o':
			/* Taken here, not by cli_common: a workbook is no stream
			 * on standard output but a file libxlsxwriter writes (in
			 * a temporary file of its own, write_out). */
			b.out = optarg;
			break;
		default:
			if (!cli_common(c, optarg))
				usage();
		}
	}
	cli_finish();
	if (!b.out)
		usage_error("-o FILE is required (expected the workbook to write)");
	if (!*b.out || strcmp(b.out, "-") == 0)
		usage_error("-o takes a file name (a workbook is not written to "
		    "standard output)");
	if (b.title && (strlen(b.title) > CELL_MAX || !*b.title))
		usage_error("--title takes a text of 1 to %d bytes", CELL_MAX);

	b.n = optind < argc ? (size_t)(argc - optind) : 1;
	b.sheets = xcalloc(b.n, sizeof *b.sheets);
	for (size_t i = 0; i < b.n; i++)
		parse_operand(&b.sheets[i], optind < argc ? argv[optind + i] : "-", b.out);
	check_names(&b);
	check_out_rejects(&b);

	for (size_t i = 0; i < b.n; i++) {
		struct sheet *s = &b.sheets[i];
		struct csvr *r = table_open(s->path);

		if (i == 0)
			rejects_open(common_args.rejects, r);
		s->t = table_read(r);
		csvr_close(r);
		check_fits(s, s->t, b.title ? 1 : 0);
		size_columns(s);
	}
	check_out_inputs(&b);
	find_chart(&b);

	write_out(&b);
	/* Said last: a program that fails says one line, its failure. */
	rejects_close();
	for (size_t i = 0; i < b.n; i++) {
		free(b.sheets[i].name);
		free(b.sheets[i].width);
		table_free(b.sheets[i].t);
	}
	free(b.sheets);
	free((char *)b.chart_sheet);
	return EXIT_OK;
}
