/* Dates, months and quarters (SPEC section 1, Values). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "date.h"

/* Day numbers worked out by hand: 365 a year plus one per leap day.
 * 1970..2017: 48 years, 12 leap years (1972..2016). */
enum {
	D_2018_01_01 = 48 * 365 + 12,           /* 17532 */
	D_2018_03_01 = D_2018_01_01 + 31 + 28,  /* 17591 */
	D_2019_01_01 = D_2018_01_01 + 365,      /* 17897 */
	D_2000_01_01 = 30 * 365 + 7,            /* 10957: 1972..1996 */
	D_1900_01_01 = -(70 * 365 + 17),        /* -25567: 1904..1968 */
};

static int
parse(const char *s, day_t *d)
{
	return date_parse(sv_of(s), d);
}

static void
expect_date(const char *s, day_t want)
{
	day_t d = -12345;
	int rc = parse(s, &d);

	if (rc != DATE_OK || d != want)
		fail_msg("date_parse('%s'): %d, day %ld; expected DATE_OK, day %ld", s,
		    rc, (long)d, (long)want);
}

static void
expect_bad(const char *s, int want)
{
	day_t d = -12345;
	int rc = parse(s, &d);

	if (rc != want)
		fail_msg("date_parse('%s'): %d, expected %d", s, rc, want);
}

static void
test_known_days(void **state)
{
	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(1970, 1, 2), 1);
	assert_int_equal(date_from_ymd(1969, 12, 31), -1);
	assert_int_equal(date_from_ymd(2018, 1, 1), D_2018_01_01);
	assert_int_equal(date_from_ymd(2018, 3, 1), D_2018_03_01);
	assert_int_equal(date_from_ymd(2000, 1, 1), D_2000_01_01);
	assert_int_equal(date_from_ymd(1900, 1, 1), D_1900_01_01);
	/* 2^31 seconds after the epoch fall on 2038-01-19. */
	assert_int_equal(date_from_ymd(2038, 1, 19), 24855);
}

/* Walks every day from 1900 to 2100 with a calendar of its own and checks
 * both directions of the conversion. */
static void
test_roundtrip(void **state)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	day_t day = D_1900_01_01;
	int seen_epoch = 0;

	(void)state;
	for (int y = 1900; y <= 2100; y++) {
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

		for (int m = 1; m <= 12; m++) {
			int n = mdays[m - 1] + (m == 2 && leap);

			for (int d = 1; d <= n; d++, day++) {
				int yy, mm, dd;

				if (date_from_ymd(y, m, d) != day)
					fail_msg("date_from_ymd(%d, %d, %d) = %ld, expected %ld", y,
					    m, d, (long)date_from_ymd(y, m, d), (long)day);
				date_ymd(day, &yy, &mm, &dd);
				if (yy != y || mm != m || dd != d)
					fail_msg("date_ymd(%ld) = %d-%d-%d, expected %d-%d-%d",
					    (long)day, yy, mm, dd, y, m, d);
				seen_epoch += day == 0 && y == 1970 && m == 1 && d == 1;
			}
		}
	}
	assert_int_equal(seen_epoch, 1);
}

static void
test_parse_formats(void **state)
{
	(void)state;
	expect_date("2018-03-01", D_2018_03_01);
	expect_date("2018/3/1", D_2018_03_01);
	expect_date("2018/03/01", D_2018_03_01);
	expect_date("2018.3.1", D_2018_03_01);
	expect_date("2018.03.01", D_2018_03_01);
	expect_date("20180301", D_2018_03_01);
	expect_date("2018年3月1日", D_2018_03_01);
	expect_date("2018年03月01日", D_2018_03_01);
	expect_date("  2018-03-01  ", D_2018_03_01);
	expect_date("\t2018/3/1 ", D_2018_03_01);
	expect_date(" 20180301", D_2018_03_01);
	expect_date("1970-01-01", 0);
	expect_date("2018-01-01", D_2018_01_01);
	expect_date("2018-12-31", D_2019_01_01 - 1);
	expect_date("2018/12/31", D_2019_01_01 - 1);
	expect_date("20181231", D_2019_01_01 - 1);
}

