/*
 * score-stance: per-target stance and framing camp for each record, from
 * its sentences and tagged entities, with the evidence for every call.
 * The engine is in score-stance/stance.c, the data in data/stance/.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jrow.h"
#include "ndjson.h"
#include "stance.h"

static const char HELP[] =
    "Usage: score-stance [OPTION]... [FILE]...\n"
    "Score each record's stance toward each target and its framing camp.\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "      --explain          add a readable \"explain\" line to every\n"
    "                         evidence item\n"
    "      --targets=FILE     targets and their member entity ids (default\n"
    "                         stance/targets.tsv in the data directory)\n"
    "      --lexicon=FILE     evaluative lexicon to use instead of\n"
    "                         stance/evaluative.tsv: our format (cue, role,\n"
    "                         weight) or AFINN's (word, -5..5); repeatable\n"
    ND_HELP_COMMON
    "\n"
    "Reads: text, sentences (split-sentences) and entities (tag-entities);\n"
    "or the exploded form, one sentence per record with doc_id and n.\n"
    "Writes: stance {TARGET: {score, label, mentions, evidence}}, camp\n"
    "{label, scores, evidence} and stance_quoted {SPEAKER: {TARGET: score}}.\n"
    "\n"
    "Example:\n"
    "  clean < in.ndjson | split-sentences | tag-entities | score-stance\n"
    "\n"
    ND_HELP_EXIT;

enum { OPT_EXPLAIN = ND_OPT_FIRST_FREE, OPT_TARGETS, OPT_LEXICON };

#define MAX_LEXICONS 16
#define MAX_BOILERPLATE 32

struct opts {
	struct nd_opts nd;
	struct st_opts st;
	const char *targets;
	const char *lexicon[MAX_LEXICONS];
	int nlexicon;
};

static void
parse_args(int argc, char *argv[], struct opts *o)
{
	static const struct option lo[] = {
		ND_LONG_OPTIONS,
		{"explain", no_argument, NULL, OPT_EXPLAIN},
		{"targets", required_argument, NULL, OPT_TARGETS},
		{"lexicon", required_argument, NULL, OPT_LEXICON},
		{NULL, 0, NULL, 0}
	};
	int c;

	memset(o, 0, sizeof(*o));
	nd_opts_init(&o->nd);
	while ((c = getopt_long(argc, argv, "hV", lo, NULL)) != -1) {
		if (nd_opt(&o->nd, c, optarg, HELP))
			continue;
		switch (c) {
		case OPT_EXPLAIN:
			o->st.explain = 1;
			break;
		case OPT_TARGETS:
			o->targets = optarg;
			break;
		case OPT_LEXICON:
			if (o->nlexicon == MAX_LEXICONS)
				usage_error("at most %d --lexicon files",
				    MAX_LEXICONS);
			o->lexicon[o->nlexicon++] = optarg;
			break;
		default:
			usage_error("unknown option");
		}
	}
}

static void
load_data(struct st_lex *lx, const char *rel, int kind)
{
	char *p = cli_data_path(rel);

	st_lex_load(lx, p, kind);
	free(p);
}

static struct st_lex *
lexicon_load(const struct opts *o)
{
	struct st_lex *lx = st_lex_new();
	char *p;
	int i;

	if (o->targets != NULL)
		st_lex_targets(lx, o->targets);
	else {
		p = cli_data_path("stance/targets.tsv");
		st_lex_targets(lx, p);
		free(p);
	}
	load_data(lx, "stance/names.tsv", CK_NAME);
	load_data(lx, "stance/framing.tsv", CK_FRAME);
	load_data(lx, "stance/modifiers.tsv", CK_MOD);
	load_data(lx, "stance/attribution.tsv", CK_ATTR);
	if (o->nlexicon == 0)
		load_data(lx, "stance/evaluative.tsv", CK_EVAL);
	for (i = 0; i < o->nlexicon; i++)
		st_lex_load_user(lx, o->lexicon[i]);
	return lx;
}

/* the exploded form: one sentence per record, numbered n */
static int
exploded_n(struct nd_rec *r, long *n)
{
	const struct nd_member *m;
	char *end;

	if (nd_get(r, "doc_id") == NULL || (m = nd_get(r, "n")) == NULL)
		return -1;
	*n = strtol(m->val, &end, 10);
	if (end == m->val || *n < 0)
		return -1;
	return 0;
}

