/* Diagnostics and exit status: the one place that writes to stderr. */
#ifndef DIAG_H
#define DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdnoreturn.h>

/* Exit status, named once (sysexits.h values, as SPEC section 1 lists). */
enum exit_status {
	EXIT_OK = 0,
	EXIT_USAGE = 64,   /* bad option, missing operand, bad rules file */
	EXIT_DATAERR = 65, /* bad input data */
	EXIT_NOINPUT = 66, /* an input file cannot be opened */
	EXIT_OSERR = 71,   /* out of memory */
	EXIT_IOERR = 74,   /* read or write error */
};

extern const char *progname;

void diag_init(const char *argv0);

/* The longest message, in bytes, before a value in it is cut. */
#define DIAG_MAX 1000

/* msg into out (max + 1 bytes) as one line of valid UTF-8 (SPEC section
 * 1, Bad input): control characters escaped (\n, \x1B), bytes that are
 * not UTF-8 as \xHH, cut to at most max bytes on a character boundary,
 * its "(expected ...)" part kept. */
void diag_clean(char *out, size_t max, const char *msg);

/* "PROG: message", a note for stderr written when the program ends well
 * (diag_flush_notes); a program that fails writes only why. */
void warnmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Writes the notes kept so far, unless the program is failing. */
void diag_flush_notes(void);
/* Called when the program fails, before it exits (cli: the -o file). */
extern void (*diag_fail_hook)(void);

/* "PROG: message" on stderr, then exit with status. */
noreturn void die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Like die, with ": strerror(errno)" appended. */
noreturn void die_errno(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Like die_errno, from an atexit handler, where exit() may not be called. */
noreturn void die_at_exit(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Ends the program with status. Unit tests set diag_exit_hook to observe a
 * die() (the hook must not return, e.g. longjmp). */
noreturn void diag_exit(int status);
extern void (*diag_exit_hook)(int status);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* The message formatted in memory of its own, or exit 71. */
char *xvasprintf(const char *fmt, va_list ap);

#endif
