/*
 * dispatch-match: team assignment (精准选派) of SPEC section 7. Reads the
 * candidates and the villages and gives each village a team of three: a
 * first secretary and a member from its paired unit, and a member from
 * its township, each place filled by an exact optimum (match.c), never a
 * greedy pass; an unfilled place says why.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "codes.h"
#include "csvio.h"
#include "date.h"
#include "diag.h"
#include "match.h"
#include "rejects.h"
#include "rules.h"
#include "schema.h"
#include "strmap.h"

static const char synopsis[] =
    "dispatch-match --villages FILE --date DATE [--summary] [common options]\n"
    "                      [FILE...]";

static const char help[] =
    "Team assignment: reads the candidates (cadre_id,name,birth_date,party,rank,\n"
    "unit,unit_level,township,specialty,bilingual,available) and gives each\n"
    "village a first secretary and a member from its paired unit and a member\n"
    "from its township. Each role is filled in turn, first secretaries first,\n"
    "by the assignment that covers the most priority villages, then the most\n"
    "villages, then has the highest total fit; one row per village and role.\n"
    "\n"
    "  --villages FILE    the villages (village_id,name,township,needs,ethnic,\n"
    "                     paired_unit,priority); required\n"
    "  --date DATE        the dispatch date, for ages; required\n"
    "  --summary          write villages covered, places unfilled and the ages\n"
    "                     of the cadres assigned to standard error\n";

enum { OPT_DATE = OPT_PROGRAM, OPT_SUMMARY, OPT_VILLAGES };

static const struct option longopts[] = {
	{ "date", required_argument, NULL, OPT_DATE },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "villages", required_argument, NULL, OPT_VILLAGES },
	COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 },
};

/* The one need each specialty serves (党务干部到难村、政法干部到乱村、
 * 经济干部到穷村、农林干部到专业村; social work, like law, to disorder). */
enum { NEED_NONE = -1 };
static const int serves[] = {
	[SP_PARTY] = NEED_WEAK_PARTY, [SP_LEGAL] = NEED_DISORDER,
	[SP_ECONOMY] = NEED_POOR, [SP_AGRI] = NEED_INDUSTRY,
	[SP_SOCIAL] = NEED_DISORDER, [SP_OTHER] = NEED_NONE,
};

enum place { SECRETARY, UNIT_MEMBER, TOWNSHIP_MEMBER, NROLES };
static const struct code role_out[] = {
	[SECRETARY] = { "secretary", "第一书记", NULL },
	[UNIT_MEMBER] = { "unit_member", "派出单位队员", NULL },
	[TOWNSHIP_MEMBER] = { "township_member", "乡镇队员", NULL },
	{ NULL, NULL, NULL },
};

/* The reason column: what made up the fit of a place filled, or why a
 * place is empty. */
enum reason { RS_SPECIALTY, RS_BILINGUAL, RS_OVER_AGE, RS_NO_UNIT_CANDIDATE,
	RS_NO_CANDIDATE, RS_NO_ELIGIBLE_SECRETARY, RS_NO_TOWNSHIP_CANDIDATE,
	RS_NONE_LEFT };
static const struct code reason_out[] = {
	[RS_SPECIALTY] = { "specialty", "专长对口", NULL },
	[RS_BILINGUAL] = { "bilingual", "双语", NULL },
	[RS_OVER_AGE] = { "over_age", "超龄", NULL },
	[RS_NO_UNIT_CANDIDATE] = { "no_unit_candidate", "派出单位无可选派干部", NULL },
	[RS_NO_CANDIDATE] = { "no_candidate", "无可选派干部", NULL },
	[RS_NO_ELIGIBLE_SECRETARY] = { "no_eligible_secretary",
	    "无符合条件的第一书记人选", NULL },
	[RS_NO_TOWNSHIP_CANDIDATE] = { "no_township_candidate",
	    "本乡镇无可选派干部", NULL },
	[RS_NONE_LEFT] = { "none_left", "人选已派完", NULL },
	{ NULL, NULL, NULL },
};

struct cand {
	char *id, *name, *unit, *township;
	int party, rank, level, specialty;
	bool bilingual, available;
	int age;
	int role;                /* the role assigned, or -1 */
};

