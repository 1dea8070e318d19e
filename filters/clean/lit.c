/*
 * lit.c: required literals of the regex rules, to skip hopeless pcre2
 * calls. For each rule a small set of ASCII strings is found such that
 * every match holds one of them; a scope's set is the union over its
 * rules. A line that holds none of its scope's strings cannot match, and
 * the scope's pattern is not run on it. The reading of the pattern is
 * conservative: anything it does not know gives the rule no set, and a
 * scope with such a rule is always run.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rules.h"

#define SET_MAX 16	/* strings in one rule's set */

/* a set of required strings; n < 0: none found */
struct lset {
	int n;
	struct cl_lit v[SET_MAX];
	unsigned char at0[SET_MAX];	/* the string starts the sequence */
};

/* the reader's state */
struct lread {
	const char *p;
	int caseless;		/* (?i) at the start */
	int bad;		/* something not understood */
};

static void parse_alt(struct lread *r, struct lset *out);

static int
is_word_byte(unsigned char b)
{
	return (unsigned)((b | 32) - 'a') < 26 || (unsigned)(b - '0') < 10 ||
	    b == '_';
}

static unsigned char
lower(unsigned char b)
{
	return (unsigned)(b - 'A') < 26 ? b | 32 : b;
}

/* ASCII characters that stand for themselves outside a class */
static int
is_plain(unsigned char b)
{
	return b >= 0x20 && b < 0x7F && strchr("\\^$.|?*+()[]{}", b) == NULL;
}

/* the weakest string of a set: its worth as a filter */
static int
set_score(const struct lset *s)
{
	int i, m = 1000;

	if (s->n <= 0)
		return -1;
	for (i = 0; i < s->n; i++)
		if (s->v[i].len + s->v[i].wstart < m)
			m = s->v[i].len + s->v[i].wstart;
	return m;
}

/* keep cand in best when it filters better */
static void
take_best(struct lset *best, const struct lset *cand)
{
	int a = set_score(cand), b = set_score(best);

	if (a > b || (a == b && a >= 0 && cand->n < best->n))
		*best = *cand;
}

/*
 * Read a quantifier at r->p, if any: returns its minimum (0 for ? * and
 * {0,...}), 1 for none; -1 and r->bad when a brace is not a quantifier.
 */
static int
quantifier(struct lread *r)
{
	const char *p = r->p;
	long lo;
	char *e;

	if (*p == '?' || *p == '*' || *p == '+') {
		r->p++;
		if (*r->p == '?' || *r->p == '+')
			r->p++;
		return *p == '+';
	}
	if (*p != '{')
		return 1;
	if (p[1] < '0' || p[1] > '9') {
		r->bad = 1;
		return -1;
	}
	lo = strtol(p + 1, &e, 10);
	if (*e == ',') {
		e++;
		while (*e >= '0' && *e <= '9')
			e++;
	}
	if (*e != '}') {
		r->bad = 1;
		return -1;
	}
	r->p = e + 1;
	if (*r->p == '?' || *r->p == '+')
		r->p++;
	return lo > 0;
}

/* skip a character class; r->p is after the '[' */
static void
skip_class(struct lread *r)
{
	const char *p = r->p;

	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p != '\0' && *p != ']') {
		/* a '[' inside: POSIX classes, whose rules for what is a
		 * name and what a literal are pcre2's; not read here */
		if (*p == '[') {
			r->bad = 1;
			return;
		}
		if (*p == '\\' && p[1] != '\0')
			p++;
		p++;
	}
	if (*p != ']')
		r->bad = 1;
	else
		r->p = p + 1;
}

/*
 * Read an escape; r->p is after the backslash. Returns the literal
 * character, 0 for an atom that is no literal, 'b' | 0x100 for \b.
 */
static int
escape(struct lread *r)
{
	unsigned char c = (unsigned char)*r->p;

	if (c == '\0') {
		r->bad = 1;
		return 0;
	}
	r->p++;
	if (c < 0x80 && !((c | 32) >= 'a' && (c | 32) <= 'z') &&
	    !(c >= '0' && c <= '9'))
		return c;		/* escaped punctuation */
	if (c == 'b')
		return 'b' | 0x100;
	if (strchr("BdDsSwWhHvVRAzZG", c) != NULL)
		return 0;
	if (c == 'p' || c == 'P' || c == 'x') {
		if (*r->p == '{') {
			const char *e = strchr(r->p, '}');

			if (e == NULL) {
				r->bad = 1;
				return 0;
			}
			r->p = e + 1;
		} else if (c == 'x') {
			while ((*r->p >= '0' && *r->p <= '9') ||
			    ((*r->p | 32) >= 'a' && (*r->p | 32) <= 'f'))
				r->p++;
		} else if (*r->p != '\0')
			r->p++;
		return 0;
	}
	r->bad = 1;		/* back references, \Q, \K...: not read */
	return 0;
}

