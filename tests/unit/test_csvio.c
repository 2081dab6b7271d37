/*
 * The CSV reader and writer (SPEC section 1, CSV). Every input is fed at
 * every chunk size from one byte to the whole, as libcsv's own tests do:
 * streaming bugs hide at buffer boundaries. Each row is checked for its
 * fields and for the physical line on which it starts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "codes.h"
#include "csvio.h"
#include "diag.h"

#include "catch_exit.h"

/* A string literal and its length, NUL bytes and all. */
#define IN(s) (s), sizeof(s) - 1

enum { MAXF = 10 };

/* A row the reader should hand out: its first line and its fields. */
struct want {
	long line;
	const char *f[MAXF]; /* NULL after the last */
};

static void
check_row(const struct csvrow *row, const struct want *w, size_t chunk,
    size_t idx)
{
	size_t n = 0;

	while (n < MAXF && w->f[n])
		n++;
	if (row->line != w->line)
		fail_msg("chunk %zu, row %zu: starts on line %ld, expected %ld",
		    chunk, idx, row->line, w->line);
	if (row->n != n)
		fail_msg("chunk %zu, row %zu (line %ld): %zu fields, expected %zu",
		    chunk, idx, w->line, row->n, n);
	for (size_t i = 0; i < n; i++)
		if (!sv_eq(row->f[i], sv_of(w->f[i])))
			fail_msg("chunk %zu, row %zu (line %ld), field %zu: '%.*s', "
			    "expected '%s'", chunk, idx, w->line, i, (int)row->f[i].n,
			    row->f[i].p, w->f[i]);
}

/* Reads in at every chunk size: w[0] is the header, then the data rows. */
static void
check_input(const char *in, size_t len, const struct want *w, size_t nw)
{
	for (size_t chunk = 1; chunk <= len; chunk++) {
		struct csvr *r = csvr_open_mem("t.csv", in, len, chunk);
		struct csvrow *row;
		size_t i = 1;

		check_row(csvr_header(r), &w[0], chunk, 0);
		while (csvr_next(r, &row)) {
			if (i == nw)
				fail_msg("chunk %zu: row %zu on line %ld, expected only %zu",
				    chunk, i, row->line, nw - 1);
			check_row(row, &w[i], chunk, i);
			i++;
		}
		if (i != nw)
			fail_msg("chunk %zu: %zu rows, expected %zu", chunk, i - 1, nw - 1);
		/* The end stays the end. */
		assert_false(csvr_next(r, &row));
		csvr_close(r);
	}
}

#define CHECK(in, ...) do { \
	static const struct want w_[] = { __VA_ARGS__ }; \
	check_input(IN(in), w_, sizeof w_ / sizeof w_[0]); \
} while (0)

static int
reset_settings(void **state)
{
	(void)state;
	csv_settings = (struct csv_settings){ .delim = ',',
	    .max_field = CSV_MAX_FIELD_DEFAULT };
	lang_zh = false;
	return 0;
}

static void
test_settings_defaults(void **state)
{
	(void)state;
	assert_int_equal(csv_settings.delim, ',');
	assert_int_equal(csv_settings.encoding, ENC_AUTO);
	assert_int_equal(csv_settings.max_field, 1024 * 1024);
	assert_false(csv_settings.crlf);
	assert_false(csv_settings.bom);
}

static void
test_lf(void **state)
{
	(void)state;
	CHECK("cadre_id,name\nC1,张三\nC2,李四\n",
	    { 1, { "cadre_id", "name" } },
	    { 2, { "C1", "张三" } },
	    { 3, { "C2", "李四" } });
}

static void
test_crlf(void **state)
{
	(void)state;
	CHECK("cadre_id,name\r\nC1,张三\r\nC2,李四\r\n",
	    { 1, { "cadre_id", "name" } },
	    { 2, { "C1", "张三" } },
	    { 3, { "C2", "李四" } });
}

static void
test_bom(void **state)
{
	(void)state;
	CHECK("\xEF\xBB\xBF" "cadre_id,name\r\nC1,张三\r\n",
	    { 1, { "cadre_id", "name" } },
	    { 2, { "C1", "张三" } });
	/* A BOM and nothing else after the header's first byte. */
	CHECK("\xEF\xBB\xBF" "a",
	    { 1, { "a" } });
	/* Only the first three bytes are a BOM: one later is data. */
	CHECK("a\n\xEF\xBB\xBF" "b\n",
	    { 1, { "a" } },
	    { 2, { "\xEF\xBB\xBF" "b" } });
}

static void
test_no_final_newline(void **state)
{
	(void)state;
	CHECK("a,b\n1,2\n3,4",
	    { 1, { "a", "b" } },
	    { 2, { "1", "2" } },
	    { 3, { "3", "4" } });
	CHECK("a,b\r\n1,2\r\n3,4",
	    { 1, { "a", "b" } },
	    { 2, { "1", "2" } },
	    { 3, { "3", "4" } });
	/* A CR with its LF lost at the very end is still a line end. */
	CHECK("a\r\n1\r",
	    { 1, { "a" } },
	    { 2, { "1" } });
	CHECK("a,b\n1,\"x,y\"",
	    { 1, { "a", "b" } },
	    { 2, { "1", "x,y" } });
	CHECK("a,b\n1,",
	    { 1, { "a", "b" } },
	    { 2, { "1", "" } });
	/* Only a header. */
	CHECK("a,b",
	    { 1, { "a", "b" } });
}

static void
test_blank_lines(void **state)
{
	(void)state;
	CHECK("\n\na,b\n\n1,2\n   \n\r\n \t \n3,4\n\n\n",
	    { 3, { "a", "b" } },
	    { 5, { "1", "2" } },
	    { 9, { "3", "4" } });
	CHECK("\r\na,b\r\n   \r\n1,2\r\n\r\n",
	    { 2, { "a", "b" } },
	    { 4, { "1", "2" } });
}

