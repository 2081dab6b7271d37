/* Numbers in and out (SPEC section 1, Values): at most two decimals, no
 * trailing zeros, rounded half away from zero only when written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "numfmt.h"

static void
expect_format(double v, const char *want)
{
	char buf[32];

	num_format(v, buf);
	if (strcmp(buf, want) != 0)
		fail_msg("num_format(%.17g) = '%s', expected '%s'", v, buf, want);
}

static void
test_format_plain(void **state)
{
	(void)state;
	expect_format(52.5, "52.5");
	expect_format(40, "40");
	expect_format(0, "0");
	expect_format(0.05, "0.05");
	expect_format(0.1, "0.1");
	expect_format(0.01, "0.01");
	expect_format(10.10, "10.1");
	expect_format(5.5, "5.5");
	expect_format(-2.5, "-2.5");
	expect_format(-40, "-40");
	expect_format(1e9, "1000000000");
	expect_format(1234567.891, "1234567.89");
	expect_format(200, "200");
	expect_format(365, "365");
}

static void
test_format_rounding(void **state)
{
	(void)state;
	expect_format(87.333, "87.33");
	expect_format(87.335, "87.34");
	expect_format(-87.335, "-87.34");
	expect_format(12.345, "12.35");
	expect_format(-2.345, "-2.35");
	/* Decimals a hair below their value in binary round as written. */
	expect_format(1.005, "1.01");
	expect_format(2.675, "2.68");
	expect_format(-2.675, "-2.68");
	/* Exact halves in binary: away from zero, not to even. */
	expect_format(0.125, "0.13");
	expect_format(-0.125, "-0.13");
	expect_format(0.375, "0.38");
	expect_format(0.005, "0.01");
	expect_format(-0.005, "-0.01");
	/* Just below a half stays below. */
	expect_format(1.00499, "1");
	expect_format(99.994, "99.99");
	/* Rounding carries into the units. */
	expect_format(99.995, "100");
	expect_format(39.999, "40");
	expect_format(-39.999, "-40");
	expect_format(0.999, "1");
	/* Averages and sums as computed, rounded only when written. */
	expect_format(100.0 / 3, "33.33");
	expect_format(200.0 / 3, "66.67");
	expect_format(-200.0 / 3, "-66.67");
	expect_format(0.1 + 0.2, "0.3");
	expect_format(0.1 * 3, "0.3");
	expect_format((87 + 88 + 90) / 3.0, "88.33");
}

static void
test_format_no_negative_zero(void **state)
{
	(void)state;
	expect_format(-0.0, "0");
	expect_format(-0.001, "0");
	expect_format(-0.004, "0");
	expect_format(0.004, "0");
}

static void
test_round2(void **state)
{
	(void)state;
	assert_true(num_round2(2.675) == 2.68);
	assert_true(num_round2(1.005) == 1.01);
	assert_true(num_round2(-0.125) == -0.13);
	assert_true(num_round2(87.333) == 87.33);
	assert_true(num_round2(87.335) == 87.34);
	assert_true(num_round2(40) == 40);
	assert_true(num_round2(0.004) == 0);
	assert_true(num_round2(200.0 / 3) == 66.67);
}

static void
expect_parse(const char *s, double want)
{
	double v = -12345;

	if (!num_parse(sv_of(s), &v) || v != want)
		fail_msg("num_parse('%s') refused or gave %.17g, expected %.17g", s, v,
		    want);
}

static void
test_parse_ok(void **state)
{
	(void)state;
	expect_parse("52.5", 52.5);
	expect_parse(" 40 ", 40);
	expect_parse("\t40\t", 40);
	expect_parse("-3", -3);
	expect_parse("+3", 3);
	expect_parse("0", 0);
	expect_parse("007", 7);
	expect_parse("0.1", 0.1);
	expect_parse("-0.25", -0.25);
	expect_parse("87.333", 87.333);
	expect_parse("60", 60);
	expect_parse("123456789012345678901234567890", 123456789012345678901234567890.0);
	/* At least one digit, on either side of the point. */
	expect_parse(".5", 0.5);
	expect_parse("-.5", -0.5);
	expect_parse("5.", 5);
}

