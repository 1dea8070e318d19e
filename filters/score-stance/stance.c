/*
 * stance.c: per-target stance and framing camp for one record.
 *
 * 1. Tokenise the text once; give each token its sentence and clause.
 * 2. Find quotations (5 words or more; shorter ones are scare quotes) and
 *    attributed sentences ("X said", "according to X"), with their speaker.
 * 3. Mentions: tagged entities mapped through targets.tsv, plus the names
 *    lexicon; generic heads ("regime", "officials") take the target of the
 *    actor that modifies them ("Zionist regime", "US officials").
 * 4. Camp: framing cues, contested names and distancing verbs, each cue's
 *    repeats with diminishing returns; the outlet's own words weigh more
 *    than words inside quotations.
 * 5. Stance: contested names count toward the named target; evaluative
 *    cues toward the actor they are about (the mention they modify, the
 *    agent or patient of the verb, else the nearest actor in the clause),
 *    scaled by negators, hedges and intensifiers in scope and by the voice
 *    (the outlet's own, an allied, neutral or adverse speaker's). The
 *    score is the weighted sum over the target's mentions.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "stance.h"

#define MAX_EVIDENCE 16		/* evidence items kept per target / camp */
#define QUOTE_MIN_WORDS 5	/* shorter quotations are scare quotes */
/* |score| below the band is neutral: less than one clear cue (0.5) in the
 * outlet's own voice per ten mentions of the target */
#define LABEL_BAND 0.05

/* weight of words in reported speech, by the speaker's side */
#define R_ALLY 0.8		/* the outlet relays its own side */
#define R_NEUTRAL 0.6		/* a partisan outlet's unknown speaker */
#define R_ADVERSE 0.1		/* the other side, quoted to be rebutted */
#define R_WIRE 0.15		/* independent outlet: attribution is neutral */
#define R_DISTANCE 0.5		/* extra factor under "claimed", "alleged" */
#define RELAY_WEIGHT 0.15	/* per sentence relaying the outlet's side */
#define SCARE_FACTOR (-0.5)	/* an evaluative word in scare quotes */
/* camp weight of words in the outlet's voice, paraphrase, quotation */
#define C_PARAPHRASE 0.7
#define C_QUOTE 0.3
#define INDEPENDENT_PRIOR 1.0

static const char *camp_names[NCAMP] = {"state", "opposition", "independent"};

struct hit {
	size_t t0, t1;
	int cue;
};

struct mention {
	size_t t0, t1;
	int target;		/* >= 0, T_OTHER */
	int scope;		/* SCOPE_NAME, SCOPE_ADJ (modifier only) */
	int cue;		/* name cue or -1 (entity) */
	int retarget;		/* a generic head that took another target */
	int camp;		/* speaker side from targets.tsv, or -1 */
	double w;		/* mention weight */
	int kind;		/* 1 a person, organisation or institution
				 * (a likely speaker), 2 a place, 0 unknown */
	const char *id;		/* entity id (borrowed from the json) or NULL */
	size_t idlen;
};

struct evid {
	int target;
	int sent;
	size_t t0, t1;		/* span shown as the cue */
	double w;
	int cue;
	int speaker;		/* mention index or -1 */
	double voice;		/* the reported-speech factor applied */
	double mods;		/* modifier factor applied */
	int how;		/* how the target was found (explain) */
	int camp;		/* camp evidence: which camp */
	int agent;		/* patient verbs: the doer's mention, or -1 */
	const char *field;	/* camp cue found in title, byline, dateline */
	const char *cue_text;
	size_t cue_len;
};

struct st_work {
	struct toks t;
	size_t cap;
	int *sid, *clause, *ment, *spk;
	unsigned char *inq, *scare, *rep, *dist, *patient, *attrcov;
	int *modcov;
	struct ph_match *pm;
	size_t pmcap;
	struct hit *hits[NKIND];
	size_t nhits[NKIND], caphits[NKIND];
	struct mention *m;
	size_t nm, capm;
	struct evid *ev, *cev;
	size_t nev, capev, ncev, capcev;
	long *sstart, *send;
	int *sspk;
	unsigned char *sattr, *sdist;
	int *shit;		/* the sentence's attribution hit */
	size_t scap;
	struct sbuf tmp;
	struct jr_pool pool;	/* entity ids decoded from escapes */
};

enum { HOW_NAME, HOW_AFTER, HOW_BEFORE, HOW_OF, HOW_CLAUSE, HOW_APPOS,
	HOW_AGENT, HOW_PASSIVE, HOW_PATIENT, HOW_FRAME, HOW_ALLY, HOW_RELAY,
	HOW_COORD, HOW_PREDICATE, HOW_CARRY };
static const char *how_text[] = {"names it", "modifies", "follows",
	"of-phrase", "nearest actor in the clause", "apposition to",
	"agent of the verb", "agent after 'by'", "object of the verb",
	"framing word, target mentioned",
	"its doer, against an actor the text opposes",
	"the outlet relays its own side's speaker without distance",
	"coordinated with the actor it is about",
	"predicate of the clause's subject",
	"topic of the sentence before (half weight)"};

struct st_work *
st_work_new(void)
{
	struct st_work *w = xcalloc(1, sizeof(*w));
	struct toks t0 = TOKS_INIT;

	w->t = t0;
	return w;
}

void
st_work_free(struct st_work *w)
{
	int k;

	if (w == NULL)
		return;
	toks_free(&w->t);
	jr_pool_free(&w->pool);
	free(w->sid);
	free(w->clause);
	free(w->ment);
	free(w->spk);
	free(w->inq);
	free(w->scare);
	free(w->rep);
	free(w->dist);
	free(w->patient);
	free(w->attrcov);
	free(w->modcov);
	free(w->pm);
	for (k = 0; k < NKIND; k++)
		free(w->hits[k]);
	free(w->m);
	free(w->ev);
	free(w->cev);
	free(w->sstart);
	free(w->send);
	free(w->sspk);
	free(w->sattr);
	free(w->shit);
	free(w->sdist);
	sb_free(&w->tmp);
	free(w);
}

static void
grow_tokens(struct st_work *w, size_t n)
{
	if (n <= w->cap)
		return;
	w->cap = n + n / 2 + 16;
	w->sid = xreallocarray(w->sid, w->cap, sizeof(int));
	w->clause = xreallocarray(w->clause, w->cap, sizeof(int));
	w->ment = xreallocarray(w->ment, w->cap, sizeof(int));
	w->spk = xreallocarray(w->spk, w->cap, sizeof(int));
	w->modcov = xreallocarray(w->modcov, w->cap, sizeof(int));
	w->inq = xrealloc(w->inq, w->cap);
	w->scare = xrealloc(w->scare, w->cap);
	w->rep = xrealloc(w->rep, w->cap);
	w->dist = xrealloc(w->dist, w->cap);
	w->patient = xrealloc(w->patient, w->cap);
	w->attrcov = xrealloc(w->attrcov, w->cap);
}

static void
grow_sentences(struct st_work *w, size_t n)
{
	if (n <= w->scap)
		return;
	w->scap = n + n / 2 + 16;
	w->sstart = xreallocarray(w->sstart, w->scap, sizeof(long));
	w->send = xreallocarray(w->send, w->scap, sizeof(long));
	w->sspk = xreallocarray(w->sspk, w->scap, sizeof(int));
	w->sattr = xrealloc(w->sattr, w->scap);
	w->shit = xreallocarray(w->shit, w->scap, sizeof(int));
	w->sdist = xrealloc(w->sdist, w->scap);
}

/* ---- token tests ---- */

static int
is_word(const struct st_work *w, size_t i, const char *s)
{
	const char *n = tok_norm(&w->t, i);

	return n[0] == s[0] && strcmp(n, s) == 0;
}

static int
is_any(const struct st_work *w, size_t i, const char *const *set)
{
	const char *n = tok_norm(&w->t, i);

	for (; *set != NULL; set++)
		if (n[0] == (*set)[0] && strcmp(n, *set) == 0)
			return 1;
	return 0;
}

/* grammar words the rules need: closed classes, not domain lexicon */
static const char *const clause_words[] = {"while", "whereas", "but",
	"although", "though", "because", "unless", "however", NULL};
static const char *const clause_puncts[] = {",", ";", ":", "(", ")",
	"\xe2\x80\x94", "\xe2\x80\x93", "-", "?", "!", ".", "\"",
	"\xe2\x80\x9c", "\xe2\x80\x9d", "\xc2\xab", "\xc2\xbb", "|", NULL};
static const char *const be_aux[] = {"is", "are", "was", "were", "be",
	"been", "being", NULL};
static const char *const function_words[] = {"of", "by", "to", "in", "on",
	"against", "at", "with", "for", "from", "and", "or", "the", "a", "an",
	"is", "are", "was", "were", "be", "been", "that", "this", "as", "its",
	"their", "his", "her", "has", "have", "had", NULL};
