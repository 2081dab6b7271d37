#include "csvio.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codes.h"
#include "diag.h"
#include "numfmt.h"

struct csv_settings csv_settings = {
	.delim = ',',
	.max_field = CSV_MAX_FIELD_DEFAULT,
};

enum { READ_CHUNK = 64 * 1024 };

/*
 * The reader hands libcsv whole blocks, not lines: a call per line costs
 * more than the parse itself. With CSV_REPALL_NL libcsv reports every
 * unquoted line end, blank lines too, so the callbacks count lines; quoted
 * line ends are counted in the field they belong to. A block's rows wait
 * in a queue (bytes in an arena, a few hundred rows at most) until
 * csvr_next hands them out one at a time.
 */
struct qrow {
	long line;
	size_t first, n;        /* fields fo[first .. first + n) */
};

struct csvr {
	char *label;
	int fd;                 /* -1 when reading from memory */
	const char *mem;
	size_t memlen, mempos, chunk;
	bool src_eof;           /* the source has no more bytes */
	bool eof;               /* nor has the decoder */
	bool done;              /* the parser has been finished */

	iconv_t cd;             /* (iconv_t)-1 without --encoding */
	char *raw;              /* undecoded bytes waiting for iconv */
	size_t rawlen;

	char *buf;              /* decoded UTF-8 */
	size_t bufpos, buflen, bufcap;
	size_t valid_end;       /* buf[bufpos, valid_end) is whole UTF-8 */
	enum { ENC_OK, ENC_BAD_UTF8, ENC_BAD_GB18030 } bad;
	                        /* what is wrong at valid_end, said once the
	                         * rows before it have been read */
	bool started;           /* BOM looked for */
	long nl_parsed;         /* line ends in all bytes before bufpos */

	struct csv_parser p;
	long line;              /* line at the parse position, from callbacks */
	long field_line;        /* line on which the open field began */
	long row_line;          /* line on which the open row began */
	bool quotes_in_block;   /* fields of this block may hold line ends */
	int err_status;         /* a fault found in the block: exit status */
	char *err;              /* and message, said after the rows before it */

	char *arena;            /* field bytes, NUL after each */
	size_t alen, acap;
	size_t *fo;             /* field i: offset fo[2i], length fo[2i+1] */
	size_t nfo, cfo;
	size_t row_first;       /* first field of the open row */
	struct qrow *q;         /* complete rows not yet handed out */
	size_t qhead, qn, qcap;

	struct sv *fv;          /* the row handed out */
	size_t capv;
	struct csvrow row;

	struct csvrow header;
	char *headbuf;
};

/* Spaces around fields are data: libcsv would trim them. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* libcsv grows a field's buffer through this; refusing past the cap
 * stops one stray quote from reading a whole file into memory. A field of
 * max_field bytes takes two more: libcsv keeps the quote that may close it
 * and grows a full buffer before it reads the next byte. on_field checks
 * the exact length. */
static void *
capped_realloc(void *p, size_t n)
{
	if (n > csv_settings.max_field + 2)
		return NULL;
	return realloc(p, n);
}

static long
count_nl(const char *s, size_t n)
{
	long k = 0;

	for (const char *e = s + n; (s = memchr(s, '\n', e - s)); s++)
		k++;
	return k;
}

/*
 * Keeps the first fault found while parsing a block. The rows before it in
 * the block are handed out first and may be bad themselves: the first
 * wrong thing in the input is the one to report, wherever the reads cut
 * it into blocks (see validate()). Nothing after the fault is kept.
 */
static void __attribute__((format(printf, 3, 4)))
defer(struct csvr *r, int status, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (r->err_status)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	r->err = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(r->err, (size_t)n + 1, fmt, ap);
	va_end(ap);
	r->err_status = status;
}

