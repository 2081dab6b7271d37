/*
 * A fuzzing harness for one whole program (FUZZ_PROG, its main() compiled
 * as fuzz_program_main): the input gives the arguments and the files, and
 * the program runs as from a shell, option parsing, reading, checking and
 * writing. Fuzzing main() rather than the readers it uses (csvr, dailylog,
 * roster_load, rules_load) is what reaches each program's own checks of
 * its rows and options, which is where most of its code is.
 *
 * The input, as in tests/fuzz/regress/PROG/ and the seeds:
 *
 *   --year 2018 --roster @1 --rejects @r
 *   cadre_id,date,status          <- part 0: standard input
 *   C1,2018-01-02,present
 *   %%
 *   cadre_id,name,start_date      <- part 1: the file @1 names
 *   ...
 *
 * The first line is the arguments, separated by spaces. @0 to @9 name
 * files holding the parts (a part that is not there is an empty file), @r
 * a file the program may write (--rejects). A part ends before a line
 * "%%"; the newline before that line is the part's last byte. Files are
 * written in a folder of their own, which is also the current folder, and
 * an argument with a '/' is not run: the program writes nowhere else.
 *
 * After each run: the exit status must be one the SPEC lists (0, 64, 65,
 * 66, 71, 74), and a failure must say something on standard error, in
 * the form "PROG: ..." (or "usage: ..."). Anything else aborts, which the
 * fuzzer reports as a crash with the input that caused it.
 *
 * With FUZZ_TWICE=1 in the environment each input is run twice and the
 * two runs must end alike: a check of the harness itself, that nothing of
 * one run leaks into the next (tests/fuzz/track.h).
 */
#include <dirent.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "fuzz.h"

int fuzz_program_main(int argc, char **argv);

enum { MAXPARTS = 10, MAXARGS = 48 };

static bool twice;
static char dir[PATH_MAX], paths[MAXPARTS][PATH_MAX + 16], rejects_path[PATH_MAX + 16];

/* Empties the folder: each run starts with only its own files there. */
static void
empty_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
}

/* At the end, the folder goes, with whatever the runs wrote in it. */
static void
remove_dir(void)
{
	empty_dir();
	if (chdir("/") == 0)
		rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof dir, "%s/cadre-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir) || chdir(dir) != 0) {
		perror("fuzz: temporary folder");
		abort();
	}
	atexit(remove_dir);
	/* A program that writes without end (it once read its own --rejects
	 * file as it grew) is stopped by the signal, which the fuzzer reports,
	 * before it fills the disk. */
	setrlimit(RLIMIT_FSIZE, &(struct rlimit){ 64 << 20, 64 << 20 });
	for (int i = 0; i < MAXPARTS; i++)
		snprintf(paths[i], sizeof paths[i], "%s/%d.csv", dir, i);
	snprintf(rejects_path, sizeof rejects_path, "%s/rejects.csv", dir);
	/* getopt's own complaints go to the real stderr, where they would
	 * only be noise: the program's usage line says enough. */
	opterr = 0;
	twice = getenv("FUZZ_TWICE") && strcmp(getenv("FUZZ_TWICE"), "1") == 0;
	/* The report is not looked at: only how the program ends. */
	if (!freopen("/dev/null", "w", stdout)) {
		perror("fuzz: /dev/null");
		abort();
	}
	fz_init();
	return 0;
}

static void
write_part(int i, const char *p, size_t n)
{
	FILE *fp = fopen(paths[i], "w");

	if (!fp || fwrite(p, 1, n, fp) != n || fclose(fp) != 0) {
		perror(paths[i]);
		abort();
	}
}

struct args {
	int argc;
	char **argv;
};

static int
run_main(void *arg)
{
	struct args *a = arg;

	/* 0, not 1: glibc's getopt starts afresh, forgetting the last run. */
	optind = 0;
	return fuzz_program_main(a->argc, a->argv);
}

/* A failure is one line or more on stderr, the first naming the program. */
static bool
says_why(const char *err)
{
	size_t n = strlen(FUZZ_PROG);

	if (strncmp(err, "usage: ", 7) == 0)
		return true;
	return strncmp(err, FUZZ_PROG, n) == 0 && strncmp(err + n, ": ", 2) == 0 &&
	    strchr(err, '\n');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *end = s + size, *nl, *p, *sep;
	char *line, *argv[MAXARGS + 2], *word, *save;
	int argc = 0, nparts = 0, status, in;
	struct args a;
	const char *err;

	if (!(nl = memchr(s, '\n', size)))
		nl = end;
	line = malloc(nl - s + 1);
	if (!line)
		abort();
	memcpy(line, s, nl - s);
	line[nl - s] = '\0';

	/* The parts. A separator is looked for from the newline before the
	 * part, so that a part can be empty. */
	empty_dir();
	for (p = nl; p < end; p = sep + 3) {
		sep = NULL;
		if (nparts < MAXPARTS - 1)
			sep = memmem(p, end - p, "\n%%\n", 4);
		if (!sep) {
			write_part(nparts++, p + 1, end - (p + 1));
			break;
		}
		write_part(nparts++, p + 1, sep + 1 - (p + 1));
	}
	for (int i = nparts; i < MAXPARTS; i++)
		write_part(i, "", 0);

	/* The arguments. */
	argv[argc++] = FUZZ_PROG;
	for (word = strtok_r(line, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
		if (argc == MAXARGS + 1 || strchr(word, '/')) {
			free(line);
			return -1; /* not kept in the corpus */
		}
		if (word[0] == '@' && word[1] >= '0' && word[1] <= '9' && !word[2])
			word = paths[word[1] - '0'];
		else if (strcmp(word, "@r") == 0)
			word = rejects_path;
		argv[argc++] = word;
	}
	argv[argc] = NULL;

	in = open(paths[0], O_RDONLY);
	if (in < 0 || dup2(in, STDIN_FILENO) < 0) {
		perror(paths[0]);
		abort();
	}
	close(in);

	a = (struct args){ argc, argv };
	status = fz_run(run_main, &a, &err);
	if (twice) {
		char *first = strdup(err);
		int again;

		if (lseek(STDIN_FILENO, 0, SEEK_SET) != 0 || !first)
			abort();
		again = fz_run(run_main, &a, &err);
		if (again != status || strcmp(first, err) != 0) {
			fprintf(stderr, "fuzz: a second run differs: status %d, then %d; "
			    "stderr '%s', then '%s'\n", status, again, first, err);
			abort();
		}
		free(first);
	}
	free(line);
	switch (status) {
	case 0:
		break;
	case 64: case 65: case 66: case 71: case 74:
		if (!says_why(err)) {
			fprintf(stderr, "fuzz: exit %d without a message in the form "
			    "\"%s: ...\"; stderr: '%s'\n", status, FUZZ_PROG, err);
			abort();
		}
		/* Past the options, a failing program writes one line of valid
		 * UTF-8, whatever the input holds (SPEC section 1, Bad input). */
		if (status != 64 && !fz_one_line_utf8(err)) {
			fprintf(stderr, "fuzz: exit %d, stderr not one line of UTF-8: "
			    "'%s'\n", status, err);
			abort();
		}
		break;
	default:
		fprintf(stderr, "fuzz: exit status %d, not one of 0 64 65 66 71 74; "
		    "stderr: '%s'\n", status, err);
		abort();
	}
	return 0;
}
