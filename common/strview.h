/* A view of bytes inside a buffer someone else owns. */
#ifndef STRVIEW_H
#define STRVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct sv {
	const char *p;
	size_t n;
};

static inline struct sv
sv_of(const char *s)
{
	return (struct sv){ s, strlen(s) };
}

/* Drops ASCII spaces and tabs at both ends. */
static inline struct sv
sv_trim(struct sv s)
{
	while (s.n && (s.p[0] == ' ' || s.p[0] == '\t'))
		s.p++, s.n--;
	while (s.n && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t'))
		s.n--;
	return s;
}

static inline bool
sv_eq(struct sv a, struct sv b)
{
	return a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
}

/* Equal without regard to ASCII case. */
static inline bool
sv_caseeq(struct sv a, const char *b)
{
	size_t i;

	for (i = 0; i < a.n; i++) {
		unsigned char x = (unsigned char)a.p[i], y = (unsigned char)b[i];

		if (y == '\0')
			return false;
		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return false;
	}
	return b[i] == '\0';
}

#endif
