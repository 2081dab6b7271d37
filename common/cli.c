#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codes.h"
#include "csvio.h"
#include "diag.h"
#include "numfmt.h"
#include "outfile.h"
#include "rules.h"

struct common_args common_args;

static const char *syn, *helptext;
static int cli_argc;
static char **cli_argv;
static char outbuf[1 << 16];

/* -o FILE: the report goes to a temporary file beside FILE, renamed onto
 * it only when the program ends well (common/outfile.c). */
static bool at_exit_set;

static void
open_output(void)
{
	int fd = outfile_open(common_args.output);

	if (dup2(fd, STDOUT_FILENO) < 0)
		die_errno(EXIT_IOERR, "cannot write %s", common_args.output);
	close(fd);
}

/* At a good end: the -o file put in place, the notes written. */
static void
at_exit(void)
{
	if (outfile_temp()) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			int e = errno;

			outfile_drop();
			errno = e;
			die_at_exit(EXIT_IOERR, "write error on %s", common_args.output);
		}
		switch (outfile_commit()) {
		case OUTFILE_OK:
			break;
		case OUTFILE_WRITE:
			die_at_exit(EXIT_IOERR, "write error on %s", common_args.output);
		case OUTFILE_RENAME:
			die_at_exit(EXIT_IOERR, "cannot write %s", common_args.output);
		}
	}
	diag_flush_notes();
}

void
cli_init(int argc, char **argv, const char *synopsis, const char *help)
{
	cli_argc = argc;
	cli_argv = argv;
	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	/* getopt names the program by argv[0] in its own messages. */
	argv[0] = (char *)progname;
	/* Like every filter: a closed pipe downstream ends us quietly. */
	signal(SIGPIPE, SIG_DFL);
	/* A file-size limit is a write error (74) with a message, not death. */
	signal(SIGXFSZ, SIG_IGN);
	if (!at_exit_set)
		at_exit_set = atexit(at_exit) == 0;
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	syn = synopsis;
	helptext = help;
}

void
usage(void)
{
	fprintf(stderr, "usage: %s\n", syn);
	diag_exit(EXIT_USAGE);
}

void
usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	usage();
}

/* Text written to stdout by -h, -V and --print-rules is checked like CSV. */
static void
stdout_close(void)
{
	struct csvw w = { stdout, "standard output", false };

	csvw_close(&w);
}

bool
cli_common(int c, const char *arg)
{
	long n;

	switch (c) {
	case 'd':
		if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\n' || arg[0] == '\r')
			usage_error("-d takes one byte other than a quote or line end");
		csv_settings.delim = (unsigned char)arg[0];
		return true;
	case 't':
		csv_settings.delim = '\t';
		return true;
	case 'o':
		if (!*arg)
			usage_error("empty -o (expected a file name)");
		common_args.output = arg;
		return true;
	case 'h':
		printf("usage: %s\n\n%s\n%s", syn, helptext, COMMON_HELP);
		stdout_close();
		diag_exit(EXIT_OK);
	case 'V':
		printf("%s (cadre toolkit) %s\n", progname, CADRE_VERSION);
		stdout_close();
		diag_exit(EXIT_OK);
	case OPT_BOM:
		csv_settings.bom = true;
		return true;
	case OPT_CRLF:
		csv_settings.crlf = true;
		return true;
	case OPT_ENCODING:
		if (strcasecmp(arg, "auto") == 0)
			csv_settings.encoding = ENC_AUTO;
		else if (strcasecmp(arg, "gb18030") == 0 || strcasecmp(arg, "gbk") == 0 ||
		    strcasecmp(arg, "gb2312") == 0 || strcasecmp(arg, "cp936") == 0)
			csv_settings.encoding = ENC_GB18030;
		else if (strcasecmp(arg, "utf-8") == 0 || strcasecmp(arg, "utf8") == 0)
			csv_settings.encoding = ENC_UTF8;
		else if (strcasecmp(arg, "utf-16") == 0 || strcasecmp(arg, "utf16") == 0)
			csv_settings.encoding = ENC_UTF16;
		else
			usage_error("unknown encoding %s (expected auto, utf-8, gb18030, "
			    "gbk or utf-16)", arg);
		return true;
	case OPT_ESCAPE_FORMULAE:
		csv_settings.escape_formulae = true;
		return true;
	case OPT_LANG:
		if (strcmp(arg, "zh") == 0)
			lang_zh = true;
		else if (strcmp(arg, "en") == 0)
			lang_zh = false;
		else
			usage_error("unknown language %s (expected en or zh)", arg);
		return true;
	case OPT_MAX_FIELD:
		if (!int_parse(sv_of(arg), &n) || n < 1)
			usage_error("--max-field-bytes takes a positive whole number");
		csv_settings.max_field = (size_t)n;
		return true;
	case OPT_PRINT_RULES:
		common_args.print_rules = true;
		return true;
	case OPT_REJECTS:
		common_args.rejects = arg;
		return true;
	case OPT_RULES:
		common_args.rules = xrealloc(common_args.rules,
		    (common_args.nrules + 1) * sizeof *common_args.rules);
		common_args.rules[common_args.nrules++] = arg;
		return true;
	}
	return false;
}

