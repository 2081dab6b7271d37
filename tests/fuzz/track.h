/*
 * Included ahead of every source of a fuzzing build (cc -include), so that
 * one process can run a program's main() over and over, as a fuzzer does,
 * although the program was written to run once:
 *
 * - Memory, files and converters the code takes go through tests/fuzz/
 *   track.c, which gives back at the end of a run whatever a die() left
 *   behind (die ends a run by a longjmp out of the middle of things).
 * - The file-scope and function-scope static variables of the program
 *   and of common/ are put in two sections of their own, which track.c
 *   sets back to their first values before each run: every run starts
 *   from the state a fresh process would. A source that must keep its
 *   state (date.c's compiled patterns) defines FUZZ_KEEP_STATE.
 * - What the code writes to standard error goes to a buffer the harness
 *   reads (fz_stderr), to check that no failure is silent.
 */
#ifndef FUZZ_TRACK_H
#define FUZZ_TRACK_H

#include <csv.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

void *fz_malloc(size_t n);
void *fz_calloc(size_t n, size_t size);
void *fz_realloc(void *p, size_t n);
void fz_free(void *p);
ssize_t fz_getline(char **line, size_t *cap, FILE *fp);
FILE *fz_fopen(const char *path, const char *mode);
int fz_fclose(FILE *fp);
int fz_open(const char *path, int flags, ...);
int fz_close(int fd);
iconv_t fz_iconv_open(const char *to, const char *from);
int fz_iconv_close(iconv_t cd);
void fz_csv_free(struct csv_parser *p);
extern FILE *fz_stderr;

#define malloc fz_malloc
#define calloc fz_calloc
#define realloc fz_realloc
#define free fz_free
#define getline fz_getline
#define fopen fz_fopen
#define fclose fz_fclose
#define open fz_open
#define close fz_close
#define iconv_open fz_iconv_open
#define iconv_close fz_iconv_close
#define csv_free fz_csv_free
#undef stderr
#define stderr fz_stderr

#if defined(__clang__) && !defined(FUZZ_KEEP_STATE)
#pragma clang section bss = "cadre_state_bss" data = "cadre_state_data"
#endif

#endif