static const char *const patient_preps[] = {"against", "on", "at",
	"targeting", "toward", "towards", "upon", NULL};
static const char *const place_preps[] = {"in", "inside", "within",
	"across", "throughout", "into", NULL};
static const char *const relatives[] = {"which", "who", "whose", NULL};
/* nouns after a name that make it a topic, not an actor: "Iran policy" */
static const char *const topic_heads[] = {"policy", "policies", "strategy",
	"deal", "talks", "negotiations", "sanctions", "approach", "file",
	"issue", "question", "problem", "crisis", "agreement", "relations",
	"ties", "hawks", "experts", "analysts", "watchers", NULL};
static const char *const preps[] = {"about", "with", "for", "from",
	"on", "against", "to", "into", "at", "by", "in", "over", "under",
	"toward", "towards", "between", "among", "than", NULL};
static const char *const pronouns[] = {"he", "she", "they", "it", "we", NULL};
static const char *const articles[] = {"the", "a", "an", NULL};
static const char *const elaborators[] = {"especially", "including",
	"particularly", "notably", "namely", "such", "chiefly", "mainly", NULL};

static int
is_boundary(const struct st_work *w, size_t i)
{
	if (w->t.v[i].flags & TK_PUNCT)
		return is_any(w, i, clause_puncts);
	return is_any(w, i, clause_words);
}

/* the token is the possessive "s" of "IRGC's" */
static int
is_poss(const struct st_work *w, size_t i)
{
	return (w->t.v[i].flags & TK_JOINED) && is_word(w, i, "s");
}

/* the raw bytes of token i equal s */
static int
raw_is(const char *text, const struct tok *k, const char *s)
{
	size_t n = strlen(s);

	return k->b1 - k->b0 == n && memcmp(text + k->b0, s, n) == 0;
}

/* ---- matching ---- */

static void
add_hit(struct st_work *w, int kind, size_t t0, size_t t1, int cue)
{
	struct hit *h;

	if (w->nhits[kind] == w->caphits[kind]) {
		w->caphits[kind] = w->caphits[kind] ? 2 * w->caphits[kind] : 64;
		w->hits[kind] = xreallocarray(w->hits[kind], w->caphits[kind],
		    sizeof(struct hit));
	}
	h = &w->hits[kind][w->nhits[kind]++];
	h->t0 = t0;
	h->t1 = t1;
	h->cue = cue;
}

static int
case_ok(const struct st_cue *c, const struct toks *t, size_t t0)
{
	int j;

	for (j = 0; j < c->nwords && j < ST_MAX_WORDS; j++) {
		unsigned f = t->v[t0 + j].flags;
		if (c->caps[j] == 2 && !(f & TK_UPPER))
			return 0;
		if (c->caps[j] == 1 && !(f & (TK_CAP | TK_UPPER)))
			return 0;
	}
	return 1;
}

static void
scan_kind(const struct st_lex *lx, struct st_work *w, const char *text,
    int kind)
{
	size_t n, i;

	w->nhits[kind] = 0;
	n = ph_scan(lx->ps[kind], &w->t, text, &w->pm, &w->pmcap);
	for (i = 0; i < n; i++) {
		const struct ph_match *m = &w->pm[i];
		/* the same cue written twice: the later row wins */
		int cue = m->hits[m->nhits - 1].payload;
		if (!case_ok(&lx->cues[cue], &w->t, m->t0))
			continue;
		add_hit(w, kind, m->t0, m->t1, cue);
	}
}

/* ---- mentions ---- */

static struct mention *
new_mention(struct st_work *w)
{
	if (w->nm == w->capm) {
		w->capm = w->capm ? 2 * w->capm : 64;
		w->m = xreallocarray(w->m, w->capm, sizeof(*w->m));
	}
	memset(&w->m[w->nm], 0, sizeof(*w->m));
	w->m[w->nm].cue = -1;
	w->m[w->nm].camp = -1;
	w->m[w->nm].w = 1;
	return &w->m[w->nm++];
}

static int
cmp_mention(const void *a, const void *b)
{
	const struct mention *x = a, *y = b;

	if (x->t0 != y->t0)
		return x->t0 < y->t0 ? -1 : 1;
	if (x->t1 != y->t1)
		return x->t1 > y->t1 ? -1 : 1;
	return (x->cue < 0) - (y->cue < 0);	/* names first */
}

/* first token whose code point start is >= cp */
static size_t
tok_at_cp(const struct toks *t, size_t cp)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->v[mid].c0 < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* a member that must be a non-negative integer */
static int
field_int(const struct jr_span *v, long *out)
{
	long long x;

	if (jr_int(v, &x) != 0 || x < 0 || x > LONG_MAX)
		return -1;
	*out = (long)x;
	return 0;
}

/* the entity type ty[0..len) is t */
static int
type_is(const char *ty, size_t len, const char *t)
{
	return len == strlen(t) && memcmp(ty, t, len) == 0;
}

static int
load_entities(const struct st_lex *lx, struct st_work *w,
    const struct jr_span *ents, char *why, size_t whylen)
{
	static const char *const keys[] = {"start", "end", "id", "type"};
	enum { K_START, K_END, K_ID, K_TYPE };
	struct jr_arr a;
	struct jr_span v[4];
	const char *el, *id = NULL, *ty;
	size_t n, idlen = 0, tylen;

	jr_pool_reset(&w->pool);
	jr_begin(&a, ents->p, ents->n);
	while (jr_next(&a, &el, &n)) {
		long s, en;
		struct mention *m;
		double mw = 1;
		int camp = -1, tg, hasid, norp, kind;
		size_t t0, t1;

		if (jr_fields(el, n, keys, 4, v) != 0 ||
		    field_int(&v[K_START], &s) != 0 ||
		    field_int(&v[K_END], &en) != 0 || en < s) {
			snprintf(why, whylen, "entities[%zu]: not an object with "
			    "integer start <= end", a.i - 1);
			return -1;
		}
		if (jr_str(&w->pool, &v[K_TYPE], &ty, &tylen) != 0)
			tylen = 0;	/* no type: an actor of kind 2 */
		if (type_is(ty, tylen, "LOC"))
			continue;	/* places are not actors */
		t0 = tok_at_cp(&w->t, (size_t)s);
		t1 = tok_at_cp(&w->t, (size_t)en);
		if (t0 >= t1)
			continue;
		hasid = jr_str(&w->pool, &v[K_ID], &id, &idlen) == 0;
		if (hasid)
			tg = st_target_of_entity(lx, id, idlen, &mw, &camp);
		else
			tg = T_NONE;
		norp = type_is(ty, tylen, "NORP");
		kind = type_is(ty, tylen, "PERSON") ||
		    type_is(ty, tylen, "ORG") ? 1 : 2;
		m = new_mention(w);
		m->t0 = t0;
		m->t1 = t1;
		m->target = tg >= 0 ? tg : T_OTHER;
		m->w = mw;
		m->camp = camp;
		m->scope = norp ? SCOPE_ADJ : SCOPE_NAME;
		m->kind = kind;
		if (hasid) {
			m->id = id;
			m->idlen = idlen;
		}
	}
	return 0;
}

