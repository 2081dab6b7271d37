#include "schema.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "diag.h"
#include "numfmt.h"
#include "rejects.h"
#include "rules.h"

/* The header: a row that names every required column. */
static bool
names_required(const struct csvrow *h, void *arg)
{
	const struct schema *sc = arg;

	for (size_t i = 0; i < sc->ncols; i++) {
		bool found = false;

		if (!(sc->cols[i].flags & COL_REQUIRED))
			continue;
		for (size_t k = 0; k < h->n && !found; k++)
			found = header_matches(h->f[k], sc->cols[i].name);
		if (!found)
			return false;
	}
	return true;
}

/* Opens file k of the input and finds its columns. */
static void
open_file(struct sreader *s, size_t k)
{
	const struct schema *sc = s->sc;
	int *col = s->cols + k * sc->ncols;

	s->rs[k] = csvr_open_find(s->paths[k], names_required, (void *)sc);
	for (size_t i = 0; i < sc->ncols; i++)
		col[i] = sc->cols[i].flags & COL_REQUIRED ?
		    csvr_need(s->rs[k], sc->cols[i].name) :
		    csvr_col(s->rs[k], sc->cols[i].name);
}

void
sreader_open_all(struct sreader *s, const struct schema *sc,
    const char *const *paths, size_t n, const struct roster *ro)
{
	static const char *const std_in[] = { "-" };

	if (n == 0) {
		paths = std_in;
		n = 1;
	}
	for (size_t k = 0, stdin_seen = 0; k < n; k++)
		if (strcmp(paths[k], "-") == 0 && stdin_seen++)
			die(EXIT_USAGE, "standard input named twice (expected '-' once "
			    "among the input files)");
	*s = (struct sreader){ .sc = sc, .roster = ro, .npaths = n };
	s->paths = xcalloc(n, sizeof *s->paths);
	memcpy(s->paths, paths, n * sizeof *paths);
	s->rs = xcalloc(n, sizeof *s->rs);
	s->cols = xcalloc(n * sc->ncols, sizeof *s->cols);
	s->v = xcalloc(sc->ncols, sizeof *s->v);
	s->roster_col = -1;
	for (size_t i = 0; i < sc->ncols; i++) {
		if (sc->cols[i].flags & COL_KEY)
			s->has_key = true;
		if (sc->cols[i].flags & COL_ROSTER)
			s->roster_col = (int)i;
	}
	/* Every file now, so that one missing, or a column missing from one,
	 * stops the program before it has read anything. */
	for (size_t k = 0; k < n; k++)
		open_file(s, k);
	s->r = s->rs[0];
	s->col = s->cols;
}

void
sreader_open(struct sreader *s, const struct schema *sc, const char *path,
    const struct roster *ro)
{
	const char *one = path ? path : "-";

	sreader_open_all(s, sc, &one, 1, ro);
}

bool
sreader_has(const struct sreader *s, size_t i)
{
	return s->col[i] >= 0;
}

void
sreader_close(struct sreader *s)
{
	for (size_t k = 0; k < s->npaths; k++)
		csvr_close(s->rs[k]);
	free(s->rs);
	free(s->paths);
	strmap_free(&s->keys);
	free(s->cols);
	free(s->v);
	free(s->key);
	*s = (struct sreader){ 0 };
}

/* What a value of the column is, for "(expected ...)". */
static const char *
expect(const struct colspec *c, char *buf, size_t cap)
{
	if (c->expect)
		return c->expect;
	switch (c->kind) {
	case COL_ID:
	case COL_TEXT:
		snprintf(buf, cap, "a %s", c->name);
		break;
	case COL_CODE:
	case COL_LIST:
		if (c->kind == COL_LIST)
			snprintf(buf, cap, "codes from %s, separated by ; ； ， or 、",
			    code_list(c->codes));
		else
			snprintf(buf, cap, "one of %s", code_list(c->codes));
		break;
	case COL_DATE:
		snprintf(buf, cap, "a date such as 2018-03-01");
		break;
	case COL_MONTH:
		snprintf(buf, cap, "a month such as 2018-03");
		break;
	case COL_YEAR:
		snprintf(buf, cap, "a year such as 2018");
		break;
	case COL_NUM: {
		char lo[32], hi[32];

		num_format(c->min, lo);
		num_format(c->max_rule ? rule_num(c->max_rule - 1) : c->max, hi);
		snprintf(buf, cap, "a number from %s to %s", lo, hi);
		break;
	}
	case COL_COUNT:
		snprintf(buf, cap, "a whole number of 0 or more");
		break;
	case COL_YESNO:
		snprintf(buf, cap, "yes or no");
		break;
	}
	return buf;
}

