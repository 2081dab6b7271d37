/* Messages (SPEC section 1, Bad input): one line of valid UTF-8, control
 * characters escaped, a long value cut on a character boundary with the
 * "(expected ...)" part kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "diag.h"

static void
check(const char *in, size_t max, const char *want)
{
	char out[DIAG_MAX + 1];

	diag_clean(out, max, in);
	if (strcmp(out, want) != 0)
		fail_msg("'%s' cleaned to '%s', expected '%s'", in, out, want);
}

static void
test_control_characters(void **state)
{
	(void)state;
	check("plain text 中文", 100, "plain text 中文");
	/* A value that would forge a second line in cron mail, or move a
	 * terminal's cursor. */
	check("unknown status 'a\nPROG: x:1: fake' (expected one)", 100,
	    "unknown status 'a\\nPROG: x:1: fake' (expected one)");
	check("bad '\r\t\x1B[2J\x7F'", 100, "bad '\\r\\t\\x1B[2J\\x7F'");
	/* Bytes that are not UTF-8. */
	check("bad '\xFF\xE5\xBC'", 100, "bad '\\xFF\\xE5\\xBC'");
}

static void
test_cut(void **state)
{
	(void)state;
	/* 24 bytes at most: " (expected x)" (13 bytes) is kept, the ellipsis
	 * takes 3, so 8 bytes of the head stay. */
	check("unknown 'abcdefgh' (expected x)", 24, "unknown \xE2\x80\xA6 (expected x)");
	/* On a character boundary: 中 and 文 are 3 bytes each, so with 21
	 * bytes, 5 are left for the head: "a中" (4), never half of 文. */
	check("a中文文文 (expected y)", 21, "a中\xE2\x80\xA6 (expected y)");
	/* An escape is not cut in two either: six line ends escape to 12
	 * bytes; with 23 bytes at most, 7 are left: three escapes (6). */
	check("\n\n\n\n\n\n (expected z)", 23, "\\n\\n\\n\xE2\x80\xA6 (expected z)");
	/* No "(expected" part: the head is cut alone. */
	check("0123456789", 8, "01234\xE2\x80\xA6");
	/* Short enough: as it is. */
	check("short (expected it)", 100, "short (expected it)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_control_characters),
		cmocka_unit_test(test_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
