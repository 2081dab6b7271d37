#include "rejects.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static struct csvw rw;
static const char *rpath;
static const struct csvr *rmain;
static long count;

/* The longest reason written to the rejects file, in bytes. */
enum { REASON_MAX = 500 };

/* Each row goes to the file as soon as it is found bad, and a failed write
 * stops the program there (74), before it writes any report: a report
 * whose rejected rows were lost would not add up. */
static void
rejects_flush(void)
{
	if (fflush(rw.fp) != 0)
		die_errno(EXIT_IOERR, "write error on %s", rpath);
}

void
rejects_open(const char *path, const struct csvr *main_input)
{
	static const char *const cols[] = { "line", "reason", NULL };
	const struct csvrow *h = csvr_header(main_input);
	FILE *fp;

	if (!path)
		return;
	/* Before "w" empties it. */
	if (csvr_is_input(path))
		die(EXIT_USAGE, "--rejects %s is also an input file (expected a file "
		    "of its own for the rejected rows)", path);
	if (!(fp = fopen(path, "w")))
		die_errno(EXIT_IOERR, "cannot create %s", path);
	csvr_forbid_input(fileno(fp));
	rpath = path;
	rmain = main_input;
	csvw_open(&rw, fp, path);
	for (const char *const *c = cols; *c; c++)
		csvw_str(&rw, *c);
	for (size_t i = 0; i < h->n; i++)
		csvw_field(&rw, h->f[i]);
	csvw_end(&rw);
	rejects_flush();
}

void
bad_row(const struct csvr *r, const struct csvrow *row, const char *fmt, ...)
{
	char *msg, reason[REASON_MAX + 1], where[600];
	va_list ap;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* Cut here, not by die(): a long value must not take the "(expected
	 * ...)" part with it. */
	diag_clean(reason, rpath ? REASON_MAX : DIAG_MAX / 2, msg);
	free(msg);
	if (!rpath)
		die(EXIT_DATAERR, "%s:%ld: %s", csvr_label(r), row->line, reason);
	/* Rows of the main input carry their line; rows of a reference file
	 * (a roster, say) carry FILE:LINE so that they cannot be mistaken. */
	if (r == rmain)
		snprintf(where, sizeof where, "%ld", row->line);
	else
		snprintf(where, sizeof where, "%s:%ld", csvr_label(r), row->line);
	csvw_str(&rw, where);
	csvw_str(&rw, reason);
	for (size_t i = 0; i < row->n; i++)
		csvw_field(&rw, row->f[i]);
	csvw_end(&rw);
	rejects_flush();
	count++;
}

long
rejects_count(void)
{
	return count;
}

void
rejects_close(void)
{
	if (!rpath)
		return;
	csvw_close(&rw);
	csvr_forbid_input(-1);
	warnmsg("%ld bad row%s written to %s", count, count == 1 ? "" : "s", rpath);
	rpath = NULL;
}
