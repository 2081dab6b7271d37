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

struct csvr;
static void scratch_free(struct csvr *r);

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
	size_t first, n;        /* fields fs[first .. first + n) */
};

struct csvr {
	char *label;
	int fd;                 /* -1 when reading from memory */
	const char *mem;
	size_t memlen, mempos, chunk;
	bool src_eof;           /* the source has no more bytes */
	bool eof;               /* nor has the decoder */
	bool done;              /* the parser has been finished */

	/* The file's encoding, decided when the reader starts (a BOM,
	 * --encoding) or at its first non-ASCII bytes (auto). Until then, and
	 * for UTF-8, bytes go straight to buf; other encodings through iconv. */
	enum { DEC_UNDECIDED, DEC_UTF8, DEC_ICONV } dec;
	const char *enc;        /* its name, for messages */
	bool gb;                /* GB18030: the byte 0x80 reads as the euro sign */
	iconv_t cd;             /* (iconv_t)-1 unless dec is DEC_ICONV */
	char *raw;              /* undecoded bytes waiting for iconv */
	size_t rawlen, rawcap;

	char *buf;              /* decoded UTF-8 */
	size_t bufpos, buflen, bufcap;
	size_t valid_end;       /* buf[bufpos, valid_end) is whole UTF-8 */
	enum { ENC_OK, ENC_BAD_UTF8, ENC_NUL } bad;
	bool dec_bad;           /* iconv stopped at bytes it cannot read, at
	                         * the end of buf */
	                        /* what is wrong at valid_end, said once the
	                         * rows before it have been read */
	bool started;           /* BOM looked for */
	bool after_cr;          /* the last row ended with CR: an LF next is
	                         * the same line end */

	struct csv_parser p;
	long line;              /* line at the parse position, from callbacks */
	long field_line;        /* line on which the open field began */
	long row_line;          /* line on which the open row began */
	bool quotes_in_block;   /* fields of this block may hold line ends */
	bool wide_buf;          /* libcsv's field buffer has 16 bytes or more */
	int err_status;         /* a fault found in the block: exit status */
	char *err;              /* and message, said after the rows before it */

	char *arena;            /* field bytes, NUL after each */
	size_t alen, acap;
	struct sv *fs;          /* the fields, in the arena; a row handed out */
	size_t nfo, cfo;        /* is a run of them */
	size_t row_first;       /* first field of the open row */
	struct qrow *q;         /* complete rows not yet handed out */
	size_t qhead, qn, qcap;

	struct csvrow row;

	struct csvrow header;
	struct csvrow *titles;  /* title rows above the header, copied */
	size_t ntitles;
	struct csvrow *pend;    /* rows read looking for the header, to be */
	size_t npend, ipend;    /* handed out again */

	struct scratch *scratch; /* values row_val cleaned, until the next row */
};

/* A block of cleaned values (rare: only values with U+3000, NBSP or
 * full-width ASCII in them need one). */
struct scratch {
	struct scratch *next;
	size_t used, cap;
	char b[];
};

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

/* Line ends in s: LF, CRLF and a lone CR each count one. *cr says whether
 * the bytes before s ended with CR, and is set for the bytes after. */
