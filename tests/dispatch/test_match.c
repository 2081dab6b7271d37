/*
 * The exact assignment of dispatch-match (cmd/dispatch-match/match.c)
 * against slower solvers that are obviously right: every assignment
 * enumerated on small random problems, and a plain min-cost flow with
 * Bellman-Ford on (priority, places, fit) kept apart, not folded into one
 * weight, on larger ones. Plus the cases that make the point of the SPEC:
 * priority before places before fit, and greedy choosing wrong.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"

/* A problem built in arrays the test owns. */
struct prob {
	struct match_problem p;
	uint32_t cap[64];
	bool pri[64];
	size_t off[129];
	uint32_t grp[128 * 64];
	int32_t fit[128 * 64];
	uint32_t kind[128];
	size_t shared[128];
};

static uint64_t rng;

static uint32_t
rnd(uint32_t n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng >> 33) % n;
}

/* The fits dispatch-match makes with the default rules, and a few more. */
static const int32_t fits[] = { -5, -2, 0, 3, 5, 8, 10, 13 };

/*
 * A random problem. With kinds, the first third of the groups are open to
 * every kind of cadre: a cadre of kind k > 0 ends its edges with kind k's
 * list of them, the same groups and fits for every cadre of the kind, and
 * its own edges go to the other groups.
 */
static void
random_prob(struct prob *x, size_t nl, size_t ng, uint32_t maxcap,
    uint32_t density, uint32_t kinds)
{
	size_t e = 0, nopen = kinds ? ng / 3 : 0;
	uint32_t klist[4][64];
	int32_t kfit[4][64];
	size_t klen[4] = { 0 };

	memset(&x->p, 0, sizeof x->p);
	for (size_t g = 0; g < ng; g++) {
		x->cap[g] = 1 + rnd(maxcap);
		x->pri[g] = rnd(3) == 0;
	}
	for (uint32_t k = 1; k <= kinds; k++)
		for (size_t g = 0; g < nopen; g++)
			if (rnd(100) < 70) {
				klist[k][klen[k]] = (uint32_t)g;
				kfit[k][klen[k]++] = fits[rnd(sizeof fits / sizeof fits[0])];
			}
	for (size_t i = 0; i < nl; i++) {
		uint32_t k = kinds ? rnd(kinds + 1) : 0;

		x->off[i] = e;
		x->kind[i] = k;
		for (size_t g = k ? nopen : 0; g < ng; g++)
			if (rnd(100) < density) {
				x->grp[e] = (uint32_t)g;
				x->fit[e++] = fits[rnd(sizeof fits / sizeof fits[0])];
			}
		x->shared[i] = e;
		for (size_t j = 0; k && j < klen[k]; j++) {
			x->grp[e] = klist[k][j];
			x->fit[e++] = kfit[k][j];
		}
	}
	x->off[nl] = e;
	x->p = (struct match_problem){ nl, ng, x->cap, x->pri, x->off, x->grp,
	    x->fit, kinds ? x->kind : NULL, kinds ? x->shared : NULL };
}

static int
cmp_value(struct match_value a, struct match_value b)
{
	if (a.priority != b.priority)
		return a.priority < b.priority ? -1 : 1;
	if (a.covered != b.covered)
		return a.covered < b.covered ? -1 : 1;
	if (a.fit != b.fit)
		return a.fit < b.fit ? -1 : 1;
	return 0;
}

/* An assignment is one: each cadre on one of its own edges, no group over
 * its places. */
static void
assert_valid(const struct match_problem *p, const int32_t *got)
{
	uint32_t used[64] = { 0 };

	for (size_t i = 0; i < p->nleft; i++) {
		bool ok = false;

		if (got[i] < 0)
			continue;
		for (size_t e = p->off[i]; e < p->off[i + 1]; e++)
			ok |= p->group[e] == (uint32_t)got[i];
		assert_true(ok);
		used[got[i]]++;
		assert_true(used[got[i]] <= p->cap[got[i]]);
	}
}

/* Every assignment: cadre i takes none of its edges or one of them. */
static void
brute(const struct match_problem *p, size_t i, int32_t *cur, uint32_t *used,
    struct match_value *best)
{
	struct match_value v;