/* libcsv's own reading: spaces around an unquoted field are not part of
 * it, spaces inside quotes are (SPEC section 1: a quoted name passes
 * through byte for byte). */
static void
test_spaces(void **state)
{
	struct csvr *r;
	struct csvrow *row;

	(void)state;
	CHECK("a , b\n 1 , 2 \n\t3\t,  \n\"  王 明  \", \" x\" \n",
	    { 1, { "a", "b" } },
	    { 2, { "1", "2" } },
	    { 3, { "3", "" } },
	    { 4, { "  王 明  ", " x" } });

	r = csvr_open_mem("t.csv", IN(" x ,y\n\" 1 \", 2 ,3\n"), 0);
	assert_true(csvr_next(r, &row));
	assert_true(sv_eq(row_val(row, 0), sv_of("1")));
	assert_true(sv_eq(row_text(row, 0), sv_of(" 1 ")));
	assert_true(sv_eq(row_val(row, 1), sv_of("2")));
	assert_true(sv_eq(row_val(row, 2), sv_of("3")));
	/* A column the row does not reach, or one that is absent (-1). */
	assert_int_equal(row_val(row, 3).n, 0);
	assert_int_equal(row_val(row, -1).n, 0);
	assert_int_equal(row_text(row, 3).n, 0);
	assert_false(csvr_next(r, &row));
	csvr_close(r);
}

/* A value to interpret is read without U+3000 and U+00A0 around it, and
 * with full-width ASCII as ASCII; text passed through is left as it is. */
static void
test_value_clean(void **state)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "新城镇\u3000", "新城镇" },
		{ "\u3000C0001", "C0001" },
		{ "present\u3000", "present" },
		{ "\u00A0 present \u00A0\u3000", "present" },
		{ "\uFF23\uFF10\uFF10\uFF10\uFF11", "C0001" },
		{ "\uFF12\uFF10\uFF11\uFF18-\uFF10\uFF13-\uFF10\uFF15", "2018-03-05" },
		{ "\uFF01\uFF5E", "!~" },
		{ "王\u3000明", "王\u3000明" },
		{ "\uFF5F", "\uFF5F" }, /* beyond full-width ASCII */
		{ "\u3000", "" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char in[64];
		struct csvr *r;
		struct csvrow *row;
		int n = snprintf(in, sizeof in, "id,x\n\"%s\",%s\n", cases[i].in,
		    cases[i].in);

		r = csvr_open_mem("t.csv", in, (size_t)n, 0);
		assert_true(csvr_next(r, &row));
		if (!sv_eq(row_val(row, 0), sv_of(cases[i].want)) ||
		    !sv_eq(row_val(row, 1), sv_of(cases[i].want)))
			fail_msg("'%s': '%.*s', expected '%s'", cases[i].in,
			    (int)row_val(row, 0).n, row_val(row, 0).p, cases[i].want);
		assert_true(sv_eq(row_text(row, 0), sv_of(cases[i].in)));
		csvr_close(r);
	}
}

static void
test_quoted(void **state)
{
	(void)state;
	CHECK("id,note,n\n"
	    "1,\"a,b\",x\n"
	    "2,\"line1\nline2\",y\n"
	    "3,\"say \"\"hi\"\"\",z\n"
	    "4,\"\",\n"
	    ",,\n"
	    "5,\"x\r\ny\",w\n"
	    "6,\"\n\n\",v\n"
	    "7,😀𠀀,\"张三\"\n"
	    "8,\"a\"\"\",\"\"\"\"\n"
	    "\"9\nnine\",\" sp \",u\n",
	    { 1, { "id", "note", "n" } },
	    { 2, { "1", "a,b", "x" } },
	    { 3, { "2", "line1\nline2", "y" } },
	    { 5, { "3", "say \"hi\"", "z" } },
	    { 6, { "4", "", "" } },
	    { 8, { "5", "x\r\ny", "w" } },
	    { 10, { "6", "\n\n", "v" } },
	    { 13, { "7", "😀𠀀", "张三" } },
	    { 14, { "8", "a\"", "\"" } },
	    { 15, { "9\nnine", " sp ", "u" } });
}

static void
test_crlf_quoted(void **state)
{
	(void)state;
	/* CRLF inside quotes is data and stays CRLF; a lone LF stays LF. */
	CHECK("id,note\r\n1,\"x\r\ny\"\r\n2,\"p\nq\"\r\n3,z\r\n4,\"\r\n\r\n\"\r\n",
	    { 1, { "id", "note" } },
	    { 2, { "1", "x\r\ny" } },
	    { 4, { "2", "p\nq" } },
	    { 6, { "3", "z" } },
	    { 7, { "4", "\r\n\r\n" } });
	/* A CR inside quotes is data, and a line end as LINE counts them. */
	CHECK("id,note\n1,\"c\rd\"\n2,\"\r\"\n",
	    { 1, { "id", "note" } },
	    { 2, { "1", "c\rd" } },
	    { 4, { "2", "\r" } });
}

static void
test_delim(void **state)
{
	(void)state;
	csv_settings.delim = ';';
	CHECK("a;b\n1;\"x;y\"\n2;3,4\n",
	    { 1, { "a", "b" } },
	    { 2, { "1", "x;y" } },
	    { 3, { "2", "3,4" } });
	csv_settings.delim = '\t';
	CHECK("a\tb\r\n1\t\"x\ty\"\r\n 2 \t3,4\r\n",
	    { 1, { "a", "b" } },
	    { 2, { "1", "x\ty" } },
	    { 3, { "2", "3,4" } });
	csv_settings.delim = ',';
	CHECK("a;b\n1;2\n",
	    { 1, { "a;b" } },
	    { 2, { "1;2" } });
}

