/*
 * case-track: problem leads and accountability (问题线索、问责) of SPEC
 * section 8. Reads the event log of every case, from 受理 to 对账销号, and
 * writes each case as it stood at the end of the --as-of day (state,
 * deadlines, overdue, the escalation ladder's next action, flags), or with
 * --summary the reconciliation table (对账).
 *
 * A case's events are read in date order, and the log need not be sorted:
 * the whole log is held, as compact events (day numbers, one-byte codes,
 * interned persons and units), and grouped by case once it is read. Memory
 * therefore grows with the events: about 60 MB for a million. With
 * --rejects the rows' own fields are kept as well, so that every row of a
 * broken case can be written to the rejects file once the whole log has
 * been checked.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "codes.h"
#include "csvio.h"
#include "date.h"
#include "diag.h"
#include "rejects.h"
#include "rules.h"
#include "schema.h"
#include "strmap.h"

static const char synopsis[] =
    "case-track [--as-of DATE] [--overdue | --summary] [--unit NAME]\n"
    "                  [common options] [FILE...]";

static const char help[] =
    "Case tracking: problem leads (问题线索) and problems found by inspection\n"
    "(巡察/督查发现问题), from the event log (case_id,date,event and optional\n"
    "kind,person,unit,deadline,note): one row per case as it stood at the end\n"
    "of a day, ordered by case_id. A row that is bad, or breaks the order of\n"
    "its case, leaves the whole case out (with --rejects, all its rows go there).\n"
    "\n"
    "  --as-of DATE       report as of the end of DATE (default: today); later\n"
    "                     events are checked but not counted\n"
    "  --overdue          write only the cases that are overdue\n"
    "  --summary          write the reconciliation table (metric,count) instead;\n"
    "                     not with --overdue\n"
    "  --unit NAME        only the cases of unit NAME\n";

enum { OPT_AS_OF = OPT_PROGRAM, OPT_OVERDUE, OPT_SUMMARY, OPT_UNIT };

static const struct option longopts[] = {
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "overdue", no_argument, NULL, OPT_OVERDUE },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "unit", required_argument, NULL, OPT_UNIT },
	COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 },
};

enum flag { FL_MISSING_BULLETIN, FL_STALE };

static const struct code flag_codes[] = {
	[FL_MISSING_BULLETIN] = { "missing_bulletin", "未通报", NULL },
	[FL_STALE] = { "stale", "久拖未结", NULL },
	{ NULL, NULL, NULL },
};

enum metric {
	M_ISSUES_FOUND, M_ISSUES_RECTIFIED, M_LEADS_RECEIVED, M_LEADS_FILED,
	M_LEADS_CONCLUDED, M_LEADS_UNDER_REVIEW, M_PERSONS_PENALIZED,
	M_PERSONS_ORG_HANDLED, M_OVERDUE, M_UNITS_ACCOUNTABLE, M_COUNT
};

static const struct code metric_codes[] = {
	[M_ISSUES_FOUND] = { "issues_found", "发现问题", NULL },
	[M_ISSUES_RECTIFIED] = { "issues_rectified", "已整改问题", NULL },
	[M_LEADS_RECEIVED] = { "leads_received", "受理线索", NULL },
	[M_LEADS_FILED] = { "leads_filed", "立案线索", NULL },
	[M_LEADS_CONCLUDED] = { "leads_concluded", "已结案线索", NULL },
	[M_LEADS_UNDER_REVIEW] = { "leads_under_review", "在查线索", NULL },
	[M_PERSONS_PENALIZED] = { "persons_penalized", "处分人数", NULL },
	[M_PERSONS_ORG_HANDLED] = { "persons_org_handled", "组织处理人数", NULL },
	[M_OVERDUE] = { "overdue", "逾期案件", NULL },
	[M_UNITS_ACCOUNTABLE] = { "units_accountable", "问责单位数", NULL },
	[M_COUNT] = { NULL, NULL, NULL },
};

#define NONE UINT32_MAX           /* no case */
#define NO_DAY ((day_t)INT32_MIN)  /* no such date */

