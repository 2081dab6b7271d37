/*
 * The exact assignment behind dispatch-match (SPEC section 7): cadres to
 * places, each cadre to at most one place and each place to at most one
 * cadre, maximising in order the priority places filled, the places filled
 * and the total fit.
 *
 * Places that no cadre can tell apart (the same eligible cadres with the
 * same fits, the same priority) come as one group with a capacity: the
 * villages of one paired unit and one kind, say. The graph then has an
 * edge per cadre and group instead of per cadre and village, which keeps
 * it small when many villages are open to every cadre.
 */
#ifndef MATCH_H
#define MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct match_problem {
	size_t nleft;            /* cadres, in their tie-break order */
	size_t ngroups;          /* groups of alike places, in tie-break order */
	const uint32_t *cap;     /* places in group g */
	const bool *priority;    /* group g's places are priority places */
	const size_t *off;       /* cadre i's edges: off[i] .. off[i + 1] - 1 */
	const uint32_t *group;   /* edge e joins its cadre to group[e]; a cadre
	                            names a group at most once */
	const int32_t *fit;      /* the fit of edge e, from -100000 to 100000 */
	/* Optional (NULL): cadres of one kind k > 0 end their edges with the
	 * same list, from shared[i] on: the same groups with the same fits in
	 * the same order (the villages open to every unit, say). Kind 0 has
	 * no such list. It only saves work: the answer is the same. */
	const uint32_t *kind;
	const size_t *shared;
};

struct match_value {
	size_t priority;         /* priority places filled */
	size_t covered;          /* places filled */
	int64_t fit;             /* total fit of the assignment */
};

/*
 * Solves p: group_of[i] is cadre i's group, or -1. Among assignments of
 * equal value the one chosen depends only on p (the order of cadres and
 * groups breaks ties): the same problem gives the same answer.
 * Returns false, with nothing assigned, when p is too large for the
 * 64-bit weights (a million places or so).
 */
bool match_solve(const struct match_problem *p, int32_t *group_of,
    struct match_value *value);

/* The value of an assignment, as match_solve counts it. */
struct match_value match_value_of(const struct match_problem *p,
    const int32_t *group_of);

#endif
