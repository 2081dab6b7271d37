#include "numfmt.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A product of decimals such as 1.005 is stored a hair below its decimal
 * value; nudging by a few ulps first makes the rounding follow the decimal
 * the user wrote, not its binary neighbour.
 */
double
num_round2(double v)
{
	double x = v * 100.0;

	x += copysign(fabs(x) * 8 * DBL_EPSILON, x);
	return round(x) / 100.0;
}

void
num_format(double v, char buf[32])
{
	long long c = llround(num_round2(v) * 100.0);
	long long a = c < 0 ? -c : c;
	int n;

	n = snprintf(buf, 32, "%s%lld", c < 0 ? "-" : "", a / 100);
	if (a % 100 == 0)
		return;
	if (a % 10 == 0)
		snprintf(buf + n, 32 - n, ".%lld", (a % 100) / 10);
	else
		snprintf(buf + n, 32 - n, ".%02lld", a % 100);
}

/* The length of the plain decimal that s begins with: optional sign,
 * digits, optional fraction, at least one digit; 0 when there is none. */
static size_t
decimal_len(struct sv s)
{
	size_t i = 0, digits = 0;

	if (s.n && (s.p[i] == '+' || s.p[i] == '-'))
		i++;
	for (; i < s.n && s.p[i] >= '0' && s.p[i] <= '9'; i++)
		digits++;
	if (i < s.n && s.p[i] == '.')
		for (i++; i < s.n && s.p[i] >= '0' && s.p[i] <= '9'; i++)
			digits++;
	return digits ? i : 0;
}

/* The decimal at s (n bytes, checked) as the nearest double. */
static bool
decimal_value(struct sv s, double *out)
{
	char buf[64];

	if (s.n >= sizeof buf)
		return false;
	memcpy(buf, s.p, s.n);
	buf[s.n] = '\0';
	*out = strtod(buf, NULL);
	return isfinite(*out);
}

bool
num_parse(struct sv s, double *out)
{
	s = sv_trim(s);
	if (s.n == 0 || decimal_len(s) != s.n)
		return false;
	return decimal_value(s, out);
}

/*
 * The length of the unit character at p (n bytes left), or 0: a CJK
 * ideograph (U+3400-U+4DBF, U+4E00-U+9FFF, U+F900-U+FAFF) that is not a
 * numeral: "3天半" or "3万元" is not the number 3 with a unit.
 */