/* One event, as small as it goes: a million of them are held. */
struct ev {
	uint32_t cas;        /* index of the case */
	uint32_t line;       /* physical line of the row */
	day_t date;
	day_t deadline;      /* notice only */
	uint8_t code;        /* enum event */
};

struct cas {
	uint32_t first, n;   /* its events: order[first .. first + n) */
	uint32_t person;     /* interned, 0 when empty */
	uint32_t unit;
	uint32_t bad_line;   /* its first bad row, 0 when none */
	uint8_t kind;
	uint8_t has_received;
};

/* A row that is bad by itself (not by the order of its case). */
struct badrow {
	uint32_t line;
	uint32_t cas;        /* NONE when it names no case */
	char *reason;
	size_t raw;          /* its fields, with --rejects */
};

/* An event that breaks the order of its case. */
struct violation {
	uint32_t ev;
	char *reason;
};

/* Case ids: a plain map, not an idindex, whose guess of the next id
 * never holds in a log kept in date order, where cases interleave. */
static struct strmap ids;            /* case id -> index into cases, + 1 */
static const char **case_id;         /* the ids, by index */
static struct cas *cases;
static size_t ncases, capcases;
static struct ev *evs;
static size_t nevs, capevs;
static uint32_t *order;              /* events grouped by case, in date order */

/* Persons and units, interned: index 0 is the empty name. */
static struct strmap names;
static const char **name_of;
static size_t nnames, capnames;

static bool keep_raw;                /* --rejects: keep every row's fields */
static char *raw;                    /* per row: count, then length + bytes */
static size_t rawlen, rawcap;
static size_t *ev_raw;               /* evs[i]'s fields in raw */
static size_t capevraw;

/* The ladder's events of the case case_view() reads, room for the most
 * events of a case taken before the report begins: no allocation once
 * it has begun, so that running out of memory never cuts a report. */
static const struct ev **rungs;

static struct badrow *bads;
static size_t nbads, capbads;
static struct violation *viols;
static size_t nviols, capviols;

static void *
grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return p;
	*cap = *cap ? 2 * *cap : 256;
	return xrealloc(p, *cap * size);
}

static uint32_t
intern(struct sv s)
{
	void **slot;

	if (s.n == 0)
		return 0;
	slot = strmap_put(&names, s);
	if (!*slot) {
		if (nnames == 0) {
			name_of = grow(name_of, &capnames, 0, sizeof *name_of);
			name_of[nnames++] = "";
		}
		name_of = grow(name_of, &capnames, nnames, sizeof *name_of);
		name_of[nnames] = strmap_key(&names, s);
		*slot = (void *)(uintptr_t)nnames++;
	}
	return (uint32_t)(uintptr_t)*slot;
}

static uint32_t
case_get(struct sv id)
{
	void **slot = strmap_put(&ids, id);

	if (!*slot) {
		size_t cap = capcases;

		cases = grow(cases, &capcases, ncases, sizeof *cases);
		if (cap != capcases)
			case_id = xrealloc(case_id, capcases * sizeof *case_id);
		case_id[ncases] = strmap_key(&ids, id);
		cases[ncases++] = (struct cas){ .kind = KIND_LEAD };
		*slot = (void *)(uintptr_t)ncases;
	}
	return (uint32_t)((uintptr_t)*slot - 1);
}

static void
raw_put(const void *p, size_t n)
{
	if (rawlen + n > rawcap) {
		while (rawlen + n > rawcap)
			rawcap = rawcap ? 2 * rawcap : 1 << 16;
		raw = xrealloc(raw, rawcap);
	}
	memcpy(raw + rawlen, p, n);
	rawlen += n;
}

