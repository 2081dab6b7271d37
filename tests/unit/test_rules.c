/*
 * The rules table (SPEC section 1, Rules, and the bracketed keys of the
 * sections after it). The rules are the process's own state: the tests run
 * in table order, the defaults first; a test that changes rules puts the
 * defaults back by loading a file that says so, and a failing load names
 * only keys it sets to their defaults.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codes.h"
#include "diag.h"
#include "rules.h"

#include "catch_exit.h"

#define BIT(st) (1u << (st))

static const unsigned default_statuses = BIT(ST_PRESENT) | BIT(ST_LATE) |
    BIT(ST_EARLY) | BIT(ST_BUSINESS) | BIT(ST_TRAINING);

/* The defaults, as the SPEC gives them. */
static const char defaults_file[] =
    "month.min_days = 20\n"
    "month.attendance_max = 40\n"
    "month.absent_penalty = 3\n"
    "month.late_early_penalty = 1\n"
    "month.short_day_penalty = 2\n"
    "month.performance_max = 60\n"
    "residency.statuses = present late early business training\n"
    "year.min_days = 200\n"
    "year.training_days = 4\n"
    "quarter.low_score = 60\n"
    "grade.excellent = 90\n"
    "grade.good = 80\n"
    "grade.fair = 60\n"
    "cap.residency = good\n"
    "cap.recalled = good\n"
    "dispatch.max_age = 45\n"
    "case.stale_days = 90\n";

static void
check_defaults(void)
{
	assert_true(rule_num(R_MONTH_MIN_DAYS) == 20);
	assert_true(rule_num(R_MONTH_ATTENDANCE_MAX) == 40);
	assert_true(rule_num(R_MONTH_ABSENT_PENALTY) == 3);
	assert_true(rule_num(R_MONTH_LATE_EARLY_PENALTY) == 1);
	assert_true(rule_num(R_MONTH_SHORT_DAY_PENALTY) == 2);
	assert_true(rule_num(R_MONTH_PERFORMANCE_MAX) == 60);
	assert_int_equal(rule_statuses(R_RESIDENCY_STATUSES), default_statuses);
	assert_true(rule_num(R_YEAR_MIN_DAYS) == 200);
	assert_true(rule_num(R_YEAR_TRAINING_DAYS) == 4);
	assert_true(rule_num(R_QUARTER_LOW_SCORE) == 60);
	assert_true(rule_num(R_GRADE_EXCELLENT) == 90);
	assert_true(rule_num(R_GRADE_GOOD) == 80);
	assert_true(rule_num(R_GRADE_FAIR) == 60);
	assert_int_equal(rule_grade(R_CAP_RESIDENCY), GR_GOOD);
	assert_int_equal(rule_grade(R_CAP_RECALLED), GR_GOOD);
	assert_true(rule_num(R_DISPATCH_MAX_AGE) == 45);
	/* SPEC section 7's fit: +10, +3, -5. */
	assert_true(rule_num(R_DISPATCH_FIT_SPECIALTY) == 10);
	assert_true(rule_num(R_DISPATCH_FIT_BILINGUAL) == 3);
	assert_true(rule_num(R_DISPATCH_AGE_PENALTY) == 5);
	assert_true(rule_num(R_CASE_STALE_DAYS) == 90);
}

