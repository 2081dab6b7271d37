#include "roster.h"

#include <stdint.h>
#include <stdlib.h>

#include "codes.h"
#include "csvio.h"
#include "diag.h"
#include "rejects.h"
#include "schema.h"

enum { R_ID, R_NAME, R_TOWN, R_VILLAGE, R_UNIT, R_ROLE, R_START, R_END,
	R_RESERVE, R_RECALLED };

static const struct colspec roster_cols[] = {
	[R_ID] = COL("cadre_id", COL_ID, COL_REQUIRED | COL_VALUE | COL_KEY,
	    .expect = "the cadre's id"),
	[R_NAME] = COL("name", COL_TEXT, 0),
	[R_TOWN] = COL("township", COL_ID, 0),
	[R_VILLAGE] = COL("village", COL_ID, 0),
	[R_UNIT] = COL("unit", COL_ID, 0),
	[R_ROLE] = COL("role", COL_CODE, 0, role_codes),
	[R_START] = COL("start_date", COL_DATE, 0),
	[R_END] = COL("end_date", COL_DATE, 0,
	    .expect = "a date such as 2018-12-31"),
	[R_RESERVE] = COL("reserve", COL_YESNO, 0),
	[R_RECALLED] = COL("recalled", COL_YESNO, 0),
};

static const struct schema roster_schema = {
	roster_cols, sizeof roster_cols / sizeof *roster_cols,
	"one row per cadre"
};

static char *
dup_sv(struct sv v)
{
	return xstrndup(v.p, v.n);
}

struct roster *
roster_load(const char *path)
{
	struct roster *ro = xcalloc(1, sizeof *ro);
	struct sreader s;
	size_t cap = 0;
	bool added;

	ro->label = path;
	sreader_open(&s, &roster_schema, path, NULL);
	while (sreader_next(&s)) {
		const struct value *v = s.v;
		struct cadre c = {
			.role = v[R_ROLE].u.code, .line = s.row->line,
			.start = v[R_START].s.n ? v[R_START].u.date : DAY_MIN,
			.end = v[R_END].s.n ? v[R_END].u.date : DAY_MAX,
			.reserve = v[R_RESERVE].u.yes == 1,
			.recalled = v[R_RECALLED].u.yes == 1,
		};

		if (c.end < c.start) {
			bad_row(s.r, s.row, "end_date before start_date (expected the "
			    "dispatch to end on or after it starts)");
			continue;
		}
		c.id = dup_sv(v[R_ID].s);
		c.name = dup_sv(v[R_NAME].s);
		c.township = dup_sv(v[R_TOWN].s);
		c.village = dup_sv(v[R_VILLAGE].s);
		c.unit = dup_sv(v[R_UNIT].s);
		if (ro->n == cap) {
			cap = cap ? 2 * cap : 64;
			ro->cadres = xrealloc(ro->cadres, cap * sizeof *ro->cadres);
		}
		ro->cadres[ro->n++] = c;
	}
	sreader_close(&s);
	for (size_t i = 0; i < ro->n; i++)
		idindex_get(&ro->ids, sv_of(ro->cadres[i].id), &added);
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
