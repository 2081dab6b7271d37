/*
 * quarter-report: the quarterly bulletin (季通报) of SPEC section 5, or with
 * --month the monthly ranking (月排名). Reads the monthly rows that
 * attendance-score writes and writes one row per cadre (or village, or
 * township) of the period: average and lowest total,
 * days in the village, absences, tasks, spot checks, competition ranks in
 * the township and the county, and the flags the county publishes.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "codes.h"
#include "csvio.h"
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
    "quarter-report [--by cadre|village|township] [--checks FILE]\n"
    "                      [--month YYYY-MM | --quarter YYYYQn]\n"
    "                      [--roster FILE [--township NAME] [--village NAME]]\n"
    "                      [--tasks FILE] [common options] [FILE...]";

static const char help[] =
    "Quarterly bulletin (or monthly ranking): one row per cadre of the period from\n"
    "the monthly rows that attendance-score writes, with the average and lowest\n"
    "total, days in the village, absences, tasks, spot checks, ranks in the\n"
    "township and the county, and flags. Rows of other months are checked but not\n"
    "counted; a period the rows do not hold is bad data.\n"
    "\n"
    "  --by cadre|village|township  one row per cadre (default), per village or\n"
    "                     per township (needs --roster), ranked by average total\n"
    "  --checks FILE      spot checks (cadre_id,date,result: present or absent)\n"
    "  --month YYYY-MM    the monthly ranking: the same report over one month\n"
    "  --quarter YYYYQn   the quarter (default: the one quarter in the input)\n"
    "  --roster FILE      township and village; every cadre dispatched in the\n"
    "                     period is listed, also one without monthly rows\n"
    "  --tasks FILE       tasks (task_id,cadre_id,due,done), counted in the\n"
    "                     period of their due date\n"
    "  --township NAME    write only that township's cadres (with --by village,\n"
    "                     its villages; with --by township, its row); ranks and\n"
    "                     the bottom flag stay the whole county's\n"
    "  --village NAME     write only that village's cadres (with --by village,\n"
    "                     its row; not with --by township)\n";

enum { OPT_BY = OPT_PROGRAM, OPT_CHECKS, OPT_MONTH, OPT_QUARTER, OPT_ROSTER, OPT_TASKS };

static const struct option longopts[] = {
	{ "by", required_argument, NULL, OPT_BY },
	{ "checks", required_argument, NULL, OPT_CHECKS },
	{ "month", required_argument, NULL, OPT_MONTH },
	{ "quarter", required_argument, NULL, OPT_QUARTER },
	{ "roster", required_argument, NULL, OPT_ROSTER },
	{ "tasks", required_argument, NULL, OPT_TASKS },
	AREA_LONGOPTS,
	COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 },
};

enum by { BY_CADRE, BY_VILLAGE, BY_TOWNSHIP };

/* The flags, in the order the SPEC writes them. */
enum flag {
	F_LOW_SCORE, F_ABSENT, F_SHORT_DAYS, F_OVERDUE_TASK, F_FAILED_CHECK,
	F_MISSING_MONTH, F_BOTTOM, F_COUNT
};

static const struct code flag_codes[] = {
	[F_LOW_SCORE] = { "low_score", "低分", NULL },
	[F_ABSENT] = { "absent", "旷工", NULL },
	[F_SHORT_DAYS] = { "short_days", "驻村不足", NULL },
	[F_OVERDUE_TASK] = { "overdue_task", "任务逾期", NULL },
	[F_FAILED_CHECK] = { "failed_check", "抽查缺岗", NULL },
	[F_MISSING_MONTH] = { "missing_month", "缺月", NULL },
	[F_BOTTOM] = { "bottom", "排名靠后", NULL },
	[F_COUNT] = { NULL, NULL, NULL },
};

/* One monthly row of attendance-score. Totals are kept in cents: the input
 * has at most two decimals, so sums, averages and ties are exact. */
struct mrow {
	int ym;
	int days_in_village, absent, late_early, required;
	long total;              /* cents, or -1 when empty */
	char *name;              /* NULL when empty */
};

struct acc {
	const struct cadre *ref;
	struct mrow *m;          /* in month order */
	size_t n, cap;

