#include "rules.h"

#include <errno.h>
#include <stdnoreturn.h>
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
	int set_on_line;         /* in the file being read, 0 when not set */
	const char *file;        /* where its value was last set, NULL: default */
	int line;
	unsigned long seq;       /* when: the later of two settings is larger */
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
	[R_YEAR_MAX_LEAVE_DAYS] = RULE("year.max_leave_days", RT_DAYS, 366, "30",
	    "more days of leave in a year are flagged leave_over; 0: no flag"),
	[R_QUARTER_LOW_SCORE] = RULE("quarter.low_score", RT_NUMBER, 1000, "60",
	    "a month total below this is flagged low_score"),
	[R_QUARTER_BOTTOM_PLACES] = RULE("quarter.bottom_places", RT_DAYS, 100000, "3",
	    "the last places of the county ranking, flagged bottom; 0: no flag"),
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

/*
 * [grid.mark.*] (SPEC section 11): a prefix key, grid.mark.MARK = STATUS,
 * one per mark of the monthly attendance sheet, so a county adds its own
 * marks or changes what one stands for. The defaults come first, in the
 * SPEC's order; a mark the rules file adds goes after them.
 */
#define GRID_MARK_PREFIX "grid.mark."

/* Set in place, never allocated: the defaults are there before any rule is
 * read, also for a program that first asks for a rule while it writes. */
static struct grid_mark {
	const char *mark;
	int status;
	int set_on_line;
} grid_marks_builtin[] = {
	{ "√", ST_PRESENT, 0 }, { "✓", ST_PRESENT, 0 }, { "✔", ST_PRESENT, 0 },
	{ "在", ST_PRESENT, 0 }, { "迟", ST_LATE, 0 }, { "早", ST_EARLY, 0 },
	{ "×", ST_ABSENT, 0 }, { "✗", ST_ABSENT, 0 }, { "旷", ST_ABSENT, 0 },
	{ "○", ST_LEAVE, 0 }, { "假", ST_LEAVE, 0 }, { "请", ST_LEAVE, 0 },
	{ "差", ST_BUSINESS, 0 }, { "公", ST_BUSINESS, 0 },
	{ "培", ST_TRAINING, 0 }, { "训", ST_TRAINING, 0 },
	{ "休", ST_REST, 0 }, { "—", ST_REST, 0 },
}, *grid_marks_added;  /* marks of the rules files, each mark its own copy */
static size_t ngrid_added;

#define NGRID_BUILTIN (sizeof grid_marks_builtin / sizeof *grid_marks_builtin)

static struct grid_mark *
grid_mark_at(size_t i)
{
	if (i < NGRID_BUILTIN)
		return &grid_marks_builtin[i];
	return i - NGRID_BUILTIN < ngrid_added ? &grid_marks_added[i - NGRID_BUILTIN] : NULL;
}

static struct grid_mark *
grid_mark_lookup(struct sv mark)
{
	struct grid_mark *m;

	for (size_t i = 0; (m = grid_mark_at(i)); i++)
		if (sv_caseeq(mark, m->mark))
			return m;
	return NULL;
}

int
rule_grid_mark(struct sv mark)
{
	const struct grid_mark *m = grid_mark_lookup(mark);

	return m ? m->status : -1;
}

bool
rule_grid_mark_get(size_t i, const char **mark, int *status)
{
	const struct grid_mark *m = grid_mark_at(i);

	if (!m)
		return false;
	*mark = m->mark;
	*status = m->status;
	return true;
}

/* grid.mark.MARK = STATUS on line lineno of path; the mark is read as a
 * sheet's cell is (spaces around it dropped, full-width ASCII folded). */
