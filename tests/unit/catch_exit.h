/*
 * Catching die() in a unit test. diag_exit() calls diag_exit_hook before
 * exit(); the hook here longjmps back into catch_exit(), which has pointed
 * standard error at a temporary file meanwhile, so that a test can check
 * both the exit status and the message.
 *
 * The function run must not use cmocka's assertions (a failed one would
 * longjmp past the restoring of stderr): it only does the work and leaves
 * what it got in its argument; the test asserts after catch_exit returns.
 *
 * die() ends a process, and a process ending does not free what the code
 * under test had allocated on the way. Under LeakSanitizer those abandoned
 * blocks would be reported as leaks of the test, so leak checking is off
 * for allocations made while the function runs (only there).
 */
#ifndef CATCH_EXIT_H
#define CATCH_EXIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"

#if defined(__SANITIZE_ADDRESS__)
#define CATCH_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CATCH_LSAN 1
#endif
#endif
#ifdef CATCH_LSAN
#include <sanitizer/lsan_interface.h>
#endif

/* What catch_exit saw: the exit status (-1 when the function returned
 * without exiting) and what was written on standard error. */
struct caught {
	int status;
	char err[4096];
};

static jmp_buf catch_jmp;
static volatile int catch_status;

static void
catch_hook(int status)
{
	catch_status = status;
	longjmp(catch_jmp, 1);
}

static void
catch_exit(void (*fn)(void *), void *arg, struct caught *c)
{
	FILE *tmp = tmpfile();
	int saved;
	size_t n;

	if (!tmp)
		fail_msg("tmpfile failed");
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	dup2(fileno(tmp), STDERR_FILENO);
	catch_status = -1;
	diag_exit_hook = catch_hook;
#ifdef CATCH_LSAN
	__lsan_disable();
#endif
	if (setjmp(catch_jmp) == 0)
		fn(arg);
#ifdef CATCH_LSAN
	__lsan_enable();
#endif
	diag_exit_hook = NULL;
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	c->status = catch_status;
	rewind(tmp);
	n = fread(c->err, 1, sizeof c->err - 1, tmp);
	c->err[n] = '\0';
	fclose(tmp);
}

/* The message begins with prefix ("prog: FILE:LINE: ") and contains each
 * of the NULL-terminated words. */
static void __attribute__((sentinel))
assert_caught(const struct caught *c, int status, const char *prefix, ...)
{
	va_list ap;
	const char *word;

	if (c->status != status)
		fail_msg("exit status %d, expected %d; stderr: %s", c->status, status,
		    c->err);
	if (strncmp(c->err, prefix, strlen(prefix)) != 0)
		fail_msg("stderr '%s' does not begin with '%s'", c->err, prefix);
	if (c->err[0] == '\0' || c->err[strlen(c->err) - 1] != '\n' ||
	    strchr(c->err, '\n') != c->err + strlen(c->err) - 1)
		fail_msg("stderr '%s' is not one line", c->err);
	va_start(ap, prefix);
	while ((word = va_arg(ap, const char *)))
		if (!strstr(c->err, word))
			fail_msg("stderr '%s' does not mention '%s'", c->err, word);
	va_end(ap);
}

#endif
