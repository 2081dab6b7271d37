/*
 * Maximum-weight assignment of cadres to groups of alike places, by
 * successive shortest augmenting paths with Dijkstra on reduced costs
 * (min-cost flow with potentials, the primal-dual way).
 *
 * One weight per edge carries the three aims of SPEC section 7. With k the
 * most places an assignment can fill (the fewer of cadres and places),
 * fits between fmin <= 0 and fmax >= 0 (the extremes of the edges, or 0),
 *
 *	R = k (fmax - fmin)    B = R + 1    P = k + 1
 *	w(edge) = fit + B (1 + P priority)       priority 0 or 1
 *
 * and an assignment M with np priority places, nc places and total fit F
 * weighs W(M) = F + B nc + B P np.
 * Claim: (np, nc, F) > (np', nc', F') in lexicographic order implies
 * W(M) > W(M'). Proof: F and F' lie in [k fmin, k fmax], so |F - F'| <= R
 * = B - 1; nc and nc' lie in [0, k], so |nc - nc'| <= k.
 * If np > np': W - W' >= B P - B k - R = B (k + 1) - B k - (B - 1) = 1.
 * If np = np' and nc > nc': W - W' >= B - R = 1.
 * If both are equal: W - W' = F - F' > 0.
 * So the heaviest assignment is the lexicographic best, and every edge
 * weighs at least B + fmin > 0, so filling a place never costs.
 *
 * The flow: source -> each cadre (capacity 1) -> each group it may fill
 * (cost C - w, C the largest weight, so costs start >= 0) -> sink (capacity
 * the group's places). An augmenting path from the source to the sink has
 * one forward cadre->group edge more than backward ones, so its cost is
 * C - (the weight it adds); paths are taken shortest first while they add
 * weight, i.e. while their cost is below C. The cost of the best
 * assignment of each size is convex in the size, so the first path that
 * adds nothing ends the search: that is how a place may stay empty.
 *
 * What keeps it fast, since eligibility is sparse and fits take few values:
 *  - pieces that no edge joins (the townships, for township members) are
 *    solved apart, each at its own size (match_solve).
 *  - a cadre once matched stays matched (paths start at the source and
 *    never return to it), and a free cadre's potential stays 0. So the
 *    distance to group g through a free cadre is (cheapest free cadre's
 *    cost to g) - pot(g): no search relaxes the thousands of free cadres;
 *    each group keeps its cadres sorted by cost and a pointer to the first
 *    still free.
 *  - a search stops when it reaches the sink at distance dT; every node
 *    not finished by then gets dT added to its potential, which is one
 *    global offset. Only the finished nodes change one by one, and the
 *    groups' starting distances live in a heap kept from search to search.
 *  - after a search every path of reduced cost 0 is a shortest path, and
 *    all of them are taken before the next search, in layered rounds as
 *    Hopcroft and Karp's matching does. Weights take few values, so a few
 *    dozen searches serve thousands of augmentations.
 *  - cadres of one kind share the edges to the villages open to every
 *    unit; a cadre whose kind and potential another has already gone
 *    through in a search or round skips them (the memo).
 *
 * Ties: every heap orders by (distance, index), groups come before cadres,
 * and a group's cadres are sorted by (cost, cadre index), so among equal
 * choices the lower index wins, and the same problem gives the same answer.
 */
#include "match.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

struct gedge {
	uint32_t left;
	int32_t fit;
};

struct qent {
	int64_t d;
	uint32_t node;
};

struct solver {
	const struct match_problem *p;
	size_t nl, ng, nodes;
	uint32_t tnode;           /* the sink; groups 0..ng-1, cadres ng.. */
	int64_t B, P, C;
	int64_t fmin, fmax;       /* the extremes of the fits, and 0 */

	size_t *goff;             /* group g's edges, sorted by cost, cadre */
	struct gedge *ge;
	size_t *gptr;             /* first edge of g whose cadre may be free */

	int32_t *match;           /* cadre -> group, or -1 */
	int64_t *mcost;           /* the cost of the cadre's edge to it */
	uint8_t *mshared;         /* that edge is in the cadre's shared list */

	/* Shared lists seen in this search or round, by (kind, potential,
	 * level): a cadre whose list another cadre of the same kind and
	 * potential has already gone through skips it. */
	struct memo {
		int64_t base;
		uint32_t kind, stamp;
		int32_t level;
	} *memo;
	size_t memocap;
	uint32_t mstamp;
	uint32_t *flow;           /* places of g filled */
	size_t *moff;             /* g's matched cadres: mem[moff[g] ..] */
	uint32_t *mem;
	uint32_t *mpos;           /* cadre's position in its group's mem */

