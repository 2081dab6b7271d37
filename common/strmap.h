/* A hash map from strings (copied in) to pointers. */
#ifndef STRMAP_H
#define STRMAP_H

#include <stddef.h>

#include "strview.h"

struct strmap {
	struct strmap_slot {
		char *key;
		size_t len;
		size_t hash;
		void *val;
	} *slots;
	size_t cap, n;
};

/* The slot's value for key, or NULL. */
void *strmap_get(const struct strmap *m, struct sv key);
/* The address of key's value, the key added with a NULL value if new. */
void **strmap_put(struct strmap *m, struct sv key);
/* The stored copy of a key that is in the map. */
const char *strmap_key(const struct strmap *m, struct sv key);
void strmap_free(struct strmap *m);

#endif