	/* The quarter, worked out by tally(). */
	bool listed;
	const char *name;
	int months;              /* months with a total */
	long sum, min;           /* cents, over the months with a total */
	long score;              /* avg_total in 1/600 point: sum x 6 / months */
	long shown;              /* avg_total as written, in cents */
	long days_in_village, absent, late_early;
	unsigned flags;          /* 1 << enum flag */
	long tasks, on_time, late, overdue, checks, failed;
	long rank_township, rank_county;   /* 0: no rank */
};

static struct idindex ids;   /* cadre id -> index into accs */
static struct acc *accs;
static size_t naccs;          /* records in accs: ids.n */

static struct area area;     /* --township, --village */

static int pfirst;           /* y*12+m-1 of the period's first month */
static int plen = 3;         /* its months: 3, or 1 with --month */
static char pname[16];       /* 2018Q1, or 2018-03 */

static struct acc *
acc_get(struct sv id, const struct cadre *ref)
{
	bool added;
	size_t i = idindex_get(&ids, id, &added);

	if (added) {
		accs = idindex_fit(&ids, accs, sizeof *accs, &naccs);
		accs[i].ref = ref;
	}
	return &accs[i];
}

static bool
in_period(int ym)
{
	return ym >= pfirst && ym < pfirst + plen;
}

static void
quarter_format(int ym0, char buf[16])
{
	snprintf(buf, 16, "%04dQ%d", (ym0 / 12) % 10000, ym0 % 12 / 3 + 1);
}

/* A total as attendance-score writes it: at most two decimals, in cents
 * (a unit typed after it, 80分, is no decimal). */
static bool
parse_cents(struct sv v, double d, long *out)
{
	const char *dot = memchr(v.p, '.', v.n);
	size_t decimals = 0;

	if (dot)
		while (dot + 1 + decimals < v.p + v.n &&
		    dot[1 + decimals] >= '0' && dot[1 + decimals] <= '9')
			decimals++;
	if (decimals > 2)
		return false;
	*out = (long)llround(d * 100);
	return true;
}

/* The monthly rows of attendance-score, held to its contract; other
 * columns are ignored. */
#define DAYS_EXPECT "a whole number from 0 to the days of the month"

enum { M_ID, M_NAME, M_MONTH, M_DIV, M_ABSENT, M_LATE, M_EARLY, M_REQUIRED,
	M_TOTAL, M_PERF };

static const struct colspec month_cols[] = {
	[M_ID] = COL("cadre_id", COL_ID, COL_REQUIRED | COL_VALUE | COL_ROSTER |
	    COL_KEY, .expect = "the cadre's id"),
	[M_NAME] = COL("name", COL_TEXT, 0),
	[M_MONTH] = COL("month", COL_MONTH, COL_REQUIRED | COL_VALUE | COL_KEY),
	[M_DIV] = COL("days_in_village", COL_COUNT, COL_REQUIRED | COL_VALUE,
	    .expect = DAYS_EXPECT),
	[M_ABSENT] = COL("absent", COL_COUNT, COL_REQUIRED | COL_VALUE,
	    .expect = DAYS_EXPECT),
	[M_LATE] = COL("late", COL_COUNT, COL_REQUIRED | COL_VALUE,
	    .expect = DAYS_EXPECT),
	[M_EARLY] = COL("early", COL_COUNT, COL_REQUIRED | COL_VALUE,
	    .expect = DAYS_EXPECT),
	[M_REQUIRED] = COL("required_days", COL_COUNT, COL_REQUIRED | COL_VALUE,
	    .expect = DAYS_EXPECT),
	[M_TOTAL] = COL("total", COL_NUM, COL_REQUIRED, .min = 0, .max = 1e9,
	    .expect = "a number of 0 or more with at most two decimals, or empty"),
	[M_PERF] = COL("performance_score", COL_ID, 0),
};

static const struct schema month_schema = {
	month_cols, sizeof month_cols / sizeof *month_cols,
	"one row per cadre and month"
};

/*
 * Checks one monthly row against the contract of attendance-score's output
 * and keeps it. Every row is checked, also one of a month outside the
 * period: the period chooses what is counted, not what is checked.
 */
