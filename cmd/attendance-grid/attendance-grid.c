/*
 * attendance-grid: the monthly attendance sheet (考勤表) of SPEC section 11.
 * Reads the grid a township keeps, one row per cadre and one column per
 * day with a mark in each cell, and writes the daily log of section 2
 * (cadre_id,name,date,status) that attendance-score and residency-check
 * read as it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "codes.h"
#include "csvio.h"
#include "date.h"
#include "diag.h"
#include "idindex.h"
#include "rejects.h"
#include "roster.h"
#include "rules.h"

static const char synopsis[] =
    "attendance-grid [--month YYYY-MM] [--roster FILE] [common options] [FILE...]";

static const char help[] =
    "Monthly attendance sheet to daily log: reads a grid with a row per cadre\n"
    "(cadre_id and/or name) and a column per day (1..31, 1日..31日 or a date),\n"
    "a mark in each cell, and writes cadre_id,name,date,status, a row per mark.\n"
    "The marks are the grid.mark rules (--print-rules lists them) and every\n"
    "status code or its Chinese name; an empty cell is a day not recorded.\n"
    "\n"
    "  --month YYYY-MM    the sheet's month (else its title row or its date\n"
    "                     headers must name it)\n"
    "  --roster FILE      every cadre must be in the roster; a row without a\n"
    "                     cadre_id finds its cadre there by name\n";

enum { OPT_MONTH = OPT_PROGRAM, OPT_ROSTER };

static const struct option longopts[] = {
	{ "month", required_argument, NULL, OPT_MONTH },
	{ "roster", required_argument, NULL, OPT_ROSTER },
	COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 },
};

#define MAX_DAY 31
#define NO_MARK (-1)

/* The marks of one cadre, from the one sheet row that names the cadre. */
struct cadre_marks {
	bool listed;                     /* a row of the output */
	long line;
	char *name;
	signed char status[MAX_DAY + 1]; /* by day of the month, or NO_MARK */
};

/* A roster cadre by name, for the rows that give no cadre_id. */
struct byname {
	const char *name;
	const struct cadre *c;
};

/* What a header cell says: day 1..31 of the month, and the month when it
 * names one (a date, or 3月1日: mon without year). */
struct dayhead {
	int day, mon, year;
	bool impossible; /* a date that is not in the calendar */
};

static struct sheet {
	struct csvr *r;
	int c_id, c_name;
	int col_of_day[MAX_DAY + 1];     /* -1: no column for the day */
	int ym, ndays;                   /* the month, its number of days */
	const struct roster *roster;
	struct byname *names;            /* sorted by name */
	size_t nnames;
	struct idindex ids;              /* the cadres of the output */
	struct cadre_marks *cadres;      /* by index of ids */
	size_t ncadres;
	long nmarks;
} sh;

/* The ASCII digits of v from i (at most 9 of them), their value in *out;
 * how many there were. */
static size_t
digits_at(struct sv v, size_t i, long *out)
{
	size_t n = 0;

	*out = 0;
	for (; i + n < v.n && v.p[i + n] >= '0' && v.p[i + n] <= '9' && n < 9; n++)
		*out = *out * 10 + (v.p[i + n] - '0');
	return n;
}

static bool
word_at(struct sv v, size_t i, const char *w)
{
	size_t n = strlen(w);

	return i + n <= v.n && memcmp(v.p + i, w, n) == 0;
}

/* A weekday's name (一 .. 日, 天; 周一, 星期一, 礼拜一), as a sheet's second
 * header row writes under each day. */
static bool
weekday_name(struct sv v)
{
	static const char *const prefixes[] = { "星期", "礼拜", "周", "" };
	static const char *const days[] = { "一", "二", "三", "四", "五", "六", "日", "天" };

	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
		size_t n = strlen(prefixes[i]);

		if (!word_at(v, 0, prefixes[i]))
			continue;
		for (size_t d = 0; d < sizeof days / sizeof *days; d++)
			if (v.n == n + strlen(days[d]) && word_at(v, n, days[d]))
				return true;
	}
	return false;
}