static void
test_gb18030(void **state)
{
	(void)state;
	csv_settings.encoding = ENC_GB18030;
	/* 干部编号,姓名 / 张三 / 😀 (a four-byte GB18030 sequence) */
	CHECK("\xB8\xC9\xB2\xBF\xB1\xE0\xBA\xC5,\xD0\xD5\xC3\xFB\r\n"
	    "C1,\xD5\xC5\xC8\xFD\r\n"
	    "C2,\"\x94\x39\xFC\x36\n\xD5\xC5\"\r\n"
	    "C3,ab\r\n",
	    { 1, { "干部编号", "姓名" } },
	    { 2, { "C1", "张三" } },
	    { 3, { "C2", "😀\n张" } },
	    { 5, { "C3", "ab" } });
}

static void
test_header_lookup(void **state)
{
	static const char in[] = "\xEF\xBB\xBF干部编号, Name ,STATUS,日期,村,考勤x\n"
	    "C1,张三,present,2018-03-01,东村,1\n";

	(void)state;
	for (size_t chunk = 1; chunk < sizeof in; chunk++) {
		struct csvr *r = csvr_open_mem("t.csv", in, sizeof in - 1, chunk);
		struct csvrow *row;

		assert_int_equal(csvr_col(r, "cadre_id"), 0);
		assert_int_equal(csvr_col(r, "name"), 1);
		assert_int_equal(csvr_col(r, "status"), 2);
		assert_int_equal(csvr_need(r, "date"), 3);
		assert_int_equal(csvr_col(r, "village"), 4);
		assert_int_equal(csvr_col(r, "township"), -1);
		/* 村 is village, not village_id; 考勤x is nobody's. */
		assert_int_equal(csvr_col(r, "village_id"), -1);
		assert_true(csvr_next(r, &row));
		assert_true(sv_eq(row_val(row, csvr_col(r, "village")), sv_of("东村")));
		csvr_close(r);
	}
	{
		struct csvr *r = csvr_open_mem("t.csv", IN(" Cadre_ID ,考勤,行政村\n"), 0);

		assert_int_equal(csvr_need(r, "cadre_id"), 0);
		assert_int_equal(csvr_col(r, "status"), 1);
		assert_int_equal(csvr_col(r, "village"), 2);
		assert_int_equal(csvr_col(r, "name"), -1);
		assert_string_equal(csvr_label(r), "t.csv");
		csvr_close(r);
	}
	{
		struct csvr *r = csvr_open_mem("t.csv", IN("编号,状态,专长\n"), 0);

		assert_int_equal(csvr_col(r, "cadre_id"), 0);
		assert_int_equal(csvr_col(r, "status"), 1);
		assert_int_equal(csvr_col(r, "specialty"), 2);
		csvr_close(r);
	}
}

/* Errors. Each input is read at every chunk size in a function that may
 * die; the message must name the same line at every size. */
struct readjob {
	const char *in;
	size_t len, chunk;
	const char *col, *need; /* csvr_col / csvr_need these after opening */
	struct csvr *r;
	long rows;
};

static void
read_all(void *arg)
{
	struct readjob *j = arg;
	struct csvrow *row;

	j->r = csvr_open_mem("t.csv", j->in, j->len, j->chunk);
	if (j->col)
		csvr_col(j->r, j->col);
	if (j->need)
		csvr_need(j->r, j->need);
	while (csvr_next(j->r, &row))
		j->rows++;
}

static void
expect_error(const char *in, size_t len, const char *col, const char *need,
    const char *prefix, const char *w1, const char *w2)
{
	for (size_t chunk = 1; chunk <= (len ? len : 1); chunk++) {
		struct readjob j = { in, len, chunk, col, need, NULL, 0 };
		struct caught c;

		catch_exit(read_all, &j, &c);
		csvr_close(j.r);
		if (c.status != EXIT_DATAERR || strncmp(c.err, prefix, strlen(prefix)))
			fail_msg("chunk %zu of '%.*s': status %d, stderr '%s'; expected "
			    "%d, '%s...'", chunk, (int)len, in, c.status, c.err,
			    EXIT_DATAERR, prefix);
		assert_caught(&c, EXIT_DATAERR, prefix, w1, w2, NULL);
	}
}

#define ERR(in, prefix, w1, w2) expect_error(IN(in), NULL, NULL, prefix, w1, w2)

static void
test_unclosed_quote(void **state)
{
	(void)state;
	ERR("id,note\n1,ok\n2,\"abc\ndef\n", "prog: t.csv:3: ", "quoted field", NULL);
	ERR("id,note\n1,ok\n\"abc,def\n\n", "prog: t.csv:3: ", "quoted field", NULL);
	/* The line after a row with a quoted newline counts that newline. */
	ERR("id,note\n1,\"a\nb\"\n2,\"open", "prog: t.csv:4: ", "quoted field", NULL);
	ERR("id,note\r\n1,\"a\r\nb\"\r\n2,\"open\r\n", "prog: t.csv:4: ",
	    "quoted field", NULL);
}

static void
test_malformed_quote(void **state)
{
	(void)state;
	ERR("id,name\n1,ok\n2,a\"b\n", "prog: t.csv:3: ", "quot", NULL);
	ERR("id,name\n1,\"a\"b\n2,ok\n", "prog: t.csv:2: ", "quot", NULL);
	ERR("id,na\"me\n", "prog: t.csv:1: ", "quot", NULL);
}

