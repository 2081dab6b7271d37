#include "dailylog.h"

#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "diag.h"
#include "rejects.h"

void
dailylog_open(struct dailylog *l, const char *path)
{
	l->r = csvr_open(path);
	l->c_id = csvr_need(l->r, "cadre_id");
	l->c_date = csvr_need(l->r, "date");
	l->c_status = csvr_need(l->r, "status");
	l->c_name = csvr_col(l->r, "name");
	l->roster = NULL;
	l->ids = (struct idindex){ 0 };
	l->refs = NULL;
	l->nrefs = 0;
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
	return i;
}

bool
dailylog_next(struct dailylog *l, struct logrow *out)
{
	struct csvrow *row;

	while (csvr_next(l->r, &row)) {
		struct sv date = row_val(row, l->c_date), st = row_val(row, l->c_status);

		out->row = row;
		out->id = row_val(row, l->c_id);
		out->name = row_val(row, l->c_name);
		out->ref = NULL;
		if (out->id.n == 0) {
			bad_row(l->r, row, "empty cadre_id (expected the cadre's id)");
			continue;
		}
		switch (date_parse(date, &out->date)) {
		case DATE_OK:
			break;
		case DATE_IMPOSSIBLE:
			bad_row(l->r, row, "impossible date '%.*s' (expected a day that "
			    "exists in the calendar)", (int)date.n, date.p);
			continue;
		default:
			bad_row(l->r, row, "bad date '%.*s' (expected a date such as "
			    "2018-03-01)", (int)date.n, date.p);
			continue;
		}
		if ((out->status = code_find(status_codes, st)) < 0) {
			bad_row(l->r, row, "unknown status '%.*s' (expected one of %s)",
			    (int)st.n, st.p, code_list(status_codes));
			continue;
		}
		out->cadre = dailylog_cadre(l, out->id);
		if (l->roster && !(out->ref = l->refs[out->cadre])) {
			bad_row(l->r, row, "cadre %.*s is not in the roster (expected a "
			    "cadre listed in %s)", (int)out->id.n, out->id.p, l->roster->label);
			continue;
		}
		return true;
	}
	return false;
}

void
dailylog_close(struct dailylog *l)
{
	csvr_close(l->r);
	l->r = NULL;
	idindex_free(&l->ids);
	free(l->refs);
	l->refs = NULL;
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
	/* Zeroed is unused: no year runs from day 0 to day 0. */
	if (b->y0.last == 0 && b->y0.first == 0)
		year_init(&b->y0, day);
	if (day >= b->y0.first && day <= b->y0.last)
		return mark(&b->y0, day);
	for (size_t i = 0; i < b->n; i++)
		if (day >= b->more[i].first && day <= b->more[i].last)
			return mark(&b->more[i], day);
	b->more = xrealloc(b->more, (b->n + 1) * sizeof *b->more);
	year_init(&b->more[b->n], day);
	return mark(&b->more[b->n++], day);
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
