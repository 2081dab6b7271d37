/*
 * attendance-score: the monthly evaluation (月考评) of SPEC section 2.
 * Reads the daily attendance log and writes one row per cadre and month.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "codes.h"
#include "csvio.h"
#include "dailylog.h"
#include "date.h"
#include "diag.h"
#include "idindex.h"
#include "numfmt.h"
#include "rejects.h"
#include "roster.h"
#include "rules.h"
#include "schema.h"
#include "strmap.h"

static const char synopsis[] =
    "attendance-score [--month YYYY-MM] [--performance FILE] [--require-performance]\n"
    "                        [--roster FILE [--township NAME] [--village NAME]]\n"
    "                        [common options] [FILE...]";

static const char help[] =
    "Monthly evaluation: one row per cadre and month of the daily attendance log\n"
    "(cadre_id,date,status[,name]) with the days of each status, the required\n"
    "days, the attendance score, the performance score and the total.\n"
    "\n"
    "  --month YYYY-MM        only that month (one the log has no row of is bad data)\n"
    "  --performance FILE     performance points (cadre_id,month,performance)\n"
    "  --require-performance  a cadre-month without performance points is bad data\n"
    "  --roster FILE          prorate required days by the dispatch dates, leave out\n"
    "                         the days outside the dispatch, and write a row for\n"
    "                         every cadre dispatched in a month, also one without\n"
    "                         rows; a cadre not in the roster is bad data\n"
    "  --township NAME        with --roster: write only that township's cadres\n"
    "  --village NAME         with --roster: write only that village's cadres\n";

enum { OPT_MONTH = OPT_PROGRAM, OPT_PERFORMANCE, OPT_REQUIRE_PERF, OPT_ROSTER };

static const struct option longopts[] = {
	{ "month", required_argument, NULL, OPT_MONTH },
	{ "performance", required_argument, NULL, OPT_PERFORMANCE },
	{ "require-performance", no_argument, NULL, OPT_REQUIRE_PERF },
	{ "roster", required_argument, NULL, OPT_ROSTER },
	AREA_LONGOPTS,
	COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 },
};

struct perf {
	double points;
	int ym;
	bool matched;
};

struct month {
	int ym;
	int days_recorded;
	int count[ST_COUNT];
	struct lastname name;     /* last name seen in the month */
	struct perf *perf;        /* its performance row, if any */
};

/*
 * A cadre's months. The month being counted lives inline: a log sorted by
 * date gives each cadre a row a day, and keeping that month beside the
 * cadre saves a pointer chase per row. The others wait in an array in the
 * order they came, found by a hash of the month once there are more than
 * a few, and sorted once all rows are read: a cadre's rows scattered over
 * many months cost n log n, not n squared.
 */
struct acc {
	bool listed;              /* a cadre of the log, not only a bad row's */
	const struct cadre *ref;  /* with --roster */
	day_t cur_first, cur_last;
	struct month cur;         /* valid when cur_first <= cur_last */
	size_t cur_at;            /* its place in months, or n when new */
	struct month *months;     /* the other months */
	size_t n, cap;
	uint32_t *slots;          /* month hash: index + 1, 0 for none */
	size_t nslots;            /* a power of two, 0 while n is small */
	long outside;             /* rows outside its dispatch */
};

/* Few months are looked for one by one; more, by their hash. */
enum { FEW_MONTHS = 8 };

static struct dailylog daily;
static struct acc *accs;      /* per cadre index of the log */
static size_t naccs;
static struct strmap perfs;   /* id \x1f YYYY-MM -> struct perf */
static struct periods held;   /* the months that have a counted row */
static struct area area;     /* --township, --village */

static struct acc *
acc_of(size_t i, const struct cadre *ref)
{
	accs = idindex_fit(&daily.ids, accs, sizeof *accs, &naccs);
	if (!accs[i].listed)
		accs[i] = (struct acc){ .listed = true, .ref = ref,
		    .cur_first = 1, .cur_last = 0 };
	return &accs[i];
}