/* end the literal run: offer it as a candidate */
static void
end_run(struct lread *r, struct cl_lit *run, int run_at0,
    struct lset *best)
{
	struct lset one;

	if (run->len > 0) {
		one.n = 1;
		one.v[0] = *run;
		one.v[0].caseless = (unsigned char)r->caseless;
		one.at0[0] = (unsigned char)run_at0;
		take_best(best, &one);
	}
	memset(run, 0, sizeof(*run));
}

/* add a character to the run; a long run keeps its first bytes */
static void
run_add(struct cl_lit *run, unsigned char c, int caseless)
{
	if (run->len < LIT_LEN)
		run->s[run->len++] = (char)(caseless ? lower(c) : c);
}

/* a group: (?: ( (?<name> (?P<name> (?'name' or a lookaround; r->p is
 * after the '('. Fills g (n < 0: not usable); returns 0 for a
 * lookaround, whose strings are not required where they stand */
static int
group(struct lread *r, struct lset *g)
{
	const char *p = r->p;
	int look = 0;

	if (*p == '?') {
		if (p[1] == ':')
			r->p = p + 2;
		else if (p[1] == '=' || p[1] == '!')
			r->p = p + 2, look = 1;
		else if (p[1] == '<' && (p[2] == '=' || p[2] == '!'))
			r->p = p + 3, look = 1;
		else if (p[1] == '<' || p[1] == '\'' || (p[1] == 'P' &&
		    p[2] == '<')) {
			const char *e = strpbrk(p + 2, ">'");

			if (e == NULL) {
				r->bad = 1;
				return 0;
			}
			r->p = e + 1;
		} else {
			r->bad = 1;	/* flags, atomic groups, ... */
			return 0;
		}
	} else if (*p == '*') {
		r->bad = 1;		/* verbs */
		return 0;
	}
	parse_alt(r, g);
	if (*r->p != ')') {
		r->bad = 1;
		return 0;
	}
	r->p++;
	return !look;
}

/*
 * A sequence up to | or ) or the end: the best set of strings that every
 * match of it holds, in out.
 */
static void
parse_seq(struct lread *r, struct lset *out)
{
	struct cl_lit run;
	struct lset g;
	int run_at0 = 0, first = 1, after_b = 0, i;

	memset(&run, 0, sizeof(run));
	out->n = -1;
	while (!r->bad && *r->p != '\0' && *r->p != '|' && *r->p != ')') {
		unsigned char c = (unsigned char)*r->p;
		int lit = -1, min, prev_b = after_b, at0 = first;
		const char *q;

		after_b = 0;
		first = 0;
		r->p++;
		if (c >= 0x80)
			lit = 0;	/* a byte of a UTF-8 character */
		else if (c == '\\') {
			lit = escape(r);
			if (lit == ('b' | 0x100)) {
				lit = 0;
				after_b = 1;
			}
		} else if (c == '[') {
			skip_class(r);
			lit = 0;
		} else if (c == '(') {
			int req = group(r, &g);

			end_run(r, &run, run_at0, out);
			min = quantifier(r);
			if (!req || min <= 0 || g.n <= 0)
				continue;
			for (i = 0; i < g.n; i++) {
				if (prev_b && g.at0[i] &&
				    is_word_byte((unsigned char)g.v[i].s[0]))
					g.v[i].wstart = 1;
				g.at0[i] = (unsigned char)(g.at0[i] && at0);
			}
			take_best(out, &g);
			continue;
		} else if (is_plain(c))
			lit = c;
		else if (c == '.' || c == '^' || c == '$' || c == ']' ||
		    c == '}')
			lit = 0;
		else {
			r->bad = 1;	/* a quantifier with nothing before */
			break;
		}
		q = r->p;
		min = quantifier(r);
		if (lit <= 0 || min == 0) {
			end_run(r, &run, run_at0, out);
			continue;
		}
		if (run.len == 0) {
			run_at0 = at0;
			run.wstart = (unsigned char)(prev_b &&
			    is_word_byte((unsigned char)lit));
		}
		run_add(&run, (unsigned char)lit, r->caseless);
		if (r->p != q)
			end_run(r, &run, run_at0, out);	/* repeated */
	}
	end_run(r, &run, run_at0, out);
}

