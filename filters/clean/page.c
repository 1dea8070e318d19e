/*
 * page.c: classify the lines of one page as body or boilerplate, the way
 * jusText and boilerpipe do on text, and lift the metadata.
 *
 *  1. normalise, split into lines (blank lines separate blocks)
 *  2. cut leftovers off line starts and ends (lead and tail rules)
 *  3. features per line: words, stopwords, capitals, final punctuation
 *  4. rules: bare URLs, phrase table, line/prefix/section regexes
 *  5. repetition within the page; author box and bio at the end
 *  6. good / near / short classes; head, body and tail zones
 *  7. title, then the head leftovers (captions, labels), the tail
 *  8. context: short lines inside the body are body
 *  9. dateline, date, byline, origin; write everything out
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <utf8proc.h>

#include "cli.h"
#include "clean.h"
#include "phrase.h"
#include "rules.h"
#include "token.h"
#include "utf8.h"

const char *const cl_builtin_names[R_NBUILTIN] = {
	"bare-url", "repeated-line", "title", "title-dup", "caption", "label",
	"nav", "footer", "bio", "byline", "related-list"
};

enum { K_NONE, K_GOOD, K_NEAR, K_SHORT };

struct piece {
	size_t b0, b1;
	int reason;
};

#define MAXPIECE 4

struct line {
	size_t o0, o1;		/* the whole line in the normalised text */
	size_t b0, b1;		/* what is left after lead and tail cuts */
	int block;
	int nw, nstop, ncap, nnum, nurl, nalpha;
	int endp;		/* ends with . ! ? ... */
	int colon;		/* ends with : */
	int cls;
	int reason;		/* -1 kept */
	int prot;		/* long sentence-like paragraph */
	int section;		/* a section header (related list follows) */
	int copies;		/* lines with the same text */
	int first;		/* index of the first copy */
	int dup;		/* a copy of an earlier line */
	int doubled;		/* "X X": a line doubled in itself */
	int adjacent;		/* printed twice in a row */
	int edgehit;		/* an edge rule matched */
	int edgereason;
	uint64_t hash;
	struct piece pre[MAXPIECE], post[2];
	int npre, npost;
};

/* metadata candidates */
struct meta {
	int kind;		/* reason id: byline, date-line, origin */
	int line;
	size_t b0, b1;		/* in the meta buffer */
};

struct cl_work {
	const struct cl_rules *R;
	struct sbuf norm, tmp, metabuf, scratch;
	struct line *ln;
	size_t nln, cap;
	struct meta *meta;
	size_t nmeta, mcap;
	struct toks toks;
	pcre2_match_data *md;
	uint64_t *seen;		/* hash table of line hashes */
	uint64_t *sh;		/* trigram hashes of the units */
	size_t nsh, shcap;
	uint64_t *shkey;	/* hash set of the trigrams: value */
	int *shline;		/* its first unit, -2 when in several, -1 none */
	size_t shsetcap, shmask;
	size_t *o0, *o1;	/* each unit's trigrams in sh */
	unsigned char *live;	/* U_ bits: what the pair search needs */
	size_t ucap;
	int *seenidx;
	size_t nseen;
	struct cl_result res;
	char *why;
	size_t whylen;
	int err;
};

struct cl_work *
cl_work_new(const struct cl_rules *R)
{
	struct cl_work *w = xcalloc(1, sizeof(*w));

	w->R = R;
	w->md = pcre2_match_data_create(32, NULL);
	if (w->md == NULL)
		die(EX_OSERR_, "out of memory");
	return w;
}

void
cl_work_free(struct cl_work *w)
{
	if (w == NULL)
		return;
	sb_free(&w->norm);
	sb_free(&w->tmp);
	sb_free(&w->metabuf);
	sb_free(&w->scratch);
	free(w->ln);
	free(w->meta);
	free(w->seen);
	free(w->seenidx);
	free(w->sh);
	free(w->shkey);
	free(w->shline);
	free(w->o0);
	free(w->o1);
	free(w->live);
	toks_free(&w->toks);
	pcre2_match_data_free(w->md);
	sb_free(&w->res.text);
	sb_free(&w->res.boiler);
	sb_free(&w->res.links);
	sb_free(&w->res.title);
	sb_free(&w->res.byline);
	sb_free(&w->res.date);
	sb_free(&w->res.dateline);
	sb_free(&w->res.origin);
	free(w);
}

/* ---------- small text helpers ---------- */

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static int32_t
cp_at(const char *s, size_t n, size_t i, size_t *next)
{
	if ((unsigned char)s[i] < 0x80) {
		*next = i + 1;
		return (unsigned char)s[i];
	}
	*next = i;
	return u8_decode(s, n, next);
}

static int
is_letter(int32_t c)
{
	if (c < 0x80)
		return ((c | 32) >= 'a' && (c | 32) <= 'z');
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
		return 1;
	default:
		return 0;
	}
}

static int
is_upper(int32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	return utf8proc_category(c) == UTF8PROC_CATEGORY_LU ||
	    utf8proc_category(c) == UTF8PROC_CATEGORY_LT;
}

static int
starts_url(const char *s, size_t n)
{
	if (n < 5 || (s[0] != 'h' && s[0] != 'w'))
		return 0;
	return (n > 7 && memcmp(s, "http://", 7) == 0) ||
	    (n > 8 && memcmp(s, "https://", 8) == 0) ||
	    memcmp(s, "www.", 4) == 0;
}

/* ---------- features ---------- */

/* an ASCII letter or digit: the word scanner's fast path */
static int
is_ascii_alnum(unsigned char b)
{
	return (unsigned)((b | 32) - 'a') < 26 || (unsigned)(b - '0') < 10;
}