	if (i == p->nleft) {
		v = match_value_of(p, cur);
		if (cmp_value(v, *best) > 0)
			*best = v;
		return;
	}
	cur[i] = -1;
	brute(p, i + 1, cur, used, best);
	for (size_t e = p->off[i]; e < p->off[i + 1]; e++) {
		uint32_t g = p->group[e];

		if (used[g] == p->cap[g])
			continue;
		used[g]++;
		cur[i] = (int32_t)g;
		brute(p, i + 1, cur, used, best);
		used[g]--;
	}
	cur[i] = -1;
}

static void
test_random_small_against_every_assignment(void **state)
{
	static struct prob x;
	int32_t got[16], again[16], cur[16];
	uint32_t used[64];
	struct match_value v, v2, best;

	(void)state;
	rng = 1;
	for (int n = 0; n < 4000; n++) {
		size_t nl = rnd(7), ng = rnd(5);

		random_prob(&x, nl, ng, 2, 20 + rnd(70), n % 2 ? rnd(4) : 0);
		assert_true(match_solve(&x.p, got, &v));
		assert_valid(&x.p, got);
		v2 = match_value_of(&x.p, got);
		assert_int_equal(cmp_value(v, v2), 0);
		best = (struct match_value){ 0, 0, 0 };
		memset(used, 0, sizeof used);
		brute(&x.p, 0, cur, used, &best);
		if (cmp_value(v, best) != 0)
			fail_msg("problem %d: got (%zu, %zu, %lld), best (%zu, %zu, %lld)",
			    n, v.priority, v.covered, (long long)v.fit, best.priority,
			    best.covered, (long long)best.fit);
		/* same problem, same answer */
		assert_true(match_solve(&x.p, again, &v2));
		assert_memory_equal(got, again, nl * sizeof *got);
	}
}

/* The reference: places as nodes, costs as triples compared in order. */
struct tri {
	int64_t a, b, c;
};

static struct tri
tadd(struct tri x, struct tri y)
{
	return (struct tri){ x.a + y.a, x.b + y.b, x.c + y.c };
}

static bool
tless(struct tri x, struct tri y)
{
	if (x.a != y.a)
		return x.a < y.a;
	if (x.b != y.b)
		return x.b < y.b;
	return x.c < y.c;
}

struct redge {
	int to, cap;
	struct tri cost;
};

static struct match_value
reference(const struct match_problem *p)
{
	enum { MAXN = 512, MAXE = 8192 };
	static struct redge ed[MAXE];
	static int head[MAXN], nxt[MAXE], pe[MAXN];
	static struct tri dist[MAXN];
	static bool reach[MAXN];
	int n = 0, ne = 0, S, T, gfirst[64];
	struct match_value v = { 0, 0, 0 };

	S = n++;
	T = n++;
	int cfirst = n;
	n += (int)p->nleft;
	for (size_t g = 0; g < p->ngroups; g++) {
		gfirst[g] = n;
		n += (int)p->cap[g];
	}
	for (int i = 0; i < n; i++)
		head[i] = -1;
#define ADD(u, w, k) do { \
	ed[ne] = (struct redge){ (w), 1, (k) }; nxt[ne] = head[u]; head[u] = ne++; \
	ed[ne] = (struct redge){ (u), 0, (struct tri){ -(k).a, -(k).b, -(k).c } }; \
	nxt[ne] = head[w]; head[w] = ne++; } while (0)
	for (size_t i = 0; i < p->nleft; i++) {
		ADD(S, cfirst + (int)i, ((struct tri){ 0, 0, 0 }));
		for (size_t e = p->off[i]; e < p->off[i + 1]; e++) {
			uint32_t g = p->group[e];

			for (uint32_t k = 0; k < p->cap[g]; k++)
				ADD(cfirst + (int)i, gfirst[g] + (int)k,
				    ((struct tri){ p->priority[g] ? -1 : 0, -1, -p->fit[e] }));
		}
	}
	for (size_t g = 0; g < p->ngroups; g++)
		for (uint32_t k = 0; k < p->cap[g]; k++)
			ADD(gfirst[g] + (int)k, T, ((struct tri){ 0, 0, 0 }));
	assert_true(n <= MAXN && ne <= MAXE);
	for (;;) {
		bool changed = true;

		for (int i = 0; i < n; i++)
			reach[i] = false;
		reach[S] = true;
		dist[S] = (struct tri){ 0, 0, 0 };
		for (int round = 0; changed && round < n; round++) {
			changed = false;
			for (int u = 0; u < n; u++) {
				if (!reach[u])
					continue;
				for (int e = head[u]; e >= 0; e = nxt[e]) {
					struct tri d = tadd(dist[u], ed[e].cost);
					int w = ed[e].to;

					if (!ed[e].cap || (reach[w] && !tless(d, dist[w])))
						continue;
					reach[w] = true;
					dist[w] = d;
					pe[w] = e;
					changed = true;
				}
			}
		}
		if (!reach[T] || !tless(dist[T], (struct tri){ 0, 0, 0 }))
			break;
		for (int w = T; w != S; w = ed[pe[w] ^ 1].to) {
			ed[pe[w]].cap--;
			ed[pe[w] ^ 1].cap++;
		}
		v.priority -= dist[T].a;
		v.covered -= dist[T].b;
		v.fit -= dist[T].c;
	}
