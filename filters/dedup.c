/*
 * dedup: drop records whose document was already seen: the same id, the
 * same normalised text, or a text whose SimHash is within a few bits of a
 * kept one. The first is kept; what is dropped can be written, with the
 * id it duplicates, to --dropped=FILE; --state=FILE carries the kept
 * fingerprints from one run to the next.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fp.h"
#include "index.h"
#include "jscan.h"
#include "ndjson.h"

static const char HELP[] =
    "Usage: dedup [OPTION]... [FILE]...\n"
    "Drop records whose document was already seen, exactly or nearly.\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "      --by=LIST          tests to apply, from id, text, near\n"
    "                         (default id,text,near)\n"
    "      --near=T           near-duplicate threshold: Jaccard similarity of\n"
    "                         word 3-shingles, 0.5..1, turned into a SimHash\n"
    "                         distance (default 0.9: at most 7 of 64 bits)\n"
    "      --dropped=FILE     write dropped records there, with duplicate_of\n"
    "      --state=FILE       load kept fingerprints from FILE (if it exists)\n"
    "                         and save them there at the end, atomically\n"
    "      --state-out=FILE   save the state to FILE instead\n"
    ND_HELP_COMMON
    "\n"
    "Reads: id (optional), text.\n"
    "Writes: the records kept, unchanged. --dropped gets the others, each\n"
    "with duplicate_of (the kept id, or null) and dedup {by, distance,\n"
    "similarity}.\n"
    "\n"
    "Example:\n"
    "  analyze inbox/ | dedup --state=seen.dedup --dropped=dups.ndjson\n"
    "\n"
    ND_HELP_EXIT;

enum {
	OPT_BY = ND_OPT_FIRST_FREE,
	OPT_NEAR,
	OPT_DROPPED,
	OPT_STATE,
	OPT_STATE_OUT
};

enum { BY_ID = 1, BY_TEXT = 2, BY_NEAR = 4 };

static const char *const by_name[] = { "none", "id", "text", "near" };

struct opts {
	struct nd_opts nd;
	int by;
	int maxdist;		/* SimHash bits; -1: no near test */
	const char *dropped;
	const char *state;
	const char *state_out;
};

static int
parse_by(const char *arg)
{
	const char *p, *e;
	size_t n;
	int by = 0;

	for (p = arg; *p != '\0'; p = *e == ',' ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n == 2 && strncmp(p, "id", 2) == 0)
			by |= BY_ID;
		else if (n == 4 && strncmp(p, "text", 4) == 0)
			by |= BY_TEXT;
		else if (n == 4 && strncmp(p, "near", 4) == 0)
			by |= BY_NEAR;
		else
			usage_error("--by: unknown test '%.*s' (id, text, near)",
			    (int)n, p);
	}
	if (by == 0)
		usage_error("--by: no test given");
	return by;
}

/*
 * --near=T is a Jaccard similarity of word 3-shingle sets. For two sets of
 * the same size, Jaccard J means cosine c = 2J / (1 + J), and SimHash bits
 * differ with probability acos(c) / pi (Charikar 2002): the threshold is
 * that expected distance in 64 bits, rounded. 0.9 gives 7 bits.
 */
static int
near_bits(double t)
{
	double pi = acos(-1.0);

	return (int)lround(64 * acos(2 * t / (1 + t)) / pi);
}

/* the inverse: the Jaccard similarity a SimHash distance stands for */
static double
near_similarity(int bits)
{
	double c = cos(acos(-1.0) * bits / 64);

	return c / (2 - c);
}

static int
parse_near(const char *arg)
{
	char *end;
	double t;

	errno = 0;
	t = strtod(arg, &end);
	if (end == arg || *end != '\0' || errno != 0 || !(t >= 0.5 && t <= 1))
		usage_error("--near: '%s' is not a number from 0.5 to 1", arg);
	return near_bits(t);
}

static void
parse_args(int argc, char *argv[], struct opts *o)
{
	static const struct option lo[] = {
		ND_LONG_OPTIONS,
		{"by", required_argument, NULL, OPT_BY},
		{"near", required_argument, NULL, OPT_NEAR},
		{"dropped", required_argument, NULL, OPT_DROPPED},
		{"state", required_argument, NULL, OPT_STATE},
		{"state-out", required_argument, NULL, OPT_STATE_OUT},
		{NULL, 0, NULL, 0}
	};
	int c, near = near_bits(0.9);

	nd_opts_init(&o->nd);
	o->by = BY_ID | BY_TEXT | BY_NEAR;
	o->dropped = o->state = o->state_out = NULL;
	while ((c = getopt_long(argc, argv, "hV", lo, NULL)) != -1) {
		if (nd_opt(&o->nd, c, optarg, HELP))
			continue;
		switch (c) {
		case OPT_BY:
			o->by = parse_by(optarg);
			break;
		case OPT_NEAR:
			near = parse_near(optarg);
			break;
		case OPT_DROPPED:
			o->dropped = optarg;
			break;
		case OPT_STATE:
			o->state = optarg;
			break;
		case OPT_STATE_OUT:
			o->state_out = optarg;
			break;
		}
	}
	o->maxdist = (o->by & BY_NEAR) ? near : -1;
	if (o->state_out == NULL)
		o->state_out = o->state;
}

