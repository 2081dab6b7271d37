/* Code tables with their Chinese aliases, header names, and --lang. */
#ifndef CODES_H
#define CODES_H

#include <stdbool.h>

#include "strview.h"

/* A code: canonical name, Chinese name (written with --lang zh), alias. */
struct code {
	const char *name;
	const char *zh;
	const char *alias;
};

/* Index of s in a table ending with a null name, or -1. ASCII case is
 * ignored, surrounding spaces too. */
int code_find(const struct code *tab, struct sv s);
/* "present, late, ..." for messages saying what was expected. */
const char *code_list(const struct code *tab);
/* The name to write: canonical, or Chinese with --lang zh. */
const char *code_out(const struct code *tab, int i);

enum status {
	ST_PRESENT, ST_LATE, ST_EARLY, ST_ABSENT, ST_LEAVE, ST_BUSINESS,
	ST_TRAINING, ST_REST, ST_COUNT
};
extern const struct code status_codes[];

enum grade { GR_POOR, GR_FAIR, GR_GOOD, GR_EXCELLENT, GR_COUNT };
extern const struct code grade_codes[]; /* indexed by enum grade */

enum role { ROLE_SECRETARY, ROLE_MEMBER };
extern const struct code role_codes[];

/* yes/no, y/n, true/false, 1/0, 是/否: 1, 0, or -1 when none of them. */
int yesno_parse(struct sv s);
const char *yesno_out(bool v);

/* --lang zh: Chinese header names and values on output. */
extern bool lang_zh;

/* Header names: does the header cell h name the canonical column? */
bool header_matches(struct sv h, const char *canon);
/* "cadre_id or 干部编号/编号" for messages. */
const char *header_expect(const char *canon);
/* The header name to write for a canonical column. */
const char *header_out(const char *canon);

#endif
