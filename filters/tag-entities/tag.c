/*
 * tag.c: entity mentions of one text.
 *
 * 1. Tokens (token.h) get cue bits (titles, speech verbs, organisation
 *    head words...) and line facts (sentence start, headline).
 * 2. The gazetteer trie gives leftmost-longest alias matches.
 * 3. Chunks: maximal runs of capitalised words and alias matches, joined
 *    by connectors (of, al, e...). In each chunk titles are cut out and
 *    the words left over form runs, typed by cues: a title before (PERSON),
 *    a head word (ORG), a place word (GPE), a given name or a speech verb
 *    (PERSON), a place preposition before a known proper noun (GPE).
 * 4. In-document resolution: "Long Name (ACR)" makes ACR an alias of Long
 *    Name; a surname alone (or a spelling one edit away) resolves to the
 *    full name met in the text.
 * 5. Metonymy: a capital that is the subject of a political verb, or
 *    follows "pressure on", "orders from"..., gets its government's id.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gaz.h"
#include "phrase.h"
#include "tag.h"
#include "token.h"

/* refs compared one by one (spelling variants) are capped, to stay
 * linear on very long texts */
#define MAXSCAN 64

/* token facts */
enum {
	TF_SSTART = 1 << 0,	/* starts a sentence */
	TF_HEAD = 1 << 1,	/* in a headline (title case or capitals) */
	TF_SCORE = 1 << 2,	/* in a line of results ("Leeds 2 Chelsea 1") */
};

/* segment flags */
enum {
	SG_GAZ = 1 << 0,
	SG_DROP = 1 << 1,
	SG_AFTERTITLE = 1 << 2,
	SG_TITLEALIAS = 1 << 3,
	SG_ACRO = 1 << 4,	/* an acronym defined in the text */
	SG_SHORT = 1 << 5,	/* a short form (GA_SHORT) */
};

/* chunk element kinds */
enum { EL_GAZ, EL_WORD, EL_CONN };

struct el {
	size_t t0, t1;
	size_t nextgaz;		/* the next EL_GAZ element, or m */
	int kind;
	int payload;		/* EL_GAZ: the chosen phrase payload */
	int title, drop;
};

struct seg {
	size_t t0, t1;
	int type;		/* enum gz_type, or -1 untyped */
	int ent;		/* gazetteer entry, or -1 */
	size_t idoff, idlen;	/* derived id in tg->ids when ent < 0 */
	unsigned f;
};

struct ref {			/* an acronym or a surname */
	uint64_t key;
	size_t norm;		/* surname: its token */
	size_t first;		/* surname: the token of the first name */
	int type, ent;
	size_t idoff, idlen;
	int gazent;		/* surname: entry of the full-name mention */
};

/* a map of 64-bit keys to indices, sized for n keys, for one document:
 * the in-document passes stay linear on very long texts */
struct kmap {
	uint64_t *k;
	size_t *v;
	size_t mask;		/* in use: cap - 1 or less */
	size_t cap;		/* allocated */
};

struct tagger {
	const struct gaz *g;
	struct tg_opts o;
	struct toks t;
	const char *text;
	unsigned *cue;
	unsigned char *tf;
	size_t tcap;
	struct ph_match *pm;
	size_t pmcap;
	struct el *el;
	size_t elcap;
	struct seg *sg;
	size_t nsg, sgcap;
	struct ref *ac, *sn;
	size_t nac, accap, nsn, sncap;
	struct sbuf ids;
	/* scratch of the in-document passes, kept between documents */
	struct kmap km[2];
	uint64_t *keys;
	size_t keycap;
	struct sbuf key;
};

/* ---- maps of keys */

/* empty the map and size it for n keys; its memory is kept from one
 * document to the next */
static void
km_init(struct kmap *m, size_t n)
{
	size_t cap = 16;

	while (cap < n * 2)
		cap *= 2;
	if (cap > m->cap) {
		free(m->k);
		free(m->v);
		m->k = xreallocarray(NULL, cap, sizeof(*m->k));
		m->v = xreallocarray(NULL, cap, sizeof(*m->v));
		m->cap = cap;
	}
	/* the keys only: a value is read under its key */
	memset(m->k, 0, cap * sizeof(*m->k));
	m->mask = cap - 1;
}

/* set key to v; with keep, an existing value stays */
static void
km_put(struct kmap *m, uint64_t key, size_t v, int keep)
{
	size_t i;

	if (key == 0)
		key = 1;
	for (i = key & m->mask; m->k[i] != 0 && m->k[i] != key;
	    i = (i + 1) & m->mask)
		;
	if (m->k[i] == key && keep)
		return;
	m->k[i] = key;
	m->v[i] = v;
}

static int
km_get(const struct kmap *m, uint64_t key, size_t *v)
{
	size_t i;

	if (key == 0)
		key = 1;
	for (i = key & m->mask; m->k[i] != 0; i = (i + 1) & m->mask)
		if (m->k[i] == key) {
			*v = m->v[i];
			return 1;
		}
	return 0;
}

static void
km_free(struct kmap *m)
{
	free(m->k);
	free(m->v);
}

/* ---- the tagger */

struct tagger *
tg_new(const struct gaz *g, const struct tg_opts *o)
{
	struct tagger *tg = xcalloc(1, sizeof(*tg));

	tg->g = g;
	tg->o = *o;
	return tg;
}

void
tg_free(struct tagger *tg)
{
	if (tg == NULL)
		return;
	toks_free(&tg->t);
	free(tg->cue);
	free(tg->tf);
	free(tg->pm);
	free(tg->el);
	free(tg->sg);
	free(tg->ac);
	free(tg->sn);
	sb_free(&tg->ids);
	km_free(&tg->km[0]);
	km_free(&tg->km[1]);
	free(tg->keys);
	sb_free(&tg->key);
	free(tg);
}

/* ---- token helpers */

static const char *
norm(const struct tagger *tg, size_t k)
{
	return tok_norm(&tg->t, k);
}

static int
is_word(const struct tagger *tg, size_t k)
{
	return k < tg->t.n && (tg->t.v[k].flags & TK_WORD);
}

static int
is_cap(const struct tagger *tg, size_t k)
{
	return is_word(tg, k) && (tg->t.v[k].flags & TK_CAP);
}

static int
is_upper(const struct tagger *tg, size_t k)
{
	return is_word(tg, k) && (tg->t.v[k].flags & TK_UPPER);
}

static int
tok_eq(const struct tagger *tg, size_t k, const char *s)
{
	return k < tg->t.n && strcmp(norm(tg, k), s) == 0;
}

static int
is_punct(const struct tagger *tg, size_t k, const char *s)
{
	return k < tg->t.n && (tg->t.v[k].flags & TK_PUNCT) &&
	    strcmp(norm(tg, k), s) == 0;
}

static int
common_word(const struct tagger *tg, size_t k)
{
	return ws_has(&tg->g->lower, tg->t.v[k].hash);
}

/* the possessive 's (or a lone s after an apostrophe) */
static int
is_poss(const struct tagger *tg, size_t k)
{
	return k < tg->t.n && (tg->t.v[k].flags & TK_JOINED) &&
	    tok_eq(tg, k, "s");
}

