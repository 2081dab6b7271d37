/*
 * Runs a harness on files, without the fuzzer: `make check` replays the
 * inputs kept in tests/fuzz/regress/HARNESS/ so. Each file is run in a
 * process of its own, as a fresh program would be (a build without the
 * sections of track.h cannot set the static variables back), for 30
 * seconds at most (a run that hangs is a failure too). Exits 0 if every
 * run ended normally, 1 if one did not (the harness aborted on a wrong
 * result, crashed or hung), 2 if a file cannot be read.
 */
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

/* Reads the file first: a harness may change folders when it starts. */
static int
replay(const char *path, int *argc, char ***argv)
{
	FILE *fp = fopen(path, "rb");
	char *data = NULL;
	size_t n = 0, cap = 0, k;

	if (!fp) {
		perror(path);
		return 2;
	}
	do {
		if (n == cap && !(data = realloc(data, cap = 2 * cap + 4096))) {
			perror(path);
			return 2;
		}
		n += k = fread(data + n, 1, cap - n, fp);
	} while (k > 0);
	if (ferror(fp)) {
		perror(path);
		return 2;
	}
	fclose(fp);
	LLVMFuzzerInitialize(argc, argv);
	LLVMFuzzerTestOneInput((const unsigned char *)data, n);
	free(data);
	return 0;
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

int
main(int argc, char **argv)
{
	int worst = 0;
	const char *tmp = getenv("TMPDIR");
	char dir[PATH_MAX];

	/* The harnesses' folders go in one of ours, removed at the end even
	 * if a run was killed. */
	snprintf(dir, sizeof dir, "%s/cadre-replay-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir) || setenv("TMPDIR", dir, 1) != 0) {
		perror("replay: temporary folder");
		return 2;
	}

	for (int i = 1; i < argc; i++) {
		pid_t pid;
		int st, rc;

		fflush(NULL);
		if ((pid = fork()) < 0) {
			perror("fork");
			return 2;
		}
		if (pid == 0) {
			alarm(30);
			exit(replay(argv[i], &argc, &argv));
		}
		if (waitpid(pid, &st, 0) < 0) {
			perror("waitpid");
			return 2;
		}
		rc = WIFEXITED(st) ? WEXITSTATUS(st) : 1;
		if (WIFSIGNALED(st))
			fprintf(stderr, "%s: ended by signal %d (%s)\n", argv[i],
			    WTERMSIG(st), strsignal(WTERMSIG(st)));
		else if (rc)
			fprintf(stderr, "%s: exit status %d\n", argv[i], rc);
		if (rc > worst)
			worst = rc;
	}
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	return worst;
}
