/*
 * tag-entities: people, organisations, places and groups in each record's
 * text, with canonical ids: every alias of one referent (MEK, PMOI, MKO,
 * People's Mojahedin Organization of Iran) gets the same id (org:mek).
 * The engine is in tag-entities/: gaz.c loads the gazetteer, cue words and
 * dictionary once; tag.c tags one text.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gaz.h"
#include "jrow.h"
#include "ndjson.h"
#include "sbuf.h"
#include "tag.h"

#define DEFAULT_DICT "/usr/share/dict/american-english"

static const char help[] =
    "Usage: tag-entities [OPTION]... [FILE]...\n"
    "Find people, organisations, places and groups; write `entities`.\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "      --gazetteer=FILE   also load FILE (TSV: id, type, aliases, flags);\n"
    "                         repeatable, later files win on shared aliases\n"
    "      --no-default-gazetteer  load only the --gazetteer files\n"
    "      --dict=FILE        common-word list (default " DEFAULT_DICT ");\n"
    "                         'none' for no list\n"
    "      --no-guess         only names in the gazetteer or defined in the text\n"
    "      --no-metonymy      capitals keep the city id\n"
    ND_HELP_COMMON
    "\n"
    "Reads: text (or --field); sentences, when present, for the sentence\n"
    "index; an exploded record's n. Writes: entities, an array of\n"
    "{start, end, text, type, id, sentence}: code point offsets into text,\n"
    "type PERSON, ORG, GPE, LOC or NORP, id a canonical slug (org:irgc),\n"
    "sentence the index into sentences, or -1 when unknown.\n"
    "Data: DATADIR/gazetteer/*.tsv (see tag-entities(1)).\n"
    "\n"
    "Example:\n"
    "  split-sentences in.ndjson | tag-entities | jq -c '.entities[]'\n"
    "\n" ND_HELP_EXIT;

enum {
	OPT_GAZ = ND_OPT_FIRST_FREE,
	OPT_NODEF,
	OPT_DICT,
	OPT_NOGUESS,
	OPT_NOMETONYMY
};

/* the sentences array as code point ranges, into *s (grown as needed and
 * kept for the next record); 0 if absent, empty or malformed */
static size_t
get_sentences(struct nd_rec *r, struct tg_sent **s, size_t *cap)
{
	static const char *const keys[] = {"start", "end"};
	const struct nd_member *m;
	struct jr_arr a;
	struct jr_span v[2];
	const char *el;
	long long b, e;
	size_t i = 0, len;

	if ((m = nd_get(r, "sentences")) == NULL ||
	    jr_begin(&a, m->val, m->vlen) != 0)
		return 0;
	while (jr_next(&a, &el, &len)) {
		if (jr_fields(el, len, keys, 2, v) != 0 ||
		    jr_int(&v[0], &b) != 0 || jr_int(&v[1], &e) != 0 ||
		    b < 0 || e < b)
			return 0;
		if (i == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*s = xreallocarray(*s, *cap, sizeof(**s));
		}
		(*s)[i].start = (size_t)b;
		(*s)[i].end = (size_t)e;
		i++;
	}
	return i;
}

/* an exploded record (doc_id and n): its sentence number, else -1 */
static long
exploded_n(struct nd_rec *r)
{
	const struct nd_member *m;
	long v = 0;
	size_t i;

	if (nd_get(r, "doc_id") == NULL || (m = nd_get(r, "n")) == NULL ||
	    m->vlen == 0 || m->vlen > 12)
		return -1;
	for (i = 0; i < m->vlen; i++) {
		if (m->val[i] < '0' || m->val[i] > '9')
			return -1;
		v = v * 10 + (m->val[i] - '0');
	}
	return v;
}

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {
		ND_LONG_OPTIONS,
		{"gazetteer", required_argument, NULL, OPT_GAZ},
		{"no-default-gazetteer", no_argument, NULL, OPT_NODEF},
		{"dict", required_argument, NULL, OPT_DICT},
		{"no-guess", no_argument, NULL, OPT_NOGUESS},
		{"no-metonymy", no_argument, NULL, OPT_NOMETONYMY},
		{NULL, 0, NULL, 0}
	};
	struct nd_opts o;
	struct tg_opts to = {1, 1};
	const char **gazfiles = NULL, *dict = DEFAULT_DICT;
	size_t ngaz = 0, nsents, sentcap = 0, i;
	int c, defaults = 1, dict_given = 0;
	struct gaz *g;
	struct tagger *tg;
	struct nd_in *in;
	struct nd_rec *r;
	struct tg_sent *sents = NULL;
	struct sbuf out = SBUF_INIT;
	const char *text;
	size_t len;
	char *dir;

	cli_init(argv[0]);
	nd_opts_init(&o);
	while ((c = getopt_long(argc, argv, "hV", lo, NULL)) != -1) {
		if (nd_opt(&o, c, optarg, help))
			continue;
		switch (c) {
		case OPT_GAZ:
			gazfiles = xreallocarray(gazfiles, ngaz + 1,
			    sizeof(*gazfiles));
			gazfiles[ngaz++] = optarg;
			break;
		case OPT_NODEF:
			defaults = 0;
			break;
		case OPT_DICT:
			dict = optarg;
			dict_given = 1;
			break;
		case OPT_NOGUESS:
			to.guess = 0;
			break;
		case OPT_NOMETONYMY:
			to.metonymy = 0;
			break;
		default:
			usage_error("unknown option");
		}
	}

	/* resources: the gazetteer directory, extra files, the word list */
	g = gz_new();
	if (defaults) {
		dir = cli_data_path("gazetteer");
		if (gz_load_dir(g, dir) != 0)
			die(EX_NOINPUT_, "cannot open gazetteer directory %s",
			    dir);
		free(dir);
	}
	for (i = 0; i < ngaz; i++)
		gz_load(g, gazfiles[i]);
	free(gazfiles);
	gz_finish(g);
	if (strcmp(dict, "none") != 0 && gz_load_dict(g, dict) != 0) {
		if (dict_given)
			die(EX_NOINPUT_, "cannot open %s", dict);
		warnx("cannot open %s: guessing names without it", dict);
	}
	tg = tg_new(g, &to);

	in = nd_open(argv + optind, argc - optind, &o);
	while ((r = nd_next(in)) != NULL) {
		if (nd_get_string(r, o.field, &text, &len) != 0) {
			nd_bad(in, r, "no string field %s", o.field);
			continue;
		}
		/* sentences index text: another field has none */
		nsents = strcmp(o.field, "text") == 0 ?
		    get_sentences(r, &sents, &sentcap) : 0;
		sb_reset(&out);
		tg_run(tg, text, len, nsents ? sents : NULL, nsents,
		    nsents ? -1 : exploded_n(r), &out);
		nd_set_raw(r, "entities", out.p, out.len);
		nd_put(in, r);
	}

	sb_free(&out);
	free(sents);
	tg_free(tg);
	gz_free(g);
	return nd_close(in);
}