static void
read_row(struct sreader *s, long max_cents, bool keep_all_names)
{
	const struct value *v = s->v;
	struct mrow m = { .total = -1, .ym = v[M_MONTH].u.month };
	int dim = days_in_month(m.ym / 12, m.ym % 12 + 1);
	static const int counts[] = { M_DIV, M_LATE, M_EARLY, M_ABSENT, M_REQUIRED };
	struct acc *a;

	/* A count of days in a month: at most the month's days. */
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
		if (v[counts[i]].u.count > dim) {
			bad_row(s->r, s->row, "bad %s '%.*s' (expected a whole number from "
			    "0 to %d, the days of the month)", month_cols[counts[i]].name,
			    (int)v[counts[i]].s.n, v[counts[i]].s.p, dim);
			sreader_forget(s);
			return;
		}
	m.days_in_village = (int)v[M_DIV].u.count;
	m.absent = (int)v[M_ABSENT].u.count;
	m.required = (int)v[M_REQUIRED].u.count;
	m.late_early = (int)(v[M_LATE].u.count + v[M_EARLY].u.count);
	if (v[M_TOTAL].s.n && !parse_cents(v[M_TOTAL].s, v[M_TOTAL].u.num, &m.total)) {
		bad_row(s->r, s->row, "bad total '%.*s' (expected %s)",
		    (int)v[M_TOTAL].s.n, v[M_TOTAL].s.p, month_cols[M_TOTAL].expect);
		sreader_forget(s);
		return;
	}
	if (m.total > max_cents) {
		char mx[32];

		num_format(max_cents / 100.0, mx);
		bad_row(s->r, s->row, "total %.*s above month.attendance_max + "
		    "month.performance_max (expected at most %s)", (int)v[M_TOTAL].s.n,
		    v[M_TOTAL].s.p, mx);
		sreader_forget(s);
		return;
	}
	/* attendance-score leaves both empty when a month has no points. */
	if (sreader_has(s, M_PERF) && (m.total < 0) != (v[M_PERF].s.n == 0)) {
		bad_row(s->r, s->row, m.total < 0 ? "total empty but performance_score "
		    "given (expected both or neither, as attendance-score writes them)" :
		    "total given but performance_score empty (expected both or "
		    "neither, as attendance-score writes them)");
		sreader_forget(s);
		return;
	}
	a = acc_get(v[M_ID].s, s->ref);
	if (v[M_NAME].s.n && (keep_all_names || in_period(m.ym)))
		m.name = xstrndup(v[M_NAME].s.p, v[M_NAME].s.n);
	/* In input order; sorted once all are read (sort_months). */
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 3;
		a->m = xrealloc(a->m, a->cap * sizeof *a->m);
	}
	a->m[a->n++] = m;
}

static int
by_month(const void *x, const void *y)
{
	const struct mrow *a = x, *b = y;

	return (a->ym > b->ym) - (a->ym < b->ym);
}

/* Each cadre's months in month order, whatever order the rows came in:
 * n log n, where keeping them sorted while reading was n squared for a
 * cadre's months in reverse. */
static void
sort_months(void)
{
	for (size_t i = 0; i < ids.n; i++)
		if (accs[i].n > 1)
			qsort(accs[i].m, accs[i].n, sizeof *accs[i].m, by_month);
}

static void
read_months(struct sreader *s, bool keep_all_names)
{
	long max_cents = llround(num_round2(rule_num(R_MONTH_ATTENDANCE_MAX) +
	    rule_num(R_MONTH_PERFORMANCE_MAX)) * 100);

	while (sreader_next(s))
		read_row(s, max_cents, keep_all_names);
	sort_months();
}

static int
cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;

	return (a > b) - (a < b);
}

/* Without --quarter: the one quarter of the input; several is a usage error
 * that names them. */
static int
only_quarter(void)
{
	int *q = NULL;
	size_t n = 0, cap = 0, k = 0;
	char list[256] = "", name[16];
	int first;

	for (size_t i = 0; i < ids.n; i++)
		for (size_t j = 0; j < accs[i].n; j++) {
			int q0 = accs[i].m[j].ym - accs[i].m[j].ym % 3;

			if (n && q[n - 1] == q0)
				continue;
			if (n == cap)
				q = xrealloc(q, (cap = cap ? 2 * cap : 8) * sizeof *q);
			q[n++] = q0;
		}
	if (n == 0)
		usage_error("no monthly rows to take the quarter from (expected "
		    "--quarter YYYYQn)");
	qsort(q, n, sizeof *q, cmp_int);
	for (size_t i = 1; i < n; i++)
		if (q[i] != q[k])
			q[++k] = q[i];
	if (k > 0) {
		size_t len = 0;

		for (size_t i = 0; i <= k && len < sizeof list - 16; i++) {
			quarter_format(q[i], name);
			len += snprintf(list + len, sizeof list - len, "%s%s",
			    i ? ", " : "", name);
		}
		free(q);
		usage_error("the input holds several quarters: %s (expected "
		    "--quarter YYYYQn to choose one)", list);
	}
	first = q[0];
	free(q);
	return first;
}

