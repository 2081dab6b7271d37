/*
 * measure: runs one command and reports its wall time and peak resident
 * set size, so that the benchmark needs no time(1) of any particular kind.
 *
 *	measure [-i infile] [-o outfile] command [arg ...]
 *
 * The command's standard input comes from infile and its standard output
 * goes to outfile (default: inherited). Prints on standard output
 *	SECONDS MAXRSS_KIB STATUS
 * and exits with the command's status (128 + signal if it was killed).
 */
#define _DEFAULT_SOURCE
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void
usage(void)
{
	fprintf(stderr, "usage: measure [-i infile] [-o outfile] "
	    "command [arg ...]\n");
	exit(64);
}

/* Opens path on fd in the child; on failure the child ends before exec. */
static void
redirect(const char *path, int flags, int fd)
{
	int f;

	if (path == NULL)
		return;
	if ((f = open(path, flags, 0666)) == -1) {
		fprintf(stderr, "measure: %s: %s\n", path, strerror(errno));
		_exit(66);
	}
	if (f != fd) {
		if (dup2(f, fd) == -1) {
			fprintf(stderr, "measure: dup2: %s\n", strerror(errno));
			_exit(71);
		}
		close(f);
	}
}

int
main(int argc, char **argv)
{
	const char *in = NULL, *out = NULL;
	struct timespec t0, t1;
	struct rusage ru;
	double secs;
	long rss;
	pid_t pid;
	int ch, st, status;

	while ((ch = getopt(argc, argv, "+i:o:")) != -1) {
		switch (ch) {
		case 'i':
			in = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();

	/* The clock starts before fork: a program's start-up is part of what
	 * a cron job waits for. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	switch (pid = fork()) {
	case -1:
		fprintf(stderr, "measure: fork: %s\n", strerror(errno));
		return 71;
	case 0:
		redirect(in, O_RDONLY, 0);
		redirect(out, O_WRONLY | O_CREAT | O_TRUNC, 1);
		execvp(argv[0], argv);
		fprintf(stderr, "measure: %s: %s\n", argv[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	while (wait4(pid, &st, 0, &ru) == -1) {
		if (errno != EINTR) {
			fprintf(stderr, "measure: wait4: %s\n", strerror(errno));
			return 71;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);

	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	rss = ru.ru_maxrss;
#ifdef __APPLE__
	rss /= 1024;   /* bytes there, KiB on Linux and the BSDs */
#endif
	status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	/* CPU time too: on a shared machine it moves less than the wall clock. */
	printf("%.3f %ld %d %.3f\n", secs, rss, status,
	    (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6);
	return status;
}