/* merge name matches and entities into one list with a token index */
static void
build_mentions(const struct st_lex *lx, struct st_work *w)
{
	size_t i, j, k, out;
	const struct hit *h;

	for (i = 0; i < w->nhits[CK_NAME]; i++) {
		const struct st_cue *c;
		struct mention *m;

		h = &w->hits[CK_NAME][i];
		c = &lx->cues[h->cue];
		m = new_mention(w);
		m->t0 = h->t0;
		m->t1 = h->t1;
		m->cue = h->cue;
		m->target = c->target;
		m->scope = c->sub;
		m->kind = c->sub == SCOPE_GENERIC ? 1 : 0;
		if (c->target >= 0)
			m->camp = lx->target_camp[c->target];
	}
	if (w->nm > 1)
		qsort(w->m, w->nm, sizeof(*w->m), cmp_mention);
	/* drop mentions overlapping an earlier kept one; an entity inside a
	 * name lends it its id */
	out = 0;
	for (i = 0; i < w->nm; i++) {
		struct mention *m = &w->m[i];
		if (out > 0 && m->t0 < w->m[out - 1].t1) {
			struct mention *p = &w->m[out - 1];
			if (p->id == NULL && m->id != NULL &&
			    (m->target == p->target || p->target == T_OTHER)) {
				p->id = m->id;
				p->idlen = m->idlen;
				p->w = m->w;
				if (p->kind == 0)
					p->kind = m->kind;
				if (m->camp >= 0)
					p->camp = m->camp;
				if (p->target == T_OTHER && m->target >= 0)
					p->target = m->target;
			}
			continue;
		}
		w->m[out++] = *m;
	}
	w->nm = out;
	for (k = 0; k < w->t.n; k++)
		w->ment[k] = -1;
	for (i = 0; i < w->nm; i++)
		for (j = w->m[i].t0; j < w->m[i].t1; j++)
			w->ment[j] = (int)i;
	/* generic heads: "Zionist regime", "US officials", "regime of X" */
	for (i = 0; i < w->nm; i++) {
		struct mention *m = &w->m[i];
		int prev = -1;

		if (m->cue < 0 || lx->cues[m->cue].sub != SCOPE_GENERIC)
			continue;
		if (m->t0 >= 1 && w->ment[m->t0 - 1] >= 0)
			prev = w->ment[m->t0 - 1];
		else if (m->t0 >= 2 && is_poss(w, m->t0 - 1) &&
		    w->ment[m->t0 - 2] >= 0)
			prev = w->ment[m->t0 - 2];
		else if (m->t1 + 1 < w->t.n && is_word(w, m->t1, "of")) {
			size_t q = m->t1 + 1;
			if (q + 1 < w->t.n && is_any(w, q, articles))
				q++;
			if (w->ment[q] >= 0 && w->m[w->ment[q]].scope ==
			    SCOPE_NAME)
				prev = w->ment[q];
		}
		if (prev >= 0 && w->m[prev].target != m->target) {
			m->target = w->m[prev].target;
			m->retarget = 1;
			m->camp = w->m[prev].camp;
		}
		if (prev >= 0 && m->id == NULL) {
			m->id = w->m[prev].id;
			m->idlen = w->m[prev].idlen;
		}
	}
	/* a generic head no actor claimed is not a mention ("President") */
	for (i = 0; i < w->nm; i++)
		if (w->m[i].cue >= 0 && lx->cues[w->m[i].cue].sub ==
		    SCOPE_GENERIC && w->m[i].target == T_OTHER &&
		    !w->m[i].retarget)
			for (j = w->m[i].t0; j < w->m[i].t1; j++)
				w->ment[j] = -1;
	/* "the group": the target named in the last three sentences */
	for (i = 0; i < w->nm; i++) {
		struct mention *m = &w->m[i];
		int tg;

		if (m->cue < 0 || lx->cues[m->cue].sub != SCOPE_ANAPHOR)
			continue;
		tg = m->target;
		m->target = T_NONE;
		for (j = i; j-- > 0;) {
			if (w->sid[w->m[j].t0] + 3 < w->sid[m->t0])
				break;
			if (w->m[j].target == tg &&
			    w->m[j].scope == SCOPE_NAME) {
				m->target = tg;
				m->id = w->m[j].id;
				m->idlen = w->m[j].idlen;
				break;
			}
		}
		if (m->target == T_NONE)
			for (j = m->t0; j < m->t1; j++)
				w->ment[j] = -1;
	}
	/* an actor after "against", "on", "targeting" is a patient, up to
	 * four words on: "attacks against Iranian civilians and officials";
	 * after "in" a place, not an actor */
	for (i = 0; i < w->nm; i++) {
		size_t p = w->m[i].t0, q;
		w->patient[i] = 0;
		for (q = p; q-- > 0 && q + 4 > p && w->m[i].kind != 1;) {
			/* a country after "in" is a place; an institution
			 * ("support in Congress") stays an actor */
			if (is_any(w, q, place_preps)) {
				w->patient[i] = 2;
				break;
			}
			if (!is_any(w, q, articles) && !is_word(w, q, "both") &&
			    !is_word(w, q, "either"))
				break;
		}
		if (w->patient[i] == 2)
			continue;
		for (q = p; q-- > 0 && q + 5 > p;) {
			if (is_any(w, q, patient_preps)) {
				w->patient[i] = 1;
				break;
			}
			if (w->ment[q] >= 0 && w->ment[q] < (int)i &&
			    w->m[w->ment[q]].scope != SCOPE_ADJ) {
				/* "against Iranian government officials" */
				w->patient[i] = w->patient[w->ment[q]];
				break;
			}
			if (is_boundary(w, q))
				break;
		}
	}
}

/* ---- sentences, clauses, quotes, speakers ---- */

static int
load_sentences(struct st_work *w, const struct jr_span *sents, long n,
    size_t *ns, char *why, size_t whylen)
{
	static const char *const keys[] = {"start", "end"};
	struct jr_arr a;
	struct jr_span v[2];
	const char *el;
	size_t i, s, len;

	if (sents == NULL) {
		for (i = 0; i < w->t.n; i++)
			w->sid[i] = (int)n;
		*ns = 0;
		return 0;
	}
	grow_sentences(w, 1);
	jr_begin(&a, sents->p, sents->n);
	for (i = 0; jr_next(&a, &el, &len); i++) {
		grow_sentences(w, i + 2);
		if (jr_fields(el, len, keys, 2, v) != 0 ||
		    field_int(&v[0], &w->sstart[i]) ||
		    field_int(&v[1], &w->send[i]) ||
		    w->send[i] < w->sstart[i]) {
			snprintf(why, whylen, "sentences[%zu]: not an object "
			    "with integer start <= end", i);
			return -1;
		}
	}
	*ns = i;
	s = 0;
	for (i = 0; i < w->t.n; i++) {
		while (s + 1 < *ns && (long)w->t.v[i].c0 >= w->send[s])
			s++;
		w->sid[i] = *ns ? (int)s : 0;
	}
	return 0;
}

static void
mark_clauses(struct st_work *w)
{
	size_t i;
	int c = 0;

	for (i = 0; i < w->t.n; i++) {
		if (i > 0 && w->sid[i] != w->sid[i - 1])
			c++;
		if (is_boundary(w, i)) {
			w->clause[i] = ++c;
			c++;
		} else
			w->clause[i] = c;
	}
}

static void
mark_quotes(struct st_work *w, const char *text)
{
	size_t i, j, q = 0, words = 0;
	int open = 0;

	memset(w->inq, 0, w->t.n);
	memset(w->scare, 0, w->t.n);
	for (i = 0; i < w->t.n; i++) {
		const struct tok *k = &w->t.v[i];
		int opener = 0, closer = 0;

		if (open && (k->flags & TK_PARA)) {
			if (words >= QUOTE_MIN_WORDS)	/* runs on */
				memset(w->inq + q, 1, i - q);
			open = 0;
		}
		if (k->flags & TK_PUNCT) {
			if (raw_is(text, k, "\xe2\x80\x9c") ||
			    raw_is(text, k, "\xc2\xab"))
				opener = 1;
			else if (raw_is(text, k, "\xe2\x80\x9d") ||
			    raw_is(text, k, "\xc2\xbb"))
				closer = 1;
			else if (raw_is(text, k, "\""))
				opener = !open, closer = open;
		}
		if (opener && !open) {
			open = 1;
			q = i;
			words = 0;
		} else if (closer && open) {
			open = 0;
			for (j = q; j <= i; j++)
				if (words >= QUOTE_MIN_WORDS)
					w->inq[j] = 1;
				else
					w->scare[j] = 1;
		} else if (open && (k->flags & TK_WORD))
			words++;
	}
	if (open && words >= QUOTE_MIN_WORDS)
		memset(w->inq + q, 1, w->t.n - q);
	/* "[the MEK]" inside a quotation is the editor's insertion */
	for (i = 0; i < w->t.n; i++)
		if (w->inq[i] && raw_is(text, &w->t.v[i], "[")) {
			for (j = i; j < w->t.n && j < i + 12; j++)
				if (raw_is(text, &w->t.v[j], "]"))
					break;
			if (j < w->t.n && j < i + 12)
				memset(w->inq + i, 0, j - i + 1);
		}
}

/* mention k is the object of a preposition ("about the MEK's fight"):
 * never a subject or a speaker */
static int
is_pobj(const struct st_work *w, int k)
{
	size_t p = w->m[k].t0;

	if (p >= 1 && is_any(w, p - 1, preps))
		return 1;
	return p >= 2 && is_any(w, p - 1, articles) && is_any(w, p - 2, preps);
}

/* an attribution inside a relative clause: "that rights groups say" */
static int
embedded_attr(const struct st_work *w, const struct hit *h)
{
	static const char *const rel[] = {"that", "which", "who", NULL};
	size_t i;

	for (i = h->t0; i-- > 0 && i + 5 > h->t0 &&
	    w->clause[i] == w->clause[h->t0];)
		if (is_any(w, i, rel))
			return i + 1 < h->t0;	/* not "said that" */
	return 0;
}

