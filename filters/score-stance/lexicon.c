/*
 * lexicon.c: load score-stance's data files (see docs/score-stance.md).
 * Every file is TSV with '#' comments; bad rows exit 65 naming file:line.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "stance.h"
#include "tsv.h"

static const char *camp_names[NCAMP] = {"state", "opposition", "independent"};

struct st_lex *
st_lex_new(void)
{
	struct st_lex *lx;
	int k;

	lx = xcalloc(1, sizeof(*lx));
	for (k = 0; k < NKIND; k++)
		lx->ps[k] = ph_new();
	return lx;
}

void
st_lex_free(struct st_lex *lx)
{
	size_t i;
	int k;

	if (lx == NULL)
		return;
	for (k = 0; k < NKIND; k++)
		ph_free(lx->ps[k]);
	for (i = 0; i < lx->ncues; i++)
		free(lx->cues[i].text);
	free(lx->cues);
	for (i = 0; i < lx->nmem; i++)
		free(lx->mem[i].id);
	free(lx->mem);
	for (k = 0; k < lx->ntargets; k++)
		free(lx->targets[k]);
	free(lx);
}

static double
num(const struct tsv_row *r, int col, double lo, double hi)
{
	char *end;
	double v;

	if (col >= r->ncol || r->len[col] == 0)
		tsv_die(r, "column %d: missing number", col + 1);
	v = strtod(r->col[col], &end);
	if (*end != '\0' || v < lo || v > hi)
		tsv_die(r, "column %d: '%s' is not a number in [%g, %g]",
		    col + 1, r->col[col], lo, hi);
	return v;
}

static const char *
str(const struct tsv_row *r, int col)
{
	if (col >= r->ncol || r->len[col] == 0)
		return "-";
	return r->col[col];
}

static int
target_index(struct st_lex *lx, const char *name, int create)
{
	int k;

	for (k = 0; k < lx->ntargets; k++)
		if (strcmp(lx->targets[k], name) == 0)
			return k;
	if (!create)
		return T_NONE;
	if (lx->ntargets == ST_MAX_TARGETS)
		return T_NONE;
	lx->targets[lx->ntargets] = xstrdup(name);
	lx->target_camp[lx->ntargets] = -1;
	return lx->ntargets++;
}

/* a target column: a known target, "-" (an actor that is not a target) */
static int
target_col(struct st_lex *lx, const struct tsv_row *r, int col)
{
	const char *s = str(r, col);
	int k;

	if (strcmp(s, "-") == 0)
		return T_OTHER;
	k = target_index(lx, s, 0);
	if (k == T_NONE)
		return T_NONE;	/* a target not in the set: ignored */
	return k;
}

static int
camp_col(const struct tsv_row *r, int col, int optional)
{
	const char *s = str(r, col);
	int c;

	if (optional && strcmp(s, "-") == 0)
		return -1;
	for (c = 0; c < NCAMP; c++)
		if (strcmp(s, camp_names[c]) == 0)
			return c;
	tsv_die(r, "column %d: '%s' is not state, opposition or independent",
	    col + 1, s);
}

static int
word_col(const struct tsv_row *r, int col, const char *const *words, int n)
{
	const char *s = str(r, col);
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(s, words[i]) == 0)
			return i;
	tsv_die(r, "column %d: unknown value '%s'", col + 1, s);
}

/* add a cue: tokenise it to learn which words must be capitalised */
static struct st_cue *
add_cue(struct st_lex *lx, const struct tsv_row *r, int kind)
{
	struct toks t = TOKS_INIT;
	struct st_cue *c;
	size_t i;

	if (lx->ncues == lx->capcues) {
		lx->capcues = lx->capcues ? 2 * lx->capcues : 256;
		lx->cues = xreallocarray(lx->cues, lx->capcues,
		    sizeof(*lx->cues));
	}
	c = &lx->cues[lx->ncues];
	memset(c, 0, sizeof(*c));
	c->text = xstrndup(r->col[0], r->len[0]);
	c->kind = kind;
	c->target = T_NONE;
	c->camp = -1;
	c->line = r->lineno;
	tok_run(&t, r->col[0], r->len[0]);
	if (t.n == 0) {
		toks_free(&t);
		free(c->text);
		tsv_die(r, "empty cue");
	}
	c->nwords = (int)t.n;
	for (i = 0; i < t.n && i < ST_MAX_WORDS; i++) {
		unsigned f = t.v[i].flags;
		if ((f & TK_UPPER) && t.v[i].c1 - t.v[i].c0 >= 2)
			c->caps[i] = 2;
		else if (f & TK_CAP)
			c->caps[i] = 1;
	}
	toks_free(&t);
	if (ph_add(lx->ps[kind], r->col[0], r->len[0], 0, (int)lx->ncues) < 0)
		tsv_die(r, "cue has no words");
	lx->ncues++;
	return c;
}