struct village {
	char *id, *name, *township, *paired;
	unsigned needs;          /* bit (1 << enum need) */
	bool ethnic, priority;
	int32_t team[NROLES];    /* the cadre in each role, or -1 */
};

static struct cand *cands;
static size_t ncands;
static struct village *vils;
static size_t nvils;

static char *
dup_sv(struct sv v)
{
	return xstrndup(v.p, v.n);
}

/* Full years on the dispatch date: one born on 29 February is a year older
 * on 1 March of a common year. */
static int
age_on(day_t birth, day_t on)
{
	int by, bm, bd, y, m, d;

	date_ymd(birth, &by, &bm, &bd);
	date_ymd(on, &y, &m, &d);
	return y - by - (m * 100 + d < bm * 100 + bd);
}

enum { VL_ID, VL_NAME, VL_VNAME, VL_TOWN, VL_NEEDS, VL_ETHNIC, VL_PAIRED,
	VL_PRIORITY };

static const struct colspec village_cols[] = {
	[VL_ID] = COL("village_id", COL_ID, COL_REQUIRED | COL_VALUE | COL_KEY,
	    .expect = "the village's id"),
	/* the village's name: name, or village_name (村名) as we write it */
	[VL_NAME] = COL("name", COL_TEXT, 0),
	[VL_VNAME] = COL("village_name", COL_TEXT, 0),
	[VL_TOWN] = COL("township", COL_ID, COL_REQUIRED | COL_VALUE,
	    .expect = "the village's township"),
	[VL_NEEDS] = COL("needs", COL_LIST, COL_REQUIRED, need_codes),
	[VL_ETHNIC] = COL("ethnic", COL_YESNO, COL_REQUIRED),
	[VL_PAIRED] = COL("paired_unit", COL_ID, COL_REQUIRED),
	[VL_PRIORITY] = COL("priority", COL_YESNO, COL_REQUIRED),
};

static const struct schema village_schema = {
	village_cols, sizeof village_cols / sizeof *village_cols,
	"one row per village"
};

static void
load_villages(struct sreader *s)
{
	size_t cap = 0;

	while (sreader_next(s)) {
		const struct value *v = s->v;
		struct village vl = { .team = { -1, -1, -1 },
			.needs = v[VL_NEEDS].u.bits,
			.ethnic = v[VL_ETHNIC].u.yes == 1,
			.priority = v[VL_PRIORITY].u.yes == 1,
		};

		vl.id = dup_sv(v[VL_ID].s);
		vl.name = dup_sv(sreader_has(s, VL_NAME) ? v[VL_NAME].s : v[VL_VNAME].s);
		vl.township = dup_sv(v[VL_TOWN].s);
		vl.paired = dup_sv(v[VL_PAIRED].s);
		if (nvils == cap) {
			cap = cap ? 2 * cap : 64;
			vils = xrealloc(vils, cap * sizeof *vils);
		}
		vils[nvils++] = vl;
	}
}

enum { CD_ID, CD_NAME, CD_BIRTH, CD_PARTY, CD_RANK, CD_UNIT, CD_LEVEL,
	CD_TOWN, CD_SPECIALTY, CD_BILINGUAL, CD_AVAILABLE };

static const struct colspec cand_cols[] = {
	[CD_ID] = COL("cadre_id", COL_ID, COL_REQUIRED | COL_VALUE | COL_KEY,
	    .expect = "the cadre's id"),
	[CD_NAME] = COL("name", COL_TEXT, 0),
	[CD_BIRTH] = COL("birth_date", COL_DATE, COL_REQUIRED | COL_VALUE,
	    .expect = "a date such as 1980-05-17"),
	[CD_PARTY] = COL("party", COL_CODE, COL_REQUIRED | COL_VALUE,
	    party_codes),
	[CD_RANK] = COL("rank", COL_CODE, COL_REQUIRED | COL_VALUE, rank_codes),
	[CD_UNIT] = COL("unit", COL_ID, COL_REQUIRED),
	[CD_LEVEL] = COL("unit_level", COL_CODE, COL_REQUIRED | COL_VALUE,
	    unit_level_codes),
	[CD_TOWN] = COL("township", COL_ID, COL_REQUIRED),
	[CD_SPECIALTY] = COL("specialty", COL_CODE, COL_REQUIRED | COL_VALUE,
	    specialty_codes),
	[CD_BILINGUAL] = COL("bilingual", COL_YESNO, COL_REQUIRED),
	[CD_AVAILABLE] = COL("available", COL_YESNO, COL_REQUIRED | COL_VALUE),
};

