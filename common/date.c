#include "date.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
day_t
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_ymd(day_t z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
days_in_month(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : mdays[m - 1];
}

int
days_in_year(int y)
{
	return is_leap(y) ? 366 : 365;
}

/* YYYY-MM into buf, by hand: a report formats one per cadre and month. */
static void
put_month(char *buf, int y, int m)
{
	buf[0] = (char)('0' + y / 1000 % 10);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '\0';
}

void
date_format(day_t day, char buf[DATE_BUF])
{
	int y, m, d;

	date_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999) {
		snprintf(buf, DATE_BUF, "%04d-%02d-%02d", y % 10000, m, d);
		return;
	}
	put_month(buf, y, m);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
}

void
month_format(int ym, char buf[DATE_BUF])
{
	if (ym < 0 || ym / 12 > 9999) {
		snprintf(buf, DATE_BUF, "%04d-%02d", (ym / 12) % 10000, ym % 12 + 1);
		return;
	}
	put_month(buf, ym / 12, ym % 12 + 1);
}

int
month_of(day_t day)
{
	int y, m, d;

	date_ymd(day, &y, &m, &d);
	return y * 12 + m - 1;
}

int
year_of(day_t day)
{
	int y, m, d;

	date_ymd(day, &y, &m, &d);
	return y;
}

day_t
month_first(int ym)
{
	return date_from_ymd(ym / 12, ym % 12 + 1, 1);
}

day_t
month_last(int ym)
{
	return month_first(ym + 1) - 1;
}

int
overlap_days(day_t a1, day_t b1, day_t a2, day_t b2)
{
	day_t a = a1 > a2 ? a1 : a2, b = b1 < b2 ? b1 : b2;

	return b >= a ? b - a + 1 : 0;
}

void
periods_add(struct periods *p, int x)
{
	size_t lo = 0, hi = p->n;

	if (p->n && p->v[p->last] == x)
		return;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == p->n || p->v[lo] != x) {
		if (p->n == p->cap) {
			p->cap = p->cap ? 2 * p->cap : 16;
			p->v = xrealloc(p->v, p->cap * sizeof *p->v);
		}
		memmove(&p->v[lo + 1], &p->v[lo], (p->n - lo) * sizeof *p->v);
		p->v[lo] = x;
		p->n++;
	}
	p->last = lo;
}

bool
periods_has(const struct periods *p, int x)
{
	size_t lo = 0, hi = p->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->n && p->v[lo] == x;
}

void
periods_format(const struct periods *p, void (*fmt)(int, char[DATE_BUF]),
    char *buf, size_t cap)
{
	size_t len = 0, i, j;
	char a[DATE_BUF], b[DATE_BUF], run[2 * DATE_BUF + 8];

	snprintf(buf, cap, "none");
	for (i = 0; i < p->n; i = j + 1) {
		size_t w;

		for (j = i; j + 1 < p->n && p->v[j + 1] == p->v[j] + 1; j++)
			;
		fmt(p->v[i], a);
		fmt(p->v[j], b);
		w = (size_t)snprintf(run, sizeof run, "%s%s%s%s", i ? ", " : "", a,
		    i == j ? "" : " to ", i == j ? "" : b);
		/* This run, and room for ", ..." while more runs follow. */
		if (len + w + (j + 1 < p->n ? 5 : 0) + 1 > cap) {
			snprintf(buf + len, cap - len, "%s...", i ? ", " : "");
			return;
		}
		memcpy(buf + len, run, w + 1);
		len += w;
	}
}

void
periods_free(struct periods *p)
{
	free(p->v);
	*p = (struct periods){ 0 };
}

day_t
date_today(void)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/*
 * The accepted forms, one pattern each, so that a reader of the SPEC can
 * check them at a glance. Named groups y, m, d (and q) carry the numbers.
 */
static const char *const date_pattern =
	"^(?<y>[0-9]{4})(?:"
	"-(?<m1>[0-9]{1,2})-(?<d1>[0-9]{1,2})"
	"|/(?<m2>[0-9]{1,2})/(?<d2>[0-9]{1,2})"
	"|\\.(?<m3>[0-9]{1,2})\\.(?<d3>[0-9]{1,2})"
	"|(?<m4>[0-9]{2})(?<d4>[0-9]{2})"
	"|年(?<m5>[0-9]{1,2})月(?<d5>[0-9]{1,2})日"
	")$";