static void
on_field(void *s, size_t len, void *data)
{
	struct csvr *r = data;

	if (r->err_status)
		return;
	if (len > csv_settings.max_field) {
		defer(r, EXIT_DATAERR, "%s:%ld: field longer than %zu bytes (expected a "
		    "shorter field; raise --max-field-bytes if the field is real)",
		    r->label, r->field_line, csv_settings.max_field);
		return;
	}
	if (r->alen + len + 1 > r->acap) {
		while (r->alen + len + 1 > r->acap)
			r->acap = r->acap ? r->acap * 2 : 4096;
		r->arena = xrealloc(r->arena, r->acap);
	}
	if (r->nfo == r->cfo) {
		r->cfo = r->cfo ? r->cfo * 2 : 256;
		r->fo = xrealloc(r->fo, 2 * r->cfo * sizeof *r->fo);
	}
	if (r->nfo == r->row_first)
		r->row_line = r->field_line;
	if (len)
		memcpy(r->arena + r->alen, s, len);
	/* Line ends inside a quoted field: only a block with a quote in it, or
	 * one that starts inside a quoted field, can have them. */
	if (r->quotes_in_block)
		r->line += count_nl(s, len);
	r->fo[2 * r->nfo] = r->alen;
	r->fo[2 * r->nfo + 1] = len;
	r->nfo++;
	r->alen += len;
	r->arena[r->alen++] = '\0';
	if (r->alen - r->fo[2 * r->row_first] > 8 * csv_settings.max_field)
		defer(r, EXIT_DATAERR, "%s:%ld: row longer than %zu bytes (expected a "
		    "row of reasonable size; raise --max-field-bytes if it is real)",
		    r->label, r->row_line, 8 * csv_settings.max_field);
	/* The next field starts right after this delimiter, on this line. */
	r->field_line = r->line;
}

static void
on_row(int c, void *data)
{
	struct csvr *r = data;
	size_t n = r->nfo - r->row_first;

	if (r->err_status)
		return;
	/* A line of nothing but spaces is as blank as an empty one. */
	if (n == 1 && sv_trim((struct sv){ r->arena + r->fo[2 * r->row_first],
	    r->fo[2 * r->row_first + 1] }).n == 0) {
		r->alen = r->fo[2 * r->row_first];
		r->nfo = r->row_first;
		n = 0;
	}
	if (n) {
		if (r->qn == r->qcap) {
			r->qcap = r->qcap ? 2 * r->qcap : 256;
			r->q = xrealloc(r->q, r->qcap * sizeof *r->q);
		}
		r->q[r->qn++] = (struct qrow){ r->row_line, r->row_first, n };
		r->row_first = r->nfo;
	}
	if (c == '\n')
		r->line++;
	r->field_line = r->line;
}

static size_t
source_read(struct csvr *r, char *dst, size_t cap)
{
	if (r->fd < 0) {
		size_t n = r->memlen - r->mempos;

		if (n > cap)
			n = cap;
		if (n > r->chunk)
			n = r->chunk;
		memcpy(dst, r->mem + r->mempos, n);
		r->mempos += n;
		return n;
	}
	for (;;) {
		ssize_t n = read(r->fd, dst, cap);

		if (n >= 0)
			return (size_t)n;
		if (errno != EINTR)
			die_errno(EXIT_IOERR, "%s: read error", r->label);
	}
}

/* The physical line of byte pos of the buffer, not yet parsed. */
static long
line_at(const struct csvr *r, size_t pos)
{
	return 1 + r->nl_parsed + count_nl(r->buf + r->bufpos, pos - r->bufpos);
}

static noreturn void
not_utf8(const struct csvr *r, size_t pos)
{
	die(EXIT_DATAERR, "%s:%ld: not valid UTF-8 (expected UTF-8; for a file saved "
	    "by Chinese Excel or WPS use --encoding gb18030)", r->label,
	    line_at(r, pos));
}

/* Length of the UTF-8 sequence at s (of n bytes): 0 if cut short by the
 * end of the buffer, -1 if invalid. */
static int
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	int len;
	unsigned lo = 0x80, hi = 0xBF;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return -1;
	for (int i = 1; i < len; i++) {
		if ((size_t)i >= n)
			return 0;
		if (s[i] < lo || s[i] > hi)
			return -1;
		lo = 0x80, hi = 0xBF;
	}
	return len;
}