/* A day: 1..31, 1日 (also 1号), 3月1日, or a date in any form of SPEC
 * section 1. */
static bool
day_form(struct sv v, struct dayhead *d)
{
	size_t n, i;
	long a, b;
	day_t t;

	*d = (struct dayhead){ 0 };
	if ((n = digits_at(v, 0, &a)) >= 1 && n <= 2) {
		i = n;
		if (i == v.n || ((word_at(v, i, "日") || word_at(v, i, "号")) && i + 3 == v.n))
			d->day = (int)a;
		else if (word_at(v, i, "月") && (n = digits_at(v, i + 3, &b)) >= 1 && n <= 2 &&
		    (word_at(v, i + 3 + n, "日") || word_at(v, i + 3 + n, "号")) &&
		    i + 3 + n + 3 == v.n && a >= 1 && a <= 12) {
			d->mon = (int)a;
			d->day = (int)b;
		}
		return d->day >= 1 && d->day <= MAX_DAY;
	}
	switch (date_parse(v, &t)) {
	case DATE_OK:
		date_ymd(t, &d->year, &d->mon, &d->day);
		return true;
	case DATE_IMPOSSIBLE:
		d->impossible = true;
		return true;
	default:
		return false;
	}
}

/* A day column's header: a day (day_form), spaces and line breaks inside
 * it dropped as in every header, and a weekday written after it in the
 * same cell (1日 星期四) too. Anything else is another column. */
static bool
day_header(struct sv h, struct dayhead *d)
{
	char buf[64], folded[64];
	struct sv v;
	size_t n = 0;

	*d = (struct dayhead){ 0 };
	if (h.n >= sizeof buf)
		return false;
	v = value_clean(h, folded);
	for (size_t i = 0; i < v.n; i++) {
		if (v.p[i] == ' ' || v.p[i] == '\t' || v.p[i] == '\n' || v.p[i] == '\r')
			continue;
		if (word_at(v, i, "\u3000")) {
			i += 2;
			continue;
		}
		buf[n++] = v.p[i];
	}
	v = (struct sv){ buf, n };
	if (day_form(v, d))
		return true;
	/* The weekday is the last 3, 6 or 9 bytes: 四, 周四, 星期四. */
	for (size_t k = 3; k <= 9 && k < v.n; k += 3)
		if (weekday_name((struct sv){ v.p + v.n - k, k }) &&
		    day_form((struct sv){ v.p, v.n - k }, d))
			return true;
	return false;
}

/* The header is the first row naming a cadre column and a day column. */
static bool
is_header(const struct csvrow *row, void *arg)
{
	bool who = false, day = false;
	struct dayhead d;

	(void)arg;
	for (size_t i = 0; i < row->n; i++) {
		if (header_matches(row->f[i], "cadre_id") || header_matches(row->f[i], "name"))
			who = true;
		else if (day_header(row->f[i], &d))
			day = true;
	}
	return who && day;
}

/*
 * The month a title cell names: the first YYYY年M月, YYYY-MM, YYYY/M or
 * YYYY.M in it that no day follows. A date there (制表日期 2018年4月2日)
 * is when the sheet was made, not the month it keeps.
 */
static bool
title_month(struct sv cell, int *ym)
{
	char buf[256];
	struct sv v;

	if (cell.n >= sizeof buf)
		return false;
	v = value_clean(cell, buf);
	for (size_t i = 0; i + 4 <= v.n; i++) {
		size_t j, n;
		long y, m, d;
		char sep = 0;

		if ((i > 0 && v.p[i - 1] >= '0' && v.p[i - 1] <= '9') ||
		    digits_at(v, i, &y) != 4)
			continue;
		j = i + 4;
		if (word_at(v, j, "年"))
			j += 3;
		else if (j < v.n && (v.p[j] == '-' || v.p[j] == '/' || v.p[j] == '.'))
			sep = v.p[j++];
		else
			continue;
		if ((n = digits_at(v, j, &m)) < 1 || n > 2)
			continue;
		j += n;
		if (!sep) {
			if (!word_at(v, j, "月") || digits_at(v, j + 3, &d) > 0)
				continue;
			j += 3;
		} else if (j + 1 < v.n && v.p[j] == sep && digits_at(v, j + 1, &d) > 0)
			continue;
		if (month_parse((struct sv){ v.p + i, j - i }, ym) == DATE_OK)
			return true;
	}
	return false;
}

