#include "numfmt.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

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

bool
num_parse(struct sv s, double *out)
{
	char buf[64];
	size_t i = 0, digits = 0;
	char *end;

	s = sv_trim(s);
	if (s.n == 0 || s.n >= sizeof buf)
		return false;
	if (s.p[i] == '+' || s.p[i] == '-')
		i++;
	for (; i < s.n && s.p[i] >= '0' && s.p[i] <= '9'; i++)
		digits++;
	if (i < s.n && s.p[i] == '.')
		for (i++; i < s.n && s.p[i] >= '0' && s.p[i] <= '9'; i++)
			digits++;
	if (i != s.n || digits == 0)
		return false;
	memcpy(buf, s.p, s.n);
	buf[s.n] = '\0';
	*out = strtod(buf, &end);
	return isfinite(*out);
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
