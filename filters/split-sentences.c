/*
 * split-sentences: add each record's sentences, as code point spans of its
 * text, or emit one record per sentence (--explode). The segmenter is in
 * filters/split-sentences/segment.c; its word lists are data files.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ndjson.h"
#include "sbuf.h"
#include "segment.h"
#include "tsv.h"

static const char HELP[] =
    "Usage: split-sentences [OPTION]... [FILE]...\n"
    "Split each record's text into sentences with code point offsets.\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "      --explode          emit one record per sentence: doc_id, n, start,\n"
    "                         end, text, and the parent's other fields\n"
    "      --abbrev=FILE      more abbreviations: TSV of ABBREV [TAB CLASS],\n"
    "                         CLASS one of title, number, inner, end, join,\n"
    "                         time, plain (default end); may be repeated\n"
    ND_HELP_COMMON
    "\n"
    "Reads: text (or --field).\n"
    "Writes: sentences, an array of {start, end, text}: code point offsets\n"
    "into text, half-open, white space trimmed, in order. With --explode,\n"
    "one record per sentence instead, without id and sentences.\n"
    "Data: sentences/abbrev.tsv and sentences/words.tsv (--data-dir).\n"
    "\n"
    "Example:\n"
    "  clean in.ndjson | split-sentences --explode | grep -i sanctions\n"
    "\n"
    ND_HELP_EXIT;

enum { OPT_EXPLODE = ND_OPT_FIRST_FREE, OPT_ABBREV };

#define MAX_ABBREV_FILES 32

struct opts {
	struct nd_opts nd;
	int explode;
	const char *abbrev[MAX_ABBREV_FILES];
	int nabbrev;
};

static void
parse_args(int argc, char *argv[], struct opts *o)
{
	static const struct option lo[] = {
		ND_LONG_OPTIONS,
		{"explode", no_argument, NULL, OPT_EXPLODE},
		{"abbrev", required_argument, NULL, OPT_ABBREV},
		{NULL, 0, NULL, 0}
	};
	int c;

	nd_opts_init(&o->nd);
	o->explode = 0;
	o->nabbrev = 0;
	while ((c = getopt_long(argc, argv, "hV", lo, NULL)) != -1) {
		if (nd_opt(&o->nd, c, optarg, HELP))
			continue;
		switch (c) {
		case OPT_EXPLODE:
			o->explode = 1;
			break;
		case OPT_ABBREV:
			if (o->nabbrev == MAX_ABBREV_FILES)
				usage_error("--abbrev: at most %d files",
				    MAX_ABBREV_FILES);
			o->abbrev[o->nabbrev++] = optarg;
			break;
		default:
			usage_error("unknown option");
		}
	}
}

/* ABBREV [TAB CLASS] */
static void
load_abbrev(struct ss_lex *x, const char *path)
{
	struct tsv *t = tsv_open(path);
	const struct tsv_row *r;
	int cls;

	while ((r = tsv_next(t)) != NULL) {
		cls = SS_END;
		if (r->ncol >= 2 && r->len[1] > 0 &&
		    (cls = ss_class_parse(r->col[1])) < 0)
			tsv_die(r, "unknown class '%s' (title, number, inner, "
			    "end, join, time, plain)", r->col[1]);
		if (strpbrk(r->col[0], " \t") != NULL)
			tsv_die(r, "'%s': an abbreviation is one word (for "
			    "\"et al.\" list al)", r->col[0]);
		if (ss_lex_abbrev(x, r->col[0], r->len[0], cls) != 0)
			tsv_die(r, "abbreviation empty or too long");
	}
	tsv_close(t);
}

/* WORD TAB ROLE[,ROLE]... */
static void
load_words(struct ss_lex *x, const char *path)
{
	static const char *const names[] = { "opener", "intro", "time", "say",
		"cont", "follow" };
	struct tsv *t = tsv_open(path);
	const struct tsv_row *r;
	unsigned roles;
	char *p, *e;
	size_t i;

	while ((r = tsv_next(t)) != NULL) {
		if (r->ncol < 2)
			tsv_die(r, "expected WORD TAB ROLES");
		roles = 0;
		for (p = r->col[1]; *p != '\0'; p = *e ? e + 1 : e) {
			e = p + strcspn(p, ",");
			for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
				if (strlen(names[i]) == (size_t)(e - p) &&
				    strncmp(names[i], p, (size_t)(e - p)) == 0)
					break;
			if (i == sizeof(names) / sizeof(names[0]))
				tsv_die(r, "unknown role '%.*s' (opener, "
				    "intro, time, say, cont, follow)",
				    (int)(e - p), p);
			roles |= 1u << i;
		}
		if (ss_lex_word(x, r->col[0], r->len[0], roles) != 0)
			tsv_die(r, "word empty or too long");
	}
	tsv_close(t);
}

