#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

/* FNV-1a, then a 64-bit finalizer: ids such as C0001..C8000 differ only in
 * their last bytes, and FNV alone leaves the low bits, which pick the slot,
 * poorly mixed. */
static size_t
hash(struct sv k)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < k.n; i++) {
		h ^= (unsigned char)k.p[i];
		h *= 1099511628211ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return (size_t)h;
}

static struct strmap_slot *
find(const struct strmap *m, struct sv k, size_t h)
{
	size_t i = h & (m->cap - 1);

	for (;;) {
		struct strmap_slot *s = &m->slots[i];

		if (!s->key || (s->hash == h && s->len == k.n && memcmp(s->key, k.p, k.n) == 0))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

void *
strmap_get(const struct strmap *m, struct sv key)
{
	struct strmap_slot *s;

	if (!m->cap)
		return NULL;
	s = find(m, key, hash(key));
	return s->key ? s->val : NULL;
}

const char *
strmap_key(const struct strmap *m, struct sv key)
{
	struct strmap_slot *s;

	if (!m->cap)
		return NULL;
	s = find(m, key, hash(key));
	return s->key;
}

static void
grow(struct strmap *m)
{
	struct strmap old = *m;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	for (size_t i = 0; i < old.cap; i++) {
		if (old.slots[i].key)
			*find(m, (struct sv){ old.slots[i].key, old.slots[i].len },
			    old.slots[i].hash) = old.slots[i];
	}
	free(old.slots);
}

void **
strmap_put(struct strmap *m, struct sv key)
{
	size_t h = hash(key);
	struct strmap_slot *s;

	if (2 * (m->n + 1) > m->cap)
		grow(m);
	s = find(m, key, h);
	if (!s->key) {
		s->key = xstrndup(key.p, key.n);
		s->len = key.n;
		s->hash = h;
		s->val = NULL;
		m->n++;
	}
	return &s->val;
}

void
strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}