#undef ADD
	return v;
}

static void
test_random_larger_against_min_cost_flow(void **state)
{
	static struct prob x;
	static int32_t got[128];
	struct match_value v, ref;

	(void)state;
	rng = 7;
	for (int n = 0; n < 300; n++) {
		size_t nl = 1 + rnd(40), ng = 1 + rnd(16);

		/* sparse to dense, few cadres per place to many */
		random_prob(&x, nl, ng, 1 + rnd(3), 5 + rnd(60), n % 2 ? rnd(4) : 0);
		assert_true(match_solve(&x.p, got, &v));
		assert_valid(&x.p, got);
		ref = reference(&x.p);
		if (cmp_value(v, ref) != 0)
			fail_msg("problem %d: got (%zu, %zu, %lld), best (%zu, %zu, %lld)",
			    n, v.priority, v.covered, (long long)v.fit, ref.priority,
			    ref.covered, (long long)ref.fit);
	}
}

/* Groups of many places, many cadres each: long augmenting paths. */
static void
test_random_wide_groups_against_min_cost_flow(void **state)
{
	static struct prob x;
	static int32_t got[128];
	struct match_value v, ref;

	(void)state;
	rng = 11;
	for (int n = 0; n < 100; n++) {
		size_t nl = 20 + rnd(60), ng = 2 + rnd(6);

		random_prob(&x, nl, ng, 8, 10 + rnd(40), n % 2 ? 1 + rnd(3) : 0);
		assert_true(match_solve(&x.p, got, &v));
		assert_valid(&x.p, got);
		ref = reference(&x.p);
		assert_int_equal(cmp_value(v, ref), 0);
	}
}

static void
solve(const uint32_t *cap, const bool *pri, size_t ng, const size_t *off,
    size_t nl, const uint32_t *grp, const int32_t *fit, int32_t *got,
    struct match_value *v)
{
	struct match_problem p = { nl, ng, cap, pri, off, grp, fit, NULL, NULL };

	assert_true(match_solve(&p, got, v));
}

/*
 * Greedy, best fit first: X (fit 13 in village 0, 10 in village 1) takes
 * village 0; Y, who fits only village 0, is left out: one village. The
 * optimum sends X to village 1 and Y to village 0: two villages.
 */
static void
test_greedy_fails_optimum_covers_both(void **state)
{
	uint32_t cap[] = { 1, 1 };
	bool pri[] = { false, false };
	size_t off[] = { 0, 2, 3 };
	uint32_t grp[] = { 0, 1, 0 };
	int32_t fit[] = { 13, 10, 0 };
	int32_t got[2];
	struct match_value v;

	(void)state;
	solve(cap, pri, 2, off, 2, grp, fit, got, &v);
	assert_int_equal(got[0], 1);
	assert_int_equal(got[1], 0);
	assert_int_equal(v.covered, 2);
	assert_int_equal(v.fit, 10);
}

/* One cadre, a priority village where he fits -5 and a plain one where
 * he fits 13: the priority village. */