static void
quarter_name(int yq, char buf[DATE_BUF])
{
	snprintf(buf, DATE_BUF, "%04dQ%d", (yq / 4) % 10000, yq % 4 + 1);
}

/* A --quarter or --month that selects no monthly row: a cron job with a
 * typo must not publish an empty bulletin (SPEC section 1). The message
 * names the quarters, or the months, that the rows hold. */
static void
check_period(const struct csvr *r)
{
	struct periods held = { 0 };
	char list[256];
	const char *what = plen == 1 ? "month" : "quarter";

	for (size_t i = 0; i < ids.n; i++)
		for (size_t j = 0; j < accs[i].n; j++) {
			int ym = accs[i].m[j].ym;

			if (in_period(ym)) {
				periods_free(&held);
				return;
			}
			periods_add(&held, plen == 1 ? ym : ym / 3);
		}
	periods_format(&held, plen == 1 ? month_format : quarter_name, list, sizeof list);
	periods_free(&held);
	die(EXIT_DATAERR, "%s: --%s %s selects no row (expected a %s that the "
	    "monthly rows hold: %s)", csvr_label(r), what, pname, what, list);
}

/*
 * The period's figures of one cadre from its monthly rows. missing_month:
 * a month on which the cadre was dispatched has no total, which is "fewer
 * months with a total than months dispatched" counted over the dispatched
 * months, so that a row outside the dispatch cannot hide a missing one.
 */
static void
tally(struct acc *a, double low_score)
{
	int have[3] = { 0, 0, 0 };   /* by month of the period */

	a->min = -1;
	for (size_t j = 0; j < a->n; j++) {
		const struct mrow *m = &a->m[j];

		if (!in_period(m->ym))
			continue;
		a->listed = true;
		if (m->name)
			a->name = m->name;
		a->days_in_village += m->days_in_village;
		a->absent += m->absent;
		a->late_early += m->late_early;
		if (m->days_in_village < m->required)
			a->flags |= 1u << F_SHORT_DAYS;
		if (m->total < 0)
			continue;
		have[m->ym - pfirst] = 1;
		a->months++;
		a->sum += m->total;
		if (a->min < 0 || m->total < a->min)
			a->min = m->total;
		if (m->total / 100.0 < low_score)
			a->flags |= 1u << F_LOW_SCORE;
	}
	if (!a->name && a->ref)
		a->name = a->ref->name;
	if (a->absent)
		a->flags |= 1u << F_ABSENT;
	if (a->months) {
		a->score = a->sum * (6 / a->months);
		/* sum / months rounded half away from zero, as written */
		a->shown = (2 * a->sum + a->months) / (2 * a->months);
	}
	for (int k = 0; k < plen; k++) {
		int ym = pfirst + k;

		if (!have[k] && (!a->ref || dispatched_days(a->ref, month_first(ym),
		    month_last(ym)) > 0))
			a->flags |= 1u << F_MISSING_MONTH;
	}
}

/*
 * The cadre of a task or spot check that falls in the quarter: on the
 * bulletin, so that every such row is either counted or rejected. NULL
 * after a bad_row().
 */
static struct acc *
bulletin_cadre(struct sreader *s, struct sv id)
{
	size_t i;

	if ((i = idindex_find(&ids, id)) == (size_t)-1 || !accs[i].listed) {
		bad_row(s->r, s->row, "cadre %.*s has no row in the %s bulletin "
		    "(expected a cadre with monthly rows in the %s%s)", (int)id.n,
		    id.p, pname, plen == 1 ? "month" : "quarter",
		    s->roster ? " or dispatched in it" : "");
		return NULL;
	}
	return &accs[i];
}

enum { K_TASK, K_ID, K_DUE, K_DONE };

static const struct colspec task_cols[] = {
	[K_TASK] = COL("task_id", COL_ID, COL_REQUIRED | COL_VALUE | COL_KEY,
	    .expect = "the task's id"),
	[K_ID] = COL("cadre_id", COL_ID, COL_REQUIRED | COL_VALUE | COL_ROSTER,
	    .expect = "the cadre's id"),
	[K_DUE] = COL("due", COL_DATE, COL_REQUIRED | COL_VALUE,
	    .expect = "a date such as 2018-03-31"),
	[K_DONE] = COL("done", COL_DATE, COL_REQUIRED,
	    .expect = "a date such as 2018-03-31"),
};