static void
test_parse_bad(void **state)
{
	static const char *const bad[] = {
		"", "   ", "abc", "1e5", "1E5", "1e-5", "1,5", "1,000", "-", "+", ".",
		"-.", "+.", "1.2.3", "--1", "+-1", "- 5", "0x10", "inf", "-inf", "nan",
		"infinity", "1 2", "1.5x", "x1.5", "5%", "¥5", "1_000", "１", "５.５",
		"1..5", "1.-5",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		double v;

		if (num_parse(sv_of(bad[i]), &v))
			fail_msg("num_parse('%s') accepted, as %.17g", bad[i], v);
	}
}

/* What num_format writes, num_parse reads back as the rounded value. */
static void
test_format_parse_roundtrip(void **state)
{
	(void)state;
	for (int c = -100000; c <= 100000; c += 7) {
		char buf[32];
		double v;

		num_format(c / 100.0, buf);
		assert_true(num_parse(sv_of(buf), &v));
		if (v != c / 100.0)
			fail_msg("%d cents written '%s', read back %.17g", c, buf, v);
	}
}

static void
expect_int(const char *s, long want)
{
	long v = -12345;

	if (!int_parse(sv_of(s), &v) || v != want)
		fail_msg("int_parse('%s') refused or gave %ld, expected %ld", s, v, want);
}

static void
test_int_parse(void **state)
{
	static const char *const bad[] = {
		"", " ", "-1", "+1", "1.0", "1.", ".5", "1e3", "a", "4 2", "1,000",
		"0x1f", "１", "12a",
	};

	(void)state;
	expect_int("0", 0);
	expect_int("42", 42);
	expect_int(" 42 ", 42);
	expect_int("007", 7);
	expect_int("200", 200);
	expect_int("123456789", 123456789);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		long v;

		if (int_parse(sv_of(bad[i]), &v))
			fail_msg("int_parse('%s') accepted, as %ld", bad[i], v);
	}
}

static void
expect_read(const char *s, double want)
{
	double v = -12345;

	if (!num_read(sv_of(s), &v) || v != want)
		fail_msg("num_read('%s') refused or gave %.17g, expected %.17g", s, v,
		    want);
}

/* SPEC section 1: a number may carry a unit a person typed after it. */
static void
test_read_units(void **state)
{
	static const char *const bad[] = {
		"", "分", " 分", "55分5", "55分x", "55x", "55 %", "55%", "5kg",
		"5 kg", "3天半", "3万元", "3万", "5十", "1一", "2两", "55分分分分分",
		"55分钟钟钟钟", "分55", "55,分", "55..分", "- 5分", "55\n分",
		"1e5分", "inf分", "５５分", "55°", "55ｍ", "55　分　x", "55\xe5\x88",
		"55\xe5", "55\x80\x80\x80", "55\xe3\x80", "55ㄅ", "55〇",
	};

	(void)state;
	expect_read("55分", 55);
	expect_read("3天", 3);
	expect_read("2.5 小时", 2.5);
	expect_read("2.5\t小时", 2.5);
	expect_read("2.5　小时", 2.5);      /* U+3000 */
	expect_read("2.5\xc2\xa0小时", 2.5); /* U+00A0 */
	expect_read("2.5  　 小时", 2.5);
	expect_read("-3分", -3);
	expect_read("+3分", 3);
	expect_read(".5天", 0.5);
	expect_read("60.0000001分", 60.0000001);
	expect_read("4个工作日", 4);       /* four characters, the most */
	expect_read("87.33 分", 87.33);
	expect_read("12次", 12);
	expect_read("7日", 7);
	expect_read("1人", 1);
	expect_read("3㐀", 3);             /* U+3400, Extension A */
	expect_read("3\xef\xa4\x80", 3);    /* U+F900, a compatibility ideograph */
	/* Without a unit it is the plain number, spaces around allowed. */
	expect_read("55", 55);
	expect_read(" 55 ", 55);
	expect_read("55　", 55);
	expect_read("-0.25", -0.25);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		double v;

		if (num_read(sv_of(bad[i]), &v))
			fail_msg("num_read('%s') accepted, as %.17g", bad[i], v);
	}
	/* num_parse stays the plain one. */
	{
		double v;

		assert_false(num_parse(sv_of("55分"), &v));
		assert_false(num_parse(sv_of("2.5 小时"), &v));
	}
}