static void
features(struct cl_work *w, struct line *l)
{
	const char *s = w->norm.p;
	size_t i = l->b0, e = l->b1, nx;
	int32_t c;
	uint64_t h = 1469598103934665603ULL;

	l->nw = l->nstop = l->ncap = l->nnum = l->nurl = l->nalpha = 0;
	l->endp = l->colon = 0;
	while (i < e) {
		size_t w0, k;
		char low[16];
		size_t ll = 0;
		int digit, ascii = 1;
		unsigned char b = (unsigned char)s[i];

		/* spaces and ASCII punctuation between words */
		if (b < 0x80 && !is_ascii_alnum(b)) {
			i++;
			continue;
		}
		if ((b == 'h' || b == 'w') && starts_url(s + i, e - i)) {
			while (i < e && !is_space(s[i]))
				i++;
			l->nurl++;
			l->nw++;
			continue;
		}
		c = cp_at(s, e, i, &nx);
		digit = c >= '0' && c <= '9';
		if (!digit && !is_letter(c)) {
			i = nx;
			continue;
		}
		w0 = i;
		if (is_upper(c))
			l->ncap++;
		/* the word: letters, digits, inner ' ’ - . , */
		while (i < e) {
			b = (unsigned char)s[i];
			if (b < 0x80 && is_ascii_alnum(b)) {
				if (ll < 15)
					low[ll++] = (char)(b | 32);
				h = (h ^ (uint64_t)((unsigned)(b - 'A') < 26 ?
				    (b | 32) : b)) * 1099511628211ULL;
				i++;
				continue;
			}
			c = cp_at(s, e, i, &nx);
			if (c >= 0x80 && is_letter(c)) {
				ascii = 0;
				if (ll < 15)
					low[ll++] = 0;
				h = (h ^ (uint64_t)c) * 1099511628211ULL;
				i = nx;
				continue;
			}
			if ((c == '\'' || c == 0x2019 || c == '-' ||
			    ((c == '.' || c == ',') && digit)) && nx < e) {
				size_t n2;
				int32_t c2 = cp_at(s, e, nx, &n2);

				if ((c2 >= '0' && c2 <= '9') || is_letter(c2)) {
					i = nx;
					continue;
				}
			}
			break;
		}
		h = (h ^ ' ') * 1099511628211ULL;
		l->nw++;
		if (digit)
			l->nnum++;
		else
			l->nalpha++;
		k = i - w0;
		if (ascii && !digit && k <= 15) {
			/* cut a possessive 's */
			if (ll > 2 && low[ll - 1] == 's' && (s[i - 2] == '\'' ||
			    (i >= 4 && (unsigned char)s[i - 2] == 0x99)))
				ll -= 1;
			if (cl_is_stop(w->R, low, ll))
				l->nstop++;
		}
	}
	l->hash = h;
	/* final punctuation, behind closing quotes and brackets */
	i = e;
	while (i > l->b0) {
		size_t j = i - 1;

		while (j > l->b0 && ((unsigned char)s[j] & 0xC0) == 0x80)
			j--;
		{
			size_t t = j;

			c = u8_decode(s, e, &t);
		}
		if (c == '"' || c == '\'' || c == ')' || c == ']' ||
		    c == 0x201D || c == 0x2019 || c == 0xBB || c == '*' ||
		    c == ' ') {
			i = j;
			continue;
		}
		l->endp = c == '.' || c == '!' || c == '?' || c == 0x2026 ||
		    c == 0x3002;
		l->colon = c == ':';
		break;
	}
}

static double
stopd(const struct line *l)
{
	return l->nw > 0 ? (double)l->nstop / l->nw : 0;
}

static void
classify(struct line *l)
{
	double sd = stopd(l);

	if (l->prot || (l->nw >= 10 && l->endp && sd >= 0.15) ||
	    (l->nw >= 20 && sd >= 0.2))
		l->cls = K_GOOD;
	else if (l->nw >= 7 && sd >= 0.25 && l->nurl * 3 < l->nw)
		l->cls = K_NEAR;
	else
		l->cls = K_SHORT;
}

/* ---------- matching ---------- */

static int
re_run(struct cl_work *w, int scope, size_t b0, size_t b1, size_t start,
    uint32_t opts, int *rule, size_t *m0, size_t *m1)
{
	const struct cl_rules *R = w->R;
	PCRE2_SIZE *ov;
	PCRE2_SPTR mark;
	int rc;

	if (R->re[scope] == NULL || w->err || start >= b1 ||
	    (scope != CL_CONTAINS &&
	    !R->first[scope][(unsigned char)w->norm.p[start]]))
		return 0;	/* anchored scopes: hopeless first byte */
	if (R->pf[scope] != NULL && start == b0 &&
	    !lit_maybe(R->pf[scope], w->norm.p + b0, b1 - b0))
		return 0;	/* none of the strings its rules need */
	if (R->jit[scope])
		rc = pcre2_jit_match(R->re[scope], (PCRE2_SPTR)w->norm.p + b0,
		    b1 - b0, start - b0, opts, w->md, R->mctx);
	else
		rc = pcre2_match(R->re[scope], (PCRE2_SPTR)w->norm.p + b0,
		    b1 - b0, start - b0, opts | PCRE2_NO_UTF_CHECK, w->md,
		    R->mctx);
	if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL)
		return 0;
	if (rc == PCRE2_ERROR_NOMEMORY)
		die(EX_OSERR_, "out of memory matching the rules");
	if (rc < 0) {
		char msg[120];

		pcre2_get_error_message(rc, (PCRE2_UCHAR *)msg, sizeof(msg));
		snprintf(w->why, w->whylen, "rule pattern: %s", msg);
		w->err = 1;
		return 0;
	}
	mark = pcre2_get_mark(w->md);
	if (mark == NULL)
		return 0;
	*rule = atoi((const char *)mark);
	ov = pcre2_get_ovector_pointer(w->md);
	*m0 = b0 + ov[0];
	*m1 = b0 + ov[1];
	return 1;
}

/* remember s[0..n) as a metadata candidate of this kind */
static void
add_meta_text(struct cl_work *w, int kind, int line, const char *s,
    size_t n)
{
	struct meta *m;

	if (w->nmeta == w->mcap) {
		w->mcap = w->mcap ? w->mcap * 2 : 16;
		w->meta = xreallocarray(w->meta, w->mcap, sizeof(*w->meta));
	}
	m = &w->meta[w->nmeta++];
	m->kind = kind;
	m->line = line;
	m->b0 = w->metabuf.len;
	sb_add(&w->metabuf, s, n);
	m->b1 = w->metabuf.len;
}

/* remember the group "meta" of the last match as a metadata candidate */
static void
take_meta(struct cl_work *w, int kind, int line)
{
	PCRE2_UCHAR buf[512];
	PCRE2_SIZE len = sizeof(buf);

	if (kind != w->R->r_byline && kind != w->R->r_date &&
	    kind != w->R->r_origin)
		return;
	if (pcre2_substring_copy_byname(w->md, (PCRE2_SPTR)"meta", buf,
	    &len) != 0 || len == 0)
		return;
	add_meta_text(w, kind, line, (const char *)buf, len);
}

static void
skip_space(const char *s, size_t *b0, size_t b1)
{
	while (*b0 < b1 && is_space(s[*b0]))
		(*b0)++;
}

static void
trim_end(const char *s, size_t b0, size_t *b1)
{
	while (*b1 > b0 && is_space(s[*b1 - 1]))
		(*b1)--;
}

/* cut leftovers off the start and the end of line i */
static void
cut_ends(struct cl_work *w, int i, int near_edge)
{
	struct line *l = &w->ln[i];
	const char *s = w->norm.p;
	size_t m0, m1, p;
	int rule, tries;

	for (tries = 0; tries < 3 && l->npre < MAXPIECE - 1; tries++) {
		if (!re_run(w, CL_LEAD, l->b0, l->b1, l->b0, 0, &rule, &m0,
		    &m1) || m1 == m0)
			break;
		l->pre[l->npre].b0 = m0;
		l->pre[l->npre].b1 = m1;
		l->pre[l->npre].reason = w->R->rule[rule].reason;
		trim_end(s, m0, &l->pre[l->npre].b1);
		l->npre++;
		take_meta(w, w->R->rule[rule].reason, i);
		l->b0 = m1;
		skip_space(s, &l->b0, l->b1);
	}
	if (w->R->re[CL_TAIL] == NULL || !near_edge)
		return;
	/* tail rules start at a sentence start or a comma */
	p = l->b1 > l->b0 + 400 ? l->b1 - 400 : l->b0;
	for (; p < l->b1; p++) {
		int cand = 0;

		if (p == l->b0)
			cand = 1;
		else if (s[p] == ',')
			cand = 1;
		else if (p >= l->b0 + 2 && s[p - 1] == ' ' &&
		    (s[p - 2] == '.' || s[p - 2] == '!' || s[p - 2] == '?' ||
		    s[p - 2] == '"' || (unsigned char)s[p - 2] == 0x9D))
			cand = 1;
		if (!cand)
			continue;
		if (re_run(w, CL_TAIL, l->b0, l->b1, p, 0, &rule,
		    &m0, &m1) && m0 < m1) {
			l->post[0].b0 = m0;
			l->post[0].b1 = m1;
			skip_space(s, &l->post[0].b0, m1);
			l->post[0].reason = w->R->rule[rule].reason;
			l->npost = 1;
			take_meta(w, w->R->rule[rule].reason, i);
			l->b1 = m0;
			trim_end(s, l->b0, &l->b1);
			break;
		}
	}
}