static const char *const month_pattern =
	"^(?<y>[0-9]{4})(?:[-/.](?<m1>[0-9]{1,2})|(?<m2>[0-9]{2})|年(?<m3>[0-9]{1,2})月)$";
static const char *const quarter_pattern =
	"^(?<y>[0-9]{4})(?:-?[Qq](?<q>[1-4])|年第?(?<qz>[1-4]|一|二|三|四)季度)$";

struct pattern {
	const char *src;
	pcre2_code *code;
	pcre2_match_data *md;
};

static struct pattern pat_date, pat_month, pat_quarter;

static void
pattern_compile(struct pattern *p, const char *src)
{
	int err;
	PCRE2_SIZE off;

	if (p->code)
		return;
	p->src = src;
	p->code = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, PCRE2_UTF,
	    &err, &off, NULL);
	if (!p->code && err == PCRE2_ERROR_HEAP_FAILED)
		die(EXIT_OSERR, "out of memory");
	if (!p->code)
		die(EXIT_OSERR, "internal error: bad pattern at offset %zu", (size_t)off);
	(void)pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
	p->md = pcre2_match_data_create_from_pattern(p->code, NULL);
	if (!p->md)
		die(EXIT_OSERR, "out of memory");
}

/* Value of the first named group among names that took part in the match. */
static int
group_int(struct pattern *p, struct sv s, const char *const *names)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(p->md);

	for (; *names; names++) {
		int n = pcre2_substring_number_from_name(p->code, (PCRE2_SPTR)*names);

		if (n > 0 && ov[2 * n] != PCRE2_UNSET) {
			int v = 0;

			for (PCRE2_SIZE i = ov[2 * n]; i < ov[2 * n + 1]; i++)
				v = v * 10 + (s.p[i] - '0');
			return v;
		}
	}
	return -1;
}

static int
pattern_match(struct pattern *p, const char *src, struct sv s)
{
	int rc;

	pattern_compile(p, src);
	rc = pcre2_match(p->code, (PCRE2_SPTR)s.p, s.n, 0, 0, p->md, NULL);
	/* Not a bad date: the matcher could not get the memory it needed. */
	if (rc == PCRE2_ERROR_NOMEMORY)
		die(EXIT_OSERR, "out of memory");
	return rc > 0;
}

