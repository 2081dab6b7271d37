/* The roster of dispatched cadres (SPEC section 4). */
#ifndef ROSTER_H
#define ROSTER_H

#include <stdbool.h>

#include "cli.h"
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

/*
 * --township NAME, --village NAME (SPEC section 1, Command line): the
 * cadres a report writes. The names are read as the roster's values are,
 * without the spaces around them (U+3000 too) and with full-width ASCII
 * as ASCII; NULL when not given. Both given: both must hold.
 */
struct area {
	char *township, *village;
};

#define AREA_LONGOPTS \
	{ "township", required_argument, NULL, OPT_TOWNSHIP }, \
	{ "village", required_argument, NULL, OPT_VILLAGE }

/* Handles --township and --village; false if c is neither. */
bool area_option(struct area *a, int c, const char *arg);
/* After the options: an area needs the roster (a usage error without). */
void area_need_roster(const struct area *a, const char *roster_path);
/* After the roster is read: a name that none of its cadres has is a usage
 * error naming the townships (or the township's villages) it does hold. */
void area_check(const struct area *a, const struct roster *ro);
/* Whether the cadre is written: always without an area. */
bool roster_in_area(const struct cadre *c, const struct area *a);
void area_free(struct area *a);

#endif
