/*
 * annual-grade: the annual grade (年度考评: 优 良 平 差) of SPEC section 6.
 * Reads the monthly rows of attendance-score for one year and writes one
 * row per cadre: the grade computed from the year's totals, the review
 * chain, the caps, the excellent quota and the actions that follow.
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
    "annual-grade --year YYYY [--excellent-quota P] [--reviews FILE]\n"
    "                    [--roster FILE [--township NAME] [--village NAME]]\n"
    "                    [--training FILE] [common options] [FILE...]";

static const char help[] =
    "Annual grade: one row per cadre from a year of attendance-score's monthly\n"
    "rows (cadre_id,month,days_in_village,total[,name,leave]): the grade computed\n"
    "from the average total, the reviews, the caps, the quota, the flags and the\n"
    "actions.\n"
    "\n"
    "  --year YYYY            the year to grade (required); monthly rows of other\n"
    "                         years are checked, not counted\n"
    "  --excellent-quota P    at most P of graded cadres excellent (20% or 0.2);\n"
    "                         those beyond it with the lowest avg_total become good\n"
    "  --reviews FILE         cadre_id,year,village_grade,township_grade,county_grade\n"
    "                         (rows of other years are checked, not used)\n"
    "  --roster FILE          prorate required days, cap recalled cadres, reserve and\n"
    "                         dispatch dates; list every cadre dispatched in the year\n"
    "  --township NAME        with --roster: write only that township's cadres,\n"
    "                         graded and held to the quota in the whole county\n"
    "  --training FILE        cadre_id,date,days: training days in the year\n"
    "  --village NAME         with --roster: write only that village's cadres\n";

enum {
	OPT_EXCELLENT_QUOTA = OPT_PROGRAM, OPT_REVIEWS, OPT_ROSTER, OPT_TRAINING,
	OPT_YEAR
};

static const struct option longopts[] = {
	{ "excellent-quota", required_argument, NULL, OPT_EXCELLENT_QUOTA },
	{ "reviews", required_argument, NULL, OPT_REVIEWS },
	{ "roster", required_argument, NULL, OPT_ROSTER },
	{ "training", required_argument, NULL, OPT_TRAINING },
	{ "year", required_argument, NULL, OPT_YEAR },
	AREA_LONGOPTS,
	COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 },
};

enum flag { FL_CAPPED, FL_TRAINING_SHORT, FL_QUOTA, FL_LEAVE_OVER, FL_COUNT };
static const struct code flag_codes[] = {
	[FL_CAPPED] = { "capped", "封顶", NULL },
	[FL_TRAINING_SHORT] = { "training_short", "培训不足", NULL },
	[FL_QUOTA] = { "quota", "限额", NULL },
	[FL_LEAVE_OVER] = { "leave_over", "请假超限", NULL },
	[FL_COUNT] = { NULL, NULL, NULL },
};

/* In the order SPEC section 6 lists them. */
enum action {
	AC_COMMEND, AC_ADMONISH_TALK, AC_NOTIFY_UNIT, AC_NO_AWARD, AC_REPLACE,
	AC_REVOKE_RESERVE, AC_GRASSROOTS_CREDIT, AC_APPRAISAL_LETTER, AC_COUNT
};
static const struct code action_codes[] = {
	[AC_COMMEND] = { "commend", "评优", NULL },
	[AC_ADMONISH_TALK] = { "admonish_talk", "诫勉谈话", NULL },
	[AC_NOTIFY_UNIT] = { "notify_unit", "反馈派出单位", NULL },
	[AC_NO_AWARD] = { "no_award", "取消评优", NULL },
	[AC_REPLACE] = { "replace", "更换人选", NULL },
	[AC_REVOKE_RESERVE] = { "revoke_reserve", "取消后备资格", NULL },
	[AC_GRASSROOTS_CREDIT] = { "grassroots_credit", "计入基层经历", NULL },
	[AC_APPRAISAL_LETTER] = { "appraisal_letter", "出具鉴定", NULL },
	[AC_COUNT] = { NULL, NULL, NULL },
};

enum { REV_VILLAGE, REV_TOWNSHIP, REV_COUNTY, REV_COUNT };

