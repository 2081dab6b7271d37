/* Dense indices for ids (cadre ids), in the order first seen. */
#ifndef IDINDEX_H
#define IDINDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "strmap.h"

/*
 * A daily log comes sorted by cadre (the same id again) or by date (the
 * ids in the same order every day). Guessing "the same id" or "the one
 * that followed it last time" finds nearly every id without hashing, and
 * ids and the caller's records, kept in arrays in first-seen order, are
 * then read in memory order: the difference between a cache miss or two
 * per row and none.
 */
struct idindex {
	struct strmap map;   /* id -> index + 1 */
	char *pool;          /* the ids, NUL-terminated, in index order */
	size_t *off;         /* id i starts at pool + off[i] */
	size_t *next;        /* the index that followed i last time, + 1 */
	size_t n, cap, poollen, poolcap;
	size_t last;         /* the index looked up last, + 1 */
};

/* The index of id; *added says whether it is new (indices are 0, 1, ...). */
size_t idindex_get(struct idindex *x, struct sv id, bool *added);
/* The index of id, or (size_t)-1 if absent; no prediction. */
size_t idindex_find(const struct idindex *x, struct sv id);
/* The same, guessing first as idindex_get does (and learning from it). */
size_t idindex_lookup(struct idindex *x, struct sv id);
const char *idindex_id(const struct idindex *x, size_t i);
/* The caller's array of records, one per id, grown to hold every index
 * (*have of them were there; it becomes x->n); new records are zeroed. */
void *idindex_fit(const struct idindex *x, void *recs, size_t size, size_t *have);
/* The indices 0 .. x->n - 1 in byte order of their ids (free it). */
size_t *idindex_sorted(const struct idindex *x);
void idindex_free(struct idindex *x);

#endif
