/*
 * Runs a harness on files, without the fuzzer: `make check` replays the
 * inputs kept in tests/fuzz/regress/HARNESS/ so. Each file is run in a
 * process of its own, as a fresh program would be (a build without the
 * sections of track.h cannot set the static variables back). Exits 0 if
 * every run ended normally, 1 if one did not (the harness aborted on a
 * wrong result, or it crashed), 2 if a file cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

static int
replay(const char *path)
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
	LLVMFuzzerTestOneInput((const unsigned char *)data, n);
	free(data);
	return 0;
}

int
main(int argc, char **argv)
{
	int worst = 0;

	for (int i = 1; i < argc; i++) {
		pid_t pid;
		int st, rc;

		fflush(NULL);
		if ((pid = fork()) < 0) {
			perror("fork");
			return 2;
		}
		if (pid == 0) {
			LLVMFuzzerInitialize(&argc, &argv);
			exit(replay(argv[i]));
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
	return worst;
}