static void
test_priority_before_fit(void **state)
{
	uint32_t cap[] = { 1, 1 };
	bool pri[] = { false, true };
	size_t off[] = { 0, 2 };
	uint32_t grp[] = { 0, 1 };
	int32_t fit[] = { 13, -5 };
	int32_t got[1];
	struct match_value v;

	(void)state;
	solve(cap, pri, 2, off, 1, grp, fit, got, &v);
	assert_int_equal(got[0], 1);
	assert_int_equal(v.priority, 1);
	assert_int_equal(v.fit, -5);
}

/* Places before fit: two villages at fit -5 and 0 beat one at 13 + 13,
 * however large the fits are. */
static void
test_places_before_fit_with_large_fits(void **state)
{
	uint32_t cap[] = { 1, 1 };
	bool pri[] = { false, false };
	size_t off[] = { 0, 2, 3 };
	uint32_t grp[] = { 0, 1, 0 };
	int32_t fit[] = { 100000, -100000, 100000 };
	int32_t got[2];
	struct match_value v;

	(void)state;
	solve(cap, pri, 2, off, 2, grp, fit, got, &v);
	assert_int_equal(v.covered, 2);
	assert_int_equal(v.fit, 0);
}

/* Alike choices go to the lower index: three cadres of equal fit for one
 * place; the first takes it. */
static void
test_ties_go_to_the_lower_index(void **state)
{
	uint32_t cap[] = { 1 };
	bool pri[] = { false };
	size_t off[] = { 0, 1, 2, 3 };
	uint32_t grp[] = { 0, 0, 0 };
	int32_t fit[] = { 3, 3, 3 };
	int32_t got[3];
	struct match_value v;

	(void)state;
	solve(cap, pri, 1, off, 3, grp, fit, got, &v);
	assert_int_equal(got[0], 0);
	assert_int_equal(got[1], -1);
	assert_int_equal(got[2], -1);
}

static void
test_empty_problems(void **state)
{
	uint32_t cap[] = { 2 };
	bool pri[] = { true };
	size_t off[] = { 0, 0, 0 };
	int32_t got[2] = { 5, 5 };
	struct match_value v;

	(void)state;
	solve(cap, pri, 0, off, 2, NULL, NULL, got, &v);
	assert_int_equal(got[0], -1);
	assert_int_equal(got[1], -1);
	assert_int_equal(v.covered, 0);
	solve(cap, pri, 1, off, 0, NULL, NULL, got, &v);
	assert_int_equal(v.covered, 0);
	solve(cap, pri, 1, off, 2, NULL, NULL, got, &v);
	assert_int_equal(got[0], -1);
}

/* Weights that do not fit in 64 bits are refused, not wrapped: a million
 * cadres for a million places, fits from -100000 to 100000. */
static void
test_too_large_refused(void **state)
{
	enum { N = 1000000 };
	uint32_t cap[] = { N };
	bool pri[] = { true };
	size_t *off = malloc((N + 1) * sizeof *off);
	int32_t *got = malloc(N * sizeof *got), *fit = malloc(N * sizeof *fit);
	uint32_t *grp = calloc(N, sizeof *grp);
	struct match_problem p = { N, 1, cap, pri, off, grp, fit, NULL, NULL };
	struct match_value v;

	(void)state;
	assert_non_null(off);
	assert_non_null(got);
	assert_non_null(fit);
	assert_non_null(grp);
	for (size_t i = 0; i <= N; i++)
		off[i] = i;
	for (size_t i = 0; i < N; i++)
		fit[i] = i % 2 ? -100000 : 100000;
	assert_false(match_solve(&p, got, &v));
	assert_int_equal(got[0], -1);
	assert_int_equal(v.covered, 0);
	free(off);
	free(got);
	free(fit);
	free(grp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_small_against_every_assignment),
		cmocka_unit_test(test_random_larger_against_min_cost_flow),
		cmocka_unit_test(test_random_wide_groups_against_min_cost_flow),
		cmocka_unit_test(test_greedy_fails_optimum_covers_both),
		cmocka_unit_test(test_priority_before_fit),
		cmocka_unit_test(test_places_before_fit_with_large_fits),
		cmocka_unit_test(test_ties_go_to_the_lower_index),
		cmocka_unit_test(test_empty_problems),
		cmocka_unit_test(test_too_large_refused),
	};

	return cmocka_run_group_tests_name("match", tests, NULL, NULL);
}
