/* The daily attendance log (SPEC sections 2 and 3): one row per cadre per
 * day, read by attendance-score and residency-check alike. */
#ifndef DAILYLOG_H
#define DAILYLOG_H

#include <stdbool.h>
#include <stdint.h>

#include "csvio.h"
#include "date.h"
#include "idindex.h"
#include "roster.h"
#include "schema.h"

struct logrow {
	struct sv id, name;
	size_t cadre;             /* the cadre's index in the log's ids */
	day_t date;
	int status;               /* enum status */
	const struct cadre *ref;  /* the roster's cadre, with --roster */
	struct csvrow *row;
};

/* The days of a cadre that already have a row: a bit per day, a block per
 * year, so memory grows with cadres and years, not with rows. The first
 * year's block lives inline: one year is the common case, and it saves a
 * pointer to chase on every row. */
struct daybits_year {
	day_t first, last;
	uint8_t bits[46];
};

struct daybits {
	struct daybits_year y0;     /* all zero while unused */
	struct daybits_year *more;
	size_t n;
};

/*
 * The log gives each cadre a dense index (idindex, first seen first), which
 * the programs use for their own per-cadre records: one id lookup per row,
 * and the roster is asked once per cadre, not once per row.
 */
struct dailylog {
	struct sreader s;
	struct csvr *r;
	const struct roster *roster;
	struct idindex ids;
	const struct cadre **refs; /* roster entry per index, with a roster */
	size_t nrefs;
	struct daybits *days;      /* the days that have a row, per index */
	size_t ndays;
};

/* Opens the log's files (none: standard input), read in turn as one
 * input, and finds their columns (a missing one is exit 65). */
void dailylog_open(struct dailylog *l, const char *const *paths, size_t n);
/* The index of a cadre, e.g. one of the roster before any row names it. */
size_t dailylog_cadre(struct dailylog *l, struct sv id);
/* The next well-formed row: cadre_id, date and status present and valid,
 * the cadre in the roster if there is one, and no row before it for the
 * same cadre and day (SPEC section 2: the second is bad data, whatever
 * period a program then selects). A bad row goes to bad_row(). */
bool dailylog_next(struct dailylog *l, struct logrow *out);
void dailylog_close(struct dailylog *l);

/* The last non-empty name seen for a cadre (SPEC: "last value seen"). Short
 * names live inline, so that comparing costs no pointer chase per row. */
struct lastname {
	size_t len;
	char *heap;          /* names of more than sizeof in - 1 bytes */
	char in[24];
};

/* Keeps name if it is not empty. */
void lastname_set(struct lastname *l, struct sv name);
/* The name, "" if none was seen. */
const char *lastname_str(const struct lastname *l);
void lastname_free(struct lastname *l);

/* Marks day; false if it was marked already. A zeroed daybits is empty. */
bool daybits_mark(struct daybits *b, day_t day);
void daybits_free(struct daybits *b);

#endif