/* phrase rules at the start of the line: returns the rule index or -1 */
static int
phrase_at_start(struct cl_work *w, struct line *l, int want_prefix)
{
	const struct cl_rules *R = w->R;
	struct ph_match m;
	size_t n = l->b1 - l->b0, k, j;
	const char *s = w->norm.p + l->b0;
	int only_punct;

	if (ph_size(R->ph) == 0 || (l->nw > 16 && (!want_prefix ||
	    R->ph_prefix == 0)))
		return -1;
	if (n > 120) {
		n = 120;
		while (n > 0 && s[n] != ' ')
			n--;
		if (n == 0)
			return -1;
	}
	tok_run(&w->toks, s, n);
	if (w->toks.n == 0 || ph_match_at(R->ph, &w->toks, s, 0, &m) == 0)
		return -1;
	only_punct = 1;
	if (n < l->b1 - l->b0)
		only_punct = 0;
	for (j = m.t1; j < w->toks.n && only_punct; j++)
		if (!(w->toks.v[j].flags & TK_PUNCT))
			only_punct = 0;
	for (k = 0; k < m.nhits; k++) {
		int r = m.hits[k].payload, sc = R->rule[r].scope;

		if ((sc == CL_LINE || sc == CL_SECTION) && only_punct)
			return r;
		if (sc == CL_PREFIX && want_prefix)
			return r;
	}
	return -1;
}

static int
is_bare_url(const char *s, size_t n)
{
	size_t i;

	if (!starts_url(s, n))
		return 0;
	for (i = 0; i < n; i++)
		if (is_space(s[i]))
			return 0;
	return 1;
}

static void
add_link(struct cl_work *w, const char *s, size_t n)
{
	struct cl_result *r = &w->res;

	/* strip trailing punctuation a sentence put there */
	while (n > 0 && strchr(".,;:)]\"'", s[n - 1]) != NULL)
		n--;
	if (n == 0)
		return;
	/* unique: a linear look, the list is short */
	if (r->nlinks > 0) {
		struct sbuf q = SBUF_INIT;
		int found;

		sb_json_str(&q, s, n);
		found = memmem(r->links.p, r->links.len, q.p, q.len) != NULL;
		sb_free(&q);
		if (found)
			return;
	}
	sb_addc(&r->links, r->nlinks ? ',' : '[');
	sb_json_str(&r->links, s, n);
	r->nlinks++;
}

/* line rules; sets l->reason, l->section */
static void
line_rules(struct cl_work *w, int i, int edge, int top)
{
	struct line *l = &w->ln[i];
	const struct cl_rules *R = w->R;
	const char *s = w->norm.p;
	size_t m0, m1;
	int rule, from_re, prose;

	if (is_bare_url(s + l->b0, l->b1 - l->b0)) {
		l->reason = R->builtin[R_BARE_URL];
		add_link(w, s + l->b0, l->b1 - l->b0);
		return;
	}
	if (l->prot || l->nw > 60 || l->b1 - l->b0 > 600)
		return;
	/* running prose of 12+ words: only the contains and edge rules,
	 * and contains only near the top and the bottom of the page */
	prose = l->nw >= 12 && l->endp && stopd(l) >= 0.3;
	rule = phrase_at_start(w, l, l->nw <= 30);
	from_re = rule < 0;
	if (rule < 0 && (prose || !re_run(w, CL_LINE, l->b0, l->b1, l->b0, 0,
	    &rule, &m0, &m1)) && (prose || !re_run(w, CL_SECTION, l->b0, l->b1,
	    l->b0, 0, &rule, &m0, &m1)) && (l->nw > 40 || (prose && !edge &&
	    !top) || !re_run(w, CL_CONTAINS, l->b0, l->b1, l->b0, 0, &rule,
	    &m0, &m1)) && (!edge ||
	    !re_run(w, CL_EDGE, l->b0, l->b1, l->b0, 0, &rule, &m0, &m1)) &&
	    (prose || l->nw > 30 || !re_run(w, CL_PREFIX, l->b0, l->b1, l->b0,
	    0, &rule, &m0, &m1)))
		rule = -1;
	if (rule < 0)
		return;
	/* a credit line is not a sentence: "By Monday, officials had left."
	 * is not a byline */
	if (R->rule[rule].reason == R->r_byline && (l->nstop > 2 ||
	    (l->endp && l->nw >= 5)))
		return;
	if (from_re)
		take_meta(w, R->rule[rule].reason, i);
	if (R->rule[rule].scope == CL_EDGE) {
		/* decided once the end of the body is known */
		l->edgehit = 1;
		l->edgereason = R->rule[rule].reason;
		return;
	}
	l->reason = R->rule[rule].reason;
	l->section = R->rule[rule].scope == CL_SECTION;
}

/* ---------- near-duplicates: pull quotes, restated leads ---------- */

/* move v[root] down the max-heap v[0..end) to its place */
static void
sift_down(uint64_t *v, size_t root, size_t end)
{
	size_t child;
	uint64_t t;

	for (; (child = 2 * root + 1) < end; root = child) {
		if (child + 1 < end && v[child] < v[child + 1])
			child++;
		if (v[root] >= v[child])
			break;
		t = v[root];
		v[root] = v[child];
		v[child] = t;
	}
}

/* heapsort, in place: the arrays are short and many */
static void
sort_u64(uint64_t *v, size_t n)
{
	size_t i, end;
	uint64_t t;

	if (n < 2)
		return;
	for (i = n / 2; i-- > 0;)
		sift_down(v, i, n);
	for (end = n - 1; end > 0; end--) {
		t = v[0];
		v[0] = v[end];
		v[end] = t;
		sift_down(v, 0, end);
	}
}

/* 1 if x is in the sorted v[0..n) */
static int
has_u64(const uint64_t *v, size_t n, uint64_t x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid] < x)
			lo = mid + 1;
		else if (v[mid] > x)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

