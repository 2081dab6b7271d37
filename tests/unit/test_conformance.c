/*
 * The CSV reader against the fixtures of tests/conformance/: the cases the
 * public CSV test suites cover (quoted commas and line ends, doubled
 * quotes, CRLF inside fields, no final line end, empty fields, one-column
 * files, four-byte UTF-8, the malformed files that must be refused) and
 * the reader's own choices (spaces kept, blank lines skipped, a bare CR
 * ending a row).
 *
 * Each NAME.csv has a NAME.want that says what the reader must hand out,
 * one line each:
 *
 *   # a comment                 (what the fixture proves)
 *   LINE|field|field...         a row (the header first) and the physical
 *                               line it starts on; in a field \n \r \t \\
 *                               \| and \xHH stand for those bytes
 *   error FILE:LINE: words      reading stops, exit status 65, and standard
 *                               error begins "PROG: FILE:LINE: words"
 *   delim C | delim TAB         read with -d C or -t
 *   encoding gb18030            read with --encoding gb18030
 *
 * Every fixture is read at every chunk size from one byte to the whole:
 * every field and every row's line must come out the same each time.
 * The folder is $CONFORMANCE_DIR, or tests/conformance next to this file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "diag.h"

#include "catch_exit.h"

struct exprow {
	long line;
	size_t n;
	struct sv *f;
};

struct fixture {
	char *name;             /* NAME.csv */
	char *csv;
	size_t len;
	bool have_csv, have_want;
	unsigned char delim;
	bool gb18030;
	char *error;            /* stderr after "prog: ", or NULL */
	struct exprow *rows;
	size_t nrows;
	char problem[8192];     /* a fault of the fixture itself */
};

static const char *dir;

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, k;

	if (!fp)
		return NULL;
	do {
		if (cap - n < 4096)
			buf = xrealloc(buf, cap = cap ? 2 * cap : 8192);
		k = fread(buf + n, 1, cap - n - 1, fp);
		n += k;
	} while (k > 0);
	fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* One expected row, "LINE|f|f...", unescaped into fresh fields. */
static bool
parse_row(struct fixture *fx, const char *s, const char *e)
{
	struct exprow *r;
	char *line_end;
	char *buf, *o;

	fx->rows = xrealloc(fx->rows, (fx->nrows + 1) * sizeof *fx->rows);
	r = &fx->rows[fx->nrows];
	r->line = strtol(s, &line_end, 10);
	if (line_end == s || line_end >= e || *line_end != '|' || r->line < 1)
		return false;
	fx->nrows++;
	s = line_end + 1;
	r->n = 1;
	r->f = NULL;
	/* Fields are unescaped one after another into one buffer. */
	o = buf = xmalloc(e - s + 1);
	r->f = xrealloc(r->f, sizeof *r->f);
	r->f[0] = (struct sv){ o, 0 };
	while (s < e) {
		char c = *s++;

		if (c == '|') {
			r->f[r->n - 1].n = o - r->f[r->n - 1].p;
			r->f = xrealloc(r->f, (r->n + 1) * sizeof *r->f);
			r->f[r->n++] = (struct sv){ o, 0 };
			continue;
		}
		if (c == '\\') {
			if (s == e)
				return false;
			c = *s++;
			switch (c) {
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case '\\': case '|': break;
			case 'x':
				if (e - s < 2 || hexval(s[0]) < 0 || hexval(s[1]) < 0)
					return false;
				c = (char)(hexval(s[0]) << 4 | hexval(s[1]));
				s += 2;
				break;
			default:
				return false;
			}
		}
		*o++ = c;
	}
	r->f[r->n - 1].n = o - r->f[r->n - 1].p;
	return true;
}