/* title, byline and dateline, when clean found them */
static size_t
extra_fields(struct nd_rec *r, struct st_field *f)
{
	static const char *names[] = {"title", "byline", "dateline"};
	size_t i, n = 0;

	for (i = 0; i < 3; i++) {
		const char *s;
		size_t len;
		if (nd_get_string(r, names[i], &s, &len) != 0)
			continue;
		f[n].name = names[i];
		f[n].text = s;
		f[n].len = len;
		f[n].weight = 1;
		n++;
	}
	return n;
}

/* what clean removed (captions, credits, related links): page furniture
 * speaks for the site, at half weight (st_field.weight) */
static size_t
boilerplate_fields(struct nd_rec *r, struct jr_pool *pool,
    struct st_field *f)
{
	static const char *const keys[] = {"text"};
	const struct nd_member *m;
	struct jr_arr a;
	struct jr_span t;
	const char *el;
	size_t n = 0, len;

	if ((m = nd_get(r, "boilerplate")) == NULL ||
	    jr_begin(&a, m->val, m->vlen) != 0)
		return 0;
	while (n < MAX_BOILERPLATE && jr_next(&a, &el, &len)) {
		if (jr_fields(el, len, keys, 1, &t) != 0 ||
		    jr_str(pool, &t, &f[n].text, &f[n].len) != 0)
			continue;
		f[n].name = "boilerplate";
		f[n].weight = 0.5;
		n++;
	}
	return n;
}

/* the raw array member key: 0, -1 if absent, -2 if not an array */
static int
get_array(struct nd_rec *r, const char *key, struct jr_span *v)
{
	const struct nd_member *m = nd_get(r, key);
	struct jr_arr a;

	if (m == NULL)
		return -1;
	if (jr_begin(&a, m->val, m->vlen) != 0)
		return -2;
	v->p = m->val;
	v->n = m->vlen;
	return 0;
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct st_lex *lx;
	struct st_work *w;
	struct nd_in *in;
	struct nd_rec *r;
	struct sbuf stance = SBUF_INIT, camp = SBUF_INIT, quoted = SBUF_INIT;
	struct jr_pool pool = JR_POOL_INIT;	/* boilerplate texts */

	cli_init(argv[0]);
	parse_args(argc, argv, &o);
	lx = lexicon_load(&o);
	w = st_work_new();
	in = nd_open(argv + optind, argc - optind, &o.nd);
	while ((r = nd_next(in)) != NULL) {
		const char *text;
		size_t len;
		struct jr_span sents, ents;
		struct st_field extra[3 + MAX_BOILERPLATE];
		size_t nextra;
		char why[256];
		long n = 0;
		int rc, exploded;

		if ((rc = nd_get_string(r, o.nd.field, &text, &len)) != 0) {
			nd_bad(in, r, "%s", rc == -1 ? "no text field" :
			    "text is not a string");
			continue;
		}
		exploded = nd_get(r, "sentences") == NULL &&
		    exploded_n(r, &n) == 0;
		if (!exploded && (rc = get_array(r, "sentences", &sents)) != 0) {
			nd_bad(in, r, "%s", rc == -1 ? "no sentences array: run "
			    "split-sentences first" : "sentences is not an array");
			continue;
		}
		if ((rc = get_array(r, "entities", &ents)) != 0) {
			nd_bad(in, r, "%s", rc == -1 ? "no entities array: run "
			    "tag-entities first" : "entities is not an array");
			continue;
		}
		jr_pool_reset(&pool);
		nextra = extra_fields(r, extra);
		nextra += boilerplate_fields(r, &pool, extra + nextra);
		rc = st_record(lx, w, &o.st, text, len,
		    exploded ? NULL : &sents, n, &ents, extra, nextra,
		    &stance, &camp, &quoted, why, sizeof(why));
		if (rc != 0) {
			nd_bad(in, r, "%s", why);
			continue;
		}
		nd_set_raw(r, "stance", stance.p, stance.len);
		nd_set_raw(r, "camp", camp.p, camp.len);
		nd_set_raw(r, "stance_quoted", quoted.p, quoted.len);
		nd_put(in, r);
	}
	sb_free(&stance);
	sb_free(&camp);
	sb_free(&quoted);
	jr_pool_free(&pool);
	st_work_free(w);
	st_lex_free(lx);
	return nd_close(in);
}