/* word trigram hashes of unit l, appended to w->sh */
static void
shingles(struct cl_work *w, const struct line *l)
{
	const char *s = w->norm.p;
	uint64_t h[3] = {0, 0, 0};
	size_t i = l->b0, n = 0;

	while (i < l->b1) {
		uint64_t x = 1469598103934665603ULL;
		int any = 0;

		while (i < l->b1 && !(((unsigned char)s[i] | 32) >= 'a' &&
		    ((unsigned char)s[i] | 32) <= 'z') && !(s[i] >= '0' &&
		    s[i] <= '9') && (unsigned char)s[i] < 0x80)
			i++;
		while (i < l->b1 && ((((unsigned char)s[i] | 32) >= 'a' &&
		    ((unsigned char)s[i] | 32) <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9') || (unsigned char)s[i] >= 0x80)) {
			x = (x ^ (unsigned char)(s[i] | ((s[i] >= 'A' &&
			    s[i] <= 'Z') ? 32 : 0))) * 1099511628211ULL;
			any = 1;
			i++;
		}
		if (!any)
			continue;
		h[0] = h[1];
		h[1] = h[2];
		h[2] = x;
		if (++n >= 3) {
			if (w->nsh == w->shcap) {
				w->shcap = w->shcap ? w->shcap * 2 : 256;
				w->sh = xreallocarray(w->sh, w->shcap,
				    sizeof(*w->sh));
			}
			w->sh[w->nsh++] = h[0] * 31 + h[1] * 17 + h[2];
		}
	}
}

/* share of the trigrams [a0, a1) found in [b0, b1) */
static double
contained(const uint64_t *sh, size_t a0, size_t a1, size_t b0, size_t b1)
{
	size_t i, hit = 0;

	if (a1 <= a0)
		return 0;
	/* four samples first: most pairs share nothing */
	for (i = 0; i < 4; i++)
		if (has_u64(sh + b0, b1 - b0, sh[a0 + i * (a1 - a0) / 4]))
			hit++;
	if (hit < 3)
		return 0;
	hit = 0;
	for (i = a0; i < a1; i++)
		if (has_u64(sh + b0, b1 - b0, sh[i]))
			hit++;
	return (double)hit / (double)(a1 - a0);
}

/* what a unit can be in the pair search (bits of w->live) */
enum {
	U_SHARES = 1,	/* shares a trigram with another unit */
	U_PROBE = 2,	/* 90% of its trigrams are in other units */
	U_SORTED = 4	/* its trigrams are sorted */
};

/* put the units' trigrams in a hash set: value, first unit, or -2 when
 * in several units */
static void
trigram_set(struct cl_work *w)
{
	size_t cap = 64, mask, i, k;
	int u, nl = (int)w->nln;

	while (cap < w->nsh * 2)
		cap *= 2;
	if (cap > w->shsetcap) {
		w->shkey = xreallocarray(w->shkey, cap, sizeof(*w->shkey));
		w->shline = xreallocarray(w->shline, cap,
		    sizeof(*w->shline));
		w->shsetcap = cap;
	}
	memset(w->shline, 0xff, cap * sizeof(*w->shline));
	mask = w->shmask = cap - 1;
	for (u = 0; u < nl; u++)
		for (i = w->o0[u]; i < w->o1[u]; i++) {
			uint64_t x = w->sh[i];

			for (k = (size_t)x & mask; w->shline[k] != -1 &&
			    w->shkey[k] != x; k = (k + 1) & mask)
				;
			if (w->shline[k] == -1) {
				w->shkey[k] = x;
				w->shline[k] = u;
			} else if (w->shline[k] != u)
				w->shline[k] = -2;
		}
}

/*
 * Mark what each unit can be in the pair search. A unit that shares no
 * trigram with another contains nothing of any other and is in none; one
 * with less than 90% of its trigrams shared is contained in no other.
 * Returns the number of possible probes.
 */
static int
mark_live(struct cl_work *w)
{
	size_t mask, i, k, shared;
	int u, nl = (int)w->nln, nprobe = 0;

	trigram_set(w);
	mask = w->shmask;
	for (u = 0; u < nl; u++) {
		shared = 0;
		for (i = w->o0[u]; i < w->o1[u]; i++) {
			uint64_t x = w->sh[i];

			for (k = (size_t)x & mask; w->shkey[k] != x;
			    k = (k + 1) & mask)
				;
			if (w->shline[k] == -2)
				shared++;
		}
		w->live[u] = 0;
		if (shared > 0)
			w->live[u] |= U_SHARES;
		/* contained() counts hits the same way: fewer shared
		 * trigrams than 90% of the unit cannot reach 0.9 */
		if (shared > 0 && (double)shared /
		    (double)(w->o1[u] - w->o0[u]) >= 0.9) {
			w->live[u] |= U_PROBE;
			nprobe++;
		}
	}
	return nprobe;
}

/* the trigrams of unit u, sorted on first use */
static void
sort_unit(struct cl_work *w, int u)
{
	if (w->live[u] & U_SORTED)
		return;
	sort_u64(w->sh + w->o0[u], w->o1[u] - w->o0[u]);
	w->live[u] |= U_SORTED;
}

/*
 * A unit whose words are nearly all in a longer unit of the page is a
 * copy (a pull quote, a caption restating the lead, a press-release
 * lead-in that restates the first paragraph): it goes, the longer stays.
 * A later unit that holds nearly all of an earlier paragraph and little
 * else goes too.
 */
static void
near_dups(struct cl_work *w, int reason)
{
	size_t *o0, *o1;
	int i, j, nl = (int)w->nln;

	if (nl > 400)
		return;		/* pairs grow as the square: long pages skip */
	if (w->nln + 1 > w->ucap) {
		w->ucap = w->nln + 1;
		w->o0 = xreallocarray(w->o0, w->ucap, sizeof(*w->o0));
		w->o1 = xreallocarray(w->o1, w->ucap, sizeof(*w->o1));
		w->live = xreallocarray(w->live, w->ucap, sizeof(*w->live));
	}
	o0 = w->o0;
	o1 = w->o1;
	w->nsh = 0;
	for (i = 0; i < nl; i++) {
		o0[i] = w->nsh;
		if (w->ln[i].reason < 0 && w->ln[i].nw >= 6 &&
		    stopd(&w->ln[i]) >= 0.15)
			shingles(w, &w->ln[i]);
		o1[i] = w->nsh;
	}
	if (mark_live(w) == 0)
		return;
	for (i = 0; i < nl; i++) {
		struct line *a = &w->ln[i];

		if (o1[i] - o0[i] < 4 || a->reason >= 0 ||
		    !(w->live[i] & U_PROBE))
			continue;
		sort_unit(w, i);
		for (j = 0; j < nl; j++) {
			struct line *b = &w->ln[j];
			double ab;

			if (j == i || o1[j] - o0[j] < 4 || b->reason >= 0 ||
			    !(w->live[j] & U_SHARES) ||
			    o1[i] - o0[i] > o1[j] - o0[j])
				continue;
			sort_unit(w, j);
			ab = contained(w->sh, o0[i], o1[i], o0[j], o1[j]);
			if (ab < 0.9)
				continue;
			if (i < j && a->prot) {
				/* a paragraph restated later with a little
				 * more (a press-release lead-in): the later
				 * copy goes when it is mostly the earlier */
				if (contained(w->sh, o0[j], o1[j], o0[i],
				    o1[i]) >= 0.5)
					b->reason = reason;
				continue;
			}
			/* a short copy of part of a paragraph: a pull
			 * quote; the paragraph stays */
			a->reason = reason;
			break;
		}
	}
}

static void
find_repeats(struct cl_work *w)
{
	size_t cap = 64, i, k, mask;
	const char *s = w->norm.p;

	while (cap < w->nln * 2)
		cap *= 2;
	w->seen = xreallocarray(w->seen, cap, sizeof(*w->seen));
	w->seenidx = xreallocarray(w->seenidx, cap, sizeof(*w->seenidx));
	memset(w->seenidx, 0xff, cap * sizeof(*w->seenidx));
	mask = cap - 1;
	for (i = 0; i < w->nln; i++) {
		struct line *l = &w->ln[i];
		uint64_t h;

		if (l->nw == 0 || l->b0 >= l->b1)
			continue;
		h = l->hash;
		/* "X X": the same words twice in one line */
		if (l->nw >= 4 && l->nw % 2 == 0 && !l->prot) {
			size_t half = (l->b1 - l->b0) / 2, a = l->b0 + half;
			size_t lo = a > l->b0 + 2 ? a - 2 : l->b0;

			for (k = lo; k <= a + 2 && k < l->b1; k++) {
				if (s[k] != ' ')
					continue;
				if (k - l->b0 == l->b1 - k - 1 &&
				    memcmp(s + l->b0, s + k + 1, k - l->b0) == 0) {
					/* hash of the first half */
					struct line t = *l;

					t.b1 = k;
					features(w, &t);
					h = t.hash;
					l->doubled = 1;
					break;
				}
			}
		}
		for (k = h & mask; w->seenidx[k] != -1 && w->seen[k] != h;
		    k = (k + 1) & mask)
			;
		if (w->seenidx[k] == -1) {
			w->seen[k] = h;
			w->seenidx[k] = (int)i;
			l->first = (int)i;
			l->copies = 1 + l->doubled;
		} else {
			int f = w->seenidx[k];

			l->first = f;
			l->dup = 1;
			w->ln[f].copies++;
		}
	}
	for (i = 0; i < w->nln; i++)
		if (w->ln[i].nw > 0 && w->ln[i].dup)
			w->ln[i].copies = w->ln[w->ln[i].first].copies;
}

/* ---------- author box ---------- */

static int
has_bio_cue(const char *s, size_t n)
{
	static const char *const cues[] = {
		"analyst", "journalist", "writer", "author", "editor",
		"correspondent", "reporter", "columnist", "contributor",
		"researcher", "professor", "fellow", "agency", " is a ",
		" is an ", "writes ", "writing ", "covers ", "based in", NULL
	};
	size_t i;

	for (i = 0; cues[i] != NULL; i++)
		if (memmem(s, n, cues[i], strlen(cues[i])) != NULL)
			return 1;
	return 0;
}

static int
name_like(struct cl_work *w, const struct line *l)
{
	const char *s = w->norm.p;
	size_t i;

	if (l->nw < 2 || l->nw > 4 || l->endp || l->colon || l->nnum > 0 ||
	    l->nstop > 0 || l->ncap < 1)
		return 0;
	for (i = l->b0; i < l->b1; i++)
		if (strchr(",;:()[]|/\"", s[i]) != NULL)
			return 0;
	return is_upper(s[l->b0]) || (unsigned char)s[l->b0] >= 0x80;
}

/* ---------- output helpers ---------- */

static void
boiler(struct cl_work *w, size_t b0, size_t b1, int reason, int *nb)
{
	struct sbuf *b = &w->res.boiler;

	if (b1 <= b0)
		return;
	sb_adds(b, *nb ? ",{\"text\":" : "[{\"text\":");
	sb_json_str(b, w->norm.p + b0, b1 - b0);
	sb_adds(b, ",\"reason\":");
	sb_json_str(b, w->R->reason[reason], strlen(w->R->reason[reason]));
	sb_addc(b, '}');
	(*nb)++;
}

/* a site's name: a domain, or a word news sites are named with */
static int
site_like(const char *s, size_t n)
{
	static const char *const cue[] = {"News", "Times", "Post", "Agency",
	    "Press", "Online", "TV", "Radio", "Daily", "Herald", "Journal",
	    "Tribune", "Review", "Globe", "Network", "Media", "Today", "Wire",
	    "Observer", "Guardian", "Telegraph", "Gazette", "Monitor", "Star",
	    "Express", "Mail", "Insider", "Report", "Chronicle", "Weekly",
	    "International", NULL};
	size_t i;

	for (i = 0; i + 1 < n; i++)
		if (s[i] == '.' && s[i + 1] != ' ')
			return 1;
	for (i = 0; cue[i] != NULL; i++) {
		const char *p = memmem(s, n, cue[i], strlen(cue[i]));

		if (p != NULL && (p == s || p[-1] == ' '))
			return 1;
	}
	return 0;
}

/* the title without a " | Site" or " - Site" suffix */
static void
set_title(struct cl_work *w, size_t b0, size_t b1)
{
	const char *s = w->norm.p;
	size_t i;

	for (i = b1; i > b0 + 3; i--) {
		if (s[i - 1] == ' ' && i + 1 < b1 && (s[i] == '|' ||
		    ((s[i] == '-' || (unsigned char)s[i] == 0xE2) &&
		    i + 3 < b1)) && s[i - 2] != ' ') {
			size_t k = i, words = 0;

			/* the dash is - or an en/em dash */
			if (s[i] == '-' || s[i] == '|')
				k = i + 1;
			else if ((unsigned char)s[i + 1] == 0x80 &&
			    ((unsigned char)s[i + 2] == 0x93 ||
			    (unsigned char)s[i + 2] == 0x94))
				k = i + 3;
			else
				continue;
			if (k >= b1 || s[k] != ' ')
				continue;
			/* after a dash only a name that reads like a site's:
			 * "Iran - EU talks resume" keeps its tail */
			if (s[i] != '|' && !site_like(s + k + 1, b1 - k - 1))
				continue;
			for (; k < b1; k++)
				if (s[k] == ' ')
					words++;
			if (words <= 4 && i - 1 > b0) {
				b1 = i - 1;
				break;
			}
		}
	}
	sb_reset(&w->res.title);
	sb_add(&w->res.title, s + b0, b1 - b0);
	w->res.has_title = 1;
}

/* date fallback: "Weekday, Month Day" in an early paragraph */
static int
weekday_date(const char *s, size_t n, char *out, long *days)
{
	static const char *const wd[] = {"Monday", "Tuesday", "Wednesday",
	    "Thursday", "Friday", "Saturday", "Sunday"};
	size_t i, k, l;

	for (k = 0; k < 7; k++) {
		const char *p = s, *e = s + n;

		l = strlen(wd[k]);
		while ((p = memmem(p, (size_t)(e - p), wd[k], l)) != NULL) {
			i = (size_t)(p - s) + l;
			if (i + 2 < n && s[i] == ',' && s[i + 1] == ' ' &&
			    is_upper(s[i + 2])) {
				size_t m = n - i < 24 ? n - i : 24;

				if (cl_parse_date(s + i, m, out, days))
					return 1;
			}
			p += l;
		}
	}
	return 0;
}

static void
clean_name(const char *s, size_t n, struct sbuf *out)
{
	while (n > 0 && strchr(" ,.;:|-", s[n - 1]) != NULL)
		n--;
	while (n > 0 && strchr(" ,.;:|-", s[0]) != NULL) {
		s++;
		n--;
	}
	if (n == 0)
		return;
	if (out->len > 0) {
		/* already there? */
		if (memmem(out->p, out->len, s, n) != NULL)
			return;
		sb_adds(out, ", ");
	}
	sb_add(out, s, n);
}

/* ---------- the page ---------- */

static int
is_stop_tail(const char *s, size_t e)
{
	static const char *const w[] = {"the", "a", "an", "of", "to", "in",
	    "and", "for", "on", "with", "that", "by", "at", "from", "as",
	    "was", "is", "be", "it", "its", "his", "her", "their", "said",
	    "has", "have", "had", "were", "are", NULL};
	size_t b = e, k;

	while (b > 0 && s[b - 1] >= 'a' && s[b - 1] <= 'z')
		b--;
	if (b > 0 && s[b - 1] != ' ')
		return 0;
	for (k = 0; w[k] != NULL; k++)
		if (strlen(w[k]) == e - b && memcmp(s + b, w[k], e - b) == 0)
			return 1;
	return 0;
}

/*
 * Does the line [b, e) continue the line that ends at pe? Hard-wrapped
 * prose: the previous line is long and stops without sentence-final
 * punctuation on a lower-case word, a comma or a function word, and the
 * next does not start a list item.
 */
static int
wrapped(const char *s, size_t pe, size_t b, size_t e)
{
	size_t ps = pe, plen;
	unsigned char last = (unsigned char)s[pe - 1], first;

	while (ps > 0 && s[ps - 1] != '\n')
		ps--;
	plen = pe - ps;
	first = (unsigned char)s[b];
	if (plen < 30 || e - b < 2)
		return 0;
	if (first == '-' || first == '*' || first == 0xE2 || first == '(' ||
	    first == '[' || (first >= '0' && first <= '9' && e - b > 2 &&
	    (s[b + 1] == '.' || s[b + 1] == ')')))
		return 0;
	if (plen == e - b && memcmp(s + ps, s + b, plen) == 0)
		return 0;
	if (starts_url(s + b, e - b) || starts_url(s + ps, plen))
		return 0;
	if (first >= 'a' && first <= 'z' && strchr(".!?:;", last) == NULL)
		return 1;
	if (!((last >= 'a' && last <= 'z') || last == ',' ||
	    (last >= '0' && last <= '9')))
		return 0;
	return last == ',' || is_stop_tail(s, pe) || plen >= 55;
}

static void
split_lines(struct cl_work *w)
{
	const char *s = w->norm.p;
	size_t n = w->norm.len, i = 0, e;
	int block = 0, blank = 0;

	w->nln = 0;
	while (i <= n) {
		const char *nl = memchr(s + i, '\n', n - i);

		e = nl ? (size_t)(nl - s) : n;
		if (e == i) {
			blank = 1;
		} else if (!blank && w->nln > 0 && wrapped(s, w->ln[w->nln -
		    1].o1, i, e)) {
			/* a hard-wrapped paragraph: one unit */
			w->ln[w->nln - 1].o1 = w->ln[w->nln - 1].b1 = e;
		} else {
			struct line *l;

			if (w->nln == w->cap) {
				w->cap = w->cap ? w->cap * 2 : 64;
				w->ln = xreallocarray(w->ln, w->cap,
				    sizeof(*w->ln));
			}
			l = &w->ln[w->nln++];
			memset(l, 0, sizeof(*l));
			if (blank)
				block++;
			blank = 0;
			l->o0 = l->b0 = i;
			l->o1 = l->b1 = e;
			l->block = block;
			l->reason = -1;
		}
		if (nl == NULL)
			break;
		i = e + 1;
	}
}

/* a list item: "- ", "* ", "• ", "1. " */
static int
is_bullet(const char *s, size_t n)
{
	if (n >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ')
		return 1;
	if (n >= 4 && memcmp(s, "\xe2\x80\xa2 ", 4) == 0)
		return 1;
	return n >= 3 && s[0] >= '0' && s[0] <= '9' && (s[1] == '.' ||
	    s[1] == ')') && s[2] == ' ';
}

static int
kept(const struct line *l)
{
	return l->reason < 0;
}

int
cl_page(struct cl_work *w, const struct cl_opts *o, const char *text,
    size_t n, const struct cl_result **res, char *why, size_t whylen)
{
	const struct cl_rules *R = w->R;
	struct cl_result *r = &w->res;
	const char *s;
	int i, nl, first_good = -1, last_good = -1, title = -1, nb = 0;
	int first_body = -1;
	char dbuf[16];
	long days;

	w->why = why;
	w->whylen = whylen;
	w->err = 0;
	w->nmeta = 0;
	sb_reset(&w->metabuf);
	sb_reset(&r->text);
	sb_reset(&r->boiler);
	sb_reset(&r->links);
	sb_reset(&r->title);
	sb_reset(&r->byline);
	sb_reset(&r->date);
	sb_reset(&r->dateline);
	sb_reset(&r->origin);
	r->nlinks = 0;
	r->has_title = r->has_byline = r->has_date = 0;
	r->has_dateline = r->has_origin = 0;
	*res = r;

	cl_normalize(text, n, &w->norm, &w->tmp);
	s = w->norm.p;
	split_lines(w);
	nl = (int)w->nln;

	/* cuts, features, rules */
	for (i = 0; i < nl; i++) {
		struct line *l = &w->ln[i];

		cut_ends(w, i, i < 3 || i + 3 >= nl);
		if (l->b0 >= l->b1) {
			/* the cuts took everything: the last cut is the line */
			if (l->npre > 0) {
				l->reason = l->pre[--l->npre].reason;
				l->b0 = l->pre[l->npre].b0;
				l->b1 = l->o1;
			} else if (l->npost > 0) {
				l->reason = l->post[0].reason;
				l->npost = 0;
				l->b1 = l->o1;
			}
			continue;
		}
		features(w, l);
		l->prot = l->nw >= 25 && l->endp && stopd(l) >= 0.2;
		line_rules(w, i, i + 5 >= nl, i < 3);
		if (w->err)
			return -1;
	}
	/* section headers: the short lines after them are a list */
	for (i = 0; i < nl; i++) {
		int j;

		if (!w->ln[i].section)
			continue;
		for (j = i + 1; j < nl; j++) {
			struct line *m = &w->ln[j];

			if (m->section)
				break;
			if (!kept(m))
				continue;
			if (m->prot || (m->nw > 25) || (m->endp && m->nw > 12 &&
			    stopd(m) >= 0.2))
				break;
			m->reason = R->builtin[R_RELATED];
		}
	}
	find_repeats(w);
	for (i = 0; i < nl; i++) {
		struct line *l = &w->ln[i];

		if (l->nw == 0 || l->copies < 2)
			continue;
		if (l->prot || l->nw >= 25) {
			if (l->dup && kept(l))
				l->reason = R->builtin[R_REPEATED];
		} else if (kept(l) || l->reason == R->builtin[R_RELATED])
			l->reason = R->builtin[R_REPEATED];
	}
	/* a line printed again with a photo credit: both are the caption */
	for (i = 1; i < nl; i++) {
		struct line *l = &w->ln[i], *p = &w->ln[i - 1];

		if (l->reason != R->builtin[R_CAPTION] || !kept(p) ||
		    p->block != l->block || p->prot)
			continue;
		if ((p->b1 - p->b0 >= 20 && p->b1 - p->b0 < l->b1 - l->b0 &&
		    memcmp(s + p->b0, s + l->b0, p->b1 - p->b0) == 0) ||
		    (l->nw <= 6 && !p->endp && p->nw <= 30))
			p->reason = l->reason;	/* the caption, its credit */
	}
	/* a short line printed twice in a row in one block: a caption */
	for (i = 1; i < nl; i++) {
		struct line *l = &w->ln[i], *p = &w->ln[i - 1];

		if (l->dup && l->first == i - 1 && p->block == l->block &&
		    !l->prot && !p->prot) {
			l->reason = p->reason = R->builtin[R_CAPTION];
			l->adjacent = p->adjacent = 1;
		}
	}
	near_dups(w, R->builtin[R_REPEATED]);
	/* classes and zones */
	for (i = 0; i < nl; i++) {
		struct line *l = &w->ln[i];

		classify(l);
		if (!kept(l))
			continue;
		if (l->cls == K_GOOD) {
			if (first_good < 0)
				first_good = i;
			last_good = i;
		}
	}
	/* edge rules: only for lines after the last good line */
	for (i = nl - 1; i >= 0; i--) {
		struct line *l = &w->ln[i];

		if (!kept(l))
			continue;
		if (l->edgehit) {
			l->reason = l->edgereason;
			continue;
		}
		if (l->cls == K_GOOD)
			break;
	}
	/* author box and bio after the body */
	for (i = nl / 3; i + 1 < nl; i++) {
		struct line *l = &w->ln[i], *b;
		int j = i + 1;

		if (!kept(l) || !name_like(w, l) || i < first_good)
			continue;
		while (j < nl && w->ln[j].nw == 0)
			j++;
		if (j >= nl)
			break;
		b = &w->ln[j];
		if ((!kept(b) && !b->edgehit) || b->nw > 120 || b->nw < 4)
			continue;
		if ((b->b1 - b->b0 > l->b1 - l->b0 &&
		    memcmp(s + b->b0, s + l->b0, l->b1 - l->b0) == 0) ||
		    has_bio_cue(s + b->b0, b->b1 - b->b0)) {
			/* and nothing but short lines after it */
			int k, body = 0;

			for (k = j + 1; k < nl; k++)
				if (kept(&w->ln[k]) && w->ln[k].cls == K_GOOD)
					body = 1;
			if (body)
				continue;
			l->reason = R->builtin[R_AUTHOR];
			b->reason = R->builtin[R_BIO];
			add_meta_text(w, -2, i, s + l->b0, l->b1 - l->b0);
		}
	}
	/* zones again, after the bio went */
	first_good = last_good = -1;
	for (i = 0; i < nl; i++)
		if (kept(&w->ln[i]) && w->ln[i].cls == K_GOOD) {
			if (first_good < 0)
				first_good = i;
			last_good = i;
		}
	if (first_good < 0)
		for (i = 0; i < nl; i++)
			if (kept(&w->ln[i]) && w->ln[i].cls == K_NEAR) {
				if (first_good < 0)
					first_good = i;
				last_good = i;
			}
	/* the title: a headline-like line above the body */
	{
		int best = -1, bestscore = 0, lim = first_good < 0 ? nl :
		    first_good + 6;

		if (lim > nl)
			lim = nl;
		for (i = 0; i < lim && i < 40; i++) {
			struct line *l = &w->ln[i];
			int score = 1, j, k;

			if (l->nw < 3 || l->nw > 25 || l->dup || l->prot ||
			    l->adjacent ||
			    l->nurl > 0 || l->colon)
				continue;
			if (!kept(l) && l->reason != R->builtin[R_REPEATED])
				continue;
			if (l->cls == K_GOOD && l->endp)
				continue;
			if (l->endp && s[l->b1 - 1] == '.')
				continue;
			if (l->ncap == 0 || s[l->b0] == '(' || s[l->b0] == '[')
				continue;
			/* what follows: a byline or a date line */
			for (j = i + 1, k = 0; j < nl && k < 3; j++) {
				struct line *m = &w->ln[j];

				if (m->nw == 0)
					continue;
				k++;
				if (m->reason == R->r_byline ||
				    (m->npre > 0 && m->pre[0].reason ==
				    R->r_byline)) {
					score += 3;
					break;
				}
				if (m->reason == R->r_date) {
					score += 1;
					break;
				}
				if (m->reason >= 0 && m->reason ==
				    R->builtin[R_REPEATED] && m->first == i)
					continue;
				if (m->adjacent) {
					k--;
					continue;
				}
				if (kept(m))
					break;
			}
			/* or a byline just above it */
			for (j = i - 1, k = 0; j >= 0 && k < 2; j--) {
				if (w->ln[j].nw == 0)
					continue;
				k++;
				if (w->ln[j].reason == R->r_byline) {
					score += 2;
					break;
				}
			}
			if (l->copies > 1 || l->doubled) {
				/* copies near it are the headline's; copies
				 * far below are a teaser in a list */
				for (j = i + 1; j < nl; j++)
					if (w->ln[j].first == i && w->ln[j].dup)
						score += (j - i <= 4) ? 2 : -2;
				if (l->doubled)
					score += 2;
			}
			if (first_good >= 0 && i > first_good && score < 4)
				continue;
			if (l->cls == K_GOOD && score < 3)
				continue;
			/* headlines are longer than menu items */
			if (l->nw >= 5)
				score++;
			if (score > bestscore) {
				best = i;
				bestscore = score;
			}
		}
		if (best >= 0) {
			title = best;
			w->ln[best].reason = R->builtin[R_TITLE];
			for (i = best + 1; i < nl; i++)
				if (w->ln[i].first == best && w->ln[i].dup)
					w->ln[i].reason = R->builtin[R_TITLE_DUP];
			if (w->ln[best].doubled) {
				/* keep the title once; the line is the dup */
				w->ln[best].reason = R->builtin[R_TITLE_DUP];
			}
			if (o->metadata) {
				struct line *l = &w->ln[best];
				size_t e = l->b1;

				if (l->doubled)
					e = l->b0 + (l->b1 - l->b0 - 1) / 2;
				set_title(w, l->b0, e);
			}
			if (first_good == best)
				first_good = -1;
		}
	}
	if (first_good < 0 || (title >= 0 && first_good < title)) {
		/* recompute the body start below the title when it was not
		 * itself good */
		for (i = 0; i < nl; i++)
			if (kept(&w->ln[i]) && w->ln[i].cls == K_GOOD) {
				first_good = i;
				break;
			}
	}
	/* head leftovers, tail leftovers, short lines in the body */
	for (i = 0; i < nl; i++) {
		struct line *l = &w->ln[i];

		if (!kept(l) || (l->nw == 0 && i >= first_good &&
		    i <= last_good))
			continue;	/* "* * *" inside the body stays */
		if (first_good < 0) {
			/* no body at all: keep what the rules left */
			continue;
		}
		if (i < first_good) {
			if (l->cls == K_GOOD || (l->endp && l->nw >= 4 &&
			    stopd(l) >= 0.15) || (l->endp && l->nw >= 2 &&
			    is_bullet(s + l->b0, l->b1 - l->b0)))
				continue;	/* a deck, a summary bullet */
			if (l->nw <= 3)
				l->reason = R->builtin[R_LABEL];
			else if (title >= 0 && i > title)
				l->reason = R->builtin[R_CAPTION];
			else if (l->cls == K_NEAR && title < 0 &&
			    i + 1 == first_good)
				continue;
			else
				l->reason = R->builtin[title >= 0 ?
				    R_NAV : R_CAPTION];
		} else if (i > last_good) {
			if (l->cls == K_NEAR || l->cls == K_GOOD)
				continue;
			if ((l->endp && l->nw >= 4 && stopd(l) >= 0.2) ||
			    l->nw >= 15)
				continue;	/* a sentence, a list of facts */
			l->reason = R->builtin[R_FOOTER];
		} else if (l->cls == K_SHORT) {
			/* inside the body: a short line is a subhead, a
			 * quote, a list item; only a bare label goes */
			if (l->nw <= 2 && l->ncap == l->nw && l->nstop == 0 &&
			    !l->endp && !l->colon && l->nnum == 0)
				l->reason = R->builtin[R_LABEL];
		}
	}
	/* the dateline, lifted off the first body paragraph */
	for (i = title >= 0 ? title + 1 : 0; o->metadata && i < nl; i++) {
		struct line *l = &w->ln[i];
		size_t m0, m1;
		int rule;

		if (!kept(l) || l->nw < 5)
			continue;
		first_body = i;
		if (l->npre < MAXPIECE && re_run(w, CL_DATELINE, l->b0, l->b1,
		    l->b0, 0, &rule, &m0, &m1)) {
			PCRE2_UCHAR buf[256];
			PCRE2_SIZE len = sizeof(buf);

			if (pcre2_substring_copy_byname(w->md,
			    (PCRE2_SPTR)"meta", buf, &len) == 0 && len > 0) {
				sb_add(&r->dateline, buf, len);
				r->has_dateline = 1;
			}
			l->pre[l->npre].b0 = m0;
			l->pre[l->npre].b1 = m1;
			trim_end(s, m0, &l->pre[l->npre].b1);
			l->pre[l->npre].reason = R->rule[rule].reason;
			l->npre++;
			l->b0 = m1;
			skip_space(s, &l->b0, l->b1);
		}
		break;
	}
	if (w->err)
		return -1;

	/* metadata */
	if (o->metadata) {
		size_t k;
		int have_after = 0;

		/* date: a date line, then the dateline, then a weekday
		 * date in the first paragraphs */
		for (k = 0; k < w->nmeta && !r->has_date; k++) {
			struct meta *m = &w->meta[k];

			if (m->kind != R->r_date)
				continue;
			if (cl_parse_date(w->metabuf.p + m->b0, m->b1 - m->b0,
			    dbuf, &days) && (days < 0 || days <= o->now_days + 1)) {
				sb_adds(&r->date, dbuf);
				r->has_date = 1;
			}
		}
		if (!r->has_date && r->has_dateline &&
		    cl_parse_date(r->dateline.p, r->dateline.len, dbuf, &days) &&
		    (days < 0 || days <= o->now_days + 1)) {
			sb_adds(&r->date, dbuf);
			r->has_date = 1;
		}
		if (!r->has_date && first_body >= 0) {
			int seen = 0;

			for (i = first_body; i < nl && seen < 2; i++) {
				struct line *l = &w->ln[i];

				if (!kept(l) || l->nw == 0)
					continue;
				seen++;
				if (weekday_date(s + l->b0, l->b1 - l->b0, dbuf,
				    &days) && (days < 0 ||
				    days <= o->now_days + 1)) {
					sb_adds(&r->date, dbuf);
					r->has_date = 1;
					break;
				}
			}
		}
		/* byline: the credit lines under the title, else any, else
		 * the author box */
		for (k = 0; k < w->nmeta; k++)
			if (w->meta[k].kind == R->r_byline &&
			    w->meta[k].line > title)
				have_after = 1;
		for (k = 0; k < w->nmeta; k++) {
			struct meta *m = &w->meta[k];

			if (m->kind != R->r_byline || (have_after &&
			    m->line < title))
				continue;
			clean_name(w->metabuf.p + m->b0, m->b1 - m->b0,
			    &r->byline);
		}
		if (r->byline.len == 0)
			for (k = 0; k < w->nmeta; k++)
				if (w->meta[k].kind == -2) {
					clean_name(w->metabuf.p + w->meta[k].b0,
					    w->meta[k].b1 - w->meta[k].b0,
					    &r->byline);
					break;
				}
		r->has_byline = r->byline.len > 0;
		for (k = 0; k < w->nmeta && !r->has_origin; k++)
			if (w->meta[k].kind == R->r_origin) {
				clean_name(w->metabuf.p + w->meta[k].b0,
				    w->meta[k].b1 - w->meta[k].b0, &r->origin);
				r->has_origin = r->origin.len > 0;
			}
	}

	/* write out: body, boilerplate in page order, links */
	{
		int prev = -1;

		for (i = 0; i < nl; i++) {
			struct line *l = &w->ln[i];
			int k;

			for (k = 0; k < l->npre; k++)
				boiler(w, l->pre[k].b0, l->pre[k].b1,
				    l->pre[k].reason, &nb);
			if (!kept(l)) {
				boiler(w, l->b0, l->b1, l->reason, &nb);
			} else if (l->b1 > l->b0) {
				const char *p = s + l->b0, *e = s + l->b1;

				if (prev >= 0)
					sb_adds(&r->text, w->ln[prev].block ==
					    l->block ? "\n" : "\n\n");
				sb_add(&r->text, p, (size_t)(e - p));
				prev = i;
				/* inline links */
				while (o->metadata && (p = memmem(p,
				    (size_t)(e - p), "http", 4)) != NULL) {
					const char *q = p;

					if ((p == s + l->b0 || p[-1] == ' ' ||
					    p[-1] == '(') &&
					    starts_url(p, (size_t)(e - p))) {
						while (q < e && !is_space(*q))
							q++;
						add_link(w, p, (size_t)(q - p));
						p = q;
					} else
						p += 4;
				}
			}
			for (k = 0; k < l->npost; k++)
				boiler(w, l->post[k].b0, l->post[k].b1,
				    l->post[k].reason, &nb);
		}
		sb_adds(&r->boiler, nb ? "]" : "[]");
		sb_adds(&r->links, r->nlinks ? "]" : "[]");
	}
	return 0;
}