	int64_t *base;            /* potential = base + gl (not free cadres) */
	int64_t gl;

	/* the kept heap of groups by their distance through a free cadre */
	uint32_t *hv;
	int32_t *hpos;
	int64_t *key;             /* cheapest free cost - base, or unused */
	size_t hn;

	/* one search */
	int64_t *dist;
	uint32_t *pred;           /* group: the cadre it was reached from */
	uint8_t *state;           /* 0 untouched, 1 queued, 2 finished */
	uint32_t *touched, *done, *hout, *dirty;
	size_t ntouched, ndone, nhout, ndirty;
	uint8_t *isdirty;
	/* the rounds of augmenting along paths of reduced cost 0 */
	uint32_t *seen, *dead, round;
	int32_t *level;
	uint32_t *stk, *src;
	size_t plen;
	size_t *it;
	struct qent *q;
	size_t qn, qcap;
};

enum { UNTOUCHED, QUEUED, FINISHED };

static int64_t
edge_weight(const struct solver *s, int32_t fit, uint32_t g)
{
	return fit + s->B * (1 + s->P * (s->p->priority[g] ? 1 : 0));
}

static int64_t
edge_cost(const struct solver *s, int32_t fit, uint32_t g)
{
	return s->C - edge_weight(s, fit, g);
}

/* The heap of groups, by (key, group). */
static bool
hless(const struct solver *s, uint32_t a, uint32_t b)
{
	return s->key[a] < s->key[b] || (s->key[a] == s->key[b] && a < b);
}

static void
hplace(struct solver *s, size_t i, uint32_t g)
{
	s->hv[i] = g;
	s->hpos[g] = (int32_t)i;
}