static const struct schema cand_schema = {
	cand_cols, sizeof cand_cols / sizeof *cand_cols, "one row per cadre"
};

static void
read_candidates(struct sreader *s, day_t date)
{
	size_t cap = 0;
	char dbuf[DATE_BUF];

	date_format(date, dbuf);
	while (sreader_next(s)) {
		const struct value *v = s->v;
		day_t birth = v[CD_BIRTH].u.date;
		struct cand c = { .role = -1,
			.party = v[CD_PARTY].u.code, .rank = v[CD_RANK].u.code,
			.level = v[CD_LEVEL].u.code, .specialty = v[CD_SPECIALTY].u.code,
			.bilingual = v[CD_BILINGUAL].u.yes == 1,
			.available = v[CD_AVAILABLE].u.yes == 1,
		};

		if (birth > date) {
			bad_row(s->r, s->row, "birth_date '%.*s' after the dispatch date %s "
			    "(expected a birth on or before --date)", (int)v[CD_BIRTH].s.n,
			    v[CD_BIRTH].s.p, dbuf);
			sreader_forget(s);
			continue;
		}
		if (c.level == LV_TOWNSHIP && v[CD_TOWN].s.n == 0) {
			bad_row(s->r, s->row, "empty township of a township cadre (expected "
			    "the township whose cadre it is)");
			sreader_forget(s);
			continue;
		}
		c.id = dup_sv(v[CD_ID].s);
		c.name = dup_sv(v[CD_NAME].s);
		c.unit = dup_sv(v[CD_UNIT].s);
		c.township = dup_sv(v[CD_TOWN].s);
		c.age = age_on(birth, date);
		if (ncands == cap) {
			cap = cap ? 2 * cap : 256;
			cands = xrealloc(cands, cap * sizeof *cands);
		}
		cands[ncands++] = c;
	}
}

/*
 * A first secretary: a formal party member, and division or
 * division_reserve from a province or city unit, or section,
 * section_reserve or division from a county unit, or middle from an
 * enterprise (SPEC section 7; never from a township).
 */
static bool
secretary_rank(const struct cand *c)
{
	if (c->party != PARTY_FORMAL)
		return false;
	switch (c->level) {
	case LV_PROVINCE:
	case LV_CITY:
		return c->rank == RK_DIVISION || c->rank == RK_DIVISION_RESERVE;
	case LV_COUNTY:
		return c->rank == RK_DIVISION || c->rank == RK_SECTION ||
		    c->rank == RK_SECTION_RESERVE;
	case LV_ENTERPRISE:
		return c->rank == RK_MIDDLE;
	default:
		return false;
	}
}

/* May c take role at all (before the paired unit or township is looked
 * at)? Only the available, each at most once. */
static bool
may_take(const struct cand *c, enum place role)
{
	if (!c->available || c->role >= 0)
		return false;
	switch (role) {
	case SECRETARY:
		return c->level != LV_TOWNSHIP && secretary_rank(c);
	case UNIT_MEMBER:
		return c->level != LV_TOWNSHIP;
	default:
		return c->level == LV_TOWNSHIP;
	}
}

/* Fit of a cadre for a village: + fit_specialty when the specialty serves
 * one of its needs (once: a specialty serves one need), + fit_bilingual in
 * an ethnic village, - age_penalty when older than max_age. */
static int
fit_of(const struct cand *c, const struct village *v, unsigned *why)
{
	int fit = 0;

	*why = 0;
	if (serves[c->specialty] != NEED_NONE && (v->needs & (1u << serves[c->specialty]))) {
		fit += (int)rule_num(R_DISPATCH_FIT_SPECIALTY);
		*why |= 1u << RS_SPECIALTY;
	}
	if (v->ethnic && c->bilingual) {
		fit += (int)rule_num(R_DISPATCH_FIT_BILINGUAL);
		*why |= 1u << RS_BILINGUAL;
	}
	if (c->age > (int)rule_num(R_DISPATCH_MAX_AGE)) {
		fit -= (int)rule_num(R_DISPATCH_AGE_PENALTY);
		*why |= 1u << RS_OVER_AGE;
	}
	return fit;
}

