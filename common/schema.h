/*
 * An input file said once, as data (SPEC sections 2-8 describe each input
 * as a table of columns): its columns with their kinds, which must be
 * there, which may not be empty, the roster check and the key that must
 * be unique. One reader finds the header (title rows above it skipped),
 * reads and checks every value, and reports a bad one through bad_row()
 * with the one message of its kind, so that a rule such as "an empty
 * value is called empty" holds for every file of every program alike.
 * What is left to a program is its own checks.
 */
#ifndef SCHEMA_H
#define SCHEMA_H

#include <stdbool.h>

#include "csvio.h"
#include "date.h"
#include "roster.h"
#include "strmap.h"

enum col_kind {
	COL_ID,      /* an id or a name used as one (township): trimmed */
	COL_TEXT,    /* text passed through as read (a name, a note) */
	COL_CODE,    /* one code of codes, by its name, Chinese name or alias */
	COL_LIST,    /* codes separated by ; ； ， 、 */
	COL_DATE,
	COL_MONTH,
	COL_YEAR,
	COL_NUM,     /* a decimal, from min to max (max_rule: a rule's value) */
	COL_COUNT,   /* a whole number from 0 */
	COL_YESNO,
};

enum col_flag {
	COL_REQUIRED = 1,  /* the column must be there */
	COL_VALUE = 2,     /* and its value may not be empty */
	COL_ROSTER = 4,    /* an id that must be in the roster, if one is given */
	COL_KEY = 8,       /* part of the key no two rows may share */
};

struct colspec {
	const char *name;          /* canonical name; Chinese aliases in codes.c */
	enum col_kind kind;
	unsigned flags;
	const struct code *codes;  /* COL_CODE, COL_LIST */
	double min, max;           /* COL_NUM */
	int max_rule;              /* COL_NUM: RULE_MAX(key) when max is that
	                            * rule's value, else 0 */
	const char *expect;        /* what a value is, for messages; NULL: the
	                            * kind's own words */
};

#define RULE_MAX(key) ((key) + 1)

/* A table entry: COL(name, kind, flags[, codes][, .field = value...]). */
#define COL(nm, k, fl, ...) { .name = (nm), .kind = (k), .flags = (fl), __VA_ARGS__ }

struct schema {
	const struct colspec *cols;
	size_t ncols;
	const char *key_expect;    /* "one row per cadre and month" */
};

struct value {
	struct sv s;               /* as cleaned; COL_TEXT: as read */
	union {
		day_t date;
		int month;         /* y*12+m-1 */
		int year;
		int code;          /* -1 when empty */
		unsigned bits;     /* COL_LIST */
		double num;
		long count;
		int yes;           /* 1, 0, -1 when empty */
	} u;
};

struct sreader {
	struct csvr *r;            /* the file being read */
	const struct schema *sc;
	const char **paths;        /* the files, read in turn as one input */
	size_t npaths, ipath;
	struct csvr **rs;          /* a reader for each */
	int *cols;                 /* each file's columns, one per spec */
	int *col;                  /* the column of each spec in the file being
	                            * read, -1 if absent */
	int roster_col;            /* the COL_ROSTER spec, or -1 */
	bool has_key;              /* some spec is COL_KEY */
	const struct roster *roster;
	struct strmap keys;        /* key -> first line */
	void **last_key;           /* the row's, for sreader_forget */
	char *key;
	size_t keycap;
	struct value *v;           /* the row's values, one per spec */
	struct csvrow *row;
	const struct cadre *ref;   /* the COL_ROSTER cadre, with a roster */
	/* A program that reports bad rows itself (later, with others of the
	 * same case) sets this; NULL: bad_row(). */
	void (*on_bad)(struct sreader *s, const char *reason);
};

/* Opens path (NULL or "-": standard input) and finds its columns; a
 * missing required one is exit 65 naming it and the file. */
void sreader_open(struct sreader *s, const struct schema *sc, const char *path,
    const struct roster *ro);
/* Opens files (none: standard input), read in turn as one input, each
 * with its own header and its columns found by name in it; all of them
 * now, so that one missing stops the program before it reads anything. */
void sreader_open_all(struct sreader *s, const struct schema *sc,
    const char *const *paths, size_t n, const struct roster *ro);
/* The next row whose values are all good; a bad one goes to bad_row(). */
bool sreader_next(struct sreader *s);
/* The row just read, rejected by the program's own checks, does not take
 * its key: a later row with the same key is not a second one. */
void sreader_forget(struct sreader *s);
/* Whether the file has the column of spec i. */
bool sreader_has(const struct sreader *s, size_t i);
void sreader_close(struct sreader *s);

#endif