static long
count_lines(const char *s, size_t n, bool *cr)
{
	const char *e = s + n;
	long k = 0;

	if (n == 0)
		return 0;
	if (!memchr(s, '\r', n)) {
		const char *p = s;

		/* LF bytes, eight at a time: a byte of t is zero where w has LF. */
		for (; p + 8 <= e; p += 8) {
			uint64_t w, t, y;

			memcpy(&w, p, 8);
			t = w ^ 0x0A0A0A0A0A0A0A0AULL;
			y = (t & 0x7F7F7F7F7F7F7F7FULL) + 0x7F7F7F7F7F7F7F7FULL;
			y = ~(y | t | 0x7F7F7F7F7F7F7F7FULL);
			/* One bit per LF byte, summed in the top byte. */
			k += (long)(((y >> 7) * 0x0101010101010101ULL) >> 56);
		}
		for (; p < e; p++)
			k += *p == '\n';
		if (*cr && s[0] == '\n')
			k--;
		*cr = false;
		return k;
	}
	for (const char *p = s; p < e; p++)
		if (*p == '\r' || (*p == '\n' && !(p == s ? *cr : p[-1] == '\r')))
			k++;
	*cr = e[-1] == '\r';
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

/* Room for n bytes more in the arena; the fields in it move with it. */
static void
grow_arena(struct csvr *r, size_t n)
{
	for (size_t i = 0; i < r->nfo; i++)
		r->fs[i].p = (const char *)(uintptr_t)(r->fs[i].p - r->arena);
	while (r->alen + n > r->acap)
		r->acap = r->acap ? r->acap * 2 : 4096;
	r->arena = xrealloc(r->arena, r->acap);
	/* Offsets while it moved, pointers again. */
	for (size_t i = 0; i < r->nfo; i++)
		r->fs[i].p = r->arena + (uintptr_t)r->fs[i].p;
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
	/* 16 bytes to spare: a short field is copied 16 bytes at once. */
	if (r->alen + len + 17 > r->acap)
		grow_arena(r, len + 17);
	if (r->nfo == r->cfo) {
		r->cfo = r->cfo ? r->cfo * 2 : 256;
		r->fs = xrealloc(r->fs, r->cfo * sizeof *r->fs);
	}
	if (r->nfo == r->row_first)
		r->row_line = r->field_line;
	/* An empty field costs its offsets: the row's bytes alone would let a
	 * line of commas take gigabytes. */
	else if (r->nfo - r->row_first >= CSV_MAX_FIELDS) {
		defer(r, EXIT_DATAERR, "%s:%ld: row of more than %d fields (expected "
		    "a row of at most %d fields, more than a spreadsheet has "
		    "columns)", r->label, r->row_line, CSV_MAX_FIELDS, CSV_MAX_FIELDS);
		return;
	}
	/* libcsv hands out fields from its entry buffer, which only grows:
	 * once it has 16 bytes, 16 can always be read. */
	if (len <= 16 && r->wide_buf)
		memcpy(r->arena + r->alen, s, 16);
	else if (len)
		memcpy(r->arena + r->alen, s, len);
	/* Line ends inside a quoted field: only a block with a quote in it, or
	 * one that starts inside a quoted field, can have them. */
	if (r->quotes_in_block) {
		bool cr = false;

		r->line += count_lines(s, len, &cr);
	}
	r->fs[r->nfo++] = (struct sv){ r->arena + r->alen, len };
	r->alen += len;
	r->arena[r->alen++] = '\0';
	r->after_cr = false;
	if ((size_t)(r->arena + r->alen - r->fs[r->row_first].p) >
	    8 * csv_settings.max_field)
		defer(r, EXIT_DATAERR, "%s:%ld: row longer than %zu bytes (expected a "
		    "row of reasonable size; raise --max-field-bytes if it is real)",
		    r->label, r->row_line, 8 * csv_settings.max_field);
	/* The next field starts right after this delimiter, on this line. */
	r->field_line = r->line;
}

/* Whether the open row's fields are all empty: a blank line, or the
 * ",,,," that a spreadsheet writes for a formatted but empty row. */
static bool
row_blank(const struct csvr *r)
{
	for (size_t i = r->row_first; i < r->nfo; i++)
		if (sv_trim(r->fs[i]).n)
			return false;
	return true;
}

static void
on_row(int c, void *data)
{
	struct csvr *r = data;
	size_t n = r->nfo - r->row_first;

	if (r->err_status)
		return;
	if (n && row_blank(r)) {
		r->alen = (size_t)(r->fs[r->row_first].p - r->arena);
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
	/* libcsv reports CRLF as a row ended by CR, then an empty one by LF. */
	if (c == '\r' || (c == '\n' && !r->after_cr))
		r->line++;
	r->after_cr = c == '\r';
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

/* The physical line at the parse position: the line ends the callbacks
 * have counted, and those of a quoted field still open in libcsv. */
static long
line_now(const struct csvr *r)
{
	bool cr = false;

	if (!r->p.quoted)
		return r->line;
	return r->line + count_lines((const char *)r->p.entry_buf, r->p.entry_pos, &cr);
}

/* Bytes at the parse position that the file's encoding cannot read, or a
 * NUL byte. */
static noreturn void
bad_bytes(const struct csvr *r)
{
	long line = line_now(r);

	if (r->bad == ENC_NUL)
		die(EXIT_DATAERR, "%s:%ld: NUL byte in the data (expected text; a file "
		    "of UTF-16 without a byte-order mark needs --encoding utf-16)",
		    r->label, line);
	if (csv_settings.encoding != ENC_AUTO)
		die(EXIT_DATAERR, "%s:%ld: bytes not valid in %s (expected text in "
		    "%s, the encoding given to --encoding)", r->label, line, r->enc,
		    r->enc);
	if (r->dec == DEC_ICONV)
		die(EXIT_DATAERR, "%s:%ld: bytes not valid in %s (expected text in "
		    "%s, as read from the file's %s; a file of mixed encodings "
		    "cannot be read)", r->label, line, r->enc, r->enc,
		    r->gb ? "first non-ASCII bytes" : "byte-order mark");
	die(EXIT_DATAERR, "%s:%ld: bytes not valid in UTF-8 (expected text in "
	    "UTF-8, as the file's first non-ASCII text is; a file of mixed "
	    "encodings cannot be read)", r->label, line);
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

/* Puts the bytes of buf from at on into raw, to be decoded from enc. */
static void
use_iconv(struct csvr *r, size_t at, const char *enc)
{
	size_t n = r->buflen - at;

	r->cd = iconv_open("UTF-8", enc);
	if (r->cd == (iconv_t)-1)
		die_errno(EXIT_OSERR, "cannot convert from %s", enc);
	r->dec = DEC_ICONV;
	r->enc = enc;
	r->gb = strcmp(enc, "GB18030") == 0;
	r->rawcap = n + 2 * READ_CHUNK;
	r->raw = xmalloc(r->rawcap);
	memcpy(r->raw, r->buf + at, n);
	r->rawlen = n;
	r->buflen = r->valid_end = at;
}

/*
 * Whether the text at s (n bytes, more to come unless eof), which begins
 * with the file's first non-ASCII byte, is UTF-8: 1 if it is, 0 if it is
 * GB18030, -1 if its first DECIDE_BYTES (or all of it, at the end) do not
 * tell yet. Each run of non-ASCII bytes is looked at in turn: one that is
 * not UTF-8 says GB18030; one that holds a sequence of three bytes or more
 * (Chinese in UTF-8) or is longer than one two-byte sequence says UTF-8;
 * a lone two-byte sequence might be either (时 in GBK is CA B1, a valid
 * UTF-8 pair), so the next run decides. Only bytes that have come count,
 * so that a file and a pipe, read in any pieces, are decided alike. A
 * file that begins in UTF-8 and goes on in GBK is then read as UTF-8 and
 * stopped where it changes, not garbled in silence.
 */
enum { DECIDE_BYTES = 4096 };

static int
looks_utf8(const unsigned char *s, size_t n, bool eof)
{
	size_t i = 0, lim = n < DECIDE_BYTES ? n : DECIDE_BYTES;

	while (i < lim) {
		size_t start = i;
		bool long_seq = false;

		while (i < lim && s[i] >= 0x80) {
			int k = utf8_seq(s + i, n - i);

			if (k < 0 || (k == 0 && eof))
				return 0;
			if (k == 0)
				return -1;
			long_seq |= k >= 3;
			i += (size_t)k;
		}
		/* A run cut by the end of what has come may go on otherwise. */
		if (i == n && !eof)
			return -1;
		if (long_seq || i - start > 2)
			return 1;
		while (i < lim && s[i] < 0x80)
			i++;
	}
	/* No run has decided: at the end, or past the bytes looked at, the
	 * lone pairs were UTF-8. */
	return eof || n >= DECIDE_BYTES ? 1 : -1;
}

/* The encoding, from a byte-order mark or --encoding; with neither, it is
 * decided later, at the first non-ASCII bytes (validate). */
static void
start(struct csvr *r)
{
	const unsigned char *b = (const unsigned char *)r->buf;
	bool utf8_bom = r->buflen >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0,
	    le = r->buflen >= 2 && b[0] == 0xFF && b[1] == 0xFE,
	    be = r->buflen >= 2 && b[0] == 0xFE && b[1] == 0xFF;

	r->started = true;
	switch (csv_settings.encoding) {
	case ENC_UTF8:
		r->dec = DEC_UTF8;
		break;
	case ENC_GB18030:
		use_iconv(r, 0, "GB18030");
		return;
	case ENC_UTF16:
	case ENC_AUTO:
		if (le || be) {
			/* The BOM is not text. */
			memmove(r->buf, r->buf + 2, r->buflen - 2);
			r->buflen -= 2;
			use_iconv(r, 0, be ? "UTF-16BE" : "UTF-16LE");
			return;
		}
		if (csv_settings.encoding == ENC_UTF16) {
			use_iconv(r, 0, "UTF-16LE");
			return;
		}
		if (utf8_bom)
			r->dec = DEC_UTF8;
		break;
	}
	if (utf8_bom)
		r->bufpos = r->valid_end = 3;
}

/* The high bit of each byte of w that is zero or has its high bit set;
 * below the first such byte, no false ones. */
static inline uint64_t
nul_or_high(uint64_t w)
{
	return ((w - 0x0101010101010101ULL) | w) & 0x8080808080808080ULL;
}

/*
 * Finds how far the buffer is whole text. Bytes that are not (or a NUL)
 * stop it there, but are only reported when the parser gets to them: a
 * row before them may be bad too, and the first wrong thing in the input
 * is the one to report, however the reads happened to cut it (a file, a
 * pipe). A file of undecided encoding is decided here, at its first
 * non-ASCII bytes: UTF-8 if they are, else GB18030 (true: from here on,
 * the bytes are to be decoded).
 */
static bool
validate(struct csvr *r)
{
	const unsigned char *b = (const unsigned char *)r->buf;
	size_t i = r->valid_end;

	if (r->bad != ENC_OK)
		return false;
	while (i < r->buflen) {
		int k;

		/* ASCII runs are nearly all of it: step over them 8 bytes at a time,
		 * and to the first byte that is not, little-endian as we are. */
		while (i + 8 <= r->buflen) {
			uint64_t w, m;

			memcpy(&w, b + i, 8);
			if (!(m = nul_or_high(w))) {
				i += 8;
				continue;
			}
			if (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)
				i += (size_t)__builtin_ctzll(m) >> 3;
			break;
		}
		if (i >= r->buflen)
			break;
		if (b[i] == 0) {
			r->bad = ENC_NUL;
			break;
		}
		if (b[i] < 0x80) {
			i++;
			continue;
		}
		if (r->dec == DEC_UNDECIDED) {
			int u = looks_utf8(b + i, r->buflen - i, r->eof);

			if (u < 0)
				break; /* more bytes to decide on */
			if (u == 0) {
				r->valid_end = i;
				use_iconv(r, i, "GB18030");
				return true;
			}
			r->dec = DEC_UTF8;
		}
		/* Chinese: three bytes, E1..EC or EE..EF and two continuations. */
		while (i + 3 <= r->buflen && b[i] >= 0xE1 && b[i] <= 0xEF &&
		    b[i] != 0xED && (b[i + 1] & 0xC0) == 0x80 && (b[i + 2] & 0xC0) == 0x80)
			i += 3;
		if (i >= r->buflen || b[i] < 0x80)
			continue;
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
	return false;
}

/* Where the first byte 0x80 that stands as a character of its own (the
 * euro sign of code page 936, which GB18030 leaves out) is in s, or n. */
static size_t
gb_euro(const unsigned char *s, size_t n)
{
	size_t i = 0;

	if (!memchr(s, 0x80, n))
		return n;
	while (i < n) {
		if (s[i] == 0x80)
			return i;
		if (s[i] < 0x80 || s[i] == 0xFF)
			i++;
		else if (i + 1 < n && s[i + 1] >= 0x30 && s[i + 1] <= 0x39)
			i += 4;
		else
			i += 2;
	}
	return n;
}

static void
decode(struct csvr *r)
{
	char *in = r->raw, *out = r->buf + r->buflen;
	size_t inleft = r->rawlen, outleft = r->bufcap - r->buflen;

	while (inleft) {
		size_t seg = r->gb ? gb_euro((unsigned char *)in, inleft) : inleft,
		    left = seg;

		if (iconv(r->cd, &in, &left, &out, &outleft) == (size_t)-1) {
			/* Reported when the text decoded before it has been read. */
			if (errno == EILSEQ || (errno == EINVAL && r->src_eof))
				r->dec_bad = true;
			/* EINVAL: a character cut by the read; E2BIG: next time. */
			inleft -= seg - left;
			break;
		}
		inleft -= seg;
		if (inleft == 0 || outleft < 3)
			break;
		/* in is at a euro sign. */
		memcpy(out, "\xE2\x82\xAC", 3);
		out += 3, outleft -= 3;
		in++, inleft--;
	}
	r->buflen = out - r->buf;
	memmove(r->raw, in, inleft);
	r->rawlen = inleft;
	r->eof = r->src_eof && r->rawlen == 0;
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
	if (r->bad != ENC_OK || (r->dec_bad && r->valid_end == r->buflen))
		bad_bytes(r);
	if (r->eof)
		return false;
	if (r->bufcap - r->buflen < READ_CHUNK) {
		r->bufcap = r->buflen + 2 * READ_CHUNK;
		r->buf = xrealloc(r->buf, r->bufcap);
	}
	if (r->dec != DEC_ICONV) {
		size_t n = source_read(r, r->buf + r->buflen, r->bufcap - r->buflen);

		r->buflen += n;
		r->eof = r->src_eof = n == 0;
		if (!r->started && (r->buflen >= 3 || r->eof))
			start(r);
	}
	if (r->dec == DEC_ICONV) {
		if (!r->src_eof && r->rawlen < READ_CHUNK) {
			size_t n;

			if (r->rawcap - r->rawlen < READ_CHUNK) {
				r->rawcap = r->rawlen + 2 * READ_CHUNK;
				r->raw = xrealloc(r->raw, r->rawcap);
			}
			n = source_read(r, r->raw + r->rawlen, READ_CHUNK);
			r->rawlen += n;
			r->src_eof = n == 0;
		}
		decode(r);
	}
	/* Decided at the first non-ASCII bytes: the rest goes through iconv. */
	if (r->started && validate(r)) {
		decode(r);
		validate(r);
	}
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
	r->wide_buf = csv_get_buffer_size(&r->p) >= 16;
	done = csv_parse(&r->p, s, n, on_field, on_row, r);
	if (done != n) {
		long line = line_now(r);

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
	r->bufpos = r->valid_end;
}

/* Drops the rows handed out; the open row's fields move to the front. */
static void
compact(struct csvr *r)
{
	size_t off = r->row_first < r->nfo ?
	    (size_t)(r->fs[r->row_first].p - r->arena) : r->alen;

	if (off)
		memmove(r->arena, r->arena + off, r->alen - off);
	r->alen -= off;
	for (size_t i = r->row_first; i < r->nfo; i++)
		r->fs[i - r->row_first] = (struct sv){ r->fs[i].p - off, r->fs[i].n };
	r->nfo -= r->row_first;
	r->row_first = 0;
	r->qhead = r->qn = 0;
}

bool
csvr_next(struct csvr *r, struct csvrow **row)
{
	scratch_free(r);
	if (r->ipend < r->npend) {
		*row = &r->pend[r->ipend++];
		(*row)->owner = r;
		return true;
	}
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
			if (r->bufpos < r->buflen) {
				r->bad = ENC_BAD_UTF8;
				bad_bytes(r);
			}
			if (csv_fini(&r->p, on_field, on_row, r) != 0)
				die(EXIT_DATAERR, "%s:%ld: quoted field not closed at end of "
				    "input (expected a closing \")", r->label, r->field_line);
			r->done = true;
		}
	}
	{
		const struct qrow *q = &r->q[r->qhead++];

		r->row = (struct csvrow){ .n = q->n, .f = r->fs + q->first, .line = q->line,
		    .owner = r };
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
	r->enc = "UTF-8";
	if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
		die(EXIT_OSERR, "out of memory");
	csv_set_delim(&r->p, csv_settings.delim);
	/* libcsv's own spaces: around an unquoted field they go, inside quotes
	 * they stay (SPEC section 1: text passed through is written as read). */
	csv_set_realloc_func(&r->p, capped_realloc);
	return r;
}

/* A copy of row that owns its bytes. */
static void
row_copy(struct csvrow *dst, const struct csvrow *src)
{
	size_t total = 0;
	char *b;

	for (size_t i = 0; i < src->n; i++)
		total += src->f[i].n + 1;
	b = xmalloc(total + 1);
	dst->f = xcalloc(src->n ? src->n : 1, sizeof *dst->f);
	dst->n = src->n;
	dst->line = src->line;
	dst->owner = NULL;
	for (size_t i = 0; i < src->n; i++) {
		memcpy(b, src->f[i].p, src->f[i].n);
		b[src->f[i].n] = '\0';
		dst->f[i] = (struct sv){ b, src->f[i].n };
		b += src->f[i].n + 1;
	}
}

static void
row_free(struct csvrow *row)
{
	if (row->n)
		free((char *)row->f[0].p);
	free(row->f);
}

/*
 * The header: the first of the first CSV_TITLE_ROWS rows that is_header
 * takes (no is_header: the first row). The rows above it are title rows
 * (a sheet's "2018年3月考勤表"), kept for csvr_title and counted on stderr.
 * When no row is taken, the first row is the header, and finding its
 * columns says what is missing.
 */
static void
read_header(struct csvr *r, bool (*is_header)(const struct csvrow *, void *),
    void *arg)
{
	struct csvrow *h, rows[CSV_TITLE_ROWS];
	size_t n = 0, found = 0;

	while (n < CSV_TITLE_ROWS && csvr_next(r, &h)) {
		row_copy(&rows[n++], h);
		if (!is_header || is_header(h, arg)) {
			found = n;
			break;
		}
	}
	if (n == 0)
		die(EXIT_DATAERR, "%s: empty input (expected a header row)", r->label);
	if (!found) {
		/* The rows read after the first are data again: none is lost. */
		r->npend = n - 1;
		r->pend = xcalloc(n, sizeof *r->pend);
		memcpy(r->pend, rows + 1, r->npend * sizeof *rows);
		found = 1;
	}
	r->header = rows[found - 1];
	r->ntitles = found - 1;
	if (r->ntitles) {
		r->titles = xcalloc(r->ntitles, sizeof *r->titles);
		memcpy(r->titles, rows, r->ntitles * sizeof *rows);
		warnmsg("%s: %zu title row%s above the header skipped (header on "
		    "line %ld)", r->label, r->ntitles, r->ntitles == 1 ? "" : "s",
		    r->header.line);
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
	return csvr_open_find(path, NULL, NULL);
}

struct csvr *
csvr_open_find(const char *path,
    bool (*is_header)(const struct csvrow *, void *), void *arg)
{
	struct csvr *r;

	if (!path || strcmp(path, "-") == 0) {
		struct stat st;

		/* "< dir" opens; reading it fails. Said now, as for an operand. */
		if (fstat(STDIN_FILENO, &st) == 0 && S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			die_errno(EXIT_NOINPUT, "cannot open <stdin>");
		}
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
	read_header(r, is_header, arg);
	return r;
}

struct csvr *
csvr_open_mem(const char *label, const char *data, size_t len, size_t chunk)
{
	return csvr_open_mem_find(label, data, len, chunk, NULL, NULL);
}

struct csvr *
csvr_open_mem_find(const char *label, const char *data, size_t len,
    size_t chunk, bool (*is_header)(const struct csvrow *, void *), void *arg)
{
	struct csvr *r = reader_new(label);

	r->mem = data;
	r->memlen = len;
	r->chunk = chunk ? chunk : len + 1;
	read_header(r, is_header, arg);
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
	free(r->fs);
	free(r->q);
	free(r->err);
	row_free(&r->header);
	for (size_t i = 0; i < r->ntitles; i++)
		row_free(&r->titles[i]);
	free(r->titles);
	for (size_t i = 0; i < r->npend; i++)
		row_free(&r->pend[i]);
	free(r->pend);
	scratch_free(r);
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

size_t
csvr_ntitles(const struct csvr *r)
{
	return r->ntitles;
}

const struct csvrow *
csvr_title(const struct csvr *r, size_t i)
{
	return &r->titles[i];
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

/* What the header row looks like when a column is missing from it: the
 * file may be of another separator, or in another encoding. */
static const char *
header_hint(const struct csvr *r)
{
	const struct csvrow *h = &r->header;
	bool high = false;

	if (h->n == 1 && csv_settings.delim != '\t' && memchr(h->f[0].p, '\t', h->f[0].n))
		return "; the header looks TAB-separated: use -t";
	if (h->n == 1 && csv_settings.delim != ';' && memchr(h->f[0].p, ';', h->f[0].n))
		return "; the header looks ;-separated: use -d ';'";
	if (h->n == 1 && csv_settings.delim != ',' && memchr(h->f[0].p, ',', h->f[0].n))
		return "; the header looks comma-separated: leave out -d";
	for (size_t i = 0; i < h->n && !high; i++)
		for (size_t k = 0; k < h->f[i].n && !high; k++)
			high = (unsigned char)h->f[i].p[k] >= 0x80;
	if (high && csv_settings.encoding != ENC_AUTO)
		return "; the file may not be in the encoding given to --encoding: "
		    "try --encoding auto";
	return "";
}

int
csvr_need(struct csvr *r, const char *canon)
{
	int col = csvr_col(r, canon);
	char shown[256];
	size_t n = 0;

	if (col >= 0)
		return col;
	/* The header as read, cut short if it is long. */
	for (size_t i = 0; i < r->header.n && n < sizeof shown - 1; i++)
		n += (size_t)snprintf(shown + n, sizeof shown - n, "%s%.*s",
		    i ? "," : "", (int)r->header.f[i].n, r->header.f[i].p);
	if (n >= sizeof shown - 1) {
		n = sizeof shown - 4;
		while (n && ((unsigned char)shown[n] & 0xC0) == 0x80)
			n--;
		memcpy(shown + n, "...", 4);
	}
	die(EXIT_DATAERR, "%s:%ld: missing column %s in the header '%s' (expected "
	    "a header naming %s%s)", r->label, r->header.line, canon, shown,
	    header_expect(canon), header_hint(r));
}

static void
scratch_free(struct csvr *r)
{
	while (r->scratch) {
		struct scratch *next = r->scratch->next;

		free(r->scratch);
		r->scratch = next;
	}
}

/* Room for n bytes that live until the next row. */
static char *
scratch_get(struct csvr *r, size_t n)
{
	struct scratch *s = r->scratch;

	if (!s || s->cap - s->used < n) {
		size_t cap = n > 4096 ? n : 4096;

		s = xmalloc(sizeof *s + cap);
		s->next = r->scratch;
		s->used = 0;
		s->cap = cap;
		r->scratch = s;
	}
	s->used += n;
	return s->b + s->used - n;
}

struct sv
value_clean(struct sv v, char *buf)
{
	size_t i, n = 0;

	if (!any_high(v))
		return sv_trim(v);
	v = sv_trim_spaces(v, false);
	/* Full-width ASCII, U+FF01..U+FF5E: EF BC 81..EF BD 9E. */
	if (!buf)
		return v;
	for (i = 0; i < v.n; i++) {
		const unsigned char *u = (const unsigned char *)v.p + i;

		if (i + 3 <= v.n && u[0] == 0xEF && ((u[1] == 0xBC && u[2] >= 0x81) ||
		    (u[1] == 0xBD && u[2] <= 0x9E)) && u[2] <= 0xBF) {
			buf[n++] = (char)(u[1] == 0xBC ? u[2] - 0x81 + 0x21 : u[2] - 0x80 + 0x60);
			i += 2;
		} else
			buf[n++] = v.p[i];
	}
	return (struct sv){ buf, n };
}

/* Whether v holds full-width ASCII, which row_val folds. */
static bool
has_fullwidth(struct sv v)
{
	for (size_t i = 0; i + 3 <= v.n; i++)
		if ((unsigned char)v.p[i] == 0xEF && ((unsigned char)v.p[i + 1] == 0xBC ||
		    (unsigned char)v.p[i + 1] == 0xBD))
			return true;
	return false;
}

struct sv
row_val_slow(const struct csvrow *row, int col)
{
	struct sv v;

	if (col < 0 || (size_t)col >= row->n)
		return (struct sv){ "", 0 };
	v = value_clean(row->f[col], NULL);
	if (row->owner && has_fullwidth(v))
		v = value_clean(v, scratch_get(row->owner, v.n));
	return v;
}

struct sv
row_text(const struct csvrow *row, int col)
{
	if (col < 0 || (size_t)col >= row->n)
		return (struct sv){ "", 0 };
	return row->f[col];
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
