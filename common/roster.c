#include "roster.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "codes.h"
#include "csvio.h"
#include "diag.h"
#include "rejects.h"
#include "schema.h"
#include "strmap.h"

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

/* An option's name read as a roster value is (COL_ID): trimmed, U+3000
 * and the no-break space too, full-width ASCII as ASCII. */
static char *
area_name(const char *opt, const char *arg)
{
	char *buf = xmalloc(strlen(arg) + 1);
	struct sv v = value_clean(sv_of(arg), buf);
	char *name;

	if (v.n == 0) {
		free(buf);
		usage_error("empty --%s (expected a name of the roster)", opt);
	}
	name = xstrndup(v.p, v.n);
	free(buf);
	return name;
}

bool
area_option(struct area *a, int c, const char *arg)
{
	switch (c) {
	case OPT_TOWNSHIP:
		free(a->township);
		a->township = area_name("township", arg);
		return true;
	case OPT_VILLAGE:
		free(a->village);
		a->village = area_name("village", arg);
		return true;
	}
	return false;
}

void
area_need_roster(const struct area *a, const char *roster_path)
{
	if ((a->township || a->village) && !roster_path)
		usage_error("--%s needs --roster FILE (townships and villages come "
		    "from the roster)", a->township ? "township" : "village");
}

/* The distinct values of a column (the townships, or one township's
 * villages) in roster order, for the message: as many as fit. */
static void
list_names(const struct roster *ro, bool villages, const char *township,
    char *buf, size_t cap)
{
	struct strmap seen = { 0 };
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ro->n; i++) {
		const struct cadre *c = &ro->cadres[i];
		const char *name = villages ? c->village : c->township;
		void **slot;

		if (!*name || (township && strcmp(c->township, township) != 0))
			continue;
		if (*(slot = strmap_put(&seen, sv_of(name))))
			continue;
		*slot = (void *)name;
		if (len + strlen(name) + 8 > cap) {
			snprintf(buf + len, cap - len, ", …");
			break;
		}
		len += (size_t)snprintf(buf + len, cap - len, "%s%s", len ? ", " : "", name);
	}
	strmap_free(&seen);
	if (!len)
		snprintf(buf, cap, "none: its %s column is empty or missing",
		    villages ? "village" : "township");
}

void
area_check(const struct area *a, const struct roster *ro)
{
	bool town = !a->township, village = !a->village, both = false;
	char list[512];

	for (size_t i = 0; i < ro->n; i++) {
		const struct cadre *c = &ro->cadres[i];
		bool t = a->township && strcmp(c->township, a->township) == 0;
		bool v = a->village && strcmp(c->village, a->village) == 0;

		town |= t;
		village |= v;
		both |= roster_in_area(c, a);
	}
	if (!town) {
		list_names(ro, false, NULL, list, sizeof list);
		die(EXIT_USAGE, "--township %s names no township of %s (expected "
		    "one of %s)", a->township, ro->label, list);
	}
	if (!village || !both) {
		list_names(ro, true, a->township, list, sizeof list);
		if (a->township)
			die(EXIT_USAGE, "--village %s names no village of township %s "
			    "in %s (expected one of %s)", a->village, a->township,
			    ro->label, list);
		die(EXIT_USAGE, "--village %s names no village of %s (expected "
		    "one of %s)", a->village, ro->label, list);
	}
}

bool
roster_in_area(const struct cadre *c, const struct area *a)
{
	return (!a->township || strcmp(c->township, a->township) == 0) &&
	    (!a->village || strcmp(c->village, a->village) == 0);
}

void
area_free(struct area *a)
{
	free(a->township);
	free(a->village);
	a->township = a->village = NULL;
}
