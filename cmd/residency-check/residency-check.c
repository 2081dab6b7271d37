/*
 * residency-check: the 200-day residency check (驻村时间) of SPEC section 3.
 * Reads the daily attendance log and writes one row per cadre: days in the
 * village in the year, days required, and whether the cadre is compliant
 * (or, during the year, on pace).
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
#include "rejects.h"
#include "roster.h"
#include "rules.h"

static const char synopsis[] =
    "residency-check --year YYYY [--as-of DATE] [--only-failing]\n"
    "                       [--roster FILE [--township NAME] [--village NAME]]\n"
    "                       [common options] [FILE...]";

static const char help[] =
    "Residency check: days in the village per cadre over a year of the daily\n"
    "attendance log (cadre_id,date,status[,name]) against the days required.\n"
    "\n"
    "  --year YYYY        the year to check (required; one the log has no row\n"
    "                     of is bad data)\n"
    "  --as-of DATE       check during the year: count days up to DATE and say\n"
    "                     whether each cadre is on pace\n"
    "  --only-failing     write only cadres not compliant (not on pace)\n"
    "  --roster FILE      prorate required days by the dispatch dates, leave out\n"
    "                     the days outside the dispatch, and list every cadre\n"
    "                     dispatched in the year, also one with no rows\n"
    "  --township NAME    with --roster: write only that township's cadres\n"
    "  --village NAME     with --roster: write only that village's cadres\n";

enum { OPT_AS_OF = OPT_PROGRAM, OPT_ONLY_FAILING, OPT_ROSTER, OPT_YEAR };

static const struct option longopts[] = {
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "only-failing", no_argument, NULL, OPT_ONLY_FAILING },
	{ "roster", required_argument, NULL, OPT_ROSTER },
	{ "year", required_argument, NULL, OPT_YEAR },
	AREA_LONGOPTS,
	COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 },
};

struct acc {
	bool listed;             /* a cadre of the check, not only a bad row's */
	const struct cadre *ref;
	struct lastname name;    /* last name seen in the log */
	int days_in_village;
	long outside;            /* rows of the year outside its dispatch */
};

static struct dailylog daily;
static struct acc *accs;     /* per cadre index of the log */
static size_t naccs;
static struct periods held;  /* the years that have a counted row */
static struct area area;     /* --township, --village */

static struct acc *
acc_at(size_t i, const struct cadre *ref)
{
	accs = idindex_fit(&daily.ids, accs, sizeof *accs, &naccs);
	accs[i].ref = ref;
	return &accs[i];
}

/*
 * A well-formed row (the daily log has rejected a second row for a cadre
 * and day, in every year). A day outside the cadre's dispatch (with
 * --roster) counts nowhere, not even as a year of the input.
 */
static void
count_row(const struct logrow *lr, int year, day_t first, day_t last,
    day_t as_of, unsigned in_village)
{
	struct acc *a = acc_at(lr->cadre, lr->ref);
	bool in_year = lr->date >= first && lr->date <= last;

	if (lr->ref && (lr->date < lr->ref->start || lr->date > lr->ref->end)) {
		if (in_year)
			a->outside++;
		return;
	}
	periods_add(&held, in_year ? year : year_of(lr->date));
	if (!in_year)
		return;
	a->listed = true;
	if (lr->date <= as_of && (in_village & (1u << lr->status)))
		a->days_in_village++;
	lastname_set(&a->name, lr->name);
}

static long
ceil_div(long a, long b)
{
	return b ? (a + b - 1) / b : 0;
}

static const char *const columns[] = {
	"cadre_id", "name", "year", "days_in_village", "required_days",
	"shortfall", "on_pace", "compliant", NULL,
};