/* the dropped record: its members byte for byte, then what it duplicates */
static void
write_dropped(FILE *f, struct sbuf *b, const struct nd_rec *r,
    const struct dd_index *x, const struct dd_match *m)
{
	const struct nd_member *mem;
	const char *id;
	size_t i, len;

	sb_reset(b);
	sb_addc(b, '{');
	for (i = 0; i < r->nmem; i++) {
		mem = &r->mem[i];
		if (js_key_eq(mem->key, mem->klen, "duplicate_of") ||
		    js_key_eq(mem->key, mem->klen, "dedup"))
			continue;
		sb_addc(b, '"');
		sb_add(b, mem->key, mem->klen);
		sb_add(b, "\":", 2);
		sb_add(b, mem->val, mem->vlen);
		sb_addc(b, ',');
	}
	sb_adds(b, "\"duplicate_of\":");
	id = dd_index_id(x, m->doc, &len);
	if (len > 0)
		sb_json_str(b, id, len);
	else
		sb_adds(b, "null");
	sb_adds(b, ",\"dedup\":{\"by\":\"");
	sb_adds(b, by_name[m->by]);
	sb_addc(b, '"');
	if (m->by == DD_NEAR) {
		sb_adds(b, ",\"distance\":");
		sb_addu(b, (unsigned long long)m->distance);
		sb_adds(b, ",\"similarity\":");
		sb_json_num(b, near_similarity(m->distance));
	}
	sb_adds(b, "}}\n");
	fwrite(b->p, 1, b->len, f);
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct dd_scratch scr = DD_SCRATCH_INIT;
	struct sbuf line = SBUF_INIT;
	struct dd_index *x;
	struct dd_match m;
	struct dd_fp fp;
	struct nd_in *in;
	struct nd_rec *r;
	const char *text, *id;
	size_t len, idlen, loaded;
	unsigned long long kept = 0, dropped[4] = {0};
	FILE *drop = NULL;
	int status, st;

	cli_init(argv[0]);
	parse_args(argc, argv, &o);
	x = dd_index_new();
	if (o.state != NULL)
		dd_state_load(x, o.state);	/* dies 65/66 if unusable */
	loaded = dd_index_count(x);
	if (o.dropped != NULL && (drop = fopen(o.dropped, "w")) == NULL)
		die(errno == ENOMEM ? EX_OSERR_ : EX_CANTCREAT_, "%s: %s",
		    o.dropped, strerror(errno));

	in = nd_open(argv + optind, argc - optind, &o.nd);
	while ((r = nd_next(in)) != NULL) {
		if (nd_get_string(r, o.nd.field, &text, &len) != 0) {
			nd_bad(in, r, "no string field %s", o.nd.field);
			continue;
		}
		if (nd_get_string(r, "id", &id, &idlen) != 0)
			id = NULL, idlen = 0;
		dd_fingerprint(text, len, &scr, &fp);
		if (dd_index_find(x, (o.by & BY_ID) ? id : NULL, idlen, &fp,
		    o.by & BY_TEXT, o.maxdist, &m) != DD_NONE) {
			dropped[m.by]++;
			if (drop != NULL)
				write_dropped(drop, &line, r, x, &m);
			continue;
		}
		dd_index_add(x, id, idlen, &fp);
		kept++;
		nd_put(in, r);
	}
	if (o.nd.stats)
		warnx("kept %llu, dropped %llu (id %llu, text %llu, near %llu), "
		    "fingerprints %zu (%zu loaded)", kept,
		    dropped[DD_ID] + dropped[DD_EXACT] + dropped[DD_NEAR],
		    dropped[DD_ID], dropped[DD_EXACT], dropped[DD_NEAR],
		    dd_index_count(x), loaded);
	status = nd_close(in);
	if (drop != NULL && (fflush(drop) != 0 || ferror(drop) ||
	    fclose(drop) != 0)) {
		warnx("%s: write error: %s", o.dropped, strerror(errno));
		status = EX_IOERR_;
	}
	/* the state follows the output: not saved when the output failed */
	if (o.state_out != NULL && (status == 0 || status == EX_DATAERR_ ||
	    status == EX_NOINPUT_)) {
		if ((st = dd_state_save(x, o.state_out)) != 0)
			status = st;
	}
	sb_free(&line);
	dd_scratch_free(&scr);
	dd_index_free(x);
	return status;
}
