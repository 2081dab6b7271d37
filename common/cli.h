/* The options every program takes (SPEC section 1), parsed in one place. */
#ifndef CLI_H
#define CLI_H

#include <getopt.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdnoreturn.h>

#define CADRE_VERSION "0.1.0"

enum common_opt {
	OPT_BOM = 1000, OPT_CRLF, OPT_ENCODING, OPT_ESCAPE_FORMULAE, OPT_LANG, OPT_MAX_FIELD,
	OPT_PRINT_RULES, OPT_REJECTS, OPT_RULES,
	OPT_TOWNSHIP, OPT_VILLAGE, /* roster.h: the programs that take an area */
	OPT_PROGRAM = 1100 /* a program's own long options start here */
};

#define COMMON_SHORTOPTS "d:ho:tV"
#define COMMON_LONGOPTS \
	{ "bom", no_argument, NULL, OPT_BOM }, \
	{ "crlf", no_argument, NULL, OPT_CRLF }, \
	{ "encoding", required_argument, NULL, OPT_ENCODING }, \
	{ "escape-formulae", no_argument, NULL, OPT_ESCAPE_FORMULAE }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "lang", required_argument, NULL, OPT_LANG }, \
	{ "max-field-bytes", required_argument, NULL, OPT_MAX_FIELD }, \
	{ "output", required_argument, NULL, 'o' }, \
	{ "print-rules", no_argument, NULL, OPT_PRINT_RULES }, \
	{ "rejects", required_argument, NULL, OPT_REJECTS }, \
	{ "rules", required_argument, NULL, OPT_RULES }, \
	{ "version", no_argument, NULL, 'V' }

/* Text shared by every program's --help, after its own options. */
#define COMMON_HELP \
"Common options:\n" \
"  -d C                  input field separator C (one byte; default ,)\n" \
"  -t                    input fields separated by TAB\n" \
"  --encoding E          input encoding: auto (default: each file's own,\n" \
"                        UTF-8, GB18030/GBK or UTF-16), or one of utf-8,\n" \
"                        gb18030, gbk, utf-16 forced on every file\n" \
"  --max-field-bytes N   longest field accepted (default 1048576)\n" \
"  -o, --output FILE     write the report to FILE, whole or not at all\n" \
"  --crlf                end output lines with CRLF\n" \
"  --bom                 begin output with a UTF-8 byte-order mark\n" \
"  --escape-formulae     put ' before a text field beginning with = + - @ TAB\n" \
"                        or CR, which a spreadsheet would run as a formula\n" \
"  --lang en|zh          header names and values in English (default) or Chinese\n" \
"  --rules FILE          read rule overrides (key = value lines); given\n" \
"                        several times, the files apply in order\n" \
"  --print-rules         write the rules in force and exit\n" \
"  --rejects FILE        write bad rows to FILE and go on with the good ones\n" \
"  -h, --help            show this help and exit\n" \
"  -V, --version         show the version and exit\n" \
"Exit status: 0 success, 64 usage, 65 bad data, 66 cannot open input,\n" \
"71 out of memory, 74 read or write error.\n"

struct common_args {
	const char *output;      /* -o FILE */
	const char *rejects;
	const char **rules;      /* --rules FILE, each time given, in order */
	size_t nrules;
	bool print_rules;
};
extern struct common_args common_args;

/* Program name, SIGPIPE and stdout buffering; synopsis and help for -h. */
void cli_init(int argc, char **argv, const char *synopsis, const char *help);
/* Handles a common option; false if c is none of them. */
bool cli_common(int c, const char *arg);
/* Prints the synopsis on stderr and exits 64. */
noreturn void usage(void);
/* A usage error with a message: "PROG: msg", the synopsis, exit 64. */
noreturn void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* After the options: reads every --rules file, checks that the rules do
 * not contradict each other, answers --print-rules. */
void cli_finish(void);
/* The operands, n of them: none is standard input. */
const char *const *cli_operands(int argc, char **argv, size_t *n);

#endif