/* a match of the cue trie of kind bit that ends exactly at token end */
static int
cue_ends_at(const struct tagger *tg, size_t end, unsigned bit, size_t back)
{
	struct ph_match m;
	size_t s, h;

	for (s = end > back ? end - back : 0; s < end; s++) {
		if (!(tg->cue[s] & (bit << CUE_FIRST)) ||
		    ph_match_at(tg->g->cues, &tg->t, tg->text, s, &m) == 0 ||
		    m.t1 != end)
			continue;
		for (h = 0; h < m.nhits; h++)
			if ((1u << m.hits[h].payload) & bit)
				return 1;
	}
	return 0;
}

/* length of the cue of kind bit starting at token s, limited to end */
static size_t
cue_at(const struct tagger *tg, size_t s, size_t end, unsigned bit)
{
	struct ph_match m;
	size_t h;

	if (!(tg->cue[s] & (bit << CUE_FIRST)) ||
	    ph_match_at(tg->g->cues, &tg->t, tg->text, s, &m) == 0 ||
	    m.t1 > end)
		return 0;
	for (h = 0; h < m.nhits; h++)
		if ((1u << m.hits[h].payload) & bit)
			return m.t1 - m.t0;
	return 0;
}

static size_t
count_words(const struct tagger *tg, size_t t0, size_t t1)
{
	size_t k, n = 0;

	for (k = t0; k < t1; k++)
		if (is_word(tg, k) && !(tg->cue[k] & CUE_CONN &&
		    (tg->t.v[k].flags & TK_LOWER)))
			n++;
	return n;
}

/* hash of the word norms of [t0, t1) joined without separators */
static uint64_t
span_key(const struct tagger *tg, size_t t0, size_t t1, struct sbuf *b)
{
	size_t k, one = t1, words = 0;

	/* one word: its token's hash is that of its norm */
	for (k = t0; k < t1 && words < 2; k++)
		if (is_word(tg, k)) {
			one = k;
			words++;
		}
	if (words == 1)
		return tg->t.v[one].hash;
	sb_reset(b);
	for (k = t0; k < t1; k++)
		if (is_word(tg, k))
			sb_adds(b, norm(tg, k));
	return tok_hash(b->p ? b->p : "", b->len);
}

/* ---- pre-pass: cue bits, sentence starts, headlines */

/* punctuation that starts no sentence after it: , - / & */
static int
inner_punct(const char *p)
{
	return p[0] != '\0' && p[1] == '\0' && strchr(",-/&", p[0]) != NULL;
}

static void
prepare(struct tagger *tg)
{
	const struct toks *t = &tg->t;
	const struct tok *v = t->v;
	unsigned *cue, f;
	unsigned char *tf;
	size_t k, a, b, words, caps, uppers, lowers, nums, func;

	if (t->n > tg->tcap) {
		tg->tcap = t->n * 2;
		tg->cue = xreallocarray(tg->cue, tg->tcap, sizeof(*tg->cue));
		tg->tf = xreallocarray(tg->tf, tg->tcap, sizeof(*tg->tf));
	}
	cue = tg->cue;
	tf = tg->tf;
	for (k = 0; k < t->n; k++) {
		cue[k] = (v[k].flags & TK_WORD) ? gz_cue(tg->g, v[k].hash) : 0;
		if (k == 0 || (v[k].flags & TK_NEWLINE))
			tf[k] = TF_SSTART;
		else if ((v[k - 1].flags & TK_PUNCT) &&
		    !inner_punct(norm(tg, k - 1)))
			tf[k] = TF_SSTART;
		else
			tf[k] = 0;
	}
	/* headlines: lines in capitals, or in title case without a verb */
	for (a = 0; a < t->n; a = b) {
		words = caps = uppers = lowers = nums = func = 0;
		for (b = a; b < t->n && (b == a ||
		    !(v[b].flags & TK_NEWLINE)); b++) {
			f = v[b].flags;
			if (f & TK_NUM)
				nums++;
			if (!(f & TK_WORD) || is_poss(tg, b))
				continue;
			words++;
			if (f & TK_CAP)
				caps++;
			if ((f & TK_UPPER) && v[b].b1 - v[b].b0 > 1)
				uppers++;
			if ((f & TK_LOWER) && !(cue[b] & (CUE_CONN | CUE_STOP)))
				lowers++;
			else if (f & TK_LOWER)
				func++;
		}
		if ((words >= 2 && uppers * 10 >= words * 8) ||
		    (words >= 4 && lowers == 0 && nums * 2 < words &&
		    caps * 10 >= (words - func) * 7 &&
		    !is_punct(tg, b - 1, ".")))
			for (k = a; k < b; k++)
				tf[k] |= TF_HEAD;
		if (nums >= 1 && words >= 1 && words <= 12 && nums * 2 >= words)
			for (k = a; k < b; k++)
				tf[k] |= TF_SCORE;
	}
}

static int
all_upper_span(const struct tagger *tg, size_t t0, size_t t1)
{
	size_t k;
	int words = 0;

	for (k = t0; k < t1; k++) {
		if (is_word(tg, k)) {
			if (!is_upper(tg, k))
				return 0;
			words++;
		} else if (!is_punct(tg, k, ".")) {
			return 0;
		}
	}
	return words > 0;
}

/* a city or other place that is neither a country nor a subdivision */
static int
city_like(const struct tagger *tg, const struct seg *s)
{
	unsigned f;

	if (s->ent < 0 || s->type != GZ_GPE || !(s->f & SG_GAZ))
		return 0;
	f = tg->g->ent[s->ent].flags;
	return (f & GE_CITY) || !(f & (GE_COUNTRY | GE_SUBDIV));
}

/* every word of the span has the cue */
static int
all_cue(const struct tagger *tg, size_t t0, size_t t1, unsigned bit)
{
	size_t k;

	for (k = t0; k < t1; k++)
		if (is_word(tg, k) && !(tg->cue[k] & bit))
			return 0;
	return 1;
}

/* every word of the span is a name word (not an ordinary word) or a head
 * word of an organisation */
static int
name_words(const struct tagger *tg, size_t t0, size_t t1, unsigned ok)
{
	size_t k;

	for (k = t0; k < t1; k++)
		if (is_word(tg, k) && common_word(tg, k) &&
		    !(tg->cue[k] & ok))
			return 0;
	return 1;
}

/* ---- segments */

static struct seg *
seg_push(struct tagger *tg, size_t t0, size_t t1, int type, int ent,
    unsigned f)
{
	struct seg *s;

	if (tg->nsg == tg->sgcap) {
		tg->sgcap = tg->sgcap ? tg->sgcap * 2 : 64;
		tg->sg = xreallocarray(tg->sg, tg->sgcap, sizeof(*tg->sg));
	}
	s = &tg->sg[tg->nsg++];
	s->t0 = t0;
	s->t1 = t1;
	s->type = type;
	s->ent = ent;
	s->idoff = s->idlen = 0;
	s->f = f;
	return s;
}

