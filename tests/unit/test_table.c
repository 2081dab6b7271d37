/* A whole CSV held in memory (common/table.c): cells as read, short rows
 * padded, fields past the header, and which columns are numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "diag.h"
#include "table.h"

#include "catch_exit.h"

static struct table *
read_text(const char *text, size_t chunk)
{
	struct csvr *r = csvr_open_mem("t.csv", text, strlen(text), chunk);
	struct table *t = table_read(r);

	csvr_close(r);
	return t;
}

static void
expect_cell(const struct table *t, size_t row, size_t col, const char *want)
{
	struct sv s = table_cell(t, row, col);

	if (s.n != strlen(want) || memcmp(s.p, want, s.n) != 0)
		fail_msg("cell %zu,%zu is '%.*s', expected '%s'", row, col, (int)s.n,
		    s.p, want);
	/* Each cell ends with a NUL: a C string for the libraries that want one. */
	assert_int_equal(s.p[s.n], '\0');
}

static const char county[] =
    "cadre_id,name,avg_total,rank\r\n"
    "C0001,王明,87.33,2\r\n"
    "\r\n"
    "C0002,\"李, 红\",90,1\r\n"
    "C0003,赵强\r\n"
    "C0004,\"多\n行\",,3,,\r\n";

static void
test_cells(void **state)
{
	(void)state;
	/* Every chunk size: rows cut anywhere come out whole. */
	for (size_t chunk = 1; chunk <= sizeof county; chunk++) {
		struct table *t = read_text(county, chunk);

		assert_int_equal(table_cols(t), 4);
		assert_int_equal(table_rows(t), 4);
		expect_cell(t, 0, 0, "cadre_id");
		expect_cell(t, 0, 3, "rank");
		expect_cell(t, 1, 1, "王明");
		expect_cell(t, 1, 2, "87.33");
		expect_cell(t, 2, 1, "李, 红");
		/* A short row: the columns it does not reach are empty. */
		expect_cell(t, 3, 1, "赵强");
		expect_cell(t, 3, 2, "");
		expect_cell(t, 3, 3, "");
		/* Empty fields past the header are dropped. */
		expect_cell(t, 4, 1, "多\n行");
		expect_cell(t, 4, 3, "3");
		assert_int_equal(table_line(t, 0), 1);
		assert_int_equal(table_line(t, 1), 2);
		assert_int_equal(table_line(t, 2), 4);
		assert_int_equal(table_line(t, 4), 6);
		table_free(t);
	}
}

static void
test_numeric(void **state)
{
	struct table *t = read_text(
	    "id,code,score,days,month,empty,note,year\n"
	    "C0001,0012,87.33,3,2018-03,,x,2018\n"
	    "C0002,0034,-2.5,,2018-04,,,2019\n"
	    "C0003,1200,40,12,2018-05,,7,2020\n", 0);

	(void)state;
	assert_false(table_numeric(t, 0)); /* ids */
	assert_false(table_numeric(t, 1)); /* a code with leading zeros */
	assert_true(table_numeric(t, 2));
	assert_true(table_numeric(t, 3));  /* an empty cell is no obstacle */
	assert_false(table_numeric(t, 4)); /* months */
	assert_false(table_numeric(t, 5)); /* nothing in it: not numbers */
	assert_false(table_numeric(t, 6)); /* one cell of text */
	assert_true(table_numeric(t, 7));
	table_free(t);
}

static void
test_header_only(void **state)
{
	struct table *t = read_text("a,b\n", 0);

	(void)state;
	assert_int_equal(table_rows(t), 0);
	assert_int_equal(table_cols(t), 2);
	assert_false(table_numeric(t, 0));
	table_free(t);
}

static void
read_ragged(void *arg)
{
	*(struct table **)arg = read_text("a,b\n1,2\n3,4,5\n", 0);
}

/* A value past the header has no column: bad data, naming its line. */
static void
test_ragged(void **state)
{
	struct table *t = NULL;
	struct caught c;

	(void)state;
	catch_exit(read_ragged, &t, &c);
	assert_null(t);
	assert_caught(&c, EXIT_DATAERR, "cadre: t.csv:3: 3 fields under a header "
	    "of 2 (expected ", NULL);
}

/* A second file's columns go under the first's by name, Chinese aliases
 * too; a column it lacks is empty. */
static void
test_append(void **state)
{
	struct table *t = read_text("cadre_id,name,total\nC0001,王明,87.33\n", 0);
	struct csvr *r = csvr_open_mem("b.csv", "TOTAL,干部编号,\n90,C0002,\n",
	    strlen("TOTAL,干部编号,\n90,C0002,\n"), 0);

	(void)state;
	table_append(t, r);
	csvr_close(r);
	assert_int_equal(table_rows(t), 2);
	expect_cell(t, 2, 0, "C0002");
	expect_cell(t, 2, 1, "");
	expect_cell(t, 2, 2, "90");
	assert_true(table_numeric(t, 2));
	assert_int_equal(table_line(t, 2), 2);
	table_free(t);
}

static void
append_stranger(void *arg)
{
	struct csvr *r = csvr_open_mem("c.csv", "cadre_id,note\nC1,x\n",
	    strlen("cadre_id,note\nC1,x\n"), 0);

	table_append(arg, r);
}

static void
append_unnamed(void *arg)
{
	struct csvr *r = csvr_open_mem("d.csv", "cadre_id,\nC1,\nC2,x\n",
	    strlen("cadre_id,\nC1,\nC2,x\n"), 0);

	table_append(arg, r);
}

static void
test_append_bad(void **state)
{
	struct table *t = read_text("cadre_id,name\nC0001,王明\n", 0);
	struct caught c;

	(void)state;
	catch_exit(append_stranger, t, &c);
	assert_caught(&c, EXIT_DATAERR, "cadre: c.csv:1: column note is not in the "
	    "first file (expected ", NULL);
	/* Empty values under a column without a name are no loss; C2's x is. */
	catch_exit(append_unnamed, t, &c);
	assert_caught(&c, EXIT_DATAERR, "cadre: d.csv:3: a value in column 2, which "
	    "the header does not name (expected ", NULL);
	table_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_numeric),
		cmocka_unit_test(test_header_only),
		cmocka_unit_test(test_ragged),
		cmocka_unit_test(test_append),
		cmocka_unit_test(test_append_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
