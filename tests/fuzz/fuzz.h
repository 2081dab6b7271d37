/* What the fuzzing harnesses (tests/fuzz/) share: running the code under
 * test once per input in one process. See track.h for how. */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Called once before the first run: remembers the first values of the
 * static variables, points the code's standard error at a buffer and
 * installs the exit hook. */
void fz_init(void);

/*
 * Runs fn(arg) as a run of the program: a die() inside ends it (the exit
 * hook longjmps back here). Returns the exit status: what die() asked
 * for, or ret when fn returned. Afterwards what the run left (memory,
 * files, converters) is given back and the static variables are as they
 * were before the first run. *err gets what the run wrote on standard
 * error (NUL-terminated, cut at a few kilobytes).
 */
int fz_run(int (*fn)(void *), void *arg, const char **err);

/* The harness's own entry, as libFuzzer calls it. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Whether s is exactly one line of valid UTF-8 without control
 * characters (SPEC section 1, Bad input): a message as it must be. */
bool fz_one_line_utf8(const char *s);

#endif