static void
write_check(int year, bool have_as_of, day_t as_of, bool only_failing)
{
	day_t first = date_from_ymd(year, 1, 1), last = date_from_ymd(year, 12, 31);
	long min_days = (long)rule_num(R_YEAR_MIN_DAYS), diy = days_in_year(year);
	size_t *v = idindex_sorted(&daily.ids);
	long outside_rows = 0, outside_cadres = 0;
	struct csvw w;

	csvw_open(&w, stdout, "standard output");
	csvw_header(&w, columns);
	for (size_t i = 0; i < daily.ids.n; i++) {
		const struct acc *a;
		long disp, required, shortfall;
		bool ok;

		/* Ids of rejected rows only (not in the roster) are not cadres. */
		if (v[i] >= naccs || !accs[v[i]].listed)
			continue;
		a = &accs[v[i]];
		if (a->ref && !roster_in_area(a->ref, &area))
			continue;
		/* The note speaks of the cadres written. */
		if (a->outside) {
			outside_rows += a->outside;
			outside_cadres++;
		}
		disp = a->ref ? dispatched_days(a->ref, first, last) : diy;
		/* ceil(200 x dispatched days in year / days in year) */
		required = ceil_div(min_days * disp, diy);
		shortfall = required - a->days_in_village;
		if (have_as_of) {
			long elapsed = a->ref ? dispatched_days(a->ref, first, as_of)
			    : as_of - first + 1;

			ok = a->days_in_village >= ceil_div(required * elapsed, disp);
		} else
			ok = a->days_in_village >= required;
		if (only_failing && ok)
			continue;
		csvw_str(&w, idindex_id(&daily.ids, v[i]));
		csvw_str(&w, a->name.len ? lastname_str(&a->name) : a->ref ? a->ref->name : "");
		csvw_int(&w, year);
		csvw_int(&w, a->days_in_village);
		csvw_int(&w, required);
		csvw_int(&w, shortfall > 0 ? shortfall : 0);
		csvw_str(&w, have_as_of ? yesno_out(ok) : "");
		csvw_str(&w, have_as_of ? "" : yesno_out(ok));
		csvw_end(&w);
	}
	csvw_close(&w);
	if (outside_rows)
		warnmsg("%ld row%s of %ld cadre%s outside the dispatch (before "
		    "start_date or after end_date): not counted", outside_rows,
		    outside_rows == 1 ? "" : "s", outside_cadres,
		    outside_cadres == 1 ? "" : "s");
	free(v);
}

static void
year_format(int y, char buf[DATE_BUF])
{
	snprintf(buf, DATE_BUF, "%04d", y % 10000);
}

/* --year that selects no row of the log: a cron job with a typo must not
 * publish an empty check (SPEC section 1). */
static void
check_year(int year)
{
	char list[256];

	if (periods_has(&held, year))
		return;
	periods_format(&held, year_format, list, sizeof list);
	die(EXIT_DATAERR, "%s: --year %d selects no row (expected a year that "
	    "the log holds: %s)", csvr_label(daily.r), year, list);
}

static void
free_all(void)
{
	for (size_t i = 0; i < naccs; i++) {
		lastname_free(&accs[i].name);
	}
	free(accs);
	periods_free(&held);
}

int
main(int argc, char **argv)
{
	const char *const *in;
	size_t nin;
	const char *roster_path = NULL, *as_of_arg = NULL;
	bool only_failing = false, have_as_of = false;
	int year = -1, c;
	day_t as_of = 0, first, last;
	struct roster *ro = NULL;
	struct logrow lr;
	unsigned in_village;

	cli_init(argc, argv, synopsis, help);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_AS_OF:
			if (date_parse(sv_of(optarg), &as_of) != DATE_OK)
				usage_error("bad --as-of %s (expected a date such as 2018-06-30)",
				    optarg);
			have_as_of = true;
			as_of_arg = optarg;
			break;
		case OPT_ONLY_FAILING:
			only_failing = true;
			break;
		case OPT_ROSTER:
			roster_path = optarg;
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
	first = date_from_ymd(year, 1, 1);
	last = date_from_ymd(year, 12, 31);
	if (have_as_of && (as_of < first || as_of > last))
		usage_error("--as-of %s is not in --year %d", as_of_arg, year);
	if (!have_as_of)
		as_of = last;

	in = cli_operands(argc, argv, &nin);
	dailylog_open(&daily, in, nin);
	rejects_open(common_args.rejects, daily.r);
	if (roster_path) {
		daily.roster = ro = roster_load(roster_path);
		area_check(&area, ro);
		/* The cadre with no records is the first one the check must find. */
		for (size_t i = 0; i < ro->n; i++)
			if (dispatched_days(&ro->cadres[i], first, last) > 0)
				acc_at(dailylog_cadre(&daily, sv_of(ro->cadres[i].id)),
				    &ro->cadres[i])->listed = true;
	}
	in_village = rule_statuses(R_RESIDENCY_STATUSES);
	while (dailylog_next(&daily, &lr))
		count_row(&lr, year, first, last, as_of, in_village);
	check_year(year);
	write_check(year, have_as_of, as_of, only_failing);
	rejects_close();
	dailylog_close(&daily);
	roster_free(ro);
	area_free(&area);
	free_all();
	return EXIT_OK;
}