struct acc {
	const struct cadre *ref;  /* with --roster */
	char *name;               /* of the latest month that names the cadre */
	int name_ym;
	int months;               /* months with a total */
	double sum_total;
	long days_in_village;
	long leave;               /* days of leave in the year */
	long required_days;
	double training_days;
	int review[REV_COUNT];    /* enum grade, -1 when not given */
	int computed, final;      /* enum grade, -1 when none */
	unsigned flags;           /* 1 << enum flag */
	unsigned actions;         /* 1 << enum action */
};

static struct idindex ids;   /* cadre id -> index into accs */
static struct acc *accs;
static size_t naccs;          /* records in accs: ids.n */
static struct periods held;  /* the years of the monthly rows */
static long other_rows;      /* monthly rows of other years */
static long no_total_rows;
static struct area area;     /* --township, --village */

/*
 * Averages are judged as written (avg_cents). A rule's value and training
 * days are binary fractions of decimals: comparisons with them allow for
 * that much and no more.
 */
#define EPS 1e-9

static struct acc *
acc_get(struct sv id, const struct cadre *ref)
{
	bool added;
	size_t i = idindex_get(&ids, id, &added);

	if (added) {
		accs = idindex_fit(&ids, accs, sizeof *accs, &naccs);
		accs[i] = (struct acc){ .ref = ref, .computed = -1, .final = -1 };
		for (int k = 0; k < REV_COUNT; k++)
			accs[i].review[k] = -1;
	}
	return &accs[i];
}

/* The cadre a review or training row of the year speaks of, or NULL after
 * reporting the row: a row for nobody graded is a typo to be seen. */
static struct acc *
acc_known(const struct csvr *r, const struct csvrow *row, struct sv id, int year)
{
	size_t i = idindex_find(&ids, id);

	if (i == (size_t)-1) {
		bad_row(r, row, "cadre %.*s is not graded for %d (expected a cadre "
		    "with monthly rows or, with --roster, one dispatched in the year)",
		    (int)id.n, id.p, year);
		return NULL;
	}
	return &accs[i];
}

/* The monthly rows of attendance-score, held to its contract; other
 * columns are ignored. */
enum { M_ID, M_NAME, M_MONTH, M_DIV, M_TOTAL, M_LEAVE };

static const struct colspec month_cols[] = {
	[M_ID] = COL("cadre_id", COL_ID, COL_REQUIRED | COL_VALUE | COL_ROSTER |
	    COL_KEY, .expect = "the cadre's id"),
	[M_NAME] = COL("name", COL_TEXT, 0),
	[M_MONTH] = COL("month", COL_MONTH, COL_REQUIRED | COL_VALUE | COL_KEY),
	[M_DIV] = COL("days_in_village", COL_COUNT, COL_REQUIRED | COL_VALUE,
	    .expect = "a whole number from 0 to the days of the month"),
	[M_TOTAL] = COL("total", COL_NUM, COL_REQUIRED, .min = 0, .max = 1e9,
	    .expect = "empty or a number from 0 to month.attendance_max + "
	    "month.performance_max"),
	[M_LEAVE] = COL("leave", COL_COUNT, 0,
	    .expect = "a whole number from 0 to the days of the month, or empty"),
};

static const struct schema month_schema = {
	month_cols, sizeof month_cols / sizeof *month_cols,
	"one row per cadre and month"
};

static void
read_months(struct sreader *s, int year)
{
	double max = rule_num(R_MONTH_ATTENDANCE_MAX) + rule_num(R_MONTH_PERFORMANCE_MAX);
	char mx[32];

	num_format(max, mx);
	while (sreader_next(s)) {
		const struct value *v = s->v;
		int ym = v[M_MONTH].u.month, mdays = days_in_month(ym / 12, ym % 12 + 1);
		struct sv name = v[M_NAME].s;
		struct acc *a;

		if (v[M_DIV].u.count > mdays) {
			bad_row(s->r, s->row, "bad days_in_village '%.*s' (expected a whole "
			    "number from 0 to %d)", (int)v[M_DIV].s.n, v[M_DIV].s.p, mdays);
			sreader_forget(s);
			continue;
		}
		if (v[M_LEAVE].u.count > mdays) {
			bad_row(s->r, s->row, "bad leave '%.*s' (expected a whole number from "
			    "0 to %d, or empty)", (int)v[M_LEAVE].s.n, v[M_LEAVE].s.p, mdays);
			sreader_forget(s);
			continue;
		}
		/* Only a total whose nearest double is the bound needs its digits. */
		if (v[M_TOTAL].s.n && (v[M_TOTAL].u.num > max ||
		    (v[M_TOTAL].u.num == max && num_cmp(v[M_TOTAL].s, max) > 0))) {
			bad_row(s->r, s->row, "bad total '%.*s' (expected empty or a number "
			    "from 0 to month.attendance_max + month.performance_max = %s)",
			    (int)v[M_TOTAL].s.n, v[M_TOTAL].s.p, mx);
			sreader_forget(s);
			continue;
		}
		periods_add(&held, ym / 12);
		/* A log that begins in the year before still makes the year-end
		 * pipeline: such rows are checked as any, counted nowhere. */
		if (ym / 12 != year) {
			other_rows++;
			continue;
		}
		a = acc_get(v[M_ID].s, s->ref);
		a->days_in_village += v[M_DIV].u.count;
		a->leave += v[M_LEAVE].u.count;
		if (v[M_TOTAL].s.n) {
			a->months++;
			a->sum_total += v[M_TOTAL].u.num;
		} else
			no_total_rows++;
		if (name.n && (!a->name || ym >= a->name_ym)) {
			free(a->name);
			a->name = xstrndup(name.p, name.n);
			a->name_ym = ym;
		}
	}
}

