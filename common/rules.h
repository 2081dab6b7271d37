/* The evaluation rules: defaults a county may override with --rules FILE
 * (SPEC section 1, Rules). Keys are named after the SPEC's brackets. */
#ifndef RULES_H
#define RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "strview.h"

enum rule_key {
	R_MONTH_MIN_DAYS,
	R_MONTH_ATTENDANCE_MAX,
	R_MONTH_ABSENT_PENALTY,
	R_MONTH_LATE_EARLY_PENALTY,
	R_MONTH_SHORT_DAY_PENALTY,
	R_MONTH_PERFORMANCE_MAX,
	R_RESIDENCY_STATUSES,
	R_YEAR_MIN_DAYS,
	R_YEAR_TRAINING_DAYS,
	R_YEAR_MAX_LEAVE_DAYS,
	R_QUARTER_LOW_SCORE,
	R_QUARTER_BOTTOM_PLACES,
	R_GRADE_EXCELLENT,
	R_GRADE_GOOD,
	R_GRADE_FAIR,
	R_CAP_RESIDENCY,
	R_CAP_RECALLED,
	R_DISPATCH_MAX_AGE,
	R_DISPATCH_FIT_SPECIALTY,
	R_DISPATCH_FIT_BILINGUAL,
	R_DISPATCH_AGE_PENALTY,
	R_CASE_STALE_DAYS,
	R_COUNT
};

/* A number rule's value. */
double rule_num(enum rule_key k);
/* A status-list rule's value: bit (1 << status) for each status in it. */
unsigned rule_statuses(enum rule_key k);
/* A grade rule's value (enum grade). */
int rule_grade(enum rule_key k);

/* [grid.mark.*]: the status (enum status) a mark of the monthly attendance
 * sheet stands for, or -1 when the rules name no such mark. ASCII case is
 * ignored. */
int rule_grid_mark(struct sv mark);
/* The i-th mark in force and its status; false past the last. */
bool rule_grid_mark_get(size_t i, const char **mark, int *status);

/*
 * Reads key = value lines (a byte-order mark and CRLF accepted) and
 * alias.CODESET.WORD = CODE and grid.mark.MARK = STATUS lines; an unknown
 * key, a bad value, a key set twice in the file, a NUL byte or invalid
 * UTF-8 is exit 64. Called once per --rules file, in order: a later file's
 * key overrides an earlier's.
 */
void rules_load(const char *path);
/* After the last rules_load: rules that contradict each other (grade.good
 * above grade.excellent...) are exit 64, naming the later setting. */
void rules_check(void);
/* Writes the rules in force, aliases too, in the format rules_load reads. */
void rules_print(FILE *fp);

#endif
