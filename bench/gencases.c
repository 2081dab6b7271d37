/*
 * gencases: writes a made-up event log of problem leads and problems found
 * by inspection, the input of case-track (SPEC section 8): the sample
 * testdata/cases.csv and the benchmark's million events.
 *
 *	gencases [-s seed] [-n cases | -e events] [-y year] [-w days]
 *
 * Cases are received on the first -w days of the year (default 300) and
 * run their course: a problem gets a deadline to rectify, and each missed
 * deadline brings supervision, an interview, an admonishment and a new
 * deadline; a lead is filed, given a deadline, concluded, punished and
 * made public. Some cases are closed (对账销号), some are left open.
 * With -e, cases are made until there are at least that many events.
 * Rows are written in date order, the cases interleaved as a real log is
 * kept; a case's events on one day keep their order. The output depends
 * on the arguments alone: our own random numbers and calendar, never the C
 * library's rand() or the time zone.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
	"徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
};

static const char *const givens[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
	"勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚",
};

static const char *const units[] = {
	"县教育局", "县卫健局", "县农业农村局", "县水利局", "县民政局",
	"县自然资源局", "县住建局", "县交通运输局", "城关镇", "河口镇",
	"石桥乡", "柳林乡", "东山镇", "西坪乡", "县医保局", "县市场监管局",
};

enum ev {
	RECEIVED, FILED, NOTICE, SUPERVISE, INTERVIEW, ADMONISH, RECTIFIED,
	CONCLUDED, PENALTY, ORG_HANDLING, PUBLICIZED, CLOSED
};

static const char *const evname[] = {
	"received", "filed", "notice", "supervise", "interview", "admonish",
	"rectified", "concluded", "penalty", "org_handling", "publicized", "closed",
};

struct event {
	int day;           /* days since January 1 of the year */
	int deadline;      /* notice only */
	uint32_t cas;
	uint8_t code;
};

struct cas {
	int issue;
	char person[16];
	const char *unit;
};

static struct event *evs;
static size_t nevs, capevs;
static struct cas *cases;
static size_t ncases, capcases;

static uint64_t
next(uint64_t *s)
{
	/* splitmix64 */
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int
pick(uint64_t *s, int n)
{
	return (int)(next(s) % (uint64_t)n);
}

/* True with probability pct / 100. */
static int
chance(uint64_t *s, int pct)
{
	return pick(s, 100) < pct;
}

static void *
xrealloc(void *p, size_t n)
{
	if (!(p = realloc(p, n))) {
		fputs("gencases: out of memory\n", stderr);
		exit(71);
	}
	return p;
}

static void
add(uint32_t c, int day, int code, int deadline)
{
	if (nevs == capevs) {
		capevs = capevs ? 2 * capevs : 4096;
		evs = xrealloc(evs, capevs * sizeof *evs);
	}
	evs[nevs++] = (struct event){ day, deadline, c, (uint8_t)code };
}

/* A problem found by inspection: deadlines until it is rectified. */
static void
make_issue(uint64_t *s, uint32_t c, int day)
{
	static const int ladder[] = { SUPERVISE, INTERVIEW, ADMONISH, ADMONISH };
	int deadline, round;

	day += 1 + pick(s, 7);
	deadline = day + 30 + pick(s, 31);
	add(c, day, NOTICE, deadline);
	if (chance(s, 50))
		add(c, day + 5 + pick(s, 5), SUPERVISE, -1); /* routine */
	for (round = 0; round < 4 && chance(s, 70); round++) {
		/* The deadline is missed: the ladder, then a new deadline. */
		day = deadline + 1 + pick(s, 30);
		add(c, day, ladder[round], -1);
		deadline = day + 20 + pick(s, 21);
		add(c, day, NOTICE, deadline);
		if (chance(s, 10))
			return; /* still open */
	}
	day = deadline - pick(s, 20);
	add(c, day, RECTIFIED, -1);
	if (chance(s, 60)) {
		day += 3;
		add(c, day, PUBLICIZED, -1);
	}
	if (chance(s, 80))
		add(c, day + 5 + pick(s, 16), CLOSED, -1);
}

/* A lead: filed, concluded, punished and published, or still under review. */
static void
make_lead(uint64_t *s, uint32_t c, int day)
{
	int deadline, n;

	if (chance(s, 10))
		return; /* received, not yet filed */
	day += 1 + pick(s, 10);
	add(c, day, FILED, -1);
	deadline = day + 30 + pick(s, 61);
	add(c, day, NOTICE, deadline);
	if (chance(s, 50))
		add(c, day + 10 + pick(s, 10), SUPERVISE, -1);
	if (!chance(s, 75)) {
		if (chance(s, 50)) {
			day = deadline + 1 + pick(s, 10);
			add(c, day, SUPERVISE, -1);
		}
		return; /* under review */
	}
	day = deadline - pick(s, 10);
	add(c, day, CONCLUDED, -1);
	/* Several persons may answer for one lead. */
	for (n = 1 + pick(s, 3); n > 0; n--) {
		if (chance(s, 60))
			add(c, day + 1 + pick(s, 5), PENALTY, -1);
		else if (chance(s, 50))
			add(c, day + 1 + pick(s, 5), ORG_HANDLING, -1);
		else
			add(c, day + 1 + pick(s, 5), INTERVIEW, -1);
	}
	if (chance(s, 85)) {
		day += 7 + pick(s, 10);
		add(c, day, PUBLICIZED, -1);
	}
	if (chance(s, 60))
		add(c, day + 5 + pick(s, 20), CLOSED, -1);
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Writes year-day n of year y (n may run into the next years). */
static void
put_date(int y, int n)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int m = 0;

	while (n >= 365 + leap(y))
		n -= 365 + leap(y++);
	for (;;) {
		int dm = mdays[m] + (m == 1 && leap(y));

		if (n < dm)
			break;
		n -= dm;
		m++;
	}
	printf("%04d-%02d-%02d", y, m + 1, n + 1);
}

static void
usage(void)
{
	fputs("usage: gencases [-s seed] [-n cases | -e events] [-y year] [-w days]\n",
	    stderr);
	exit(64);
}

static long
num(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0)
		usage();
	return v;
}