static void
parse_want(struct fixture *fx, const char *text, size_t len)
{
	const char *s = text, *end = text + len;
	int lineno = 0;

	fx->delim = ',';
	while (s < end && !fx->problem[0]) {
		const char *e = memchr(s, '\n', end - s);
		size_t n;

		if (!e)
			e = end;
		n = e - s;
		lineno++;
		if (n == 0 || s[0] == '#')
			;
		else if (n > 6 && memcmp(s, "error ", 6) == 0)
			fx->error = xstrndup(s + 6, n - 6);
		else if (n == 9 && memcmp(s, "delim TAB", 9) == 0)
			fx->delim = '\t';
		else if (n == 7 && memcmp(s, "delim ", 6) == 0)
			fx->delim = (unsigned char)s[6];
		else if (n == 16 && memcmp(s, "encoding gb18030", 16) == 0)
			fx->gb18030 = true;
		else if (!parse_row(fx, s, e))
			snprintf(fx->problem, sizeof fx->problem,
			    "%.*s.want:%d: not a row, error or setting", (int)strlen(
			    fx->name) - 4, fx->name, lineno);
		s = e + 1;
	}
	if (!fx->problem[0] && !fx->error == !fx->nrows)
		snprintf(fx->problem, sizeof fx->problem, "%s: the .want must "
		    "list rows (the header first) or one error, not %s", fx->name,
		    fx->error ? "both" : "neither");
}

static struct fixture *
load(const char *name)
{
	struct fixture *fx = xcalloc(1, sizeof *fx);
	char path[4096];
	char *want;
	size_t wlen;

	fx->name = xstrdup(name);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	fx->csv = slurp(path, &fx->len);
	if (!fx->csv) {
		snprintf(fx->problem, sizeof fx->problem, "cannot read %s", path);
		return fx;
	}
	snprintf(path, sizeof path, "%s/%.*s.want", dir, (int)strlen(name) - 4, name);
	want = slurp(path, &wlen);
	if (!want) {
		snprintf(fx->problem, sizeof fx->problem, "cannot read %s "
		    "(every fixture needs its expectation)", path);
		return fx;
	}
	parse_want(fx, want, wlen);
	free(want);
	return fx;
}

static void
unload(struct fixture *fx)
{
	for (size_t i = 0; i < fx->nrows; i++) {
		if (fx->rows[i].n)
			free((char *)fx->rows[i].f[0].p);
		free(fx->rows[i].f);
	}
	free(fx->rows);
	free(fx->error);
	free(fx->csv);
	free(fx->name);
	free(fx);
}

/* One read at one chunk size. Runs under catch_exit, so it only records
 * the first difference (no cmocka assertions in here). */
struct job {
	const struct fixture *fx;
	size_t chunk;
	struct csvr *r;
	char diff[512];
};

static bool
row_differs(struct job *j, const struct csvrow *row, size_t idx)
{
	const struct exprow *w = &j->fx->rows[idx];

	if (row->line != w->line)
		snprintf(j->diff, sizeof j->diff, "row %zu starts on line %ld, "
		    "expected %ld", idx + 1, row->line, w->line);
	else if (row->n != w->n)
		snprintf(j->diff, sizeof j->diff, "row %zu (line %ld): %zu fields, "
		    "expected %zu", idx + 1, w->line, row->n, w->n);
	else
		for (size_t i = 0; i < w->n; i++)
			if (!sv_eq(row->f[i], w->f[i])) {
				snprintf(j->diff, sizeof j->diff, "row %zu (line %ld), "
				    "field %zu: '%.*s', expected '%.*s'", idx + 1, w->line,
				    i + 1, (int)row->f[i].n, row->f[i].p, (int)w->f[i].n,
				    w->f[i].p);
				break;
			}
	return j->diff[0] != '\0';
}

static void
read_fixture(void *arg)
{
	struct job *j = arg;
	struct csvrow *row;
	size_t i = 1;

	j->r = csvr_open_mem(j->fx->name, j->fx->csv, j->fx->len, j->chunk);
	if (!j->fx->error && row_differs(j, csvr_header(j->r), 0))
		return;
	while (csvr_next(j->r, &row)) {
		if (j->fx->error)
			continue;
		if (i == j->fx->nrows) {
			snprintf(j->diff, sizeof j->diff, "a row on line %ld, expected "
			    "only %zu rows", row->line, j->fx->nrows);
			return;
		}
		if (row_differs(j, row, i))
			return;
		i++;
	}
	if (j->fx->error)
		return;
	if (i != j->fx->nrows)
		snprintf(j->diff, sizeof j->diff, "%zu rows, expected %zu", i,
		    j->fx->nrows);
	else if (csvr_next(j->r, &row))
		snprintf(j->diff, sizeof j->diff, "a row after the end");
}