/* the speaker of an attribution cue: a mention index, -2 for a pronoun */
static int
find_speaker(const struct st_lex *lx, struct st_work *w, const struct hit *h)
{
	size_t i, lim;
	int s = w->sid[h->t0], place = -1;

	if (lx->cues[h->cue].sub == ATTR_SOURCE) {	/* according to X */
		for (i = h->t1; i < w->t.n && i < h->t1 + 6 &&
		    w->sid[i] == s; i++)
			if (w->ment[i] >= 0 &&
			    w->m[w->ment[i]].scope == SCOPE_NAME)
				return w->ment[i];
		return -1;
	}
	/* back to the nearest person or organisation; a place ("Iran")
	 * only when no likelier speaker stands before it */
	lim = h->t0 > 14 ? h->t0 - 14 : 0;
	for (i = h->t0; i-- > lim && w->sid[i] == s;) {
		int k = w->ment[i];
		if (k >= 0 && w->m[k].scope != SCOPE_ADJ && w->patient[k] == 0 &&
		    !is_pobj(w, k)) {
			if (w->m[k].kind != 2)
				return k;
			if (place < 0)
				place = k;
		}
		if (is_any(w, i, pronouns))
			return place >= 0 ? place : -2;
		if (w->inq[i])
			break;
	}
	if (place >= 0)
		return place;
	for (i = h->t1; i < w->t.n && i < h->t1 + 4 && w->sid[i] == s; i++)
		if (w->ment[i] >= 0 && w->m[w->ment[i]].scope == SCOPE_NAME)
			return w->ment[i];
	return -1;
}

static void
mark_speech(const struct st_lex *lx, struct st_work *w, size_t ns)
{
	size_t i, nsent = ns ? ns : 1;
	int last = -1, lastsent = -10;
	const struct hit *h;

	grow_sentences(w, nsent + 1);
	memset(w->attrcov, 0, w->t.n);
	for (i = 0; i < w->nhits[CK_ATTR]; i++)
		memset(w->attrcov + w->hits[CK_ATTR][i].t0, 1,
		    w->hits[CK_ATTR][i].t1 - w->hits[CK_ATTR][i].t0);
	for (i = 0; i < nsent; i++) {
		w->sattr[i] = 0;
		w->sdist[i] = 0;
		w->sspk[i] = -1;
	}
	for (i = 0; i < w->nhits[CK_ATTR]; i++) {
		size_t s;
		int sp;

		h = &w->hits[CK_ATTR][i];
		if (w->inq[h->t0])
			continue;
		s = ns ? (size_t)w->sid[h->t0] : 0;
		if (embedded_attr(w, h))
			continue;	/* marked below, on its clause only */
		if (lx->cues[h->cue].sub == ATTR_DISTANCE)
			w->sdist[s] = 1;
		if (w->sattr[s])
			continue;
		w->sattr[s] = 1;
		w->shit[s] = (int)i;
		sp = find_speaker(lx, w, h);
		if (sp == -2)
			sp = (int)s - lastsent <= 3 ? last : -1;
		w->sspk[s] = sp;
		if (sp >= 0) {
			last = sp;
			lastsent = (int)s;
		}
	}
	/* tokens in an attributed sentence or in a quotation are reported */
	last = -1;
	for (i = 0; i < w->t.n; i++) {
		size_t s = ns ? (size_t)w->sid[i] : 0;
		w->rep[i] = w->sattr[s] || w->inq[i];
		w->dist[i] = w->sdist[s];
		w->spk[i] = w->rep[i] ? w->sspk[s] : -1;
		if (w->sspk[s] >= 0)
			last = w->sspk[s];
		if (w->inq[i] && w->spk[i] < 0) {
			/* the speaker named at the end of the quotation */
			size_t j = i;
			while (j < w->t.n && w->inq[j])
				j++;
			if (j < w->t.n && w->sspk[ns ? w->sid[j] : 0] >= 0)
				w->spk[i] = w->sspk[ns ? w->sid[j] : 0];
			else
				w->spk[i] = last;
		}
	}
	/* "a campaign that rights groups say is designed to ...": only the
	 * relative clause is someone else's voice */
	for (i = 0; i < w->nhits[CK_ATTR]; i++) {
		size_t j;
		int sp;

		h = &w->hits[CK_ATTR][i];
		if (w->inq[h->t0] || !embedded_attr(w, h))
			continue;
		sp = find_speaker(lx, w, h);
		for (j = h->t0; j < w->t.n && w->sid[j] == w->sid[h->t0] &&
		    !is_boundary(w, j); j++) {
			if (w->rep[j])
				continue;
			w->rep[j] = 1;
			w->spk[j] = sp >= 0 ? sp : -1;
			w->dist[j] = lx->cues[h->cue].sub == ATTR_DISTANCE;
		}
	}
}

/* ---- evidence ---- */

static struct evid *
new_evid(struct evid **v, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		*v = xreallocarray(*v, *cap, sizeof(**v));
	}
	memset(&(*v)[*n], 0, sizeof(**v));
	(*v)[*n].speaker = -1;
	(*v)[*n].agent = -1;
	(*v)[*n].voice = 1;
	(*v)[*n].mods = 1;
	return &(*v)[(*n)++];
}

/* how much the outlet's camp owns words at token i */
static double
camp_voice(const struct st_work *w, size_t i)
{
	if (w->inq[i])
		return C_QUOTE;
	if (w->rep[i])
		return C_PARAPHRASE;
	return 1;
}

static void
camp_evidence(const struct st_lex *lx, struct st_work *w, double *score)
{
	size_t i, j;
	double *sum;
	int *cnt;
	struct evid *e;

	for (i = 0; i < w->nm; i++) {
		const struct mention *m = &w->m[i];
		if (m->cue < 0 || m->retarget || lx->cues[m->cue].camp < 0)
			continue;
		e = new_evid(&w->cev, &w->ncev, &w->capcev);
		e->cue = m->cue;
		e->camp = lx->cues[m->cue].camp;
		e->t0 = m->t0;
		e->t1 = m->t1;
		e->voice = camp_voice(w, m->t0);
		e->w = lx->cues[m->cue].camp_weight * e->voice;
	}
	for (j = 0; j < 2; j++) {
		int kind = j == 0 ? CK_FRAME : CK_ATTR;
		for (i = 0; i < w->nhits[kind]; i++) {
			const struct hit *h = &w->hits[kind][i];
			const struct st_cue *c = &lx->cues[h->cue];
			if (c->camp < 0 || c->camp_weight == 0)
				continue;
			if (kind == CK_ATTR && w->inq[h->t0])
				continue;
			e = new_evid(&w->cev, &w->ncev, &w->capcev);
			e->cue = h->cue;
			e->camp = c->camp;
			e->t0 = h->t0;
			e->t1 = h->t1;
			e->voice = kind == CK_ATTR ? 1 : camp_voice(w, h->t0);
			e->w = c->camp_weight * e->voice;
		}
	}
	/* a cue repeated n times counts mean * (1 + ln n) */
	sum = xcalloc(lx->ncues, sizeof(double));
	cnt = xcalloc(lx->ncues, sizeof(int));
	for (i = 0; i < w->ncev; i++) {
		e = &w->cev[i];
		if (e->field == NULL)
			e->sent = w->sid[e->t0];
		sum[e->cue] += e->w;
		cnt[e->cue]++;
	}
	for (j = 0; j < NCAMP; j++)
		score[j] = 0;
	for (i = 0; i < w->ncev; i++) {
		int c = w->cev[i].cue;
		if (cnt[c] == 0)
			continue;
		score[lx->cues[c].camp] += sum[c] / cnt[c] *
		    (1 + log((double)cnt[c]));
		cnt[c] = 0;
	}
	free(sum);
	free(cnt);
}

/*
 * Camp cues in the fields clean lifts out of the text (title, byline,
 * dateline): the outlet's own words, so full weight; no stance.
 */
static void
extra_camp(const struct st_lex *lx, struct st_work *w,
    const struct st_field *f)
{
	static const int kinds[] = {CK_NAME, CK_FRAME, CK_ATTR};
	struct toks t = TOKS_INIT;
	size_t j, n;
	int k;

	tok_run(&t, f->text, f->len);
	for (k = 0; k < 3; k++) {
		n = ph_scan(lx->ps[kinds[k]], &t, f->text, &w->pm, &w->pmcap);
		for (j = 0; j < n; j++) {
			const struct ph_match *m = &w->pm[j];
			int cue = m->hits[m->nhits - 1].payload;
			const struct st_cue *c = &lx->cues[cue];
			struct evid *e;

			if (!case_ok(c, &t, m->t0) || c->camp < 0 ||
			    c->camp_weight == 0)
				continue;
			e = new_evid(&w->cev, &w->ncev, &w->capcev);
			e->cue = cue;
			e->camp = c->camp;
			e->w = c->camp_weight * f->weight;
			e->voice = f->weight;
			e->field = f->name;
			e->cue_text = f->text + t.v[m->t0].b0;
			e->cue_len = t.v[m->t1 - 1].b1 - t.v[m->t0].b0;
		}
	}
	toks_free(&t);
}