/* the id kind:slug from the normal forms of the span */
static void
derive_id(struct tagger *tg, struct seg *s)
{
	size_t k, start = tg->ids.len, mark;
	const char *p;
	int first = 1;

	sb_adds(&tg->ids, gz_kind_name[s->type]);
	sb_addc(&tg->ids, ':');
	mark = tg->ids.len;
	for (k = s->t0; k < s->t1; k++) {
		if (!is_word(tg, k))
			continue;
		if (!first)
			sb_addc(&tg->ids, '-');
		first = 0;
		for (p = norm(tg, k); *p != '\0'; p++) {
			unsigned char c = (unsigned char)*p;

			if (c >= 0x80 || (c >= 'a' && c <= 'z') ||
			    (c >= '0' && c <= '9'))
				sb_addc(&tg->ids, (char)c);
			else if (tg->ids.p[tg->ids.len - 1] != '-')
				sb_addc(&tg->ids, '-');
		}
	}
	if (tg->ids.len == mark)
		sb_adds(&tg->ids, "x");
	s->ent = -1;
	s->idoff = start;
	s->idlen = tg->ids.len - start;
}

/* choose among the entries of one alias: not "low", then the last loaded */
static int
choose_hit(const struct ph_match *m)
{
	size_t h;
	int best = -1;

	for (h = 0; h < m->nhits; h++) {
		if (best >= 0 && (m->hits[h].payload & GA_LOW) &&
		    !(best & GA_LOW))
			continue;
		best = m->hits[h].payload;
	}
	return best;
}

/* place words that name a site rather than a political unit */
static int
site_word(const struct tagger *tg, size_t k)
{
	static const char *const site[] = {
		"base", "airbase", "camp", "prison", "airport", "port",
		"square", "street", "avenue", "bridge", "crossing", "border",
		"river", "mountains", "mountain", "valley", "desert", "sea",
		"ocean", "bay", "strait", "gulf", "peninsula", "lake", "island",
		"islands", "heights", "plain", "coast", "highlands", NULL
	};
	int i;

	for (i = 0; site[i] != NULL; i++)
		if (tok_eq(tg, k, site[i]))
			return 1;
	return 0;
}

static void
type_run(struct tagger *tg, struct seg *s)
{
	const struct gaz *g = tg->g;
	size_t words = count_words(tg, s->t0, s->t1), k, last = s->t1 - 1;
	int head = (tg->tf[s->t0] & TF_HEAD) != 0, orghead = 0, allproper;
	size_t nx = s->t1;

	if (words == 0)
		return;
	for (k = s->t0; k < s->t1; k++)
		if (is_word(tg, k) && (tg->cue[k] & CUE_ORGHEAD) &&
		    !(tg->t.v[k].flags & TK_LOWER))
			orghead = 1;
	while (last > s->t0 && !is_word(tg, last))
		last--;
	if (is_punct(tg, nx, ","))
		nx++;
	/* a lower-case place word after the name: "Ain al-Asad air base"
	 * ("state" is left out: "X state media") */
	for (k = s->t1; k < s->t1 + 2 && k < tg->t.n; k++)
		if (!is_word(tg, k) || !(tg->t.v[k].flags & TK_LOWER) ||
		    (tg->cue[k] & CUE_PLACEHEAD))
			break;
	if (!head && words <= 3 && k < s->t1 + 2 && is_word(tg, k) &&
	    (tg->t.v[k].flags & TK_LOWER) && (tg->cue[k] & CUE_PLACEHEAD) &&
	    !tok_eq(tg, k, "state") &&
	    !(s->f & SG_AFTERTITLE) && !orghead &&
	    !(tg->cue[s->t0] & CUE_GIVEN)) {
		s->type = site_word(tg, k) ? GZ_LOC : GZ_GPE;
		return;
	}
	if ((s->f & SG_AFTERTITLE) && !orghead && !head && words <= 4 &&
	    !(common_word(tg, s->t0) && !ws_has(&g->proper,
	    tg->t.v[s->t0].hash))) {
		s->type = GZ_PERSON;
	} else if (orghead && words >= 2 && !head) {
		s->type = GZ_ORG;
	} else if ((tg->cue[last] & CUE_PLACEHEAD) && words >= 2 && !head) {
		s->type = GZ_GPE;
	} else if ((tg->cue[s->t0] & CUE_GIVEN) && words >= 2 && words <= 4 &&
	    !head) {
		s->type = GZ_PERSON;
	} else if (!head && words >= 2 && words <= 4 &&
	    !all_upper_span(tg, s->t0, s->t1) && ((is_word(tg, nx) &&
	    (tg->cue[nx] & CUE_SAID) && (tg->t.v[nx].flags & TK_LOWER)) ||
	    (s->t0 > 0 && (tg->cue[s->t0 - 1] & CUE_SAID) &&
	    (tg->t.v[s->t0 - 1].flags & TK_LOWER)))) {
		s->type = GZ_PERSON;
	} else if (!head && words <= 3 && s->t0 > 0 &&
	    (tg->cue[s->t0 - 1] & CUE_PLACEPREP) &&
	    (tg->t.v[s->t0 - 1].flags & TK_LOWER)) {
		allproper = 1;
		for (k = s->t0; k < s->t1; k++)
			if (is_word(tg, k) && (!ws_has(&g->proper,
			    tg->t.v[k].hash) || common_word(tg, k) ||
			    (tg->cue[k] & CUE_GIVEN)))
				allproper = 0;
		if (allproper)
			s->type = GZ_GPE;
	}
}

