#include "diag.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *progname = "cadre";
void (*diag_exit_hook)(int status);

/*
 * Notes (warnmsg) wait here until the program ends well: a program that
 * fails writes one line on standard error, the one that says why.
 */
static char notes[16384];
static size_t nnotes;
static bool failing;
void (*diag_fail_hook)(void);

void
diag_flush_notes(void)
{
	if (nnotes && !failing)
		fwrite(notes, 1, nnotes, stderr);
	nnotes = 0;
}

void
diag_exit(int status)
{
	if (diag_exit_hook)
		diag_exit_hook(status);
	/* A program that fails leaves no report: what standard output still
	 * holds is dropped, not flushed by exit(), and an -o file is not
	 * put in place. */
	if (status != EXIT_OK) {
		failing = true;
		nnotes = 0;
		close(STDOUT_FILENO);
		if (diag_fail_hook)
			diag_fail_hook();
	}
	exit(status);
}

void
diag_init(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	progname = slash ? slash + 1 : argv0;
}

/* Length of the UTF-8 sequence at s (n bytes left), 0 if it is none. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t len;
	unsigned lo = 0x80, hi = 0xBF;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		lo = s[0] == 0xE0 ? 0xA0 : 0x80;
		hi = s[0] == 0xED ? 0x9F : 0xBF;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		lo = s[0] == 0xF0 ? 0x90 : 0x80;
		hi = s[0] == 0xF4 ? 0x8F : 0xBF;
	} else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++, lo = 0x80, hi = 0xBF)
		if (s[i] < lo || s[i] > hi)
			return 0;
	return len;
}

/* Writes s[0..n) escaped to out[0..cap), whole characters only; returns
 * the bytes written, and in *used how much of s they stand for. */
static size_t
escape(char *out, size_t cap, const unsigned char *s, size_t n, size_t *used)
{
	size_t o = 0, i = 0;

	while (i < n) {
		size_t k = utf8_len(s + i, n - i);
		char esc[8];
		const char *e = NULL;

		if (k == 1 && (s[i] < 0x20 || s[i] == 0x7F)) {
			e = s[i] == '\n' ? "\\n" : s[i] == '\r' ? "\\r" :
			    s[i] == '\t' ? "\\t" : NULL;
			if (!e) {
				snprintf(esc, sizeof esc, "\\x%02X", s[i]);
				e = esc;
			}
		} else if (k == 0) {
			snprintf(esc, sizeof esc, "\\x%02X", s[i]);
			e = esc;
			k = 1;
		}
		if (e) {
			size_t m = strlen(e);

			if (o + m > cap)
				break;
			memcpy(out + o, e, m);
			o += m;
		} else {
			if (o + k > cap)
				break;
			memcpy(out + o, s + i, k);
			o += k;
		}
		i += k;
	}
	if (used)
		*used = i;
	return o;
}

void
diag_clean(char *out, size_t max, const char *msg)
{
	const unsigned char *s = (const unsigned char *)msg;
	size_t n = strlen(msg), tail = n, used, o, t;
	const char *p;
	char tailbuf[DIAG_MAX + 1];

	/* The "(expected ...)" part is kept whole (when it leaves room for a
	 * few bytes more); what comes before it is cut if it must be. */
	for (p = msg; (p = strstr(p, " (expected")); p++)
		tail = (size_t)(p - msg);
	t = escape(tailbuf, max >= 16 ? max - 8 : max / 2, s + tail, n - tail,
	    &used);
	if (used < n - tail) {
		tail = n;
		t = 0;
	}
	o = escape(out, max - t, s, tail, &used);
	if (used < tail) {
		/* Cut: room for the ellipsis, on a character boundary. */
		o = escape(out, max - t - 3, s, tail, NULL);
		memcpy(out + o, "\xE2\x80\xA6", 3);
		o += 3;
	}
	memcpy(out + o, tailbuf, t);
	out[o + t] = '\0';
}

/* "PROG: message[: why]" on stderr, as one line of valid UTF-8, or kept
 * among the notes. Nothing here allocates: it may be saying that memory
 * ran out. */
static void
vmsg(const char *fmt, va_list ap, const char *why, bool note)
{
	char msg[4 * DIAG_MAX], clean[DIAG_MAX + 1], line[2 * DIAG_MAX + 256];
	int n;

	vsnprintf(msg, sizeof msg, fmt, ap);
	diag_clean(clean, DIAG_MAX, msg);
	n = snprintf(line, sizeof line, "%s: %s%s%s\n", progname, clean,
	    why ? ": " : "", why ? why : "");
	if (n < 0)
		return;
	if ((size_t)n >= sizeof line)
		n = (int)sizeof line - 1;
	if (!note) {
		fwrite(line, 1, (size_t)n, stderr);
		return;
	}
	if (nnotes + (size_t)n > sizeof notes)
		diag_flush_notes();
	memcpy(notes + nnotes, line, (size_t)n);
	nnotes += (size_t)n;
}

void
warnmsg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, NULL, true);
	va_end(ap);
}

void
die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, NULL, false);
	va_end(ap);
	diag_exit(status);
}

void
die_errno(int status, const char *fmt, ...)
{
	int errnum = errno;
	va_list ap;

	va_start(ap, fmt);
	/* A call that failed for want of memory (fopen, iconv_open, getline)
	 * is out of memory (71), whatever the call was for. */
	if (errnum == ENOMEM) {
		vmsg(fmt, ap, "out of memory", false);
		status = EXIT_OSERR;
	} else
		vmsg(fmt, ap, strerror(errnum), false);
	va_end(ap);
	diag_exit(status);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die(EXIT_OSERR, "out of memory");
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die(EXIT_OSERR, "out of memory");
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		die(EXIT_OSERR, "out of memory");
	return q;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void
die_at_exit(int status, const char *fmt, ...)
{
	int errnum = errno;
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, strerror(errnum), false);
	va_end(ap);
	failing = true;
	_exit(status);
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	int n;
	char *s;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		die(EXIT_OSERR, "out of memory");
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}
