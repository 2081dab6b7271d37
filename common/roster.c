#include "roster.h"

#include <stdint.h>
#include <stdlib.h>

#include "codes.h"
#include "csvio.h"
#include "diag.h"
#include "rejects.h"
#include "strmap.h"

static char *
dup_val(const struct csvrow *row, int col)
{
	struct sv v = row_val(row, col);

	return xstrndup(v.p, v.n);
}

/* An optional date column: empty gives dflt. A message if it is bad. */
static const char *
opt_date(struct sv v, day_t dflt, day_t *out)
{
	if (v.n == 0) {
		*out = dflt;
		return NULL;
	}
	switch (date_parse(v, out)) {
	case DATE_OK:
		return NULL;
	case DATE_IMPOSSIBLE:
		return "impossible";
	default:
		return "bad";
	}
}

static bool
opt_yesno(struct sv v, bool *out)
{
	int yn;

	if (v.n == 0) {
		*out = false;
		return true;
	}
	if ((yn = yesno_parse(v)) < 0)
		return false;
	*out = yn;
	return true;
}

struct roster *
roster_load(const char *path)
{
	struct roster *ro = xcalloc(1, sizeof *ro);
	struct csvr *r = csvr_open(path);
	int c_id = csvr_need(r, "cadre_id"), c_name = csvr_col(r, "name"),
	    c_town = csvr_col(r, "township"), c_vil = csvr_col(r, "village"),
	    c_unit = csvr_col(r, "unit"), c_role = csvr_col(r, "role"),
	    c_start = csvr_col(r, "start_date"), c_end = csvr_col(r, "end_date"),
	    c_res = csvr_col(r, "reserve"), c_rec = csvr_col(r, "recalled");
	struct csvrow *row;
	struct strmap byid = { 0 };  /* id -> index + 1, NULL for a bad row */
	size_t cap = 0;
	bool added;

	ro->label = path;
	while (csvr_next(r, &row)) {
		struct sv id = row_val(row, c_id), v;
		struct cadre c = { .role = -1, .line = row->line };
		const char *bad;
		void **slot;

		if (id.n == 0) {
			bad_row(r, row, "empty cadre_id (expected the cadre's id)");
			continue;
		}
		if ((slot = strmap_put(&byid, id)) && *slot) {
			bad_row(r, row, "cadre %.*s listed twice (expected one row per "
			    "cadre; first on line %ld)", (int)id.n, id.p,
			    ro->cadres[(uintptr_t)*slot - 1].line);
			continue;
		}
		v = row_val(row, c_role);
		if (v.n && (c.role = code_find(role_codes, v)) < 0) {
			bad_row(r, row, "unknown role '%.*s' (expected %s)", (int)v.n, v.p,
			    code_list(role_codes));
			goto drop;
		}
		if ((bad = opt_date(v = row_val(row, c_start), DAY_MIN, &c.start))) {
			bad_row(r, row, "%s start_date '%.*s' (expected %s)", bad,
			    (int)v.n, v.p, *bad == 'i' ? "a day that exists in the calendar" :
			    "a date such as 2018-03-01, or empty");
			goto drop;
		}
		if ((bad = opt_date(v = row_val(row, c_end), DAY_MAX, &c.end))) {
			bad_row(r, row, "%s end_date '%.*s' (expected %s)", bad,
			    (int)v.n, v.p, *bad == 'i' ? "a day that exists in the calendar" :
			    "a date such as 2018-12-31, or empty while still dispatched");
			goto drop;
		}
		if (c.end < c.start) {
			bad_row(r, row, "end_date before start_date (expected the dispatch "
			    "to end on or after it starts)");
			goto drop;
		}
		if (!opt_yesno(v = row_val(row, c_res), &c.reserve)) {
			bad_row(r, row, "bad reserve '%.*s' (expected yes or no)", (int)v.n, v.p);
			goto drop;
		}
		if (!opt_yesno(v = row_val(row, c_rec), &c.recalled)) {
			bad_row(r, row, "bad recalled '%.*s' (expected yes or no)", (int)v.n, v.p);
			goto drop;
		}
		c.id = xstrndup(id.p, id.n);
		c.name = dup_val(row, c_name);
		c.township = dup_val(row, c_town);
		c.village = dup_val(row, c_vil);
		c.unit = dup_val(row, c_unit);
		if (ro->n == cap) {
			cap = cap ? 2 * cap : 64;
			ro->cadres = xrealloc(ro->cadres, cap * sizeof *ro->cadres);
		}
		ro->cadres[ro->n++] = c;
		*slot = (void *)(uintptr_t)ro->n;
		continue;
drop:
		/* A rejected row does not make the cadre known: rows naming the
		 * cadre elsewhere are then rejected too, not counted half-checked. */
		*slot = NULL;
	}
	csvr_close(r);
	for (size_t i = 0; i < ro->n; i++)
		idindex_get(&ro->ids, sv_of(ro->cadres[i].id), &added);
	strmap_free(&byid);
	return ro;
}

const struct cadre *
roster_find(const struct roster *ro, struct sv id)
{
	size_t i = idindex_lookup((struct idindex *)&ro->ids, id);

	return i == (size_t)-1 ? NULL : &ro->cadres[i];
}

int
dispatched_days(const struct cadre *c, day_t from, day_t to)
{
	return overlap_days(c->start, c->end, from, to);
}

void
roster_free(struct roster *ro)
{
	if (!ro)
		return;
	for (size_t i = 0; i < ro->n; i++) {
		free(ro->cadres[i].id);
		free(ro->cadres[i].name);
		free(ro->cadres[i].township);
		free(ro->cadres[i].village);
		free(ro->cadres[i].unit);
	}
	free(ro->cadres);
	idindex_free(&ro->ids);
	free(ro);
}