#define SHOW_BUF 64

/* A value for a message, in b: at most 40 bytes, cut on a character
 * boundary (the message itself escapes control characters). */
static const char *
show_in(struct sv v, char b[SHOW_BUF])
{
	size_t n = v.n < 40 ? v.n : 40;

	/* Back to the first byte of a character (the input is valid UTF-8). */
	while (n < v.n && n > 0 && ((unsigned char)v.p[n] & 0xC0) == 0x80)
		n--;
	memcpy(b, v.p, n);
	if (n < v.n) {
		memcpy(b + n, "…", 3);
		n += 3;
	}
	b[n] = '\0';
	return b;
}

/* The same, in one of three buffers: for the values of one message. */
static const char *
show(struct sv v)
{
	static char bufs[3][SHOW_BUF];
	static int k;

	k = (k + 1) % 3;
	return show_in(v, bufs[k]);
}

/* "√ ✓ ✔ 在 present, 迟 late, ...": the marks in force, for messages;
 * cut short when a rules file gave many, so that the message ends whole. */
static const char *
marks_expected(void)
{
	static char buf[384];
	const size_t room = sizeof buf - 64; /* the tail always fits */
	const char *mark;
	bool cut = false;
	size_t n = 0;
	int st;

	if (buf[0])
		return buf;
	for (int want = 0; want < ST_COUNT && !cut; want++) {
		size_t had = n;

		for (size_t i = 0; !cut && rule_grid_mark_get(i, &mark, &st); i++) {
			char m[SHOW_BUF];

			if (st != want)
				continue;
			show_in(sv_of(mark), m);
			if (n + strlen(m) + 1 > room)
				cut = true;
			else
				n += snprintf(buf + n, sizeof buf - n, "%s ", m);
		}
		if (n > had)
			n += snprintf(buf + n, sizeof buf - n, "%s, ", status_codes[want].name);
	}
	snprintf(buf + n, sizeof buf - n, "%sor a status code or its Chinese name",
	    cut ? "…, " : "");
	return buf;
}

/* A cell's status: the grid.mark rules first, so that a county's rule
 * decides; then the status codes and their Chinese names. */
static int
mark_status(struct sv v)
{
	int st = rule_grid_mark(v);

	return st >= 0 ? st : code_find(status_codes, v);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct byname *)a)->name, ((const struct byname *)b)->name);
}

static void
index_names(const struct roster *ro)
{
	sh.names = xcalloc(ro->n, sizeof *sh.names);
	for (size_t i = 0; i < ro->n; i++)
		if (ro->cadres[i].name[0])
			sh.names[sh.nnames++] = (struct byname){ ro->cadres[i].name, &ro->cadres[i] };
	qsort(sh.names, sh.nnames, sizeof *sh.names, by_name);
}

/* The roster cadre of a name: NULL when none has it; *other, a second
 * cadre with the same name (then the name tells no cadre). */