static size_t
unit_char_len(const char *p, size_t n)
{
	static const unsigned numerals[] = {
		0x534a, 0x5341, 0x767e, 0x5343, 0x4e07, 0x842c, 0x4ebf, 0x5104,
		0x4e00, 0x4e8c, 0x4e09, 0x56db, 0x4e94, 0x516d, 0x4e03, 0x516b,
		0x4e5d, 0x96f6, 0x4e24, 0x5169,
	}; /* 半十百千万萬亿億 一二三四五六七八九零两兩 */
	const unsigned char *u = (const unsigned char *)p;
	unsigned cp;

	if (n < 3 || (u[0] & 0xf0) != 0xe0 || (u[1] & 0xc0) != 0x80 ||
	    (u[2] & 0xc0) != 0x80)
		return 0;
	cp = (u[0] & 0x0fu) << 12 | (u[1] & 0x3fu) << 6 | (u[2] & 0x3fu);
	if (!((cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
	    (cp >= 0xf900 && cp <= 0xfaff)))
		return 0;
	for (size_t i = 0; i < sizeof numerals / sizeof numerals[0]; i++)
		if (cp == numerals[i])
			return 0;
	return 3;
}

/* The number part of s as num_read reads it, or n = 0 when s is none. */
static struct sv
number_part(struct sv s)
{
	size_t n, i, units = 0;

	s = sv_trim(s);
	if (s.n == 0 || (n = decimal_len(s)) == 0)
		return (struct sv){ s.p, 0 };
	for (i = n; i < s.n;) {
		size_t k = sv_space_len(s.p + i, s.n - i, false);

		if (!k)
			break;
		i += k;
	}
	if (i == s.n)
		return (struct sv){ s.p, n };
	while (i < s.n && units < 4) {
		size_t k = unit_char_len(s.p + i, s.n - i);

		if (!k)
			break;
		i += k;
		units++;
	}
	return (struct sv){ s.p, units && i == s.n ? n : 0 };
}

bool
num_read(struct sv s, double *out)
{
	struct sv num = number_part(s);

	return num.n && decimal_value(num, out);
}

/*
 * A decimal as a sign, its significant digits (no leading or trailing
 * zeros) and the place of its point: the value is 0.DIGITS x 10^point.
 * Reads the forms num_read and printf's %g write (an exponent).
 */
struct dec {
	bool neg;
	char d[80];
	size_t n;
	long point;
};

static void
dec_of(const char *p, size_t len, struct dec *x)
{
	size_t i = 0;
	long before = 0; /* digits before the point, leading zeros included */
	bool seen_point = false, lead = true;

	x->neg = false;
	x->n = 0;
	if (i < len && (p[i] == '+' || p[i] == '-'))
		x->neg = p[i++] == '-';
	for (; i < len && p[i] != 'e' && p[i] != 'E'; i++) {
		if (p[i] == '.') {
			seen_point = true;
			continue;
		}
		if (lead && p[i] == '0') {
			if (!seen_point)
				continue;
			before--; /* a zero after the point moves the first digit on */
			continue;
		}
		lead = false;
		if (!seen_point)
			before++;
		if (x->n < sizeof x->d)
			x->d[x->n++] = p[i];
	}
	x->point = before;
	if (i < len)
		x->point += strtol(p + i + 1, NULL, 10);
	while (x->n && x->d[x->n - 1] == '0')
		x->n--;
}

static int
dec_cmp(const struct dec *a, const struct dec *b)
{
	int sign, c = 0;

	if (a->n == 0 || b->n == 0) /* zero, whatever its sign */
		return (a->n ? (a->neg ? -1 : 1) : 0) - (b->n ? (b->neg ? -1 : 1) : 0);
	if (a->neg != b->neg)
		return a->neg ? -1 : 1;
	sign = a->neg ? -1 : 1;
	if (a->point != b->point)
		return a->point < b->point ? -sign : sign;
	for (size_t i = 0; !c && (i < a->n || i < b->n); i++) {
		char x = i < a->n ? a->d[i] : '0', y = i < b->n ? b->d[i] : '0';

		c = (x > y) - (x < y);
	}
	return c * sign;
}

/*
 * The bound is a rule's value: the shortest of %.15g to %.17g that reads
 * back as the same double is the decimal the rules file wrote (59.5, 0.1),
 * not the binary fraction's long expansion.
 */
int
num_cmp(struct sv s, double bound)
{
	struct sv num = number_part(s);
	char buf[40];
	struct dec a, b;

	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, bound);
		if (strtod(buf, NULL) == bound)
			break;
	}
	dec_of(num.p, num.n, &a);
	dec_of(buf, strlen(buf), &b);
	return dec_cmp(&a, &b);
}

bool
int_parse(struct sv s, long *out)
{
	long v = 0;

	s = sv_trim(s);
	if (s.n == 0 || s.n > 9)
		return false;
	for (size_t i = 0; i < s.n; i++) {
		if (s.p[i] < '0' || s.p[i] > '9')
			return false;
		v = v * 10 + (s.p[i] - '0');
	}
	*out = v;
	return true;
}

/*
 * Excel's General format shows a number of 12 digits or more as 1.2E+17,
 * and any number without its leading or trailing zeros: such a value
 * stays text, so that what the CSV said is what the sheet shows.
 */
bool
num_plain(struct sv s)
{
	size_t i = 0, digits = 0;

	s = sv_trim(s);
	if (s.n && s.p[0] == '-')
		i++;
	if (i == s.n || s.p[i] < '0' || s.p[i] > '9')
		return false;
	if (s.p[i] == '0' && i + 1 < s.n && s.p[i + 1] != '.')
		return false; /* 0012 */
	for (; i < s.n && s.p[i] >= '0' && s.p[i] <= '9'; i++)
		digits++;
	if (i < s.n && s.p[i] == '.') {
		size_t dot = i++;

		for (; i < s.n && s.p[i] >= '0' && s.p[i] <= '9'; i++)
			digits++;
		if (i == dot + 1 || s.p[i - 1] == '0')
			return false; /* 5. or 87.30 */
	}
	if (i != s.n || digits > NUM_PLAIN_DIGITS)
		return false;
	/* -0 and -0.0...: the sheet would show 0. */
	if (s.p[0] == '-' && s.n == 2 && s.p[1] == '0')
		return false;
	return true;
}