/* one chunk of elements el[0..m) */
static void
do_chunk(struct tagger *tg, size_t m)
{
	struct el *e = tg->el;
	size_t p, q, len, first_seg = tg->nsg, r0 = 0, r1 = 0, lastname;
	int pending, inrun = 0, runtitle = 0;
	struct seg *s;

	/* an event's name ("Free Iran Rally", "Quds Day") holds no
	 * mentions: the chunk ends in an event word, not in a headline */
	if (e[m - 1].kind == EL_WORD && (tg->cue[e[m - 1].t0] & CUE_EVENT) &&
	    !(tg->tf[e[0].t0] & TF_HEAD)) {
		for (p = 0; p < m && !(e[p].kind == EL_GAZ &&
		    tg->g->ent[e[p].payload >> GA_SHIFT].type == GZ_PERSON);
		    p++)
			;
		if (p == m)
			return;
	}
	/* titles */
	/* the last element that is no connector; the next alias match
	 * after each element (filled from the end: linear in the chunk) */
	for (lastname = m; lastname-- > 0 && e[lastname].kind == EL_CONN;)
		;
	for (q = m, p = m; p-- > 0;) {
		e[p].nextgaz = q;
		if (e[p].kind == EL_GAZ)
			q = p;
	}
	for (p = 0; p < m; p++) {
		if (e[p].kind == EL_GAZ && (e[p].payload & GA_TITLE)) {
			/* a title-like alias followed by a name is a title */
			if (lastname != (size_t)-1 && lastname > p)
				e[p].title = 1;
			continue;
		}
		if (e[p].kind != EL_WORD)
			continue;
		/* the cue must end on an element boundary of words */
		q = e[p].nextgaz;
		len = cue_at(tg, e[p].t0, q < m ? e[q].t0 : e[m - 1].t1,
		    CUE_TITLE);
		if (len == 0)
			continue;
		if (e[m - 1].t1 <= e[p].t0 + len) {
			/* a title must precede a name; a chunk that is
			 * only a title ("Secretary of State") is none */
			if (p == 0 && e[m - 1].t1 == e[p].t0 + len)
				for (q = 0; q < m; q++)
					if (e[q].kind != EL_GAZ)
						e[q].drop = 1;
			continue;
		}
		for (q = p; q < m && e[q].t1 <= e[p].t0 + len; q++)
			e[q].title = 1;
		if (q == p)
			continue;	/* shorter than the word: "Gen" of "Gen." */
		if (e[q - 1].t1 != e[p].t0 + len) {
			/* not on a boundary: undo */
			for (q = p; q < m && e[q].t1 <= e[p].t0 + len; q++)
				e[q].title = 0;
			continue;
		}
		p = q - 1;
	}
	/* a common word starting a sentence is not a name */
	if (e[0].kind == EL_WORD && !e[0].title &&
	    e[0].t1 - e[0].t0 == 1 && !is_upper(tg, e[0].t0) &&
	    (tg->tf[e[0].t0] & TF_SSTART) && common_word(tg, e[0].t0) &&
	    !(tg->cue[e[0].t0] & (CUE_GIVEN | CUE_CONN)))
		e[0].drop = 1;
	pending = e[0].t0 > 0 && cue_ends_at(tg, e[0].t0, CUE_TITLE, 4);
	for (p = 0; p <= m; p++) {
		int close = p == m || e[p].kind == EL_GAZ || e[p].title ||
		    e[p].drop;

		if (close && inrun) {
			if (r1 > r0) {
				s = seg_push(tg, r0, r1, -1, -1,
				    runtitle ? SG_AFTERTITLE : 0);
				type_run(tg, s);
			}
			inrun = 0;
			pending = 0;
		}
		if (p == m)
			break;
		if (e[p].title) {
			pending = 1;
			continue;
		}
		if (e[p].drop)
			continue;
		if (e[p].kind == EL_GAZ) {
			int ent = e[p].payload >> GA_SHIFT;

			seg_push(tg, e[p].t0, e[p].t1, tg->g->ent[ent].type,
			    ent, SG_GAZ | (pending ? SG_AFTERTITLE : 0) |
			    ((e[p].payload & GA_TITLE) ? SG_TITLEALIAS : 0) |
			    ((e[p].payload & GA_SHORT) ? SG_SHORT : 0));
			pending = 0;
			continue;
		}
		if (e[p].kind == EL_CONN && !inrun)
			continue;
		if (!inrun) {
			inrun = 1;
			r0 = e[p].t0;
			runtitle = pending;
		}
		if (e[p].kind == EL_WORD)
			r1 = e[p].t1;	/* connectors never end a run */
	}
	/* merge an ORG run with adjacent places or organisations */
	if ((tg->tf[e[0].t0] & TF_HEAD) && !(tg->tf[e[0].t0] & TF_SCORE))
		return;
	for (p = first_seg; p < tg->nsg; p++) {
		struct seg *a = &tg->sg[p], *b;

		if (a->f & SG_DROP)
			continue;
		for (q = p + 1; q < tg->nsg && tg->sg[q].t0 == a->t1; q++) {
			b = &tg->sg[q];
			if (a->type == GZ_ORG && !(a->f & SG_GAZ) &&
			    (b->type == GZ_GPE || b->type == GZ_LOC) &&
			    count_words(tg, b->t0, b->t1) <= 2 &&
			    !is_poss(tg, b->t1)) {
				/* "Vox News Albania" */
				a->t1 = b->t1;
				b->f |= SG_DROP;
			} else if (b->type == GZ_ORG && !(b->f & SG_GAZ) &&
			    count_words(tg, b->t0, b->t1) >= 2 &&
			    (a->type == GZ_GPE || a->type == GZ_LOC ||
			    (a->type == GZ_ORG && !(a->f & SG_GAZ)))) {
				/* "Iran Freedom Party" */
				a->t1 = b->t1;
				a->type = GZ_ORG;
				a->ent = -1;
				a->f &= ~SG_GAZ;
				b->f |= SG_DROP;
			} else if (a->type == GZ_ORG && (a->f & SG_GAZ) &&
			    b->type < 0 && b->t1 - b->t0 == 1 &&
			    (tg->cue[b->t0] & CUE_ORGHEAD)) {
				/* "FDD Institute" keeps FDD's id; "Foreign
				 * Policy Committee" is a name of its own */
				if (!all_upper_span(tg, a->t0, a->t1)) {
					a->ent = -1;
					a->f &= ~SG_GAZ;
				}
				a->t1 = b->t1;
				b->f |= SG_DROP;
			} else if ((a->type < 0 || (a->type == GZ_ORG &&
			    !(a->f & SG_GAZ))) && city_like(tg, b) &&
			    count_words(tg, a->t0, a->t1) <= 2 &&
			    name_words(tg, a->t0, a->t1, CUE_ORGHEAD) &&
			    !(tg->cue[a->t1 - 1] & CUE_GIVEN) &&
			    !is_poss(tg, b->t1)) {
				/* a club: "Steaua Bucharest", "Real Madrid" */
				a->t1 = b->t1;
				a->type = GZ_ORG;
				b->f |= SG_DROP;
			} else if (city_like(tg, a) && b->type < 0 &&
			    count_words(tg, b->t0, b->t1) <= 2 &&
			    all_cue(tg, b->t0, b->t1, CUE_ORGHEAD)) {
				/* "Leeds United" */
				a->t1 = b->t1;
				a->type = GZ_ORG;
				a->ent = -1;
				a->f &= ~SG_GAZ;
				b->f |= SG_DROP;
			} else if ((a->type < 0 || (a->type == GZ_PERSON &&
			    !(a->f & SG_GAZ))) &&
			    (tg->cue[a->t1 - 1] & CUE_GIVEN) &&
			    (b->f & SG_GAZ) && (b->type == GZ_GPE ||
			    b->type == GZ_LOC) && b->t1 - b->t0 == 1 &&
			    !(tg->g->ent[b->ent].flags & GE_COUNTRY)) {
				/* "Brian Lara" is not Lara state */
				a->t1 = b->t1;
				a->type = GZ_PERSON;
				b->f |= SG_DROP;
			} else {
				break;
			}
		}
	}
}