static void
test_invalid_utf8(void **state)
{
	(void)state;
	/* Forced: every byte must be UTF-8. */
	csv_settings.encoding = ENC_UTF8;
	ERR("id,name\n1,ok\n2,\xff\n4,ok\n", "prog: t.csv:3: ", "UTF-8",
	    "--encoding");
	/* 张三 as GBK writes it */
	ERR("id,name\n1,ok\n2,\xd5\xc5\xc8\xfd\n", "prog: t.csv:3: ", "UTF-8",
	    "--encoding");
	/* Not UTF-8 either: an overlong '/', a surrogate, beyond U+10FFFF,
	 * a lone continuation byte. */
	ERR("id\n\xc0\xaf\n", "prog: t.csv:2: ", "UTF-8", NULL);
	ERR("id\nx\n\xed\xa0\x80\n", "prog: t.csv:3: ", "UTF-8", NULL);
	ERR("id\nx\n\xf4\x90\x80\x80\n", "prog: t.csv:3: ", "UTF-8", NULL);
	ERR("id\n\x80\n", "prog: t.csv:2: ", "UTF-8", NULL);
	/* In the header. */
	ERR("i\xff" "d\n1\n", "prog: t.csv:1: ", "UTF-8", NULL);
	/* Cut short: at the very end, and before a line end. */
	ERR("id,name\n1,\xe5\xbc", "prog: t.csv:2: ", "UTF-8", NULL);
	ERR("id,name\n1,\xf0\x9f\x98", "prog: t.csv:2: ", "UTF-8", NULL);
	ERR("id,name\n1,\xe5\xbc\n2,ok\n", "prog: t.csv:2: ", "UTF-8", NULL);
	/* Auto: a file that begins in UTF-8 stays UTF-8. */
	csv_settings.encoding = ENC_AUTO;
	ERR("id,name\n1,张三\n2,\xd5\xc5\xc8\xfd\n", "prog: t.csv:3: ",
	    "not valid in UTF-8", "mixed encodings");
	ERR("id,name\n1,张三\n2,\xe5\xbc", "prog: t.csv:3: ", "UTF-8", NULL);
	/* And one that begins in GB18030 stays GB18030. */
	ERR("id,name\n1,\xd5\xc5\n2,\x81\n", "prog: t.csv:3: ",
	    "not valid in GB18030", NULL);
}

/* --encoding auto (SPEC section 1): each file on its own, from its BOM or
 * its first non-ASCII bytes, at every chunk size, so also on a pipe. */
static void
test_auto_encoding(void **state)
{
	(void)state;
	/* GBK as WPS saves it: 干部编号,姓名 / 张三 / 李四 */
	CHECK("\xB8\xC9\xB2\xBF\xB1\xE0\xBA\xC5,\xD0\xD5\xC3\xFB\r\n"
	    "C1,\xD5\xC5\xC8\xFD\r\n"
	    "C2,\xC0\xEE\xCB\xC4\r\n",
	    { 1, { "干部编号", "姓名" } },
	    { 2, { "C1", "张三" } },
	    { 3, { "C2", "李四" } });
	/* ASCII for a while, then GBK: decided where the first byte is. */
	CHECK("id,name\nC1,ab\nC2,\xD5\xC5\n",
	    { 1, { "id", "name" } },
	    { 2, { "C1", "ab" } },
	    { 3, { "C2", "张" } });
	/* 时 in GBK, CA B1, is also a UTF-8 pair: the next run, 间 (BC E4),
	 * is not, and decides. */
	CHECK("id,x\n\xCA\xB1,\xBC\xE4\n",
	    { 1, { "id", "x" } },
	    { 2, { "时", "间" } });
	/* The byte 0x80 is the euro sign, as code page 936 reads it; as the
	 * second byte of a character it is part of that character (丂 is
	 * 81 40, 亐 is 81 80). */
	CHECK("id,price\nC1,\x80\x35\nC2,\x81\x80\x80\n",
	    { 1, { "id", "price" } },
	    { 2, { "C1", "€5" } },
	    { 3, { "C2", "亐€" } });
	/* UTF-8, with and without a BOM. */
	CHECK("id,name\nC1,张三\n",
	    { 1, { "id", "name" } },
	    { 2, { "C1", "张三" } });
	CHECK("\xEF\xBB\xBFid,name\nC1,张三\n",
	    { 1, { "id", "name" } },
	    { 2, { "C1", "张三" } });
	/* UTF-16 with a BOM, as Excel's "Unicode text" saves it: id,名 / 1,三 */
	CHECK("\xFF\xFEi\0d\0,\0\x0D\x54\n\0" "1\0,\0\x09\x4E\r\0\n\0",
	    { 1, { "id", "名" } },
	    { 2, { "1", "三" } });
	CHECK("\xFE\xFF\0i\0d\0,\x54\x0D\0\n\0" "1\0,\x4E\x09\0\n",
	    { 1, { "id", "名" } },
	    { 2, { "1", "三" } });
	/* Forced: UTF-16 without a BOM is little-endian. */
	csv_settings.encoding = ENC_UTF16;
	CHECK("i\0d\0\n\0" "1\0\n\0",
	    { 1, { "id" } },
	    { 2, { "1" } });
}

/* NUL is no text: bad data naming its line (SPEC section 1). */
static void
test_nul(void **state)
{
	(void)state;
	ERR("id,status\nC1,present\nC1\0,present\n", "prog: t.csv:3: ", "NUL",
	    NULL);
	ERR("id,status\nC1,present\0junk\n", "prog: t.csv:2: ", "NUL", NULL);
	ERR("id\0,x\n1,2\n", "prog: t.csv:1: ", "NUL", NULL);
	/* UTF-16 without a BOM reads as NUL bytes: the message says what to do. */
	ERR("i\0d\0\n\0", "prog: t.csv:1: ", "NUL", "--encoding utf-16");
}

/* Formatted but empty rows, as a spreadsheet writes them, are blank. */
static void
test_blank_rows(void **state)
{
	(void)state;
	CHECK("id,name,x\n,,\n1,a,b\n, ,\t\n\"\",,\n2,,\n,,,,,\n",
	    { 1, { "id", "name", "x" } },
	    { 3, { "1", "a", "b" } },
	    { 6, { "2", "", "" } });
	/* Lone CR line ends count as lines, in rows and in messages. */
	CHECK("id,x\r1,a\r\r2,b\r",
	    { 1, { "id", "x" } },
	    { 2, { "1", "a" } },
	    { 4, { "2", "b" } });
	ERR("id,x\r1,a\r2,\"b\"c\r", "prog: t.csv:3: ", "quoting", NULL);
}

