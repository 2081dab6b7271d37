#include "width.h"

#include <errno.h>
#include <locale.h>
#include <wchar.h>

#include "diag.h"

/*
 * The C library knows the East Asian Width of every character, but only
 * under a UTF-8 locale, and a cron job runs with LANG unset: so the
 * program's own locale is left alone and wcwidth is asked under a UTF-8
 * locale of its own, switched to for the call. Where none can be had, the
 * table below (the main blocks only) stands in.
 */
static enum { W_UNSET, W_LOCALE, W_TABLE } how;
static locale_t utf8;

struct range {
	uint32_t lo, hi;
};

/* East Asian Width W and F: CJK, kana, Hangul, full-width forms, and the
 * emoji blocks shown wide. */
static const struct range wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A },
	{ 0x2E80, 0x303E }, { 0x3041, 0x33FF }, { 0x3400, 0x4DBF },
	{ 0x4E00, 0x9FFF }, { 0xA000, 0xA4CF }, { 0xA960, 0xA97F },
	{ 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF }, { 0xFE10, 0xFE19 },
	{ 0xFE30, 0xFE6F }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 },
	{ 0x1F300, 0x1F64F }, { 0x1F900, 0x1F9FF }, { 0x20000, 0x2FFFD },
	{ 0x30000, 0x3FFFD },
};

/* Combining marks (the main blocks) and other characters of no width. */
static const struct range zero[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
	{ 0x0610, 0x061A }, { 0x064B, 0x065F }, { 0x1AB0, 0x1AFF },
	{ 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x2060, 0x2064 },
	{ 0x20D0, 0x20FF }, { 0x302A, 0x302D }, { 0x3099, 0x309A },
	{ 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF },
	{ 0xE0100, 0xE01EF },
};

static bool
in(const struct range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

static void
width_init(void)
{
	static const char *const names[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8" };

	how = W_TABLE;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		errno = 0;
		if ((utf8 = newlocale(LC_CTYPE_MASK, names[i], (locale_t)0))) {
			how = W_LOCALE;
			return;
		}
		if (errno == ENOMEM)
			die(EXIT_OSERR, "out of memory");
	}
}

bool
width_use_table(bool table)
{
	if (how == W_UNSET)
		width_init();
	if (table)
		how = W_TABLE;
	else if (utf8)
		how = W_LOCALE;
	return table || utf8;
}

size_t
utf8_next(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len;
	uint32_t c, min;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF)
		len = 2, c = u[0] & 0x1F, min = 0x80;
	else if (u[0] >= 0xE0 && u[0] <= 0xEF)
		len = 3, c = u[0] & 0x0F, min = 0x800;
	else if (u[0] >= 0xF0 && u[0] <= 0xF4)
		len = 4, c = u[0] & 0x07, min = 0x10000;
	else
		goto bad;
	if (len > n)
		goto bad;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto bad;
		c = c << 6 | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = 0xFFFD;
	return 1;
}

int
width_cp(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return -1;
	if (cp < 0x7F)
		return 1;
	if (how == W_UNSET)
		width_init();
	if (how == W_LOCALE) {
		locale_t old = uselocale(utf8);
		int w = wcwidth((wchar_t)cp);

		uselocale(old);
		/* Not assigned, or not printable: shown as something one wide. */
		return w < 0 ? 1 : w;
	}
	if (in(zero, sizeof zero / sizeof *zero, cp))
		return 0;
	return in(wide, sizeof wide / sizeof *wide, cp) ? 2 : 1;
}

static size_t
cols_of(uint32_t cp, size_t (*escape)(uint32_t cp))
{
	int w = width_cp(cp);

	if (w >= 0)
		return (size_t)w;
	return escape ? escape(cp) : 1;
}

size_t
width_sv(struct sv s, size_t (*escape)(uint32_t cp))
{
	size_t cols = 0;

	for (size_t i = 0; i < s.n;) {
		uint32_t cp;

		i += utf8_next(s.p + i, s.n - i, &cp);
		cols += cols_of(cp, escape);
	}
	return cols;
}

size_t
width_cut(struct sv s, size_t cols, size_t (*escape)(uint32_t cp),
    size_t *used)
{
	size_t i = 0, w = 0;

	while (i < s.n) {
		uint32_t cp;
		size_t len = utf8_next(s.p + i, s.n - i, &cp), c = cols_of(cp, escape);

		if (w + c > cols)
			break;
		w += c;
		i += len;
	}
	*used = w;
	return i;
}