static size_t
month_hash(int ym, size_t nslots)
{
	return ((uint32_t)ym * 2654435761u) & (nslots - 1);
}

/* Puts month index i in the hash. */
static void
hash_month(struct acc *a, size_t i)
{
	size_t h = month_hash(a->months[i].ym, a->nslots);

	while (a->slots[h])
		h = (h + 1) & (a->nslots - 1);
	a->slots[h] = (uint32_t)(i + 1);
}

/* The index of month ym in a's months, or a->n. */
static size_t
find_month(const struct acc *a, int ym)
{
	if (!a->nslots) {
		for (size_t i = 0; i < a->n; i++)
			if (a->months[i].ym == ym)
				return i;
		return a->n;
	}
	for (size_t h = month_hash(ym, a->nslots); a->slots[h];
	    h = (h + 1) & (a->nslots - 1))
		if (a->months[a->slots[h] - 1].ym == ym)
			return a->slots[h] - 1;
	return a->n;
}

/* Puts the inline month back among the others. */
static void
park_month(struct acc *a)
{
	if (a->cur_first > a->cur_last)
		return;
	a->cur_first = 1, a->cur_last = 0;
	if (a->cur_at < a->n) {
		a->months[a->cur_at] = a->cur;
		return;
	}
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 4;
		a->months = xrealloc(a->months, a->cap * sizeof *a->months);
	}
	a->months[a->n++] = a->cur;
	if (a->n > FEW_MONTHS && 2 * a->n > a->nslots) {
		/* Half full at most: grow and hash them all again. */
		a->nslots = a->nslots ? 2 * a->nslots : 4 * FEW_MONTHS;
		a->slots = xrealloc(a->slots, a->nslots * sizeof *a->slots);
		memset(a->slots, 0, a->nslots * sizeof *a->slots);
		for (size_t i = 0; i < a->n; i++)
			hash_month(a, i);
	} else if (a->nslots)
		hash_month(a, a->n - 1);
}

static int
by_month(const void *x, const void *y)
{
	const struct month *a = x, *b = y;

	return (a->ym > b->ym) - (a->ym < b->ym);
}

/* All of a cadre's months in month order, once the rows are read. */
static void
sort_months(struct acc *a)
{
	park_month(a);
	if (a->n > 1)
		qsort(a->months, a->n, sizeof *a->months, by_month);
	free(a->slots);
	a->slots = NULL;
	a->nslots = 0;
}

static struct sv perf_key(struct sv id, int ym);

/* The month record of day for the cadre at index i. */
static struct month *
month_for(size_t i, day_t day)
{
	struct acc *a = &accs[i];
	int ym;
	size_t j;

	if (day >= a->cur_first && day <= a->cur_last)
		return &a->cur;
	park_month(a);
	ym = month_of(day);
	if ((j = find_month(a, ym)) < a->n)
		a->cur = a->months[j];
	else
		a->cur = (struct month){ .ym = ym,
		    .perf = strmap_get(&perfs, perf_key(sv_of(idindex_id(&daily.ids, i)), ym)) };
	a->cur_at = j;
	a->cur_first = month_first(ym);
	a->cur_last = month_last(ym);
	return &a->cur;
}

/* The key of a cadre-month in perfs, in a buffer reused by the next call:
 * as long as the id, which no length limit cuts short. */
static struct sv
perf_key(struct sv id, int ym)
{
	static char *buf;
	static size_t cap;
	char m[DATE_BUF];
	size_t mn;

	month_format(ym, m);
	mn = strlen(m);
	if (id.n + 1 + mn > cap) {
		cap = id.n + 1 + mn;
		buf = xrealloc(buf, cap);
	}
	memcpy(buf, id.p, id.n);
	buf[id.n] = '\x1f';
	memcpy(buf + id.n + 1, m, mn);
	return (struct sv){ buf, id.n + 1 + mn };
}

enum { P_ID, P_MONTH, P_POINTS };