static bool
names_id(const struct csvrow *row, void *arg)
{
	(void)arg;
	for (size_t i = 0; i < row->n; i++)
		if (sv_eq(row->f[i], sv_of("id")))
			return true;
	return false;
}

/* Title rows above the header (SPEC section 1): the header is the first
 * of the first 10 rows that names the columns wanted. */
static void
test_title_rows(void **state)
{
	static const char in[] = "2018年3月考勤表,,\n\n制表单位：新城镇,,\n"
	    "id,name,x\n1,a,b\n";
	static const char none[] = "a,b\n1,2\n3,4\n";

	(void)state;
	for (size_t chunk = 1; chunk < sizeof in; chunk++) {
		struct csvr *r = csvr_open_mem_find("t.csv", in, sizeof in - 1, chunk,
		    names_id, NULL);
		struct csvrow *row;

		assert_int_equal(csvr_header(r)->line, 4);
		assert_int_equal(csvr_ntitles(r), 2);
		assert_true(sv_eq(csvr_title(r, 0)->f[0], sv_of("2018年3月考勤表")));
		assert_int_equal(csvr_title(r, 1)->line, 3);
		assert_true(csvr_next(r, &row));
		assert_int_equal(row->line, 5);
		assert_false(csvr_next(r, &row));
		csvr_close(r);
	}
	/* No row names the column: the first is the header, the rest data. */
	for (size_t chunk = 1; chunk < sizeof none; chunk++) {
		struct csvr *r = csvr_open_mem_find("t.csv", none, sizeof none - 1,
		    chunk, names_id, NULL);
		struct csvrow *row;

		assert_int_equal(csvr_header(r)->line, 1);
		assert_int_equal(csvr_ntitles(r), 0);
		assert_true(csvr_next(r, &row));
		assert_int_equal(row->line, 2);
		assert_true(sv_eq(row->f[1], sv_of("2")));
		assert_true(csvr_next(r, &row));
		assert_int_equal(row->line, 3);
		assert_false(csvr_next(r, &row));
		csvr_close(r);
	}
}

/* The values of test_value_clean, read at every chunk size: a U+3000 or a
 * full-width letter cut between two reads is still one character. */
static void
test_value_clean_chunks(void **state)
{
	static const char in[] = "cadre_id,township,status,date\n"
	    "\u3000C0001,新城镇\u3000,present\u3000,2018-03-05\n"
	    "\uFF23\uFF10\uFF10\uFF10\uFF11,\"新城镇\u3000\",\u00A0在岗\u3000,"
	    "\uFF12\uFF10\uFF11\uFF18-\uFF10\uFF13-\uFF10\uFF15\n";
	static const char *const want[2][4] = {
		{ "C0001", "新城镇", "present", "2018-03-05" },
		{ "C0001", "新城镇", "在岗", "2018-03-05" },
	};

	(void)state;
	for (size_t chunk = 1; chunk < sizeof in; chunk++) {
		struct csvr *r = csvr_open_mem("t.csv", in, sizeof in - 1, chunk);
		struct csvrow *row;

		for (size_t i = 0; i < 2; i++) {
			assert_true(csvr_next(r, &row));
			assert_int_equal(row->line, (long)i + 2);
			for (int c = 0; c < 4; c++)
				if (!sv_eq(row_val(row, c), sv_of(want[i][c])))
					fail_msg("chunk %zu, line %zu, column %d: '%.*s', "
					    "expected '%s'", chunk, i + 2, c,
					    (int)row_val(row, c).n, row_val(row, c).p,
					    want[i][c]);
		}
		/* Text passed through keeps its U+3000, quoted or not. */
		assert_true(sv_eq(row_text(row, 1), sv_of("新城镇\u3000")));
		assert_false(csvr_next(r, &row));
		csvr_close(r);
	}
}

/* Header cells with line breaks and spaces inside them (SPEC section 1:
 * they match once those are removed), at every chunk size; the row after
 * a header of three physical lines starts on line 4. */
static void
test_header_cells_inside(void **state)
{
	static const char in[] = "\"干部\n编号\",姓 名,\"日\r\n期\",考\u3000勤\r\n"
	    "C1,张三,2018-03-01,在岗\r\n";

	(void)state;
	for (size_t chunk = 1; chunk < sizeof in; chunk++) {
		struct csvr *r = csvr_open_mem("t.csv", in, sizeof in - 1, chunk);
		struct csvrow *row;

		assert_int_equal(csvr_col(r, "cadre_id"), 0);
		assert_int_equal(csvr_col(r, "name"), 1);
		assert_int_equal(csvr_col(r, "date"), 2);
		assert_int_equal(csvr_col(r, "status"), 3);
		assert_true(csvr_next(r, &row));
		assert_int_equal(row->line, 4);
		assert_true(sv_eq(row_val(row, 3), sv_of("在岗")));
		assert_false(csvr_next(r, &row));
		csvr_close(r);
	}
}

/* The files of a county as Excel and WPS save them, at every chunk size. */
static void
test_spreadsheet_files(void **state)
{
	(void)state;
	/* Excel's "Unicode text": UTF-16LE with a BOM, TAB, CRLF, a formatted
	 * empty row between the rows and one after them: 干部编号 TAB 考勤 /
	 * C1 TAB 在岗 / TAB / C2 TAB 迟到 / TAB */
	csv_settings.delim = '\t';
	CHECK("\xFF\xFE\x72\x5E\xE8\x90\x16\x7F\xF7\x53\t\0\x03\x80\xE4\x52\r\0\n\0"
	    "C\0" "1\0\t\0\x28\x57\x97\x5C\r\0\n\0"
	    "\t\0\r\0\n\0"
	    "C\0" "2\0\t\0\xDF\x8F\x30\x52\r\0\n\0"
	    "\t\0\r\0\n\0",
	    { 1, { "干部编号", "考勤" } },
	    { 2, { "C1", "在岗" } },
	    { 4, { "C2", "迟到" } });
	csv_settings.delim = ',';
	/* GB18030 read without an option from its first non-ASCII bytes, a
	 * four-byte sequence (㐀, 81 39 EE 39) among them: 备注 / 㐀 */
	CHECK("id,\xB1\xB8\xD7\xA2\r\nC1,\x81\x39\xEE\x39\r\n",
	    { 1, { "id", "备注" } },
	    { 2, { "C1", "㐀" } });
	/* CRLF, formatted empty rows between and after the rows. */
	CHECK("id,name,x\r\n1,a,b\r\n,,\r\n,,\r\n2,c,d\r\n,,\r\n,,\r\n",
	    { 1, { "id", "name", "x" } },
	    { 2, { "1", "a", "b" } },
	    { 5, { "2", "c", "d" } });
}