static void
test_parse_impossible(void **state)
{
	(void)state;
	expect_bad("2018-02-30", DATE_IMPOSSIBLE);
	expect_bad("2018-02-29", DATE_IMPOSSIBLE);
	expect_bad("1900-02-29", DATE_IMPOSSIBLE);
	expect_bad("2100-02-29", DATE_IMPOSSIBLE);
	expect_bad("2018-13-01", DATE_IMPOSSIBLE);
	expect_bad("2018-00-10", DATE_IMPOSSIBLE);
	expect_bad("2018-01-00", DATE_IMPOSSIBLE);
	expect_bad("2018-04-31", DATE_IMPOSSIBLE);
	expect_bad("2018-01-32", DATE_IMPOSSIBLE);
	expect_bad("2018/2/30", DATE_IMPOSSIBLE);
	expect_bad("2018.13.1", DATE_IMPOSSIBLE);
	expect_bad("20180230", DATE_IMPOSSIBLE);
	expect_bad("2018年2月30日", DATE_IMPOSSIBLE);
	expect_bad("2018年0月1日", DATE_IMPOSSIBLE);
	/* Leap days that exist. */
	expect_date("2016-02-29", D_2018_01_01 - 365 - 366 + 31 + 28);
	expect_date("2000-02-29", D_2000_01_01 + 31 + 28);
	expect_date("2400/2/29", date_from_ymd(2400, 3, 1) - 1);
}