/* branches up to ) or the end: the union of their sets */
static void
parse_alt(struct lread *r, struct lset *out)
{
	struct lset b;
	int i, none = 0;

	out->n = 0;
	for (;;) {
		parse_seq(r, &b);
		if (b.n <= 0 || out->n + b.n > SET_MAX)
			none = 1;
		for (i = 0; !none && i < b.n; i++) {
			out->v[out->n] = b.v[i];
			out->at0[out->n++] = b.at0[i];
		}
		if (r->bad || *r->p != '|')
			break;
		r->p++;
	}
	if (none)
		out->n = -1;
}

/* two bytes as a key of the pair table, ASCII case folded */
static unsigned
pair_key(unsigned char a, unsigned char b)
{
	return (unsigned)lower(a) << 8 | lower(b);
}

/* how rare a byte is in English text, roughly: 0 common, 26 rare */
static int
rarity(unsigned char b)
{
	static const char order[] = "etaoinsrhldcumfpgwybvkxjqz";
	const char *p;

	b = lower(b);
	if (b == ' ')
		return 0;
	if (b < 'a' || b > 'z')
		return 26;
	p = strchr(order, b);
	return (int)(p - order);
}

/* the offset of the rarest byte pair of l: the one the scan looks for */
static unsigned char
rare_pair(const struct cl_lit *l)
{
	int d, best = 0, score, bestscore = -1;

	for (d = 0; d + 1 < l->len; d++) {
		score = rarity((unsigned char)l->s[d]) +
		    rarity((unsigned char)l->s[d + 1]);
		if (score > bestscore) {
			bestscore = score;
			best = d;
		}
	}
	return (unsigned char)best;
}

/*
 * Add the required strings of one rule's (expanded) pattern to pf; a
 * rule without them turns pf off.
 */
void
lit_add_rule(struct cl_prefilter *pf, const char *pat)
{
	struct lread r;
	struct lset s;
	unsigned k;
	int i;

	if (!pf->on)
		return;
	r.p = pat;
	r.caseless = 0;
	r.bad = 0;
	if (strncmp(pat, "(?i)", 4) == 0) {
		r.caseless = 1;
		r.p += 4;
	}
	parse_alt(&r, &s);
	if (r.bad || *r.p != '\0' || s.n <= 0 || pf->n + s.n > LIT_N) {
		pf->on = 0;
		return;
	}
	for (i = 0; i < s.n; i++) {
		struct cl_lit *l = &s.v[i];

		if (l->len < 2) {
			pf->on = 0;
			return;
		}
		l->off = rare_pair(l);
		k = pair_key((unsigned char)l->s[l->off],
		    (unsigned char)l->s[l->off + 1]);
		l->key = (unsigned short)k;
		pf->lit[pf->n++] = *l;
		pf->pair[k >> 3] |= (unsigned char)(1 << (k & 7));
		pf->caseless |= l->caseless;
	}
}

/* the literal l at s[i..n), the subject starting at s[0] */
static int
lit_at(const struct cl_lit *l, const char *s, size_t i, size_t n)
{
	size_t k;

	if (n - i < l->len)
		return 0;
	if (l->wstart && i > 0 && is_word_byte((unsigned char)s[i - 1]))
		return 0;
	if (!l->caseless)
		return memcmp(s + i, l->s, l->len) == 0;
	for (k = 0; k < l->len; k++)
		if (lower((unsigned char)s[i + k]) != (unsigned char)l->s[k])
			return 0;
	return 1;
}

/*
 * 1 when the subject s[0..n) may hold a match of the scope's rules: it
 * holds one of the strings. Caseless, K (the Kelvin sign) matches k and
 * ſ (long s) matches s: a subject with either is always run.
 */
int
lit_maybe(const struct cl_prefilter *pf, const char *s, size_t n)
{
	size_t i;
	unsigned pair;
	int k;

	for (i = 0; i + 1 < n; i++) {
		unsigned char a = (unsigned char)s[i];

		if (a >= 0x80 && pf->caseless && ((a == 0xC5 &&
		    (unsigned char)s[i + 1] == 0xBF) || (a == 0xE2 &&
		    i + 2 < n && (unsigned char)s[i + 1] == 0x84 &&
		    (unsigned char)s[i + 2] == 0xAA)))
			return 1;
		pair = pair_key(a, (unsigned char)s[i + 1]);
		if (!(pf->pair[pair >> 3] & (1 << (pair & 7))))
			continue;
		for (k = 0; k < pf->n; k++) {
			const struct cl_lit *l = &pf->lit[k];

			if (l->key == pair && i >= l->off &&
			    lit_at(l, s, i - l->off, n))
				return 1;
		}
	}
	return 0;
}