/* A title row in GBK, as WPS exports a sheet: the encoding is decided by
 * the title's bytes, the header and rows read in it, at every chunk size.
 * 2018年3月考勤表 / (blank) / id,姓名 / 1,张三 */
static void
test_title_rows_gbk(void **state)
{
	static const char in[] = "2018\xC4\xEA" "3\xD4\xC2\xBF\xBC\xC7\xDA\xB1\xED,\r\n"
	    "\r\n" "id,\xD0\xD5\xC3\xFB\r\n" "1,\xD5\xC5\xC8\xFD\r\n";

	(void)state;
	for (size_t chunk = 1; chunk < sizeof in; chunk++) {
		struct csvr *r = csvr_open_mem_find("t.csv", in, sizeof in - 1, chunk,
		    names_id, NULL);
		struct csvrow *row;

		assert_int_equal(csvr_header(r)->line, 3);
		assert_int_equal(csvr_ntitles(r), 1);
		assert_true(sv_eq(csvr_title(r, 0)->f[0], sv_of("2018年3月考勤表")));
		assert_int_equal(csvr_col(r, "name"), 1);
		assert_true(csvr_next(r, &row));
		assert_int_equal(row->line, 4);
		assert_true(sv_eq(row->f[1], sv_of("张三")));
		assert_false(csvr_next(r, &row));
		csvr_close(r);
	}
}

static void
test_invalid_gb18030(void **state)
{
	(void)state;
	csv_settings.encoding = ENC_GB18030;
	ERR("id\n1\n\x81\n", "prog: t.csv:3: ", "GB18030", NULL);
	ERR("id\n1\n\xd5\xc5\x81", "prog: t.csv:3: ", "GB18030", NULL);
}

/* A row of CSV_MAX_FIELDS fields is read; one more is bad data, however
 * empty the fields (a line of commas). In 4 KiB reads, as from a file. */
static void
test_max_fields(void **state)
{
	size_t n = 2 + 2 * CSV_MAX_FIELDS + 2;
	char *in = malloc(n);
	struct readjob j = { in, 0, 4096, NULL, NULL, NULL, 0 };
	struct caught c;

	(void)state;
	memcpy(in, "a\n", 2);
	/* CSV_MAX_FIELDS fields: x, then CSV_MAX_FIELDS - 1 commas. */
	in[2] = 'x';
	memset(in + 3, ',', CSV_MAX_FIELDS - 1);
	in[2 + CSV_MAX_FIELDS] = '\n';
	j.len = 3 + CSV_MAX_FIELDS;
	catch_exit(read_all, &j, &c);
	csvr_close(j.r);
	assert_int_equal(c.status, -1);
	assert_int_equal(j.rows, 1);
	/* One comma more. */
	memset(in + 3, ',', CSV_MAX_FIELDS);
	in[3 + CSV_MAX_FIELDS] = '\n';
	j = (struct readjob){ in, 4 + CSV_MAX_FIELDS, 4096, NULL, NULL, NULL, 0 };
	catch_exit(read_all, &j, &c);
	csvr_close(j.r);
	assert_caught(&c, EXIT_DATAERR, "prog: t.csv:2: ", "more than 65536 fields",
	    NULL);
	free(in);
}

static void
test_max_field(void **state)
{
	(void)state;
	csv_settings.max_field = 16;
	/* Sixteen bytes is the most, in any column, quoted or not. */
	CHECK("id,note,n\n1,0123456789abcdef,x\n2,\"0123456789\nbcdef\",y\n",
	    { 1, { "id", "note", "n" } },
	    { 2, { "1", "0123456789abcdef", "x" } },
	    { 3, { "2", "0123456789\nbcdef", "y" } });
	/* Seventeen is too long: as the last field, as a middle one, quoted. */
	ERR("id,note\n1,ok\n2,0123456789abcdefg\n", "prog: t.csv:3: ",
	    "longer than 16 bytes", NULL);
	ERR("id,note,n\n1,ok,1\n2,0123456789abcdefg,2\n", "prog: t.csv:3: ",
	    "longer than 16 bytes", NULL);
	ERR("id,note,n\n1,ok,1\n2,\"0123456789abcdefg\",2\n", "prog: t.csv:3: ",
	    "longer than 16 bytes", NULL);
	ERR("id,note,n\n1,\"0123456789\nabcdef\",2\n", "prog: t.csv:2: ",
	    "longer than 16 bytes", NULL);
	/* The last field of the input, with no line end after it. */
	ERR("id,note\n1,ok\n2,0123456789abcdefg", "prog: t.csv:3: ",
	    "longer than 16 bytes", NULL);
	ERR("id,note\n1,ok\n2,\"0123456789abcdefg\"", "prog: t.csv:3: ",
	    "longer than 16 bytes", NULL);
	/* A row may hold 8 x 16 = 128 bytes, each field and its end counted:
	 * 8 fields of 15 bytes (128) pass, 9 (144) are too many. */
	CHECK("a\nabcdefghijklmno,abcdefghijklmno,abcdefghijklmno,abcdefghijklmno,"
	    "abcdefghijklmno,abcdefghijklmno,abcdefghijklmno,abcdefghijklmno\n",
	    { 1, { "a" } },
	    { 2, { "abcdefghijklmno", "abcdefghijklmno", "abcdefghijklmno",
	    "abcdefghijklmno", "abcdefghijklmno", "abcdefghijklmno",
	    "abcdefghijklmno", "abcdefghijklmno" } });
	ERR("a\nabcdefghijklmno,abcdefghijklmno,abcdefghijklmno,abcdefghijklmno,"
	    "abcdefghijklmno,abcdefghijklmno,abcdefghijklmno,abcdefghijklmno,"
	    "abcdefghijklmno\n", "prog: t.csv:2: ", "row longer than 128 bytes", NULL);
	/* A quote never closed is caught before it swallows the input. */
	ERR("id,note\n1,\"runaway\n2,x\n3,x\n4,x\n5,x\n6,x\n", "prog: t.csv:2: ",
	    NULL, NULL);
	csv_settings.max_field = CSV_MAX_FIELD_DEFAULT;
	CHECK("id,note\n1,0123456789abcdefg\n",
	    { 1, { "id", "note" } },
	    { 2, { "1", "0123456789abcdefg" } });
}