/* Whether the n bytes at a name --rejects, as getopt_long takes it: the
 * whole name or a prefix no other option has ("--rej"). */
static bool
names_rejects(const char *a, size_t n)
{
	return n >= 5 && n <= 9 && strncmp(a, "--rejects", n) == 0;
}

/*
 * --rejects FILE is written, so it must be no file that the command line
 * names to be read (an operand, --roster, --rules ...): found out here,
 * before anything is opened or emptied, comparing files, not names.
 * (Standard input is checked when it is read: csvr_note_input.)
 */
static void
rejects_apart(void)
{
	struct stat rs, st;

	if (!common_args.rejects)
		return;
	if (common_args.output && strcmp(common_args.output, common_args.rejects) == 0)
		usage_error("--rejects %s is also the -o file (expected a file of its "
		    "own for the rejected rows)", common_args.rejects);
	if (stat(common_args.rejects, &rs) != 0 || !S_ISREG(rs.st_mode))
		return;
	if (common_args.output && stat(common_args.output, &st) == 0 &&
	    st.st_dev == rs.st_dev && st.st_ino == rs.st_ino)
		usage_error("--rejects %s is also the -o file (expected a file of its "
		    "own for the rejected rows)", common_args.rejects);
	/* "--rejects out.csv > out.csv" would write both into one file. */
	if (!common_args.output && fstat(STDOUT_FILENO, &st) == 0 &&
	    S_ISREG(st.st_mode) && st.st_dev == rs.st_dev && st.st_ino == rs.st_ino)
		usage_error("--rejects %s is also the standard output (expected a "
		    "file of its own for the rejected rows)", common_args.rejects);
	for (int i = 1; i < cli_argc; i++) {
		const char *a = cli_argv[i], *eq;

		if (strcmp(a, "--") != 0 && names_rejects(cli_argv[i - 1],
		    strlen(cli_argv[i - 1])))
			continue; /* the value of --rejects, not an input */
		if (strncmp(a, "--", 2) == 0 && (eq = strchr(a, '='))) {
			if (names_rejects(a, (size_t)(eq - a)))
				continue;
			a = eq + 1;
		}
		if (stat(a, &st) == 0 && st.st_dev == rs.st_dev && st.st_ino == rs.st_ino)
			die(EXIT_USAGE, "--rejects %s is also an input file (expected a "
			    "file of its own for the rejected rows)", common_args.rejects);
	}
}

void
cli_finish(void)
{
	rejects_apart();
	if (common_args.output)
		open_output();
	for (size_t i = 0; i < common_args.nrules; i++)
		rules_load(common_args.rules[i]);
	rules_check();
	if (common_args.print_rules) {
		rules_print(stdout);
		stdout_close();
		diag_exit(EXIT_OK);
	}
}

const char *const *
cli_operands(int argc, char **argv, size_t *n)
{
	*n = optind < argc ? (size_t)(argc - optind) : 0;
	return (const char *const *)argv + optind;
}
