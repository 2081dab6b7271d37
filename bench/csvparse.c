/*
 * csvparse: the throughput baseline of the benchmark. A bare libcsv parse
 * with libcsv's defaults and callbacks that only count, reading in 64 KiB
 * chunks: no program built on libcsv can read faster than this, so the
 * programs are measured as a fraction of it.
 *
 *	csvparse [file]
 *
 * prints "ROWS rows, FIELDS fields" (the header row included).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

struct counts {
	unsigned long fields, rows;
};

static void
on_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	((struct counts *)data)->fields++;
}

static void
on_row(int c, void *data)
{
	(void)c;
	((struct counts *)data)->rows++;
}

int
main(int argc, char **argv)
{
	static char buf[64 * 1024];
	struct csv_parser p;
	struct counts n = { 0, 0 };
	const char *path = "<stdin>";
	FILE *fp = stdin;
	size_t len;

	if (argc > 2) {
		fprintf(stderr, "usage: csvparse [file]\n");
		return 64;
	}
	if (argc == 2 && (fp = fopen(path = argv[1], "rb")) == NULL) {
		fprintf(stderr, "csvparse: %s: %s\n", path, strerror(errno));
		return 66;
	}
	if (csv_init(&p, 0) != 0) {
		fprintf(stderr, "csvparse: out of memory\n");
		return 71;
	}
	while ((len = fread(buf, 1, sizeof(buf), fp)) > 0) {
		if (csv_parse(&p, buf, len, on_field, on_row, &n) != len) {
			fprintf(stderr, "csvparse: %s: %s\n", path,
			    csv_strerror(csv_error(&p)));
			return 65;
		}
	}
	if (ferror(fp)) {
		fprintf(stderr, "csvparse: %s: %s\n", path, strerror(errno));
		return 74;
	}
	csv_fini(&p, on_field, on_row, &n);
	csv_free(&p);
	printf("%lu rows, %lu fields\n", n.rows, n.fields);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 74;
}
