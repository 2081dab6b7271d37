#include "dailylog.h"

#include <stdlib.h>

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
		if (l->roster && !(out->ref = roster_find(l->roster, out->id))) {
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
}

bool
daybits_mark(struct daybits *b, day_t day)
{
	int y, m, d, doy;
	struct daybits_year *e = NULL;
	uint8_t bit;

	date_ymd(day, &y, &m, &d);
	doy = day - date_from_ymd(y, 1, 1);
	for (size_t i = b->n; i-- > 0;)
		if (b->years[i].year == y) {
			e = &b->years[i];
			break;
		}
	if (!e) {
		b->years = xrealloc(b->years, (b->n + 1) * sizeof *b->years);
		e = &b->years[b->n++];
		*e = (struct daybits_year){ .year = y };
	}
	bit = (uint8_t)(1u << (doy & 7));
	if (e->bits[doy >> 3] & bit)
		return false;
	e->bits[doy >> 3] |= bit;
	return true;
}

void
daybits_free(struct daybits *b)
{
	free(b->years);
	b->years = NULL;
	b->n = 0;
}
