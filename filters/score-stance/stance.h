/*
 * stance.h: the score-stance engine. A lexicon (targets, names, framing,
 * evaluative cues, modifiers, attribution verbs) is loaded once; then
 * st_record() scores one record from its text, sentences and entities.
 */
#ifndef STANCE_H
#define STANCE_H

#include <stddef.h>

#include "jrow.h"
#include "phrase.h"
#include "sbuf.h"
#include "token.h"

#define ST_MAX_TARGETS 32
#define ST_MAX_WORDS 8

enum st_camp { CAMP_STATE, CAMP_OPP, CAMP_IND, NCAMP };

enum st_kind { CK_NAME, CK_FRAME, CK_EVAL, CK_MOD, CK_ATTR, NKIND };

/* evaluative roles: what the cue is about */
enum { ROLE_MOD, ROLE_AGENT, ROLE_PATIENT, ROLE_DEED };
/* modifier kinds */
enum { MOD_NEG, MOD_HEDGE, MOD_INTENS, MOD_CANCEL };
/* attribution kinds */
enum { ATTR_SAY, ATTR_DISTANCE, ATTR_SOURCE };
/* name scopes */
enum { SCOPE_NAME, SCOPE_GENERIC, SCOPE_ADJ, SCOPE_ANAPHOR };

/* special target values */
#define T_NONE (-1)	/* no target */
#define T_OTHER (-2)	/* an actor that is not a target (blocks) */

struct st_cue {
	char *text;		/* as written in the data file */
	int kind;		/* enum st_kind */
	int sub;		/* role, modifier kind, attribution kind, scope */
	int target;		/* NAME, FRAME: target index, T_NONE, T_OTHER */
	int camp;		/* -1 or enum st_camp */
	double weight;		/* stance weight, or factor (MOD) */
	double camp_weight;	/* NAME, FRAME, ATTR */
	int scope;		/* MOD: tokens of scope */
	int nwords;
	unsigned char caps[ST_MAX_WORDS];	/* 0 any, 1 Capital, 2 UPPER */
	unsigned long line;	/* data file line, for --explain */
};

struct st_member {
	char *id;		/* entity id, or a prefix when prefix is set */
	size_t len;
	int prefix;
	int target;
	double weight;		/* mention weight */
	int camp;		/* whose voice a member speaks with, or -1 */
};

struct st_lex {
	char *targets[ST_MAX_TARGETS];
	int ntargets;
	int target_camp[ST_MAX_TARGETS];	/* side of a target's speakers */
	struct st_member *mem;
	size_t nmem, capmem;
	struct st_cue *cues;
	size_t ncues, capcues;
	struct phrase_set *ps[NKIND];
	double sim_thresh;	/* label threshold on the score */
};

struct st_opts {
	int explain;
};

struct st_work;

/* a text field beside the body (title, byline, dateline): camp cues only */
struct st_field {
	const char *name;
	const char *text;
	size_t len;
	double weight;		/* 1 for title, byline, dateline; less for junk */
};

/* loading (lexicon.c): exit 65/66 on bad or missing files */
struct st_lex *st_lex_new(void);
void st_lex_targets(struct st_lex *lx, const char *path);
void st_lex_load(struct st_lex *lx, const char *path, int kind);
void st_lex_load_user(struct st_lex *lx, const char *path);
void st_lex_free(struct st_lex *lx);
int st_target_of_entity(const struct st_lex *lx, const char *id, size_t len,
    double *w, int *camp);

struct st_work *st_work_new(void);
void st_work_free(struct st_work *w);

/*
 * Score one record. sentences is the raw split-sentences array or NULL for
 * the exploded form (the whole text is sentence n); entities is the raw
 * tag-entities array (both checked to be arrays by the caller). Appends the JSON of
 * the stance, camp and stance_quoted objects to the three buffers (reset
 * first). Returns 0, or -1 with a reason in why.
 */
int st_record(const struct st_lex *lx, struct st_work *w,
    const struct st_opts *o, const char *text, size_t len,
    const struct jr_span *sentences, long n, const struct jr_span *entities,
    const struct st_field *extra, size_t nextra, struct sbuf *stance,
    struct sbuf *camp, struct sbuf *quoted, char *why, size_t whylen);

#endif