static const struct cadre *
find_by_name(struct sv name, const struct cadre **other)
{
	size_t lo = 0, hi = sh.nnames;

	*other = NULL;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *s = sh.names[mid].name;
		size_t sn = strlen(s);
		int c = memcmp(name.p, s, name.n < sn ? name.n : sn);

		if (c == 0)
			c = name.n < sn ? -1 : name.n > sn;
		if (c == 0) {
			while (mid > 0 && strcmp(sh.names[mid - 1].name, s) == 0)
				mid--;
			if (mid + 1 < sh.nnames && strcmp(sh.names[mid + 1].name, s) == 0)
				*other = sh.names[mid + 1].c;
			return sh.names[mid].c;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/*
 * The month of the sheet: --month, the title rows, the date headers; the
 * ones that name it must agree. Then the column of each day.
 */
static void
find_days(bool have_month, int month, const char *month_from)
{
	const struct csvrow *h = csvr_header(sh.r);
	const char *label = csvr_label(sh.r), *from = month_from;
	char want[DATE_BUF], got[DATE_BUF];
	int ym = have_month ? month : -1, t;
	size_t ndaycols = 0;
	bool titled = false;

	for (size_t i = 0; i < csvr_ntitles(sh.r) && !titled; i++) {
		const struct csvrow *title = csvr_title(sh.r, i);

		for (size_t j = 0; j < title->n; j++) {
			if (!title_month(title->f[j], &t))
				continue;
			if (ym >= 0 && t != ym) {
				month_format(t, got);
				month_format(ym, want);
				die(EXIT_DATAERR, "%s:%ld: the title names %s, not %s %s "
				    "(expected the sheet of the month asked for)", label,
				    title->line, got, month_from, want);
			}
			ym = t;
			if (!have_month)
				from = "the title";
			titled = true;
			break;
		}
	}
	for (int d = 0; d <= MAX_DAY; d++)
		sh.col_of_day[d] = -1;
	for (size_t i = 0; i < h->n; i++) {
		struct dayhead dh;

		if ((int)i == sh.c_id || (int)i == sh.c_name || !day_header(h->f[i], &dh))
			continue;
		if (dh.impossible)
			die(EXIT_DATAERR, "%s:%ld: column %zu is headed '%s', a day not in "
			    "the calendar (expected a day of the month)", label, h->line,
			    i + 1, show(h->f[i]));
		if (dh.year) {
			t = dh.year * 12 + dh.mon - 1;
			if (ym < 0) {
				ym = t;
				from = "the first date header";
			}
		}
		ndaycols++;
	}
	if (ndaycols == 0)
		die(EXIT_DATAERR, "%s:%ld: no day columns (expected columns headed 1..31, "
		    "1日..31日 or a date)", label, h->line);
	if (ym < 0)
		usage_error("no month for %s: its title rows and day headers name none "
		    "(expected --month YYYY-MM)", label);
	month_format(ym, want);
	sh.ym = ym;
	sh.ndays = days_in_month(ym / 12, ym % 12 + 1);
	for (size_t i = 0; i < h->n; i++) {
		struct dayhead dh;

		if ((int)i == sh.c_id || (int)i == sh.c_name || !day_header(h->f[i], &dh))
			continue;
		if ((dh.year && dh.year * 12 + dh.mon - 1 != ym) ||
		    (!dh.year && dh.mon && dh.mon != ym % 12 + 1))
			die(EXIT_DATAERR, "%s:%ld: column %zu is headed '%s', not a day of %s "
			    "(expected the days of the month that %s gives)", label, h->line,
			    i + 1, show(h->f[i]), want, from);
		if (sh.col_of_day[dh.day] >= 0)
			die(EXIT_DATAERR, "%s:%ld: columns %d and %zu both stand for day %d "
			    "(expected one column per day)", label, h->line,
			    sh.col_of_day[dh.day] + 1, i + 1, dh.day);
		sh.col_of_day[dh.day] = (int)i;
	}
}

/* The cadre a row names, its id in *id; false after a bad row. Without a
 * roster the id is the cadre, whatever it is. */
static bool
row_cadre(struct csvrow *row, struct sv *id, const struct cadre **ref)
{
	struct sv name = row_val(row, sh.c_name);
	const struct cadre *other;

	*id = row_val(row, sh.c_id);
	*ref = NULL;
	if (id->n) {
		if (sh.roster && !(*ref = roster_find(sh.roster, *id))) {
			bad_row(sh.r, row, "cadre %s is not in the roster (expected a cadre "
			    "listed in %s)", show(*id), sh.roster->label);
			return false;
		}
		return true;
	}
	if (!sh.roster) {
		bad_row(sh.r, row, "empty cadre_id for %s (expected the cadre's id, or "
		    "--roster FILE to find the cadre by name)", show(name));
		return false;
	}
	if (!(*ref = find_by_name(name, &other))) {
		bad_row(sh.r, row, "name %s is not in the roster (expected a cadre "
		    "listed in %s, or the cadre's id)", show(name), sh.roster->label);
		return false;
	}
	if (other) {
		bad_row(sh.r, row, "name %s is shared by cadres %s and %s in %s "
		    "(expected a cadre_id to tell them apart)", show(name), (*ref)->id,
		    other->id, sh.roster->label);
		return false;
	}
	*id = sv_of((*ref)->id);
	return true;
}

/* The row of weekdays under the header (星期 四 五 六 日 ...): part of the
 * header, no cadre's row. */
static bool
weekday_row(const struct csvrow *row)
{
	bool any = false;

	if (row_val(row, sh.c_id).n)
		return false;
	for (int d = 1; d <= MAX_DAY; d++) {
		struct sv v = row_val(row, sh.col_of_day[d]);

		if (v.n == 0)
			continue;
		if (!weekday_name(v))
			return false;
		any = true;
	}
	return any;
}

/* One row of the sheet: its cadre and a status for each marked day, or
 * the whole row to bad_row(). */
static void
read_row(struct csvrow *row)
{
	signed char status[MAX_DAY + 1];
	enum { GOOD, PAST_END, UNKNOWN } why = GOOD;
	const struct cadre *ref;
	struct cadre_marks *cm;
	struct sv id, text, bad = { "", 0 };
	int bad_day = 0, marks = 0;
	bool cells = false, added;
	size_t i;

	/* The marks first, to know whether the row says anything, but a bad
	 * cadre is reported before a bad mark: it comes first in the row. */
	for (int d = 1; d <= MAX_DAY; d++) {
		struct sv v = row_val(row, sh.col_of_day[d]);

		status[d] = NO_MARK;
		if (v.n == 0)
			continue;
		cells = true;
		if (why != GOOD)
			continue;
		if (d > sh.ndays) {
			why = PAST_END;
			bad = v;
			bad_day = d;
		} else if ((status[d] = (signed char)mark_status(v)) < 0) {
			why = UNKNOWN;
			bad = v;
			bad_day = d;
		} else
			marks++;
	}
	if (weekday_row(row))
		return;
	if (row_val(row, sh.c_id).n == 0 && row_val(row, sh.c_name).n == 0) {
		/* A signature or a note under the grid: nothing to read. */
		if (cells)
			bad_row(sh.r, row, "marks but empty cadre_id and name (expected "
			    "the cadre's id or name)");
		return;
	}
	if (!row_cadre(row, &id, &ref))
		return;
	if (why == PAST_END) {
		char ym[DATE_BUF];

		month_format(sh.ym, ym);
		bad_row(sh.r, row, "mark '%s' on day %d, past the end of %s (expected "
		    "an empty cell: %s has %d days)", show(bad), bad_day, ym, ym, sh.ndays);
		return;
	}
	if (why == UNKNOWN) {
		bad_row(sh.r, row, "unknown mark '%s' on day %d (expected a mark: %s)",
		    show(bad), bad_day, marks_expected());
		return;
	}
	i = idindex_get(&sh.ids, id, &added);
	sh.cadres = idindex_fit(&sh.ids, sh.cadres, sizeof *sh.cadres, &sh.ncadres);
	cm = &sh.cadres[i];
	if (cm->listed) {
		bad_row(sh.r, row, "second row for cadre %s (expected one row per "
		    "cadre; the first is on line %ld)", show(id), cm->line);
		return;
	}
	text = row_text(row, sh.c_name);
	if (text.n == 0 && ref)
		text = sv_of(ref->name);
	cm->listed = true;
	cm->line = row->line;
	cm->name = xstrndup(text.p, text.n);
	memcpy(cm->status, status, sizeof status);
	sh.nmarks += marks;
}

static const char *const columns[] = { "cadre_id", "name", "date", "status", NULL };

/* The daily log: by cadre_id (byte order), then date. */
static void
write_log(void)
{
	size_t *v = idindex_sorted(&sh.ids);
	day_t first = month_first(sh.ym);
	struct csvw w;

	csvw_open(&w, stdout, "standard output");
	csvw_header(&w, columns);
	for (size_t i = 0; i < sh.ids.n; i++) {
		const struct cadre_marks *cm;

		if (v[i] >= sh.ncadres || !sh.cadres[v[i]].listed)
			continue;
		cm = &sh.cadres[v[i]];
		for (int d = 1; d <= sh.ndays; d++) {
			char date[DATE_BUF];

			if (cm->status[d] == NO_MARK)
				continue;
			date_format(first + d - 1, date);
			csvw_str(&w, idindex_id(&sh.ids, v[i]));
			csvw_str(&w, cm->name);
			csvw_str(&w, date);
			csvw_str(&w, code_out(status_codes, cm->status[d]));
			csvw_end(&w);
		}
	}
	csvw_close(&w);
	free(v);
}

static void
free_all(void)
{
	for (size_t i = 0; i < sh.ncadres; i++)
		free(sh.cadres[i].name);
	free(sh.cadres);
	free(sh.names);
	idindex_free(&sh.ids);
}

int
main(int argc, char **argv)
{
	const char *roster_path = NULL;
	bool have_month = false;
	static const char *const std_in[] = { "-" };
	const char *const *in;
	struct roster *ro = NULL;
	struct csvr **rs;
	struct csvrow *row;
	size_t nin;
	int month = 0, c;

	cli_init(argc, argv, synopsis, help);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_MONTH:
			if (month_parse(sv_of(optarg), &month) != DATE_OK)
				usage_error("bad --month %s (expected YYYY-MM)", optarg);
			have_month = true;
			break;
		case OPT_ROSTER:
			roster_path = optarg;
			break;
		default:
			if (!cli_common(c, optarg))
				usage();
		}
	}
	cli_finish();

	in = cli_operands(argc, argv, &nin);
	if (nin == 0) {
		in = std_in;
		nin = 1;
	}
	/* Several sheets (a township's each) are one month's input: every
	 * file is opened first, so that one missing stops the program before
	 * it reads; the first sheet's month is every other's. */
	rs = xcalloc(nin, sizeof *rs);
	for (size_t k = 0; k < nin; k++) {
		if (strcmp(in[k], "-") == 0 && k && strcmp(in[0], "-") == 0)
			usage_error("standard input named twice (expected '-' once "
			    "among the input files)");
		rs[k] = csvr_open_find(in[k], is_header, NULL);
	}
	for (size_t k = 0; k < nin; k++) {
		sh.r = rs[k];
		sh.c_id = csvr_col(sh.r, "cadre_id");
		sh.c_name = csvr_col(sh.r, "name");
		/* Neither: the toolkit's message for a missing column, which shows
		 * the header read (another separator, another encoding). */
		if (sh.c_id < 0 && sh.c_name < 0)
			csvr_need(sh.r, "cadre_id");
		if (sh.c_id < 0 && !roster_path)
			usage_error("%s has no cadre_id column (expected --roster FILE to "
			    "find its cadres by name)", csvr_label(sh.r));
		find_days(have_month || k > 0, k ? sh.ym : month,
		    k ? "the first sheet's" : "--month");
		if (k == 0) {
			rejects_open(common_args.rejects, sh.r);
			if (roster_path) {
				sh.roster = ro = roster_load(roster_path);
				index_names(ro);
			}
		}
		while (csvr_next(sh.r, &row))
			read_row(row);
	}
	if (sh.nmarks == 0 && rejects_count() == 0) {
		char ym[DATE_BUF];

		month_format(sh.ym, ym);
		die(EXIT_DATAERR, "%s: no mark in any day of %s (expected a sheet with "
		    "the month's attendance)", csvr_label(sh.r), ym);
	}
	write_log();
	rejects_close();
	for (size_t k = 0; k < nin; k++)
		csvr_close(rs[k]);
	free(rs);
	roster_free(ro);
	free_all();
	return EXIT_OK;
}