static void
test_parse_syntax(void **state)
{
	static const char *const bad[] = {
		"", "   ", "2018", "2018-03", "201803", "18-03-01", "2018-03-01x",
		"x2018-03-01", "2018/03-01", "2018-03/01", "2018.03-01", "2018-003-01",
		"2018-03-001", "201803011", "2018031", "2018年3月1", "2018年3-1日",
		"2018年3月1日x", "abcd-ef-gh", "2018-0a-01", "2018-03-01 12",
		"2018 -03-01", "2018-03 -01", "２０１８-03-01", "2018--03-01",
		"+2018-03-01", "-2018-03-01", "2018-03-01-", "03/01/2018", "1.3.2018",
		"2018-3-", "2018/3", "2018..3.1",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_bad(bad[i], DATE_SYNTAX);
}

/* SPEC section 1: YYYY-M-D, and every form with a time of day after it. */
static void
test_parse_time_of_day(void **state)
{
	const day_t d0305 = D_2018_03_01 + 4;

	(void)state;
	expect_date("2018-3-5", d0305);
	expect_date("2018-3-05", d0305);
	expect_date("2018-03-5", d0305);
	expect_date("2018/3/5 0:00", d0305);
	expect_date("2018-03-05 00:00:00", d0305);
	expect_date("2018-03-05T08:30", d0305);
	expect_date("2018-03-05T08:30:15", d0305);
	expect_date("2018-03-05 23:59:59.999", d0305);
	expect_date("2018-03-05 00:00:00.0", d0305);
	expect_date("2018-03-05 12:00:00.123456789012345678901234567890", d0305);
	expect_date("2018-3-5 8:30", d0305);
	expect_date("2018.3.5 00:00:00", d0305);
	expect_date("20180305 12:00", d0305);
	expect_date("20180305T12:00", d0305);
	expect_date("2018年3月5日 0:00", d0305);
	expect_date("2018年3月5日T9:05:01", d0305);
	expect_date("  2018-03-05 00:00  ", d0305);
	expect_date("2018-03-05 9:59", d0305);
	expect_date("2018-03-05 19:00", d0305);
	expect_date("2018-03-05 20:00", d0305);
	/* An impossible date is impossible whatever the time. */
	expect_bad("2018-02-30 00:00", DATE_IMPOSSIBLE);
	expect_bad("2018/2/29 0:00", DATE_IMPOSSIBLE);
	expect_bad("2018-2-29", DATE_IMPOSSIBLE);
	expect_bad("2018年2月30日 08:00:00", DATE_IMPOSSIBLE);
	expect_bad("20180230T08:00", DATE_IMPOSSIBLE);
	/* A time that is not well-formed makes the cell no date. */
	static const char *const bad[] = {
		"2018-03-05 24:00", "2018-03-05 25:00", "2018-03-05 12:60",
		"2018-03-05 12:00:60", "2018-03-05 1:5", "2018-03-05 123:00",
		"2018-03-05 12", "2018-03-05 12:", "2018-03-05 12:00:",
		"2018-03-05 12:00:0", "2018-03-05 12:000", "2018-03-05 12:00.5",
		"2018-03-05 12:00:00.", "2018-03-05 12:00:00.5x", "2018-03-05  12:00",
		"2018-03-05t12:00", "2018-03-05 12:00 AM", "2018-03-05T",
		"2018-03-05 :00", "2018-03-05 -1:00", "2018-03-05 1a:00",
		"2018-03-05 12:0a", "2018-03-05 12:00:0a", "2018-03-05 12:00Z",
		"2018-03-05T12:00+08:00", "2018-03-05 12:00 12:00", "2018-03-05_12:00",
		"2018/3/5 0:00:00:00", "2018-02-30 24:00", "2018-03-05 ٠:00",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_bad(bad[i], DATE_SYNTAX);
	/* The day remembered from the row before does not let a bad time by. */
	expect_date("2018-03-05 00:00", d0305);
	expect_bad("2018-03-05 99:00", DATE_SYNTAX);
	expect_date("2018-03-05", d0305);
	expect_bad("2018-03-05 0:60", DATE_SYNTAX);
}

static void
test_format(void **state)
{
	char buf[DATE_BUF];

	(void)state;
	date_format(0, buf);
	assert_string_equal(buf, "1970-01-01");
	date_format(D_2018_03_01, buf);
	assert_string_equal(buf, "2018-03-01");
	date_format(D_2019_01_01 - 1, buf);
	assert_string_equal(buf, "2018-12-31");
	date_format(D_1900_01_01, buf);
	assert_string_equal(buf, "1900-01-01");
	date_format(-1, buf);
	assert_string_equal(buf, "1969-12-31");
	month_format(2018 * 12 + 2, buf);
	assert_string_equal(buf, "2018-03");
	month_format(2018 * 12 + 11, buf);
	assert_string_equal(buf, "2018-12");
	month_format(2019 * 12, buf);
	assert_string_equal(buf, "2019-01");
	/* What date_format writes, date_parse reads back. */
	for (day_t d = D_1900_01_01; d < D_2019_01_01 + 3000; d += 7) {
		day_t back;

		date_format(d, buf);
		assert_int_equal(date_parse(sv_of(buf), &back), DATE_OK);
		assert_int_equal(back, d);
	}
}

static void
expect_month(const char *s, int want)
{
	int ym = -1;
	int rc = month_parse(sv_of(s), &ym);

	if (rc != DATE_OK || ym != want)
		fail_msg("month_parse('%s'): %d, %d; expected DATE_OK, %d", s, rc, ym,
		    want);
}

static void
test_month_parse(void **state)
{
	static const char *const syntax[] = {
		"", "2018", "18-03", "2018-003", "2018Q1", "2018-", "2018/",
		"2018年3", "03-2018", "2018-3x", "2018 03", "20183",
		"2018-03月", "2018-03-01 25:00", "2018/3/1 0:0", "2018-03-01x",
		"2018年3月1", "2018/3/", "2018-03-01T",
	};
	int ym;

	(void)state;
	expect_month("2018-03", 2018 * 12 + 2);
	expect_month("2018-3", 2018 * 12 + 2);
	expect_month("2018/3", 2018 * 12 + 2);
	expect_month("2018.3", 2018 * 12 + 2);
	expect_month("201803", 2018 * 12 + 2);
	expect_month("2018年3月", 2018 * 12 + 2);
	expect_month("2018年03月", 2018 * 12 + 2);
	expect_month(" 2018-03 ", 2018 * 12 + 2);
	expect_month("2018-12", 2018 * 12 + 11);
	expect_month("2018-01", 2018 * 12);
	assert_int_equal(month_parse(sv_of("2018-13"), &ym), DATE_IMPOSSIBLE);
	assert_int_equal(month_parse(sv_of("2018-00"), &ym), DATE_IMPOSSIBLE);
	assert_int_equal(month_parse(sv_of("201813"), &ym), DATE_IMPOSSIBLE);
	assert_int_equal(month_parse(sv_of("2018年13月"), &ym), DATE_IMPOSSIBLE);
	/* A month column that a spreadsheet turned into a date is its month. */
	expect_month("2018/3/1", 2018 * 12 + 2);
	expect_month("2018-03-01", 2018 * 12 + 2);
	expect_month("2018-03-01 00:00:00", 2018 * 12 + 2);
	expect_month("2018/3/1 0:00", 2018 * 12 + 2);
	expect_month("2018年3月1日", 2018 * 12 + 2);
	expect_month("20180301", 2018 * 12 + 2);
	expect_month("2018-3-31", 2018 * 12 + 2);
	expect_month("2018.12.15T08:30", 2018 * 12 + 11);
	assert_int_equal(month_parse(sv_of("2018/2/30"), &ym), DATE_IMPOSSIBLE);
	assert_int_equal(month_parse(sv_of("2018-13-01 00:00"), &ym), DATE_IMPOSSIBLE);
	for (size_t i = 0; i < sizeof syntax / sizeof syntax[0]; i++)
		if (month_parse(sv_of(syntax[i]), &ym) != DATE_SYNTAX)
			fail_msg("month_parse('%s') is not DATE_SYNTAX", syntax[i]);
}

static void
expect_quarter(const char *s, int wy, int wq)
{
	int y = -1, q = -1;
	int rc = quarter_parse(sv_of(s), &y, &q);

	if (rc != DATE_OK || y != wy || q != wq)
		fail_msg("quarter_parse('%s'): %d, %d Q%d; expected DATE_OK, %d Q%d", s,
		    rc, y, q, wy, wq);
}

static void
test_quarter_parse(void **state)
{
	static const char *const bad[] = {
		"", "2018", "2018Q5", "2018Q0", "2018Q", "2018-Q", "2018 Q1", "Q1",
		"2018Q12", "18Q1", "2018--Q1", "2018-1", "2018/Q1", "Q1 2018",
		"2018Q1x", "2018年第5季度", "2018年第0季度", "2018年第五季度",
		"2018年第季度", "2018年第1季", "2018第1季度", "2018年第1季度x",
		"2018年第11季度", "2018年第１季度", "2018年Q1", "2018年 第1季度",
		"2018年第1 季度", "18年第1季度", "2018年第一二季度", "2018年度",
	};

	(void)state;
	expect_quarter("2018Q1", 2018, 1);
	expect_quarter("2018-Q2", 2018, 2);
	expect_quarter("2018q3", 2018, 3);
	expect_quarter("2018-q4", 2018, 4);
	expect_quarter(" 2019Q1 ", 2019, 1);
	expect_quarter("2018年第1季度", 2018, 1);
	expect_quarter("2018年第2季度", 2018, 2);
	expect_quarter("2018年第3季度", 2018, 3);
	expect_quarter("2018年第4季度", 2018, 4);
	expect_quarter("2018年第一季度", 2018, 1);
	expect_quarter("2018年第二季度", 2018, 2);
	expect_quarter("2018年第三季度", 2018, 3);
	expect_quarter("2018年第四季度", 2018, 4);
	expect_quarter("2019年一季度", 2019, 1);
	expect_quarter("2019年4季度", 2019, 4);
	expect_quarter(" 2018年第2季度 ", 2018, 2);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int y = 0, q = 0;

		if (quarter_parse(sv_of(bad[i]), &y, &q) != DATE_SYNTAX)
			fail_msg("quarter_parse('%s') is not DATE_SYNTAX", bad[i]);
	}
}

static void
test_year_parse(void **state)
{
	int y = 0;

	(void)state;
	assert_int_equal(year_parse(sv_of("2018"), &y), DATE_OK);
	assert_int_equal(y, 2018);
	assert_int_equal(year_parse(sv_of(" 2019 "), &y), DATE_OK);
	assert_int_equal(y, 2019);
	assert_int_equal(year_parse(sv_of("18"), &y), DATE_SYNTAX);
	assert_int_equal(year_parse(sv_of("20188"), &y), DATE_SYNTAX);
	assert_int_equal(year_parse(sv_of("2018a"), &y), DATE_SYNTAX);
	assert_int_equal(year_parse(sv_of("20a8"), &y), DATE_SYNTAX);
	assert_int_equal(year_parse(sv_of(""), &y), DATE_SYNTAX);
}

static void
test_days_in(void **state)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	(void)state;
	for (int m = 1; m <= 12; m++) {
		assert_int_equal(days_in_month(2018, m), mdays[m - 1]);
		assert_int_equal(days_in_month(2016, m), mdays[m - 1] + (m == 2));
	}
	assert_int_equal(days_in_month(1900, 2), 28);
	assert_int_equal(days_in_month(2000, 2), 29);
	assert_int_equal(days_in_month(2100, 2), 28);
	assert_int_equal(days_in_month(2400, 2), 29);
	assert_int_equal(days_in_year(2018), 365);
	assert_int_equal(days_in_year(2016), 366);
	assert_int_equal(days_in_year(1900), 365);
	assert_int_equal(days_in_year(2000), 366);
	assert_int_equal(days_in_year(2100), 365);
}

