/* The roster of dispatched cadres (SPEC section 4). */
#ifndef ROSTER_H
#define ROSTER_H

#include <stdbool.h>

#include "date.h"
#include "idindex.h"

struct cadre {
	char *id, *name, *township, *village, *unit;
	int role;            /* enum role, or -1 when not given */
	day_t start, end;    /* DAY_MIN / DAY_MAX when empty */
	bool reserve, recalled;
	long line;
};

#define DAY_MIN ((day_t)-10000000)
#define DAY_MAX ((day_t)10000000)

struct roster {
	struct cadre *cadres; /* in file order */
	size_t n;
	struct idindex ids;   /* id -> index into cadres */
	const char *label;
};

/* Reads FILE; bad rows go through bad_row(). */
struct roster *roster_load(const char *path);
/* The cadre, or NULL. Fast for ids asked in a repeating order (a daily
 * log): the roster's index learns the order; that is its only change. */
const struct cadre *roster_find(const struct roster *r, struct sv id);
void roster_free(struct roster *r);

/* Days of [from, to] on which the cadre was dispatched. */
int dispatched_days(const struct cadre *c, day_t from, day_t to);

#endif