static int
decide_camp(const double *score)
{
	double ind = score[CAMP_IND] + INDEPENDENT_PRIOR;

	if (score[CAMP_STATE] > score[CAMP_OPP] && score[CAMP_STATE] > ind)
		return CAMP_STATE;
	if (score[CAMP_OPP] >= score[CAMP_STATE] && score[CAMP_OPP] > ind)
		return CAMP_OPP;
	return CAMP_IND;
}

/* the factor for words at token i, given the outlet's camp */
static double
voice_factor(const struct st_work *w, size_t i, int camp, int *speaker)
{
	double f;
	int side = -1;

	*speaker = -1;
	if (!w->rep[i] && !w->inq[i])
		return 1;
	*speaker = w->spk[i];
	if (*speaker >= 0)
		side = w->m[*speaker].camp;
	if (camp == CAMP_IND)
		f = R_WIRE;
	else if (side == camp)
		f = R_ALLY;
	else if (side == CAMP_STATE || side == CAMP_OPP)
		f = R_ADVERSE;
	else
		f = R_NEUTRAL;
	if (w->dist[i])
		f *= R_DISTANCE;
	return f;
}

/* an actor mention usable as a cue's target at token i */
static int
actor_at(const struct st_work *w, size_t i, int allow_adj)
{
	int k = w->ment[i];

	if (k < 0)
		return -1;
	if (!allow_adj && w->m[k].scope == SCOPE_ADJ)
		return -1;
	return k;
}

static int
nearest_in_clause(const struct st_work *w, size_t a, size_t b, int dir,
    int skip_patient)
{
	size_t i;
	int c = w->clause[a], k;

	if (dir <= 0)
		for (i = a; i-- > 0 && w->clause[i] == c;) {
			k = actor_at(w, i, 0);
			if (k >= 0 && w->patient[k] != 2 &&
			    !(skip_patient && w->patient[k]))
				return k;
		}
	if (dir >= 0)
		for (i = b; i < w->t.n && w->clause[i] == c; i++) {
			k = actor_at(w, i, 0);
			if (k >= 0 && w->patient[k] != 2 &&
			    !(skip_patient && w->patient[k]))
				return k;
		}
	return -1;
}

/*
 * The subject of a verb at a: the first actor of its clause, after the
 * last "that", "which", "who" or reporting verb ("X said the IRGC killed"),
 * so that in "Iran exposed CIA agents and dismantled cells" it is Iran,
 * not the nearer object. Patients and places are skipped.
 */
static int
subject_before(const struct st_work *w, size_t a)
{
	static const char *const openers[] = {"that", "which", "who", "whom",
		NULL};
	size_t i = a;
	int c = w->clause[a], k, first = -1;

	while (i > 0 && w->clause[i - 1] == c) {
		i--;
		if (is_any(w, i, openers) || w->attrcov[i])
			break;
		k = actor_at(w, i, 0);
		if (k >= 0 && w->patient[k] == 0 && !is_pobj(w, k))
			first = k;
	}
	return first;
}

/* the first actor of the sentence before a's, if a's sentence has none
 * and no paragraph break separates them; else -1 */
static int
carried_topic(const struct st_work *w, size_t a)
{
	size_t i, s0;
	int s = w->sid[a], k;

	for (i = a; i > 0 && w->sid[i - 1] == s; i--)
		;
	s0 = i;
	for (i = s0; i < w->t.n && w->sid[i] == s; i++)
		if (actor_at(w, i, 0) >= 0 || w->inq[i])
			return -1;
	if (s0 == 0 || (w->t.v[s0].flags & TK_PARA))
		return -1;
	for (i = s0; i > 0 && w->sid[i - 1] == w->sid[s0 - 1]; i--)
		if (w->t.v[i].flags & TK_PARA)
			break;
	for (; i < s0; i++)
		if ((k = actor_at(w, i, 0)) >= 0 && w->patient[k] == 0)
			return k;
	return -1;
}

/* the actor whose possessive 's ends just before a, over adjectives:
 * "the administration's erratic and" -> the administration */
static int
possessor_before(const struct st_work *w, size_t a)
{
	size_t j = a;

	while (j >= 1 && j + 6 > a) {
		j--;
		if (is_poss(w, j))
			return j >= 1 ? actor_at(w, j - 1, 1) : -1;
		if (w->ment[j] >= 0 || !(is_word(w, j, "and") ||
		    is_word(w, j, ",") || ((w->t.v[j].flags & TK_LOWER) &&
		    !is_any(w, j, function_words))))
			return -1;
	}
	return -1;
}

