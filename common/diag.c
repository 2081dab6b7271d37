#include "diag.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *progname = "cadre";
void (*diag_exit_hook)(int status);

void
diag_exit(int status)
{
	if (diag_exit_hook)
		diag_exit_hook(status);
	/* A program that fails leaves no report: what standard output still
	 * holds is dropped, not flushed by exit(). */
	if (status != EXIT_OK)
		close(STDOUT_FILENO);
	exit(status);
}

void
diag_init(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	progname = slash ? slash + 1 : argv0;
}

/* "PROG: message[: why]" on stderr. */
static void
vmsg(const char *fmt, va_list ap, const char *why)
{
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	if (why)
		fprintf(stderr, ": %s", why);
	fputc('\n', stderr);
}

void
warnmsg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, NULL);
	va_end(ap);
}

void
die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, NULL);
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
		vmsg(fmt, ap, "out of memory");
		status = EXIT_OSERR;
	} else
		vmsg(fmt, ap, strerror(errnum));
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