static void
expect_cmp(const char *s, double bound, int want)
{
	double v;
	int got;

	if (!num_read(sv_of(s), &v))
		fail_msg("num_read('%s') refused", s);
	got = num_cmp(sv_of(s), bound);
	got = (got > 0) - (got < 0);
	if (got != want)
		fail_msg("num_cmp('%s', %.17g) = %d, expected %d", s, bound, got, want);
}

/* SPEC section 1: numbers are read exactly as decimals. */
static void
test_cmp_exact(void **state)
{
	(void)state;
	expect_cmp("60", 60, 0);
	expect_cmp("60.0", 60, 0);
	expect_cmp("060.000", 60, 0);
	expect_cmp("+60", 60, 0);
	expect_cmp("60分", 60, 0);
	expect_cmp("60.0000001", 60, 1);
	/* Its nearest double is 60: only the digits tell it is above. */
	assert_true(60.00000000000000000001 == 60.0);
	expect_cmp("60.00000000000000000001", 60, 1);
	expect_cmp("60.00000000000000000001 分", 60, 1);
	expect_cmp("59.99999999999999999999", 60, -1);
	expect_cmp("59.9999999", 60, -1);
	expect_cmp("59", 60, -1);
	expect_cmp("61", 60, 1);
	expect_cmp("600", 60, 1);
	expect_cmp("6", 60, -1);
	expect_cmp("6.0", 60, -1);
	expect_cmp("-60", 60, -1);
	expect_cmp("-60", -60, 0);
	expect_cmp("-60.0000001", -60, -1);
	expect_cmp("-59.9999999", -60, 1);
	expect_cmp("0", 0, 0);
	expect_cmp("-0", 0, 0);
	expect_cmp("0.000", -0.0, 0);
	expect_cmp("-0.0000000001", 0, -1);
	expect_cmp("0.0000000001", 0, 1);
	expect_cmp(".5", 0.5, 0);
	expect_cmp("5.", 5, 0);
	/* A rule's value is the decimal the rules file wrote. */
	expect_cmp("59.5", 59.5, 0);
	expect_cmp("59.50000000000000000001", 59.5, 1);
	expect_cmp("59.49999999999999999999", 59.5, -1);
	expect_cmp("0.1", 0.1, 0);
	expect_cmp("0.10000000000000000001", 0.1, 1);
	expect_cmp("0.09999999999999999999", 0.1, -1);
	expect_cmp("0.3", 0.1 + 0.2, -1); /* 0.1 + 0.2 is 0.30000000000000004 */
	expect_cmp("0.30000000000000004", 0.1 + 0.2, 0);
	expect_cmp("87.33", 87.33, 0);
	expect_cmp("1000", 1000, 0);
	expect_cmp("999.99", 1000, -1);
	/* Bounds that printf writes with an exponent. */
	expect_cmp("100000000000000000000", 1e20, 0);
	expect_cmp("100000000000000000001", 1e20, 1);
	expect_cmp("99999999999999999999", 1e20, -1);
	expect_cmp("0.00001", 1e-5, 0);
	expect_cmp("0.000010000000000000000001", 1e-5, 1);
	expect_cmp("0.0000099", 1e-5, -1);
	expect_cmp("0.0001", 1e-5, 1);
}

/* The numbers a spreadsheet shows back as written, and what stays text. */
static void
test_num_plain(void **state)
{
	static const char *const yes[] = {
		"0", "40", "-3", "87.33", "0.5", "-0.05", " 52.5 ", "200",
		"99999999999", "1234567.891", "-12345678.9",
	};
	static const char *const no[] = {
		"", " ", "-", "0012", "00", "-0", "87.30", "40.0", "5.", ".5", "+5",
		"1e3", "1,000", "C0001", "2018-03", "2018Q1", "55分", "１２",
		"110101199003071234", "100000000000", "0.00000000001", "12 3",
		"--1", "0x1f",
	};

	(void)state;
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (!num_plain(sv_of(yes[i])))
			fail_msg("num_plain('%s') refused", yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (num_plain(sv_of(no[i])))
			fail_msg("num_plain('%s') accepted", no[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_plain),
		cmocka_unit_test(test_format_rounding),
		cmocka_unit_test(test_format_no_negative_zero),
		cmocka_unit_test(test_round2),
		cmocka_unit_test(test_parse_ok),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_format_parse_roundtrip),
		cmocka_unit_test(test_int_parse),
		cmocka_unit_test(test_read_units),
		cmocka_unit_test(test_cmp_exact),
		cmocka_unit_test(test_num_plain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
