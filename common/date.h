/* Dates as day numbers, months and quarters (SPEC section 1, Values). */
#ifndef DATE_H
#define DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strview.h"

typedef int32_t day_t; /* days since 1970-01-01 */

enum date_result { DATE_OK = 0, DATE_SYNTAX = -1, DATE_IMPOSSIBLE = -2 };

/*
 * YYYY-MM-DD, YYYY-M-D, YYYY/M/D, YYYY.M.D, YYYYMMDD, YYYY年M月D日; spaces
 * around. Each may be followed by a time of day, which is ignored: a space
 * or T, then H:MM or H:MM:SS with an optional fraction of a second
 * (2018/3/5 0:00, 2018-03-05 00:00:00.000, 2018-03-05T08:30). A time that
 * is not well-formed (hour 0-23, minutes and seconds 0-59) is DATE_SYNTAX.
 */
int date_parse(struct sv s, day_t *out);
/* YYYY-MM (also YYYY-M, YYYY/M, YYYY.M, YYYYMM, YYYY年M月) to y*12+m-1; a
 * date that date_parse accepts is read as its month (2018/3/1). */
int month_parse(struct sv s, int *ym);
/* YYYYQn, YYYY-Qn, lower case q too; YYYY年第n季度 and YYYY年n季度 with n
 * 1-4 or 一二三四. */
int quarter_parse(struct sv s, int *year, int *q);
int year_parse(struct sv s, int *year);

day_t date_from_ymd(int y, int m, int d);
void date_ymd(day_t day, int *y, int *m, int *d);
#define DATE_BUF 16
void date_format(day_t day, char buf[DATE_BUF]); /* YYYY-MM-DD */
void month_format(int ym, char buf[DATE_BUF]);   /* YYYY-MM */
int days_in_month(int y, int m);
int days_in_year(int y);
int month_of(day_t day); /* y*12+m-1 */
int year_of(day_t day);
day_t month_first(int ym);
day_t month_last(int ym);

/* Number of days of [a1,b1] that also lie in [a2,b2]; 0 if none. */
int overlap_days(day_t a1, day_t b1, day_t a2, day_t b2);

/* Today in local time. */
day_t date_today(void);

/*
 * The periods an input holds (months y*12+m-1, quarters y*4+q-1 or years),
 * a sorted set, for the message of a period option that selects no row
 * (SPEC section 1). Adding the period just added costs one comparison:
 * a log in date order adds the same month row after row.
 */
struct periods {
	int *v;
	size_t n, cap, last;
};

void periods_add(struct periods *p, int x);
bool periods_has(const struct periods *p, int x);
/* The periods for a message, runs of consecutive ones written "FIRST to
 * LAST" ("2017-11 to 2018-12, 2019-03"), cut with "..." to fit; "none"
 * when empty. fmt writes one period. */
void periods_format(const struct periods *p, void (*fmt)(int, char[DATE_BUF]),
    char *buf, size_t cap);
void periods_free(struct periods *p);

#endif
