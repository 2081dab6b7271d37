/* The roster of dispatched cadres (SPEC section 4) and its bad rows. */
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
#include "csvio.h"
#include "date.h"
#include "diag.h"
#include "rejects.h"
#include "roster.h"

#include "catch_exit.h"

/* A temporary file holding text; its name in path. */
static void
write_file(char path[64], const char *text)
{
	const char *dir = getenv("TMPDIR");
	FILE *fp;
	int fd;

	snprintf(path, 64, "%s/rosterXXXXXX", dir && *dir && strlen(dir) < 40 ? dir : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static struct roster *
load_text(const char *text)
{
	char path[64];
	struct roster *ro;

	write_file(path, text);
	ro = roster_load(path);
	unlink(path);
	return ro;
}

#define D(y, m, d) date_from_ymd(y, m, d)

static void
expect_str(const char *got, const char *want)
{
	assert_non_null(got);
	assert_string_equal(got, want);
}

static void
test_fields(void **state)
{
	struct roster *ro = load_text(
	    "cadre_id,name,township,village,unit,role,start_date,end_date,reserve,recalled\n"
	    "C001,张三,城关镇,东村,县委组织部,secretary,2018-03-01,,yes,no\n"
	    "C002, 李四 ,城关镇,西村,县财政局,队员,2017/6/1,2018-06-30,,是\n"
	    "C003,王五,,,,,,,,\n"
	    "C004,赵六,河口乡,\"南村, 一组\",县教育局,member,2018年1月1日,2018-01-01,N,TRUE\n");
	const struct cadre *c;

	(void)state;
	assert_int_equal(ro->n, 4);

	c = &ro->cadres[0];
	expect_str(c->id, "C001");
	expect_str(c->name, "张三");
	expect_str(c->township, "城关镇");
	expect_str(c->village, "东村");
	expect_str(c->unit, "县委组织部");
	assert_int_equal(c->role, ROLE_SECRETARY);
	assert_int_equal(c->start, D(2018, 3, 1));
	assert_int_equal(c->end, DAY_MAX);
	assert_true(c->reserve);
	assert_false(c->recalled);
	assert_int_equal(c->line, 2);

	c = &ro->cadres[1];
	expect_str(c->id, "C002");
	expect_str(c->name, "李四");
	assert_int_equal(c->role, ROLE_MEMBER);
	assert_int_equal(c->start, D(2017, 6, 1));
	assert_int_equal(c->end, D(2018, 6, 30));
	assert_false(c->reserve);
	assert_true(c->recalled);
	assert_int_equal(c->line, 3);

	c = &ro->cadres[2];
	expect_str(c->id, "C003");
	expect_str(c->township, "");
	expect_str(c->village, "");
	expect_str(c->unit, "");
	assert_int_equal(c->role, -1);
	assert_int_equal(c->start, DAY_MIN);
	assert_int_equal(c->end, DAY_MAX);
	assert_false(c->reserve);
	assert_false(c->recalled);
	assert_int_equal(c->line, 4);

	c = &ro->cadres[3];
	expect_str(c->village, "南村, 一组");
	assert_int_equal(c->role, ROLE_MEMBER);
	assert_int_equal(c->start, D(2018, 1, 1));
	assert_int_equal(c->end, D(2018, 1, 1));
	assert_false(c->reserve);
	assert_true(c->recalled);
	assert_int_equal(c->line, 5);

	assert_ptr_equal(roster_find(ro, sv_of("C002")), &ro->cadres[1]);
	assert_ptr_equal(roster_find(ro, sv_of("C004")), &ro->cadres[3]);
	assert_null(roster_find(ro, sv_of("C999")));
	assert_null(roster_find(ro, sv_of("C00")));
	assert_null(roster_find(ro, sv_of("")));
	roster_free(ro);
}

static void
test_dispatched_days(void **state)
{
	struct roster *ro = load_text(
	    "cadre_id,start_date,end_date\n"
	    "C001,2018-03-01,\n"
	    "C002,2017-06-01,2018-06-30\n"
	    "C003,,\n"
	    "C004,2018-01-01,2018-01-01\n"
	    "C005,,2018-01-31\n");
	const struct cadre *c1 = roster_find(ro, sv_of("C001")),
	    *c2 = roster_find(ro, sv_of("C002")), *c3 = roster_find(ro, sv_of("C003")),
	    *c4 = roster_find(ro, sv_of("C004")), *c5 = roster_find(ro, sv_of("C005"));
	day_t y17 = D(2017, 1, 1), y18 = D(2018, 1, 1), y19 = D(2019, 1, 1);

	(void)state;
	assert_non_null(c1);
	assert_non_null(c2);
	assert_non_null(c3);
	assert_non_null(c4);
	assert_non_null(c5);
	/* March to December 2018: 31+30+31+30+31+31+30+31+30+31. */
	assert_int_equal(dispatched_days(c1, y18, y19 - 1), 306);
	assert_int_equal(dispatched_days(c1, D(2018, 3, 1), D(2018, 3, 31)), 31);
	assert_int_equal(dispatched_days(c1, D(2018, 2, 1), D(2018, 2, 28)), 0);
	assert_int_equal(dispatched_days(c1, y17, y18 - 1), 0);
	/* January to June 2018: 31+28+31+30+31+30; June to December 2017. */
	assert_int_equal(dispatched_days(c2, y18, y19 - 1), 181);
	assert_int_equal(dispatched_days(c2, y17, y18 - 1), 214);
	assert_int_equal(dispatched_days(c2, D(2018, 2, 1), D(2018, 2, 28)), 28);
	assert_int_equal(dispatched_days(c2, D(2018, 6, 1), D(2018, 6, 30)), 30);
	assert_int_equal(dispatched_days(c2, D(2018, 7, 1), D(2018, 7, 31)), 0);
	/* No dates: dispatched all along. */
	assert_int_equal(dispatched_days(c3, y18, y19 - 1), 365);
	assert_int_equal(dispatched_days(c3, D(2016, 1, 1), D(2016, 12, 31)), 366);
	/* One day. */
	assert_int_equal(dispatched_days(c4, y18, y19 - 1), 1);
	assert_int_equal(dispatched_days(c4, D(2018, 1, 2), D(2018, 1, 31)), 0);
	/* No start: dispatched since before anyone asks. */
	assert_int_equal(dispatched_days(c5, y18, y19 - 1), 31);
	assert_int_equal(dispatched_days(c5, y17, y18 - 1), 365);
	roster_free(ro);
}

static void
test_chinese_headers(void **state)
{
	struct roster *ro = load_text(
	    "\xEF\xBB\xBF职务,干部编号,备注,姓名,派驻日期,结束日期,后备干部,召回,乡镇,村,派出单位\r\n"
	    "第一书记,A01,x,甲,2018-01-01,2018-12-31,是,否,镇一,村一,单位一\r\n"
	    "\r\n"
	    "队员,A02,,乙,20180301,,否,是,镇一,村二,单位二\r\n");
	const struct cadre *c;

	(void)state;
	assert_int_equal(ro->n, 2);
	c = roster_find(ro, sv_of("A01"));
	assert_non_null(c);
	expect_str(c->name, "甲");
	expect_str(c->township, "镇一");
	expect_str(c->village, "村一");
	expect_str(c->unit, "单位一");
	assert_int_equal(c->role, ROLE_SECRETARY);
	assert_int_equal(c->start, D(2018, 1, 1));
	assert_int_equal(c->end, D(2018, 12, 31));
	assert_true(c->reserve);
	assert_false(c->recalled);
	assert_int_equal(c->line, 2);
	c = roster_find(ro, sv_of("A02"));
	assert_non_null(c);
	assert_int_equal(c->role, ROLE_MEMBER);
	assert_int_equal(c->start, D(2018, 3, 1));
	assert_int_equal(c->end, DAY_MAX);
	assert_false(c->reserve);
	assert_true(c->recalled);
	assert_int_equal(c->line, 4);
	roster_free(ro);
}

static void
test_only_ids(void **state)
{
	struct roster *ro = load_text("cadre_id\nX1\nX2\n");

	(void)state;
	assert_int_equal(ro->n, 2);
	expect_str(ro->cadres[1].id, "X2");
	expect_str(ro->cadres[1].name, "");
	assert_int_equal(ro->cadres[1].role, -1);
	assert_int_equal(ro->cadres[1].start, DAY_MIN);
	assert_int_equal(ro->cadres[1].end, DAY_MAX);
	roster_free(ro);
	ro = load_text("cadre_id,name\n");
	assert_int_equal(ro->n, 0);
	assert_null(roster_find(ro, sv_of("X1")));
	roster_free(ro);
}

static void
load(void *path)
{
	roster_load(path);
}

/* The roster is bad on line: status 65, "prog: FILE:LINE: " (line 0: the
 * whole file, "prog: FILE: "). */
static void
load_bad(const char *text, int line, const char *w1, const char *w2)
{
	char path[64], prefix[128];
	struct caught c;

	write_file(path, text);
	catch_exit(load, path, &c);
	unlink(path);
	if (line)
		snprintf(prefix, sizeof prefix, "prog: %s:%d: ", path, line);
	else
		snprintf(prefix, sizeof prefix, "prog: %s: ", path);
	assert_caught(&c, EXIT_DATAERR, prefix, w1, w2, NULL);
}

static void
test_bad_rows(void **state)
{
	(void)state;
	load_bad("cadre_id,start_date\nC1,2018-03-01\nC2,2018-02-30\n", 3,
	    "start_date", "2018-02-30");
	load_bad("cadre_id,start_date\nC1,March\n", 2, "start_date", "March");
	load_bad("cadre_id,start_date,end_date\nC1,2018-03-01,2018-13-01\n", 2,
	    "end_date", "2018-13-01");
	load_bad("cadre_id,role\nC1,secretary\nC2,member\nC3,chief\n", 4, "role",
	    "chief");
	load_bad("cadre_id,start_date,end_date\nC1,2018-03-01,2018-03-01\n"
	    "C2,2018-03-01,2018-02-28\n", 3, "end_date", "start_date");
	load_bad("cadre_id,name\nC1,a\nC2,b\nC1,c\n", 4, "C1", "line 2");
	load_bad("cadre_id,name\nC1,a\n ,b\n", 3, "cadre_id", NULL);
	load_bad("cadre_id,reserve\nC1,maybe\n", 2, "maybe", NULL);
	load_bad("cadre_id,recalled\nC1,yes\nC2,召\n", 3, "召", NULL);
}

/* LINE is where the row starts, counting newlines inside quotes. */
static void
test_bad_row_lines(void **state)
{
	(void)state;
	load_bad("cadre_id,name,role\nC1,\"a\nb\",member\nC2,x,boss\n", 4, "boss", NULL);
	load_bad("cadre_id,name,role\nC1,a,member\nC2,\"x\ny\",boss\n", 3, "boss", NULL);
	load_bad("\n\ncadre_id,role\n\nC1,boss\n", 5, "boss", NULL);
}

static void
test_bad_file(void **state)
{
	struct caught c;

	(void)state;
	load_bad("id,name\nC1,a\n", 1, "cadre_id", NULL);
	load_bad("", 0, "empty", NULL);
	catch_exit(load, "no/such/roster.csv", &c);
	assert_caught(&c, EXIT_NOINPUT, "prog: cannot open no/such/roster.csv: ", NULL);
}

static void
close_rejects(void *unused)
{
	(void)unused;
	rejects_close();
	/* The count is a note, written when the program ends well. */
	diag_flush_notes();
}

/* With a rejects file, each bad row goes there with FILE:LINE and its own
 * fields, and the good rows are loaded. A rejected row does not make its
 * cadre known. Last: the rejects file is process state. */
static void
test_rejects(void **state)
{
	static const char log_head[] = "cadre_id,date,status\n";
	char rpath[64], path[64], fl3[80], fl5[80];
	struct csvr *main_in = csvr_open_mem("log.csv", log_head,
	    sizeof log_head - 1, 0);
	struct csvr *rr;
	struct csvrow *row;
	struct roster *ro;
	struct caught c;

	(void)state;
	write_file(rpath, "");
	rejects_open(rpath, main_in);
	write_file(path, "cadre_id,name,start_date\n"
	    "C1,a,2018-01-01\n"
	    "C2,b,2018-02-30\n"
	    "C2,b2,2018-02-01\n"
	    "C1,dup,2018-01-01\n"
	    "C3,c,\n");
	ro = roster_load(path);
	assert_int_equal(ro->n, 3);
	expect_str(roster_find(ro, sv_of("C1"))->name, "a");
	expect_str(roster_find(ro, sv_of("C2"))->name, "b2");
	assert_int_equal(roster_find(ro, sv_of("C2"))->line, 4);
	expect_str(roster_find(ro, sv_of("C3"))->name, "c");
	roster_free(ro);
	assert_int_equal(rejects_count(), 2);

	catch_exit(close_rejects, NULL, &c);
	assert_int_equal(c.status, -1);
	assert_non_null(strstr(c.err, "2 bad rows"));
	assert_non_null(strstr(c.err, rpath));

	rr = csvr_open(rpath);
	assert_int_equal(csvr_col(rr, "line"), 0);
	assert_int_equal(csvr_col(rr, "reason"), 1);
	snprintf(fl3, sizeof fl3, "%s:3", path);
	snprintf(fl5, sizeof fl5, "%s:5", path);
	assert_true(csvr_next(rr, &row));
	assert_int_equal(row->n, 5);
	assert_true(sv_eq(row->f[0], sv_of(fl3)));
	assert_true(sv_eq(row->f[2], sv_of("C2")));
	assert_true(sv_eq(row->f[3], sv_of("b")));
	assert_true(sv_eq(row->f[4], sv_of("2018-02-30")));
	assert_true(csvr_next(rr, &row));
	assert_int_equal(row->n, 5);
	assert_true(sv_eq(row->f[0], sv_of(fl5)));
	assert_true(sv_eq(row->f[2], sv_of("C1")));
	assert_true(sv_eq(row->f[3], sv_of("dup")));
	assert_false(csvr_next(rr, &row));
	csvr_close(rr);
	csvr_close(main_in);
	unlink(path);
	unlink(rpath);
}

/* --township and --village (SPEC section 1, Command line): the names read
 * as roster values are, matched whole, both holding when both are given. */
static void
test_area(void **state)
{
	struct cadre east1 = { .township = "东镇", .village = "东一村" },
	    west1 = { .township = "西镇", .village = "东一村" },
	    west2 = { .township = "西镇", .village = "西二村" },
	    none = { .township = "", .village = "" };
	struct area a = { 0 };

	(void)state;
	assert_true(roster_in_area(&east1, &a));
	assert_true(roster_in_area(&none, &a));
	/* U+3000 and a no-break space around it, full-width ASCII in it. */
	assert_true(area_option(&a, OPT_TOWNSHIP, "\xe3\x80\x80西镇\xc2\xa0"));
	assert_string_equal(a.township, "西镇");
	assert_false(roster_in_area(&east1, &a));
	assert_true(roster_in_area(&west1, &a));
	assert_true(roster_in_area(&west2, &a));
	assert_false(roster_in_area(&none, &a));
	assert_true(area_option(&a, OPT_VILLAGE, " 东一村\t"));
	assert_false(roster_in_area(&east1, &a));
	assert_true(roster_in_area(&west1, &a));
	assert_false(roster_in_area(&west2, &a));
	area_free(&a);
	assert_true(area_option(&a, OPT_VILLAGE, "东一村"));
	assert_true(roster_in_area(&east1, &a));
	assert_true(roster_in_area(&west1, &a));
	assert_false(roster_in_area(&west2, &a));
	area_free(&a);
	assert_true(area_option(&a, OPT_TOWNSHIP, "Ｅａｓｔ"));
	assert_string_equal(a.township, "East");
	area_free(&a);
	assert_false(area_option(&a, OPT_REJECTS, "x"));
	assert_null(a.township);
	assert_null(a.village);
}

struct area_roster {
	const char *path;
	struct area area;
};

static void
check_area(void *arg)
{
	struct area_roster *ar = arg;
	struct roster *ro = roster_load(ar->path);

	area_check(&ar->area, ro);
	roster_free(ro);
}

/* A name of no roster cadre: 64, naming what the roster holds. */
static void
test_area_check(void **state)
{
	char path[64];
	struct area_roster ar = { path, { 0 } };
	struct caught c;

	(void)state;
	write_file(path, "cadre_id,township,village\n"
	    "T1,东镇,东一村\nT2,西镇,东一村\nT3,西镇,西二村\nT4,东镇,东二村\n");
	ar.area.township = "西镇";
	catch_exit(check_area, &ar, &c);
	assert_int_equal(c.status, -1);
	ar.area.village = "东一村";
	catch_exit(check_area, &ar, &c);
	assert_int_equal(c.status, -1);
	ar.area.village = "东二村";
	catch_exit(check_area, &ar, &c);
	assert_caught(&c, EXIT_USAGE, "prog: --village 东二村 names no village of "
	    "township 西镇", "(expected one of 东一村, 西二村)", NULL);
	ar.area.township = "北镇";
	ar.area.village = NULL;
	catch_exit(check_area, &ar, &c);
	assert_caught(&c, EXIT_USAGE, "prog: --township 北镇 names no township",
	    path, "(expected one of 东镇, 西镇)", NULL);
	ar.area.township = NULL;
	ar.area.village = "北一村";
	catch_exit(check_area, &ar, &c);
	assert_caught(&c, EXIT_USAGE, "prog: --village 北一村 names no village",
	    "(expected one of 东一村, 西二村, 东二村)", NULL);
	unlink(path);
	write_file(path, "cadre_id\nT1\n");
	ar.area.township = "东镇";
	ar.area.village = NULL;
	catch_exit(check_area, &ar, &c);
	assert_caught(&c, EXIT_USAGE, "prog: --township 东镇", "its township "
	    "column is empty or missing", NULL);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_dispatched_days),
		cmocka_unit_test(test_chinese_headers),
		cmocka_unit_test(test_only_ids),
		cmocka_unit_test(test_bad_rows),
		cmocka_unit_test(test_bad_row_lines),
		cmocka_unit_test(test_bad_file),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_area),
		cmocka_unit_test(test_area_check),
	};

	progname = "prog";
	return cmocka_run_group_tests(tests, NULL, NULL);
}