static const struct colspec perf_cols[] = {
	[P_ID] = COL("cadre_id", COL_ID, COL_REQUIRED | COL_VALUE | COL_ROSTER | COL_KEY,
	    .expect = "the cadre's id"),
	[P_MONTH] = COL("month", COL_MONTH, COL_REQUIRED | COL_VALUE | COL_KEY),
	[P_POINTS] = COL("performance", COL_NUM, COL_REQUIRED | COL_VALUE,
	    .min = 0, .max_rule = RULE_MAX(R_MONTH_PERFORMANCE_MAX)),
};

static const struct schema perf_schema = {
	perf_cols, sizeof perf_cols / sizeof *perf_cols,
	"one row per cadre and month"
};

static void
load_performance(const char *path, const struct roster *ro)
{
	struct sreader s;

	sreader_open(&s, &perf_schema, path, ro);
	while (sreader_next(&s)) {
		const struct value *v = s.v;
		void **slot = strmap_put(&perfs, perf_key(v[P_ID].s, v[P_MONTH].u.month));

		*slot = xmalloc(sizeof(struct perf));
		*(struct perf *)*slot = (struct perf){ .points = v[P_POINTS].u.num,
		    .ym = v[P_MONTH].u.month };
	}
	sreader_close(&s);
}

/*
 * Counts a well-formed row in its cadre-month (the daily log has rejected
 * a second row for a cadre and day, in every month). A day outside the
 * cadre's dispatch (with --roster) is counted nowhere, not even as a month
 * of the input: days in the village before the dispatch began do not serve
 * its requirement. With --require-performance each row of a cadre-month
 * without points is bad data, so that every row is either counted or in
 * the rejects file.
 */
static void
count_row(const struct logrow *lr, day_t only_first,
    day_t only_last, bool require_perf)
{
	struct acc *a = acc_of(lr->cadre, lr->ref);
	struct month *m;

	if (lr->ref && (lr->date < lr->ref->start || lr->date > lr->ref->end)) {
		if (lr->date >= only_first && lr->date <= only_last)
			a->outside++;
		return;
	}
	if (lr->date < only_first || lr->date > only_last) {
		periods_add(&held, month_of(lr->date));
		return;
	}
	m = month_for((size_t)(a - accs), lr->date);
	if (require_perf && !m->perf) {
		char mon[DATE_BUF];

		month_format(m->ym, mon);
		bad_row(daily.r, lr->row, "no performance row for cadre %.*s in %s "
		    "(expected one with --require-performance)", (int)lr->id.n,
		    lr->id.p, mon);
		return;
	}
	m->days_recorded++;
	m->count[lr->status]++;
	lastname_set(&m->name, lr->name);
	periods_add(&held, m->ym);
}

/* ceil(month.min_days x dispatched days in month / days in month). */
static int
required_days(const struct acc *a, int ym)
{
	long min = (long)rule_num(R_MONTH_MIN_DAYS);
	long dim = days_in_month(ym / 12, ym % 12 + 1);
	long disp = dim;

	if (a->ref)
		disp = dispatched_days(a->ref, month_first(ym), month_last(ym));
	return (int)((min * disp + dim - 1) / dim);
}

static int
days_in_village(const struct month *m)
{
	unsigned mask = rule_statuses(R_RESIDENCY_STATUSES);
	int n = 0;

	for (int st = 0; st < ST_COUNT; st++)
		if (mask & (1u << st))
			n += m->count[st];
	return n;
}

/* max(0, 40 - 3 x absent - 1 x (late + early) - 2 x days short). */
static double
attendance_score(const struct month *m, int required)
{
	int short_days = required - days_in_village(m);
	double s = rule_num(R_MONTH_ATTENDANCE_MAX)
	    - rule_num(R_MONTH_ABSENT_PENALTY) * m->count[ST_ABSENT]
	    - rule_num(R_MONTH_LATE_EARLY_PENALTY) * (m->count[ST_LATE] + m->count[ST_EARLY])
	    - rule_num(R_MONTH_SHORT_DAY_PENALTY) * (short_days > 0 ? short_days : 0);

	return s > 0 ? s : 0;
}