/* the mention an evaluative cue is about, or -1 */
static int
cue_target(const struct st_lex *lx, const struct st_work *w,
    const struct hit *h, int *how)
{
	size_t a = h->t0, b = h->t1, i, n = w->t.n;
	int role = lx->cues[h->cue].sub, k, passive = 0, owner = 0;
	int neg = lx->cues[h->cue].weight < 0;

	if (a >= 1 && is_any(w, a - 1, be_aux))
		passive = 1;
	else if (a >= 2 && is_any(w, a - 2, be_aux) &&
	    !(w->t.v[a - 1].flags & TK_PUNCT))
		passive = 1;
	if (role == ROLE_AGENT || role == ROLE_DEED) {
		if (b + 1 < n && is_word(w, b, "of")) {
			/* "the regime's killing of protesters": the doer is
			 * the possessor, the of-phrase is the victim; but in
			 * "the attack of X on Y" the victim follows "on" */
			*how = HOW_AGENT;
			if (a >= 2 && is_poss(w, a - 1))
				return actor_at(w, a - 2, 1);
			for (i = b + 1; i < n && i < b + 10 &&
			    w->clause[i] == w->clause[b]; i++)
				if (is_any(w, i, patient_preps)) {
					size_t q = b + 1;
					if (q < n && is_any(w, q, articles))
						q++;
					return q < n ? actor_at(w, q, 1) : -1;
				}
			return -1;
		}
		if (a >= 1 && (k = actor_at(w, a - 1, 1)) >= 0) {
			*how = HOW_AGENT;	/* "Israeli attacks" */
			return k;
		}
		if (passive) {
			for (i = b; i < n && i < b + 4 && w->sid[i] ==
			    w->sid[a]; i++)
				if (is_word(w, i, "by")) {
					size_t q = i + 1;
					if (q < n && is_any(w, q, articles))
						q++;
					*how = HOW_PASSIVE;
					return q < n ? actor_at(w, q, 0) : -1;
				}
			return -1;
		}
		*how = HOW_AGENT;
		if (role == ROLE_DEED) {
			/* a noun: its possessor, "by X", or the subject of
			 * its clause ("the regime launched an attack") */
			if ((k = possessor_before(w, a)) >= 0)
				return k;
			for (i = b; i < n && i < b + 4 &&
			    w->clause[i] == w->clause[a]; i++)
				if (is_word(w, i, "by")) {
					size_t q = i + 1;
					if (q < n && is_any(w, q, articles))
						q++;
					*how = HOW_PASSIVE;
					return q < n ? actor_at(w, q, 0) : -1;
				}
			return subject_before(w, a);
		}
		if ((k = subject_before(w, a)) >= 0)
			return k;
		for (i = a; i-- > 0 && i + 15 > a && w->sid[i] == w->sid[a];)
			if ((k = actor_at(w, i, 0)) >= 0 && !w->patient[k])
				return k;
		return -1;
	}
	if (role == ROLE_PATIENT) {
		*how = HOW_PATIENT;
		if (passive)
			return nearest_in_clause(w, a, b, -1, 0);
		/* the object starts within a few words: "condemned the
		 * Iranian regime", not "backed a resolution condemning it";
		 * an -ing object is an act ("condemned listing the PMOI") */
		if (b < n && w->ment[b] < 0 && (w->t.v[b].flags & TK_LOWER) &&
		    w->t.v[b].nlen > 4 && strcmp(tok_norm(&w->t, b) +
		    w->t.v[b].nlen - 3, "ing") == 0)
			return -1;
		k = nearest_in_clause(w, a, b, 1, 0);
		return k >= 0 && w->m[k].t0 < b + 4 ? k : -1;
	}
	/* a predicate ("the regime is brutal", "attempts have failed", "the
	 * MEK is not a terrorist group"): the subject of the clause */
	for (i = a; i-- > 0 && i + 5 > a;) {
		if (is_any(w, i, be_aux) || is_word(w, i, "has") ||
		    is_word(w, i, "have") || is_word(w, i, "had")) {
			/* a subject that is no actor ("Western governments
			 * would be wise"): the cue is about no target */
			*how = HOW_PREDICATE;
			return subject_before(w, i);
		}
		if (!is_any(w, i, articles) && w->modcov[i] < 0)
			break;
	}
	/* ROLE_MOD: a name inside the cue ("terrorist group" when "the
	 * group" is the MEK), else the mention directly after it */
	for (i = a + 1; i < b; i++)
		if ((k = actor_at(w, i, 0)) >= 0) {
			*how = HOW_AFTER;
			return k;
		}
	i = b;
	if (i < n && (k = actor_at(w, i, 0)) >= 0) {
		int owner_k;
		/* "the administration's aggressive Iran policy": the owner
		 * before it, not the topic; "aggressive US policy": the US */
		if (w->m[k].t1 < n && is_any(w, w->m[k].t1, topic_heads) &&
		    (owner_k = possessor_before(w, a)) >= 0) {
			*how = HOW_BEFORE;
			return owner_k;
		}
		*how = HOW_AFTER;
		return k;
	}
	/* the mention before it: "MEK terrorists", "the regime's crimes" */
	if (a >= 1) {
		i = a - 1;
		if (i >= 1 && is_poss(w, i))
			i--;
		else if (i >= 2 && is_poss(w, i - 1) && (w->t.v[i].flags &
		    TK_LOWER) && !is_any(w, i, function_words))
			i -= 2;	/* "the regime's criminal policies" */
		else if (i >= 1 && (w->t.v[i].flags & TK_JOINED) &&
		    w->ment[i] < 0 && !is_any(w, i, function_words))
			i--;	/* "CIA-backed coup", "US-led aggression" */
		else {
			/* "the administration's erratic and aggressive" */
			size_t j = i;
			while (j >= 1 && j + 5 > i && w->ment[j] < 0 &&
			    !is_poss(w, j) && (is_word(w, j, "and") ||
			    is_word(w, j, ",") || ((w->t.v[j].flags & TK_LOWER) &&
			    !is_any(w, j, function_words))))
				j--;
			if (j >= 1 && is_poss(w, j))
				i = j - 1;
		}
		if ((k = actor_at(w, i, 1)) >= 0) {
			*how = HOW_BEFORE;
			return k;
		}
	}
	/* "crimes of the regime", "threats from the IRGC"; an of-phrase
	 * that names something else names the owner: not our actors */
	if (b + 1 < n && (is_word(w, b, "of") || is_word(w, b, "from"))) {
		i = b + 1;
		if (i + 1 < n && is_any(w, i, articles))
			i++;
		if ((k = actor_at(w, i, 0)) >= 0) {
			*how = HOW_OF;
			return k;
		}
		if (!(w->t.v[i].flags & TK_PUNCT))
			owner = 1;
	}
	/* a list that elaborates: "enemies of Islam, especially the US" */
	for (i = b; i < n && w->clause[i] == w->clause[a]; i++)
		;
	if (i + 1 < n && is_boundary(w, i) && is_any(w, i + 1, elaborators))
		for (i = i + 2; i < n && i < b + 12 && !is_boundary(w, i); i++)
			if ((k = actor_at(w, i, 0)) >= 0) {
				*how = HOW_CLAUSE;
				return k;
			}
	if (owner)
		return -1;
	/* a relative clause: "the MEK, which is a terrorist group" */
	for (i = a; i > 0 && w->clause[i - 1] == w->clause[a]; i--)
		;
	if (i >= 2 && is_any(w, i, relatives) && is_word(w, i - 1, ",") &&
	    (k = actor_at(w, i - 2, 0)) >= 0) {
		*how = HOW_APPOS;
		return k;
	}
	/* the nearest actor in the clause; a negative word skips victims */
	if ((k = nearest_in_clause(w, a, b, 0, neg)) >= 0) {
		int l = nearest_in_clause(w, a, b, -1, neg);
		int r = nearest_in_clause(w, a, b, 1, neg);
		*how = HOW_CLAUSE;
		if (l >= 0 && r >= 0)
			return a - w->m[l].t1 <= w->m[r].t0 - b ? l : r;
		return k;
	}
	/* apposition: "the MEK, a terrorist cult," (a noun phrase) */
	i = a;
	while (i > 0 && w->clause[i - 1] == w->clause[a])
		i--;
	if (i >= 2 && is_word(w, i - 1, ",") && is_any(w, i, articles)) {
		/* "the MEK, a terrorist cult"; after a clause ("the judiciary
		 * hanged 400, a brutal campaign") the clause's subject */
		if ((k = actor_at(w, i - 2, 0)) >= 0 ||
		    (k = subject_before(w, i - 2)) >= 0) {
			*how = HOW_APPOS;
			return k;
		}
	}
	/* a sentence that names no actor at all continues the previous
	 * one's topic: "The MEK courts politicians. Former members describe
	 * a cult-like organisation." (half weight, same paragraph only) */
	if ((k = carried_topic(w, a)) >= 0) {
		*how = HOW_CARRY;
		return k;
	}
	return -1;
}

/* tokens [i, a) are all articles, auxiliaries or other modifiers */
static int
only_function_words(const struct st_work *w, size_t i, size_t a)
{
	for (; i < a; i++)
		if (!is_any(w, i, function_words) && w->modcov[i] < 0)
			return 0;
	return 1;
}

/* the product of the modifiers in scope before token a */
static double
modifiers(const struct st_lex *lx, const struct st_work *w, size_t a,
    size_t *from)
{
	double f = 1;
	size_t i;
	int seen = -1;

	for (i = a; i-- > 0 && i + 13 > a && w->sid[i] == w->sid[a];) {
		int mh = w->modcov[i];
		const struct hit *h;
		const struct st_cue *c;

		if (mh < 0 || mh == seen)
			continue;
		seen = mh;
		h = &w->hits[CK_MOD][mh];
		c = &lx->cues[h->cue];
		if (a - h->t1 > (size_t)c->scope)
			continue;
		if (c->scope < 6 && w->clause[h->t0] != w->clause[a])
			continue;
		if (c->sub == MOD_CANCEL)
			continue;
		if (c->scope < 6 && !only_function_words(w, h->t1, a))
			continue;	/* "not normal terrorists": the negator
					 * is about "normal" */
		f *= c->weight;
		if (h->t0 < *from)
			*from = h->t0;
	}
	return f;
}

/* the target is mentioned in sentence s or the one before */
static int
near_target(const struct st_work *w, int target, int s)
{
	size_t lo = 0, hi = w->nm, mid, i;

	/* mentions are in text order, so their sentences ascend: find the
	 * first in sentence s - 1 or later, then look at s - 1 and s only */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (w->sid[w->m[mid].t0] + 1 < s)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < w->nm && w->sid[w->m[i].t0] <= s; i++)
		if (w->m[i].target == target && w->m[i].scope == SCOPE_NAME)
			return 1;
	return 0;
}

/* the mention coordinated with mention k: "the US and Israel", or -1 */
static int
coordinate(const struct st_work *w, int k, int dir)
{
	size_t i, n = w->t.n;
	int j;

	if (dir > 0) {
		i = w->m[k].t1;
		if (i < n && is_word(w, i, ","))
			i++;
		if (i >= n || !(is_word(w, i, "and") || is_word(w, i, "or")))
			return -1;
		i++;
		if (i < n && is_any(w, i, articles))
			i++;
	} else {
		i = w->m[k].t0;
		if (i >= 1 && is_any(w, i - 1, articles))
			i--;
		if (i < 2 || !(is_word(w, i - 1, "and") ||
		    is_word(w, i - 1, "or")))
			return -1;
		i -= 2;
		if (i >= 1 && is_word(w, i, ","))
			i--;
	}
	if (i >= n || (j = w->ment[i]) < 0 || w->m[j].scope == SCOPE_ADJ)
		return -1;
	return j;
}

/* evidence item e about mention k holds for actors coordinated with it */
static void
coordinated(struct st_work *w, int k, size_t e)
{
	int dir, j, seen = w->m[k].target;
	struct evid *c;

	for (dir = -1; dir <= 1; dir += 2)
		for (j = k; (j = coordinate(w, j, dir)) >= 0;) {
			if (w->m[j].target < 0 || w->m[j].target == seen)
				continue;
			seen = w->m[j].target;
			c = new_evid(&w->ev, &w->nev, &w->capev);
			*c = w->ev[e];
			c->target = w->m[j].target;
			c->how = HOW_COORD;
			c->agent = -1;
		}
}

/* the doer of a patient verb: before it, or after "by" when passive */
static int
patient_agent(const struct st_work *w, const struct hit *h)
{
	size_t a = h->t0, i;

	if (a >= 1 && is_any(w, a - 1, be_aux)) {
		for (i = h->t1; i < w->t.n && i < h->t1 + 6; i++)
			if (is_word(w, i, "by")) {
				if (i + 1 < w->t.n && is_any(w, i + 1, articles))
					i++;
				return i + 1 < w->t.n ? actor_at(w, i + 1, 0) :
				    -1;
			}
		return -1;
	}
	return subject_before(w, a);
}

/*
 * The enemy of the text's enemy: an actor that condemns, sanctions or
 * blacklists a target the text itself is against gets half the weight as
 * credit ("Congress condemned the regime's terrorism" in a text against
 * the regime). Only in the outlet's own voice.
 */