/*
 * Villages alike for every candidate of a role form one group: the same
 * paired unit (secretaries, unit members) or township (township members),
 * the same needs, ethnic and priority. A group is reached through its
 * "door" text, the unit or township; an empty paired unit is the door
 * every candidate may pass.
 */
struct groups {
	size_t n;
	uint32_t *cap;
	bool *priority;
	size_t *first;            /* a village of the group */
	size_t *voff, *vlist;     /* the group's villages, by village_id */
	struct strmap doors;      /* door text -> index + 1 */
	size_t *doff, *dlist;     /* a door's groups */
};

static const char *
door_of(const struct village *v, enum place role)
{
	return role == TOWNSHIP_MEMBER ? v->township : v->paired;
}

static void
groups_build(struct groups *gs, enum place role)
{
	struct strmap keys = { 0 };
	size_t *gof = xmalloc((nvils + 1) * sizeof *gof), *gdoor, *fill, ndoors = 0;
	char *kbuf = NULL;
	size_t kcap = 0;

	memset(gs, 0, sizeof *gs);
	gs->cap = xcalloc(nvils + 1, sizeof *gs->cap);
	gs->priority = xcalloc(nvils + 1, sizeof *gs->priority);
	gs->first = xmalloc((nvils + 1) * sizeof *gs->first);
	gdoor = xmalloc((nvils + 1) * sizeof *gdoor);
	for (size_t i = 0; i < nvils; i++) {
		const struct village *v = &vils[i];
		const char *door = door_of(v, role);
		size_t dl = strlen(door);
		void **slot, **dslot;

		if (kcap < dl + 2) {
			kcap = 2 * (dl + 2);
			kbuf = xrealloc(kbuf, kcap);
		}
		/* the key: kind of village (one byte), then the door */
		kbuf[0] = (char)(1 + (v->needs | v->ethnic << 4 | v->priority << 5));
		memcpy(kbuf + 1, door, dl);
		slot = strmap_put(&keys, (struct sv){ kbuf, dl + 1 });
		if (!*slot) {
			size_t g = gs->n++;

			*slot = (void *)(uintptr_t)(g + 1);
			gs->priority[g] = v->priority;
			gs->first[g] = i;
			dslot = strmap_put(&gs->doors, sv_of(door));
			if (!*dslot)
				*dslot = (void *)(uintptr_t)++ndoors;
			gdoor[g] = (uintptr_t)*dslot - 1;
		}
		gof[i] = (uintptr_t)*slot - 1;
		gs->cap[gof[i]]++;
	}
	/* villages by group, doors' groups: both in order */
	gs->voff = xcalloc(gs->n + 1, sizeof *gs->voff);
	gs->vlist = xmalloc((nvils + 1) * sizeof *gs->vlist);
	fill = xmalloc((gs->n > ndoors ? gs->n : ndoors) * sizeof *fill + 1);
	for (size_t g = 0; g < gs->n; g++) {
		gs->voff[g + 1] = gs->voff[g] + gs->cap[g];
		fill[g] = gs->voff[g];
	}
	for (size_t i = 0; i < nvils; i++)
		gs->vlist[fill[gof[i]]++] = i;
	gs->doff = xcalloc(ndoors + 1, sizeof *gs->doff);
	gs->dlist = xmalloc((gs->n + 1) * sizeof *gs->dlist);
	for (size_t g = 0; g < gs->n; g++)
		gs->doff[gdoor[g] + 1]++;
	for (size_t d = 0; d < ndoors; d++) {
		gs->doff[d + 1] += gs->doff[d];
		fill[d] = gs->doff[d];
	}
	for (size_t g = 0; g < gs->n; g++)
		gs->dlist[fill[gdoor[g]]++] = g;
	free(fill);
	free(kbuf);
	free(gof);
	free(gdoor);
	strmap_free(&keys);
}

static void
groups_free(struct groups *gs)
{
	free(gs->cap);
	free(gs->priority);
	free(gs->first);
	free(gs->voff);
	free(gs->vlist);
	free(gs->doff);
	free(gs->dlist);
	strmap_free(&gs->doors);
}