/* What the report leaves out, told once it is written: a failing program
 * writes one line on stderr. */
static void
tell_left_out(const struct sreader *s, int year)
{
	if (other_rows)
		warnmsg("%ld monthly row%s of years other than %d: checked, not counted",
		    other_rows, other_rows == 1 ? "" : "s", year);
	if (no_total_rows)
		warnmsg("%ld monthly row%s without a total: not counted in avg_total",
		    no_total_rows, no_total_rows == 1 ? "" : "s");
	if (!sreader_has(s, M_LEAVE) && rule_num(R_YEAR_MAX_LEAVE_DAYS) > 0)
		warnmsg("%s has no leave column: leave_over not judged", csvr_label(s->r));
}

static void
year_format(int y, char buf[DATE_BUF])
{
	snprintf(buf, DATE_BUF, "%04d", y % 10000);
}

/* --year that selects no monthly row: a cron job with a typo must not
 * publish an empty report (SPEC section 1). */
static void
check_year(const struct csvr *r, int year)
{
	char list[256];

	if (periods_has(&held, year))
		return;
	periods_format(&held, year_format, list, sizeof list);
	die(EXIT_DATAERR, "%s: --year %d selects no row (expected a year that "
	    "the monthly rows hold: %s)", csvr_label(r), year, list);
}

/* --reviews: the village's first grade, the township's and the county's. */
enum { V_ID, V_YEAR, V_GRADES };

static const struct colspec review_spec[] = {
	[V_ID] = COL("cadre_id", COL_ID, COL_REQUIRED | COL_VALUE | COL_ROSTER | COL_KEY,
	    .expect = "the cadre's id"),
	[V_YEAR] = COL("year", COL_YEAR, COL_REQUIRED | COL_VALUE | COL_KEY),
	[V_GRADES + REV_VILLAGE] = COL("village_grade", COL_CODE, COL_REQUIRED, grade_codes),
	[V_GRADES + REV_TOWNSHIP] = COL("township_grade", COL_CODE, COL_REQUIRED, grade_codes),
	[V_GRADES + REV_COUNTY] = COL("county_grade", COL_CODE, COL_REQUIRED, grade_codes),
};

static const struct schema review_schema = {
	review_spec, sizeof review_spec / sizeof *review_spec,
	"one row per cadre and year"
};

static void
read_reviews(struct sreader *s, int year)
{
	while (sreader_next(s)) {
		struct acc *a;

		if (s->v[V_YEAR].u.year != year ||
		    !(a = acc_known(s->r, s->row, s->v[V_ID].s, year)))
			continue;
		for (int k = 0; k < REV_COUNT; k++)
			a->review[k] = s->v[V_GRADES + k].u.code;
	}
}

/* --training: days of training, counted in the year of their date. */
enum { T_ID, T_DATE, T_DAYS };

static const struct colspec training_spec[] = {
	[T_ID] = COL("cadre_id", COL_ID, COL_REQUIRED | COL_VALUE | COL_ROSTER | COL_KEY,
	    .expect = "the cadre's id"),
	[T_DATE] = COL("date", COL_DATE, COL_REQUIRED | COL_VALUE | COL_KEY),
	/* The year's own bound is read_training's. */
	[T_DAYS] = COL("days", COL_NUM, COL_REQUIRED | COL_VALUE,
	    .min = 0, .max = 1e9,
	    .expect = "a number of days above 0"),
};