static void
ally_evidence(struct st_work *w)
{
	double sum[ST_MAX_TARGETS] = {0};
	size_t i, n = w->nev;
	struct evid *e;

	for (i = 0; i < n; i++)
		sum[w->ev[i].target] += w->ev[i].w;
	for (i = 0; i < n; i++) {
		int a = w->ev[i].agent;
		if (a < 0 || w->m[a].target < 0 || w->ev[i].voice != 1 ||
		    w->m[a].target == w->ev[i].target || w->ev[i].w >= 0 ||
		    sum[w->ev[i].target] >= 0)
			continue;
		e = new_evid(&w->ev, &w->nev, &w->capev);
		*e = w->ev[i];
		e->target = w->m[a].target;
		e->w = -0.5 * w->ev[i].w;
		e->how = HOW_ALLY;
		e->agent = -1;
	}
}

/*
 * A partisan outlet that relays a speaker of its own side without any
 * distance makes the speaker's voice its own (GUIDELINES: "state media
 * relaying officials' claims as fact"): a little credit to the speaker's
 * target for each such sentence.
 */
static void
relay_evidence(struct st_work *w, int camp, size_t ns)
{
	size_t s, nsent = ns ? ns : 1;
	struct evid *e;

	if (camp == CAMP_IND)
		return;
	for (s = 0; s < nsent; s++) {
		const struct hit *h;
		const struct mention *m;

		if (!w->sattr[s] || w->sdist[s] || w->sspk[s] < 0)
			continue;
		m = &w->m[w->sspk[s]];
		if (m->camp != camp || m->target < 0)
			continue;
		h = &w->hits[CK_ATTR][w->shit[s]];
		e = new_evid(&w->ev, &w->nev, &w->capev);
		e->target = m->target;
		e->cue = h->cue;
		e->t0 = h->t0;
		e->t1 = h->t1;
		e->speaker = w->sspk[s];
		e->how = HOW_RELAY;
		e->w = RELAY_WEIGHT;
	}
}

static void
stance_evidence(const struct st_lex *lx, struct st_work *w, int camp,
    size_t ns)
{
	size_t i;
	struct evid *e;
	int sp, how, k;
	double f;

	w->nev = 0;
	for (i = 0; i < w->t.n; i++)
		w->modcov[i] = -1;
	for (i = 0; i < w->nhits[CK_MOD]; i++) {
		size_t j;
		for (j = w->hits[CK_MOD][i].t0; j < w->hits[CK_MOD][i].t1; j++)
			w->modcov[j] = (int)i;
	}
	/* contested names */
	for (i = 0; i < w->nm; i++) {
		const struct mention *m = &w->m[i];
		if (m->cue < 0 || m->target < 0 || lx->cues[m->cue].weight == 0)
			continue;
		/* a name outside quotation marks is the outlet's choice,
		 * even in paraphrase ("he said the MKO ..."), except that
		 * wire copy paraphrases in its source's terms */
		f = voice_factor(w, m->t0, camp, &sp);
		if (!w->inq[m->t0]) {
			sp = -1;
			if (camp != CAMP_IND)
				f = 1;	/* partisans never borrow names */
		}
		e = new_evid(&w->ev, &w->nev, &w->capev);
		e->target = m->target;
		e->cue = m->cue;
		e->t0 = m->t0;
		e->t1 = m->t1;
		e->voice = f;
		e->speaker = sp;
		e->how = HOW_NAME;
		e->w = lx->cues[m->cue].weight * f;
	}
	/* framing words that carry a stance on a target */
	for (i = 0; i < w->nhits[CK_FRAME]; i++) {
		const struct hit *h = &w->hits[CK_FRAME][i];
		const struct st_cue *c = &lx->cues[h->cue];
		if (c->target < 0 || c->weight == 0 ||
		    !near_target(w, c->target, w->sid[h->t0]))
			continue;
		f = voice_factor(w, h->t0, camp, &sp);
		e = new_evid(&w->ev, &w->nev, &w->capev);
		e->target = c->target;
		e->cue = h->cue;
		e->t0 = h->t0;
		e->t1 = h->t1;
		e->voice = f;
		e->speaker = sp;
		e->how = HOW_FRAME;
		e->w = c->weight * f;
	}
	/* evaluative words, aimed */
	for (i = 0; i < w->nhits[CK_EVAL]; i++) {
		const struct hit *h = &w->hits[CK_EVAL][i];
		size_t from = h->t0;
		double mods;

		if (w->ment[h->t0] >= 0 || w->modcov[h->t0] >= 0)
			continue;	/* part of a name or of a modifier */
		how = HOW_CLAUSE;
		k = cue_target(lx, w, h, &how);
		if (k < 0 || w->m[k].target < 0)
			continue;
		mods = modifiers(lx, w, h->t0, &from);
		if (w->scare[h->t0])
			mods *= SCARE_FACTOR;
		f = voice_factor(w, h->t0, camp, &sp);
		e = new_evid(&w->ev, &w->nev, &w->capev);
		e->target = w->m[k].target;
		e->cue = h->cue;
		e->t0 = from;
		e->t1 = h->t1;
		e->voice = f;
		e->mods = mods;
		e->speaker = sp;
		e->how = how;
		if (how == HOW_CARRY)
			mods *= 0.5;
		e->mods = mods;
		e->w = lx->cues[h->cue].weight * mods * f;
		if (lx->cues[h->cue].sub == ROLE_PATIENT)
			e->agent = patient_agent(w, h);
		coordinated(w, k, e - w->ev);
	}
	ally_evidence(w);
	relay_evidence(w, camp, ns);
	for (i = 0; i < w->nev; i++)
		w->ev[i].sent = w->sid[w->ev[i].t0];
}

/* ---- output ---- */

static double
round3(double v)
{
	return round(v * 1000) / 1000;
}

static void
put_cue(struct sbuf *b, const char *text, const struct st_work *w,
    const struct evid *e)
{
	size_t b0 = w->t.v[e->t0].b0, b1 = w->t.v[e->t1 - 1].b1;

	sb_json_str(b, text + b0, b1 - b0);
}

static const char *
target_name(const struct st_lex *lx, int t)
{
	return t >= 0 ? lx->targets[t] : "-";
}

static void
explain(struct sbuf *b, const struct st_lex *lx, struct st_work *w,
    const char *text, const struct evid *e, int is_camp)
{
	const struct st_cue *c = &lx->cues[e->cue];
	static const char *kinds[] = {"name", "framing", "evaluative",
		"modifier", "attribution"};
	struct sbuf *s = &w->tmp;
	size_t b0, b1;
	const char *src = text;

	if (e->field != NULL) {
		src = e->cue_text;
		b0 = 0;
		b1 = e->cue_len;
	} else {
		b0 = w->t.v[e->t0].b0;
		b1 = w->t.v[e->t1 - 1].b1;
	}
	sb_reset(s);
	sb_printf(s, "%s '%.*s' (%s cue '%s', line %lu, weight %g)",
	    is_camp ? camp_names[e->camp] : target_name(lx, e->target),
	    (int)(b1 - b0), src + b0, kinds[c->kind], c->text, c->line,
	    is_camp ? c->camp_weight : c->weight);
	if (!is_camp)
		sb_printf(s, ", %s", how_text[e->how]);
	if (e->mods != 1)
		sb_printf(s, ", modifiers x%g", round3(e->mods));
	if (e->voice != 1) {
		sb_printf(s, ", %s x%g", is_camp ? "reported words" :
		    "reported speech", round3(e->voice));
		if (e->speaker >= 0 && w->m[e->speaker].id != NULL)
			sb_printf(s, " (speaker %.*s)",
			    (int)w->m[e->speaker].idlen, w->m[e->speaker].id);
	}
	sb_printf(s, " = %g", round3(e->w));
	sb_adds(b, ",\"explain\":");
	sb_json_str(b, s->p, s->len);
}

static int
cmp_abs(const void *a, const void *b)
{
	const struct evid *const *x = a, *const *y = b;
	double p = fabs((*x)->w), q = fabs((*y)->w);

	if (p != q)
		return p > q ? -1 : 1;
	return (*x)->t0 < (*y)->t0 ? -1 : (*x)->t0 > (*y)->t0;
}

static int
cmp_pos(const void *a, const void *b)
{
	const struct evid *const *x = a, *const *y = b;

	return (*x)->t0 < (*y)->t0 ? -1 : (*x)->t0 > (*y)->t0;
}