static const char *const columns[] = {
	"cadre_id", "name", "month", "days_recorded", "days_in_village",
	"present", "late", "early", "absent", "leave", "business", "training",
	"rest", "required_days", "attendance_score", "performance_score", "total",
	NULL,
};

/* One row of the report; m is a month without log rows for a roster
 * cadre who never reported. A cadre outside --township or --village is
 * not written, but its performance row is matched all the same: it is a
 * cadre-month of the log. */
static void
write_month(struct csvw *w, const char *id, const struct acc *a,
    struct month *m, long *missing)
{
	char mon[DATE_BUF];
	const char *name = lastname_str(&m->name);
	int req = required_days(a, m->ym);
	double att = attendance_score(m, req);

	if (a->ref && !roster_in_area(a->ref, &area)) {
		if (m->perf)
			m->perf->matched = true;
		return;
	}
	month_format(m->ym, mon);
	csvw_str(w, id);
	csvw_str(w, *name || !a->ref ? name : a->ref->name);
	csvw_str(w, mon);
	csvw_int(w, m->days_recorded);
	csvw_int(w, days_in_village(m));
	for (int st = 0; st < ST_COUNT; st++)
		csvw_int(w, m->count[st]);
	csvw_int(w, req);
	csvw_num(w, att);
	if (m->perf) {
		m->perf->matched = true;
		csvw_num(w, m->perf->points);
		csvw_num(w, att + m->perf->points);
	} else {
		(*missing)++;
		csvw_str(w, "");
		csvw_str(w, "");
	}
	csvw_end(w);
}

/*
 * The output months are those of --month, else every month that has a
 * counted row. A cadre gets a row for each of them in which it has rows,
 * and with --roster for each in which it was dispatched: days 0 for the
 * cadre who never reported.
 */
static void
write_scores(bool have_perf, int only_month)
{
	size_t *v = idindex_sorted(&daily.ids);
	struct periods out = { 0 };
	struct csvw w;
	long missing = 0, unmatched = 0, outside_rows = 0, outside_cadres = 0;

	if (only_month >= 0)
		periods_add(&out, only_month);
	else
		for (size_t k = 0; k < held.n; k++)
			periods_add(&out, held.v[k]);
	for (size_t i = 0; i < naccs; i++)
		sort_months(&accs[i]);
	csvw_open(&w, stdout, "standard output");
	csvw_header(&w, columns);
	for (size_t i = 0; i < daily.ids.n; i++) {
		const char *id = idindex_id(&daily.ids, v[i]);
		struct acc *a;
		size_t j = 0;

		/* Ids of rejected rows only (not in the roster) are not cadres. */
		if (v[i] >= naccs || !accs[v[i]].listed)
			continue;
		a = &accs[v[i]];
		/* The notes speak of the cadres written. */
		if (a->outside && (!a->ref || roster_in_area(a->ref, &area))) {
			outside_rows += a->outside;
			outside_cadres++;
		}
		for (size_t k = 0; k < out.n; k++) {
			int ym = out.v[k];
			struct month none;

			while (j < a->n && a->months[j].ym < ym)
				j++;
			/* A month whose every row was rejected is not a month. */
			if (j < a->n && a->months[j].ym == ym && a->months[j].days_recorded) {
				write_month(&w, id, a, &a->months[j], &missing);
				continue;
			}
			if (!a->ref || dispatched_days(a->ref, month_first(ym),
			    month_last(ym)) == 0)
				continue;
			none = (struct month){ .ym = ym,
			    .perf = strmap_get(&perfs, perf_key(sv_of(id), ym)) };
			write_month(&w, id, a, &none, &missing);
		}
	}
	csvw_close(&w);
	if (outside_rows)
		warnmsg("%ld row%s of %ld cadre%s outside the dispatch (before "
		    "start_date or after end_date): not counted", outside_rows,
		    outside_rows == 1 ? "" : "s", outside_cadres,
		    outside_cadres == 1 ? "" : "s");
	if (have_perf) {
		/* Rows of months that --month leaves out match nothing on purpose. */
		for (size_t i = 0; i < perfs.cap; i++) {
			const struct perf *p = perfs.slots[i].val;

			if (perfs.slots[i].key && !p->matched &&
			    (only_month < 0 || p->ym == only_month))
				unmatched++;
		}
		if (missing)
			warnmsg("%ld cadre-month%s without a performance row: "
			    "performance_score and total left empty", missing,
			    missing == 1 ? "" : "s");
		if (unmatched)
			warnmsg("%ld performance row%s match%s no cadre-month of the log",
			    unmatched, unmatched == 1 ? "" : "s", unmatched == 1 ? "es" : "");
	}
	periods_free(&out);
	free(v);
}

