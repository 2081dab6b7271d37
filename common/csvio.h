/*
 * CSV in and out, on libcsv (SPEC section 1, CSV).
 *
 * The reader streams: memory holds one row, whatever the size of the input.
 * Every row knows the physical line on which it starts, also when a quoted
 * field spans lines, so that every message can say FILE:LINE.
 */
#ifndef CSVIO_H
#define CSVIO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "strview.h"

/* --encoding: auto decides for each file on its own (SPEC section 1). */
enum csv_encoding { ENC_AUTO, ENC_UTF8, ENC_GB18030, ENC_UTF16 };

/* Settings of every reader, from the common options. */
struct csv_settings {
	unsigned char delim;  /* -d C, -t */
	enum csv_encoding encoding;
	size_t max_field;     /* --max-field-bytes */
	bool crlf;            /* --crlf */
	bool bom;             /* --bom */
	bool escape_formulae; /* --escape-formulae */
};
extern struct csv_settings csv_settings;

#define CSV_MAX_FIELD_DEFAULT (1024 * 1024)
/* The most fields a row may have: Excel's sheets have 16384 columns. */
#define CSV_MAX_FIELDS 65536
/* The header is looked for in this many rows (title rows above it). */
#define CSV_TITLE_ROWS 10

struct csvr;

struct csvrow {
	size_t n;       /* fields */
	struct sv *f;   /* fields as libcsv reads them: an unquoted field
	                 * without the spaces around it, a quoted one whole */
	long line;      /* physical line on which the row starts */
	struct csvr *owner; /* the reader, whose scratch row_val uses */
};

/* Opens path ("-" or NULL: standard input) and reads its header row.
 * Exits 66 when the file cannot be opened, 65 when it has no header. */
struct csvr *csvr_open(const char *path);
/* Like csvr_open, but the header is the first of the first CSV_TITLE_ROWS
 * rows that is_header takes; the rows above it are title rows, skipped
 * and counted on stderr. When none is taken, the first row is the header
 * and the others are data again. */
struct csvr *csvr_open_find(const char *path,
    bool (*is_header)(const struct csvrow *row, void *arg), void *arg);
/* Reads from memory, handing the parser at most chunk bytes at a time:
 * the unit tests feed every input at every chunk size. */
struct csvr *csvr_open_mem(const char *label, const char *data, size_t len,
    size_t chunk);
struct csvr *csvr_open_mem_find(const char *label, const char *data,
    size_t len, size_t chunk,
    bool (*is_header)(const struct csvrow *row, void *arg), void *arg);
void csvr_close(struct csvr *r);

/* The next data row, valid until the next call; false at end of input. */
bool csvr_next(struct csvr *r, struct csvrow **row);

const char *csvr_label(const struct csvr *r);
const struct csvrow *csvr_header(const struct csvr *r);
/* The title rows above the header. */
size_t csvr_ntitles(const struct csvr *r);
const struct csvrow *csvr_title(const struct csvr *r, size_t i);

/* Inputs and the --rejects file are kept apart. csvr_open notes each file
 * it opens; so does a reader of another kind (rules_load). Noting the file
 * csvr_forbid_input was given is a usage error (exit 64). */
void csvr_note_input(int fd, const char *label);
/* Whether path names a file already noted as input. */
bool csvr_is_input(const char *path);
/* No input may be this file from now on (-1: any may again). */
void csvr_forbid_input(int fd);

/* Index of the column named canon (or one of its aliases), -1 if absent.
 * Two columns naming it is bad data. */
int csvr_col(struct csvr *r, const char *canon);
/* Like csvr_col, but a missing column is bad data (exit 65). */
int csvr_need(struct csvr *r, const char *canon);

/* A value to interpret (an id, code, date, number): the field in column
 * col without the spaces around it (ASCII, U+3000, U+00A0) and with
 * full-width ASCII read as ASCII; empty if there is none. Valid until the
 * next row. */
static inline struct sv row_val(const struct csvrow *row, int col);
struct sv row_val_slow(const struct csvrow *row, int col);
/* Text passed through (a name): the field as read. */
struct sv row_text(const struct csvrow *row, int col);
/* v without the spaces around it; with buf (v.n bytes), also with
 * full-width ASCII folded into buf. */
struct sv value_clean(struct sv v, char *buf);

/* A CSV writer: quotes a field only when it must. With --escape-formulae
 * a text field that a spreadsheet would run as a formula (one beginning
 * with = + - @ TAB or CR) gets a leading ', numbers (-3, +5.5) excepted. */
struct csvw {
	FILE *fp;
	const char *label;
	bool mid_row;
};

void csvw_open(struct csvw *w, FILE *fp, const char *label);
void csvw_field(struct csvw *w, struct sv s);
void csvw_str(struct csvw *w, const char *s);
void csvw_num(struct csvw *w, double v);
void csvw_int(struct csvw *w, long v);
struct code;
/* One field: the codes of tab whose bit (1 << index) is set in bits, in
 * table order, separated by ';' (Chinese names with --lang zh). */
void csvw_codes(struct csvw *w, const struct code *tab, unsigned bits);
/* A header cell: the canonical name, or its Chinese one with --lang zh. */
void csvw_header(struct csvw *w, const char *const *canon);
void csvw_end(struct csvw *w);
/* Flushes and checks: a failed write is exit 74; a closed pipe ends quietly. */
void csvw_close(struct csvw *w);

/* Whether a byte of s has its high bit set: 8 at a time. */
static inline bool
any_high(struct sv s)
{
	size_t i = 0;

	for (; i + 8 <= s.n; i += 8) {
		uint64_t w;

		memcpy(&w, s.p + i, 8);
		if (w & 0x8080808080808080ULL)
			return true;
	}
	for (; i < s.n; i++)
		if ((unsigned char)s.p[i] >= 0x80)
			return true;
	return false;
}

/* Inline for nearly every value: ASCII with nothing around it (libcsv has
 * taken the spaces around an unquoted field). */
static inline struct sv
row_val(const struct csvrow *row, int col)
{
	struct sv v;
	unsigned char c0, c1;

	if (col < 0 || (size_t)col >= row->n)
		return (struct sv){ "", 0 };
	v = row->f[col];
	if (v.n == 0)
		return v;
	c0 = (unsigned char)v.p[0], c1 = (unsigned char)v.p[v.n - 1];
	if (c0 > ' ' && c0 < 0x80 && c1 > ' ' && c1 < 0x80 && !any_high(v))
		return v;
	return row_val_slow(row, col);
}

#endif