static void
hup(struct solver *s, size_t i)
{
	uint32_t g = s->hv[i];

	while (i > 0 && hless(s, g, s->hv[(i - 1) / 2])) {
		hplace(s, i, s->hv[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	hplace(s, i, g);
}

static void
hdown(struct solver *s, size_t i)
{
	uint32_t g = s->hv[i];

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= s->hn)
			break;
		if (c + 1 < s->hn && hless(s, s->hv[c + 1], s->hv[c]))
			c++;
		if (!hless(s, s->hv[c], g))
			break;
		hplace(s, i, s->hv[c]);
		i = c;
	}
	hplace(s, i, g);
}

static void
hremove(struct solver *s, uint32_t g)
{
	size_t i = (size_t)s->hpos[g];
	uint32_t last = s->hv[--s->hn];

	s->hpos[g] = -1;
	if (i == s->hn)
		return;
	hplace(s, i, last);
	hdown(s, i);
	hup(s, (size_t)s->hpos[last]);
}

/* Puts g in the heap with its current key, or takes it out when no free
 * cadre can reach it. */
static void
hrefresh(struct solver *s, uint32_t g)
{
	size_t e = s->gptr[g];

	while (e < s->goff[g + 1] && s->match[s->ge[e].left] >= 0)
		e++;
	s->gptr[g] = e;
	if (e == s->goff[g + 1]) {
		if (s->hpos[g] >= 0)
			hremove(s, g);
		return;
	}
	s->key[g] = edge_cost(s, s->ge[e].fit, g) - s->base[g];
	if (s->hpos[g] < 0) {
		s->hpos[g] = (int32_t)s->hn;
		s->hv[s->hn++] = g;
		hup(s, s->hn - 1);
	} else {
		hup(s, (size_t)s->hpos[g]);
		hdown(s, (size_t)s->hpos[g]);
	}
}

/* The search's queue: lazy, by (distance, node), except that the sink
 * comes first among equals: a search ends as soon as it can. */
static bool
qless(const struct solver *s, struct qent a, struct qent b)
{
	uint32_t ra = a.node == s->tnode ? 0 : a.node + 1;
	uint32_t rb = b.node == s->tnode ? 0 : b.node + 1;

	return a.d < b.d || (a.d == b.d && ra < rb);
}

static void
qpush(struct solver *s, int64_t d, uint32_t node)
{
	size_t i;

	if (s->qn == s->qcap) {
		s->qcap = s->qcap ? 2 * s->qcap : 256;
		s->q = xrealloc(s->q, s->qcap * sizeof *s->q);
	}
	i = s->qn++;
	while (i > 0 && qless(s, (struct qent){ d, node }, s->q[(i - 1) / 2])) {
		s->q[i] = s->q[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	s->q[i] = (struct qent){ d, node };
}

static void
qpop(struct solver *s)
{
	struct qent x = s->q[--s->qn];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= s->qn)
			break;
		if (c + 1 < s->qn && qless(s, s->q[c + 1], s->q[c]))
			c++;
		if (!qless(s, s->q[c], x))
			break;
		s->q[i] = s->q[c];
		i = c;
	}
	if (s->qn)
		s->q[i] = x;
}

static void
touch(struct solver *s, uint32_t v)
{
	if (s->state[v] == UNTOUCHED)
		s->touched[s->ntouched++] = v;
}

static void
relax(struct solver *s, uint32_t v, int64_t d, uint32_t from)
{
	if (s->state[v] == FINISHED)
		return;
	if (s->state[v] == QUEUED && d >= s->dist[v])
		return;
	touch(s, v);
	s->state[v] = QUEUED;
	s->dist[v] = d;
	s->pred[v] = from;
	qpush(s, d, v);
}

static void
mark_dirty(struct solver *s, uint32_t g)
{
	if (!s->isdirty[g]) {
		s->isdirty[g] = 1;
		s->dirty[s->ndirty++] = g;
	}
}

/* The first edge of cadre c's shared list (its end when it has none). */
static size_t
shared_from(const struct solver *s, uint32_t c)
{
	const struct match_problem *p = s->p;

	return p->kind && p->kind[c] ? p->shared[c] : p->off[c + 1];
}

/*
 * Has a cadre of c's kind and potential (and level) gone through its
 * shared list since the stamp was set? When not and add is true, c is
 * recorded as having done so; a cadre matched to a group of its shared
 * list skipped that group, so it is never recorded.
 */
static bool
memo_seen(struct solver *s, uint32_t c, int32_t level, bool add)
{
	uint32_t k = s->p->kind[c];
	int64_t b = s->base[s->ng + c];
	uint64_t h = ((uint64_t)b * 0x9E3779B97F4A7C15ULL) ^ (k * 0x85EBCA6BU) ^
	    ((uint64_t)(uint32_t)level * 0xC2B2AE35U);
	size_t i = (size_t)(h ^ (h >> 29)) & (s->memocap - 1);

	for (;; i = (i + 1) & (s->memocap - 1)) {
		struct memo *m = &s->memo[i];

		if (m->stamp != s->mstamp) {
			if (add && !s->mshared[c])
				*m = (struct memo){ b, k, s->mstamp, level };
			return false;
		}
		if (m->kind == k && m->base == b && m->level == level)
			return true;
	}
}

static void
refresh_dirty(struct solver *s)
{
	for (size_t i = 0; i < s->ndirty; i++) {
		s->isdirty[s->dirty[i]] = 0;
		hrefresh(s, s->dirty[i]);
	}
	s->ndirty = 0;
}

/*
 * One shortest-path search, and the potentials that make every shortest
 * augmenting path one of reduced cost 0. False when no path adds weight.
 */
static bool
search(struct solver *s)
{
	const struct match_problem *p = s->p;
	uint32_t T = s->tnode;
	int64_t dT;
	bool found = false;

	s->ntouched = s->ndone = s->nhout = s->qn = 0;
	s->mstamp++;
	for (;;) {
		uint32_t v;
		int64_t d;
		bool from_heap;

		while (s->qn && (s->state[s->q[0].node] == FINISHED ||
		    s->q[0].d != s->dist[s->q[0].node]))
			qpop(s);
		while (s->hn && s->state[s->hv[0]] == FINISHED) {
			s->hout[s->nhout++] = s->hv[0];
			hremove(s, s->hv[0]);
		}
		if (!s->qn && !s->hn)
			break;
		from_heap = s->hn && (!s->qn || qless(s, (struct qent){
		    s->key[s->hv[0]] - s->gl, s->hv[0] }, s->q[0]));
		if (from_heap) {
			v = s->hv[0];
			d = s->key[v] - s->gl;
			s->hout[s->nhout++] = v;
			hremove(s, v);
			touch(s, v);
			s->dist[v] = d;
		} else {
			v = s->q[0].node;
			d = s->q[0].d;
			qpop(s);
		}
		assert(d >= 0);
		s->state[v] = FINISHED;
		if (v == T) {
			found = true;
			break;
		}
		s->done[s->ndone++] = v;
		if (v < s->ng) {
			uint32_t g = v;

			if (s->flow[g] < p->cap[g])
				relax(s, T, d + s->base[g] - s->base[T], g);
			for (size_t i = s->moff[g]; i < s->moff[g] + s->flow[g]; i++) {
				uint32_t c = s->mem[i];
				/* the edge c->g carries flow; its residual g->c costs
				 * minus its cost */
				int64_t rc = -s->mcost[c] + s->base[g] - s->base[s->ng + c];

				assert(rc >= 0);
				relax(s, (uint32_t)(s->ng + c), d + rc, g);
			}
		} else {
			uint32_t c = v - (uint32_t)s->ng;
			size_t end = p->off[c + 1];

			/* a cadre finished earlier with the same shared list and
			 * potential reached its groups at no greater distance */
			if (shared_from(s, c) < end && memo_seen(s, c, 0, true))
				end = shared_from(s, c);
			for (size_t e = p->off[c]; e < end; e++) {
				uint32_t g = p->group[e];
				int64_t rc;

				if ((int32_t)g == s->match[c])
					continue;
				rc = edge_cost(s, p->fit[e], g) + s->base[v] - s->base[g];
				assert(rc >= 0);
				relax(s, g, d + rc, c);
			}
		}
	}
	for (size_t i = 0; i < s->ntouched; i++)
		s->state[s->touched[i]] = UNTOUCHED;
	if (found)
		dT = s->dist[T];
	/* Nothing reachable, or the cheapest path adds no weight: the search
	 * is over. The potential of the sink is the path's true cost. */
	if (!found || dT + s->base[T] + s->gl >= s->C)
		return false;

	/* Potentials: + dist for the finished nodes, + dT for all others. */
	for (size_t i = 0; i < s->ndone; i++) {
		uint32_t v = s->done[i];

		s->base[v] += s->dist[v] - dT;
		if (v < s->ng)
			mark_dirty(s, v);
	}
	s->gl += dT;
	for (size_t i = 0; i < s->nhout; i++)
		mark_dirty(s, s->hout[i]);
	refresh_dirty(s);
	return true;
}

/* Augments along the path pred[] gives back from the last group g: each
 * cadre on it moves to the group after it; the first one was free, g
 * gains a place filled. */
static void
augment(struct solver *s, uint32_t g)
{
	const struct match_problem *p = s->p;

	for (;;) {
		uint32_t c = s->pred[g];
		int32_t old = s->match[c];

		if (old >= 0) {
			/* leave old's list: its last member takes c's slot */
			uint32_t m = s->mem[s->moff[old] + s->flow[old] - 1];

			s->mem[s->moff[old] + s->mpos[c]] = m;
			s->mpos[m] = s->mpos[c];
			s->flow[old]--;
		}
		s->mpos[c] = s->flow[g];
		s->mem[s->moff[g] + s->flow[g]++] = c;
		s->match[c] = (int32_t)g;
		for (size_t e = p->off[c]; e < p->off[c + 1]; e++)
			if (p->group[e] == g) {
				s->mcost[c] = edge_cost(s, p->fit[e], g);
				s->mshared[c] = e >= shared_from(s, c);
			}
		if (old < 0) {
			/* a free cadre's potential is 0; now it is matched */
			s->base[s->ng + c] = -s->gl;
			for (size_t e = p->off[c]; e < p->off[c + 1]; e++)
				mark_dirty(s, p->group[e]);
			break;
		}
		g = (uint32_t)old;
	}
	refresh_dirty(s);
}

static int
by_index(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

/* Is the edge from v to w admissible (reduced cost 0, capacity left)?
 * v and w are a group and one of its members, or a matched cadre and
 * another group it may fill. */
static bool
admissible(const struct solver *s, uint32_t v, uint32_t w, size_t e)
{
	if (v < s->ng)
		return s->base[v] - s->base[w] == s->mcost[w - s->ng];
	return (int32_t)w != s->match[v - s->ng] &&
	    edge_cost(s, s->p->fit[e], w) + s->base[v] == s->base[w];
}

static bool
to_sink(const struct solver *s, uint32_t g)
{
	return s->flow[g] < s->p->cap[g] && s->base[g] == s->base[s->tnode];
}

/*
 * The layers of the admissible graph, as Hopcroft and Karp's: level 0 the
 * groups a free cadre reaches at reduced cost 0, each next level what the
 * one before reaches, up to the first level with a group that has a place
 * left at reduced cost 0. Returns that level, or -1.
 */
static int32_t
layers(struct solver *s, size_t *nsrc)
{
	const struct match_problem *p = s->p;
	size_t sp = 0, head = 0, tail = 0;
	int32_t limit = -1;

	/* the sources: the top of the kept heap */
	*nsrc = 0;
	if (s->hn)
		s->stk[sp++] = 0;
	while (sp) {
		size_t i = s->stk[--sp];

		if (s->key[s->hv[i]] != s->gl)
			continue;
		s->src[(*nsrc)++] = s->hv[i];
		if (2 * i + 1 < s->hn)
			s->stk[sp++] = (uint32_t)(2 * i + 1);
		if (2 * i + 2 < s->hn)
			s->stk[sp++] = (uint32_t)(2 * i + 2);
	}
	s->round++;
	/* in index order: by a sort, or when there are many, by a scan */
	if (*nsrc > s->ng / 16) {
		size_t n = 0;

		for (size_t k = 0; k < *nsrc; k++)
			s->dead[s->src[k]] = s->round;
		for (uint32_t g = 0; g < s->ng; g++)
			if (s->dead[g] == s->round)
				s->src[n++] = g;
		s->round++;
	} else
		qsort(s->src, *nsrc, sizeof *s->src, by_index);
	for (size_t k = 0; k < *nsrc; k++) {
		s->seen[s->src[k]] = s->round;
		s->level[s->src[k]] = 0;
		s->stk[tail++] = s->src[k];
	}
	s->mstamp++;
	while (head < tail) {
		uint32_t v = s->stk[head++];
		int32_t lv = s->level[v];

		if (limit >= 0 && lv >= limit)
			break;
		if (v < s->ng && to_sink(s, v)) {
			limit = lv;
			continue;
		}
		if (v < s->ng) {
			for (size_t i = s->moff[v]; i < s->moff[v] + s->flow[v]; i++) {
				uint32_t w = (uint32_t)(s->ng + s->mem[i]);

				if (s->seen[w] != s->round && admissible(s, v, w, 0)) {
					s->seen[w] = s->round;
					s->level[w] = lv + 1;
					s->stk[tail++] = w;
				}
			}
		} else {
			uint32_t c = v - (uint32_t)s->ng;
			size_t end = p->off[c + 1];

			/* a cadre with the same shared list and potential, at
			 * this level or above, has seen its groups */
			if (shared_from(s, c) < end && memo_seen(s, c, 0, true))
				end = shared_from(s, c);
			for (size_t e = p->off[c]; e < end; e++) {
				uint32_t w = p->group[e];

				if (s->seen[w] != s->round && admissible(s, v, w, e)) {
					s->seen[w] = s->round;
					s->level[w] = lv + 1;
					s->stk[tail++] = w;
				}
			}
		}
	}
	return limit;
}

/*
 * A depth-first search from source group g0 down the layers to a group of
 * level limit with a place left, through nodes not dead. On success
 * pred[] and stk[0 .. plen - 1] hold the path and the last group is
 * returned; else -1 and what was tried is dead for the rest of the round.
 */
static int64_t
layered_path(struct solver *s, uint32_t g0, int32_t limit)
{
	const struct match_problem *p = s->p;
	size_t sp = 0;

	s->dead[g0] = s->round;
	s->stk[sp] = g0;
	s->it[sp++] = 0;
	while (sp) {
		uint32_t v = s->stk[sp - 1], w = 0;
		size_t i = s->it[sp - 1], n, e = 0;
		int32_t lv = s->level[v];
		bool next = false;

		if (v < s->ng && lv == limit) {
			if (to_sink(s, v)) {
				s->plen = sp;
				return v;
			}
			sp--;
			continue;
		}
		/* the next edge down a layer to a node not dead, if any */
		if (v < s->ng) {
			for (n = s->flow[v]; !next && i < n; i++) {
				w = (uint32_t)(s->ng + s->mem[s->moff[v] + i]);
				next = s->seen[w] == s->round && s->level[w] == lv + 1 &&
				    s->dead[w] != s->round && admissible(s, v, w, 0);
			}
		} else {
			uint32_t c = v - (uint32_t)s->ng;
			size_t from = p->off[c], sh = shared_from(s, c) - from;

			for (n = p->off[c + 1] - from; !next && i < n; i++) {
				/* a cadre with the same shared list, potential and
				 * level found no way down it: nor will this one */
				if (i == sh && memo_seen(s, c, lv, false))
					break;
				e = from + i;
				w = p->group[e];
				next = s->seen[w] == s->round && s->level[w] == lv + 1 &&
				    s->dead[w] != s->round && admissible(s, v, w, e);
			}
			if (!next && sh < n && i == n)
				memo_seen(s, c, lv, true);
		}
		s->it[sp - 1] = i;
		if (!next) {
			sp--;
			continue;
		}
		s->dead[w] = s->round;
		if (w < s->ng)
			s->pred[w] = v - (uint32_t)s->ng;
		s->stk[sp] = w;
		s->it[sp++] = 0;
	}
	return -1;
}

/*
 * After a search, every path of reduced cost 0 is a shortest one: augment
 * along as many as there are before the next search, a layered round at a
 * time. Where weights take few values, as fits do, one search then serves
 * many augmentations.
 */
static void
augment_all(struct solver *s)
{
	for (;;) {
		size_t nsrc, found = 0;
		int32_t limit = layers(s, &nsrc);

		if (limit < 0)
			break;
		s->mstamp++;
		for (size_t k = 0; k < nsrc; k++) {
			uint32_t g0 = s->src[k];
			int64_t last;

			/* as long as a free cadre reaches g0 at reduced cost 0 */
			while (s->dead[g0] != s->round && s->hpos[g0] >= 0 &&
			    s->key[g0] == s->gl &&
			    (last = layered_path(s, g0, limit)) >= 0) {
				s->pred[g0] = s->ge[s->gptr[g0]].left;
				augment(s, (uint32_t)last);
				found++;
				/* The cadres on the path cannot be reached down the
				 * layers any more; the groups can, through their other
				 * members, and may take or pass on another path. */
				for (size_t i = 0; i < s->plen; i++)
					if (s->stk[i] < s->ng)
						s->dead[s->stk[i]] = 0;
			}
		}
		if (!found)
			break;
	}
}

/* B, P and C of the weights; false when they would overflow. */
static bool
weights(struct solver *s)
{
	const struct match_problem *p = s->p;
	int64_t places = 0, k, fmin = 0, fmax = 0, R, BP, t;

	for (size_t g = 0; g < s->ng; g++)
		places += p->cap[g];
	k = (int64_t)s->nl < places ? (int64_t)s->nl : places;
	for (size_t e = 0; e < p->off[s->nl]; e++) {
		if (p->fit[e] < fmin)
			fmin = p->fit[e];
		if (p->fit[e] > fmax)
			fmax = p->fit[e];
	}
	if (__builtin_mul_overflow(k, fmax - fmin, &R))
		return false;
	s->fmin = fmin;
	s->fmax = fmax;
	s->B = R + 1;
	s->P = k + 1;
	/* C, the largest weight, and room for sums of a few path lengths of
	 * up to k + 1 edges each. */
	if (__builtin_mul_overflow(s->B, s->P + 1, &BP) ||
	    __builtin_add_overflow(BP, fmax, &s->C) ||
	    __builtin_mul_overflow(s->C, 8 * (k + 2), &t))
		return false;
	return true;
}

/* Solves one connected problem into group_of; false when too large. */
static bool
solve_connected(const struct match_problem *p, int32_t *group_of)
{
	struct solver s = { .p = p, .nl = p->nleft, .ng = p->ngroups };
	size_t E = p->off[p->nleft], places = 0;

	if (E >= UINT32_MAX || s.nl + s.ng >= UINT32_MAX || !weights(&s))
		return false;
	s.nodes = s.ng + s.nl + 1;
	s.tnode = (uint32_t)(s.ng + s.nl);

	/* each group's edges, by cost then cadre */
	s.goff = xcalloc(s.ng + 1, sizeof *s.goff);
	s.ge = xmalloc((E ? E : 1) * sizeof *s.ge);
	for (size_t e = 0; e < E; e++)
		s.goff[p->group[e] + 1]++;
	for (size_t g = 0; g < s.ng; g++)
		s.goff[g + 1] += s.goff[g];
	s.gptr = xmalloc((s.ng + 1) * sizeof *s.gptr);
	memcpy(s.gptr, s.goff, s.ng * sizeof *s.gptr);
	{
		/* Two stable counting sorts: by fit, highest first (lowest cost
		 * within a group), then by group. Edges come in cadre order, so
		 * equal fits stay in it. */
		size_t span = (size_t)(s.fmax - s.fmin) + 1;
		size_t *cnt = xcalloc(span + 1, sizeof *cnt);
		uint32_t *left = xmalloc((E ? E : 1) * sizeof *left);
		uint32_t *byfit = xmalloc((E ? E : 1) * sizeof *byfit);

		for (size_t i = 0; i < s.nl; i++)
			for (size_t e = p->off[i]; e < p->off[i + 1]; e++)
				left[e] = (uint32_t)i;
		for (size_t e = 0; e < E; e++)
			cnt[s.fmax - p->fit[e] + 1]++;
		for (size_t k = 0; k < span; k++)
			cnt[k + 1] += cnt[k];
		for (size_t e = 0; e < E; e++)
			byfit[cnt[s.fmax - p->fit[e]]++] = (uint32_t)e;
		for (size_t k = 0; k < E; k++) {
			size_t e = byfit[k];
			uint32_t g = p->group[e];

			s.ge[s.gptr[g]++] = (struct gedge){ left[e], p->fit[e] };
		}
		free(cnt);
		free(left);
		free(byfit);
	}
	memcpy(s.gptr, s.goff, s.ng * sizeof *s.gptr);

	s.match = xmalloc((s.nl + 1) * sizeof *s.match);
	for (size_t i = 0; i < s.nl; i++)
		s.match[i] = -1;
	s.mcost = xmalloc((s.nl + 1) * sizeof *s.mcost);
	s.mshared = xcalloc(s.nl + 1, 1);
	for (s.memocap = 16; s.memocap < 2 * s.nl + 2; s.memocap *= 2)
		;
	s.memo = xcalloc(s.memocap, sizeof *s.memo);
	s.flow = xcalloc(s.ng + 1, sizeof *s.flow);
	s.moff = xmalloc((s.ng + 1) * sizeof *s.moff);
	for (size_t g = 0; g < s.ng; g++) {
		s.moff[g] = places;
		places += p->cap[g] < s.nl ? p->cap[g] : s.nl;
	}
	s.mem = xmalloc((places + 1) * sizeof *s.mem);
	s.mpos = xmalloc((s.nl + 1) * sizeof *s.mpos);
	s.base = xcalloc(s.nodes, sizeof *s.base);
	s.hv = xmalloc((s.ng + 1) * sizeof *s.hv);
	s.hpos = xmalloc((s.ng + 1) * sizeof *s.hpos);
	s.key = xmalloc((s.ng + 1) * sizeof *s.key);
	s.dist = xmalloc(s.nodes * sizeof *s.dist);
	s.pred = xmalloc(s.nodes * sizeof *s.pred);
	s.state = xcalloc(s.nodes, 1);
	s.touched = xmalloc(s.nodes * sizeof *s.touched);
	s.done = xmalloc(s.nodes * sizeof *s.done);
	s.hout = xmalloc((s.ng + 1) * sizeof *s.hout);
	s.dirty = xmalloc((s.ng + 1) * sizeof *s.dirty);
	s.isdirty = xcalloc(s.ng + 1, 1);
	s.seen = xcalloc(s.nodes, sizeof *s.seen);
	s.dead = xcalloc(s.nodes, sizeof *s.dead);
	s.level = xmalloc(s.nodes * sizeof *s.level);
	s.stk = xmalloc(s.nodes * sizeof *s.stk);
	s.src = xmalloc((s.ng + 1) * sizeof *s.src);
	s.it = xmalloc(s.nodes * sizeof *s.it);
	for (size_t g = 0; g < s.ng; g++) {
		s.hpos[g] = -1;
		hrefresh(&s, (uint32_t)g);
	}

	while (search(&s))
		augment_all(&s);

	memcpy(group_of, s.match, s.nl * sizeof *group_of);

	free(s.goff);
	free(s.ge);
	free(s.gptr);
	free(s.match);
	free(s.mcost);
	free(s.mshared);
	free(s.memo);
	free(s.flow);
	free(s.moff);
	free(s.mem);
	free(s.mpos);
	free(s.base);
	free(s.hv);
	free(s.hpos);
	free(s.key);
	free(s.dist);
	free(s.pred);
	free(s.state);
	free(s.touched);
	free(s.done);
	free(s.hout);
	free(s.dirty);
	free(s.isdirty);
	free(s.seen);
	free(s.dead);
	free(s.level);
	free(s.stk);
	free(s.src);
	free(s.it);
	free(s.q);
	return true;
}

static uint32_t
root(uint32_t *up, uint32_t v)
{
	while (up[v] != v) {
		up[v] = up[up[v]];
		v = up[v];
	}
	return v;
}

/*
 * Cadres and groups fall apart into pieces that no edge joins (the
 * townships, say, for township members), and the best assignment is the
 * best of each piece: the aims add up piece by piece, and the order of
 * (priority, places, fit) is kept by sums. Solved one by one, each piece
 * costs searches of its own size, not the whole problem's. Within a piece
 * cadres and groups keep their order, so ties go as they would.
 */
bool
match_solve(const struct match_problem *p, int32_t *group_of,
    struct match_value *value)
{
	size_t nl = p->nleft, ng = p->ngroups, E = p->off[nl];
	uint32_t *up = xmalloc((ng + nl + 1) * sizeof *up);
	uint32_t *lid = xmalloc((ng + nl + 1) * sizeof *lid);
	size_t *first = xmalloc((ng + nl + 1) * sizeof *first);
	uint32_t *cl = xmalloc((nl + 1) * sizeof *cl), *gl = xmalloc((ng + 1) * sizeof *gl);
	uint32_t *cap = xmalloc((ng + 1) * sizeof *cap), *grp = xmalloc((E + 1) * sizeof *grp);
	uint32_t *kind = xmalloc((nl + 1) * sizeof *kind);
	bool *pri = xmalloc((ng + 1) * sizeof *pri), ok = true;
	size_t *off = xmalloc((nl + 1) * sizeof *off), *shared = xmalloc((nl + 1) * sizeof *shared);
	int32_t *fit = xmalloc((E + 1) * sizeof *fit), *got = xmalloc((nl + 1) * sizeof *got);
	size_t *next = xmalloc((ng + nl + 1) * sizeof *next), pieces = 0;

	*value = (struct match_value){ 0, 0, 0 };
	for (size_t i = 0; i < nl; i++)
		group_of[i] = -1;
	for (size_t v = 0; v < ng + nl; v++)
		up[v] = (uint32_t)v;
	for (size_t i = 0; i < nl; i++)
		for (size_t e = p->off[i]; e < p->off[i + 1]; e++) {
			uint32_t a = root(up, (uint32_t)(ng + i)), b = root(up, p->group[e]);

			if (a != b)
				up[a < b ? b : a] = a < b ? a : b;
		}
	/* the nodes of each piece, chained in order from its root */
	for (size_t v = 0; v < ng + nl; v++)
		first[v] = (size_t)-1;
	for (size_t v = ng + nl; v-- > 0;) {
		uint32_t r = root(up, (uint32_t)v);

		next[v] = first[r];
		first[r] = v;
	}
	for (size_t r = 0; r < ng + nl; r++)
		if (up[r] == r && r < ng && first[r] != (size_t)-1 && next[first[r]] != (size_t)-1)
			pieces++;
	/* one piece (and nodes alone, which do no harm): no copy */
	if (pieces == 1) {
		ok = solve_connected(p, group_of);
		goto done;
	}
	for (size_t r = 0; ok && r < ng + nl; r++) {
		struct match_problem q = { 0 };
		size_t nc = 0, ngr = 0, ne = 0;

		if (up[r] != r || first[r] == (size_t)-1)
			continue;
		for (size_t v = first[r]; v != (size_t)-1; v = next[v]) {
			if (v < ng) {
				lid[v] = (uint32_t)ngr;
				gl[ngr] = (uint32_t)v;
				cap[ngr] = p->cap[v];
				pri[ngr++] = p->priority[v];
			} else
				cl[nc++] = (uint32_t)(v - ng);
		}
		if (!nc || !ngr)
			continue;
		for (size_t k = 0; k < nc; k++) {
			size_t i = cl[k];

			off[k] = ne;
			kind[k] = p->kind ? p->kind[i] : 0;
			for (size_t e = p->off[i]; e < p->off[i + 1]; e++) {
				if (kind[k] && e == p->shared[i])
					shared[k] = ne;
				grp[ne] = lid[p->group[e]];
				fit[ne++] = p->fit[e];
			}
			if (kind[k] && p->shared[i] == p->off[i + 1])
				shared[k] = ne;
		}
		off[nc] = ne;
		q = (struct match_problem){ nc, ngr, cap, pri, off, grp, fit,
		    p->kind ? kind : NULL, p->kind ? shared : NULL };
		if (!(ok = solve_connected(&q, got)))
			break;
		for (size_t k = 0; k < nc; k++)
			group_of[cl[k]] = got[k] < 0 ? -1 : (int32_t)gl[got[k]];
	}
done:
	if (!ok)
		for (size_t i = 0; i < nl; i++)
			group_of[i] = -1;
	else
		*value = match_value_of(p, group_of);
	free(up);
	free(lid);
	free(first);
	free(cl);
	free(gl);
	free(cap);
	free(grp);
	free(kind);
	free(pri);
	free(off);
	free(shared);
	free(fit);
	free(got);
	free(next);
	return ok;
}

struct match_value
match_value_of(const struct match_problem *p, const int32_t *group_of)
{
	struct match_value v = { 0, 0, 0 };

	for (size_t i = 0; i < p->nleft; i++) {
		int32_t g = group_of[i];

		if (g < 0)
			continue;
		for (size_t e = p->off[i]; e < p->off[i + 1]; e++)
			if (p->group[e] == (uint32_t)g) {
				v.fit += p->fit[e];
				break;
			}
		v.covered++;
		if (p->priority[g])
			v.priority++;
	}
	return v;
}
