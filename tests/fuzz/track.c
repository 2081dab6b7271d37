/*
 * The bookkeeping behind track.h and fz_run() (fuzz.h): what a run took,
 * given back at its end, and the static variables of the code under test
 * set back to their first values. Compiled without track.h: here malloc
 * is the C library's.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "diag.h"
#include "fuzz.h"

/* The bookkeeping is not what is being fuzzed: no coverage feedback
 * from it (it would also slow every run down). */
#ifdef __clang__
#pragma clang attribute push(__attribute__((no_sanitize("coverage"))), apply_to = function)
#endif

FILE *fz_stderr;

static bool active;            /* a run is under way: track what it takes */

/*
 * The blocks a run has allocated and not freed: a set of pointers, open
 * addressing with linear probing. A block allocated outside a run, or by
 * the C library for itself, is not in it and is only passed through.
 */
#define TOMB ((void *)1)
static void **set;
static size_t setcap, setused, setlive;

static size_t
slot_of(const void *p)
{
	uintptr_t h = (uintptr_t)p;

	h ^= h >> 17;
	h *= 0x9E3779B97F4A7C15ULL;
	return (size_t)(h >> 20) & (setcap - 1);
}

static void set_add(void *p);

static void
set_grow(void)
{
	void **old = set;
	size_t oldcap = setcap;

	setcap = setcap ? 2 * setcap : 1024;
	/* Mostly tombstones: the same size, cleaned. */
	if (oldcap && setlive < oldcap / 4)
		setcap = oldcap;
	set = calloc(setcap, sizeof *set);
	if (!set)
		abort();
	setused = setlive = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i] && old[i] != TOMB)
			set_add(old[i]);
	free(old);
}

static void
set_add(void *p)
{
	size_t i;

	if (!p || !active)
		return;
	if (2 * (setused + 1) > setcap)
		set_grow();
	for (i = slot_of(p); set[i] && set[i] != TOMB; i = (i + 1) & (setcap - 1))
		;
	if (!set[i])
		setused++;
	set[i] = p;
	setlive++;
}

/* By the address as a number: the block may have been freed already. */
static void
set_del(uintptr_t p)
{
	if (!p || !setlive)
		return;
	for (size_t i = slot_of((void *)p); set[i]; i = (i + 1) & (setcap - 1))
		if ((uintptr_t)set[i] == p) {
			set[i] = TOMB;
			setlive--;
			return;
		}
}

void *
fz_malloc(size_t n)
{
	void *p = malloc(n);

	set_add(p);
	return p;
}

void *
fz_calloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	set_add(p);
	return p;
}

/* The old address is only a key once realloc has run: gcc cannot tell. */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic ignored "-Wuse-after-free"
#endif

void *
fz_realloc(void *p, size_t n)
{
	void *q = realloc(p, n);

	if (q || n == 0) {
		set_del((uintptr_t)p);
		set_add(q);
	}
	return q;
}

void
fz_free(void *p)
{
	set_del((uintptr_t)p);
	free(p);
}

ssize_t
fz_getline(char **line, size_t *cap, FILE *fp)
{
	char *old = *line;
	ssize_t n = getline(line, cap, fp);

	if (*line != old) {
		set_del((uintptr_t)old);
		set_add(*line);
	}
	return n;
}

/* libcsv frees its buffer itself, with the C library's free. */
void
fz_csv_free(struct csv_parser *p)
{
	set_del((uintptr_t)p->entry_buf);
	csv_free(p);
}

/* Open files and converters: a handful at most. */
enum { MAXOPEN = 64 };
static FILE *files[MAXOPEN];
static int fds[MAXOPEN];
static iconv_t cds[MAXOPEN];
static size_t nfiles, nfds, ncds;

FILE *
fz_fopen(const char *path, const char *mode)
{
	FILE *fp = fopen(path, mode);

	if (fp && active && nfiles < MAXOPEN)
		files[nfiles++] = fp;
	return fp;
}

int
fz_fclose(FILE *fp)
{
	for (size_t i = 0; i < nfiles; i++)
		if (files[i] == fp) {
			files[i] = files[--nfiles];
			break;
		}
	return fclose(fp);
}

int
fz_open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	int fd;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	fd = open(path, flags, mode);
	if (fd >= 0 && active && nfds < MAXOPEN)
		fds[nfds++] = fd;
	return fd;
}

int
fz_close(int fd)
{
	for (size_t i = 0; i < nfds; i++)
		if (fds[i] == fd) {
			fds[i] = fds[--nfds];
			break;
		}
	return close(fd);
}

iconv_t
fz_iconv_open(const char *to, const char *from)
{
	iconv_t cd = iconv_open(to, from);

	if (cd != (iconv_t)-1 && active && ncds < MAXOPEN)
		cds[ncds++] = cd;
	return cd;
}