/* Lengths in raw take one byte below 128: most fields are short. */
static void
raw_putlen(size_t n)
{
	unsigned char b[10];
	size_t k = 0;

	do {
		b[k++] = (unsigned char)((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
		n >>= 7;
	} while (n);
	raw_put(b, k);
}

static size_t
raw_getlen(size_t *at)
{
	size_t n = 0;
	int shift = 0;
	unsigned char b;

	do {
		b = (unsigned char)raw[(*at)++];
		n |= (size_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	return n;
}

/* Keeps a row's own fields for the rejects file; their offset in raw. */
static size_t
raw_keep(const struct csvrow *row)
{
	size_t at = rawlen;

	raw_putlen(row->n);
	for (size_t i = 0; i < row->n; i++) {
		raw_putlen(row->f[i].n);
		raw_put(row->f[i].p, row->f[i].n);
	}
	return at;
}

/* The row kept at offset at, as bad_row() takes it. */
static struct csvrow *
raw_row(size_t at, uint32_t line)
{
	static struct csvrow row;
	static struct sv *f;
	static size_t capf;
	size_t n = raw_getlen(&at);

	if (n > capf) {
		capf = n;
		f = xrealloc(f, capf * sizeof *f);
	}
	for (size_t i = 0; i < n; i++) {
		size_t len = raw_getlen(&at);

		f[i] = (struct sv){ raw + at, len };
		at += len;
	}
	row = (struct csvrow){ .n = n, .f = f, .line = line };
	return &row;
}

enum { E_ID, E_DATE, E_EVENT, E_KIND, E_PERSON, E_UNIT, E_DEADLINE, E_NOTE };

static const struct colspec event_cols[] = {
	[E_ID] = COL("case_id", COL_ID, COL_REQUIRED | COL_VALUE,
	    .expect = "the case's id"),
	[E_DATE] = COL("date", COL_DATE, COL_REQUIRED | COL_VALUE),
	[E_EVENT] = COL("event", COL_CODE, COL_REQUIRED | COL_VALUE,
	    event_codes),
	[E_KIND] = COL("kind", COL_CODE, 0, kind_codes),
	[E_PERSON] = COL("person", COL_ID, 0),
	[E_UNIT] = COL("unit", COL_ID, 0),
	[E_DEADLINE] = COL("deadline", COL_DATE, 0),
	[E_NOTE] = COL("note", COL_TEXT, 0),
};

static const struct schema event_schema = {
	event_cols, sizeof event_cols / sizeof *event_cols, NULL
};

/* Lines are kept in 32 bits. */
static void
check_line(const struct sreader *s)
{
	if (s->row->line >= (long)UINT32_MAX)
		die(EXIT_DATAERR, "%s:%ld: too many lines (expected fewer than %lu)",
		    csvr_label(s->r), s->row->line, (unsigned long)UINT32_MAX);
}

static void
note_bad(const struct csvrow *row, uint32_t cas, const char *reason)
{
	if (cas != NONE && !cases[cas].bad_line)
		cases[cas].bad_line = (uint32_t)row->line;
	/* Without --rejects only the first bad row is told; rows come in
	 * line order, so it is the first one kept. */
	if (!keep_raw && nbads)
		return;
	bads = grow(bads, &capbads, nbads, sizeof *bads);
	bads[nbads++] = (struct badrow){ (uint32_t)row->line, cas, xstrdup(reason),
	    keep_raw ? raw_keep(row) : 0 };
}

/* A row the schema reader finds bad: noted with its case, which is then
 * left out whole. */
static void
on_bad_value(struct sreader *s, const char *reason)
{
	struct sv id = row_val(s->row, s->col[E_ID]);

	check_line(s);
	note_bad(s->row, id.n ? case_get(id) : NONE, reason);
}

/* Takes one good row as an event; a bad one is noted with its reason. */
static void
read_event(struct sreader *s)
{
	const struct value *v = s->v;
	const struct csvrow *row = s->row;
	uint32_t cas = case_get(v[E_ID].s);
	day_t date = v[E_DATE].u.date, deadline = NO_DAY;
	int code = v[E_EVENT].u.code;
	char why[512];

	check_line(s);
	if (code == EV_NOTICE) {
		struct sv d = v[E_DEADLINE].s;

		if (d.n == 0) {
			note_bad(row, cas, "notice without a deadline (expected the "
			    "deadline of the notice in column deadline)");
			return;
		}
		deadline = v[E_DEADLINE].u.date;
		if (deadline < date) {
			snprintf(why, sizeof why, "deadline '%.*s' before the notice's "
			    "date (expected a deadline on or after the notice)", (int)d.n, d.p);
			note_bad(row, cas, why);
			return;
		}
	}
	if (code == EV_RECEIVED && !cases[cas].has_received) {
		cases[cas].has_received = 1;
		cases[cas].kind = (uint8_t)(v[E_KIND].u.code >= 0 ? v[E_KIND].u.code :
		    KIND_LEAD);
		cases[cas].person = intern(v[E_PERSON].s);
		cases[cas].unit = intern(v[E_UNIT].s);
	}
	evs = grow(evs, &capevs, nevs, sizeof *evs);
	if (keep_raw) {
		ev_raw = grow(ev_raw, &capevraw, nevs, sizeof *ev_raw);
		ev_raw[nevs] = raw_keep(row);
	}
	evs[nevs++] = (struct ev){ cas, (uint32_t)row->line, date, deadline,
	    (uint8_t)code };
	cases[cas].n++;
}

/* Events by date, ties in input order (an event's index is its place in
 * the input). */
static int
by_date_then_input(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	if (evs[a].date != evs[b].date)
		return evs[a].date < evs[b].date ? -1 : 1;
	return (a > b) - (a < b);
}

/* Groups the events by case, each case's in date order, ties in input
 * order: a counting sort by case, then a look whether each case is in
 * order already (a log in date order: linear), else a sort (n log n,
 * whatever the order: a case's events newest first took n squared). */
static void
group_events(void)
{
	uint32_t at = 0;

	for (size_t c = 0; c < ncases; c++) {
		cases[c].first = at;
		at += cases[c].n;
		cases[c].n = 0;
	}
	order = xmalloc((nevs + 1) * sizeof *order);
	for (size_t i = 0; i < nevs; i++) {
		struct cas *c = &cases[evs[i].cas];

		order[c->first + c->n++] = (uint32_t)i;
	}
	for (size_t c = 0; c < ncases; c++) {
		uint32_t *o = order + cases[c].first, i;

		for (i = 1; i < cases[c].n && evs[o[i - 1]].date <= evs[o[i]].date; i++)
			;
		if (i < cases[c].n)
			qsort(o, cases[c].n, sizeof *o, by_date_then_input);
	}
}

static void
violation(uint32_t e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
violation(uint32_t e, const char *fmt, ...)
{
	struct cas *c = &cases[evs[e].cas];
	char why[512];
	va_list ap;

	if (!c->bad_line || evs[e].line < c->bad_line)
		c->bad_line = evs[e].line;
	if (!keep_raw && nviols && evs[viols[0].ev].line < evs[e].line)
		return;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	if (!keep_raw && nviols) {
		free(viols[0].reason);
		nviols = 0;
	}
	viols = grow(viols, &capviols, nviols, sizeof *viols);
	viols[nviols++] = (struct violation){ e, xstrdup(why) };
}

/* The order of SPEC section 8: received first, closed only after rectified
 * or concluded, nothing after closed. Every event of the case is checked,
 * also those after --as-of. A case already broken by a bad row is not:
 * without that row its order would be wrong for no fault of its own. */
static void
check_order(uint32_t ci)
{
	const struct cas *c = &cases[ci];
	const uint32_t *o = order + c->first;
	const char *id = case_id[ci];
	bool received = false, resolved = false;
	day_t closed = NO_DAY;

	if (c->bad_line)
		return;
	for (uint32_t i = 0; i < c->n; i++) {
		const struct ev *e = &evs[o[i]], *prev = i ? &evs[o[i - 1]] : NULL;
		const char *name = event_codes[e->code].name;
		char d[DATE_BUF], d2[DATE_BUF];

		if (closed != NO_DAY) {
			date_format(e->date, d);
			date_format(closed, d2);
			violation(o[i], "%s on %s after case %s was closed on %s "
			    "(expected no event after closed)", name, d, id, d2);
		} else if (e->code == EV_RECEIVED && received) {
			date_format(e->date, d);
			violation(o[i], "case %s received again on %s (expected one "
			    "received per case)", id, d);
		} else if (e->code == EV_RECEIVED && prev) {
			date_format(e->date, d);
			date_format(prev->date, d2);
			violation(o[i], "case %s received on %s after its %s on %s "
			    "(expected received as the case's first event)", id, d,
			    event_codes[prev->code].name, d2);
		} else if (e->code != EV_RECEIVED && !prev) {
			date_format(e->date, d);
			violation(o[i], "case %s begins with %s on %s (expected received "
			    "as the case's first event)", id, name, d);
		} else if (e->code == EV_CLOSED && !resolved) {
			date_format(e->date, d);
			violation(o[i], "case %s closed on %s before it was rectified or "
			    "concluded (expected rectified or concluded before closed)", id, d);
		}
		if (e->code == EV_RECEIVED)
			received = true;
		else if (e->code == EV_RECTIFIED || e->code == EV_CONCLUDED)
			resolved = true;
		else if (e->code == EV_CLOSED)
			closed = e->date;
	}
}

/* A case as it stood at the end of the --as-of day. */
struct view {
	int state;                  /* enum event */
	day_t received, filed, deadline, closed, last;
	day_t latest_missed;        /* the latest deadline missed, or NO_DAY */
	bool rectified;             /* rectified, and no notice since */
	bool concluded, publicized, accountable, org_handled;
	bool overdue;
	int overdue_count, penalties;
	int next_action;            /* enum event, or -1 */
	long days_open, days_overdue;
	unsigned flags;             /* 1 << enum flag */
};

/* A deadline of a rectification period that was missed. */
static void
missed(struct view *v, day_t deadline)
{
	v->overdue_count++;
	if (v->latest_missed == NO_DAY || deadline > v->latest_missed)
		v->latest_missed = deadline;
}

/*
 * Escalation ladder 一次督办、二次约谈、三次诫勉: the rung due for the
 * deadlines missed, or, when that rung or a higher one was already taken
 * after the latest missed deadline and the case is still overdue, the
 * rung above the highest one taken since then (admonish at most).
 */
static int
next_action(const struct view *v, const struct ev *const *taken_rungs,
    uint32_t nrungs)
{
	int due = v->overdue_count >= 3 ? EV_ADMONISH :
	    v->overdue_count == 2 ? EV_INTERVIEW : EV_SUPERVISE;
	int taken = -1;

	for (uint32_t i = 0; i < nrungs; i++) {
		const struct ev *e = taken_rungs[i];

		if (e->date > v->latest_missed && e->code > taken)
			taken = e->code;
	}
	if (taken < due)
		return due;
	return taken < EV_ADMONISH ? taken + 1 : EV_ADMONISH;
}

/* False for a case received after the as-of day. */
static bool
case_view(uint32_t ci, day_t as_of, struct view *v)
{
	const struct cas *c = &cases[ci];
	const uint32_t *o = order + c->first;
	uint32_t n = 0, from = 0, nrungs = 0;
	bool open = false;          /* the latest notice's period */

	while (n < c->n && evs[o[n]].date <= as_of)
		n++;
	if (n == 0)
		return false;
	*v = (struct view){ .received = evs[o[0]].date, .filed = NO_DAY,
	    .deadline = NO_DAY, .closed = NO_DAY, .latest_missed = NO_DAY,
	    .next_action = -1 };
	/*
	 * Rectification periods: a notice opens one, which the first rectified
	 * or concluded after it ends; a notice after the case was rectified
	 * reopens it (整改不到位, 限期重新整改). A deadline is missed when it
	 * falls before the end of its period or, while the period is open,
	 * before the as-of day. The notices from index from on are those of
	 * the periods still open.
	 */
	for (uint32_t i = 0; i < n; i++) {
		const struct ev *e = &evs[o[i]];

		if (e->code == EV_NOTICE) {
			open = true;
			v->rectified = false;
		} else if (e->code == EV_RECTIFIED || e->code == EV_CONCLUDED) {
			if (e->code == EV_RECTIFIED)
				v->rectified = true;
			for (uint32_t k = from; k < i; k++)
				if (evs[o[k]].code == EV_NOTICE && evs[o[k]].deadline < e->date)
					missed(v, evs[o[k]].deadline);
			from = i + 1;
			open = false;
		} else if (e->code == EV_SUPERVISE || e->code == EV_INTERVIEW ||
		    e->code == EV_ADMONISH) {
			rungs[nrungs++] = e;
		}
	}
	for (uint32_t k = from; k < n; k++)
		if (evs[o[k]].code == EV_NOTICE && evs[o[k]].deadline < as_of)
			missed(v, evs[o[k]].deadline);
	for (uint32_t i = 0; i < n; i++) {
		const struct ev *e = &evs[o[i]];

		v->last = e->date;
		switch (e->code) {
		case EV_RECEIVED:
		case EV_FILED:
		case EV_NOTICE:
		case EV_RECTIFIED:
		case EV_CONCLUDED:
		case EV_CLOSED:
			v->state = e->code;
			break;
		}
		switch (e->code) {
		case EV_FILED:
			if (v->filed == NO_DAY)
				v->filed = e->date;
			break;
		case EV_NOTICE:
			v->deadline = e->deadline;
			break;
		case EV_INTERVIEW:
		case EV_ADMONISH:
			v->accountable = true;
			break;
		case EV_CONCLUDED:
			v->concluded = true;
			break;
		case EV_PENALTY:
			v->penalties++;
			v->accountable = true;
			break;
		case EV_ORG_HANDLING:
			v->org_handled = v->accountable = true;
			break;
		case EV_PUBLICIZED:
			v->publicized = true;
			break;
		case EV_CLOSED:
			v->closed = e->date;
			break;
		}
	}
	/* Overdue: the latest notice's period is open past its deadline. */
	v->overdue = open && v->deadline < as_of;
	v->days_open = (v->closed != NO_DAY ? v->closed : as_of) - v->received;
	if (v->overdue) {
		v->days_overdue = as_of - v->deadline;
		v->next_action = next_action(v, rungs, nrungs);
	}
	if (v->concluded && !v->publicized)
		v->flags |= 1u << FL_MISSING_BULLETIN;
	if (v->closed == NO_DAY && (double)(as_of - v->last) > rule_num(R_CASE_STALE_DAYS))
		v->flags |= 1u << FL_STALE;
	return true;
}

static const char *const columns[] = {
	"case_id", "kind", "person", "unit", "state", "received", "filed",
	"deadline", "closed", "days_open", "overdue", "days_overdue",
	"overdue_count", "next_action", "penalties", "flags", NULL,
};

static void
write_date(struct csvw *w, day_t d)
{
	char buf[DATE_BUF];

	if (d == NO_DAY) {
		csvw_str(w, "");
		return;
	}
	date_format(d, buf);
	csvw_str(w, buf);
}

static void
write_case(struct csvw *w, uint32_t ci, const struct view *v)
{
	const struct cas *c = &cases[ci];
	csvw_str(w, case_id[ci]);
	csvw_str(w, code_out(kind_codes, c->kind));
	csvw_str(w, name_of ? name_of[c->person] : "");
	csvw_str(w, name_of ? name_of[c->unit] : "");
	csvw_str(w, code_out(event_codes, v->state));
	write_date(w, v->received);
	write_date(w, v->filed);
	write_date(w, v->deadline);
	write_date(w, v->closed);
	csvw_int(w, v->days_open);
	csvw_str(w, yesno_out(v->overdue));
	if (v->overdue)
		csvw_int(w, v->days_overdue);
	else
		csvw_str(w, "");
	csvw_int(w, v->overdue_count);
	csvw_str(w, v->next_action >= 0 ? code_out(event_codes, v->next_action) : "");
	csvw_int(w, v->penalties);
	csvw_codes(w, flag_codes, v->flags);
	csvw_end(w);
}

/*
 * Distinct persons or units: a name counts once however many cases carry
 * it; a case without one counts on its own, since nothing says it is
 * the same person or unit as another's.
 */
struct distinct {
	unsigned char *seen;   /* by interned name */
	long n;
};

static void
distinct_add(struct distinct *d, uint32_t name)
{
	if (name == 0)
		d->n++;
	else if (!d->seen[name]) {
		d->seen[name] = 1;
		d->n++;
	}
}

struct summary {
	long m[M_COUNT];
	struct distinct penalized, org_handled, units;
};

static void
summary_add(struct summary *s, uint32_t ci, const struct view *v)
{
	const struct cas *c = &cases[ci];

	if (c->kind == KIND_ISSUE) {
		s->m[M_ISSUES_FOUND]++;
		s->m[M_ISSUES_RECTIFIED] += v->rectified;
	} else {
		s->m[M_LEADS_RECEIVED]++;
		s->m[M_LEADS_FILED] += v->filed != NO_DAY;
		s->m[M_LEADS_CONCLUDED] += v->concluded;
		s->m[M_LEADS_UNDER_REVIEW] += v->filed != NO_DAY && !v->concluded;
	}
	if (v->penalties)
		distinct_add(&s->penalized, c->person);
	if (v->org_handled)
		distinct_add(&s->org_handled, c->person);
	if (v->accountable)
		distinct_add(&s->units, c->unit);
	s->m[M_OVERDUE] += v->overdue;
}

static void
write_summary(struct csvw *w, struct summary *s)
{
	static const char *const cols[] = { "metric", "count", NULL };

	s->m[M_PERSONS_PENALIZED] = s->penalized.n;
	s->m[M_PERSONS_ORG_HANDLED] = s->org_handled.n;
	s->m[M_UNITS_ACCOUNTABLE] = s->units.n;
	csvw_header(w, cols);
	for (int m = 0; m < M_COUNT; m++) {
		csvw_str(w, code_out(metric_codes, m));
		csvw_int(w, s->m[m]);
		csvw_end(w);
	}
}

static int
by_id(const void *x, const void *y)
{
	return strcmp(case_id[*(const uint32_t *)x],
	    case_id[*(const uint32_t *)y]);
}

static void
write_report(day_t as_of, bool overdue_only, bool summary, struct sv unit)
{
	uint32_t *v = xmalloc((ncases + 1) * sizeof *v), unit_id = 0;
	struct summary s = { { 0 }, { 0 }, { 0 }, { 0 } };
	struct csvw w;
	size_t n = 0, most = 0;

	if (unit.n) {
		void *p = strmap_get(&names, unit);

		/* A unit no case names: nothing to write but the header. */
		unit_id = p ? (uint32_t)(uintptr_t)p : NONE;
	}
	for (size_t i = 0; i < ncases; i++)
		if (!cases[i].bad_line && (!unit.n || cases[i].unit == unit_id))
			v[n++] = (uint32_t)i;
	qsort(v, n, sizeof *v, by_id);
	for (size_t i = 0; i < ncases; i++)
		if (cases[i].n > most)
			most = cases[i].n;
	rungs = xmalloc((most + 1) * sizeof *rungs);
	csvw_open(&w, stdout, "standard output");
	if (summary) {
		s.penalized.seen = xcalloc(nnames + 1, 1);
		s.org_handled.seen = xcalloc(nnames + 1, 1);
		s.units.seen = xcalloc(nnames + 1, 1);
	} else
		csvw_header(&w, columns);
	for (size_t i = 0; i < n; i++) {
		struct view cv;

		if (!case_view(v[i], as_of, &cv))
			continue;
		if (summary)
			summary_add(&s, v[i], &cv);
		else if (!overdue_only || cv.overdue)
			write_case(&w, v[i], &cv);
	}
	if (summary) {
		write_summary(&w, &s);
		free(s.penalized.seen);
		free(s.org_handled.seen);
		free(s.units.seen);
	}
	csvw_close(&w);
	free(v);
}

/* A row for the rejects file, to be written in line order. */
struct reject {
	uint32_t line;
	uint32_t cas;
	const char *reason;    /* NULL: a good event of a broken case */
	size_t raw;
};

static int
by_event(const void *x, const void *y)
{
	const struct violation *a = x, *b = y;

	return (a->ev > b->ev) - (a->ev < b->ev);
}

static int
by_line(const void *x, const void *y)
{
	const struct reject *a = x, *b = y;

	return (a->line > b->line) - (a->line < b->line);
}

/*
 * Tells the bad rows, once the whole log is checked. Without --rejects the
 * first one, by line, ends the program. With it, every bad row goes to the
 * rejects file with its reason, and so does every other row of its case,
 * so that a broken case is never half counted.
 */
static void
report_bad(struct csvr *r)
{
	struct reject *rj;
	size_t n = 0, cap = nbads + nviols;

	if (!keep_raw) {
		struct csvrow row = { 0, NULL, 0, NULL };
		const char *reason = NULL;

		if (nbads) {
			row.line = bads[0].line;
			reason = bads[0].reason;
		}
		if (nviols && (!nbads || evs[viols[0].ev].line < bads[0].line)) {
			row.line = evs[viols[0].ev].line;
			reason = viols[0].reason;
		}
		if (reason)
			bad_row(r, &row, "%s", reason);
		return;
	}
	for (size_t i = 0; i < nevs; i++)
		if (cases[evs[i].cas].bad_line)
			cap++;
	rj = xmalloc((cap + 1) * sizeof *rj);
	for (size_t i = 0; i < nbads; i++)
		rj[n++] = (struct reject){ bads[i].line, bads[i].cas, bads[i].reason,
		    bads[i].raw };
	for (size_t i = 0; i < nviols; i++) {
		const struct ev *e = &evs[viols[i].ev];

		rj[n++] = (struct reject){ e->line, e->cas, viols[i].reason,
		    ev_raw[viols[i].ev] };
	}
	/* The other events of broken cases: a violating event is already in. */
	if (nviols)
		qsort(viols, nviols, sizeof *viols, by_event);
	for (size_t i = 0, k = 0; i < nevs; i++) {
		while (k < nviols && viols[k].ev < i)
			k++;
		if (cases[evs[i].cas].bad_line && !(k < nviols && viols[k].ev == i))
			rj[n++] = (struct reject){ evs[i].line, evs[i].cas, NULL, ev_raw[i] };
	}
	qsort(rj, n, sizeof *rj, by_line);
	for (size_t i = 0; i < n; i++) {
		struct csvrow *row = raw_row(rj[i].raw, rj[i].line);

		if (rj[i].reason)
			bad_row(r, row, "%s", rj[i].reason);
		else
			bad_row(r, row, "case %s left out: its row on line %lu is bad "
			    "(expected every row of a case good so that no case is half "
			    "counted)", case_id[rj[i].cas],
			    (unsigned long)cases[rj[i].cas].bad_line);
	}
	free(rj);
}

static void
free_all(void)
{
	for (size_t i = 0; i < nbads; i++)
		free(bads[i].reason);
	for (size_t i = 0; i < nviols; i++)
		free(viols[i].reason);
	free(rungs);
	free(bads);
	free(viols);
	free(cases);
	free(evs);
	free(order);
	free(ev_raw);
	free(raw);
	free(name_of);
	strmap_free(&names);
	free(case_id);
	strmap_free(&ids);
}

int
main(int argc, char **argv)
{
	const char *const *in;
	size_t nin;
	bool overdue_only = false, summary = false;
	struct sv unit = { "", 0 };
	day_t as_of = date_today();
	struct sreader s;
	struct csvr *r;
	int c;

	cli_init(argc, argv, synopsis, help);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_AS_OF:
			if (date_parse(sv_of(optarg), &as_of) != DATE_OK)
				usage_error("bad --as-of %s (expected a date such as 2018-12-31)",
				    optarg);
			break;
		case OPT_OVERDUE:
			overdue_only = true;
			break;
		case OPT_SUMMARY:
			summary = true;
			break;
		case OPT_UNIT:
			unit = sv_trim(sv_of(optarg));
			if (unit.n == 0)
				usage_error("empty --unit (expected a unit's name)");
			break;
		default:
			if (!cli_common(c, optarg))
				usage();
		}
	}
	cli_finish();
	if (overdue_only && summary)
		usage_error("--overdue and --summary cannot be combined (the summary "
		    "counts the overdue cases)");

	in = cli_operands(argc, argv, &nin);
	sreader_open_all(&s, &event_schema, in, nin, NULL);
	s.on_bad = on_bad_value;
	r = s.r;
	keep_raw = common_args.rejects != NULL;
	rejects_open(common_args.rejects, r);
	while (sreader_next(&s))
		read_event(&s);
	group_events();
	for (uint32_t i = 0; i < ncases; i++)
		check_order(i);
	report_bad(r);
	write_report(as_of, overdue_only, summary, unit);
	rejects_close();
	sreader_close(&s);
	free_all();
	return EXIT_OK;
}