/* --month that selects no row of the log: a cron job with a typo must not
 * publish an empty report (SPEC section 1). */
static void
check_month(int only_month)
{
	char want[DATE_BUF], list[256];

	if (only_month < 0 || periods_has(&held, only_month))
		return;
	month_format(only_month, want);
	periods_format(&held, month_format, list, sizeof list);
	die(EXIT_DATAERR, "%s: --month %s selects no row (expected a month that "
	    "the log holds: %s)", csvr_label(daily.r), want, list);
}

static void
free_all(void)
{
	for (size_t i = 0; i < naccs; i++) {
		for (size_t j = 0; j < accs[i].n; j++)
			lastname_free(&accs[i].months[j].name);
		free(accs[i].months);
		free(accs[i].slots);
	}
	free(accs);
	periods_free(&held);
	for (size_t i = 0; i < perfs.cap; i++)
		free(perfs.slots[i].val);
	strmap_free(&perfs);
}

int
main(int argc, char **argv)
{
	const char *const *in;
	size_t nin;
	const char *perf_path = NULL, *roster_path = NULL;
	bool require_perf = false;
	int only_month = -1, c;
	struct roster *ro = NULL;
	struct logrow lr;
	day_t only_first, only_last;

	cli_init(argc, argv, synopsis, help);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_MONTH:
			if (month_parse(sv_of(optarg), &only_month) != DATE_OK)
				usage_error("bad --month %s (expected YYYY-MM)", optarg);
			break;
		case OPT_PERFORMANCE:
			perf_path = optarg;
			break;
		case OPT_REQUIRE_PERF:
			require_perf = true;
			break;
		case OPT_ROSTER:
			roster_path = optarg;
			break;
		default:
			if (!area_option(&area, c, optarg) && !cli_common(c, optarg))
				usage();
		}
	}
	if (require_perf && !perf_path)
		usage_error("--require-performance needs --performance FILE");
	area_need_roster(&area, roster_path);
	cli_finish();

	in = cli_operands(argc, argv, &nin);
	dailylog_open(&daily, in, nin);
	rejects_open(common_args.rejects, daily.r);
	if (roster_path) {
		daily.roster = ro = roster_load(roster_path);
		area_check(&area, ro);
		/* The cadre who never reported has a row too. */
		for (size_t i = 0; i < ro->n; i++)
			acc_of(dailylog_cadre(&daily, sv_of(ro->cadres[i].id)), &ro->cadres[i]);
	}
	if (perf_path)
		load_performance(perf_path, ro);
	only_first = only_month < 0 ? DAY_MIN : month_first(only_month);
	only_last = only_month < 0 ? DAY_MAX : month_last(only_month);
	while (dailylog_next(&daily, &lr))
		count_row(&lr, only_first, only_last, require_perf);
	check_month(only_month);
	write_scores(perf_path != NULL, only_month);
	rejects_close();
	dailylog_close(&daily);
	roster_free(ro);
	area_free(&area);
	free_all();
	return EXIT_OK;
}