static const struct schema task_schema = {
	task_cols, sizeof task_cols / sizeof *task_cols, "one row per task"
};

/*
 * --tasks: a task counts in the quarter of its due date. on_time: done on
 * or before due; late: done after due; overdue: not done and due before
 * the quarter's last day. A task not done and due on that last day counts
 * in tasks only.
 */
static void
load_tasks(const char *path, const struct roster *ro)
{
	day_t first = month_first(pfirst), last = month_last(pfirst + plen - 1);
	struct sreader s;

	sreader_open(&s, &task_schema, path, ro);
	while (sreader_next(&s)) {
		day_t due = s.v[K_DUE].u.date, done = s.v[K_DONE].u.date;
		bool is_done = s.v[K_DONE].s.n > 0;
		struct acc *a;

		if (due < first || due > last || !(a = bulletin_cadre(&s, s.v[K_ID].s)))
			continue;
		a->tasks++;
		if (is_done && done <= due)
			a->on_time++;
		else if (is_done)
			a->late++;
		else if (due < last)
			a->overdue++;
	}
	sreader_close(&s);
}

enum { H_ID, H_DATE, H_RESULT };

static const struct colspec check_cols[] = {
	[H_ID] = COL("cadre_id", COL_ID, COL_REQUIRED | COL_VALUE | COL_ROSTER | COL_KEY,
	    .expect = "the cadre's id"),
	[H_DATE] = COL("date", COL_DATE, COL_REQUIRED | COL_VALUE | COL_KEY,
	    .expect = "a date such as 2018-03-31"),
	[H_RESULT] = COL("result", COL_CODE, COL_REQUIRED | COL_VALUE,
	    result_codes),
};

static const struct schema check_schema = {
	check_cols, sizeof check_cols / sizeof *check_cols,
	"one spot check per cadre and day"
};

/* --checks: spot checks (明察暗访) in the quarter, one per cadre and day. */
static void
load_checks(const char *path, const struct roster *ro)
{
	day_t first = month_first(pfirst), last = month_last(pfirst + plen - 1);
	struct sreader s;

	sreader_open(&s, &check_schema, path, ro);
	while (sreader_next(&s)) {
		day_t day = s.v[H_DATE].u.date;
		struct acc *a;

		if (day < first || day > last || !(a = bulletin_cadre(&s, s.v[H_ID].s)))
			continue;
		a->checks++;
		if (s.v[H_RESULT].u.code == RESULT_ABSENT)
			a->failed++;
	}
	sreader_close(&s);
}

/* overdue_task: a task overdue, not merely done late; failed_check: a spot
 * check that found the cadre away. */
static void
flag_tasks_checks(void)
{
	for (size_t i = 0; i < ids.n; i++) {
		if (accs[i].overdue)
			accs[i].flags |= 1u << F_OVERDUE_TASK;
		if (accs[i].failed)
			accs[i].flags |= 1u << F_FAILED_CHECK;
	}
}

static const char *
township_of(const struct acc *a)
{
	return a->ref ? a->ref->township : "";
}

static const char *
village_of(const struct acc *a)
{
	return a->ref ? a->ref->village : "";
}

/* Ranked cadres by township, then avg_total as written highest first. */
static int
by_township_score(const void *x, const void *y)
{
	const struct acc *a = *(struct acc *const *)x, *b = *(struct acc *const *)y;
	int c = strcmp(township_of(a), township_of(b));

	return c ? c : (a->shown < b->shown) - (a->shown > b->shown);
}

static int
by_score(const void *x, const void *y)
{
	const struct acc *a = *(struct acc *const *)x, *b = *(struct acc *const *)y;

	return (a->shown < b->shown) - (a->shown > b->shown);
}

/*
 * Competition ranks (1, 2, 2, 4) by avg_total as written among the cadres
 * with a total, in the county and in each township: two cadres shown
 * alike share a rank (SPEC section 1). A cadre without a township (no
 * roster, or none in it) has no township rank. bottom: fewer than
 * quarter.bottom_places ranked cadres strictly below, so that a tie at
 * the cut shares the flag (排名后3位).
 */