/*
 * Finds how far the buffer is whole UTF-8. Bytes that are not stop it
 * there, but are only reported when the parser gets to them: a row before
 * them may be bad too, and the first wrong thing in the input is the one
 * to report, however the reads happened to cut it (a file, a pipe).
 */
static void
validate(struct csvr *r)
{
	const unsigned char *b = (const unsigned char *)r->buf;
	size_t i = r->valid_end;

	if (r->bad == ENC_BAD_UTF8)
		return;
	while (i < r->buflen) {
		int k;

		/* ASCII runs are nearly all of it: step over them 8 bytes at a time. */
		while (i + 8 <= r->buflen) {
			uint64_t w;

			memcpy(&w, b + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= r->buflen)
			break;
		k = utf8_seq(b + i, r->buflen - i);
		if (k < 0 || (k == 0 && r->eof)) {
			r->bad = ENC_BAD_UTF8;
			break;
		}
		if (k == 0)
			break;
		i += k;
	}
	r->valid_end = i;
}

static void
decode(struct csvr *r)
{
	char *in = r->raw, *out = r->buf + r->buflen;
	size_t inleft = r->rawlen, outleft = r->bufcap - r->buflen;

	if (iconv(r->cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
		/* Reported when the text decoded before it has been read. */
		if (errno == EILSEQ || (errno == EINVAL && r->src_eof))
			r->bad = ENC_BAD_GB18030;
		/* EINVAL: a character cut by the read; E2BIG: next time. */
	}
	r->buflen = out - r->buf;
	memmove(r->raw, in, inleft);
	r->rawlen = inleft;
}

/* Makes more decoded bytes available; false once the input is used up.
 * Every call that returns true has read a byte or reached the end. */
static bool
fill(struct csvr *r)
{
	if (r->bufpos) {
		memmove(r->buf, r->buf + r->bufpos, r->buflen - r->bufpos);
		r->buflen -= r->bufpos;
		r->valid_end -= r->bufpos;
		r->bufpos = 0;
	}
	/* The parser has come to the bytes that are not text. */
	if (r->bad == ENC_BAD_UTF8)
		not_utf8(r, r->valid_end);
	if (r->bad == ENC_BAD_GB18030)
		die(EXIT_DATAERR, "%s:%ld: not valid GB18030 (expected text in "
		    "the encoding given to --encoding)", r->label,
		    line_at(r, r->valid_end));
	if (r->eof)
		return false;
	if (r->bufcap - r->buflen < READ_CHUNK) {
		r->bufcap = r->buflen + 2 * READ_CHUNK;
		r->buf = xrealloc(r->buf, r->bufcap);
	}
	if (r->cd == (iconv_t)-1) {
		size_t n = source_read(r, r->buf + r->buflen, r->bufcap - r->buflen);

		r->buflen += n;
		r->eof = r->src_eof = n == 0;
	} else {
		if (!r->src_eof && r->rawlen < READ_CHUNK) {
			size_t n = source_read(r, r->raw + r->rawlen, READ_CHUNK);

			r->rawlen += n;
			r->src_eof = n == 0;
		}
		decode(r);
		r->eof = r->src_eof && r->rawlen == 0;
	}
	if (!r->started && (r->buflen >= 3 || r->eof)) {
		r->started = true;
		if (r->buflen >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
			r->bufpos = r->valid_end = 3;
	}
	validate(r);
	return true;
}

/* Parses what is in the buffer and whole; the rows go to the queue. */
static void
parse_block(struct csvr *r)
{
	const char *s = r->buf + r->bufpos;
	size_t n = r->valid_end - r->bufpos, done;

	if (!r->started || n == 0)
		return;
	/* libcsv writes its state back when a call returns, so quoted says
	 * here whether the block starts inside a quoted field. */
	r->quotes_in_block = r->p.quoted || memchr(s, '"', n) != NULL;
	done = csv_parse(&r->p, s, n, on_field, on_row, r);
	if (done != n) {
		long line = line_at(r, r->bufpos + done);

		if (csv_error(&r->p) == CSV_EPARSE)
			defer(r, EXIT_DATAERR, "%s:%ld: malformed quoting (expected a "
			    "quote only around a whole field, and \"\" for a quote inside "
			    "it)", r->label, line);
		else if (csv_get_buffer_size(&r->p) >= csv_settings.max_field)
			defer(r, EXIT_DATAERR, "%s:%ld: field longer than %zu bytes "
			    "(expected a closing quote; raise --max-field-bytes if the "
			    "field is real)", r->label, r->field_line,
			    csv_settings.max_field);
		else /* libcsv's only other error: its buffer could not grow. */
			die(EXIT_OSERR, "%s:%ld: out of memory", r->label, line);
	}
	if (r->err_status)
		return;
	r->nl_parsed += count_nl(s, n);
	r->bufpos = r->valid_end;
}

/* Drops the rows handed out; the open row's fields move to the front. */
static void
compact(struct csvr *r)
{
	size_t off = r->row_first < r->nfo ? r->fo[2 * r->row_first] : r->alen;

	if (off)
		memmove(r->arena, r->arena + off, r->alen - off);
	r->alen -= off;
	for (size_t i = r->row_first; i < r->nfo; i++) {
		r->fo[2 * (i - r->row_first)] = r->fo[2 * i] - off;
		r->fo[2 * (i - r->row_first) + 1] = r->fo[2 * i + 1];
	}
	r->nfo -= r->row_first;
	r->row_first = 0;
	r->qhead = r->qn = 0;
}

bool
csvr_next(struct csvr *r, struct csvrow **row)
{
	while (r->qhead == r->qn) {
		compact(r);
		if (r->err_status)
			die(r->err_status, "%s", r->err);
		if (r->done)
			return false;
		/* Before the BOM is looked for, parse_block does nothing: read on. */
		if (r->started && r->bufpos < r->valid_end)
			parse_block(r);
		else if (!fill(r)) {
			if (r->bufpos < r->buflen)
				not_utf8(r, r->bufpos);
			if (csv_fini(&r->p, on_field, on_row, r) != 0)
				die(EXIT_DATAERR, "%s:%ld: quoted field not closed at end of "
				    "input (expected a closing \")", r->label, r->field_line);
			r->done = true;
		}
	}
	{
		const struct qrow *q = &r->q[r->qhead++];

		if (q->n > r->capv) {
			r->capv = q->n;
			r->fv = xrealloc(r->fv, r->capv * sizeof *r->fv);
		}
		for (size_t i = 0; i < q->n; i++)
			r->fv[i] = (struct sv){ r->arena + r->fo[2 * (q->first + i)],
			    r->fo[2 * (q->first + i) + 1] };
		r->row = (struct csvrow){ .n = q->n, .f = r->fv, .line = q->line };
	}
	*row = &r->row;
	return true;
}

static struct csvr *
reader_new(const char *label)
{
	struct csvr *r = xcalloc(1, sizeof *r);

	r->label = xstrdup(label);
	r->fd = -1;
	r->line = r->field_line = 1;
	r->cd = (iconv_t)-1;
	if (csv_settings.gb18030) {
		r->cd = iconv_open("UTF-8", "GB18030");
		if (r->cd == (iconv_t)-1)
			die_errno(EXIT_OSERR, "cannot convert from GB18030");
		r->raw = xmalloc(2 * READ_CHUNK);
	}
	if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
		die(EXIT_OSERR, "out of memory");
	csv_set_delim(&r->p, csv_settings.delim);
	csv_set_space_func(&r->p, no_space);
	csv_set_realloc_func(&r->p, capped_realloc);
	return r;
}

static void
read_header(struct csvr *r)
{
	struct csvrow *h;
	size_t total = 0;

	if (!csvr_next(r, &h))
		die(EXIT_DATAERR, "%s: empty input (expected a header row)", r->label);
	for (size_t i = 0; i < h->n; i++)
		total += h->f[i].n + 1;
	r->headbuf = xmalloc(total + 1);
	r->header.f = xcalloc(h->n, sizeof *r->header.f);
	r->header.n = h->n;
	r->header.line = h->line;
	total = 0;
	for (size_t i = 0; i < h->n; i++) {
		memcpy(r->headbuf + total, h->f[i].p, h->f[i].n);
		r->headbuf[total + h->f[i].n] = '\0';
		r->header.f[i] = (struct sv){ r->headbuf + total, h->f[i].n };
		total += h->f[i].n + 1;
	}
}

/*
 * The files read so far, and the one file no input may be (--rejects):
 * as files, not names, so that another path to the same file counts. A
 * rejects file that is also an input would be emptied before it is read,
 * or read while it grows with its own rejected rows, without end.
 */
struct file_id {
	dev_t dev;
	ino_t ino;
};
static struct file_id inputs[32], forbidden;
static size_t ninputs;
static bool have_forbidden;

void
csvr_note_input(int fd, const char *label)
{
	struct stat st;

	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	if (have_forbidden && st.st_dev == forbidden.dev && st.st_ino == forbidden.ino)
		die(EXIT_USAGE, "%s is also the --rejects file (expected a file of its "
		    "own for the rejected rows)", label);
	if (ninputs < sizeof inputs / sizeof *inputs)
		inputs[ninputs++] = (struct file_id){ st.st_dev, st.st_ino };
}

bool
csvr_is_input(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return false;
	for (size_t i = 0; i < ninputs; i++)
		if (inputs[i].dev == st.st_dev && inputs[i].ino == st.st_ino)
			return true;
	return false;
}

void
csvr_forbid_input(int fd)
{
	struct stat st;

	have_forbidden = false;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		forbidden = (struct file_id){ st.st_dev, st.st_ino };
		have_forbidden = true;
	}
}

struct csvr *
csvr_open(const char *path)
{
	struct csvr *r;

	if (!path || strcmp(path, "-") == 0) {
		csvr_note_input(STDIN_FILENO, "<stdin>");
		r = reader_new("<stdin>");
		r->fd = STDIN_FILENO;
	} else {
		int fd = open(path, O_RDONLY);
		struct stat st;

		/* open() takes a directory; say so now, not "read error" later. */
		if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			close(fd);
			fd = -1;
			errno = EISDIR;
		}
		if (fd < 0)
			die_errno(EXIT_NOINPUT, "cannot open %s", path);
		csvr_note_input(fd, path);
		r = reader_new(path);
		r->fd = fd;
	}
	read_header(r);
	return r;
}

struct csvr *
csvr_open_mem(const char *label, const char *data, size_t len, size_t chunk)
{
	struct csvr *r = reader_new(label);

	r->mem = data;
	r->memlen = len;
	r->chunk = chunk ? chunk : len + 1;
	read_header(r);
	return r;
}

void
csvr_close(struct csvr *r)
{
	if (!r)
		return;
	if (r->fd > STDIN_FILENO)
		close(r->fd);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	csv_free(&r->p);
	free(r->raw);
	free(r->buf);
	free(r->arena);
	free(r->fo);
	free(r->q);
	free(r->fv);
	free(r->err);
	free(r->header.f);
	free(r->headbuf);
	free(r->label);
	free(r);
}

const char *
csvr_label(const struct csvr *r)
{
	return r->label;
}

const struct csvrow *
csvr_header(const struct csvr *r)
{
	return &r->header;
}

int
csvr_col(struct csvr *r, const char *canon)
{
	int found = -1;

	for (size_t i = 0; i < r->header.n; i++) {
		if (!header_matches(r->header.f[i], canon))
			continue;
		if (found >= 0)
			die(EXIT_DATAERR, "%s:%ld: columns %d and %zu both name %s "
			    "(expected one column of each name)", r->label,
			    r->header.line, found + 1, i + 1, canon);
		found = (int)i;
	}
	return found;
}

int
csvr_need(struct csvr *r, const char *canon)
{
	int col = csvr_col(r, canon);

	if (col < 0)
		die(EXIT_DATAERR, "%s:%ld: missing column %s (expected a header naming %s)",
		    r->label, r->header.line, canon, header_expect(canon));
	return col;
}

struct sv
row_val(const struct csvrow *row, int col)
{
	if (col < 0 || (size_t)col >= row->n)
		return (struct sv){ "", 0 };
	return sv_trim(row->f[col]);
}

void
csvw_open(struct csvw *w, FILE *fp, const char *label)
{
	w->fp = fp;
	w->label = label;
	w->mid_row = false;
	if (csv_settings.bom)
		fputs("\xEF\xBB\xBF", fp);
}

static bool
needs_quotes(struct sv s)
{
	if (s.n && (s.p[0] == ' ' || s.p[s.n - 1] == ' '))
		return true;
	for (size_t i = 0; i < s.n; i++)
		if (s.p[i] == ',' || s.p[i] == '"' || s.p[i] == '\n' || s.p[i] == '\r')
			return true;
	return false;
}

/* A field that a spreadsheet would run as a formula (=HYPERLINK(...),
 * @SUM(...), -1+1, a TAB or CR before one). A number is left alone, so
 * that a negative score stays a number. */
static bool
formula_like(struct sv s)
{
	double d;

	if (s.n == 0 || !memchr("=+-@\t\r", s.p[0], 6))
		return false;
	return !((s.p[0] == '+' || s.p[0] == '-') && num_parse(s, &d));
}

/* The field with a ' before it, quoted if it must be. */
static void
write_escaped(FILE *fp, struct sv s)
{
	if (!needs_quotes(s)) {
		putc('\'', fp);
		fwrite(s.p, 1, s.n, fp);
		return;
	}
	fputs("\"'", fp);
	for (size_t i = 0; i < s.n; i++) {
		if (s.p[i] == '"')
			putc('"', fp);
		putc(s.p[i], fp);
	}
	putc('"', fp);
}

void
csvw_field(struct csvw *w, struct sv s)
{
	if (w->mid_row)
		putc(',', w->fp);
	w->mid_row = true;
	if (csv_settings.escape_formulae && formula_like(s))
		write_escaped(w->fp, s);
	else if (needs_quotes(s))
		csv_fwrite(w->fp, s.p, s.n);
	else
		fwrite(s.p, 1, s.n, w->fp);
}

void
csvw_str(struct csvw *w, const char *s)
{
	csvw_field(w, sv_of(s ? s : ""));
}

void
csvw_num(struct csvw *w, double v)
{
	char buf[32];

	num_format(v, buf);
	csvw_str(w, buf);
}

/* By hand, not snprintf: a report is mostly small counts. */
void
csvw_int(struct csvw *w, long v)
{
	char buf[24], *p = buf + sizeof buf;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	csvw_field(w, (struct sv){ p, (size_t)(buf + sizeof buf - p) });
}

void
csvw_codes(struct csvw *w, const struct code *tab, unsigned bits)
{
	char buf[1024];
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; tab[i].name && n < sizeof buf; i++)
		if (bits & (1u << i))
			n += snprintf(buf + n, sizeof buf - n, "%s%s", n ? ";" : "",
			    code_out(tab, i));
	csvw_str(w, buf);
}

void
csvw_header(struct csvw *w, const char *const *canon)
{
	for (; *canon; canon++)
		csvw_str(w, header_out(*canon));
	csvw_end(w);
}

void
csvw_end(struct csvw *w)
{
	if (csv_settings.crlf)
		putc('\r', w->fp);
	putc('\n', w->fp);
	w->mid_row = false;
}

void
csvw_close(struct csvw *w)
{
	if (fflush(w->fp) != 0 || ferror(w->fp)) {
		if (errno == EPIPE)
			diag_exit(EXIT_OK);
		die_errno(EXIT_IOERR, "write error on %s", w->label);
	}
	if (w->fp != stdout && fclose(w->fp) != 0)
		die_errno(EXIT_IOERR, "write error on %s", w->label);
}