static void
test_fixture(void **state)
{
	const struct fixture *fx = *state;
	char prefix[600];

	if (fx->problem[0])
		fail_msg("%s", fx->problem);
	csv_settings.delim = fx->delim;
	csv_settings.encoding = fx->gb18030 ? ENC_GB18030 : ENC_AUTO;
	if (fx->error)
		snprintf(prefix, sizeof prefix, "prog: %s", fx->error);
	for (size_t chunk = 1; chunk <= (fx->len ? fx->len : 1); chunk++) {
		struct job j = { .fx = fx, .chunk = chunk };
		struct caught c;

		catch_exit(read_fixture, &j, &c);
		csvr_close(j.r);
		if (fx->error) {
			if (c.status != EXIT_DATAERR || strncmp(c.err, prefix,
			    strlen(prefix)) != 0)
				fail_msg("%s, chunk %zu: status %d, stderr '%s'; expected "
				    "%d, '%s...'", fx->name, chunk, c.status, c.err,
				    EXIT_DATAERR, prefix);
			assert_caught(&c, EXIT_DATAERR, prefix, NULL);
		} else if (c.status != -1)
			fail_msg("%s, chunk %zu: exit %d: %s", fx->name, chunk, c.status,
			    c.err);
		else if (j.diff[0])
			fail_msg("%s, chunk %zu: %s", fx->name, chunk, j.diff);
	}
}

static int
reset_settings(void **state)
{
	(void)state;
	csv_settings = (struct csv_settings){ .delim = ',',
	    .max_field = CSV_MAX_FIELD_DEFAULT };
	return 0;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcmp(s + n - k, suffix) == 0;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int
main(void)
{
	static char here[4096];
	struct dirent **ents;
	struct CMUnitTest *tests;
	struct fixture **fxs;
	size_t nt = 0;
	int n, rc;

	progname = "prog";
	if (!(dir = getenv("CONFORMANCE_DIR"))) {
		const char *slash = strrchr(__FILE__, '/');

		snprintf(here, sizeof here, "%.*s../conformance",
		    slash ? (int)(slash - __FILE__ + 1) : 0, __FILE__);
		dir = here;
	}
	if ((n = scandir(dir, &ents, NULL, by_name)) < 0) {
		fprintf(stderr, "test_conformance: cannot read %s: %s\n", dir,
		    strerror(errno));
		return 1;
	}
	tests = xcalloc(n + 1, sizeof *tests);
	fxs = xcalloc(n + 1, sizeof *fxs);
	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		char csv[1024];

		/* A .want without its .csv is loaded under the .csv's name and
		 * fails there. */
		if (ends_with(name, ".csv"))
			snprintf(csv, sizeof csv, "%s", name);
		else if (ends_with(name, ".want"))
			snprintf(csv, sizeof csv, "%.*s.csv", (int)strlen(name) - 5, name);
		else
			continue;
		if (nt && strcmp(fxs[nt - 1]->name, csv) == 0)
			continue;
		fxs[nt] = load(csv);
		tests[nt] = (struct CMUnitTest){ fxs[nt]->name, test_fixture, NULL,
		    reset_settings, fxs[nt] };
		nt++;
	}
	if (nt == 0) {
		fprintf(stderr, "test_conformance: no fixtures in %s\n", dir);
		return 1;
	}
	rc = _cmocka_run_group_tests("conformance", tests, nt, NULL, NULL);
	for (size_t i = 0; i < nt; i++)
		unload(fxs[i]);
	for (int i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	free(fxs);
	free(tests);
	return rc;
}