/* The groups behind a door, as a range of gs->dlist. */
static void
door_groups(const struct groups *gs, const char *door, size_t *from, size_t *to)
{
	uintptr_t d = (uintptr_t)strmap_get(&gs->doors, sv_of(door));

	*from = *to = 0;
	if (d) {
		*from = gs->doff[d - 1];
		*to = gs->doff[d];
	}
}

/* Fills every place of role by the exact optimum among the cadres left. */
static void
assign_role(enum place role)
{
	struct groups gs;
	size_t *off = xmalloc((ncands + 1) * sizeof *off), ne = 0;
	int max_age = (int)rule_num(R_DISPATCH_MAX_AGE);
	size_t *shared = xmalloc((ncands + 1) * sizeof *shared);
	uint32_t *kind = xcalloc(ncands + 1, sizeof *kind);
	uint32_t *grp = NULL;
	int32_t *fit = NULL, *group_of = xmalloc((ncands + 1) * sizeof *group_of);
	size_t *filled;
	struct match_value value;

	groups_build(&gs, role);
	/* twice: count the edges, then write them */
	for (int pass = 0; pass < 2; pass++) {
		ne = 0;
		for (size_t i = 0; i < ncands; i++) {
			const struct cand *c = &cands[i];
			const char *doors[2];
			int nd = 0;

			off[i] = ne;
			if (!may_take(c, role))
				continue;
			if (role == TOWNSHIP_MEMBER) {
				doors[nd++] = c->township;
			} else {
				/* the villages of the cadre's unit, and those with none */
				if (c->unit[0])
					doors[nd++] = c->unit;
				doors[nd++] = "";
			}
			for (int d = 0; d < nd; d++) {
				size_t from, to;

				/* The villages open to every unit come last: every
				 * cadre of the same specialty, bilingualism and age
				 * penalty has the same edges to them (the solver's
				 * shared list). */
				if (!doors[d][0]) {
					shared[i] = ne;
					kind[i] = 1 + (uint32_t)(c->specialty * 4 +
					    c->bilingual * 2 + (c->age > max_age));
				}
				door_groups(&gs, doors[d], &from, &to);
				for (size_t k = from; pass && k < to; k++) {
					size_t g = gs.dlist[k];
					unsigned why;

					grp[ne + k - from] = (uint32_t)g;
					fit[ne + k - from] = fit_of(c, &vils[gs.first[g]], &why);
				}
				ne += to - from;
			}
		}
		if (!pass) {
			grp = xmalloc((ne + 1) * sizeof *grp);
			fit = xmalloc((ne + 1) * sizeof *fit);
		}
	}
	off[ncands] = ne;

	struct match_problem p = { ncands, gs.n, gs.cap, gs.priority, off, grp, fit,
	    kind, shared };

	if (!match_solve(&p, group_of, &value))
		die(EXIT_DATAERR, "%zu villages and %zu candidates are too many to "
		    "assign exactly", nvils, ncands);
	/* within a group, villages in village_id order take the group's
	 * cadres in cadre_id order */
	filled = xcalloc(gs.n + 1, sizeof *filled);
	for (size_t i = 0; i < ncands; i++) {
		int32_t g = group_of[i];

		if (g < 0)
			continue;
		vils[gs.vlist[gs.voff[g] + filled[g]++]].team[role] = (int32_t)i;
		cands[i].role = role;
	}
	free(filled);
	free(off);
	free(shared);
	free(kind);
	free(grp);
	free(fit);
	free(group_of);
	groups_free(&gs);
}

/* How many available candidates could fill a place behind each door,
 * before any was assigned: for the reason of a place left empty. */
struct pool {
	struct strmap units;      /* unit -> index + 1 into count */
	struct strmap towns;
	size_t (*count)[2];       /* [0] members, [1] secretaries */
	size_t n, cap;
	size_t all[2];            /* every unit: for villages without one */
};

static size_t *
pool_slot(struct pool *pl, struct strmap *m, const char *key)
{
	void **slot = strmap_put(m, sv_of(key));

	if (!*slot) {
		if (pl->n == pl->cap) {
			pl->cap = pl->cap ? 2 * pl->cap : 64;
			pl->count = xrealloc(pl->count, pl->cap * sizeof *pl->count);
		}
		pl->count[pl->n][0] = pl->count[pl->n][1] = 0;
		*slot = (void *)(uintptr_t)++pl->n;
	}
	return pl->count[(uintptr_t)*slot - 1];
}