static void
rank_cadres(void)
{
	struct acc **v = xmalloc((ids.n + 1) * sizeof *v);
	size_t n = 0, i, j, g;
	size_t bottom = (size_t)rule_num(R_QUARTER_BOTTOM_PLACES);

	for (i = 0; i < ids.n; i++)
		if (accs[i].listed && accs[i].months)
			v[n++] = &accs[i];
	qsort(v, n, sizeof *v, by_score);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && v[j]->shown == v[i]->shown; j++)
			v[j]->rank_county = (long)i + 1;
		/* v[i .. j) tie; n - j ranked cadres are strictly below them. */
		if (n - j < bottom)
			for (size_t k = i; k < j; k++)
				v[k]->flags |= 1u << F_BOTTOM;
	}
	qsort(v, n, sizeof *v, by_township_score);
	for (g = 0; g < n; g = i) {
		const char *t = township_of(v[g]);

		for (i = g; i < n && strcmp(township_of(v[i]), t) == 0; i++)
			if (*t)
				v[i]->rank_township = i > g && v[i]->shown == v[i - 1]->shown ?
				    v[i - 1]->rank_township : (long)(i - g) + 1;
	}
	free(v);
}

/* Header cells; "rank" alone is a program's own: 排名, not the 职级 of
 * dispatch-match. */
static void
write_header(struct csvw *w, const char *const *cols)
{
	for (; *cols; cols++)
		csvw_str(w, lang_zh && strcmp(*cols, "rank") == 0 ? "排名" :
		    header_out(*cols));
	csvw_end(w);
}

/* Ranked first (by rank), then the unranked, each by cadre_id bytes. */
static int
by_rank_id(const void *x, const void *y)
{
	const struct acc *a = *(struct acc *const *)x, *b = *(struct acc *const *)y;
	unsigned long ra = (unsigned long)a->rank_county - 1,
	    rb = (unsigned long)b->rank_county - 1;

	if (ra != rb)
		return ra < rb ? -1 : 1;
	return strcmp(idindex_id(&ids, (size_t)(a - accs)),
	    idindex_id(&ids, (size_t)(b - accs)));
}

static const char *const cadre_columns[] = {
	"cadre_id", "name", "township", "village", "period", "months",
	"avg_total", "min_total", "days_in_village", "absent", "late_early",
	"tasks", "tasks_on_time", "tasks_late", "tasks_overdue", "checks",
	"checks_failed", "rank_township", "rank_county", "flags", NULL,
};

static void
write_rank(struct csvw *w, long rank)
{
	if (rank)
		csvw_int(w, rank);
	else
		csvw_str(w, "");
}

static void
write_cadres(void)
{
	struct acc **v = xmalloc((ids.n + 1) * sizeof *v);
	size_t n = 0;
	struct csvw w;

	for (size_t i = 0; i < ids.n; i++)
		if (accs[i].listed)
			v[n++] = &accs[i];
	qsort(v, n, sizeof *v, by_rank_id);
	csvw_open(&w, stdout, "standard output");
	write_header(&w, cadre_columns);
	for (size_t i = 0; i < n; i++) {
		const struct acc *a = v[i];

		/* Ranked in the county, written only in the area. */
		if (a->ref && !roster_in_area(a->ref, &area))
			continue;

		csvw_str(&w, idindex_id(&ids, (size_t)(a - accs)));
		csvw_str(&w, a->name);
		csvw_str(&w, township_of(a));
		csvw_str(&w, village_of(a));
		csvw_str(&w, pname);
		csvw_int(&w, a->months);
		if (a->months) {
			csvw_num(&w, a->shown / 100.0);
			csvw_num(&w, a->min / 100.0);
		} else {
			csvw_str(&w, "");
			csvw_str(&w, "");
		}
		csvw_int(&w, a->days_in_village);
		csvw_int(&w, a->absent);
		csvw_int(&w, a->late_early);
		csvw_int(&w, a->tasks);
		csvw_int(&w, a->on_time);
		csvw_int(&w, a->late);
		csvw_int(&w, a->overdue);
		csvw_int(&w, a->checks);
		csvw_int(&w, a->failed);
		write_rank(&w, a->rank_township);
		write_rank(&w, a->rank_county);
		csvw_codes(&w, flag_codes, a->flags);
		csvw_end(&w);
	}
	csvw_close(&w);
	free(v);
}

/* A township or village of --by: sums over its cadres; avg_total is the
 * mean of the avg_total of its cadres that have one. */
