#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"

static char *volatile tmp;
static const char *target;

void
outfile_drop(void)
{
	char *t = tmp;

	tmp = NULL;
	if (t) {
		unlink(t);
		free(t);
	}
}

/* A signal: the temporary file goes, then the signal does what it would.
 * Crashes too (a library that does not survive a failed allocation). */
static void
on_signal(int sig)
{
	if (tmp)
		unlink(tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

int
outfile_open(const char *path)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGTERM, SIGSEGV, SIGBUS, SIGABRT };
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path + 1) : 0, n = strlen(path) + 16;
	char *t = xmalloc(n);
	mode_t mask;
	int fd;

	snprintf(t, n, "%.*s.%s.XXXXXX", (int)dir, path, path + dir);
	if ((fd = mkstemp(t)) < 0) {
		int e = errno;

		free(t);
		errno = e;
		die_errno(EXIT_IOERR, "cannot create %s", path);
	}
	/* mkstemp makes it private; a report is a file like any other. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	tmp = t;
	target = path;
	diag_fail_hook = outfile_drop;
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
		signal(sigs[i], on_signal);
	return fd;
}

const char *
outfile_temp(void)
{
	return tmp;
}

enum outfile_result
outfile_commit(void)
{
	int fd, e;

	if (!tmp)
		return OUTFILE_OK;
	/* On the disk before it takes the file's place. */
	if ((fd = open(tmp, O_RDONLY)) < 0 || fsync(fd) != 0) {
		e = errno;
		if (fd >= 0)
			close(fd);
		outfile_drop();
		errno = e;
		return OUTFILE_WRITE;
	}
	close(fd);
	if (rename(tmp, target) != 0) {
		e = errno;
		outfile_drop();
		errno = e;
		return OUTFILE_RENAME;
	}
	free(tmp);
	tmp = NULL;
	return OUTFILE_OK;
}
