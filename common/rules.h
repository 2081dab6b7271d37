/* The evaluation rules: defaults a county may override with --rules FILE
 * (SPEC section 1, Rules). Keys are named after the SPEC's brackets. */
#ifndef RULES_H
#define RULES_H

#include <stdio.h>

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
	R_QUARTER_LOW_SCORE,
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

/* Reads key = value lines; an unknown key or bad value is exit 64. */
void rules_load(const char *path);
/* Writes the rules in force in the format rules_load reads. */
void rules_print(FILE *fp);

#endif