static void
test_missing_column(void **state)
{
	(void)state;
	expect_error(IN("id,name\n1,a\n"), NULL, "cadre_id", "prog: t.csv:1: ",
	    "missing column cadre_id", "干部编号");
	expect_error(IN("cadre_id,name\n1,a\n"), NULL, "status", "prog: t.csv:1: ",
	    "missing column status", NULL);
}

static void
test_duplicate_column(void **state)
{
	(void)state;
	expect_error(IN("cadre_id,Name,干部编号\n1,a,1\n"), "cadre_id", NULL,
	    "prog: t.csv:1: ", "cadre_id", NULL);
	expect_error(IN("姓名,cadre_id, name \n"), NULL, "name",
	    "prog: t.csv:1: ", "name", NULL);
}

static void
test_empty_input(void **state)
{
	(void)state;
	ERR("", "prog: t.csv: ", "empty", NULL);
	ERR("\n\n  \r\n", "prog: t.csv: ", "empty", NULL);
	ERR("\xEF\xBB\xBF", "prog: t.csv: ", "empty", NULL);
}

/* The writer, on a memory stream. */
struct out {
	char *buf;
	size_t size;
	FILE *fp;
	struct csvw w;
};

static void
out_open(struct out *o)
{
	o->fp = open_memstream(&o->buf, &o->size);
	assert_non_null(o->fp);
	csvw_open(&o->w, o->fp, "out.csv");
}

/* Closes the writer and checks what it wrote. */
static void
out_check(struct out *o, const char *want, size_t len)
{
	csvw_close(&o->w);
	if (o->size != len || memcmp(o->buf, want, len) != 0)
		fail_msg("wrote '%.*s', expected '%.*s'", (int)o->size, o->buf,
		    (int)len, want);
	free(o->buf);
}

static void
test_writer_quoting(void **state)
{
	struct out o;

	(void)state;
	out_open(&o);
	csvw_str(&o.w, "plain");
	csvw_str(&o.w, "a,b");
	csvw_str(&o.w, "say \"hi\"");
	csvw_str(&o.w, "x\ny");
	csvw_str(&o.w, "x\ry");
	csvw_str(&o.w, " lead");
	csvw_str(&o.w, "trail ");
	csvw_str(&o.w, "");
	csvw_str(&o.w, "张三");
	csvw_str(&o.w, "in side");
	csvw_str(&o.w, "semi;colon");
	csvw_str(&o.w, NULL);
	csvw_end(&o.w);
	csvw_field(&o.w, (struct sv){ "a,bc", 1 });
	csvw_field(&o.w, (struct sv){ "\"x\"", 3 });
	csvw_end(&o.w);
	out_check(&o, IN("plain,\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",\"x\ry\","
	    "\" lead\",\"trail \",,张三,in side,semi;colon,\n"
	    "a,\"\"\"x\"\"\"\n"));
}

static void
test_writer_numbers(void **state)
{
	struct out o;

	(void)state;
	out_open(&o);
	csvw_num(&o.w, 52.5);
	csvw_num(&o.w, 40);
	csvw_num(&o.w, 87.333);
	csvw_num(&o.w, 87.335);
	csvw_num(&o.w, -0.001);
	csvw_num(&o.w, -2.5);
	csvw_int(&o.w, -3);
	csvw_int(&o.w, 0);
	csvw_int(&o.w, 1234567890L);
	csvw_end(&o.w);
	out_check(&o, IN("52.5,40,87.33,87.34,0,-2.5,-3,0,1234567890\n"));
}

static void
test_writer_crlf_bom(void **state)
{
	struct out o;

	(void)state;
	csv_settings.crlf = true;
	csv_settings.bom = true;
	out_open(&o);
	csvw_str(&o.w, "a");
	csvw_str(&o.w, "b");
	csvw_end(&o.w);
	csvw_str(&o.w, "1");
	csvw_str(&o.w, "x\ny");
	csvw_end(&o.w);
	/* The LF inside the quoted field is data, left as it is. */
	out_check(&o, IN("\xEF\xBB\xBF" "a,b\r\n1,\"x\ny\"\r\n"));
}

static void
test_writer_header(void **state)
{
	static const char *const cols[] = { "cadre_id", "name", "status", NULL };
	struct out o;

	(void)state;
	out_open(&o);
	csvw_header(&o.w, cols);
	out_check(&o, IN("cadre_id,name,status\n"));
	lang_zh = true;
	out_open(&o);
	csvw_header(&o.w, cols);
	out_check(&o, IN("干部编号,姓名,状态\n"));
}

