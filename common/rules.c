#include "rules.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "codes.h"
#include "csvio.h"
#include "diag.h"
#include "numfmt.h"

enum rule_type { RT_NUMBER, RT_DAYS, RT_STATUSES, RT_GRADE };

#define RULE(k, t, mx, d, w) { .key = k, .type = t, .max = mx, .deflt = d, .what = w }

static struct rule {
	const char *key;
	enum rule_type type;
	double max;              /* numbers: the largest sensible value */
	const char *deflt;
	const char *what;        /* one line for --print-rules */
	double num;
	unsigned mask;
	int grade;
	int set_on_line;
} rules[R_COUNT] = {
	[R_MONTH_MIN_DAYS] = RULE("month.min_days", RT_DAYS, 31, "20",
	    "days in the village required in a month"),
	[R_MONTH_ATTENDANCE_MAX] = RULE("month.attendance_max", RT_NUMBER, 1000, "40",
	    "attendance points of a month with nothing deducted"),
	[R_MONTH_ABSENT_PENALTY] = RULE("month.absent_penalty", RT_NUMBER, 1000, "3",
	    "points off for each day absent without leave"),
	[R_MONTH_LATE_EARLY_PENALTY] = RULE("month.late_early_penalty", RT_NUMBER, 1000, "1",
	    "points off for each day late or left early"),
	[R_MONTH_SHORT_DAY_PENALTY] = RULE("month.short_day_penalty", RT_NUMBER, 1000, "2",
	    "points off for each day short of the required days"),
	[R_MONTH_PERFORMANCE_MAX] = RULE("month.performance_max", RT_NUMBER, 1000, "60",
	    "largest performance score of a month"),
	[R_RESIDENCY_STATUSES] = RULE("residency.statuses", RT_STATUSES, 0,
	    "present late early business training",
	    "statuses that count as a day in the village"),
	[R_YEAR_MIN_DAYS] = RULE("year.min_days", RT_DAYS, 366, "200",
	    "days in the village required in a year"),
	[R_YEAR_TRAINING_DAYS] = RULE("year.training_days", RT_DAYS, 366, "4",
	    "training days required in a year"),
	[R_QUARTER_LOW_SCORE] = RULE("quarter.low_score", RT_NUMBER, 1000, "60",
	    "a month total below this is flagged low_score"),
	[R_GRADE_EXCELLENT] = RULE("grade.excellent", RT_NUMBER, 1000, "90",
	    "average total for excellent"),
	[R_GRADE_GOOD] = RULE("grade.good", RT_NUMBER, 1000, "80",
	    "average total for good"),
	[R_GRADE_FAIR] = RULE("grade.fair", RT_NUMBER, 1000, "60",
	    "average total for fair"),
	[R_CAP_RESIDENCY] = RULE("cap.residency", RT_GRADE, 0, "good",
	    "highest grade of a cadre short of the year's residency days"),
	[R_CAP_RECALLED] = RULE("cap.recalled", RT_GRADE, 0, "good",
	    "highest grade of a recalled cadre"),
	[R_DISPATCH_MAX_AGE] = RULE("dispatch.max_age", RT_DAYS, 200, "45",
	    "age above which a cadre's fit loses dispatch.age_penalty"),
	[R_DISPATCH_FIT_SPECIALTY] = RULE("dispatch.fit_specialty", RT_DAYS, 1000, "10",
	    "fit for a specialty that serves a village need"),
	[R_DISPATCH_FIT_BILINGUAL] = RULE("dispatch.fit_bilingual", RT_DAYS, 1000, "3",
	    "fit for a bilingual cadre in an ethnic village"),
	[R_DISPATCH_AGE_PENALTY] = RULE("dispatch.age_penalty", RT_DAYS, 1000, "5",
	    "fit taken off a cadre older than dispatch.max_age"),
	[R_CASE_STALE_DAYS] = RULE("case.stale_days", RT_DAYS, 100000, "90",
	    "an open case with no event for longer than this is stale"),
};

