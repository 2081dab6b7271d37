/*
 * A fuzzing harness for the CSV reader (common/csvio.c) on its own.
 *
 * The first two bytes of the input choose the settings, the rest is the
 * CSV:
 *   byte 0   the chunk size of the second reading: 1 + byte % 97
 *   byte 1   bits 0-1: separator , ; TAB |   bit 2: --encoding gb18030
 *            bits 4-7: if not 0, --max-field-bytes of that many bytes
 *
 * Each input is read twice, whole and in chunks, with every row's fields
 * and line summed into a hash, and the header's columns looked up. The
 * two readings must end the same way, with the same message if they fail
 * and the same rows if they do not: streaming bugs hide at the edges of
 * chunks. Within a reading, rows must start on nondecreasing lines, none
 * before the header.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "csvio.h"
#include "fuzz.h"

struct reading {
	const char *data;
	size_t len, chunk;
	unsigned flags;
	bool titles;          /* the header looked for, title rows above it */
	/* what the reading saw */
	unsigned long long hash;
	long rows;
};

static void
mix(unsigned long long *h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		*h = (*h ^ b[i]) * 0x100000001B3ULL;
}

static const char *const canon[] = { "cadre_id", "date", "status", "name", NULL };

/* The header of a daily log: a row naming cadre_id (title rows above). */
static bool
names_cadre_id(const struct csvrow *row, void *arg)
{
	(void)arg;
	for (size_t i = 0; i < row->n; i++)
		if (header_matches(row->f[i], "cadre_id"))
			return true;
	return false;
}

static int
read_all(void *arg)
{
	static const unsigned char delims[] = { ',', ';', '\t', '|' };
	struct reading *rd = arg;
	struct csvr *r;
	struct csvrow *row;
	const struct csvrow *h;
	int cols[4];
	long last;

	csv_settings.delim = delims[rd->flags & 3];
	csv_settings.encoding = (enum csv_encoding)((rd->flags >> 2) & 3);
	if (rd->flags >> 4)
		csv_settings.max_field = rd->flags >> 4;
	rd->hash = 0xCBF29CE484222325ULL;
	rd->rows = 0;
	r = rd->titles ? csvr_open_mem_find("t.csv", rd->data, rd->len, rd->chunk,
	    names_cadre_id, NULL) : csvr_open_mem("t.csv", rd->data, rd->len, rd->chunk);
	h = csvr_header(r);
	mix(&rd->hash, &h->line, sizeof h->line);
	for (size_t i = 0; i < h->n; i++) {
		mix(&rd->hash, &h->f[i].n, sizeof h->f[i].n);
		mix(&rd->hash, h->f[i].p, h->f[i].n);
	}
	for (int i = 0; canon[i]; i++)
		cols[i] = csvr_col(r, canon[i]);
	last = h->line;
	while (csvr_next(r, &row)) {
		if (row->line < last || row->n == 0) {
			fprintf(stderr, "fuzz: row %ld on line %ld after line %ld, %zu fields\n",
			    rd->rows + 1, row->line, last, row->n);
			abort();
		}
		last = row->line;
		rd->rows++;
		mix(&rd->hash, &row->line, sizeof row->line);
		mix(&rd->hash, &row->n, sizeof row->n);
		for (size_t i = 0; i < row->n; i++) {
			mix(&rd->hash, &row->f[i].n, sizeof row->f[i].n);
			mix(&rd->hash, row->f[i].p, row->f[i].n);
		}
		for (int i = 0; canon[i]; i++) {
			struct sv v = row_val(row, cols[i]);

			mix(&rd->hash, v.p, v.n);
		}
	}
	csvr_close(r);
	return -1; /* no die(): the reading came to the end */
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reading whole, cut;
	const char *err;
	char *err_whole;
	int st_whole, st_cut;

	if (size < 2)
		return -1;
	whole = (struct reading){ (const char *)data + 2, size - 2, 0, data[1],
	    data[0] & 0x80, 0, 0 };
	cut = whole;
	cut.chunk = 1 + (data[0] & 0x7F) % 97;
	st_whole = fz_run(read_all, &whole, &err);
	if (!(err_whole = strdup(err)))
		abort();
	st_cut = fz_run(read_all, &cut, &err);
	if (st_whole != st_cut || strcmp(err_whole, err) != 0 ||
	    (st_whole == -1 && (whole.rows != cut.rows || whole.hash != cut.hash))) {
		fprintf(stderr, "fuzz: the reading in chunks of %zu differs from the "
		    "whole one:\n  whole: status %d, %ld rows, hash %llx, stderr '%s'\n"
		    "  cut:   status %d, %ld rows, hash %llx, stderr '%s'\n", cut.chunk,
		    st_whole, whole.rows, whole.hash, err_whole, st_cut, cut.rows,
		    cut.hash, err);
		abort();
	}
	if (st_whole != -1 && st_whole != 65 && st_whole != 71) {
		fprintf(stderr, "fuzz: the reader ended with status %d: %s", st_whole, err);
		abort();
	}
	if (err_whole[0] && !fz_one_line_utf8(err_whole)) {
		fprintf(stderr, "fuzz: the message is not one line of UTF-8: '%s'\n",
		    err_whole);
		abort();
	}
	free(err_whole);
	return 0;
}
