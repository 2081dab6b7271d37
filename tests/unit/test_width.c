/* Display width (common/width.c): East Asian Width W and F take two
 * columns, combining marks none; cuts fall between characters. Each test
 * runs with the C library's wcwidth and with the table built in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "width.h"

struct chw {
	uint32_t cp;
	int cols;
};

/* Characters of each kind, their widths worked out from the Unicode
 * property tables (EastAsianWidth.txt, the general category Mn). */
static const struct chw chars[] = {
	{ 'A', 1 }, { ' ', 1 }, { '~', 1 },
	{ 0x00E9, 1 },  /* é, precomposed */
	{ 0x0301, 0 },  /* combining acute accent (Mn) */
	{ 0x0308, 0 },  /* combining diaeresis (Mn) */
	{ 0x20DD, 0 },  /* combining enclosing circle (Me) */
	{ 0x200B, 0 },  /* zero width space */
	{ 0x4E2D, 2 },  /* 中, CJK unified ideograph (W) */
	{ 0x9547, 2 },  /* 镇 (W) */
	{ 0x3000, 2 },  /* ideographic space (F) */
	{ 0x3001, 2 },  /* 、 (W) */
	{ 0xFF21, 2 },  /* Ａ, full-width (F) */
	{ 0xFF10, 2 },  /* ０, full-width (F) */
	{ 0xFF61, 1 },  /* ｡, half-width (H) */
	{ 0xAC00, 2 },  /* 가, Hangul syllable (W) */
	{ 0x3042, 2 },  /* あ, hiragana (W) */
	{ 0x20000, 2 }, /* 𠀀, CJK extension B (W) */
	{ 0x2026, 1 },  /* …, ambiguous (A): one, as terminals show it */
	{ 0x00D7, 1 },  /* ×, ambiguous (A) */
	{ 0x221A, 1 },  /* √, ambiguous (A) */
	{ 0x0410, 1 },  /* А, Cyrillic (A) */
};

static void
each_way(void (*fn)(void))
{
	/* Debian's C library has C.UTF-8 built in: wcwidth is there to ask. */
	if (!width_use_table(false))
		fail_msg("no UTF-8 locale for wcwidth");
	fn();
	assert_true(width_use_table(true));
	fn();
	width_use_table(false);
}

static void
widths_of_chars(void)
{
	for (size_t i = 0; i < sizeof chars / sizeof chars[0]; i++)
		if (width_cp(chars[i].cp) != chars[i].cols)
			fail_msg("width of U+%04X is %d, expected %d", (unsigned)chars[i].cp,
			    width_cp(chars[i].cp), chars[i].cols);
	for (uint32_t cp = 0; cp < 0x20; cp++)
		assert_int_equal(width_cp(cp), -1);
	for (uint32_t cp = 0x7F; cp <= 0x9F; cp++)
		assert_int_equal(width_cp(cp), -1);
}

static void
test_chars(void **state)
{
	(void)state;
	each_way(widths_of_chars);
}

/* The program's own locale is the C one: widths do not depend on it. */
static void
test_c_locale(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C");
	assert_int_equal(width_cp(0x4E2D), 2);
	assert_int_equal(width_cp(0x0301), 0);
	assert_int_equal(width_sv(sv_of("王明"), NULL), 4);
	assert_string_equal(setlocale(LC_CTYPE, NULL), "C");
}

static size_t
escape4(uint32_t cp)
{
	(void)cp;
	return 4;
}

static void
widths_of_text(void)
{
	assert_int_equal(width_sv(sv_of(""), NULL), 0);
	assert_int_equal(width_sv(sv_of("C0001"), NULL), 5);
	assert_int_equal(width_sv(sv_of("新城镇"), NULL), 6);
	assert_int_equal(width_sv(sv_of("五十家子镇"), NULL), 10);
	/* Mixed: 3 ASCII, 2 CJK, 1 full-width. */
	assert_int_equal(width_sv(sv_of("C01王明Ａ"), NULL), 9);
	/* e and a combining acute: one column, as é is. */
	assert_int_equal(width_sv(sv_of("Rene\xCC\x81"), NULL), 4);
	assert_int_equal(width_sv(sv_of("Ren\xC3\xA9"), NULL), 4);
	/* A control character takes what its escape takes. */
	assert_int_equal(width_sv(sv_of("a\nb"), NULL), 3);
	assert_int_equal(width_sv(sv_of("a\nb"), escape4), 6);
}

static void
test_text(void **state)
{
	(void)state;
	each_way(widths_of_text);
}

static void
expect_cut(const char *s, size_t cols, size_t want_bytes, size_t want_cols)
{
	size_t used = 99, n = width_cut(sv_of(s), cols, NULL, &used);

	if (n != want_bytes || used != want_cols)
		fail_msg("width_cut('%s', %zu) = %zu bytes, %zu columns; expected %zu, %zu",
		    s, cols, n, used, want_bytes, want_cols);
}

static void
cuts(void)
{
	/* 新城镇: 3 bytes and 2 columns a character. */
	expect_cut("新城镇", 6, 9, 6);
	expect_cut("新城镇", 5, 6, 4);  /* not half of 镇 */
	expect_cut("新城镇", 4, 6, 4);
	expect_cut("新城镇", 1, 0, 0);
	expect_cut("新城镇", 0, 0, 0);
	expect_cut("ab新", 3, 2, 2);
	expect_cut("ab新", 4, 5, 4);
	expect_cut("abc", 10, 3, 3);
	/* The accent stays with its letter. */
	expect_cut("Rene\xCC\x81" "e", 4, 6, 4);
	expect_cut("Rene\xCC\x81" "e", 3, 3, 3);
	/* 𠀀 is 4 bytes. */
	expect_cut("\xF0\xA0\x80\x80x", 2, 4, 2);
	expect_cut("\xF0\xA0\x80\x80x", 1, 0, 0);
}

static void
test_cut(void **state)
{
	(void)state;
	each_way(cuts);
}

static void
test_utf8_next(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(utf8_next("a", 1, &cp), 1);
	assert_int_equal(cp, 'a');
	assert_int_equal(utf8_next("\xC3\xA9", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(utf8_next("\xE4\xB8\xAD", 3, &cp), 3);
	assert_int_equal(cp, 0x4E2D);
	assert_int_equal(utf8_next("\xF0\xA0\x80\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x20000);
	/* Not UTF-8: one byte, read as U+FFFD. */
	assert_int_equal(utf8_next("\xE4\xB8", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(utf8_next("\xC0\x80", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(utf8_next("\xED\xA0\x80", 3, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(utf8_next("\xFF", 1, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chars),
		cmocka_unit_test(test_c_locale),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_utf8_next),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