/* build the chunks and their segments */
static void
chunks(struct tagger *tg, size_t nm)
{
	const struct toks *t = &tg->t;
	size_t i = 0, mi = 0, m, j;

	while (i < t->n) {
		while (mi < nm && tg->pm[mi].t0 < i)
			mi++;
		if (!(mi < nm && tg->pm[mi].t0 == i) &&
		    !(is_cap(tg, i) && !(tg->cue[i] & CUE_STOP))) {
			i++;
			continue;
		}
		m = 0;
		for (;;) {
			if (m + 2 >= tg->elcap) {
				tg->elcap = tg->elcap ? tg->elcap * 2 : 64;
				tg->el = xreallocarray(tg->el, tg->elcap,
				    sizeof(*tg->el));
			}
			memset(&tg->el[m], 0, sizeof(tg->el[m]));
			while (mi < nm && tg->pm[mi].t0 < i)
				mi++;
			if (mi < nm && tg->pm[mi].t0 == i) {
				tg->el[m].kind = EL_GAZ;
				tg->el[m].t0 = i;
				tg->el[m].t1 = tg->pm[mi].t1;
				tg->el[m].payload = choose_hit(&tg->pm[mi]);
				i = tg->pm[mi].t1;
				mi++;
			} else if (is_cap(tg, i) && !(tg->cue[i] & CUE_STOP)) {
				tg->el[m].kind = EL_WORD;
				tg->el[m].t0 = i;
				tg->el[m].t1 = ++i;
				/* an initial or abbreviation: "K.", "Gen." */
				if (is_punct(tg, i, ".") &&
				    !(t->v[i].flags & TK_SPACE) &&
				    ((t->v[i - 1].b1 - t->v[i - 1].b0 == 1 &&
				    is_upper(tg, i - 1)) ||
				    (t->v[i - 1].b1 - t->v[i - 1].b0 <= 3 &&
				    i + 1 < t->n && (is_cap(tg, i + 1) ||
				    is_punct(tg, i + 1, ")")) &&
				    !(t->v[i + 1].flags & TK_NEWLINE))))
					tg->el[m].t1 = ++i;
			} else {
				break;
			}
			m++;
			/* does the chunk go on? */
			if (i >= t->n || (t->v[i].flags & TK_NEWLINE))
				break;
			while (mi < nm && tg->pm[mi].t0 < i)
				mi++;
			if ((mi < nm && tg->pm[mi].t0 == i) ||
			    (is_cap(tg, i) && !(tg->cue[i] & CUE_STOP)))
				continue;
			j = i + 1;
			if (is_word(tg, i) && (t->v[i].flags & TK_LOWER) &&
			    (tg->cue[i] & CUE_CONN) && j < t->n &&
			    !(t->v[j].flags & TK_NEWLINE)) {
				while (mi < nm && tg->pm[mi].t0 < j)
					mi++;
				if ((mi < nm && tg->pm[mi].t0 == j) ||
				    (is_cap(tg, j) &&
				    !(tg->cue[j] & CUE_STOP))) {
					memset(&tg->el[m], 0,
					    sizeof(tg->el[m]));
					tg->el[m].kind = EL_CONN;
					tg->el[m].t0 = i;
					tg->el[m].t1 = j;
					m++;
					i = j;
					continue;
				}
			}
			break;
		}
		if (m > 0)
			do_chunk(tg, m);
	}
}

/* ---- in-document resolution */

static struct ref *
ref_push(struct ref **v, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = xreallocarray(*v, *cap, sizeof(**v));
	}
	memset(&(*v)[*n], 0, sizeof(**v));
	return &(*v)[(*n)++];
}

static void
ref_set(struct seg *s, const struct ref *r)
{
	s->type = r->type;
	s->ent = r->ent;
	s->idoff = r->idoff;
	s->idlen = r->idlen;
}

/* do the letters of the acronym start the words of the name, in order? */
static int
initials_match(const struct tagger *tg, const struct seg *name,
    const struct seg *acr)
{
	char letters[32];
	size_t n = 0, k, i = 0;
	const char *p;

	for (k = acr->t0; k < acr->t1 && n + 8 < sizeof(letters); k++)
		if (is_word(tg, k))
			for (p = norm(tg, k); *p && n < sizeof(letters) - 1;
			    p++)
				letters[n++] = *p;
	if (n < 2)
		return 0;
	for (k = name->t0; k < name->t1 && i < n; k++)
		if (is_word(tg, k) && norm(tg, k)[0] == letters[i])
			i++;
	return i == n;
}

static void
acronyms(struct tagger *tg)
{
	struct sbuf *b = &tg->key;
	size_t i, k;
	struct seg *a, *s;
	struct ref *r;
	struct kmap *km = &tg->km[0];
	uint64_t key;

	tg->nac = 0;
	for (i = 0; i < tg->nsg; i++) {
		a = &tg->sg[i];
		if ((a->f & SG_DROP) || a->t0 < 2 ||
		    !is_punct(tg, a->t0 - 1, "(") ||
		    !(is_punct(tg, a->t1, ")") || is_punct(tg, a->t1, "/")) ||
		    !all_upper_span(tg, a->t0, a->t1))
			continue;
		/* the name right before the parenthesis */
		for (k = i; k-- > 0;)
			if (!(tg->sg[k].f & SG_DROP))
				break;
		s = k == (size_t)-1 ? NULL : &tg->sg[k];
		if (s == NULL || s->t1 != a->t0 - 1) {
			/* "foreign terrorist organisations (FTO)": the
			 * acronym of a common noun is no name */
			if (a->type < 0 && is_word(tg, a->t0 - 2) &&
			    (tg->t.v[a->t0 - 2].flags & TK_LOWER))
				a->f |= SG_DROP;
			continue;
		}
		if (s->f & SG_TITLEALIAS)
			continue;
		/* the letters must start the name's words, unless the
		 * gazetteer already gives both the same id */
		if (!initials_match(tg, s, a) &&
		    !(a->ent >= 0 && a->ent == s->ent))
			continue;
		if (s->type < 0) {
			if (tg->tf[s->t0] & TF_HEAD)
				continue;
			s->type = GZ_ORG;
			derive_id(tg, s);
		} else if (s->ent < 0 && s->idlen == 0) {
			derive_id(tg, s);
		}
		key = span_key(tg, a->t0, a->t1, b);
		r = ref_push(&tg->ac, &tg->nac, &tg->accap);
		r->key = key;
		r->type = s->type;
		r->ent = s->ent;
		r->idoff = s->idoff;
		r->idlen = s->idlen;
		a->f |= SG_ACRO;
	}
	if (tg->nac > 0) {
		km_init(km, tg->nac);
		for (k = 0; k < tg->nac; k++)
			km_put(km, tg->ac[k].key, k, 0);	/* last wins */
		for (i = 0; i < tg->nsg; i++) {
			s = &tg->sg[i];
			if ((s->f & SG_DROP) ||
			    !all_upper_span(tg, s->t0, s->t1))
				continue;
			key = span_key(tg, s->t0, s->t1, b);
			if (km_get(km, key, &k))
				ref_set(s, &tg->ac[k]);
		}
	}
}

/* Damerau-Levenshtein distance <= 1 */
static int
near(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i = 0;

	if (la > lb + 1 || lb > la + 1)
		return 0;
	while (i < la && i < lb && a[i] == b[i])
		i++;
	if (i == la && i == lb)
		return 1;
	if (la == lb)
		return strcmp(a + i + 1, b + i + 1) == 0 ||
		    (i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		    strcmp(a + i + 2, b + i + 2) == 0);
	if (la > lb)
		return strcmp(a + i + 1, b + i) == 0;
	return strcmp(a + i, b + i + 1) == 0;
}