static const struct schema training_schema = {
	training_spec, sizeof training_spec / sizeof *training_spec,
	"one row per cadre and date"
};

static void
read_training(struct sreader *s, int year)
{
	while (sreader_next(s)) {
		double days = s->v[T_DAYS].u.num;
		day_t day = s->v[T_DATE].u.date;
		struct acc *a;

		/* A day's training is above 0, and a year has no more days. */
		if (days <= 0 || days > days_in_year(year_of(day))) {
			bad_row(s->r, s->row, "bad days '%.*s' (expected a number of days "
			    "above 0 and at most %d)", (int)s->v[T_DAYS].s.n,
			    s->v[T_DAYS].s.p, days_in_year(year_of(day)));
			continue;
		}
		if (year_of(day) != year ||
		    !(a = acc_known(s->r, s->row, s->v[T_ID].s, year)))
			continue;
		a->training_days += days;
	}
}

static long
ceil_div(long a, long b)
{
	return b ? (a + b - 1) / b : 0;
}

/* avg_total as the report writes it, in cents: what every comparison a
 * reader sees judged uses (SPEC section 1), so that an average shown as
 * 90 is excellent and two shown alike tie. */
static long
avg_cents(const struct acc *a)
{
	return (long)llround(num_round2(a->sum_total / a->months) * 100);
}

static double
avg_total(const struct acc *a)
{
	return avg_cents(a) / 100.0;
}

/* >= grade.excellent 90, >= grade.good 80, >= grade.fair 60, else poor,
 * of the average as written. */
static int
computed_grade(double avg)
{
	if (avg >= rule_num(R_GRADE_EXCELLENT) - EPS)
		return GR_EXCELLENT;
	if (avg >= rule_num(R_GRADE_GOOD) - EPS)
		return GR_GOOD;
	if (avg >= rule_num(R_GRADE_FAIR) - EPS)
		return GR_FAIR;
	return GR_POOR;
}

/* The county's review if given, else the township's, else the village's,
 * else the computed grade. */
static int
grade_before_caps(const struct acc *a)
{
	for (int k = REV_COUNT - 1; k >= 0; k--)
		if (a->review[k] >= 0)
			return a->review[k];
	return a->computed;
}

/* The grade may not be higher than cap.residency for a cadre short of the
 * year's residency days, nor than cap.recalled for a recalled cadre. */
static void
apply_caps(struct acc *a)
{
	int before = a->final;

	if (a->days_in_village < a->required_days && a->final > rule_grade(R_CAP_RESIDENCY))
		a->final = rule_grade(R_CAP_RESIDENCY);
	if (a->ref && a->ref->recalled && a->final > rule_grade(R_CAP_RECALLED))
		a->final = rule_grade(R_CAP_RECALLED);
	if (a->final < before)
		a->flags |= 1u << FL_CAPPED;
}

/* Highest avg_total first; a cadre without one (graded by review alone)
 * after every cadre with one. 0 for a tie. */
static int
by_avg_desc(const struct acc *x, const struct acc *y)
{
	long a, b;

	if (!x->months || !y->months)
		return (x->months == 0) - (y->months == 0);
	a = avg_cents(x);
	b = avg_cents(y);
	return (a < b) - (a > b);
}

static int
by_avg_desc_p(const void *x, const void *y)
{
	return by_avg_desc(*(struct acc *const *)x, *(struct acc *const *)y);
}

/*
 * --excellent-quota P: if more than P of the graded cadres are excellent,
 * the excellent beyond the first floor(P x graded) by avg_total become good
 * with flag quota; a cadre tied with the last one kept keeps the grade.
 */
static void
apply_quota(double share)
{
	struct acc **ex = xmalloc((ids.n + 1) * sizeof *ex);
	size_t graded = 0, nex = 0, keep;

	for (size_t i = 0; i < ids.n; i++) {
		if (accs[i].final >= 0)
			graded++;
		if (accs[i].final == GR_EXCELLENT)
			ex[nex++] = &accs[i];
	}
	keep = (size_t)floor(share * (double)graded + EPS);
	if (nex > keep) {
		qsort(ex, nex, sizeof *ex, by_avg_desc_p);
		for (size_t i = keep; i < nex; i++) {
			if (keep > 0 && by_avg_desc(ex[i], ex[keep - 1]) == 0)
				continue;
			ex[i]->final = GR_GOOD;
			ex[i]->flags |= 1u << FL_QUOTA;
		}
	}
	free(ex);
}