void
st_lex_targets(struct st_lex *lx, const char *path)
{
	struct tsv *t = tsv_open(path);
	const struct tsv_row *r;
	struct st_member *m;
	int k;

	while ((r = tsv_next(t)) != NULL) {
		if (r->ncol < 2)
			tsv_die(r, "need target and member columns");
		k = target_index(lx, r->col[0], 1);
		if (k == T_NONE)
			tsv_die(r, "more than %d targets", ST_MAX_TARGETS);
		if (lx->nmem == lx->capmem) {
			lx->capmem = lx->capmem ? 2 * lx->capmem : 64;
			lx->mem = xreallocarray(lx->mem, lx->capmem,
			    sizeof(*lx->mem));
		}
		m = &lx->mem[lx->nmem++];
		m->len = r->len[1];
		m->prefix = m->len > 0 && r->col[1][m->len - 1] == '*';
		if (m->prefix)
			m->len--;
		m->id = xstrndup(r->col[1], m->len);
		m->target = k;
		m->weight = r->ncol > 2 && r->len[2] ? num(r, 2, 0, 10) : 1;
		m->camp = camp_col(r, 3, 1);
		if (lx->target_camp[k] < 0)
			lx->target_camp[k] = m->camp;
	}
	tsv_close(t);
	if (lx->ntargets == 0)
		die(65, "%s: no targets", path);
}

int
st_target_of_entity(const struct st_lex *lx, const char *id, size_t len,
    double *w, int *camp)
{
	size_t i;
	int best = T_NONE;
	size_t bestlen = 0;

	for (i = 0; i < lx->nmem; i++) {
		const struct st_member *m = &lx->mem[i];
		if (m->prefix ? (len >= m->len && memcmp(id, m->id, m->len) == 0)
		    : (len == m->len && memcmp(id, m->id, len) == 0)) {
			if (best == T_NONE || m->len + !m->prefix > bestlen) {
				best = m->target;
				bestlen = m->len + !m->prefix;
				*w = m->weight;
				*camp = m->camp;
			}
		}
	}
	return best;
}

static const char *const scopes[] = {"name", "generic", "adj", "anaphor"};
static const char *const roles[] = {"mod", "agent", "patient", "deed"};
static const char *const mods[] = {"negator", "hedge", "intensifier",
    "cancel"};
static const char *const attrs[] = {"say", "distance", "source"};

void
st_lex_load(struct st_lex *lx, const char *path, int kind)
{
	struct tsv *t = tsv_open(path);
	const struct tsv_row *r;
	struct st_cue *c;
	int target, camp;

	while ((r = tsv_next(t)) != NULL) {
		if (r->ncol < 3)
			tsv_die(r, "need at least 3 columns");
		switch (kind) {
		case CK_NAME:	/* cue target weight camp camp_weight scope */
			target = target_col(lx, r, 1);
			if (target == T_NONE)
				continue;
			c = add_cue(lx, r, kind);
			c->target = target;
			c->weight = num(r, 2, -1, 1);
			c->camp = camp_col(r, 3, 1);
			c->camp_weight = c->camp >= 0 ? num(r, 4, 0, 10) : 0;
			c->sub = word_col(r, 5, scopes, 4);
			break;
		case CK_FRAME:	/* cue camp weight [target stance] */
			camp = camp_col(r, 1, 0);
			c = add_cue(lx, r, kind);
			c->camp = camp;
			c->camp_weight = num(r, 2, 0, 10);
			if (r->ncol > 4 && strcmp(str(r, 3), "-") != 0) {
				c->target = target_col(lx, r, 3);
				c->weight = num(r, 4, -1, 1);
			}
			break;
		case CK_EVAL:	/* cue role weight */
			c = add_cue(lx, r, kind);
			c->sub = word_col(r, 1, roles, 4);
			c->weight = num(r, 2, -1, 1);
			break;
		case CK_MOD:	/* cue kind factor scope */
			c = add_cue(lx, r, kind);
			c->sub = word_col(r, 1, mods, 4);
			c->weight = num(r, 2, -2, 3);
			c->scope = (int)num(r, 3, 0, 12);
			break;
		case CK_ATTR:	/* cue kind weight */
			c = add_cue(lx, r, kind);
			c->sub = word_col(r, 1, attrs, 3);
			c->camp = CAMP_IND;
			c->camp_weight = num(r, 2, 0, 10);
			break;
		}
	}
	tsv_close(t);
}

/*
 * A user lexicon: either our evaluative format (cue, role, weight in
 * [-1, 1]) or AFINN's (word, integer score in [-5, 5]), told apart by
 * whether the second column is a number.
 */
void
st_lex_load_user(struct st_lex *lx, const char *path)
{
	struct tsv *t = tsv_open(path);
	const struct tsv_row *r;
	struct st_cue *c;
	char *end;
	double v;

	while ((r = tsv_next(t)) != NULL) {
		if (r->ncol < 2)
			tsv_die(r, "need a cue and a score or role");
		v = strtod(r->col[1], &end);
		if (r->len[1] > 0 && *end == '\0') {
			if (v < -5 || v > 5)
				tsv_die(r, "AFINN score out of [-5, 5]");
			c = add_cue(lx, r, CK_EVAL);
			c->sub = ROLE_MOD;
			c->weight = v / 5;
			continue;
		}
		c = add_cue(lx, r, CK_EVAL);
		c->sub = word_col(r, 1, roles, 4);
		c->weight = num(r, 2, -1, 1);
	}
	tsv_close(t);
}
