/* A report written whole or not at all (SPEC section 1, Bad input): a
 * temporary file beside FILE, renamed onto it only when the report is
 * complete; a failure (die), or a signal, leaves FILE as it was and no
 * temporary file behind. One at a time. */
#ifndef OUTFILE_H
#define OUTFILE_H

#include <stdbool.h>

/* Creates the temporary file beside path (exit 74 if it cannot be) and
 * returns its descriptor; its name is outfile_temp(). From now on a die()
 * or a signal removes it. */
int outfile_open(const char *path);
/* The temporary file's name, NULL when there is none. */
const char *outfile_temp(void);
/* Puts the temporary file on the disk and in place of path: OUTFILE_OK,
 * or what failed, with errno set and the temporary file removed. */
enum outfile_result { OUTFILE_OK, OUTFILE_WRITE, OUTFILE_RENAME };
enum outfile_result outfile_commit(void);
/* Removes the temporary file. */
void outfile_drop(void);

#endif
