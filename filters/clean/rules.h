/* rules.h: the loaded rule table, shared by rules.c and page.c */
#ifndef RULES_H
#define RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

#include "clean.h"
#include "phrase.h"

#define STOP_SLOTS 1024

/* reasons the engine gives by itself, not from the table */
enum {
	R_BARE_URL,
	R_REPEATED,
	R_TITLE,
	R_TITLE_DUP,
	R_CAPTION,
	R_LABEL,
	R_NAV,
	R_FOOTER,
	R_BIO,
	R_AUTHOR,
	R_RELATED,
	R_NBUILTIN
};
extern const char *const cl_builtin_names[R_NBUILTIN];

struct cl_rule {
	int scope;
	int reason;		/* index into reason[] */
	unsigned long lineno;
};

/* a string that every match of a rule holds (lit.c) */
#define LIT_LEN 24
struct cl_lit {
	unsigned char len;
	unsigned char caseless;	/* ASCII case does not matter */
	unsigned char wstart;	/* starts a word: \b before a word byte */
	unsigned char off;	/* where its rarest byte pair is */
	unsigned short key;	/* that pair, lower case */
	char s[LIT_LEN];	/* lower case when caseless */
};

/* a scope's strings: a line holding none of them cannot match */
#define LIT_N 48
struct cl_prefilter {
	int on;			/* every rule so far gave its strings */
	int caseless;		/* one of the strings is caseless */
	int n;
	struct cl_lit lit[LIT_N];
	unsigned char pair[65536 / 8];	/* first two bytes, lower case */
};

void lit_add_rule(struct cl_prefilter *pf, const char *pat);
int lit_maybe(const struct cl_prefilter *pf, const char *s, size_t n);

struct cl_rules {
	struct cl_rule *rule;
	size_t nrule;
	char **reason;
	size_t nreason;
	struct phrase_set *ph;
	size_t ph_prefix;	/* phrases of scope prefix */
	pcre2_code *re[CL_NSCOPE];
	int jit[CL_NSCOPE];	/* JIT-compiled: pcre2_jit_match */
	unsigned char first[CL_NSCOPE][256];	/* bytes a match can start with */
	struct cl_prefilter *pf[CL_NSCOPE];	/* NULL: always run */
	pcre2_match_context *mctx;
	pcre2_jit_stack *jstack;
	char (*stop)[16];
	size_t nstop;
	int builtin[R_NBUILTIN];
	int r_byline, r_date, r_origin, r_dateline;
};

#endif