static void
pool_count(struct pool *pl)
{
	memset(pl, 0, sizeof *pl);
	for (size_t i = 0; i < ncands; i++) {
		const struct cand *c = &cands[i];
		size_t *n;

		if (!c->available)
			continue;
		if (c->level == LV_TOWNSHIP) {
			pool_slot(pl, &pl->towns, c->township)[0]++;
			continue;
		}
		n = c->unit[0] ? pool_slot(pl, &pl->units, c->unit) : NULL;
		pl->all[0]++;
		if (n)
			n[0]++;
		if (secretary_rank(c)) {
			pl->all[1]++;
			if (n)
				n[1]++;
		}
	}
}

static size_t
pool_get(const struct pool *pl, const struct strmap *m, const char *key, int which)
{
	uintptr_t i = (uintptr_t)strmap_get(m, sv_of(key));

	return i ? pl->count[i - 1][which] : 0;
}

static enum reason
why_empty(const struct pool *pl, const struct village *v, enum place role)
{
	size_t members, secretaries;

	if (role == TOWNSHIP_MEMBER)
		return pool_get(pl, &pl->towns, v->township, 0) ?
		    RS_NONE_LEFT : RS_NO_TOWNSHIP_CANDIDATE;
	if (v->paired[0]) {
		members = pool_get(pl, &pl->units, v->paired, 0);
		secretaries = pool_get(pl, &pl->units, v->paired, 1);
	} else {
		members = pl->all[0];
		secretaries = pl->all[1];
	}
	if (!members)
		return v->paired[0] ? RS_NO_UNIT_CANDIDATE : RS_NO_CANDIDATE;
	if (role == SECRETARY && !secretaries)
		return RS_NO_ELIGIBLE_SECRETARY;
	return RS_NONE_LEFT;
}

static const char *const columns[] = {
	"village_id", "village_name", "township", "role", "cadre_id", "name",
	"fit", "reason", NULL,
};

/* The reason of a place filled: the parts of its fit, ';'-separated. */
static void
write_parts(struct csvw *w, unsigned why)
{
	char buf[256];
	size_t n = 0;

	buf[0] = '\0';
	for (int k = RS_SPECIALTY; k <= RS_OVER_AGE; k++)
		if (why & (1u << k))
			n += snprintf(buf + n, sizeof buf - n, "%s%s", n ? ";" : "",
			    code_out(reason_out, k));
	csvw_str(w, buf);
}

static void
write_teams(const struct pool *pl)
{
	struct csvw w;

	csvw_open(&w, stdout, "standard output");
	csvw_header(&w, columns);
	for (size_t i = 0; i < nvils; i++) {
		const struct village *v = &vils[i];

		for (int role = 0; role < NROLES; role++) {
			int32_t ci = v->team[role];

			csvw_str(&w, v->id);
			csvw_str(&w, v->name);
			csvw_str(&w, v->township);
			csvw_str(&w, code_out(role_out, role));
			if (ci >= 0) {
				const struct cand *c = &cands[ci];
				unsigned why;
				int fit = fit_of(c, v, &why);

				csvw_str(&w, c->id);
				csvw_str(&w, c->name);
				csvw_int(&w, fit);
				write_parts(&w, why);
			} else {
				csvw_str(&w, "");
				csvw_str(&w, "");
				csvw_str(&w, "");
				csvw_str(&w, code_out(reason_out, why_empty(pl, v, role)));
			}
			csvw_end(&w);
		}
	}
	csvw_close(&w);
}

/*
 * --summary: a village is covered when all three places are filled. Ages
 * are full years on the dispatch date: under 30 is up to 29, 30-40 is 30
 * to 40 inclusive, over 40 is 41 and older.
 */