int
main(int argc, char **argv)
{
	uint64_t seed = 1;
	long want_cases = 40, want_events = 0;
	int year = 2018, window = 300, ch, maxday = 0;
	size_t *start;

	while ((ch = getopt(argc, argv, "e:n:s:w:y:")) != -1) {
		switch (ch) {
		case 'e':
			want_events = num(optarg);
			break;
		case 'n':
			want_cases = num(optarg);
			break;
		case 's':
			seed = (uint64_t)num(optarg);
			break;
		case 'w':
			if ((window = (int)num(optarg)) < 1)
				usage();
			break;
		case 'y':
			year = (int)num(optarg);
			if (year < 1900 || year > 9999)
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	while (want_events ? (long)nevs < want_events : (long)ncases < want_cases) {
		uint32_t c = (uint32_t)ncases;
		struct cas *k;
		int day, sur, giv;

		if (ncases == capcases) {
			capcases = capcases ? 2 * capcases : 1024;
			cases = xrealloc(cases, capcases * sizeof *cases);
		}
		k = &cases[ncases++];
		k->issue = chance(&seed, 80);
		/* One pick per statement: the order in which a call's arguments
		 * are evaluated differs between compilers. */
		sur = pick(&seed, NELEM(surnames));
		giv = pick(&seed, NELEM(givens));
		snprintf(k->person, sizeof k->person, "%s%s", surnames[sur], givens[giv]);
		k->unit = units[pick(&seed, NELEM(units))];
		day = pick(&seed, window);
		add(c, day, RECEIVED, -1);
		if (k->issue)
			make_issue(&seed, c, day);
		else
			make_lead(&seed, c, day);
	}

	/* A stable counting sort by day: the log in date order. */
	for (size_t i = 0; i < nevs; i++)
		if (evs[i].day > maxday)
			maxday = evs[i].day;
	start = calloc((size_t)maxday + 2, sizeof *start);
	if (!start)
		return 71;
	for (size_t i = 0; i < nevs; i++)
		start[evs[i].day + 1]++;
	for (int d = 0; d <= maxday; d++)
		start[d + 1] += start[d];
	{
		uint32_t *o = malloc((nevs + 1) * sizeof *o);

		if (!o)
			return 71;
		for (size_t i = 0; i < nevs; i++)
			o[start[evs[i].day]++] = (uint32_t)i;
		puts("case_id,date,event,kind,person,unit,deadline");
		for (size_t i = 0; i < nevs; i++) {
			const struct event *e = &evs[o[i]];
			const struct cas *k = &cases[e->cas];

			printf("%s%06u,", k->issue ? "W" : "X", e->cas + 1);
			put_date(year, e->day);
			printf(",%s,", evname[e->code]);
			if (e->code == RECEIVED)
				printf("%s,%s,%s,", k->issue ? "issue" : "lead",
				    k->person, k->unit);
			else
				fputs(",,,", stdout);
			if (e->code == NOTICE)
				put_date(year, e->deadline);
			putchar('\n');
		}
		free(o);
	}
	free(start);
	free(evs);
	free(cases);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("gencases: write error");
		return 74;
	}
	return 0;
}