static void
test_month_of(void **state)
{
	(void)state;
	assert_int_equal(month_of(D_2018_03_01), 2018 * 12 + 2);
	assert_int_equal(month_of(D_2018_03_01 - 1), 2018 * 12 + 1);
	assert_int_equal(month_of(D_2019_01_01 - 1), 2018 * 12 + 11);
	assert_int_equal(month_of(D_2019_01_01), 2019 * 12);
	assert_int_equal(month_of(0), 1970 * 12);
	assert_int_equal(year_of(D_2018_03_01), 2018);
	assert_int_equal(year_of(D_2019_01_01 - 1), 2018);
	assert_int_equal(year_of(D_2019_01_01), 2019);
	assert_int_equal(year_of(-1), 1969);
}

static void
test_month_first_last(void **state)
{
	(void)state;
	assert_int_equal(month_first(2018 * 12), D_2018_01_01);
	assert_int_equal(month_last(2018 * 12), D_2018_01_01 + 30);
	assert_int_equal(month_first(2018 * 12 + 1), D_2018_01_01 + 31);
	assert_int_equal(month_last(2018 * 12 + 1), D_2018_03_01 - 1);
	assert_int_equal(month_first(2018 * 12 + 2), D_2018_03_01);
	assert_int_equal(month_first(2018 * 12 + 11), D_2019_01_01 - 31);
	assert_int_equal(month_last(2018 * 12 + 11), D_2019_01_01 - 1);
	/* February of a leap year. */
	assert_int_equal(month_last(2016 * 12 + 1) - month_first(2016 * 12 + 1), 28);
	assert_int_equal(month_first(1970 * 12), 0);
	assert_int_equal(month_last(1969 * 12 + 11), -1);
}