static struct ss_lex *
lexicon_load(const struct opts *o)
{
	struct ss_lex *x = ss_lex_new();
	char *path;
	int i;

	path = cli_data_path("sentences/abbrev.tsv");
	load_abbrev(x, path);
	free(path);
	path = cli_data_path("sentences/words.tsv");
	load_words(x, path);
	free(path);
	for (i = 0; i < o->nabbrev; i++)
		load_abbrev(x, o->abbrev[i]);
	return x;
}

static void
put_nested(struct nd_in *in, struct nd_rec *r, const char *text,
    const struct ss_spans *sp, struct sbuf *b)
{
	size_t k;

	sb_reset(b);
	sb_addc(b, '[');
	for (k = 0; k < sp->n; k++) {
		if (k > 0)
			sb_addc(b, ',');
		sb_adds(b, "{\"start\":");
		sb_addu(b, sp->v[k].c0);
		sb_adds(b, ",\"end\":");
		sb_addu(b, sp->v[k].c1);
		sb_adds(b, ",\"text\":");
		sb_json_str(b, text + sp->v[k].b0, sp->v[k].b1 - sp->v[k].b0);
		sb_addc(b, '}');
	}
	sb_addc(b, ']');
	nd_set_raw(r, "sentences", b->p, b->len);
	nd_put(in, r);
}

/*
 * One record per sentence. doc_id is the parent's id, else the doc_id it
 * already has (a sentence split again), else its ordinal in the input.
 */
static void
put_exploded(struct nd_in *in, struct nd_rec *r, const char *field,
    const char *text, const struct ss_spans *sp)
{
	const struct nd_member *id = nd_get(r, "id");
	int keep = id == NULL && nd_get(r, "doc_id") != NULL;
	char *idraw = NULL;
	size_t idlen = 0, k;

	if (id != NULL) {
		idraw = xstrndup(id->val, id->vlen);
		idlen = id->vlen;
	}
	for (k = 0; k < sp->n; k++) {
		nd_unstage(r);
		if (idraw != NULL)
			nd_set_raw(r, "doc_id", idraw, idlen);
		else if (!keep)
			nd_set_int(r, "doc_id", (long long)nd_counts(in)->in);
		nd_set_int(r, "n", (long long)k);
		nd_set_int(r, "start", (long long)sp->v[k].c0);
		nd_set_int(r, "end", (long long)sp->v[k].c1);
		nd_set_str(r, field, text + sp->v[k].b0,
		    sp->v[k].b1 - sp->v[k].b0);
		nd_del(r, "id");
		nd_del(r, "sentences");
		nd_put(in, r);
	}
	nd_unstage(r);
	free(idraw);
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct ss_lex *lex;
	struct ss_spans sp = SS_SPANS_INIT;
	struct sbuf b = SBUF_INIT;
	struct nd_in *in;
	struct nd_rec *r;
	const char *text;
	size_t len;
	int rc;

	cli_init(argv[0]);
	parse_args(argc, argv, &o);			/* exits 64 on misuse */
	lex = lexicon_load(&o);				/* exits 66/65 on bad data */
	in = nd_open(argv + optind, argc - optind, &o.nd);
	while ((r = nd_next(in)) != NULL) {
		if ((rc = nd_get_string(r, o.nd.field, &text, &len)) != 0) {
			if (rc == -1)
				nd_bad(in, r, "no field %s", o.nd.field);
			else
				nd_bad(in, r, "%s", r->why);
			continue;
		}
		ss_split(lex, text, len, &sp);
		if (o.explode)
			put_exploded(in, r, o.nd.field, text, &sp);
		else
			put_nested(in, r, text, &sp, &b);
	}
	sb_free(&b);
	ss_spans_free(&sp);
	ss_lex_free(lex);
	return nd_close(in);				/* 0, 65, 66, 74 */
}