static int
same_id(const struct tagger *tg, const struct ref *r, const struct seg *s)
{
	if (r->ent >= 0 || s->ent >= 0)
		return r->ent == s->ent;
	return r->idlen == s->idlen &&
	    memcmp(tg->ids.p + r->idoff, tg->ids.p + s->idoff, r->idlen) == 0;
}

static void
surnames(struct tagger *tg)
{
	size_t i, j, k, last, w;
	struct seg *s;
	struct ref *r;
	struct kmap *byname = &tg->km[0], *fullent = &tg->km[1];
	int pass;

	tg->nsn = 0;
	km_init(byname, tg->nsg);
	km_init(fullent, tg->nsg);
	/* full names from the gazetteer first, then the guessed ones */
	for (pass = 0, i = 0; pass < 2; i++) {
		if (i == tg->nsg) {
			pass++;
			i = (size_t)-1;
			continue;
		}
		s = &tg->sg[i];
		if ((s->f & SG_DROP) || s->type != GZ_PERSON ||
		    (pass == 0) != ((s->f & SG_GAZ) != 0) ||
		    count_words(tg, s->t0, s->t1) < 2)
			continue;
		if (s->ent < 0 && s->idlen == 0)
			derive_id(tg, s);
		for (last = s->t1 - 1; last > s->t0 && !is_word(tg, last);
		    last--)
			;
		if (km_get(byname, tg->t.v[last].hash, &k))
			continue;
		/* a garbled form of a name met earlier, "Iraj MasjediIran":
		 * same first name, surname run into the next word */
		for (k = 0; k < tg->nsn && k < MAXSCAN; k++)
			if (tg->sn[k].norm - tg->sn[k].first == last - s->t0 &&
			    !(s->f & SG_GAZ) &&
			    tg->t.v[tg->sn[k].first].hash == tg->t.v[s->t0].hash &&
			    strlen(norm(tg, tg->sn[k].norm)) >= 5 &&
			    strncmp(norm(tg, last), norm(tg, tg->sn[k].norm),
			    strlen(norm(tg, tg->sn[k].norm))) == 0)
				break;
		if (k < tg->nsn) {
			ref_set(s, &tg->sn[k]);
			continue;
		}
		km_put(byname, tg->t.v[last].hash, tg->nsn, 1);
		if (s->ent >= 0)
			km_put(fullent, (uint64_t)s->ent + 1, 1, 1);
		r = ref_push(&tg->sn, &tg->nsn, &tg->sncap);
		r->key = tg->t.v[last].hash;
		r->norm = last;
		r->first = s->t0;
		r->type = GZ_PERSON;
		r->ent = s->ent;
		r->idoff = s->idoff;
		r->idlen = s->idlen;
	}
	for (i = 0; i < tg->nsg && tg->nsn > 0; i++) {
		s = &tg->sg[i];
		w = count_words(tg, s->t0, s->t1);
		if ((s->f & (SG_DROP | SG_ACRO)) || w != 1)
			continue;
		for (last = s->t0; !is_word(tg, last); last++)
			;
		if (s->type < 0 || s->type == GZ_PERSON ||
		    ((s->type == GZ_GPE || s->type == GZ_LOC) &&
		    s->ent >= 0 && s->t1 - s->t0 == 1 &&
		    !(tg->g->ent[s->ent].flags & GE_COUNTRY))) {
			if (km_get(byname, tg->t.v[last].hash, &k)) {
				if (s->type != GZ_PERSON) {
					/* "Lara" after "Brian Lara" */
					ref_set(s, &tg->sn[k]);
					continue;
				}
				if (!(s->f & SG_GAZ)) {
					/* "Gen. Kazemi", "Diyalameh said" */
					ref_set(s, &tg->sn[k]);
					continue;
				}
				if (same_id(tg, &tg->sn[k], s))
					continue;
				/* a gazetteer surname shared with a person
				 * named in full here: the text's person,
				 * unless the gazetteer's is named too */
				if (!km_get(fullent, (uint64_t)s->ent + 1,
				    &j))
					ref_set(s, &tg->sn[k]);
				continue;
			}
		}
		if ((s->type < 0 || (s->type == GZ_PERSON &&
		    !(s->f & SG_GAZ))) && strlen(norm(tg, last)) >= 5 &&
		    !common_word(tg, last) && !(tg->tf[last] & TF_HEAD))
			for (k = 0; k < tg->nsn && k < MAXSCAN; k++)
				if (strlen(norm(tg, tg->sn[k].norm)) >= 5 &&
				    near(norm(tg, last),
				    norm(tg, tg->sn[k].norm))) {
					ref_set(s, &tg->sn[k]);
					break;
				}
	}
}

/* ---- metonymy */

static const char *const place_after_poss[] = {
	"friday", "streets", "street", "mayor", "municipality", "residents",
	"university", "airport", "bazaar", "grand", "metro", "province",
	"city", "skyline", "air", "pollution", "traffic", "governor", "stock",
	"north", "south", "east", "west", "northern", "southern", "eastern",
	"western", "downtown", "suburbs", "outskirts", "population",
	"evin", "imam", "azadi", "mehrabad", "hospitals", "hospital", "squares",
	"square", "citizens", "inhabitants", "neighborhoods", "neighbourhoods",
	"districts", "district", "police", "prosecutor", "old", "main",
	"international", "stock", "weather", NULL
};

static int
gov_capable(const struct tagger *tg, const struct seg *s)
{
	return !(s->f & SG_DROP) && s->ent >= 0 && s->type == GZ_GPE &&
	    tg->g->ent[s->ent].gov >= 0;
}

static void
metonymy(struct tagger *tg)
{
	size_t i, j, q;
	struct seg *s;
	int gov, x;

	for (i = 0; i < tg->nsg; i++) {
		s = &tg->sg[i];
		if (!gov_capable(tg, s))
			continue;
		gov = 0;
		j = s->t1;
		if (is_poss(tg, j)) {
			gov = 1;
			if (is_word(tg, j + 1))
				for (x = 0; place_after_poss[x]; x++)
					if (tok_eq(tg, j + 1,
					    place_after_poss[x]))
						gov = 0;
		} else if ((tg->tf[s->t0] & TF_SSTART) &&
		    all_upper_span(tg, s->t0, s->t1) &&
		    (j >= tg->t.n || (tg->t.v[j].flags & TK_PUNCT))) {
			gov = 0;	/* a dateline */
		} else {
			/* "Washington and Riyadh have ..." */
			for (q = i + 1;;) {
				if (!(tok_eq(tg, j, "and") ||
				    is_punct(tg, j, ",")))
					break;
				while (q < tg->nsg && tg->sg[q].t0 < j + 1)
					q++;
				if (q < tg->nsg && tg->sg[q].t0 == j + 1 &&
				    gov_capable(tg, &tg->sg[q])) {
					j = tg->sg[q].t1;
					continue;
				}
				break;
			}
			if (s->t0 > 0 && cue_ends_at(tg, s->t0, CUE_GOVPREP, 3) &&
			    (tg->t.v[s->t0 - 1].flags & TK_LOWER))
				gov = 1;	/* "pressure on Tehran" */
			else if (s->t0 > 0 &&
			    (tg->cue[s->t0 - 1] & CUE_PLACEPREP) &&
			    (tg->t.v[s->t0 - 1].flags & TK_LOWER))
				gov = 0;	/* "in Tehran" */
			else if (is_word(tg, j) &&
			    (tg->cue[j] & CUE_POLVERB) &&
			    (tg->t.v[j].flags & TK_LOWER))
				gov = 1;	/* "Tehran has demanded" */
			else if (s->t0 > 0 && tok_eq(tg, j, "to") &&
			    is_word(tg, j + 1) &&
			    (tg->t.v[j + 1].flags & TK_LOWER) &&
			    is_word(tg, s->t0 - 1) &&
			    (tg->t.v[s->t0 - 1].flags & TK_LOWER))
				gov = 1;	/* "allowed Tehran to escalate" */
		}
		if (gov)
			s->ent = tg->g->ent[s->ent].gov;
	}
}