/* Flags and actions: the set bits' codes in table order, ';' between. */
static void
test_writer_codes(void **state)
{
	struct out o;

	(void)state;
	out_open(&o);
	csvw_codes(&o.w, grade_codes, 0);
	csvw_codes(&o.w, grade_codes, 1u << GR_GOOD);
	csvw_codes(&o.w, grade_codes, (1u << GR_EXCELLENT) | (1u << GR_POOR));
	csvw_end(&o.w);
	out_check(&o, IN(",good,poor;excellent\n"));
	lang_zh = true;
	out_open(&o);
	csvw_codes(&o.w, grade_codes, (1u << GR_EXCELLENT) | (1u << GR_FAIR));
	csvw_end(&o.w);
	out_check(&o, IN("平;优\n"));
}

/* --escape-formulae: a ' before text a spreadsheet would run as a formula,
 * never before a number; nothing changes without the option. */
static void
test_writer_escape_formulae(void **state)
{
	static const char *const f[] = { "=HYPERLINK(\"http://x\",\"y\")",
	    "@SUM(1+1)", "=1+1", "+1+1", "-2+3", "-", "+", "\tx", "\r=1",
	    "-3", "+5.5", "-.5", "-3 ", "-1e5", "a=b", "张三", "", " =x", "'=x",
	    NULL };
	struct out o;

	(void)state;
	out_open(&o);
	for (int i = 0; f[i]; i++)
		csvw_str(&o.w, f[i]);
	csvw_num(&o.w, -2.5);
	csvw_int(&o.w, -3);
	csvw_end(&o.w);
	out_check(&o, IN("\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",@SUM(1+1),"
	    "=1+1,+1+1,-2+3,-,+,\tx,\"\r=1\",-3,+5.5,-.5,\"-3 \",-1e5,a=b,张三,,"
	    "\" =x\",'=x,-2.5,-3\n"));

	assert_true(cli_common(OPT_ESCAPE_FORMULAE, NULL));
	assert_true(csv_settings.escape_formulae);
	out_open(&o);
	for (int i = 0; f[i]; i++)
		csvw_str(&o.w, f[i]);
	csvw_num(&o.w, -2.5);
	csvw_int(&o.w, -3);
	csvw_end(&o.w);
	/* Quoted when the field must be: the ' goes inside the quotes. */
	out_check(&o, IN("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'@SUM(1+1),"
	    "'=1+1,'+1+1,'-2+3,'-,'+,'\tx,\"'\r=1\",-3,+5.5,-.5,\"-3 \",'-1e5,a=b,"
	    "张三,,\" =x\",'=x,-2.5,-3\n"));

	/* Every writer's field, the rejects' copies of input too; header
	 * names never begin with such a byte. */
	out_open(&o);
	csvw_field(&o.w, sv_of("=cmd|' /C calc'!A0"));
	csvw_field(&o.w, (struct sv){ "@x,y", 2 });
	csvw_end(&o.w);
	out_check(&o, IN("'=cmd|' /C calc'!A0,'@x\n"));

	/* The reader takes the ' as part of the value. */
	out_open(&o);
	csvw_str(&o.w, "name");
	csvw_end(&o.w);
	csvw_str(&o.w, "@SUM(1,1)");
	csvw_end(&o.w);
	csvw_close(&o.w);
	{
		static const struct want w[] = { { 1, { "name" } },
		    { 2, { "'@SUM(1,1)" } } };

		check_input(o.buf, o.size, w, 2);
	}
	free(o.buf);
}

/* What the writer writes, the reader reads back, field for field. */
static void
test_writer_roundtrip(void **state)
{
	static const char *const f[] = { " lead", "trail ", "a,b", "\"q\"", "x\r\ny",
	    "x\ny", "", "张三😀", "\"", "," };
	enum { NF = sizeof f / sizeof f[0] };
	struct want w[2] = { { 1, { "c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7",
	    "c8", "c9" } }, { 2, { NULL } } };
	struct out o;

	(void)state;
	out_open(&o);
	for (int i = 0; i < NF; i++)
		csvw_str(&o.w, w[0].f[i]);
	csvw_end(&o.w);
	for (int i = 0; i < NF; i++) {
		csvw_str(&o.w, f[i]);
		w[1].f[i] = f[i];
	}
	csvw_end(&o.w);
	csvw_close(&o.w);
	check_input(o.buf, o.size, w, 2);
	free(o.buf);
}

static void
close_writer(void *arg)
{
	csvw_close(arg);
}

static void
test_writer_full_disk(void **state)
{
	FILE *fp = fopen("/dev/full", "w");
	struct csvw w;
	struct caught c;

	(void)state;
	if (!fp)
		skip();
	csvw_open(&w, fp, "out.csv");
	csvw_str(&w, "a");
	csvw_end(&w);
	catch_exit(close_writer, &w, &c);
	assert_caught(&c, EXIT_IOERR, "prog: write error on out.csv: ", NULL);
	fclose(fp);
}

#define T(f) cmocka_unit_test_teardown(f, reset_settings)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_settings_defaults),
		T(test_lf),
		T(test_crlf),
		T(test_bom),
		T(test_no_final_newline),
		T(test_blank_lines),
		T(test_spaces),
		T(test_value_clean),
		T(test_quoted),
		T(test_crlf_quoted),
		T(test_delim),
		T(test_gb18030),
		T(test_header_lookup),
		T(test_unclosed_quote),
		T(test_malformed_quote),
		T(test_invalid_utf8),
		T(test_auto_encoding),
		T(test_nul),
		T(test_blank_rows),
		T(test_title_rows),
		T(test_value_clean_chunks),
		T(test_header_cells_inside),
		T(test_spreadsheet_files),
		T(test_title_rows_gbk),
		T(test_invalid_gb18030),
		T(test_max_field),
		T(test_max_fields),
		T(test_missing_column),
		T(test_duplicate_column),
		T(test_empty_input),
		T(test_writer_quoting),
		T(test_writer_numbers),
		T(test_writer_crlf_bom),
		T(test_writer_header),
		T(test_writer_codes),
		T(test_writer_escape_formulae),
		T(test_writer_roundtrip),
		T(test_writer_full_disk),
	};

	progname = "prog";
	return cmocka_run_group_tests(tests, NULL, NULL);
}
