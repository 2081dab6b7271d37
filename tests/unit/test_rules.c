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

static void
load(void *path)
{
	rules_load(path);
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
	assert_int_equal(pairs, R_COUNT);
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
	};

	progname = "prog";
	return cmocka_run_group_tests(tests, NULL, NULL);
}