/* ---- the rest */

/* an untyped run with no cue of its own: datelines and acronyms */
static void
type_late(struct tagger *tg, size_t i)
{
	struct seg *s = &tg->sg[i];
	size_t j, len;

	/* "HOBART 1996-12-06": a dateline (the date splits at hyphens) */
	if ((s->t0 == 0 || (tg->t.v[s->t0].flags & TK_NEWLINE)) &&
	    all_upper_span(tg, s->t0, s->t1) && s->t1 < tg->t.n &&
	    count_words(tg, s->t0, s->t1) <= 3 &&
	    (tg->t.v[s->t1].flags & TK_NUM) &&
	    tg->t.v[s->t1].b1 - tg->t.v[s->t1].b0 == 4 &&
	    s->t1 + 1 < tg->t.n &&
	    (tg->t.v[s->t1 + 1].flags & (TK_JOINED | TK_NUM)) ==
	    (TK_JOINED | TK_NUM)) {
		s->type = GZ_GPE;
		return;
	}
	/* "HOBART, Australia" at the start of a line */
	if ((s->t0 == 0 || (tg->t.v[s->t0].flags & TK_NEWLINE)) &&
	    all_upper_span(tg, s->t0, s->t1) && is_punct(tg, s->t1, ",")) {
		for (j = i + 1; j < tg->nsg && (tg->sg[j].f & SG_DROP); j++)
			;
		if (j < tg->nsg && tg->sg[j].t0 == s->t1 + 1 &&
		    tg->sg[j].type == GZ_GPE) {
			s->type = GZ_GPE;
			return;
		}
	}
	/* "Camilla Martin (Denmark)": a person with a country */
	if (is_punct(tg, s->t1, "(") && count_words(tg, s->t0, s->t1) <= 3 &&
	    !(tg->tf[s->t0] & TF_HEAD) && !all_upper_span(tg, s->t0, s->t1)) {
		for (j = i + 1; j < tg->nsg && (tg->sg[j].f & SG_DROP); j++)
			;
		if (j < tg->nsg && tg->sg[j].t0 == s->t1 + 1 &&
		    (tg->sg[j].type == GZ_GPE || tg->sg[j].type == GZ_NORP) &&
		    is_punct(tg, tg->sg[j].t1, ")")) {
			s->type = GZ_PERSON;
			return;
		}
	}
	/* a lone unknown name in running text */
	if (s->t1 - s->t0 == 1 && !is_upper(tg, s->t0) &&
	    !(tg->tf[s->t0] & (TF_HEAD | TF_SSTART)) &&
	    !common_word(tg, s->t0) && !(tg->cue[s->t0] & CUE_STOP)) {
		if (s->t0 > 0 && (tg->cue[s->t0 - 1] & CUE_PLACEPREP) &&
		    (tg->t.v[s->t0 - 1].flags & TK_LOWER)) {
			s->type = GZ_GPE;
			return;
		}
	}
	/* a lone acronym in running text: an organisation */
	len = tg->t.v[s->t0].b1 - tg->t.v[s->t0].b0;
	if (s->t1 - s->t0 == 1 && is_upper(tg, s->t0) && len >= 2 &&
	    len <= 5 && !(tg->tf[s->t0] & TF_HEAD) &&
	    !common_word(tg, s->t0) && !(tg->cue[s->t0] & CUE_STOP))
		s->type = GZ_ORG;
}

static void
finish_segs(struct tagger *tg)
{
	size_t i, k, w;
	struct seg *s;
	struct kmap *named = &tg->km[0];
	int ok, e;

	/* short forms ("the Guards") stand only beside the full name */
	km_init(named, tg->nsg);
	for (i = 0; i < tg->nsg; i++)
		if (tg->sg[i].ent >= 0 && !(tg->sg[i].f & (SG_SHORT | SG_DROP)))
			km_put(named, (uint64_t)tg->sg[i].ent + 1, 1, 1);
	for (i = 0; i < tg->nsg; i++)
		if ((tg->sg[i].f & SG_SHORT) && (tg->sg[i].ent < 0 ||
		    !km_get(named, (uint64_t)tg->sg[i].ent + 1, &k)))
			tg->sg[i].f |= SG_DROP;

	for (i = 0; i < tg->nsg; i++) {
		s = &tg->sg[i];
		if (s->f & SG_DROP)
			continue;
		if (s->f & SG_TITLEALIAS) {
			/* "Ali Khamenei, Leader of the Islamic Revolution" */
			if (((tg->tf[s->t0] & TF_HEAD) &&
			    all_upper_span(tg, s->t0, s->t1)) ||
			    (s->t0 >= 1 && is_punct(tg, s->t0 - 1, ",") &&
			    i > 0 && tg->sg[i - 1].type == GZ_PERSON &&
			    tg->sg[i - 1].t1 + 1 == s->t0)) {
				s->f |= SG_DROP;
				continue;
			}
		}
		if ((s->type < 0 || (s->type == GZ_PERSON && s->ent < 0 &&
		    s->idlen == 0)) && s->t1 - s->t0 == 1 &&
		    is_cap(tg, s->t0) && !is_upper(tg, s->t0) &&
		    !(tg->tf[s->t0] & TF_HEAD) &&
		    (e = gz_surname(tg->g, tg->t.v[s->t0].hash)) >= 0) {
			/* the surname of one person in the gazetteer */
			s->type = GZ_PERSON;
			s->ent = e;
		}
		if (s->type < 0 && s->t1 - s->t0 == 1 && tg->o.guess &&
		    is_cap(tg, s->t0) && !is_upper(tg, s->t0) &&
		    !(tg->tf[s->t0] & TF_HEAD) && !common_word(tg, s->t0) &&
		    (e = gz_fuzzy(tg->g, norm(tg, s->t0),
		    tg->t.v[s->t0].nlen)) >= 0) {
			/* a spelling one letter off a known name */
			s->type = tg->g->ent[e].type;
			s->ent = e;
		}
		if ((tg->tf[s->t0] & TF_SCORE) && tg->o.guess &&
		    (s->type < 0 || (s->type == GZ_GPE && s->ent >= 0 &&
		    !(tg->g->ent[s->ent].flags & GE_COUNTRY))) &&
		    count_words(tg, s->t0, s->t1) <= 3 &&
		    s->t1 < tg->t.n && (tg->t.v[s->t1].flags & TK_NUM) &&
		    tg->t.v[s->t1].b1 - tg->t.v[s->t1].b0 <= 3 &&
		    !(tg->t.v[s->t1].flags & TK_NEWLINE)) {
			/* a team in a line of results */
			s->type = GZ_ORG;
			s->ent = -1;
			s->idlen = 0;
		}
		if (s->type < 0 && tg->o.guess && !(tg->tf[s->t0] & TF_HEAD)) {
			/* two to four capitalised words, none an ordinary
			 * word: a person */
			w = count_words(tg, s->t0, s->t1);
			ok = w >= 2 && w <= 4;
			for (k = s->t0; ok && k < s->t1; k++) {
				if (!is_word(tg, k) ||
				    ((tg->t.v[k].flags & TK_LOWER) &&
				    (tg->cue[k] & CUE_CONN)))
					continue;
				if (tg->t.v[k].b1 - tg->t.v[k].b0 == 1 &&
				    is_upper(tg, k) &&
				    !(tg->t.v[k].flags & TK_JOINED))
					continue;	/* an initial */
				if (common_word(tg, k) || is_upper(tg, k) ||
				    (tg->t.v[k].flags & TK_LOWER) ||
				    (tg->t.v[k].flags & TK_NUM))
					ok = 0;
			}
			if (ok)
				s->type = GZ_PERSON;
		}
		if (s->type < 0 && tg->o.guess)
			type_late(tg, i);
		if (!tg->o.guess && s->ent < 0 && !(s->f & SG_ACRO))
			s->type = -1;
		if (s->type >= 0 && s->ent < 0 && s->idlen == 0)
			derive_id(tg, s);
	}
}