struct unit {
	const char *township, *village;
	long cadres, ranked;
	long long score;         /* sum of the ranked cadres' scores */
	long shown;              /* avg_total as written, in cents */
	long days_in_village, absent, tasks, on_time, overdue, failed;
	long rank;
};

static enum by by;

static int
by_place(const void *x, const void *y)
{
	const struct acc *a = *(struct acc *const *)x, *b = *(struct acc *const *)y;
	int c = strcmp(township_of(a), township_of(b));

	if (c || by == BY_TOWNSHIP)
		return c;
	return strcmp(village_of(a), village_of(b));
}

/* avg_total of u above that of v, as written (SPEC section 1). */
static int
unit_cmp_avg(const struct unit *u, const struct unit *v)
{
	return (u->shown < v->shown) - (u->shown > v->shown);
}

static int
unit_by_avg(const void *x, const void *y)
{
	return unit_cmp_avg(x, y);
}

static int
unit_by_rank_place(const void *x, const void *y)
{
	const struct unit *u = x, *v = y;
	unsigned long ru = (unsigned long)u->rank - 1, rv = (unsigned long)v->rank - 1;
	int c;

	if (ru != rv)
		return ru < rv ? -1 : 1;
	if ((c = strcmp(u->township, v->township)))
		return c;
	return strcmp(u->village, v->village);
}

static const char *const township_columns[] = {
	"township", "period", "cadres", "avg_total", "days_in_village",
	"absent", "tasks", "tasks_on_time", "tasks_overdue", "checks_failed",
	"rank", NULL,
};

static const char *const village_columns[] = {
	"township", "village", "period", "cadres", "avg_total",
	"days_in_village", "absent", "tasks", "tasks_on_time", "tasks_overdue",
	"checks_failed", "rank", NULL,
};

static void
write_units(void)
{
	struct acc **v = xmalloc((ids.n + 1) * sizeof *v);
	struct unit *u = xmalloc((ids.n + 1) * sizeof *u);
	size_t n = 0, nu = 0, i, j;
	struct csvw w;

	for (i = 0; i < ids.n; i++)
		if (accs[i].listed)
			v[n++] = &accs[i];
	qsort(v, n, sizeof *v, by_place);
	for (i = 0; i < n; i = j) {
		struct unit *x = &u[nu++];

		*x = (struct unit){ .township = township_of(v[i]),
		    .village = by == BY_VILLAGE ? village_of(v[i]) : "" };
		for (j = i; j < n && by_place(&v[i], &v[j]) == 0; j++) {
			const struct acc *a = v[j];

			x->cadres++;
			if (a->months) {
				x->ranked++;
				x->score += a->score;
			}
			x->days_in_village += a->days_in_village;
			x->absent += a->absent;
			x->tasks += a->tasks;
			x->on_time += a->on_time;
			x->overdue += a->overdue;
			x->failed += a->failed;
		}
		/* The mean of the cadres' exact averages, score / (6 x ranked)
		 * cents, rounded half away from zero as it is written. */
		if (x->ranked)
			x->shown = (long)((2 * x->score + 6 * x->ranked) / (12 * x->ranked));
	}
	/* The units with an avg_total to the front, best first, and ranked;
	 * then all of them in the order written. */
	for (i = j = 0; i < nu; i++)
		if (u[i].ranked) {
			struct unit t = u[j];

			u[j++] = u[i];
			u[i] = t;
		}
	qsort(u, j, sizeof *u, unit_by_avg);
	for (i = 0; i < j; i++)
		u[i].rank = i && unit_cmp_avg(&u[i], &u[i - 1]) == 0 ? u[i - 1].rank :
		    (long)i + 1;
	qsort(u, nu, sizeof *u, unit_by_rank_place);

	csvw_open(&w, stdout, "standard output");
	write_header(&w, by == BY_VILLAGE ? village_columns : township_columns);
	for (i = 0; i < nu; i++) {
		const struct unit *x = &u[i];
		/* Ranked among all the county's units, written in the area. */
		struct cadre place = { .township = (char *)x->township,
		    .village = (char *)x->village };

		if (!roster_in_area(&place, &area))
			continue;

		csvw_str(&w, x->township);
		if (by == BY_VILLAGE)
			csvw_str(&w, x->village);
		csvw_str(&w, pname);
		csvw_int(&w, x->cadres);
		if (x->ranked)
			csvw_num(&w, x->shown / 100.0);
		else
			csvw_str(&w, "");
		csvw_int(&w, x->days_in_village);
		csvw_int(&w, x->absent);
		csvw_int(&w, x->tasks);
		csvw_int(&w, x->on_time);
		csvw_int(&w, x->overdue);
		csvw_int(&w, x->failed);
		write_rank(&w, x->rank);
		csvw_end(&w);
	}
	csvw_close(&w);
	free(u);
	free(v);
}