static void
grid_mark_load(const char *path, int lineno, struct sv key, struct sv val)
{
	struct sv raw = { key.p + strlen(GRID_MARK_PREFIX), key.n - strlen(GRID_MARK_PREFIX) };
	char *buf = xmalloc(raw.n + 1);
	struct sv mark = value_clean(raw, buf);
	struct grid_mark *m;
	char *valbuf = xmalloc(val.n + 1);
	int st;

	val = value_clean(val, valbuf);
	if (mark.n == 0)
		die(EXIT_USAGE, "%s:%d: %.*s names no mark (expected "
		    GRID_MARK_PREFIX "MARK = STATUS)", path, lineno, (int)key.n, key.p);
	if ((st = code_find(status_codes, val)) < 0)
		die(EXIT_USAGE, "%s:%d: bad value '%.*s' for %.*s (expected a status: %s)",
		    path, lineno, (int)val.n, val.p, (int)key.n, key.p,
		    code_list(status_codes));
	if ((m = grid_mark_lookup(mark))) {
		if (m->set_on_line)
			die(EXIT_USAGE, "%s:%d: %.*s set again (expected each key once; "
			    "first set on line %d)", path, lineno, (int)key.n, key.p,
			    m->set_on_line);
	} else {
		grid_marks_added = xrealloc(grid_marks_added,
		    (ngrid_added + 1) * sizeof *grid_marks_added);
		m = &grid_marks_added[ngrid_added++];
		m->mark = xstrndup(mark.p, mark.n);
	}
	m->status = st;
	m->set_on_line = lineno;
	free(buf);
	free(valbuf);
}

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

/* Settings in the order read, across files: the later one is to blame. */
static unsigned long settings;
/* The files read, which the rules name. */
static char **files;
static size_t nfiles, filecap;

/* The aliases that the file being read sets (a word once per file). */
static struct alias_seen {
	const struct code *tab;
	char *word;
	int line;
} *seen;
static size_t nseen, seencap;

