/* A view of bytes inside a buffer someone else owns. */
#ifndef STRVIEW_H
#define STRVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
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

/* The length of the space at p (n bytes left), or 0: ASCII space or TAB,
 * the ideographic space U+3000 and the no-break space U+00A0 that a
 * Chinese keyboard or a spreadsheet types; with lines, CR and LF too. */
static inline size_t
sv_space_len(const char *p, size_t n, bool lines)
{
	if (*p == ' ' || *p == '\t' || (lines && (*p == '\r' || *p == '\n')))
		return 1;
	if (n >= 3 && (unsigned char)p[0] == 0xE3 && (unsigned char)p[1] == 0x80 &&
	    (unsigned char)p[2] == 0x80)
		return 3;
	if (n >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
		return 2;
	return 0;
}

/* s without such spaces at its ends. */
static inline struct sv
sv_trim_spaces(struct sv s, bool lines)
{
	size_t sp;

	while (s.n && (sp = sv_space_len(s.p, s.n, lines)))
		s.p += sp, s.n -= sp;
	while (s.n) {
		if (sv_space_len(s.p + s.n - 1, 1, lines))
			s.n--;
		else if (s.n >= 2 && sv_space_len(s.p + s.n - 2, 2, lines) == 2)
			s.n -= 2;
		else if (s.n >= 3 && sv_space_len(s.p + s.n - 3, 3, lines) == 3)
			s.n -= 3;
		else
			break;
	}
	return s;
}

/* Equal bytes. A loop, not memcmp: the strings compared on every row (ids,
 * names, codes) are a few bytes long, shorter than a call costs. */
static inline bool
bytes_eq(const char *a, const char *b, size_t n)
{
	for (; n >= 8; a += 8, b += 8, n -= 8) {
		uint64_t x, y;

		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return false;
	}
	for (; n; a++, b++, n--)
		if (*a != *b)
			return false;
	return true;
}

static inline bool
sv_eq(struct sv a, struct sv b)
{
	return a.n == b.n && bytes_eq(a.p, b.p, a.n);
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
		if (x == y)
			continue;
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
