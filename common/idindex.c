#include "idindex.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static bool
is(const struct idindex *x, size_t i, struct sv id)
{
	size_t end = i + 1 < x->n ? x->off[i + 1] : x->poollen;

	return end - x->off[i] - 1 == id.n && bytes_eq(x->pool + x->off[i], id.p, id.n);
}

size_t
idindex_find(const struct idindex *x, struct sv id)
{
	uintptr_t v = (uintptr_t)strmap_get(&x->map, id);

	return v ? v - 1 : (size_t)-1;
}

size_t
idindex_lookup(struct idindex *x, struct sv id)
{
	size_t i, prev = x->last;

	if (prev && x->next[prev - 1] && is(x, x->next[prev - 1] - 1, id))
		i = x->next[prev - 1] - 1;
	else if ((i = idindex_find(x, id)) == (size_t)-1)
		return i;
	if (prev)
		x->next[prev - 1] = i + 1;
	x->last = i + 1;
	return i;
}

size_t
idindex_get(struct idindex *x, struct sv id, bool *added)
{
	size_t i, prev = x->last;
	void **slot;

	*added = false;
	/* Sorted by cadre, the id that follows i is i itself: one guess serves
	 * both orders. */
	if (prev && x->next[prev - 1] && is(x, x->next[prev - 1] - 1, id)) {
		i = x->next[prev - 1] - 1;
		goto found;
	}
	slot = strmap_put(&x->map, id);
	if (*slot) {
		i = (uintptr_t)*slot - 1;
		goto found;
	}
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 256;
		x->off = xrealloc(x->off, x->cap * sizeof *x->off);
		x->next = xrealloc(x->next, x->cap * sizeof *x->next);
	}
	if (x->poollen + id.n + 1 > x->poolcap) {
		while (x->poollen + id.n + 1 > x->poolcap)
			x->poolcap = x->poolcap ? 2 * x->poolcap : 4096;
		x->pool = xrealloc(x->pool, x->poolcap);
	}
	i = x->n++;
	x->off[i] = x->poollen;
	x->next[i] = 0;
	memcpy(x->pool + x->poollen, id.p, id.n);
	x->pool[x->poollen + id.n] = '\0';
	x->poollen += id.n + 1;
	*slot = (void *)(uintptr_t)(i + 1);
	*added = true;
found:
	if (prev)
		x->next[prev - 1] = i + 1;
	x->last = i + 1;
	return i;
}

const char *
idindex_id(const struct idindex *x, size_t i)
{
	return x->pool + x->off[i];
}

void *
idindex_fit(const struct idindex *x, void *recs, size_t size, size_t *have)
{
	/* The capacity is the power of two above the count: known from *have,
	 * so the caller keeps no capacity of its own. */
	size_t cap = 1, need = 1;

	if (x->n <= *have)
		return recs;
	while (*have && cap <= *have)
		cap *= 2;
	while (need <= x->n)
		need *= 2;
	if (!*have || need > cap)
		recs = xrealloc(recs, need * size);
	memset((char *)recs + *have * size, 0, (x->n - *have) * size);
	*have = x->n;
	return recs;
}

static const struct idindex *sorting;

static int
by_id(const void *a, const void *b)
{
	return strcmp(idindex_id(sorting, *(const size_t *)a),
	    idindex_id(sorting, *(const size_t *)b));
}

size_t *
idindex_sorted(const struct idindex *x)
{
	size_t *v = xmalloc((x->n + 1) * sizeof *v);

	for (size_t i = 0; i < x->n; i++)
		v[i] = i;
	sorting = x;
	qsort(v, x->n, sizeof *v, by_id);
	return v;
}

void
idindex_free(struct idindex *x)
{
	strmap_free(&x->map);
	free(x->pool);
	free(x->off);
	free(x->next);
	memset(x, 0, sizeof *x);
}