/*
 * Whether the number written in s, whose nearest double is d, lies in
 * [min, max], compared as decimals. Rounding to the nearest double keeps
 * order, so d below or above a bound says so of s; only d equal to one
 * needs the digits (60.0000000000000001 is above 60).
 */
static bool
in_range(struct sv s, double d, double min, double max)
{
	if (d < min || d > max)
		return false;
	if (d > min && d < max)
		return true;
	return num_cmp(s, min) >= 0 && num_cmp(s, max) <= 0;
}

/* A bad row: to the reader's own hook, or bad_row(). */
static void __attribute__((format(printf, 2, 3)))
report(struct sreader *s, const char *fmt, ...)
{
	char *msg;
	va_list ap;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (s->on_bad)
		s->on_bad(s, msg);
	else
		bad_row(s->r, s->row, "%s", msg);
	free(msg);
}

/* Reads the value of spec i into s->v[i]; false after a report(). Inline:
 * it runs for every column of every row. */
static inline __attribute__((always_inline)) bool
read_value(struct sreader *s, size_t i)
{
	const struct colspec *c = &s->sc->cols[i];
	struct value *v = &s->v[i];
	char buf[2048];
	int rc;

	v->s = c->kind == COL_TEXT ? row_text(s->row, s->col[i]) :
	    row_val(s->row, s->col[i]);
	if (v->s.n == 0) {
		if (c->flags & COL_VALUE) {
			report(s, "empty %s (expected %s)", c->name,
			    expect(c, buf, sizeof buf));
			return false;
		}
		memset(&v->u, 0, sizeof v->u);
		if (c->kind == COL_CODE || c->kind == COL_YESNO)
			v->u.code = -1;
		return true;
	}
	switch (c->kind) {
	case COL_ID:
	case COL_TEXT:
		return true;
	case COL_CODE:
		if ((v->u.code = code_find(c->codes, v->s)) >= 0)
			return true;
		report(s, "unknown %s '%.*s' (expected %s)", c->name,
		    (int)v->s.n, v->s.p, expect(c, buf, sizeof buf));
		return false;
	case COL_LIST: {
		struct sv bad;

		if (code_list_parse(c->codes, v->s, &v->u.bits, &bad) == 0)
			return true;
		report(s, "unknown code '%.*s' in %s '%.*s' (expected %s)",
		    (int)bad.n, bad.p, c->name, (int)v->s.n, v->s.p,
		    expect(c, buf, sizeof buf));
		return false;
	}
	case COL_DATE:
		if ((rc = date_parse(v->s, &v->u.date)) == DATE_OK)
			return true;
		if (rc == DATE_IMPOSSIBLE)
			report(s, "impossible %s '%.*s' (expected a day that "
			    "exists in the calendar)", c->name, (int)v->s.n, v->s.p);
		else
			report(s, "bad %s '%.*s' (expected %s%s)", c->name,
			    (int)v->s.n, v->s.p, expect(c, buf, sizeof buf),
			    c->flags & COL_VALUE ? "" : ", or empty");
		return false;
	case COL_MONTH:
		if (month_parse(v->s, &v->u.month) == DATE_OK)
			return true;
		break;
	case COL_YEAR:
		if (year_parse(v->s, &v->u.year) == DATE_OK)
			return true;
		break;
	case COL_NUM: {
		double max = c->max_rule ? rule_num(c->max_rule - 1) : c->max;

		if (num_read(v->s, &v->u.num) && in_range(v->s, v->u.num, c->min, max))
			return true;
		break;
	}
	case COL_COUNT: {
		double d;

		/* A whole number, maybe with its unit: 3, 3天. */
		if (num_read(v->s, &d) && d >= 0 && d <= 1e9 && d == (double)(long)d &&
		    !memchr(v->s.p, '.', v->s.n)) {
			v->u.count = (long)d;
			return true;
		}
		break;
	}
	case COL_YESNO:
		if ((v->u.yes = yesno_parse(v->s)) >= 0)
			return true;
		break;
	}
	report(s, "bad %s '%.*s' (expected %s)", c->name, (int)v->s.n,
	    v->s.p, expect(c, buf, sizeof buf));
	return false;
}