/* Dispatched one year or more by year end: start_date plus one year is on
 * or before the next January 1, and on or before the day after end_date
 * when the dispatch ended sooner. A year after February 29 is February 28. */
static bool
dispatched_a_year(const struct cadre *c, int year)
{
	day_t until = date_from_ymd(year + 1, 1, 1), anniversary;
	int y, m, d;

	if (c->end != DAY_MAX && c->end + 1 < until)
		until = c->end + 1;
	if (c->start == DAY_MIN)
		return true;
	date_ymd(c->start, &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	anniversary = date_from_ymd(y + 1, m, d);
	return anniversary <= until;
}

/* The actions that follow from the final grade, in the SPEC's order. */
static unsigned
actions_of(const struct acc *a, int year, bool have_roster)
{
	unsigned ac = 0;

	switch (a->final) {
	case GR_EXCELLENT:
		ac |= 1u << AC_COMMEND;
		break;
	case GR_FAIR:
		ac |= 1u << AC_ADMONISH_TALK | 1u << AC_NOTIFY_UNIT;
		break;
	case GR_POOR:
		ac |= 1u << AC_NO_AWARD | 1u << AC_REPLACE;
		if (a->ref && a->ref->reserve)
			ac |= 1u << AC_REVOKE_RESERVE;
		break;
	}
	/* Without a roster the dispatch dates are unknown: neither. */
	if (have_roster && a->ref) {
		if (!dispatched_a_year(a->ref, year))
			ac |= 1u << AC_APPRAISAL_LETTER;
		else if (a->final >= GR_GOOD)
			ac |= 1u << AC_GRASSROOTS_CREDIT;
	}
	return ac;
}

static void
grade_all(int year, bool have_roster, bool have_training, double quota)
{
	long min_days = (long)rule_num(R_YEAR_MIN_DAYS), diy = days_in_year(year);
	double min_training = rule_num(R_YEAR_TRAINING_DAYS);
	long max_leave = (long)rule_num(R_YEAR_MAX_LEAVE_DAYS);
	day_t first = date_from_ymd(year, 1, 1), last = date_from_ymd(year, 12, 31);

	for (size_t i = 0; i < ids.n; i++) {
		struct acc *a = &accs[i];
		/* ceil(200 x dispatched days in year / days in year), as section 3 */
		long disp = a->ref ? dispatched_days(a->ref, first, last) : diy;

		a->required_days = ceil_div(min_days * disp, diy);
		if (a->months)
			a->computed = computed_grade(avg_total(a));
		if ((a->final = grade_before_caps(a)) >= 0)
			apply_caps(a);
		if (have_training && a->training_days < min_training - EPS)
			a->flags |= 1u << FL_TRAINING_SHORT;
	}
	if (quota >= 0)
		apply_quota(quota);
	for (size_t i = 0; i < ids.n; i++)
		if (max_leave > 0 && accs[i].leave > max_leave)
			accs[i].flags |= 1u << FL_LEAVE_OVER;
	for (size_t i = 0; i < ids.n; i++)
		if (accs[i].final >= 0)
			accs[i].actions = actions_of(&accs[i], year, have_roster);
}

static void
write_grade(struct csvw *w, int g)
{
	csvw_str(w, g >= 0 ? code_out(grade_codes, g) : "");
}

static const char *const columns[] = {
	"cadre_id", "name", "year", "months", "avg_total", "days_in_village",
	"required_days", "training_days", "computed_grade", "village_grade",
	"township_grade", "county_grade", "final_grade", "flags", "actions", NULL,
};

static void
write_grades(int year, bool have_training)
{
	size_t *v = idindex_sorted(&ids);
	struct csvw w;

	csvw_open(&w, stdout, "standard output");
	csvw_header(&w, columns);
	for (size_t i = 0; i < ids.n; i++) {
		const struct acc *a = &accs[v[i]];

		/* Graded, and held to the quota, in the whole county. */
		if (a->ref && !roster_in_area(a->ref, &area))
			continue;
		csvw_str(&w, idindex_id(&ids, v[i]));
		csvw_str(&w, a->name ? a->name : a->ref ? a->ref->name : "");
		csvw_int(&w, year);
		csvw_int(&w, a->months);
		if (a->months)
			csvw_num(&w, avg_total(a));
		else
			csvw_str(&w, "");
		csvw_int(&w, a->days_in_village);
		csvw_int(&w, a->required_days);
		if (have_training)
			csvw_num(&w, a->training_days);
		else
			csvw_str(&w, "");
		write_grade(&w, a->computed);
		for (int k = 0; k < REV_COUNT; k++)
			write_grade(&w, a->review[k]);
		write_grade(&w, a->final);
		csvw_codes(&w, flag_codes, a->flags);
		csvw_codes(&w, action_codes, a->actions);
		csvw_end(&w);
	}
	csvw_close(&w);
	free(v);
}

/* 20% (a percentage) or 0.2 (a fraction); -1 when it is neither. */
static double
quota_parse(const char *s)
{
	size_t n = strlen(s);
	double p;

	if (n && s[n - 1] == '%') {
		if (!num_parse((struct sv){ s, n - 1 }, &p) || p < 0 || p > 100)
			return -1;
		return p / 100;
	}
	if (!num_parse(sv_of(s), &p) || p < 0 || p > 1)
		return -1;
	return p;
}

static void
free_all(void)
{
	for (size_t i = 0; i < ids.n; i++)
		free(accs[i].name);
	free(accs);
	idindex_free(&ids);
	periods_free(&held);
}

int
main(int argc, char **argv)
{
	const char *roster_path = NULL, *reviews_path = NULL, *training_path = NULL;
	const char *const *in;
	struct sreader ms;
	size_t nin;
	struct sreader reviews, training;
	struct roster *ro = NULL;
	double quota = -1;
	int year = -1, c;

	cli_init(argc, argv, synopsis, help);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_EXCELLENT_QUOTA:
			if ((quota = quota_parse(optarg)) < 0)
				usage_error("bad --excellent-quota %s (expected a percentage "
				    "from 0%% to 100%% or a fraction from 0 to 1, such as 20%% "
				    "or 0.2)", optarg);
			break;
		case OPT_REVIEWS:
			reviews_path = optarg;
			break;
		case OPT_ROSTER:
			roster_path = optarg;
			break;
		case OPT_TRAINING:
			training_path = optarg;
			break;
		case OPT_YEAR:
			if (year_parse(sv_of(optarg), &year) != DATE_OK)
				usage_error("bad --year %s (expected YYYY)", optarg);
			break;
		default:
			if (!area_option(&area, c, optarg) && !cli_common(c, optarg))
				usage();
		}
	}
	cli_finish();
	if (year < 0)
		usage_error("--year YYYY is required");
	area_need_roster(&area, roster_path);

	in = cli_operands(argc, argv, &nin);
	sreader_open_all(&ms, &month_schema, in, nin, NULL);
	rejects_open(common_args.rejects, ms.r);
	if (roster_path) {
		day_t first = date_from_ymd(year, 1, 1), last = date_from_ymd(year, 12, 31);

		ms.roster = ro = roster_load(roster_path);
		area_check(&area, ro);
		/* Every cadre dispatched in the year is graded, also one with no
		 * monthly rows: the department must see who has no grade. */
		for (size_t i = 0; i < ro->n; i++)
			if (dispatched_days(&ro->cadres[i], first, last) > 0)
				acc_get(sv_of(ro->cadres[i].id), &ro->cadres[i]);
	}
	/* Opened now, read after the monthly rows: a missing file stops the
	 * program before it reads anything. */
	if (reviews_path)
		sreader_open(&reviews, &review_schema, reviews_path, ro);
	if (training_path)
		sreader_open(&training, &training_schema, training_path, ro);
	read_months(&ms, year);
	check_year(ms.r, year);
	if (reviews_path)
		read_reviews(&reviews, year);
	if (training_path)
		read_training(&training, year);
	grade_all(year, ro != NULL, training_path != NULL, quota);
	write_grades(year, training_path != NULL);
	tell_left_out(&ms, year);
	rejects_close();
	if (training_path)
		sreader_close(&training);
	if (reviews_path)
		sreader_close(&reviews);
	sreader_close(&ms);
	roster_free(ro);
	area_free(&area);
	free_all();
	return EXIT_OK;
}
