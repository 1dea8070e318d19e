/*
 * clean.h: the clean engine. A page's text goes in; the cleaned body, the
 * removed pieces with their reasons, and the metadata come out. Pure
 * function of the text and the rules loaded once at start.
 */
#ifndef CLEAN_H
#define CLEAN_H

#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"

/* rule scopes (see data/clean/rules.tsv) */
enum cl_scope {
	CL_LINE,
	CL_PREFIX,
	CL_SECTION,
	CL_LEAD,
	CL_TAIL,
	CL_DATELINE,
	CL_CONTAINS,
	CL_EDGE,
	CL_NSCOPE
};

struct cl_rules;

/*
 * Load the rules: the default table (data/clean/rules.tsv) unless
 * nodefault, then each extra file in order, and the stopword list.
 * Exits 65/66 naming file:line on a bad row or pattern.
 */
struct cl_rules *cl_rules_load(const char *const *extra, int nextra);
void cl_rules_free(struct cl_rules *r);

struct cl_opts {
	int metadata;		/* fill title, byline, date... */
	long now_days;		/* --now as days since 1970-01-01 */
};

/* what one page gives */
struct cl_result {
	struct sbuf text;	/* the cleaned body */
	struct sbuf boiler;	/* JSON array of {"text","reason"} */
	struct sbuf links;	/* JSON array of strings */
	size_t nlinks;
	struct sbuf title, byline, date, dateline, origin;
	int has_title, has_byline, has_date, has_dateline, has_origin;
};

struct cl_work;

struct cl_work *cl_work_new(const struct cl_rules *r);
void cl_work_free(struct cl_work *w);

/*
 * Clean s[0..n) (valid UTF-8). Returns 0, or -1 with a reason in why
 * (a pattern hit its match limit). The result lives in the work area
 * until the next call.
 */
int cl_page(struct cl_work *w, const struct cl_opts *o, const char *s,
    size_t n, const struct cl_result **res, char *why, size_t whylen);

/* --- helpers shared inside the engine --- */

/* normalise: NFC, zero-width and soft hyphen out, space runs collapsed,
 * doubled hyphens inside words made single, CR LF to LF, lines trimmed.
 * s must be valid UTF-8 (every text the runtime hands over is): the
 * output is then never longer than the input. */
void cl_normalize(const char *s, size_t n, struct sbuf *out,
    struct sbuf *tmp);

/* Parse a date in s; writes "YYYY-MM-DD" or "--MM-DD" into out (11 bytes
 * room). Returns 1 when parsed, 0 otherwise. *days is set to the day
 * number for full dates, -1 for partial ones. */
int cl_parse_date(const char *s, size_t n, char *out, long *days);
/* days since 1970-01-01 of a civil date */
long cl_days(int y, int m, int d);

/* stopword lookup on a lower-case ASCII word */
int cl_is_stop(const struct cl_rules *r, const char *w, size_t n);

#endif