/* Length of the valid UTF-8 sequence at p (n bytes left), or 0. */
static size_t
utf8_len(const unsigned char *p, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, cp = p[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* Overlong forms, surrogates and code points past U+10FFFF. */
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

static bool
utf8_valid(const char *s, size_t n)
{
	for (size_t i = 0, k; i < n; i += k)
		if (!(k = utf8_len((const unsigned char *)s + i, n - i)))
			return false;
	return true;
}

/* Names of the code sets, for a message saying what was expected. */
static const char *const set_names =
    "status, grade, role, kind, event, party, rank, unit_level, specialty, need, result";

/*
 * alias.CODESET.WORD = CODE (SPEC section 1, Rules): WORD becomes a
 * further name of CODE in CODESET. key is the whole key.
 */
static void
alias_set(const char *path, int lineno, struct sv key, struct sv val)
{
	struct sv rest = { key.p + 6, key.n - 6 }, word;
	const char *dot = memchr(rest.p, '.', rest.n);
	const struct code *tab = NULL;
	char set[32], *wordbuf, *valbuf;
	int code;

	if (dot && (size_t)(dot - rest.p) < sizeof set) {
		memcpy(set, rest.p, dot - rest.p);
		set[dot - rest.p] = '\0';
		for (char *c = set; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c += 'a' - 'A';
		tab = codeset_find(set);
	}
	if (!dot)
		die(EXIT_USAGE, "%s:%d: %.*s names no code set and word (expected "
		    "alias.CODESET.WORD = CODE)", path, lineno, (int)key.n, key.p);
	if (!tab)
		die(EXIT_USAGE, "%s:%d: unknown code set in %.*s (expected "
		    "alias.CODESET.WORD with CODESET one of %s)", path, lineno,
		    (int)key.n, key.p, set_names);
	/* Read as the reader reads a value, so that the word is found in one:
	 * spaces (U+3000 too) trimmed, full-width ASCII folded. */
	word = (struct sv){ dot + 1, rest.n - (dot + 1 - rest.p) };
	word = value_clean(word, wordbuf = xmalloc(word.n + 1));
	val = value_clean(val, valbuf = xmalloc(val.n + 1));
	if (word.n == 0)
		die(EXIT_USAGE, "%s:%d: no word in %.*s (expected alias.%s.WORD = "
		    "CODE)", path, lineno, (int)key.n, key.p, set);
	if ((code = code_find(tab, val)) < 0)
		die(EXIT_USAGE, "%s:%d: unknown %s '%.*s' for alias %.*s (expected "
		    "one of %s)", path, lineno, set, (int)val.n, val.p, (int)word.n,
		    word.p, code_list(tab));
	for (size_t i = 0; i < nseen; i++)
		if (seen[i].tab == tab && sv_caseeq(word, seen[i].word))
			die(EXIT_USAGE, "%s:%d: alias.%s.%.*s set again (expected each "
			    "alias once; first set on line %d)", path, lineno, set,
			    (int)word.n, word.p, seen[i].line);
	if (code_alias_add(tab, word, code) < 0)
		die(EXIT_USAGE, "%s:%d: '%.*s' already names %s %s (expected a word "
		    "of the county's own for alias.%s)", path, lineno, (int)word.n,
		    word.p, set, tab[code_find(tab, word)].name, set);
	if (nseen == seencap) {
		seencap = seencap ? 2 * seencap : 16;
		seen = xrealloc(seen, seencap * sizeof *seen);
	}
	seen[nseen++] = (struct alias_seen){ tab, xstrndup(word.p, word.n), lineno };
	free(wordbuf);
	free(valbuf);
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
	const char *file;

	rules_init();
	/* A key may be set once per file: what an earlier call read is not a
	 * second setting, and its line numbers belong to another file. */
	for (int k = 0; k < R_COUNT; k++)
		rules[k].set_on_line = 0;
	for (size_t i = 0; grid_mark_at(i); i++)
		grid_mark_at(i)->set_on_line = 0;
	for (size_t i = 0; i < nseen; i++)
		free(seen[i].word);
	nseen = 0;
	/* fopen() takes a directory; say so now, not "read error" later. */
	if (fp && fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(fp);
		fp = NULL;
		errno = EISDIR;
	}
	if (!fp)
		die_errno(EXIT_NOINPUT, "cannot open %s", path);
	csvr_note_input(fileno(fp), path);
	/* Named by the rules it sets until the program ends. */
	if (nfiles == filecap) {
		filecap = filecap ? 2 * filecap : 8;
		files = xrealloc(files, filecap * sizeof *files);
	}
	file = files[nfiles++] = xstrdup(path);
	while ((len = getline(&line, &cap, fp)) >= 0) {
		char *text = line, *hash, *eq;
		struct sv key, val;
		const char *bad;
		int k;

		lineno++;
		/* Notepad begins a file it saves as UTF-8 with a byte-order mark. */
		if (lineno == 1 && len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
			text += 3, len -= 3;
		if (memchr(text, '\0', len))
			die(EXIT_USAGE, "%s:%d: NUL byte (expected text)", path, lineno);
		if (!utf8_valid(text, len))
			die(EXIT_USAGE, "%s:%d: invalid UTF-8 (expected a rules file "
			    "saved as UTF-8)", path, lineno);
		if ((hash = memchr(text, '#', len)))
			len = hash - text;
		while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
			len--;
		if (sv_trim((struct sv){ text, len }).n == 0)
			continue;
		if (!(eq = memchr(text, '=', len)))
			die(EXIT_USAGE, "%s:%d: expected key = value", path, lineno);
		key = sv_trim((struct sv){ text, eq - text });
		val = sv_trim((struct sv){ eq + 1, len - (eq + 1 - text) });
		if (key.n > 6 && sv_caseeq((struct sv){ key.p, 6 }, "alias.")) {
			alias_set(path, lineno, key, val);
			continue;
		}
		if (key.n >= strlen(GRID_MARK_PREFIX) &&
		    sv_caseeq((struct sv){ key.p, strlen(GRID_MARK_PREFIX) }, GRID_MARK_PREFIX)) {
			grid_mark_load(path, lineno, key, val);
			continue;
		}
		for (k = 0; k < R_COUNT && !sv_caseeq(key, rules[k].key); k++)
			;
		if (k == R_COUNT)
			die(EXIT_USAGE, "%s:%d: unknown rule %.*s (expected a key that "
			    "--print-rules lists, or alias.CODESET.WORD)", path, lineno,
			    (int)key.n, key.p);
		if (rules[k].set_on_line)
			die(EXIT_USAGE, "%s:%d: %s set again (expected each key once; "
			    "first set on line %d)", path, lineno, rules[k].key,
			    rules[k].set_on_line);
		if ((bad = rule_set(&rules[k], val)))
			die(EXIT_USAGE, "%s:%d: bad value '%.*s' for %s (expected %s)", path,
			    lineno, (int)val.n, val.p, rules[k].key, bad);
		rules[k].set_on_line = lineno;
		rules[k].file = file;
		rules[k].line = lineno;
		rules[k].seq = ++settings;
	}
	/* getline() also stops when it cannot grow its line (ENOMEM). */
	if (ferror(fp) || !feof(fp))
		die_errno(EXIT_IOERR, "%s: read error", path);
	free(line);
	fclose(fp);
}

/* Where a rule's value comes from, for a message. */
static const char *
rule_origin(const struct rule *r)
{
	static char buf[2][512];
	static int slot;

	slot = !slot;
	if (!r->file)
		snprintf(buf[slot], sizeof buf[slot], "by default");
	else
		snprintf(buf[slot], sizeof buf[slot], "on %s:%d", r->file, r->line);
	return buf[slot];
}

/* Stops with a usage error naming the later of the two settings. */
static noreturn void
contradiction(const struct rule *a, const struct rule *b, const char *what,
    const char *expect)
{
	const struct rule *blame = a->seq > b->seq ? a : b, *other = blame == a ? b : a;
	char v1[32], v2[32];

	num_format(blame->num, v1);
	num_format(other->num, v2);
	die(EXIT_USAGE, "%s:%d: %s = %s contradicts %s = %s, set %s (expected %s; %s)",
	    blame->file ? blame->file : "rules", blame->line, blame->key, v1, other->key, v2,
	    rule_origin(other), expect, what);
}

void
rules_check(void)
{
	static const char grades[] = "grade.excellent >= grade.good >= grade.fair";
	const struct rule *ex = &rules[R_GRADE_EXCELLENT], *good = &rules[R_GRADE_GOOD],
	    *fair = &rules[R_GRADE_FAIR], *amax = &rules[R_MONTH_ATTENDANCE_MAX],
	    *pmax = &rules[R_MONTH_PERFORMANCE_MAX];

	rules_init();
	if (good->num > ex->num)
		contradiction(good, ex, "a better grade needs a higher average", grades);
	if (fair->num > good->num)
		contradiction(fair, good, "a better grade needs a higher average", grades);
	/* A total is at most attendance plus performance: an excellent that no
	 * average can reach is a cut set by mistake. */
	if (ex->num > num_round2(amax->num + pmax->num)) {
		const struct rule *blame = ex;
		char v1[32], v2[32], v3[32];

		if (amax->seq > blame->seq)
			blame = amax;
		if (pmax->seq > blame->seq)
			blame = pmax;
		num_format(ex->num, v1);
		num_format(amax->num, v2);
		num_format(pmax->num, v3);
		die(EXIT_USAGE, "%s:%d: %s contradicts the highest total: grade.excellent "
		    "= %s, month.attendance_max = %s, month.performance_max = %s "
		    "(expected grade.excellent <= month.attendance_max + "
		    "month.performance_max; no average could be excellent)",
		    blame->file ? blame->file : "rules", blame->line, blame->key, v1,
		    v2, v3);
	}
}

/* The aliases in force, as alias.CODESET.WORD = CODE lines. */
static void
print_aliases(FILE *fp)
{
	const struct code *tab;
	const char *word;
	int code;

	for (size_t i = 0; code_alias_get(i, &tab, &word, &code); i++) {
		if (i == 0)
			fputs("\n# a county's own words for codes: alias.CODESET.WORD = CODE\n", fp);
		fprintf(fp, "alias.%s.%s = %s\n", codeset_name(tab), word, tab[code].name);
	}
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
	print_aliases(fp);
	fputs("\n# marks of the monthly attendance sheet (attendance-grid) and the status\n"
	    "# each stands for; a status code or its Chinese name is a mark too\n", fp);
	for (size_t i = 0; grid_mark_at(i); i++)
		fprintf(fp, GRID_MARK_PREFIX "%s = %s\n", grid_mark_at(i)->mark,
		    status_codes[grid_mark_at(i)->status].name);
}
