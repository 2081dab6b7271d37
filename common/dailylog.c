#include "dailylog.h"

#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "diag.h"
#include "rejects.h"

enum { L_ID, L_DATE, L_STATUS, L_NAME };

static const struct colspec log_cols[] = {
	[L_ID] = COL("cadre_id", COL_ID, COL_REQUIRED | COL_VALUE,
	    .expect = "the cadre's id"),
	[L_DATE] = COL("date", COL_DATE, COL_REQUIRED | COL_VALUE),
	[L_STATUS] = COL("status", COL_CODE, COL_REQUIRED | COL_VALUE,
	    status_codes),
	[L_NAME] = COL("name", COL_TEXT, 0),
};

static const struct schema log_schema = {
	log_cols, sizeof log_cols / sizeof *log_cols, NULL
};

void
dailylog_open(struct dailylog *l, const char *const *paths, size_t n)
{
	*l = (struct dailylog){ 0 };
	sreader_open_all(&l->s, &log_schema, paths, n, NULL);
	l->r = l->s.r;
}

size_t
dailylog_cadre(struct dailylog *l, struct sv id)
{
	bool added;
	size_t i = idindex_get(&l->ids, id, &added), had = l->nrefs;

	if (added && l->roster) {
		l->refs = idindex_fit(&l->ids, l->refs, sizeof *l->refs, &l->nrefs);
		for (size_t k = had; k < l->nrefs; k++)
			l->refs[k] = roster_find(l->roster, sv_of(idindex_id(&l->ids, k)));
	}
	if (added)
		l->days = idindex_fit(&l->ids, l->days, sizeof *l->days, &l->ndays);
	return i;
}

bool
dailylog_next(struct dailylog *l, struct logrow *out)
{
	while (sreader_next(&l->s)) {
		const struct value *v = l->s.v;

		l->r = l->s.r;
		out->row = l->s.row;
		out->id = v[L_ID].s;
		out->name = v[L_NAME].s;
		out->date = v[L_DATE].u.date;
		out->status = v[L_STATUS].u.code;
		out->cadre = dailylog_cadre(l, out->id);
		out->ref = NULL;
		if (l->roster && !(out->ref = l->refs[out->cadre])) {
			bad_row(l->r, out->row, "cadre %.*s is not in the roster (expected "
			    "a cadre listed in %s)", (int)out->id.n, out->id.p,
			    l->roster->label);
			continue;
		}
		/* Whatever period a program selects, for every program alike. */
		if (!daybits_mark(&l->days[out->cadre], out->date)) {
			char d[DATE_BUF];

			date_format(out->date, d);
			bad_row(l->r, out->row, "second row for cadre %.*s on %s (expected "
			    "one row per cadre and day)", (int)out->id.n, out->id.p, d);
			continue;
		}
		return true;
	}
	return false;
}

void
dailylog_close(struct dailylog *l)
{
	sreader_close(&l->s);
	l->r = NULL;
	idindex_free(&l->ids);
	free(l->refs);
	for (size_t i = 0; i < l->ndays; i++)
		daybits_free(&l->days[i]);
	free(l->days);
	l->refs = NULL;
	l->days = NULL;
}

static void
year_init(struct daybits_year *e, day_t day)
{
	int y = year_of(day);

	*e = (struct daybits_year){ .first = date_from_ymd(y, 1, 1),
	    .last = date_from_ymd(y, 12, 31) };
}

static bool
mark(struct daybits_year *e, day_t day)
{
	int doy = day - e->first;
	uint8_t bit = (uint8_t)(1u << (doy & 7));

	if (e->bits[doy >> 3] & bit)
		return false;
	e->bits[doy >> 3] |= bit;
	return true;
}

bool
daybits_mark(struct daybits *b, day_t day)
{
	size_t lo, hi;

	/* Zeroed is unused: no year runs from day 0 to day 0. */
	if (b->y0.last == 0 && b->y0.first == 0)
		year_init(&b->y0, day);
	if (day >= b->y0.first && day <= b->y0.last)
		return mark(&b->y0, day);
	/* The other years, in year order: found by halving, so that rows
	 * over many years cost n log n in any order. */
	lo = 0, hi = b->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (b->more[mid].last < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < b->n && day >= b->more[lo].first)
		return mark(&b->more[lo], day);
	if ((b->n & (b->n - 1)) == 0) /* 0, 1, 2, 4 ...: full */
		b->more = xrealloc(b->more, (b->n ? 2 * b->n : 1) * sizeof *b->more);
	memmove(&b->more[lo + 1], &b->more[lo], (b->n - lo) * sizeof *b->more);
	b->n++;
	year_init(&b->more[lo], day);
	return mark(&b->more[lo], day);
}

void
daybits_free(struct daybits *b)
{
	free(b->more);
	b->more = NULL;
	b->n = 0;
}

void
lastname_set(struct lastname *l, struct sv name)
{
	if (name.n == 0 || (name.n == l->len && bytes_eq(lastname_str(l), name.p, name.n)))
		return;
	free(l->heap);
	l->heap = NULL;
	if (name.n < sizeof l->in) {
		memcpy(l->in, name.p, name.n);
		l->in[name.n] = '\0';
	} else
		l->heap = xstrndup(name.p, name.n);
	l->len = name.n;
}

const char *
lastname_str(const struct lastname *l)
{
	return l->heap ? l->heap : l->len ? l->in : "";
}

void
lastname_free(struct lastname *l)
{
	free(l->heap);
	l->heap = NULL;
	l->len = 0;
}