/* one sense per document: a name left untyped takes the type and id of
 * the same name typed elsewhere in the text */
static void
propagate(struct tagger *tg)
{
	uint64_t *keys;
	size_t i, k;
	struct seg *s, *t;
	struct kmap *km = &tg->km[0];

	if (tg->nsg > tg->keycap) {
		tg->keycap = tg->nsg * 2;
		tg->keys = xreallocarray(tg->keys, tg->keycap,
		    sizeof(*tg->keys));
	}
	keys = tg->keys;
	km_init(km, tg->nsg);
	for (i = 0; i < tg->nsg; i++) {
		keys[i] = span_key(tg, tg->sg[i].t0, tg->sg[i].t1, &tg->key);
		if (tg->sg[i].type >= 0 && !(tg->sg[i].f & SG_DROP))
			km_put(km, keys[i], i, 1);	/* the first */
	}
	for (i = 0; i < tg->nsg; i++) {
		s = &tg->sg[i];
		if ((s->f & SG_DROP) || s->type >= 0 ||
		    !km_get(km, keys[i], &k))
			continue;
		t = &tg->sg[k];
		s->type = t->type;
		s->ent = t->ent;
		s->idoff = t->idoff;
		s->idlen = t->idlen;
	}
}

static long
sentence_of(const struct tg_sent *v, size_t n, size_t c0)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid].end <= c0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && v[lo].start <= c0 && c0 < v[lo].end)
		return (long)lo;
	return -1;
}

/* v in decimal at p; returns the number of digits */
static size_t
put_dec(char *p, unsigned long long v)
{
	char tmp[24];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	for (i = 0; i < n; i++)
		p[i] = tmp[n - 1 - i];
	return n;
}

/* a string literal into b, or into p at k (k advances) */
#define ADD_LIT(b, lit) sb_add((b), (lit), sizeof(lit) - 1)
#define PUT_LIT(p, k, lit) \
	((void)memcpy((p) + (k), (lit), sizeof(lit) - 1), \
	(k) += sizeof(lit) - 1)

/* the members of a mention that follow its text, by type */
static const char *const type_member[GZ_NTYPES] = {
	",\"type\":\"PERSON\",\"id\":", ",\"type\":\"ORG\",\"id\":",
	",\"type\":\"GPE\",\"id\":", ",\"type\":\"LOC\",\"id\":",
	",\"type\":\"NORP\",\"id\":"
};

/* the mentions as a JSON array, each built in few pieces: numbers are
 * written into a local buffer, constant members added with their length */
static size_t
emit(struct tagger *tg, const struct tg_sent *sents, size_t nsents,
    long fixed, struct sbuf *out)
{
	char buf[96];
	size_t i, n = 0, k;
	const struct seg *s;
	const struct tok *a, *b;
	const char *id;
	long sent;

	sb_addc(out, '[');
	for (i = 0; i < tg->nsg; i++) {
		s = &tg->sg[i];
		if ((s->f & SG_DROP) || s->type < 0)
			continue;
		a = &tg->t.v[s->t0];
		b = &tg->t.v[s->t1 - 1];
		k = 0;
		if (n++ > 0)
			buf[k++] = ',';
		PUT_LIT(buf, k, "{\"start\":");
		k += put_dec(buf + k, a->c0);
		PUT_LIT(buf, k, ",\"end\":");
		k += put_dec(buf + k, b->c1);
		PUT_LIT(buf, k, ",\"text\":");
		sb_add(out, buf, k);
		sb_json_str(out, tg->text + a->b0, b->b1 - a->b0);
		sb_adds(out, type_member[s->type]);
		if (s->ent >= 0) {
			id = tg->g->ent[s->ent].id;
			sb_json_str(out, id, strlen(id));
		} else
			sb_json_str(out, tg->ids.p + s->idoff, s->idlen);
		sent = sents != NULL ? sentence_of(sents, nsents, a->c0) : fixed;
		if (sent < 0)
			ADD_LIT(out, ",\"sentence\":-1}");
		else {
			k = 0;
			PUT_LIT(buf, k, ",\"sentence\":");
			k += put_dec(buf + k, (unsigned long long)sent);
			buf[k++] = '}';
			sb_add(out, buf, k);
		}
	}
	sb_addc(out, ']');
	return n;
}

size_t
tg_run(struct tagger *tg, const char *text, size_t n,
    const struct tg_sent *sents, size_t nsents, long fixed_sentence,
    struct sbuf *out)
{
	size_t nm;

	tg->text = text;
	tg->nsg = 0;
	sb_reset(&tg->ids);
	tok_run(&tg->t, text, n);
	prepare(tg);
	nm = ph_scan(tg->g->names, &tg->t, text, &tg->pm, &tg->pmcap);
	chunks(tg, nm);
	acronyms(tg);
	surnames(tg);
	if (tg->o.metonymy)
		metonymy(tg);
	finish_segs(tg);
	if (tg->o.guess)
		propagate(tg);
	return emit(tg, sents, nsents, fixed_sentence, out);
}
