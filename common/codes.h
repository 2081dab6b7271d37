/* Code tables with their Chinese names and aliases, the county's own
 * aliases from the rules file, header names, and --lang. */
#ifndef CODES_H
#define CODES_H

#include <stdbool.h>
#include <stddef.h>

#include "strview.h"

/* A code: canonical name, Chinese name (written with --lang zh), and
 * further names accepted on input, separated by '|' (or NULL). */
struct code {
	const char *name;
	const char *zh;
	const char *alias;
};

/* Index of s in a table ending with a null name, or -1: its name, its
 * Chinese name, one of its aliases or an alias of the rules file. ASCII
 * case is ignored, surrounding spaces too. */
int code_find(const struct code *tab, struct sv s);
/* "present 在岗, late 迟到, ..." for messages saying what was expected. */
const char *code_list(const struct code *tab);
/* The name to write: canonical, or Chinese with --lang zh. */
const char *code_out(const struct code *tab, int i);
/*
 * A list of codes (village needs): items separated by ';', '；', '，', ','
 * or '、', spaces around an item ignored, empty items skipped. 0 with
 * *bits the set (bit 1 << index), or -1 with *bad the first unknown item.
 */
int code_list_parse(const struct code *tab, struct sv s, unsigned *bits,
    struct sv *bad);

/* The input code sets that rules and aliases name (SPEC section 1, Rules):
 * status, grade, role, kind, event, party, rank, unit_level, specialty,
 * need, result. NULL for another name. */
const struct code *codeset_find(const char *set);
/* The name of a code set's table, or NULL when tab is none of them. */
const char *codeset_name(const struct code *tab);

/*
 * The county's own words (alias.CODESET.WORD = CODE): word becomes a
 * further name of tab[code] for code_find. A later alias of the same word
 * replaces an earlier one. 0, or -1 when the word is already a built-in
 * name of another code of tab (it would never be read as the alias).
 */
int code_alias_add(const struct code *tab, struct sv word, int code);
/* The i-th alias in force, in the order first added; false past the last. */
bool code_alias_get(size_t i, const struct code **tab, const char **word,
    int *code);
/* Forgets every alias (for tests). */
void code_aliases_clear(void);

/* SPEC section 2. */
enum status {
	ST_PRESENT, ST_LATE, ST_EARLY, ST_ABSENT, ST_LEAVE, ST_BUSINESS,
	ST_TRAINING, ST_REST, ST_COUNT
};
extern const struct code status_codes[];

/* SPEC section 6: better grades compare greater. */
enum grade { GR_POOR, GR_FAIR, GR_GOOD, GR_EXCELLENT, GR_COUNT };
extern const struct code grade_codes[]; /* indexed by enum grade */

/* SPEC section 4. */
enum role { ROLE_SECRETARY, ROLE_MEMBER, ROLE_COUNT };
extern const struct code role_codes[];

/* SPEC section 8: the events, also the names of case-track's states and
 * of its ladder's actions; the kinds of a case. */
enum event {
	EV_RECEIVED, EV_FILED, EV_NOTICE, EV_SUPERVISE, EV_INTERVIEW, EV_ADMONISH,
	EV_RECTIFIED, EV_CONCLUDED, EV_PENALTY, EV_ORG_HANDLING, EV_PUBLICIZED,
	EV_CLOSED, EV_COUNT
};
extern const struct code event_codes[];
enum kind { KIND_LEAD, KIND_ISSUE, KIND_COUNT };
extern const struct code kind_codes[];

/* SPEC section 7. */
enum party { PARTY_FORMAL, PARTY_PROBATIONARY, PARTY_NONE, PARTY_COUNT };
extern const struct code party_codes[];
enum unit_level { LV_PROVINCE, LV_CITY, LV_COUNTY, LV_TOWNSHIP, LV_ENTERPRISE,
	LV_COUNT };
extern const struct code unit_level_codes[];
enum rank { RK_DIVISION, RK_DIVISION_RESERVE, RK_SECTION, RK_SECTION_RESERVE,
	RK_MIDDLE, RK_STAFF, RK_COUNT };
extern const struct code rank_codes[];
enum specialty { SP_PARTY, SP_LEGAL, SP_ECONOMY, SP_AGRI, SP_SOCIAL, SP_OTHER,
	SP_COUNT };
extern const struct code specialty_codes[];
enum need { NEED_WEAK_PARTY, NEED_DISORDER, NEED_POOR, NEED_INDUSTRY,
	NEED_COUNT };
extern const struct code need_codes[];

/* SPEC section 5: a spot check's result. */
enum result { RESULT_PRESENT, RESULT_ABSENT, RESULT_COUNT };
extern const struct code result_codes[];

/* yes/no, y/n, true/false, 1/0, 是/否, √/×: 1, 0, or -1 when none of them. */
int yesno_parse(struct sv s);
const char *yesno_out(bool v);

/* --lang zh: Chinese header names and values on output. */
extern bool lang_zh;

/* Header names: does the header cell h name the canonical column? ASCII
 * case and every space or line break in the cell are ignored. */
bool header_matches(struct sv h, const char *canon);
/* "cadre_id or 干部编号/编号" for messages. */
const char *header_expect(const char *canon);
/* The header name to write for a canonical column. */
const char *header_out(const char *canon);

#endif