static void
test_overlap(void **state)
{
	(void)state;
	assert_int_equal(overlap_days(1, 10, 5, 20), 6);
	assert_int_equal(overlap_days(5, 20, 1, 10), 6);
	assert_int_equal(overlap_days(1, 3, 5, 9), 0);
	assert_int_equal(overlap_days(5, 9, 1, 3), 0);
	assert_int_equal(overlap_days(1, 5, 5, 9), 1);
	assert_int_equal(overlap_days(1, 4, 5, 9), 0);
	assert_int_equal(overlap_days(1, 100, 10, 20), 11);
	assert_int_equal(overlap_days(10, 20, 1, 100), 11);
	assert_int_equal(overlap_days(7, 7, 7, 7), 1);
	assert_int_equal(overlap_days(-10, -1, -5, 3), 5);
	/* A dispatch with no end, against the year 2018. */
	assert_int_equal(overlap_days(-10000000, 10000000, D_2018_01_01,
	    D_2019_01_01 - 1), 365);
	assert_int_equal(overlap_days(D_2018_03_01, 10000000, D_2018_01_01,
	    D_2019_01_01 - 1), 306);
}

static void
test_today(void **state)
{
	day_t t = date_today();
	int y, m, d;

	(void)state;
	/* Whenever this runs, it is after these tests were written. */
	assert_true(t > date_from_ymd(2024, 1, 1));
	date_ymd(t, &y, &m, &d);
	assert_int_equal(date_from_ymd(y, m, d), t);
}