static void
free_all(void)
{
	for (size_t i = 0; i < ids.n; i++) {
		for (size_t j = 0; j < accs[i].n; j++)
			free(accs[i].m[j].name);
		free(accs[i].m);
	}
	free(accs);
	idindex_free(&ids);
}

int
main(int argc, char **argv)
{
	const char *const *in;
	struct sreader ms;
	size_t nin;
	const char *roster_path = NULL, *tasks_path = NULL, *checks_path = NULL;
	bool have_quarter = false, have_month = false;
	double low_score;
	struct roster *ro = NULL;
	struct csvr *r;
	int c, y, q;

	cli_init(argc, argv, synopsis, help);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_BY:
			if (strcmp(optarg, "cadre") == 0)
				by = BY_CADRE;
			else if (strcmp(optarg, "village") == 0)
				by = BY_VILLAGE;
			else if (strcmp(optarg, "township") == 0)
				by = BY_TOWNSHIP;
			else
				usage_error("unknown --by %s (expected cadre, village or "
				    "township)", optarg);
			break;
		case OPT_CHECKS:
			checks_path = optarg;
			break;
		case OPT_MONTH:
			if (month_parse(sv_of(optarg), &pfirst) != DATE_OK)
				usage_error("bad --month %s (expected YYYY-MM)", optarg);
			plen = 1;
			have_month = true;
			break;
		case OPT_QUARTER:
			if (quarter_parse(sv_of(optarg), &y, &q) != DATE_OK)
				usage_error("bad --quarter %s (expected YYYYQn, such as "
				    "2018Q1)", optarg);
			pfirst = y * 12 + (q - 1) * 3;
			have_quarter = true;
			break;
		case OPT_ROSTER:
			roster_path = optarg;
			break;
		case OPT_TASKS:
			tasks_path = optarg;
			break;
		default:
			if (!area_option(&area, c, optarg) && !cli_common(c, optarg))
				usage();
		}
	}
	cli_finish();
	if (have_month && have_quarter)
		usage_error("--month and --quarter cannot be combined (expected one "
		    "period: a month or a quarter)");
	if (by != BY_CADRE && !roster_path)
		usage_error("--by %s needs --roster FILE (townships and villages come "
		    "from the roster)", by == BY_VILLAGE ? "village" : "township");
	area_need_roster(&area, roster_path);
	/* A township's row sums all its villages: no village chooses it. */
	if (by == BY_TOWNSHIP && area.village)
		usage_error("--village cannot be combined with --by township (expected "
		    "--by village or --by cadre: a township's row sums all its villages)");

	in = cli_operands(argc, argv, &nin);
	sreader_open_all(&ms, &month_schema, in, nin, NULL);
	r = ms.r;
	rejects_open(common_args.rejects, r);
	if (roster_path) {
		ms.roster = ro = roster_load(roster_path);
		area_check(&area, ro);
	}
	read_months(&ms, !have_quarter && !have_month);
	if (have_month)
		month_format(pfirst, pname);
	else {
		if (!have_quarter)
			pfirst = only_quarter();
		quarter_format(pfirst, pname);
	}
	if (have_quarter || have_month)
		check_period(r);
	if (ro)
		for (size_t i = 0; i < ro->n; i++)
			if (dispatched_days(&ro->cadres[i], month_first(pfirst),
			    month_last(pfirst + plen - 1)) > 0)
				acc_get(sv_of(ro->cadres[i].id), &ro->cadres[i])->listed = true;
	low_score = rule_num(R_QUARTER_LOW_SCORE);
	for (size_t i = 0; i < ids.n; i++)
		tally(&accs[i], low_score);
	if (tasks_path)
		load_tasks(tasks_path, ro);
	if (checks_path)
		load_checks(checks_path, ro);
	flag_tasks_checks();
	rank_cadres();
	if (by == BY_CADRE)
		write_cadres();
	else
		write_units();
	rejects_close();
	sreader_close(&ms);
	roster_free(ro);
	area_free(&area);
	free_all();
	return EXIT_OK;
}