/* Parses v for rule r; a message saying what was expected if it is bad. */
static const char *
rule_set(struct rule *r, struct sv v)
{
	static char expect[160];
	double d;
	long n;

	switch (r->type) {
	case RT_NUMBER:
		if (!num_parse(v, &d) || d < 0 || d > r->max) {
			snprintf(expect, sizeof expect, "a number from 0 to %g", r->max);
			return expect;
		}
		r->num = d;
		return NULL;
	case RT_DAYS:
		if (!int_parse(v, &n) || n > r->max) {
			snprintf(expect, sizeof expect, "a whole number from 0 to %g", r->max);
			return expect;
		}
		r->num = n;
		return NULL;
	case RT_STATUSES: {
		unsigned mask = 0;
		size_t i = 0;

		snprintf(expect, sizeof expect, "status codes separated by spaces: %s",
		    code_list(status_codes));
		while (i < v.n) {
			size_t j;
			int st;

			for (; i < v.n && (v.p[i] == ' ' || v.p[i] == ','); i++)
				;
			for (j = i; j < v.n && v.p[j] != ' ' && v.p[j] != ','; j++)
				;
			if (j == i)
				break;
			if ((st = code_find(status_codes, (struct sv){ v.p + i, j - i })) < 0)
				return expect;
			mask |= 1u << st;
			i = j;
		}
		if (!mask)
			return expect;
		r->mask = mask;
		return NULL;
	}
	case RT_GRADE: {
		int g = code_find(grade_codes, v);

		if (g < 0) {
			snprintf(expect, sizeof expect, "a grade: %s", code_list(grade_codes));
			return expect;
		}
		r->grade = g;
		return NULL;
	}
	}
	return "a value";
}

static void
rules_init(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	for (int k = 0; k < R_COUNT; k++)
		if (rule_set(&rules[k], sv_of(rules[k].deflt)))
			die(EXIT_OSERR, "internal error: bad default for %s", rules[k].key);
}

double
rule_num(enum rule_key k)
{
	rules_init();
	return rules[k].num;
}

unsigned
rule_statuses(enum rule_key k)
{
	rules_init();
	return rules[k].mask;
}

int
rule_grade(enum rule_key k)
{
	rules_init();
	return rules[k].grade;
}

void
rules_load(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int lineno = 0;
	struct stat st;

	rules_init();
	/* A key may be set once per file: what an earlier call read is not a
	 * second setting, and its line numbers belong to another file. */
	for (int k = 0; k < R_COUNT; k++)
		rules[k].set_on_line = 0;
	/* fopen() takes a directory; say so now, not "read error" later. */
	if (fp && fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(fp);
		fp = NULL;
		errno = EISDIR;
	}
	if (!fp)
		die_errno(EXIT_NOINPUT, "cannot open %s", path);
	csvr_note_input(fileno(fp), path);
	while ((len = getline(&line, &cap, fp)) >= 0) {
		char *hash = memchr(line, '#', len), *eq;
		struct sv key, val;
		const char *bad;
		int k;

		lineno++;
		if (hash)
			len = hash - line;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (sv_trim((struct sv){ line, len }).n == 0)
			continue;
		if (!(eq = memchr(line, '=', len)))
			die(EXIT_USAGE, "%s:%d: expected key = value", path, lineno);
		key = sv_trim((struct sv){ line, eq - line });
		val = sv_trim((struct sv){ eq + 1, len - (eq + 1 - line) });
		for (k = 0; k < R_COUNT && !sv_caseeq(key, rules[k].key); k++)
			;
		if (k == R_COUNT)
			die(EXIT_USAGE, "%s:%d: unknown rule %.*s (expected a key that "
			    "--print-rules lists)", path, lineno, (int)key.n, key.p);
		if (rules[k].set_on_line)
			die(EXIT_USAGE, "%s:%d: %s set again (expected each key once; "
			    "first set on line %d)", path, lineno, rules[k].key,
			    rules[k].set_on_line);
		if ((bad = rule_set(&rules[k], val)))
			die(EXIT_USAGE, "%s:%d: bad value '%.*s' for %s (expected %s)", path,
			    lineno, (int)val.n, val.p, rules[k].key, bad);
		rules[k].set_on_line = lineno;
	}
	/* getline() also stops when it cannot grow its line (ENOMEM). */
	if (ferror(fp) || !feof(fp))
		die_errno(EXIT_IOERR, "%s: read error", path);
	free(line);
	fclose(fp);
}

void
rules_print(FILE *fp)
{
	rules_init();
	fputs("# cadre toolkit rules in force; --rules FILE reads this format\n", fp);
	for (int k = 0; k < R_COUNT; k++) {
		const struct rule *r = &rules[k];
		char buf[32];

		fprintf(fp, "\n# %s\n%s = ", r->what, r->key);
		switch (r->type) {
		case RT_NUMBER:
		case RT_DAYS:
			num_format(r->num, buf);
			fputs(buf, fp);
			break;
		case RT_STATUSES:
			for (int st = 0, first = 1; st < ST_COUNT; st++)
				if (r->mask & (1u << st)) {
					fprintf(fp, "%s%s", first ? "" : " ", status_codes[st].name);
					first = 0;
				}
			break;
		case RT_GRADE:
			fputs(grade_codes[r->grade].name, fp);
			break;
		}
		fputc('\n', fp);
	}
}