static void
write_summary(void)
{
	size_t covered = 0, pcovered = 0, npri = 0, empty[NROLES] = { 0 };
	size_t young = 0, middle = 0, older = 0;

	for (size_t i = 0; i < nvils; i++) {
		bool full = true;

		for (int role = 0; role < NROLES; role++)
			if (vils[i].team[role] < 0) {
				empty[role]++;
				full = false;
			}
		covered += full;
		npri += vils[i].priority;
		pcovered += full && vils[i].priority;
	}
	for (size_t i = 0; i < ncands; i++) {
		if (cands[i].role < 0)
			continue;
		if (cands[i].age < 30)
			young++;
		else if (cands[i].age <= 40)
			middle++;
		else
			older++;
	}
	if (lang_zh) {
		warnmsg("村 %zu 个，三人工作队配齐 %zu 个；重点村 %zu 个，配齐 %zu 个",
		    nvils, covered, npri, pcovered);
		warnmsg("空缺 %zu 个：第一书记 %zu，派出单位队员 %zu，乡镇队员 %zu",
		    empty[0] + empty[1] + empty[2], empty[0], empty[1], empty[2]);
		warnmsg("选派干部 %zu 人：30岁以下 %zu，30—40岁 %zu，40岁以上 %zu",
		    young + middle + older, young, middle, older);
	} else {
		warnmsg("villages: %zu, covered (team of three): %zu; priority: %zu, "
		    "covered: %zu", nvils, covered, npri, pcovered);
		warnmsg("places unfilled: %zu (secretary %zu, unit_member %zu, "
		    "township_member %zu)", empty[0] + empty[1] + empty[2],
		    empty[0], empty[1], empty[2]);
		warnmsg("cadres assigned: %zu (under 30: %zu, 30-40: %zu, over 40: %zu)",
		    young + middle + older, young, middle, older);
	}
}

static int
cand_by_id(const void *x, const void *y)
{
	return strcmp(((const struct cand *)x)->id, ((const struct cand *)y)->id);
}

static int
village_by_id(const void *x, const void *y)
{
	return strcmp(((const struct village *)x)->id, ((const struct village *)y)->id);
}

static void
free_all(struct pool *pl)
{
	for (size_t i = 0; i < ncands; i++) {
		free(cands[i].id);
		free(cands[i].name);
		free(cands[i].unit);
		free(cands[i].township);
	}
	for (size_t i = 0; i < nvils; i++) {
		free(vils[i].id);
		free(vils[i].name);
		free(vils[i].township);
		free(vils[i].paired);
	}
	free(cands);
	free(vils);
	strmap_free(&pl->units);
	strmap_free(&pl->towns);
	free(pl->count);
}

int
main(int argc, char **argv)
{
	const char *villages_path = NULL, *const *in;
	size_t nin;
	bool have_date = false, summary = false;
	day_t date = 0;
	struct sreader vs, cs;
	struct pool pl;
	int c;

	cli_init(argc, argv, synopsis, help);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_DATE:
			if (date_parse(sv_of(optarg), &date) != DATE_OK)
				usage_error("bad --date %s (expected a date such as 2018-03-01)",
				    optarg);
			have_date = true;
			break;
		case OPT_SUMMARY:
			summary = true;
			break;
		case OPT_VILLAGES:
			villages_path = optarg;
			break;
		default:
			if (!cli_common(c, optarg))
				usage();
		}
	}
	cli_finish();
	if (!villages_path)
		usage_error("--villages FILE is required");
	if (!have_date)
		usage_error("--date DATE is required");
	in = cli_operands(argc, argv, &nin);
	if (strcmp(villages_path, "-") == 0)
		for (size_t i = 0; i <= nin; i++)
			if (i == nin ? nin == 0 : strcmp(in[i], "-") == 0)
				usage_error("--villages - and the candidates cannot both be "
				    "standard input");

	/* the villages file first: a missing one is found before the input
	 * is read */
	sreader_open(&vs, &village_schema, villages_path, NULL);
	sreader_open_all(&cs, &cand_schema, in, nin, NULL);
	rejects_open(common_args.rejects, cs.r);
	load_villages(&vs);
	sreader_close(&vs);
	read_candidates(&cs, date);
	sreader_close(&cs);

	/* Sorted by id, the answer does not depend on the order of the rows. */
	if (ncands)
		qsort(cands, ncands, sizeof *cands, cand_by_id);
	if (nvils)
		qsort(vils, nvils, sizeof *vils, village_by_id);
	pool_count(&pl);
	assign_role(SECRETARY);
	assign_role(UNIT_MEMBER);
	assign_role(TOWNSHIP_MEMBER);
	write_teams(&pl);
	if (summary)
		write_summary();
	rejects_close();
	free_all(&pl);
	return EXIT_OK;
}