/* the strongest evidence items (at most MAX_EVIDENCE), in text order */
static void
put_evidence(struct sbuf *b, const struct st_lex *lx, struct st_work *w,
    const char *text, const struct st_opts *o, struct evid *v, size_t n,
    int target, int is_camp)
{
	const struct evid *pick[256];
	size_t i, np = 0;

	for (i = 0; i < n; i++) {
		if (is_camp ? v[i].camp != target : v[i].target != target)
			continue;
		if (round3(v[i].w) == 0)
			continue;
		if (np < sizeof(pick) / sizeof(pick[0]))
			pick[np++] = &v[i];
		else {
			/* keep the strongest: replace the weakest */
			size_t j, lo = 0;
			for (j = 1; j < np; j++)
				if (fabs(pick[j]->w) < fabs(pick[lo]->w))
					lo = j;
			if (fabs(v[i].w) > fabs(pick[lo]->w))
				pick[lo] = &v[i];
		}
	}
	if (np > 1) {
		qsort(pick, np, sizeof(pick[0]), cmp_abs);
		if (np > MAX_EVIDENCE)
			np = MAX_EVIDENCE;
		qsort(pick, np, sizeof(pick[0]), cmp_pos);
	}
	sb_addc(b, '[');
	for (i = 0; i < np; i++) {
		if (i)
			sb_addc(b, ',');
		sb_adds(b, "{\"sentence\":");
		if (pick[i]->field != NULL) {
			sb_adds(b, "null,\"field\":");
			sb_json_str(b, pick[i]->field, strlen(pick[i]->field));
		} else
			sb_addu(b, (unsigned long long)pick[i]->sent);
		sb_adds(b, ",\"cue\":");
		if (pick[i]->field != NULL)
			sb_json_str(b, pick[i]->cue_text, pick[i]->cue_len);
		else
			put_cue(b, text, w, pick[i]);
		sb_adds(b, ",\"weight\":");
		sb_json_num(b, round3(pick[i]->w));
		if (is_camp) {
			sb_adds(b, ",\"camp\":");
			sb_json_str(b, camp_names[pick[i]->camp],
			    strlen(camp_names[pick[i]->camp]));
		}
		if (o->explain)
			explain(b, lx, w, text, pick[i], is_camp);
		sb_addc(b, '}');
	}
	sb_addc(b, ']');
}

static void
put_stance(const struct st_lex *lx, struct st_work *w,
    const struct st_opts *o, const char *text, struct sbuf *b)
{
	double sum[ST_MAX_TARGETS] = {0}, mw[ST_MAX_TARGETS] = {0};
	unsigned long cnt[ST_MAX_TARGETS] = {0};
	size_t i;
	int t, first = 1, has_ev[ST_MAX_TARGETS] = {0};

	for (i = 0; i < w->nm; i++) {
		t = w->m[i].target;
		if (t < 0 || w->m[i].scope == SCOPE_ADJ)
			continue;
		cnt[t]++;
		mw[t] += w->m[i].w;
	}
	for (i = 0; i < w->nev; i++) {
		sum[w->ev[i].target] += w->ev[i].w;
		has_ev[w->ev[i].target] = 1;
	}
	sb_addc(b, '{');
	for (t = 0; t < lx->ntargets; t++) {
		double score;
		const char *label = "neutral";

		if (cnt[t] == 0 && !has_ev[t])
			continue;
		/* the evidence per mention, so that a long text and a short
		 * one with the same density score alike; one pseudo-mention
		 * damps a target named once */
		score = sum[t] / (mw[t] + 1);
		if (score > 1)
			score = 1;
		if (score < -1)
			score = -1;
		score = round3(score);
		if (score >= LABEL_BAND)
			label = "pro";
		else if (score <= -LABEL_BAND)
			label = "anti";
		if (!first)
			sb_addc(b, ',');
		first = 0;
		sb_json_str(b, lx->targets[t], strlen(lx->targets[t]));
		sb_adds(b, ":{\"score\":");
		sb_json_num(b, score);
		sb_adds(b, ",\"label\":\"");
		sb_adds(b, label);
		sb_adds(b, "\",\"mentions\":");
		sb_addu(b, cnt[t]);
		sb_adds(b, ",\"evidence\":");
		put_evidence(b, lx, w, text, o, w->ev, w->nev, t, 0);
		sb_addc(b, '}');
	}
	sb_addc(b, '}');
}

static void
put_camp(const struct st_lex *lx, struct st_work *w, const struct st_opts *o,
    const char *text, const double *score, int camp, struct sbuf *b)
{
	int c;

	sb_adds(b, "{\"label\":\"");
	sb_adds(b, camp_names[camp]);
	sb_adds(b, "\",\"scores\":{");
	for (c = 0; c < NCAMP; c++) {
		if (c)
			sb_addc(b, ',');
		sb_addc(b, '"');
		sb_adds(b, camp_names[c]);
		sb_adds(b, "\":");
		sb_json_num(b, round3(score[c]));
	}
	sb_adds(b, "},\"evidence\":[");
	for (c = 0; c < NCAMP; c++) {
		size_t len = b->len;
		put_evidence(b, lx, w, text, o, w->cev, w->ncev, c, 1);
		/* splice the arrays into one: drop the brackets */
		memmove(b->p + len, b->p + len + 1, b->len - len - 1);
		b->len -= 2;
		if (b->len > len && c < NCAMP - 1)
			sb_addc(b, ',');
	}
	if (b->len > 0 && b->p[b->len - 1] == ',')
		b->len--;
	sb_adds(b, "]}");
}

/* speaker id -> target -> mean weight of the speaker's own cues */
struct speaker_sum {
	const char *id;
	size_t idlen;
	double sum[ST_MAX_TARGETS];
	int cnt[ST_MAX_TARGETS];
};

static void
put_quoted(const struct st_lex *lx, struct st_work *w, struct sbuf *b)
{
	struct speaker_sum *v = NULL;
	size_t i, j, n = 0, cap = 0;
	int t;

	for (i = 0; i < w->nev; i++) {
		const struct evid *e = &w->ev[i];
		const struct mention *sp;

		if (e->speaker < 0 || e->how == HOW_RELAY || e->voice <= 0)
			continue;
		sp = &w->m[e->speaker];
		if (sp->id == NULL)
			continue;
		for (j = 0; j < n; j++)	/* few speakers per text */
			if (v[j].idlen == sp->idlen &&
			    memcmp(v[j].id, sp->id, sp->idlen) == 0)
				break;
		if (j == n) {
			if (n == cap) {
				cap = cap ? 2 * cap : 8;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			memset(&v[n], 0, sizeof(v[n]));
			v[n].id = sp->id;
			v[n].idlen = sp->idlen;
			n++;
		}
		/* the speaker's own words, before the voice factor */
		v[j].sum[e->target] += e->w / e->voice;
		v[j].cnt[e->target]++;
	}
	sb_addc(b, '{');
	for (j = 0; j < n; j++) {
		int any = 0;

		if (j)
			sb_addc(b, ',');
		sb_json_str(b, v[j].id, v[j].idlen);
		sb_adds(b, ":{");
		for (t = 0; t < lx->ntargets; t++) {
			double sc;

			if (v[j].cnt[t] == 0)
				continue;
			sc = v[j].sum[t] / v[j].cnt[t];
			sc = sc > 1 ? 1 : sc < -1 ? -1 : sc;
			if (any)
				sb_addc(b, ',');
			any = 1;
			sb_json_str(b, lx->targets[t], strlen(lx->targets[t]));
			sb_addc(b, ':');
			sb_json_num(b, round3(sc));
		}
		sb_addc(b, '}');
	}
	sb_addc(b, '}');
	free(v);
}

int
st_record(const struct st_lex *lx, struct st_work *w,
    const struct st_opts *o, const char *text, size_t len,
    const struct jr_span *sentences, long n, const struct jr_span *entities,
    const struct st_field *extra, size_t nextra, struct sbuf *stance,
    struct sbuf *camp, struct sbuf *quoted, char *why, size_t whylen)
{
	double cscore[NCAMP];
	size_t ns, k;
	int c;

	sb_reset(stance);
	sb_reset(camp);
	sb_reset(quoted);
	tok_run(&w->t, text, len);
	grow_tokens(w, w->t.n + 1);
	if (load_sentences(w, sentences, n, &ns, why, whylen) != 0)
		return -1;
	w->nm = 0;
	if (load_entities(lx, w, entities, why, whylen) != 0)
		return -1;
	for (k = 0; k < NKIND; k++)
		scan_kind(lx, w, text, (int)k);
	build_mentions(lx, w);
	mark_clauses(w);
	mark_quotes(w, text);
	mark_speech(lx, w, ns);
	w->ncev = 0;
	for (k = 0; k < nextra; k++)
		extra_camp(lx, w, &extra[k]);
	camp_evidence(lx, w, cscore);
	c = decide_camp(cscore);
	stance_evidence(lx, w, c, ns);
	put_stance(lx, w, o, text, stance);
	put_camp(lx, w, o, text, cscore, c, camp);
	put_quoted(lx, w, quoted);
	return 0;
}