static void
year_name(int y, char buf[DATE_BUF])
{
	snprintf(buf, DATE_BUF, "%d", y);
}

/* The set of periods a period option's message names: sorted, distinct,
 * runs of consecutive periods written FIRST to LAST. */
static void
test_periods(void **state)
{
	struct periods p = { 0 };
	char buf[256], small[40];
	int ym2018_01 = 2018 * 12;

	(void)state;
	periods_format(&p, month_format, buf, sizeof buf);
	assert_string_equal(buf, "none");
	assert_false(periods_has(&p, ym2018_01));
	/* A log newest first, a month repeated row after row, a gap. */
	periods_add(&p, ym2018_01 + 4);
	periods_add(&p, ym2018_01 + 4);
	periods_add(&p, ym2018_01 + 2);
	periods_add(&p, ym2018_01);
	periods_add(&p, ym2018_01 + 1);
	periods_add(&p, ym2018_01 + 2);
	periods_add(&p, ym2018_01 - 1);
	assert_int_equal(p.n, 5);
	assert_true(periods_has(&p, ym2018_01 + 1));
	assert_false(periods_has(&p, ym2018_01 + 3));
	periods_format(&p, month_format, buf, sizeof buf);
	assert_string_equal(buf, "2017-12 to 2018-03, 2018-05");
	periods_free(&p);
	assert_int_equal(p.n, 0);

	/* Years apart, one alone; a list longer than the buffer is cut. */
	for (int y = 2000; y < 2020; y += 2)
		periods_add(&p, y);
	periods_format(&p, year_name, buf, sizeof buf);
	assert_string_equal(buf, "2000, 2002, 2004, 2006, 2008, 2010, 2012, 2014, "
	    "2016, 2018");
	periods_format(&p, year_name, small, sizeof small);
	assert_string_equal(small, "2000, 2002, 2004, 2006, 2008, 2010, ...");
	assert_int_equal(strlen(small), sizeof small - 1);
	periods_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_days),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_parse_formats),
		cmocka_unit_test(test_parse_impossible),
		cmocka_unit_test(test_parse_syntax),
		cmocka_unit_test(test_parse_time_of_day),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_month_parse),
		cmocka_unit_test(test_quarter_parse),
		cmocka_unit_test(test_year_parse),
		cmocka_unit_test(test_days_in),
		cmocka_unit_test(test_month_of),
		cmocka_unit_test(test_month_first_last),
		cmocka_unit_test(test_overlap),
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_periods),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