int
fz_iconv_close(iconv_t cd)
{
	for (size_t i = 0; i < ncds; i++)
		if (cds[i] == cd) {
			cds[i] = cds[--ncds];
			break;
		}
	return iconv_close(cd);
}

/* Gives back everything the run still holds. */
static void
give_back(void)
{
	active = false;
	for (size_t i = 0; i < setcap; i++)
		if (set[i] && set[i] != TOMB)
			free(set[i]);
	if (setcap > 1 << 16) {
		free(set);
		set = NULL;
		setcap = 0;
	} else if (setcap)
		memset(set, 0, setcap * sizeof *set);
	setused = setlive = 0;
	while (nfiles)
		fclose(files[--nfiles]);
	while (nfds)
		close(fds[--nfds]);
	while (ncds)
		iconv_close(cds[--ncds]);
}

/*
 * The static variables of the code under test (track.h's sections). The
 * linker names the bounds of a section whose name is an identifier; weak,
 * so that a build without the sections links too (and restores nothing).
 * The copy is by hand through a volatile pointer: a memcpy would be
 * checked by AddressSanitizer, which keeps redzones between the variables
 * and would call the copy an overflow.
 */
extern char __start_cadre_state_data[] __attribute__((weak));
extern char __stop_cadre_state_data[] __attribute__((weak));
extern char __start_cadre_state_bss[] __attribute__((weak));
extern char __stop_cadre_state_bss[] __attribute__((weak));
static char *first_data;

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NO_ASAN __attribute__((no_sanitize("address")))
#endif
#endif
#ifndef NO_ASAN
#define NO_ASAN
#endif

static NO_ASAN void
copy_raw(char *dst, const char *src, size_t n)
{
	volatile char *d = dst;
	size_t i = 0;

	/* Word by word where both ends allow (the sections are aligned). */
	if ((uintptr_t)dst % 8 == 0 && (uintptr_t)src % 8 == 0)
		for (; i + 8 <= n; i += 8)
			*(volatile uint64_t *)(d + i) = src ? *(const uint64_t *)(src + i) : 0;
	for (; i < n; i++)
		d[i] = src ? src[i] : 0;
}

static void
state_save(void)
{
	size_t n = (size_t)(__stop_cadre_state_data - __start_cadre_state_data);

	if (!__start_cadre_state_data || !n)
		return;
	if (!(first_data = malloc(n)))
		abort();
	copy_raw(first_data, __start_cadre_state_data, n);
}

static void
state_restore(void)
{
	if (__start_cadre_state_data && first_data)
		copy_raw(__start_cadre_state_data, first_data,
		    (size_t)(__stop_cadre_state_data - __start_cadre_state_data));
	if (__start_cadre_state_bss)
		copy_raw(__start_cadre_state_bss, NULL,
		    (size_t)(__stop_cadre_state_bss - __start_cadre_state_bss));
}

/* Standard error of the code under test. */
static char errbuf[4096];

static jmp_buf run_jmp;
static volatile int run_status;

static void
exit_hook(int status)
{
	run_status = status;
	longjmp(run_jmp, 1);
}

void
fz_init(void)
{
	state_save();
	fz_stderr = fmemopen(errbuf, sizeof errbuf, "w");
	if (!fz_stderr)
		abort();
	setvbuf(fz_stderr, NULL, _IONBF, 0);
}

int
fz_run(int (*fn)(void *), void *arg, const char **err)
{
	long len;

	rewind(fz_stderr);
	clearerr(fz_stderr);
	state_restore();
	diag_exit_hook = exit_hook;
	active = true;
	if (setjmp(run_jmp) == 0)
		run_status = fn(arg);
	give_back();
	/* Whatever the run left in standard output's buffer goes out now,
	 * before the buffer (a static of cli.c) is set back. */
	fflush(stdout);
	state_restore();
	diag_exit_hook = exit_hook;
	len = ftell(fz_stderr);
	if (len < 0 || (size_t)len >= sizeof errbuf)
		len = sizeof errbuf - 1;
	errbuf[len] = '\0';
	*err = errbuf;
	return run_status;
}

#ifdef __clang__
#pragma clang attribute pop
#endif

/* A message: exactly one line, of valid UTF-8 with no control characters. */
bool
fz_one_line_utf8(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);

	if (n == 0 || s[n - 1] != '\n' || memchr(s, '\n', n - 1))
		return false;
	for (size_t i = 0; i < n - 1;) {
		size_t k = u[i] < 0x80 ? 1 : (u[i] & 0xE0) == 0xC0 ? 2 :
		    (u[i] & 0xF0) == 0xE0 ? 3 : (u[i] & 0xF8) == 0xF0 ? 4 : 0;

		if (k == 0 || i + k > n - 1 || (k == 1 && (u[i] < 0x20 || u[i] == 0x7F)))
			return false;
		for (size_t j = 1; j < k; j++)
			if ((u[i + j] & 0xC0) != 0x80)
				return false;
		i += k;
	}
	return true;
}