/* A temporary file holding text; its name in path. */
static void
write_file(char path[64], const char *text)
{
	const char *dir = getenv("TMPDIR");
	FILE *fp;
	int fd;

	snprintf(path, 64, "%s/rulesXXXXXX", dir && *dir && strlen(dir) < 40 ? dir : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* The same with n bytes that may hold a NUL. */
static void
write_bytes(char path[64], const char *bytes, size_t n)
{
	const char *dir = getenv("TMPDIR");
	FILE *fp;
	int fd;

	snprintf(path, 64, "%s/rulesXXXXXX", dir && *dir && strlen(dir) < 40 ? dir : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(bytes, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

static void
load(void *path)
{
	rules_load(path);
}

static void
check(void *unused)
{
	(void)unused;
	rules_check();
}

/* Loads text as a rules file; returns what happened. */
static void
load_text(const char *text, struct caught *c, char path[64])
{
	write_file(path, text);
	catch_exit(load, path, c);
	unlink(path);
}

static void
load_ok(const char *text)
{
	char path[64];
	struct caught c;

	load_text(text, &c, path);
	if (c.status != -1)
		fail_msg("rules_load exited %d: %s", c.status, c.err);
	assert_string_equal(c.err, "");
}

/* The rules file is bad on line: status 64, "prog: FILE:LINE: ". */
static void
load_bad(const char *text, int line, const char *w1, const char *w2)
{
	char path[64], prefix[128];
	struct caught c;

	load_text(text, &c, path);
	snprintf(prefix, sizeof prefix, "prog: %s:%d: ", path, line);
	assert_caught(&c, EXIT_USAGE, prefix, w1, w2, NULL);
}

static char *
print_rules(void)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&buf, &size);

	assert_non_null(fp);
	rules_print(fp);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

/* The SPEC's default marks (section 11), in its order. */
static const struct {
	const char *mark;
	int status;
} default_marks[] = {
	{ "√", ST_PRESENT }, { "✓", ST_PRESENT }, { "✔", ST_PRESENT }, { "在", ST_PRESENT },
	{ "迟", ST_LATE }, { "早", ST_EARLY },
	{ "×", ST_ABSENT }, { "✗", ST_ABSENT }, { "旷", ST_ABSENT },
	{ "○", ST_LEAVE }, { "假", ST_LEAVE }, { "请", ST_LEAVE },
	{ "差", ST_BUSINESS }, { "公", ST_BUSINESS },
	{ "培", ST_TRAINING }, { "训", ST_TRAINING },
	{ "休", ST_REST }, { "—", ST_REST },
};
#define NDEFAULT_MARKS (sizeof default_marks / sizeof *default_marks)

static size_t
count_marks(void)
{
	const char *mark;
	size_t n = 0;
	int st;

	while (rule_grid_mark_get(n, &mark, &st))
		n++;
	return n;
}

static void
test_defaults(void **state)
{
	(void)state;
	check_defaults();
}

static void
test_print_defaults(void **state)
{
	char *text = print_rules();
	char *line, *save = NULL;
	int pairs = 0;

	(void)state;
	/* Every line of the defaults file is there as it stands. */
	for (const char *p = defaults_file; *p; p = strchr(p, '\n') + 1) {
		char want[128];
		size_t n = strchr(p, '\n') - p;

		snprintf(want, sizeof want, "\n%.*s\n", (int)n, p);
		if (!strstr(text, want))
			fail_msg("--print-rules has no line '%.*s':\n%s", (int)n, p, text);
	}
	/* And nothing but comments, blank lines and key = value. */
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		if (!strstr(line, " = ") || strchr(line, ' ') == line)
			fail_msg("--print-rules line '%s' is not 'key = value'", line);
		pairs++;
	}
	assert_int_equal(pairs, R_COUNT + count_marks());
	free(text);
}

/* What --print-rules writes, --rules reads back to the same rules. */
static void
test_print_reload(void **state)
{
	char *text = print_rules();

	(void)state;
	load_ok(text);
	free(text);
	check_defaults();
	load_ok(defaults_file);
	check_defaults();
}

static void
test_load_overrides(void **state)
{
	char *text;

	(void)state;
	load_ok("# county overrides, 2018\n"
	    "\n"
	    "month.min_days = 22   # more days in the village\n"
	    "  month.absent_penalty=4.5  \n"
	    "\t\n"
	    "residency.statuses = present business 在岗\n"
	    "   # indented comment = not a rule\n"
	    "grade.excellent = 92.5\n"
	    "cap.recalled = fair\n"
	    "year.min_days = 180\r\n"
	    "case.stale_days = 60");
	assert_true(rule_num(R_MONTH_MIN_DAYS) == 22);
	assert_true(rule_num(R_MONTH_ABSENT_PENALTY) == 4.5);
	assert_int_equal(rule_statuses(R_RESIDENCY_STATUSES),
	    BIT(ST_PRESENT) | BIT(ST_BUSINESS));
	assert_true(rule_num(R_GRADE_EXCELLENT) == 92.5);
	assert_int_equal(rule_grade(R_CAP_RECALLED), GR_FAIR);
	assert_true(rule_num(R_YEAR_MIN_DAYS) == 180);
	assert_true(rule_num(R_CASE_STALE_DAYS) == 60);
	/* The rest keep their defaults. */
	assert_true(rule_num(R_MONTH_ATTENDANCE_MAX) == 40);
	assert_true(rule_num(R_MONTH_LATE_EARLY_PENALTY) == 1);
	assert_true(rule_num(R_GRADE_GOOD) == 80);
	assert_int_equal(rule_grade(R_CAP_RESIDENCY), GR_GOOD);

	/* The overrides survive a trip through --print-rules. */
	text = print_rules();
	assert_non_null(strstr(text, "\nmonth.min_days = 22\n"));
	assert_non_null(strstr(text, "\nmonth.absent_penalty = 4.5\n"));
	assert_non_null(strstr(text, "\nresidency.statuses = present business\n"));
	assert_non_null(strstr(text, "\ncap.recalled = fair\n"));
	load_ok(text);
	free(text);
	assert_true(rule_num(R_MONTH_MIN_DAYS) == 22);
	assert_true(rule_num(R_MONTH_ABSENT_PENALTY) == 4.5);
	assert_int_equal(rule_statuses(R_RESIDENCY_STATUSES),
	    BIT(ST_PRESENT) | BIT(ST_BUSINESS));
	assert_true(rule_num(R_GRADE_EXCELLENT) == 92.5);
	assert_int_equal(rule_grade(R_CAP_RECALLED), GR_FAIR);
	assert_true(rule_num(R_YEAR_MIN_DAYS) == 180);
	assert_true(rule_num(R_CASE_STALE_DAYS) == 60);

	load_ok(defaults_file);
	check_defaults();
}

static void
test_limits(void **state)
{
	(void)state;
	/* Zero is a value; so is a month's every day. */
	load_ok("month.min_days = 0\nmonth.absent_penalty = 0\n");
	assert_true(rule_num(R_MONTH_MIN_DAYS) == 0);
	assert_true(rule_num(R_MONTH_ABSENT_PENALTY) == 0);
	load_ok("month.min_days = 31\nyear.min_days = 366\n");
	assert_true(rule_num(R_MONTH_MIN_DAYS) == 31);
	assert_true(rule_num(R_YEAR_MIN_DAYS) == 366);
	load_ok(defaults_file);
	check_defaults();
}

static void
test_unknown_key(void **state)
{
	(void)state;
	load_bad("month.min_days = 20\n\nmonth.bogus = 3\n", 3, "unknown", "month.bogus");
	load_bad("# only a comment\nmin_days = 20\n", 2, "unknown", "min_days");
	load_bad("month.min_days.x = 20\n", 1, "unknown", NULL);
	check_defaults();
}

static void
test_bad_values(void **state)
{
	(void)state;
	/* Whole days. */
	load_bad("\nmonth.min_days = 20.5\n", 2, "month.min_days", "20.5");
	load_bad("month.min_days = 32\n", 1, "month.min_days", NULL);
	load_bad("month.min_days = -1\n", 1, "month.min_days", NULL);
	load_bad("year.min_days = 367\n", 1, "year.min_days", NULL);
	load_bad("year.min_days =\n", 1, "year.min_days", NULL);
	/* Points. */
	load_bad("# x\n# y\nmonth.absent_penalty = -1\n", 3, "month.absent_penalty", NULL);
	load_bad("month.attendance_max = abc\n", 1, "month.attendance_max", "abc");
	load_bad("grade.excellent = 9O\n", 1, "grade.excellent", NULL);
	load_bad("grade.excellent = 1e2\n", 1, "grade.excellent", NULL);
	/* Status lists. */
	load_bad("residency.statuses = present sleeping\n", 1, "residency.statuses",
	    "sleeping");
	load_bad("residency.statuses =\n", 1, "residency.statuses", NULL);
	/* Grades. */
	load_bad("cap.recalled = best\n", 1, "cap.recalled", "best");
	load_bad("cap.residency = 80\n", 1, "cap.residency", NULL);
	/* Not key = value at all. */
	load_bad("month.min_days 20\n", 1, NULL, NULL);
	load_bad("\n\n= 20\n", 3, NULL, NULL);
	check_defaults();
}

static void
test_key_twice(void **state)
{
	(void)state;
	load_bad("month.min_days = 20\ngrade.good = 80\nmonth.min_days = 20\n", 3,
	    "month.min_days", "line 1");
	check_defaults();
}

static void
test_missing_file(void **state)
{
	struct caught c;

	(void)state;
	catch_exit(load, "no/such/rules.conf", &c);
	assert_caught(&c, EXIT_NOINPUT, "prog: cannot open no/such/rules.conf: ", NULL);
	check_defaults();
}

/* Notepad's UTF-8: a byte-order mark, CRLF line ends. */
static void
test_bom_crlf(void **state)
{
	(void)state;
	load_ok("\xef\xbb\xbfmonth.min_days = 22\r\n# a comment\r\n\r\n"
	    "grade.good = 81\r\ncap.recalled = fair\r\n");
	assert_true(rule_num(R_MONTH_MIN_DAYS) == 22);
	assert_true(rule_num(R_GRADE_GOOD) == 81);
	assert_int_equal(rule_grade(R_CAP_RECALLED), GR_FAIR);
	/* A mark before a comment, and a file that is nothing else. */
	load_ok("\xef\xbb\xbf# county rules\r\nmonth.min_days = 20\r\n");
	assert_true(rule_num(R_MONTH_MIN_DAYS) == 20);
	load_ok("\xef\xbb\xbf");
	/* Only at the start of the file: on another line it is in the key. */
	load_bad("month.min_days = 20\n\xef\xbb\xbfgrade.good = 80\n", 2, "unknown", NULL);
	load_ok(defaults_file);
	check_defaults();
}

static void
load_bad_bytes(const char *bytes, size_t n, int line, const char *word)
{
	char path[64], prefix[128];
	struct caught c;

	write_bytes(path, bytes, n);
	catch_exit(load, path, &c);
	unlink(path);
	snprintf(prefix, sizeof prefix, "prog: %s:%d: ", path, line);
	assert_caught(&c, EXIT_USAGE, prefix, word, NULL);
}

#define BAD_BYTES(s, line, word) load_bad_bytes(s, sizeof s - 1, line, word)

static void
test_nul_and_bad_utf8(void **state)
{
	(void)state;
	BAD_BYTES("month.min_days = 20\nmonth.absent\0_penalty = 3\n", 2, "NUL");
	BAD_BYTES("month.min_days = 2\0", 1, "NUL");
	BAD_BYTES("# \0\n", 1, "NUL");
	BAD_BYTES("month.min_days = 20\n# caf\xe9\n", 2, "UTF-8");
	BAD_BYTES("alias.status.\xd7\xa4\xb4 = present\n", 1, "UTF-8");
	BAD_BYTES("# \xc0\xaf overlong\n", 1, "UTF-8");
	BAD_BYTES("# \xe0\x80\xaf overlong\n", 1, "UTF-8");
	BAD_BYTES("# \xed\xa0\x80 surrogate\n", 1, "UTF-8");
	BAD_BYTES("# \xf4\x90\x80\x80 past U+10FFFF\n", 1, "UTF-8");
	BAD_BYTES("\n\n# \xe5\x88", 3, "UTF-8");
	BAD_BYTES("# \xff\n", 1, "UTF-8");
	BAD_BYTES("\xef\xbb\xbf\xef\xbb\n", 1, "UTF-8");
	/* GBK, what a county's editor may save: 驻村 as two GBK characters. */
	BAD_BYTES("alias.status.\xd7\xa4\xb4\xe5 = present\n", 1, "UTF-8");
	/* Valid UTF-8 of every length passes. */
	load_ok("# A \xc2\xa9 \xe9\xa9\xbb \xf0\x9f\x98\x80\nmonth.min_days = 20\n");
	check_defaults();
}

static char paths[3][64];

/* Loads each text as a rules file, in order; the files stay until
 * remove_files, for messages that name them. */
static void
load_files(const char *const *texts, int n)
{
	for (int i = 0; i < n; i++) {
		struct caught c;

		write_file(paths[i], texts[i]);
		catch_exit(load, paths[i], &c);
		if (c.status != -1)
			fail_msg("rules_load %d exited %d: %s", i, c.status, c.err);
	}
}

static void
remove_files(int n)
{
	for (int i = 0; i < n; i++)
		unlink(paths[i]);
}

/* SPEC section 1: --rules given several times, the files apply in order. */
static void
test_two_files(void **state)
{
	const char *a[] = { "month.min_days = 22\ngrade.good = 85\n",
	    "month.min_days = 18\ncase.stale_days = 30\n" };
	const char *b[] = { a[1], a[0] };

	(void)state;
	load_files(a, 2);
	remove_files(2);
	assert_true(rule_num(R_MONTH_MIN_DAYS) == 18);
	assert_true(rule_num(R_GRADE_GOOD) == 85);
	assert_true(rule_num(R_CASE_STALE_DAYS) == 30);
	load_ok(defaults_file);
	load_files(b, 2);
	remove_files(2);
	assert_true(rule_num(R_MONTH_MIN_DAYS) == 22);
	assert_true(rule_num(R_GRADE_GOOD) == 85);
	assert_true(rule_num(R_CASE_STALE_DAYS) == 30);
	load_ok(defaults_file);
	check_defaults();
}

/* rules_check after the files: exit 64 naming file and line of the rule
 * that contradicts, or nothing. */
static void
expect_contradiction(const char *const *texts, int n, int file, int line,
    const char *w1, const char *w2)
{
	char prefix[128];
	struct caught c;

	load_files(texts, n);
	catch_exit(check, NULL, &c);
	if (file < 0) {
		remove_files(n);
		if (c.status != -1)
			fail_msg("rules_check exited %d: %s", c.status, c.err);
	} else {
		snprintf(prefix, sizeof prefix, "prog: %s:%d: ", paths[file], line);
		remove_files(n);
		assert_caught(&c, EXIT_USAGE, prefix, w1, w2, NULL);
	}
	load_ok(defaults_file);
}

static void
test_contradictions(void **state)
{
	const char *ok1[] = { "grade.excellent = 80\ngrade.good = 80\ngrade.fair = 80\n" };
	const char *ok2[] = { "grade.good = 95\ngrade.excellent = 99\n" };
	const char *ok3[] = { "grade.excellent = 100\n" };
	const char *ok4[] = { "grade.excellent = 70\ngrade.good = 65\ngrade.fair = 50\n",
	    "month.performance_max = 30\n" };
	const char *good_above[] = { "# higher bar for good\ngrade.good = 95\n" };
	const char *ex_below[] = { "month.min_days = 20\ngrade.excellent = 75\n" };
	const char *fair_above[] = { "grade.fair = 85\n" };
	const char *later_in_file[] = { "grade.excellent = 85\nmonth.min_days = 20\n"
	    "grade.good = 88\n" };
	const char *later_file[] = { "grade.excellent = 70\ngrade.good = 65\n",
	    "case.stale_days = 30\ngrade.good = 75\n" };
	const char *earlier_file[] = { "grade.good = 75\n",
	    "# the county lowers its bar\ngrade.excellent = 70\n" };
	const char *three[] = { "grade.fair = 70\n", "grade.good = 75\n",
	    "grade.good = 65\n" };
	const char *max_perf[] = { "month.performance_max = 40\n" };
	const char *max_ex[] = { "grade.excellent = 100.5\n" };
	const char *max_att[] = { "grade.excellent = 95\n", "month.attendance_max = 30\n" };

	(void)state;
	check_defaults();
	/* The defaults, equal cuts, and a setting made consistent later. */
	catch_exit(check, NULL, &(struct caught){ 0 });
	expect_contradiction(ok1, 1, -1, 0, NULL, NULL);
	expect_contradiction(ok2, 1, -1, 0, NULL, NULL);
	expect_contradiction(ok3, 1, -1, 0, NULL, NULL);
	expect_contradiction(ok4, 2, -1, 0, NULL, NULL);
	/* grade.excellent >= grade.good >= grade.fair. */
	expect_contradiction(good_above, 1, 0, 2, "grade.good = 95",
	    "grade.excellent = 90, set on");
	expect_contradiction(ex_below, 1, 0, 2, "grade.excellent = 75",
	    "grade.good = 80");
	expect_contradiction(fair_above, 1, 0, 1, "grade.fair = 85", "grade.good = 80");
	expect_contradiction(later_in_file, 1, 0, 3, "grade.good = 88",
	    "grade.excellent = 85, set on");
	expect_contradiction(later_file, 2, 1, 2, "grade.good = 75",
	    "grade.excellent = 70");
	expect_contradiction(earlier_file, 2, 1, 2, "grade.excellent = 70",
	    "grade.good = 75");
	expect_contradiction(three, 3, 2, 1, "grade.fair = 70", "grade.good = 65");
	/* An excellent average no total can reach. */
	expect_contradiction(max_perf, 1, 0, 1, "month.performance_max",
	    "grade.excellent <= month.attendance_max + month.performance_max");
	expect_contradiction(max_ex, 1, 0, 1, "grade.excellent = 100.5", "60");
	expect_contradiction(max_att, 2, 1, 1, "month.attendance_max = 30",
	    "grade.excellent = 95");
	check_defaults();
}

/* SPEC section 1, Rules: alias.CODESET.WORD = CODE. */
static void
test_aliases(void **state)
{
	const char *two[] = { "alias.status.驻村 = present\nalias.grade.称职 = fair\n",
	    "alias.status.驻村 = business\n" };

	(void)state;
	assert_int_equal(code_find(status_codes, sv_of("驻村")), -1);
	load_ok("# the county's words\n"
	    "alias.status.驻村 = present\n"
	    "alias.grade.称职 = fair\r\n"
	    "  alias.need.富民村=专业村  # a Chinese name is a code too\n"
	    "ALIAS.Role.Leader = secretary\n"
	    "alias.status.Sick Day = leave\n"
	    "alias.result.不在 = absent\n");
	assert_int_equal(code_find(status_codes, sv_of("驻村")), ST_PRESENT);
	assert_int_equal(code_find(grade_codes, sv_of("称职")), GR_FAIR);
	assert_int_equal(code_find(need_codes, sv_of("富民村")), NEED_INDUSTRY);
	assert_int_equal(code_find(role_codes, sv_of("leader")), ROLE_SECRETARY);
	assert_int_equal(code_find(status_codes, sv_of("sick day")), ST_LEAVE);
	assert_int_equal(code_find(result_codes, sv_of("不在")), RESULT_ABSENT);
	assert_int_equal(code_find(status_codes, sv_of("不在")), -1);
	/* The word and code are read as the reader reads a value: spaces
	 * (U+3000, U+00A0) trimmed and full-width ASCII folded, so that the
	 * word a county typed in full width is found in a folded value. */
	load_ok("alias.status.　ＺＣ１\xc2\xa0 = ｌａｔｅ\n");
	assert_int_equal(code_find(status_codes, sv_of("ZC1")), ST_LATE);
	assert_int_equal(code_find(status_codes, sv_of("zc1")), ST_LATE);
	/* The word then works in the rules too. */
	load_ok("residency.statuses = present 驻村 late\n");
	assert_int_equal(rule_statuses(R_RESIDENCY_STATUSES), BIT(ST_PRESENT) | BIT(ST_LATE));
	load_ok("cap.recalled = 称职\n");
	assert_int_equal(rule_grade(R_CAP_RECALLED), GR_FAIR);
	code_aliases_clear();
	load_ok(defaults_file);

	/* A later file's alias of the same word holds. */
	load_files(two, 2);
	remove_files(2);
	assert_int_equal(code_find(status_codes, sv_of("驻村")), ST_BUSINESS);
	assert_int_equal(code_find(grade_codes, sv_of("称职")), GR_FAIR);
	code_aliases_clear();

	load_bad("month.min_days = 20\nalias.statuses.驻村 = present\n", 2,
	    "unknown code set", "status, grade, role, kind, event, party, rank, "
	    "unit_level, specialty, need, result");
	load_bad("alias.flag.x = low_score\n", 1, "unknown code set", "alias.flag.x");
	load_bad("alias.status.驻村 = sleeping\n", 1, "unknown status 'sleeping'",
	    "present 在岗, late 迟到");
	load_bad("alias.grade.称职 = \n", 1, "unknown grade ''", "poor 差");
	load_bad("alias.status. = present\n", 1, "no word", "alias.status.WORD");
	load_bad("alias.status = present\n", 1, "alias.CODESET.WORD = CODE", NULL);
	load_bad("alias.status.驻村 = present\nalias.status.驻村 = present\n", 2,
	    "set again", "line 1");
	load_bad("alias.status.abc = present\n\nalias.status.ABC = late\n", 3,
	    "set again", "line 1");
	load_bad("alias.status.出差 = absent\n", 1, "'出差' already names status business",
	    NULL);
	load_bad("alias.status.Late = early\n", 1, "already names status late", NULL);
	/* A name of the code itself is harmless. */
	load_ok("alias.status.出差 = business\nalias.grade.优秀 = excellent\n");
	assert_int_equal(code_find(status_codes, sv_of("出差")), ST_BUSINESS);
	code_aliases_clear();
	check_defaults();
}

/* --print-rules writes the aliases in force; they read back the same. */
static void
test_print_aliases(void **state)
{
	char *text, *again;

	(void)state;
	load_ok("alias.status.驻村 = 在岗\nalias.grade.称职 = fair\n"
	    "alias.need.富民村 = industry\n");
	text = print_rules();
	assert_non_null(strstr(text, "\nalias.status.驻村 = present\n"));
	assert_non_null(strstr(text, "\nalias.grade.称职 = fair\n"));
	assert_non_null(strstr(text, "\nalias.need.富民村 = industry\n"));
	/* In the order set, after the rules. */
	assert_true(strstr(text, "alias.status.驻村") < strstr(text, "alias.grade.称职"));
	assert_true(strstr(text, "case.stale_days") < strstr(text, "alias.status.驻村"));
	code_aliases_clear();
	assert_null(strstr(again = print_rules(), "alias."));
	free(again);
	load_ok(text);
	assert_int_equal(code_find(status_codes, sv_of("驻村")), ST_PRESENT);
	assert_int_equal(code_find(grade_codes, sv_of("称职")), GR_FAIR);
	assert_int_equal(code_find(need_codes, sv_of("富民村")), NEED_INDUSTRY);
	again = print_rules();
	assert_string_equal(again, text);
	free(again);
	free(text);
	code_aliases_clear();
	check_defaults();
}

static void
test_grid_mark_defaults(void **state)
{
	const char *mark;
	int st;

	(void)state;
	assert_int_equal(count_marks(), NDEFAULT_MARKS);
	for (size_t i = 0; i < NDEFAULT_MARKS; i++) {
		assert_int_equal(rule_grid_mark(sv_of(default_marks[i].mark)),
		    default_marks[i].status);
		assert_true(rule_grid_mark_get(i, &mark, &st));
		assert_string_equal(mark, default_marks[i].mark);
		assert_int_equal(st, default_marks[i].status);
	}
	/* A status code is no grid.mark rule: the program reads those itself. */
	assert_int_equal(rule_grid_mark(sv_of("present")), -1);
	assert_int_equal(rule_grid_mark(sv_of("")), -1);
	assert_int_equal(rule_grid_mark(sv_of("√√")), -1);
}

/* Marks a county adds or changes; the defaults file of the marks puts
 * every default back. */
static void
test_grid_mark_load(void **state)
{
	char *text;

	(void)state;
	load_ok("grid.mark.P = present\n"
	    "grid.mark.公 = training   # the county's own reading\n"
	    "  grid.mark.病 = 请假\n"
	    "GRID.MARK.Ｌ = late\n");
	assert_int_equal(count_marks(), NDEFAULT_MARKS + 3);
	assert_int_equal(rule_grid_mark(sv_of("P")), ST_PRESENT);
	assert_int_equal(rule_grid_mark(sv_of("p")), ST_PRESENT);
	assert_int_equal(rule_grid_mark(sv_of("病")), ST_LEAVE);
	assert_int_equal(rule_grid_mark(sv_of("公")), ST_TRAINING);
	/* Full-width ASCII in a key reads as a sheet's cell does: folded. */
	assert_int_equal(rule_grid_mark(sv_of("L")), ST_LATE);
	assert_int_equal(rule_grid_mark(sv_of("差")), ST_BUSINESS);
	text = print_rules();
	assert_non_null(strstr(text, "\ngrid.mark.公 = training\n"));
	assert_non_null(strstr(text, "\ngrid.mark.P = present\n"));
	assert_non_null(strstr(text, "\ngrid.mark.L = late\n"));
	/* Read back, the same marks. */
	load_ok(text);
	free(text);
	assert_int_equal(count_marks(), NDEFAULT_MARKS + 3);
	assert_int_equal(rule_grid_mark(sv_of("公")), ST_TRAINING);
	load_ok("grid.mark.公 = business\n");
	assert_int_equal(rule_grid_mark(sv_of("公")), ST_BUSINESS);
}

static void
test_grid_mark_bad(void **state)
{
	(void)state;
	load_bad("grid.mark.X = sleeping\n", 1, "grid.mark.X", "sleeping");
	load_bad("\ngrid.mark. = present\n", 2, "names no mark", NULL);
	load_bad("grid.mark.X = absent\ngrid.mark.X = leave\n", 2, "grid.mark.X",
	    "line 1");
	load_bad("grid.mark.√ = present\ngrid.mark.√ = present\n", 2, "grid.mark.√",
	    "line 1");
	/* A file's line numbers are its own: the next file may set X again. */
	load_ok("grid.mark.X = absent\n");
	assert_int_equal(rule_grid_mark(sv_of("X")), ST_ABSENT);
	assert_int_equal(rule_grid_mark(sv_of("√")), ST_PRESENT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_print_defaults),
		cmocka_unit_test(test_print_reload),
		cmocka_unit_test(test_load_overrides),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_key_twice),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_bom_crlf),
		cmocka_unit_test(test_nul_and_bad_utf8),
		cmocka_unit_test(test_two_files),
		cmocka_unit_test(test_contradictions),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_print_aliases),
		/* Last: the marks a test adds stay. */
		cmocka_unit_test(test_grid_mark_defaults),
		cmocka_unit_test(test_grid_mark_load),
		cmocka_unit_test(test_grid_mark_bad),
	};

	progname = "prog";
	return cmocka_run_group_tests(tests, NULL, NULL);
}