static int
digits(const char *p, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

static int
date_check(int y, int m, int d, day_t *out)
{
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return DATE_IMPOSSIBLE;
	*out = date_from_ymd(y, m, d);
	return DATE_OK;
}

/* ":MM" at p[i], MM 00 to 59: minutes or seconds. */
static bool
sexagesimal(const char *p, size_t n, size_t i)
{
	return i + 3 <= n && p[i] == ':' && digits(p + i + 1, 2) >= 0 && p[i + 1] <= '5';
}

/*
 * The time of day after a date, as a spreadsheet writes a date cell: a
 * space or T, then H:MM or H:MM:SS, seconds with an optional fraction.
 * Whether the n bytes at p are one (hour 0-23, minutes and seconds 0-59).
 */
static bool
time_ok(const char *p, size_t n)
{
	int hlen, h;
	size_t i;

	if (n < 5 || (p[0] != ' ' && p[0] != 'T'))
		return false;
	hlen = p[2] == ':' ? 1 : 2;
	if ((h = digits(p + 1, hlen)) < 0 || h > 23)
		return false;
	i = 1 + (size_t)hlen;
	if (!sexagesimal(p, n, i))
		return false;
	if ((i += 3) == n)
		return true;
	if (!sexagesimal(p, n, i))
		return false;
	if ((i += 3) == n)
		return true;
	if (p[i] != '.' || ++i == n)
		return false;
	for (; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

/* s without a time of day after its date: the date part, or n = 0 when the
 * time is not well-formed. A date has neither a space nor a T in it. */
static struct sv
strip_time(struct sv s)
{
	for (size_t i = 0; i < s.n; i++)
		if (s.p[i] == ' ' || s.p[i] == 'T') {
			if (!time_ok(s.p + i, s.n - i))
				return (struct sv){ s.p, 0 };
			return (struct sv){ s.p, i };
		}
	return s;
}

int
date_parse(struct sv s, day_t *out)
{
	static const char *const ms[] = { "m1", "m2", "m3", "m4", "m5", NULL };
	static const char *const ds[] = { "d1", "d2", "d3", "d4", "d5", NULL };
	static const char *const ys[] = { "y", NULL };

	/* A daily log sorted by date repeats one date for every cadre. */
	static char last[10];
	static day_t last_day;
	static bool have_last;

	s = sv_trim(s);
	if (s.n > 10 && (s = strip_time(s)).n == 0)
		return DATE_SYNTAX;
	/* The canonical form is nearly every row of a daily log: no pattern. */
	if (s.n == 10 && s.p[4] == '-' && s.p[7] == '-') {
		int y, m, d, rc;

		if (have_last && bytes_eq(s.p, last, 10)) {
			*out = last_day;
			return DATE_OK;
		}
		y = digits(s.p, 4), m = digits(s.p + 5, 2), d = digits(s.p + 8, 2);
		if (y >= 0 && m >= 0 && d >= 0) {
			if ((rc = date_check(y, m, d, out)) == DATE_OK) {
				memcpy(last, s.p, 10);
				last_day = *out;
				have_last = true;
			}
			return rc;
		}
	}
	if (!pattern_match(&pat_date, date_pattern, s))
		return DATE_SYNTAX;
	return date_check(group_int(&pat_date, s, ys), group_int(&pat_date, s, ms),
	    group_int(&pat_date, s, ds), out);
}

int
month_parse(struct sv s, int *ym)
{
	static const char *const ms[] = { "m1", "m2", "m3", NULL };
	static const char *const ys[] = { "y", NULL };
	day_t day;
	int y, m, rc;

	s = sv_trim(s);
	/* The canonical form is every row of attendance-score's output. */
	if (s.n == 7 && s.p[4] == '-' && (y = digits(s.p, 4)) >= 0 &&
	    (m = digits(s.p + 5, 2)) >= 0) {
		if (m < 1 || m > 12)
			return DATE_IMPOSSIBLE;
		*ym = y * 12 + m - 1;
		return DATE_OK;
	}
	if (!pattern_match(&pat_month, month_pattern, s)) {
		/* A month column that a spreadsheet turned into a date. */
		if ((rc = date_parse(s, &day)) == DATE_OK)
			*ym = month_of(day);
		return rc;
	}
	y = group_int(&pat_month, s, ys);
	m = group_int(&pat_month, s, ms);
	if (m < 1 || m > 12)
		return DATE_IMPOSSIBLE;
	*ym = y * 12 + m - 1;
	return DATE_OK;
}

/* The quarter's number as written: 1-4 or 一二三四. */
static int
quarter_number(const char *p, size_t n)
{
	static const char *const zh[] = { "一", "二", "三", "四" };

	if (n == 1)
		return p[0] - '0';
	for (int i = 0; i < 4; i++)
		if (n == 3 && memcmp(p, zh[i], 3) == 0)
			return i + 1;
	return -1;
}

int
quarter_parse(struct sv s, int *year, int *q)
{
	static const char *const ys[] = { "y", NULL };
	PCRE2_SIZE *ov;
	int n;

	s = sv_trim(s);
	if (!pattern_match(&pat_quarter, quarter_pattern, s))
		return DATE_SYNTAX;
	*year = group_int(&pat_quarter, s, ys);
	ov = pcre2_get_ovector_pointer(pat_quarter.md);
	n = pcre2_substring_number_from_name(pat_quarter.code, (PCRE2_SPTR)"q");
	if (ov[2 * n] == PCRE2_UNSET)
		n = pcre2_substring_number_from_name(pat_quarter.code, (PCRE2_SPTR)"qz");
	*q = quarter_number(s.p + ov[2 * n], ov[2 * n + 1] - ov[2 * n]);
	return DATE_OK;
}

int
year_parse(struct sv s, int *year)
{
	s = sv_trim(s);
	if (s.n != 4 || (*year = digits(s.p, 4)) < 0)
		return DATE_SYNTAX;
	return DATE_OK;
}
