/*
 * Allocation failure on demand, for the failure-injection tests (loaded
 * ahead of the C library with the dynamic linker's preload variable).
 *
 *   FAILMALLOC_NTH=N       the Nth call of malloc, calloc or realloc fails
 *   FAILMALLOC_ALWAYS=1    ... and so does every call after it
 *   FAILMALLOC_REPORT=FILE at exit, write the number of calls to FILE
 *   FAILMALLOC_WATCH=1     fail nothing, but say so on standard error (once)
 *                          when a call comes after the report began
 *
 * Without FAILMALLOC_NTH nothing fails: a run then counts the calls, so
 * that a test knows how many there are to fail one by one.
 *
 * A program must not allocate once it has begun writing its report:
 * otherwise running out of memory there would leave half a report. When
 * a call fails while standard output holds written bytes, the shim says
 * so on standard error, which the test then finds.
 */
#include <errno.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The C library's own allocator, under the names it exports for this. */
void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);

static unsigned long calls, nth;
static int always, ready, watch;

static void
setup(void)
{
	const char *s;

	ready = 1;
	if ((s = getenv("FAILMALLOC_NTH")))
		nth = strtoul(s, NULL, 10);
	always = (s = getenv("FAILMALLOC_ALWAYS")) && *s == '1';
	watch = (s = getenv("FAILMALLOC_WATCH")) && *s == '1';
}

static void
report_began(void)
{
	static const char msg[] = "failmalloc: an allocation after the report "
	    "began\n";

	/* Written raw: the stdio buffers are what is being watched. */
	(void)!write(STDERR_FILENO, msg, sizeof msg - 1);
}

static int
fail_now(void)
{
	if (!ready)
		setup();
	calls++;
	if (watch && __fpending(stdout) > 0) {
		report_began();
		watch = 0;
	}
	if (!nth || calls < nth || (calls > nth && !always))
		return 0;
	if (__fpending(stdout) > 0)
		report_began();
	errno = ENOMEM;
	return 1;
}

void *
malloc(size_t n)
{
	return fail_now() ? NULL : __libc_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __libc_calloc(n, size);
}

void *
realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __libc_realloc(p, n);
}

static void __attribute__((destructor))
report(void)
{
	const char *path = getenv("FAILMALLOC_REPORT");
	unsigned long n = calls;
	FILE *fp;

	if (path && (fp = fopen(path, "w"))) {
		fprintf(fp, "%lu\n", n);
		fclose(fp);
	}
}