/* Appends the key part of spec i: a value as the program reads it, so
 * that 2018/3/1 and 2018-03-01 are one day. */
static void
key_part(struct sreader *s, size_t i, size_t *n, char *show, size_t *shown,
    size_t cap)
{
	const struct value *v = &s->v[i];
	char d[DATE_BUF];
	struct sv part = v->s;

	if (s->sc->cols[i].kind == COL_DATE) {
		date_format(v->u.date, d);
		part = sv_of(d);
	} else if (s->sc->cols[i].kind == COL_MONTH) {
		month_format(v->u.month, d);
		part = sv_of(d);
	}
	if (*n + part.n + 1 > s->keycap) {
		s->keycap = 2 * (*n + part.n + 1);
		s->key = xrealloc(s->key, s->keycap);
	}
	memcpy(s->key + *n, part.p, part.n);
	*n += part.n;
	s->key[(*n)++] = '\x1f';
	if (*shown < cap)
		*shown += (size_t)snprintf(show + *shown, cap - *shown, "%s%s %.*s",
		    *shown ? " and " : "", s->sc->cols[i].name, (int)part.n, part.p);
}

/* A key's first row: its file's index times LINE_SPAN plus its line. */
#define LINE_SPAN ((size_t)1 << (sizeof(size_t) * 4))

/* Whether the row's key was seen before (a bad_row() then). */
static bool
key_seen(struct sreader *s)
{
	size_t n = 0, shown = 0, first;
	char show[1024];
	void **slot;

	show[0] = '\0';
	for (size_t i = 0; i < s->sc->ncols; i++)
		if (s->sc->cols[i].flags & COL_KEY)
			key_part(s, i, &n, show, &shown, sizeof show);
	if (n == 0)
		return false;
	slot = strmap_put(&s->keys, (struct sv){ s->key, n });
	if (!*slot) {
		*slot = (void *)(uintptr_t)(s->ipath * LINE_SPAN + (size_t)s->row->line);
		s->last_key = slot;
		return false;
	}
	first = (size_t)(uintptr_t)*slot;
	if (first / LINE_SPAN == s->ipath)
		report(s, "second row for %s (expected %s; first on line %zu)",
		    show, s->sc->key_expect, first % LINE_SPAN);
	else
		report(s, "second row for %s (expected %s; first in %s on line %zu)",
		    show, s->sc->key_expect, csvr_label(s->rs[first / LINE_SPAN]),
		    first % LINE_SPAN);
	return true;
}

void
sreader_forget(struct sreader *s)
{
	if (s->last_key)
		*s->last_key = NULL;
	s->last_key = NULL;
}

bool
sreader_next(struct sreader *s)
{
	s->last_key = NULL;
	for (;;) {
		size_t i;

		if (!csvr_next(s->r, &s->row)) {
			/* The next file, with its own header and columns. */
			if (s->ipath + 1 == s->npaths)
				return false;
			s->ipath++;
			s->r = s->rs[s->ipath];
			s->col = s->cols + s->ipath * s->sc->ncols;
			continue;
		}

		for (i = 0; i < s->sc->ncols; i++)
			if (!read_value(s, i))
				break;
		if (i < s->sc->ncols)
			continue;
		s->ref = NULL;
		if (s->roster_col >= 0 && s->roster && s->v[s->roster_col].s.n) {
			struct sv id = s->v[s->roster_col].s;

			if (!(s->ref = roster_find(s->roster, id))) {
				report(s, "cadre %.*s is not in the roster (expected a cadre "
				    "listed in %s)", (int)id.n, id.p, s->roster->label);
				continue;
			}
		}
		if (s->has_key && key_seen(s))
			continue;
		return true;
	}
}
